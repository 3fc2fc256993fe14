/**
 * @module serve/routes/health
 * Liveness (the process answers) and readiness (the store answers; the cache tier in use).
 * Redis down is `degraded`, still ready: the in-process tier serves.
 */
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.js';
import type { ServeServices } from '../services.js';

export function healthRoutes(services: ServeServices, metrics: Metrics) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/health/live', { schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

    app.get('/health/ready', { schema: { tags: ['health'], summary: 'The store answers; which cache tiers are in use' } }, async (_req, reply) => {
      let store: 'ok' | 'unavailable' = 'ok';
      try {
        await services.db.query('SELECT 1 AS ok');
      } catch {
        store = 'unavailable';
      }
      const redisConfigured = !!services.cache.redis;
      const cache = !redisConfigured ? 'memory' : services.cache.redisUp ? 'memory+redis' : 'degraded: redis unavailable, memory only';
      const body = { status: store === 'ok' ? 'ready' : 'not ready', store, engine: services.db.engine, cache, generation: services.cache.generation, fingerprint_error: services.invalidator?.error ?? null };
      return reply.status(store === 'ok' ? 200 : 503).send(body);
    });

    app.get('/metrics', { schema: { tags: ['health'], summary: 'Prometheus metrics' } }, async (_req, reply) =>
      reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render(services.cache)),
    );
  };
}
