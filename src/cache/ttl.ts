/**
 * @module cache/ttl
 * Kinds of cached data and how long each may be served before it is recomputed, in seconds.
 * Defaults follow how fast each kind goes stale: odds move by the minute, predictions follow the
 * odds and the news, team ratings change once a game is final, model parameters only on a retrain.
 * Every TTL is configurable: `SHARPLINE_CACHE_TTL_<KIND>` in seconds (e.g. `SHARPLINE_CACHE_TTL_ODDS=60`).
 */
import { SharplineError } from '../errors.js';

export const CACHE_KINDS = ['team', 'prediction', 'odds', 'model', 'report'] as const;
/** team: ratings and team stats; prediction: a game's predictions and a day's picks; odds: stored prices;
 * model: trained parameters and backtest charts; report: evaluation views, quality and run status. */
export type CacheKind = (typeof CACHE_KINDS)[number];

export type CacheTtls = Readonly<Record<CacheKind, number>>;

/** Default TTLs in seconds: team stats 6 h, predictions 15 min, odds 5 min, model parameters 24 h, reports 1 min. */
export const DEFAULT_TTLS: CacheTtls = { team: 6 * 3600, prediction: 15 * 60, odds: 5 * 60, model: 24 * 3600, report: 60 };

/** The TTLs `env` asks for, over the defaults; a value that is not a positive number is a config error. */
export function ttlsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CacheTtls {
  const ttls: Record<CacheKind, number> = { ...DEFAULT_TTLS };
  for (const kind of CACHE_KINDS) {
    const name = `SHARPLINE_CACHE_TTL_${kind.toUpperCase()}`;
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const seconds = Number(raw);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new SharplineError('SL_CONFIG', `${name} must be a positive number of seconds, got "${raw}"`);
    ttls[kind] = seconds;
  }
  return ttls;
}
