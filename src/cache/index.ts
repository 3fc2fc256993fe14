/**
 * @module cache
 * Tiered caching for serving: an in-process LRU in front of Redis, TTLs per kind of data,
 * generation-based invalidation from a store fingerprint, and Redis pub/sub to spread it.
 */
export { CACHE_KINDS, DEFAULT_TTLS, ttlsFromEnv, type CacheKind, type CacheTtls } from './ttl.js';
export { TieredCache, type CacheHit, type CacheTier, type CacheCounters, type TieredCacheOptions } from './tiered-cache.js';
export { storeFingerprint } from './fingerprint.js';
export { CacheInvalidator, INVALIDATION_CHANNEL, type InvalidatorOptions } from './invalidation.js';
export { connectRedis, connectRedisSubscriber, redisReady, waitForRedis, type RedisOptions } from './redis.js';
