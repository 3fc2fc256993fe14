/**
 * Builds the real app over a served store for `app.inject` tests: in-process cache (Redis when a
 * client is given), invalidator polling the store fingerprint.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { CacheInvalidator, DEFAULT_TTLS, TieredCache } from '../../src/cache/index.js';
import { buildApp } from '../../src/serve/app.js';
import { serveConfigFromEnv, type ServeConfig } from '../../src/serve/config.js';
import type { Database } from '../../src/store/index.js';

export interface TestApp {
  app: FastifyInstance;
  cache: TieredCache;
  invalidator: CacheInvalidator;
  config: ServeConfig;
}

export async function createTestApp(db: Database, options: { env?: Record<string, string>; redis?: Redis | null; rateLimitRedis?: Redis | null; logger?: unknown } = {}): Promise<TestApp> {
  const config = serveConfigFromEnv({ SHARPLINE_CACHE_CHECK_MS: '100', ...options.env });
  const cache = new TieredCache({ ttls: DEFAULT_TTLS, redis: options.redis ?? null });
  const invalidator = new CacheInvalidator(db, cache, { intervalMs: config.cacheCheckMs });
  await invalidator.start();
  const app = await buildApp({ db, cache, config, invalidator, rateLimitRedis: options.rateLimitRedis ?? null, ...(options.logger ? { logger: options.logger as never } : {}) });
  app.addHook('onClose', async () => invalidator.stop());
  await app.ready();
  return { app, cache, invalidator, config };
}
