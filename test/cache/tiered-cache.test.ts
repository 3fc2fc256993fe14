/**
 * The tiered cache against a real Redis (127.0.0.1:6379): the in-process tier, the shared tier
 * across cache instances (as across processes), TTLs per kind, one computation per cold key, and
 * serving on when Redis is down or goes away.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { connectRedis, DEFAULT_TTLS, TieredCache, ttlsFromEnv, waitForRedis } from '../../src/cache/index.js';
import { SharplineError } from '../../src/errors.js';

const REDIS_URL = process.env.SHARPLINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// A prefix per run, so parallel runs and leftovers never meet.
const prefix = `sl-test-${process.pid}-${randomBytes(4).toString('hex')}:`;
const clients: Redis[] = [];
async function redis(url = REDIS_URL, waitMs = 2000): Promise<Redis> {
  const client = connectRedis(url);
  clients.push(client);
  await waitForRedis(client, waitMs);
  return client;
}

afterAll(async () => {
  const first = clients.find((c) => c.status === 'ready');
  if (first) {
    const keys = await first.keys(`${prefix}*`);
    if (keys.length) await first.del(...keys);
  }
  for (const c of clients) c.disconnect();
});

describe('TTLs per kind', () => {
  it('defaults to 6 h team stats, 15 min predictions, 5 min odds, 24 h models, and reads overrides', () => {
    expect(DEFAULT_TTLS).toMatchObject({ team: 21600, prediction: 900, odds: 300, model: 86400 });
    expect(ttlsFromEnv({ SHARPLINE_CACHE_TTL_ODDS: '60' })).toMatchObject({ odds: 60, prediction: 900 });
    expect(() => ttlsFromEnv({ SHARPLINE_CACHE_TTL_TEAM: 'soon' })).toThrow(SharplineError);
    expect(() => ttlsFromEnv({ SHARPLINE_CACHE_TTL_TEAM: '-5' })).toThrow(/SHARPLINE_CACHE_TTL_TEAM must be a positive number/);
  });
});

describe('in-process tier', () => {
  it('answers from memory, expires by the kind\'s TTL, and computes a cold key once under concurrency', async () => {
    const cache = new TieredCache({ ttls: { ...DEFAULT_TTLS, odds: 0.05 } });
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { price: 1.91, n: computed };
    };
    const burst = await Promise.all(Array.from({ length: 20 }, () => cache.getJson('odds', 'g1', compute)));
    expect(computed).toBe(1);
    expect(new Set(burst.map((h) => h.json)).size).toBe(1);
    expect((await cache.getJson('odds', 'g1', compute)).tier).toBe('memory');
    await new Promise((r) => setTimeout(r, 80));
    expect((await cache.getJson('odds', 'g1', compute)).tier).toBe('computed');
    expect(computed).toBe(2);
    expect(cache.counters.requests.odds).toEqual({ memory: 1, redis: 0, computed: 2 });
  });

  it('drops everything when the store generation changes', async () => {
    const cache = new TieredCache({ ttls: DEFAULT_TTLS });
    cache.setGeneration('r1');
    await cache.getJson('prediction', 'k', async () => 1);
    expect(cache.setGeneration('r1')).toBe(false);
    expect((await cache.getJson('prediction', 'k', async () => 1)).tier).toBe('memory');
    expect(cache.setGeneration('r2')).toBe(true);
    expect((await cache.getJson('prediction', 'k', async () => 2)).json).toBe('2');
  });
});

describe('Redis tier', () => {
  it('shares entries between caches (processes) on the same generation, with the kind\'s TTL in Redis', async () => {
    const [a, b] = [new TieredCache({ ttls: DEFAULT_TTLS, redis: await redis(), prefix }), new TieredCache({ ttls: DEFAULT_TTLS, redis: await redis(), prefix })];
    a.setGeneration('g7');
    b.setGeneration('g7');
    expect(a.redisUp && b.redisUp).toBe(true);
    expect((await a.getJson('prediction', 'game:1', async () => ({ p: 0.61 }))).tier).toBe('computed');
    await new Promise((r) => setTimeout(r, 30)); // the Redis write is not awaited by the request
    const hit = await b.getJson('prediction', 'game:1', async () => ({ p: 0 }));
    expect(hit).toEqual({ json: '{"p":0.61}', tier: 'redis' });
    expect((await b.getJson('prediction', 'game:1', async () => ({ p: 0 }))).tier).toBe('memory');
    const ttl = await clients[0]!.ttl(`${prefix}g7:prediction:game:1`);
    expect(ttl).toBeGreaterThan(890);
    expect(ttl).toBeLessThanOrEqual(900);
    // Another generation never reads the old entry.
    b.setGeneration('g8');
    expect((await b.getJson('prediction', 'game:1', async () => ({ p: 0.5 }))).tier).toBe('computed');
  });

  it('serves from memory and compute when Redis is down, and when it goes away mid-flight', async () => {
    const down = new TieredCache({ ttls: DEFAULT_TTLS, redis: await redis('redis://127.0.0.1:6399', 200), prefix });
    expect(down.redisUp).toBe(false);
    const t0 = performance.now();
    expect((await down.getJson('team', 't', async () => 'x')).tier).toBe('computed');
    expect((await down.getJson('team', 't', async () => 'y')).json).toBe('"x"');
    // Nothing waits for the absent Redis (a queued command would wait for a reconnect: seconds); the
    // bound leaves room for a loaded CI machine's pauses.
    expect(performance.now() - t0).toBeLessThan(500);

    const client = await redis();
    const going = new TieredCache({ ttls: DEFAULT_TTLS, redis: client, prefix });
    going.setGeneration('g9');
    await going.getJson('team', 'a', async () => 1);
    client.disconnect(); // as when Redis stops
    await expect.poll(() => going.redisUp, { timeout: 1000, interval: 5 }).toBe(false);
    expect((await going.getJson('team', 'b', async () => 2)).tier).toBe('computed');
    expect((await going.getJson('team', 'a', async () => 3)).json).toBe('1');
  });
});
