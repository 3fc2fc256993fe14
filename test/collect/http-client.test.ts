/**
 * The HTTP client's policies against a real local server: Retry-After honoured on 429, 5xx retried
 * with backoff, a hang cut by the timeout, other 4xx not retried, the breaker opening after failures
 * in a row and failing fast, its state surviving into a new client, quota headers tracked, and the
 * token bucket pacing requests (on an injected clock, so no real waiting).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, parseRetryAfter } from '../../src/collect/http-client.js';
import { TokenBucket, type Clock } from '../../src/collect/token-bucket.js';
import { isSharplineError } from '../../src/errors.js';
import { oddsApiHandler } from './fixtures.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(oddsApiHandler);
});
afterAll(() => server.close());

/** Fast settings: no pacing to speak of, tiny backoff, seeded jitter. */
const fast = (extra: Record<string, unknown> = {}) =>
  createHttpClient({ source: 'the-odds-api', baseUrl: server.url, ratePerSecond: 1000, burst: 10, timeoutMs: 300, initialDelayMs: 5, maxDelayMs: 2000, random: () => 0.5, ...extra });

describe('http client', () => {
  it('honours Retry-After on 429 and reports quota headers', async () => {
    server.addFault({ kind: 'status', status: 429, retryAfter: '1', times: 1, match: (u) => u.pathname === '/v4/sports' });
    const client = fast();
    const started = Date.now();
    const response = await client.get('/v4/sports', { apiKey: 'secret' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(response.attempts).toBe(2);
    expect(response.url).toBe('/v4/sports'); // the key never appears in URLs we keep
    expect(client.stats.quota).toEqual({ remaining: 480, used: 20, last: 3 });
  });

  it('retries 500s and a hang past the timeout, then succeeds', async () => {
    server.addFault({ kind: 'status', status: 500, times: 2, match: (u) => u.pathname.endsWith('/scores') });
    server.addFault({ kind: 'hang', times: 1, match: (u) => u.pathname.endsWith('/scores') });
    const client = fast();
    const response = await client.get('/v4/sports/basketball_nba/scores', { apiKey: 'k' });
    expect(response.attempts).toBe(4);
    expect(client.stats.retries).toBe(3);
    expect(JSON.parse(response.body)).toHaveLength(3);
  });

  it('does not retry a 401 and names source, URL and status in the error', async () => {
    server.addFault({ kind: 'status', status: 401, times: 1, match: (u) => u.pathname === '/v4/sports' });
    const client = fast();
    const error = await client.get('/v4/sports', { apiKey: 'k' }).catch((e: unknown) => e);
    expect(isSharplineError(error) && error.code).toBe('SL_SOURCE_HTTP');
    expect((error as Error).message).toMatch(/^the-odds-api: GET \/v4\/sports failed after 1 attempt\(s\): HTTP 401/);
  });

  it('opens the breaker after failures in a row, fails fast, and a new client restored from its state stays open', async () => {
    server.addFault({ kind: 'status', status: 503, times: 6, match: (u) => u.pathname.endsWith('/odds') && !u.pathname.includes('historical') });
    const client = fast({ maxAttempts: 3, breakerThreshold: 2, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 2; i++) await expect(client.get('/v4/sports/basketball_nba/odds', { apiKey: 'k' })).rejects.toThrow(/HTTP 503/);
    expect(client.breakerState()).toBe('open');
    const before = server.requests.length;
    await expect(client.get('/v4/sports/basketball_nba/odds', { apiKey: 'k' })).rejects.toThrow(/circuit breaker is open/);
    expect(server.requests.length).toBe(before); // fail fast: the source was not called
    const restored = fast({ breakerState: client.breakerJson(), halfOpenAfterMs: 60_000 });
    expect(restored.breakerState()).toBe('open');
    expect(restored.breakerOpenedAt()).toBe(client.breakerOpenedAt());
    await expect(restored.get('/v4/sports/basketball_nba/odds', { apiKey: 'k' })).rejects.toThrow(/circuit breaker is open/);
    // Half-open after the wait: one trial request, which succeeds and closes the breaker.
    const later = fast({ breakerState: client.breakerJson(), halfOpenAfterMs: 1 });
    await new Promise((r) => setTimeout(r, 5));
    await later.get('/v4/sports/basketball_nba/odds', { apiKey: 'k' });
    expect(later.breakerState()).toBe('closed');
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});

describe('token bucket', () => {
  it('paces to the configured rate after the burst', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const clock: Clock = { now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 2, clock });
    for (let i = 0; i < 6; i++) await bucket.take();
    // 2 at once, then one every 500 ms: 4 more takes cost 2 s of (virtual) waiting.
    expect(now).toBe(2000);
    expect(sleeps.every((ms) => ms === 500)).toBe(true);
  });
});
