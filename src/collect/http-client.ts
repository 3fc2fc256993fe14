/**
 * @module collect/http-client
 * One HTTP client per source, with cockatiel's policies around every request:
 *
 *   circuit breaker ( retry with backoff ( rate limit → timeout ( fetch ) ) )
 *
 * - the token bucket paces every attempt, retries included (a 429 is the provider asking for less);
 * - each attempt has a timeout that aborts the socket (a hang never blocks the window);
 * - 429, 5xx, timeouts and network errors are retried with exponential backoff and full jitter,
 *   except that a `Retry-After` header (seconds or an HTTP date) wins over the computed delay;
 * - other 4xx (bad key, bad request) fail at once: retrying cannot fix them;
 * - the breaker counts requests that failed after their retries; once open it fails fast, and its
 *   state (cockatiel's `toJSON`) is what `breaker-store` persists in `ops.source_health`.
 */
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import { SharplineError } from '../errors.js';
import { SYSTEM_CLOCK, TokenBucket, type Clock } from './token-bucket.js';

/** How one source is called. Every field but `source` and `baseUrl` has a default. */
export interface HttpClientOptions {
  readonly source: string;
  readonly baseUrl: string;
  /** Sustained requests per second (default 1). */
  readonly ratePerSecond?: number;
  /** Requests allowed back to back (default 1). */
  readonly burst?: number;
  /** Per-attempt timeout, headers and body (default 15 000 ms). */
  readonly timeoutMs?: number;
  /** Attempts per request, the first included (default 5). */
  readonly maxAttempts?: number;
  /** First backoff delay before jitter (default 1 000 ms); doubles per attempt. */
  readonly initialDelayMs?: number;
  /** Longest backoff, Retry-After included (default 60 000 ms). */
  readonly maxDelayMs?: number;
  /** Failed requests in a row that open the breaker (default 5). */
  readonly breakerThreshold?: number;
  /** How long an open breaker waits before letting one request try (default 300 000 ms). */
  readonly halfOpenAfterMs?: number;
  /** A breaker state saved by an earlier process (`CircuitBreakerPolicy.toJSON()`). */
  readonly breakerState?: unknown;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Uniform [0, 1) numbers for jitter; seed it in tests. Default Math.random. */
  readonly random?: () => number;
  readonly clock?: Clock;
}

/** A response body as received, with what the collector needs to know about it. */
export interface HttpResponse {
  /** The URL requested, query included, secrets (apiKey) removed. */
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** When the body finished arriving: ISO-8601 UTC. */
  readonly fetchedAt: string;
  /** Attempts this response took (1 = no retry). */
  readonly attempts: number;
}

/** A non-2xx status; `retryAfterMs` from the Retry-After header, when present. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs: number | null,
    readonly bodyExcerpt: string,
  ) {
    super(`HTTP ${status} from ${url}${bodyExcerpt ? `: ${bodyExcerpt}` : ''}`);
    this.name = 'HttpStatusError';
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** What happened to the requests a client made (for `health sources` and the collect summary). */
export interface HttpClientStats {
  requests: number;
  attempts: number;
  retries: number;
  failures: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  /** The Odds API's `x-requests-*` headers from the latest response that had them. */
  quota: { remaining: number | null; used: number | null; last: number | null } | null;
}

export type BreakerStateName = 'closed' | 'open' | 'half_open' | 'isolated';

/** A source's HTTP client; `get` throws a `SharplineError('SL_SOURCE_HTTP')` when a request finally fails. */
export interface HttpClient {
  readonly source: string;
  readonly baseUrl: string;
  readonly stats: HttpClientStats;
  get(path: string, query?: Readonly<Record<string, string | number | undefined>>): Promise<HttpResponse>;
  breakerState(): BreakerStateName;
  /** The breaker's state as cockatiel serialises it, to persist. */
  breakerJson(): unknown;
  /** When the breaker last opened (ISO), while it is open. */
  breakerOpenedAt(): string | null;
}

const STATE_NAMES: Record<number, BreakerStateName> = { 0: 'closed', 1: 'open', 2: 'half_open', 3: 'isolated' };

