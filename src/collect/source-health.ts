/**
 * @module collect/source-health
 * `ops.source_health`: each HTTP source's circuit breaker, last success and failure, and quota,
 * persisted so a breaker opened by one process (a worker, the scheduler) holds for the next, and so
 * `sharpline health sources` can show it.
 */
import type { Database } from '../store/database.js';
import type { BreakerStateName, HttpClient } from './http-client.js';

/** One source's row, as `health sources` prints it. */
export interface SourceHealth {
  source: string;
  breaker_state: BreakerStateName;
  opened_at: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
  quota_remaining: number | null;
  quota_used: number | null;
  quota_last: number | null;
  updated_at: string;
}

/** The breaker state a process saved for `source`, to pass as `breakerState` to the client; undefined when none. */
export async function loadBreakerState(db: Database, source: string): Promise<unknown> {
  const [row] = await db.query<{ breaker_json: string | null }>('SELECT breaker_json FROM ops.source_health WHERE source = $1', [source]);
  return row?.breaker_json ? JSON.parse(row.breaker_json) : undefined;
}

/** Saves what `client` knows now: breaker, last success/failure, quota (kept when this client saw none). */
export async function saveSourceHealth(db: Database, client: HttpClient, now = new Date()): Promise<void> {
  const s = client.stats;
  await db.query(
    `INSERT INTO ops.source_health (source, breaker_state, breaker_json, opened_at, last_success_at, last_failure_at, last_error,
                                    quota_remaining, quota_used, quota_last, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (source) DO UPDATE SET
       breaker_state = EXCLUDED.breaker_state,
       breaker_json = EXCLUDED.breaker_json,
       opened_at = EXCLUDED.opened_at,
       last_success_at = COALESCE(EXCLUDED.last_success_at, ops.source_health.last_success_at),
       last_failure_at = COALESCE(EXCLUDED.last_failure_at, ops.source_health.last_failure_at),
       last_error = COALESCE(EXCLUDED.last_error, ops.source_health.last_error),
       quota_remaining = COALESCE(EXCLUDED.quota_remaining, ops.source_health.quota_remaining),
       quota_used = COALESCE(EXCLUDED.quota_used, ops.source_health.quota_used),
       quota_last = COALESCE(EXCLUDED.quota_last, ops.source_health.quota_last),
       updated_at = EXCLUDED.updated_at`,
    [
      client.source,
      client.breakerState(),
      JSON.stringify(client.breakerJson()),
      client.breakerOpenedAt(),
      s.lastSuccessAt,
      s.lastFailureAt,
      s.lastError,
      s.quota?.remaining ?? null,
      s.quota?.used ?? null,
      s.quota?.last ?? null,
      now.toISOString(),
    ],
  );
}

/** Every source's saved health, by name. */
export async function listSourceHealth(db: Database): Promise<SourceHealth[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT source, breaker_state, opened_at, last_success_at, last_failure_at, last_error, quota_remaining, quota_used, quota_last, updated_at
     FROM ops.source_health ORDER BY source`,
  );
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : new Date(String(v)).toISOString());
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    source: String(r.source),
    breaker_state: r.breaker_state as BreakerStateName,
    opened_at: iso(r.opened_at),
    last_success_at: iso(r.last_success_at),
    last_failure_at: iso(r.last_failure_at),
    last_error: (r.last_error as string | null) ?? null,
    quota_remaining: num(r.quota_remaining),
    quota_used: num(r.quota_used),
    quota_last: num(r.quota_last),
    updated_at: iso(r.updated_at)!,
  }));
}
