/**
 * @module serve/server
 * The composition root of `sharpline serve`: opens the store the environment names (the serve
 * process owns an embedded DuckDB file; on PostgreSQL any number of processes share the store),
 * connects Redis when `REDIS_URL` is set, keeps the cache in step with the store, builds the app and
 * listens. `close()` releases everything in reverse order.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { CacheInvalidator, connectRedis, connectRedisSubscriber, TieredCache, ttlsFromEnv, waitForRedis } from '../cache/index.js';
import { openStore, type StoreEnv } from '../store/index.js';
import { buildApp, REDACTED_HEADERS } from './app.js';
import { serveConfigFromEnv, type ServeConfig } from './config.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  config: ServeConfig;
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** Fastify logger; default: JSON lines at SHARPLINE_LOG_LEVEL (info), secrets redacted. */
  logger?: FastifyServerOptions['logger'];
  /** Called with a note for people (stderr in the CLI). */
  note?: (message: string) => void;
}

export async function startServer(env: StoreEnv & Readonly<Record<string, string | undefined>>, options: StartOptions = {}): Promise<RunningServer> {
  const config = serveConfigFromEnv(env, { ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}) });
  const ttls = ttlsFromEnv(env);
  const note = options.note ?? (() => undefined);
  const db = await openStore(env);
  const redis = config.redisUrl ? connectRedis(config.redisUrl, { onDown: note }) : null;
  const subscriber = config.redisUrl ? connectRedisSubscriber(config.redisUrl) : null;
  try {
    if (redis && !(await waitForRedis(redis, 1500))) note('redis is not answering yet: serving from the in-process cache until it does');
    const cache = new TieredCache({ ttls, redis, maxEntries: config.cacheMaxEntries });
    const invalidator = new CacheInvalidator(db, cache, { intervalMs: config.cacheCheckMs, subscriber, publisher: redis });
    await invalidator.start();
    const logger = options.logger ?? { level: env.SHARPLINE_LOG_LEVEL ?? 'info', redact: REDACTED_HEADERS };
    const app = await buildApp({ db, cache, config, invalidator, rateLimitRedis: redis, logger });
    app.addHook('onClose', async () => {
      invalidator.stop();
      subscriber?.disconnect();
      redis?.disconnect();
      await db.close();
    });
    const address = await app.listen({ port: config.port, host: config.host });
    return { app, url: address, config, close: () => app.close() };
  } catch (error) {
    subscriber?.disconnect();
    redis?.disconnect();
    await db.close();
    throw error;
  }
}
