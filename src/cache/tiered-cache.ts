/**
 * @module cache/tiered-cache
 * Cache → store → compute, in two tiers: an in-process LRU (always) in front of Redis (when
 * configured). A value is cached as its JSON text, so a hit is sent as is, never re-serialised.
 *
 * Keys carry the store's generation (its fingerprint, `cache/fingerprint`): when the data changes,
 * the generation changes, the LRU is dropped, and old Redis keys are simply never read again (they
 * expire by TTL). Every process on the same store computes the same fingerprint, so processes share
 * Redis entries and invalidate together without coordinating.
 *
 * Redis is optional at every step: when it is down or slow, a read skips it and a write is dropped,
 * and the request is served from the LRU or computed. Concurrent misses on one key share one
 * computation, so a cold key under load is computed once, not once per request.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import { redisReady } from './redis.js';
import { CACHE_KINDS, type CacheKind, type CacheTtls } from './ttl.js';

export type CacheTier = 'memory' | 'redis' | 'computed';

export interface CacheHit {
  /** The value as JSON text. */
  json: string;
  /** Where it came from. */
  tier: CacheTier;
}

export interface TieredCacheOptions {
  ttls: CacheTtls;
  /** The shared tier; null or absent for in-process only. */
  redis?: Redis | null;
  /** LRU capacity in entries. Default 5,000. */
  maxEntries?: number;
  /** Redis key prefix, so several deployments can share one Redis. Default `sl:`. */
  prefix?: string;
}

/** Hits per kind and tier, and Redis failures: read by /metrics and the tests. */
export interface CacheCounters {
  readonly requests: Record<CacheKind, Record<CacheTier, number>>;
  redisErrors: number;
  invalidations: number;
}

export class TieredCache {
  readonly ttls: CacheTtls;
  readonly redis: Redis | null;
  readonly counters: CacheCounters;
  private readonly lru: LRUCache<string, string>;
  private readonly prefix: string;
  private readonly inflight = new Map<string, Promise<CacheHit>>();
  private gen = 'initial';

  constructor(options: TieredCacheOptions) {
    this.ttls = options.ttls;
    this.redis = options.redis ?? null;
    this.prefix = options.prefix ?? 'sl:';
    this.lru = new LRUCache<string, string>({ max: options.maxEntries ?? 5000, ttlAutopurge: false });
    const requests = {} as Record<CacheKind, Record<CacheTier, number>>;
    for (const kind of CACHE_KINDS) requests[kind] = { memory: 0, redis: 0, computed: 0 };
    this.counters = { requests, redisErrors: 0, invalidations: 0 };
  }

  /** The store generation keys are namespaced by. */
  get generation(): string {
    return this.gen;
  }

  /** Whether the shared tier is in use right now. */
  get redisUp(): boolean {
    return redisReady(this.redis);
  }

  /** Entries in the in-process tier. */
  get size(): number {
    return this.lru.size;
  }

  /**
   * Moves to generation `generation` (the store's fingerprint). A change drops the in-process tier;
   * returns whether it changed.
   */
  setGeneration(generation: string): boolean {
    if (generation === this.gen) return false;
    this.gen = generation;
    this.lru.clear();
    this.counters.invalidations += 1;
    return true;
  }

  /** The cached JSON of `kind`/`key`, else `compute()`'s result, cached in both tiers with the kind's TTL. */
  async getJson(kind: CacheKind, key: string, compute: () => Promise<unknown>): Promise<CacheHit> {
    const k = `${this.gen}:${kind}:${key}`;
    const local = this.lru.get(k);
    if (local !== undefined) {
      this.counters.requests[kind].memory += 1;
      return { json: local, tier: 'memory' };
    }
    const pending = this.inflight.get(k);
    if (pending) return pending;
    const work = this.fill(kind, k, compute).finally(() => this.inflight.delete(k));
    this.inflight.set(k, work);
    return work;
  }

  /** Like `getJson`, parsed. */
  async get<T>(kind: CacheKind, key: string, compute: () => Promise<T>): Promise<T> {
    return JSON.parse((await this.getJson(kind, key, compute)).json) as T;
  }

  /** Drops every entry of the in-process tier (the Redis tier is dropped by changing generation). */
  clearLocal(): void {
    this.lru.clear();
  }

  private async fill(kind: CacheKind, k: string, compute: () => Promise<unknown>): Promise<CacheHit> {
    const ttlMs = this.ttls[kind] * 1000;
    if (redisReady(this.redis)) {
      try {
        const shared = await this.redis.get(this.prefix + k);
        if (shared !== null) {
          this.lru.set(k, shared, { ttl: ttlMs });
          this.counters.requests[kind].redis += 1;
          return { json: shared, tier: 'redis' };
        }
      } catch {
        this.counters.redisErrors += 1;
      }
    }
    const json = JSON.stringify(await compute());
    this.lru.set(k, json, { ttl: ttlMs });
    this.counters.requests[kind].computed += 1;
    if (redisReady(this.redis)) {
      // Not awaited: the answer is ready, and a slow Redis must not delay it.
      this.redis.set(this.prefix + k, json, 'EX', Math.max(1, Math.round(this.ttls[kind]))).catch(() => {
        this.counters.redisErrors += 1;
      });
    }
    return { json, tier: 'computed' };
  }
}
