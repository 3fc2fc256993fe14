/**
 * @module serve/server
 * The composition root of `sharpline serve`: opens the store the environment names (the serve
 * process owns an embedded DuckDB file; on PostgreSQL any number of processes share the store),
 * connects Redis when `REDIS_URL` is set, keeps the cache in step with the store, builds the app and
 * listens. `close()` releases everything in reverse order.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { CacheInvalidator, connectRedis, connectRedisSubscriber, TieredCache, ttlsFromEnv, waitForRedis } from '../cache/index.js';
import { loadConfig } from '../collect/config.js';
import { startScheduler, type Scheduler } from '../jobs/scheduler.js';
import { openStore, type Database, type StoreEnv } from '../store/index.js';
import { buildApp, REDACTED_HEADERS } from './app.js';
import { serveConfigFromEnv, type ServeConfig } from './config.js';
import { ServeServices } from './services.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  config: ServeConfig;
  /** The scheduled jobs, when this process runs the scheduler. */
  jobs: Scheduler['jobs'] | null;
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** Fastify logger; default: JSON lines at SHARPLINE_LOG_LEVEL (info), secrets redacted. */
  logger?: FastifyServerOptions['logger'];
  /** Called with a note for people (stderr in the CLI). */
  note?: (message: string) => void;
  /**
   * Run the named jobs on their cron schedules in this process (it owns the embedded store, so the
   * scheduler lives here); `refresh-cache` then warms today's predictions into this server's cache.
   */
  scheduler?: boolean;
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
    const scheduler = options.scheduler ? startJobs(db, cache, invalidator, env, note) : null;
    app.addHook('onClose', async () => {
      await scheduler?.stop();
      invalidator.stop();
      subscriber?.disconnect();
      redis?.disconnect();
      await db.close();
    });
    const address = await app.listen({ port: config.port, host: config.host });
    return { app, url: address, config, jobs: scheduler?.jobs ?? null, close: () => app.close() };
  } catch (error) {
    subscriber?.disconnect();
    redis?.disconnect();
    await db.close();
    throw error;
  }
}

/** The in-process scheduler, with `refresh-cache` warming today's game day into this server's cache. */
function startJobs(db: Database, cache: TieredCache, invalidator: CacheInvalidator, env: Readonly<Record<string, string | undefined>>, note: (message: string) => void): Scheduler {
  const services = new ServeServices(db, cache, invalidator);
  const scheduler = startScheduler(db, {
    config: loadConfig(env),
    env,
    refreshCache: async () => {
      const warmed = await services.warmDay(new Date().toISOString().slice(0, 10));
      return { rows: warmed.predicted, note: `warmed ${warmed.date}: ${warmed.games} games, ${warmed.skipped} skipped` };
    },
    onRun: (run) => note(`job ${run.job_name}: ${run.status}, ${run.rows ?? 0} rows${run.error ? `: ${run.error}` : ''}`),
  });
  note(`scheduler: ${scheduler.jobs.map((j) => `${j.name} (${j.cron})`).join(', ')}`);
  return scheduler;
}
