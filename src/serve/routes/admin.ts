/**
 * @module serve/routes/admin
 * Mutating and admin endpoints under /v1/admin, all behind an API key (`sharpline apikey create`)
 * and a per-key rate limit: run a quality gate, import files already on the server, retrain a
 * sport, warm or invalidate the cache. Every change to data is announced to the other processes
 * (serve/… cache/invalidation), so their caches drop the old answers at once.
 */
import { createHash } from 'node:crypto';
import { resolve, sep } from 'node:path';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Sport } from '../../domain/sports.js';
import { SharplineError } from '../../errors.js';
import { trainSystems } from '../../models/train.js';
import { importFiles } from '../../pipeline/import-files.js';
import { runGate } from '../../quality/gates.js';
import { presentedKey, verifyApiKey } from '../api-keys.js';
import * as s from '../schemas.js';
import type { ServeServices } from '../services.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified API key id of an admin request. */
    apiKeyId?: string;
  }
}

/** Rate-limit bucket of an admin request: the presented key (hashed, never logged), else the IP. */
export function adminRateKey(req: FastifyRequest): string {
  const key = presentedKey(req.headers);
  return key ? `key:${createHash('sha256').update(key).digest('hex').slice(0, 24)}` : `ip:${req.ip}`;
}

/**
 * The absolute path of `path` (relative to the import root) when it lies inside the root. The API
 * must not become a way to read any file the server can: only the configured folder is importable.
 */
export function insideImportRoot(root: string | null, path: string): string {
  if (!root) throw new SharplineError('SL_USAGE', 'imports over the API are off: set SHARPLINE_IMPORT_ROOT to the folder they may read');
  const full = resolve(root, path);
  if (full !== root && !full.startsWith(root + sep)) throw new SharplineError('SL_USAGE', `path "${path}" is outside SHARPLINE_IMPORT_ROOT`);
  return full;
}

export function adminRoutes(services: ServeServices, options: { adminRateMax: number; windowMs: number; rateLimited: boolean; importRoot: string | null }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.addHook('preHandler', async (req) => {
      const key = presentedKey(req.headers);
      const id = key ? await verifyApiKey(services.db, key) : null;
      if (!id) throw new SharplineError('SL_AUTH_REQUIRED', key ? 'the API key is not valid or was revoked' : 'this endpoint needs an API key: Authorization: Bearer <key> (create one with sharpline apikey create)');
      req.apiKeyId = id;
    });
    const config: FastifyContextConfig = options.rateLimited ? { rateLimit: { max: options.adminRateMax, timeWindow: options.windowMs, keyGenerator: adminRateKey } } : {};
    const security = [{ apiKey: [] }];
    const announce = async () => {
      await services.invalidator?.announce();
    };

    app.post('/cache/warm', { config, schema: { tags: ['admin'], security, summary: 'Pre-compute a game day (predictions and picks) into the cache', body: s.warmBody } }, async (req) => {
      const { date } = req.body as z.output<typeof s.warmBody>;
      return { version: 1, ...(await services.warmDay(date)) };
    });

    app.post('/cache/invalidate', { config, schema: { tags: ['admin'], security, summary: 'Re-read the store fingerprint now and tell the other processes to' } }, async () => {
      services.cache.clearLocal();
      await announce();
      return { version: 1, generation: services.cache.generation };
    });

    app.post('/jobs/retrain', { config, schema: { tags: ['admin'], security, summary: "Retrain a sport's systems (a new registry version; predictions follow it)", body: s.retrainBody } }, async (req) => {
      const { sport } = req.body as z.output<typeof s.retrainBody>;
      const report = await trainSystems(services.db, { sport: sport as Sport });
      await announce();
      return { version: 1, sport, run_id: report.run_id, systems: report.systems.map((x) => x.system), generation: services.cache.generation };
    });

    app.post('/jobs/quality', { config, schema: { tags: ['admin'], security, summary: 'Run a data-quality gate and record it', body: s.gateBody } }, async (req) => {
      const { gate, sport } = req.body as z.output<typeof s.gateBody>;
      const result = await runGate(services.db, gate, sport ? { sport } : {});
      await announce();
      return { version: 1, gate: result.gate, passed: result.passed, quality_run_id: result.quality_run_id, errors_failed: result.errors_failed, warnings_failed: result.warnings_failed };
    });

    app.post('/import', { config, schema: { tags: ['admin'], security, summary: 'Import files from the server folder SHARPLINE_IMPORT_ROOT (paths relative to it), in a known format', body: s.importBody } }, async (req) => {
      const body = req.body as z.output<typeof s.importBody>;
      const paths = body.paths.map((p) => insideImportRoot(options.importRoot, p));
      const summary = await importFiles(services.db, { format: body.format, paths, ...(body.season !== undefined ? { season: body.season } : {}) });
      await announce();
      return summary;
    });
  };
}
