/**
 * @module collect/token-bucket
 * A per-source token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each request
 * takes one, waiting when none is left. cockatiel has no rate limiter (its bulkhead caps
 * concurrency, not rate), so this is the one small piece we keep ourselves. The clock and the sleep
 * are injectable so tests run without real waiting.
 */

/** Time source and sleeper; defaults are the real clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TokenBucketOptions {
  /** Tokens added per second (requests per second sustained). Default 1, as the paid APIs allow. */
  readonly ratePerSecond: number;
  /** Most tokens held at once (requests allowed back to back after a pause). Default 1. */
  readonly burst?: number;
  readonly clock?: Clock;
}

/** A token bucket; `take()` resolves once a token was taken. Calls are served in arrival order. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly burst: number;
  private readonly clock: Clock;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${options.ratePerSecond}`);
    this.burst = Math.max(1, options.burst ?? 1);
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  /** Waits for and takes one token. */
  take(): Promise<void> {
    // Chained so concurrent callers queue instead of all seeing the same refill.
    const next = this.queue.then(() => this.takeNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.options.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.options.ratePerSecond) * 1000));
    }
  }
}