/** Query parameters never written to URLs we store or print. */
const SECRET_PARAMS = new Set(['apikey', 'api_key', 'key', 'token']);

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Builds the client for one source. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const random = options.random ?? Math.random;
  const bucket = new TokenBucket({ ratePerSecond: options.ratePerSecond ?? 1, burst: options.burst, clock });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const stats: HttpClientStats = { requests: 0, attempts: 0, retries: 0, failures: 0, lastSuccessAt: null, lastFailureAt: null, lastError: null, quota: null };

  const isTransient = (error: Error) =>
    error instanceof TaskCancelledError || (error instanceof HttpStatusError && error.retryable) || error instanceof TypeError; // fetch: network errors are TypeErrors
  // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in [0, cap].
  // A Retry-After the provider sent is obeyed as is (capped), without jitter.
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
    const error = 'error' in context.result ? context.result.error : undefined;
    if (error instanceof HttpStatusError && error.retryAfterMs !== null) return Math.min(maxDelayMs, error.retryAfterMs);
    const cap = Math.min(maxDelayMs, initialDelayMs * 2 ** (context.attempt - 1));
    return Math.round(random() * cap);
  });
  const retryPolicy = retry(handleWhen(isTransient), { maxAttempts: Math.max(0, (options.maxAttempts ?? 5) - 1), backoff });
  retryPolicy.onRetry(() => stats.retries++);
  const breaker: CircuitBreakerPolicy = circuitBreaker(handleWhen((error) => !(error instanceof BrokenCircuitError)), {
    halfOpenAfter: options.halfOpenAfterMs ?? 300_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    ...(options.breakerState ? { initialState: options.breakerState } : {}),
  });
  let openedAt: string | null = null;
  // The breaker's own timestamp, not ours: a client restored from breakerJson() reads that one,
  // and the two clocks can be a millisecond apart.
  breaker.onBreak(() => (openedAt = readOpenedAt(breaker.toJSON()) ?? new Date(clock.now()).toISOString()));
  breaker.onReset(() => (openedAt = null));
  const timeoutPolicy = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const restoredOpenedAt = readOpenedAt(options.breakerState);
  if (restoredOpenedAt) openedAt = restoredOpenedAt;

  async function attempt(url: URL, shownUrl: string): Promise<HttpResponse> {
    await bucket.take();
    stats.attempts++;
    return timeoutPolicy.execute(async ({ signal }) => {
      const response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal });
      const body = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      trackQuota(stats, headers);
      if (!response.ok) {
        throw new HttpStatusError(response.status, shownUrl, parseRetryAfter(response.headers.get('retry-after'), clock.now()), body.slice(0, 200).replace(/\s+/g, ' '));
      }
      return { url: shownUrl, status: response.status, headers, body, fetchedAt: new Date(clock.now()).toISOString(), attempts: 0 };
    });
  }

  return {
    source: options.source,
    baseUrl: options.baseUrl,
    stats,
    async get(path, query = {}) {
      const url = new URL(path.replace(/^\//, ''), options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
      for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
      const shown = new URL(url);
      for (const key of [...shown.searchParams.keys()]) if (SECRET_PARAMS.has(key.toLowerCase())) shown.searchParams.delete(key);
      const shownUrl = `${shown.pathname}${shown.search}`;
      stats.requests++;
      const before = stats.attempts;
      try {
        const response = await breaker.execute(() => retryPolicy.execute(() => attempt(url, shownUrl)));
        stats.lastSuccessAt = response.fetchedAt;
        return { ...response, attempts: stats.attempts - before };
      } catch (error) {
        stats.failures++;
        stats.lastFailureAt = new Date(clock.now()).toISOString();
        const reason = describeFailure(error, timeoutMs);
        stats.lastError = `${shownUrl}: ${reason}`;
        throw new SharplineError('SL_SOURCE_HTTP', `${options.source}: GET ${shownUrl} failed after ${stats.attempts - before} attempt(s): ${reason}`, {
          cause: error,
          details: { source: options.source, url: shownUrl, status: error instanceof HttpStatusError ? error.status : null, breakerOpen: error instanceof BrokenCircuitError },
        });
      }
    },
    breakerState: () => STATE_NAMES[breaker.state] ?? 'closed',
    breakerJson: () => breaker.toJSON(),
    breakerOpenedAt: () => (breaker.state === 0 ? null : openedAt),
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof BrokenCircuitError) return 'circuit breaker is open (too many failures in a row); not calling the source until it half-opens';
  if (error instanceof TaskCancelledError) return `no complete response within ${timeoutMs} ms (timeout)`;
  if (error instanceof HttpStatusError) return `HTTP ${error.status}${error.bodyExcerpt ? ` (${error.bodyExcerpt})` : ''}`;
  if (error instanceof Error) return `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`;
  return String(error);
}

function trackQuota(stats: HttpClientStats, headers: Record<string, string>): void {
  const num = (name: string) => (headers[name] !== undefined && headers[name] !== '' && Number.isFinite(Number(headers[name])) ? Number(headers[name]) : null);
  const remaining = num('x-requests-remaining');
  const used = num('x-requests-used');
  const last = num('x-requests-last');
  if (remaining !== null || used !== null || last !== null) stats.quota = { remaining, used, last };
}

// cockatiel's toJSON keeps `openedAt` as epoch ms inside `ownState` (0 once half-open).
function readOpenedAt(state: unknown): string | null {
  const own = (state as { ownState?: { openedAt?: number } } | undefined)?.ownState;
  return own?.openedAt ? new Date(own.openedAt).toISOString() : null;
}
