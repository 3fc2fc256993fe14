/**
 * @module serve/config
 * The server's settings, from the environment (and `--port`), checked once at start: a bad value
 * stops the server with `SL_CONFIG` naming the variable, rather than surfacing later.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | SHARPLINE_PORT | 8080 | port (`--port` wins) |
 * | SHARPLINE_HOST | 127.0.0.1 | interface to listen on |
 * | SHARPLINE_CORS_ORIGINS | (none) | comma-separated origins allowed cross-origin, or `*` |
 * | SHARPLINE_RATE_LIMIT_MAX | 1200 | requests per window per client IP (`0` turns limiting off) |
 * | SHARPLINE_RATE_LIMIT_WINDOW_MS | 60000 | the rate-limit window |
 * | SHARPLINE_ADMIN_RATE_LIMIT_MAX | 30 | admin requests per window per API key |
 * | SHARPLINE_CACHE_CHECK_MS | 2000 | how often the store fingerprint is polled for changes |
 * | SHARPLINE_CACHE_MAX_ENTRIES | 5000 | in-process cache capacity |
 * | SHARPLINE_IMPORT_ROOT | (none) | the only folder `POST /v1/admin/import` may read; unset, that endpoint is off |
 * | REDIS_URL | (none) | shared cache and rate-limit counters |
 */
import { resolve } from 'node:path';
import { SharplineError } from '../errors.js';

export interface ServeConfig {
  port: number;
  host: string;
  /** Origins allowed by CORS: an empty list allows none (same-origin only), `['*']` any. */
  corsOrigins: string[];
  rateLimit: { max: number; windowMs: number; adminMax: number };
  cacheCheckMs: number;
  cacheMaxEntries: number;
  redisUrl: string | null;
  /** Absolute folder the admin import may read from; null turns the endpoint off. */
  importRoot: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new SharplineError('SL_CONFIG', `${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

export function serveConfigFromEnv(env: Env = process.env, overrides: Partial<Pick<ServeConfig, 'port' | 'host'>> = {}): ServeConfig {
  const port = overrides.port ?? int(env, 'SHARPLINE_PORT', 8080, 0);
  if (port > 65535) throw new SharplineError('SL_CONFIG', `port must be 0–65535, got ${port}`);
  return {
    port,
    host: overrides.host ?? env.SHARPLINE_HOST ?? '127.0.0.1',
    corsOrigins: (env.SHARPLINE_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    rateLimit: {
      max: int(env, 'SHARPLINE_RATE_LIMIT_MAX', 1200, 0),
      windowMs: int(env, 'SHARPLINE_RATE_LIMIT_WINDOW_MS', 60_000, 1),
      adminMax: int(env, 'SHARPLINE_ADMIN_RATE_LIMIT_MAX', 30, 1),
    },
    cacheCheckMs: int(env, 'SHARPLINE_CACHE_CHECK_MS', 2000, 10),
    cacheMaxEntries: int(env, 'SHARPLINE_CACHE_MAX_ENTRIES', 5000, 1),
    redisUrl: env.REDIS_URL || null,
    importRoot: env.SHARPLINE_IMPORT_ROOT ? resolve(env.SHARPLINE_IMPORT_ROOT) : null,
  };
}
