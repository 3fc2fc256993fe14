/**
 * @module cache/invalidation
 * Keeps a cache's generation in step with the store. Two paths, so invalidation is robust across
 * processes and hosts: every process polls the store fingerprint at most every `intervalMs` (it
 * notices writes by any process, including CLI commands that know nothing of the cache), and a
 * process that changed data itself publishes on Redis so the others re-check at once instead of at
 * their next poll.
 */
import type { Redis } from 'ioredis';
import type { Database } from '../store/database.js';
import { storeFingerprint } from './fingerprint.js';
import { redisReady } from './redis.js';
import type { TieredCache } from './tiered-cache.js';

/** The Redis channel invalidations are announced on. */
export const INVALIDATION_CHANNEL = 'sl:invalidate';

export interface InvalidatorOptions {
  /** Poll the fingerprint this often, in milliseconds. Default 2,000. */
  intervalMs?: number;
  /** A dedicated Redis connection for SUBSCRIBE (a subscribed client can run nothing else). */
  subscriber?: Redis | null;
  /** The connection to PUBLISH on. */
  publisher?: Redis | null;
}

export class CacheInvalidator {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<boolean> | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly cache: TieredCache,
    private readonly options: InvalidatorOptions = {},
  ) {}

  /** The last fingerprint check's error message, or null when it worked. */
  get error(): string | null {
    return this.lastError;
  }

  /** Sets the generation from the store, then keeps it in step. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 2000);
    this.timer.unref();
    const sub = this.options.subscriber;
    if (sub) {
      sub.on('message', (channel: string) => {
        if (channel === INVALIDATION_CHANNEL) void this.check();
      });
      // Not awaited: with Redis down the subscription waits for it, and polling is in charge meanwhile.
      sub.subscribe(INVALIDATION_CHANNEL).catch(() => undefined);
    }
  }

  /** Reads the fingerprint and moves the cache to it; returns whether the generation changed. */
  check(): Promise<boolean> {
    // One check at a time: a burst of messages costs one query.
    this.checking ??= storeFingerprint(this.db)
      .then((fp) => {
        this.lastError = null;
        return this.cache.setGeneration(fp);
      })
      .catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        return false;
      })
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  /** After this process changed data: re-check now and tell the other processes to. */
  async announce(): Promise<void> {
    await this.check();
    const pub = this.options.publisher;
    if (redisReady(pub)) await pub.publish(INVALIDATION_CHANNEL, this.cache.generation).catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
