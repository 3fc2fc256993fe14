/**
 * @module serve/app
 * `buildApp(deps)` returns the Fastify app without listening (tests inject; `server.ts` listens).
 * Order matters: CORS and the per-IP rate limit run first, then validation (zod), then handlers;
 * every response is counted for /metrics; errors leave through one handler (serve/http-errors).
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { CacheInvalidator } from '../cache/invalidation.js';
import type { TieredCache } from '../cache/tiered-cache.js';
import type { Database } from '../store/database.js';
import type { ServeConfig } from './config.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { sendError } from './http-errors.js';
import { Metrics } from './metrics.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { healthRoutes } from './routes/health.js';
import { ServeServices } from './services.js';
import { zodSwaggerTransform, zodValidatorCompiler } from './validation.js';

export interface AppDeps {
  db: Database;
  cache: TieredCache;
  config: ServeConfig;
  invalidator?: CacheInvalidator | null;
  /** Shared rate-limit counters across processes; absent: per process. */
  rateLimitRedis?: Redis | null;
  /** Fastify's logger option; default off (the CLI turns it on, with secrets redacted). */
  logger?: FastifyServerOptions['logger'];
}

/** Headers that carry secrets: never logged. */
export const REDACTED_HEADERS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, trustProxy: false });
  const services = new ServeServices(deps.db, deps.cache, deps.invalidator ?? null);
  const metrics = new Metrics();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'SL_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}`, request_id: String(request.id) } }),
  );

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  await app.register(cors, {
    origin: deps.config.corsOrigins.includes('*') ? true : deps.config.corsOrigins.length ? deps.config.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key'],
  });
  const rateLimited = deps.config.rateLimit.max > 0;
  if (rateLimited) {
    await app.register(rateLimit, {
      global: true,
      max: deps.config.rateLimit.max,
      timeWindow: deps.config.rateLimit.windowMs,
      keyGenerator: (req) => `ip:${req.ip}`,
      ...(deps.rateLimitRedis ? { redis: deps.rateLimitRedis, nameSpace: 'sl:rl:', skipOnError: true } : {}),
      errorResponseBuilder: (req, context) => ({
        statusCode: context.statusCode,
        error: { code: 'SL_RATE_LIMITED', message: `rate limit: ${context.max} requests per ${context.after}; retry later`, request_id: String(req.id) },
      }),
    });
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'sharpline API', version: '1', description: 'Games, predictions at real stored prices, picks, evaluation views, data quality and runs.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `sharpline apikey create`' } } },
    },
    transform: zodSwaggerTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(services, metrics));
  await app.register(apiRoutes(services), { prefix: '/v1' });
  await app.register(adminRoutes(services, { adminRateMax: deps.config.rateLimit.adminMax, windowMs: deps.config.rateLimit.windowMs, rateLimited, importRoot: deps.config.importRoot }), { prefix: '/v1/admin' });
  await app.register(dashboardRoutes(services));
  return app;
}
