/**
 * @module cache/fingerprint
 * A cheap fingerprint of everything served data is derived from. Every writing command (import,
 * pipeline run, sync-outcomes, train, backtest) opens and closes a run in the `ops.runs` ledger,
 * training adds a `model_registry` row and a quality gate an `ops.quality_runs` row. So the newest
 * run id, the number of finished runs, the number of registry rows and the newest quality run
 * change whenever new odds, new results or a retrain land, whichever process wrote them. A
 * rollback reopens no run but marks one `rolled_back`, so rolled-back runs are counted too.
 * Serving never writes the ledger (GET predictions run with `dryRun`), so reads cannot invalidate.
 * The store's birth (its first migration's time) comes first: two stores that happen to have the
 * same counts (two test databases, a rebuilt store) never share Redis entries.
 */
import type { Database } from '../store/database.js';

/** The fingerprint as a short string, e.g. `smhx1k2ab.r42.41.0.m10.q3`. */
export async function storeFingerprint(db: Database): Promise<string> {
  const [row] = await db.query<{ born: unknown; max_run: unknown; finished: unknown; rolled_back: unknown; models: unknown; quality: unknown }>(
    `SELECT (SELECT MIN(applied_at) FROM ops.schema_migrations) AS born,
            (SELECT COALESCE(MAX(run_id), 0) FROM ops.runs) AS max_run,
            (SELECT COUNT(finished_at) FROM ops.runs) AS finished,
            (SELECT COUNT(*) FROM ops.runs WHERE status = 'rolled_back') AS rolled_back,
            (SELECT COUNT(*) FROM analytics.model_registry) AS models,
            (SELECT COALESCE(MAX(quality_run_id), 0) FROM ops.quality_runs) AS quality`,
  );
  const born = row?.born instanceof Date ? row.born.getTime() : new Date(String(row?.born)).getTime();
  return `s${Number.isFinite(born) ? born.toString(36) : '0'}.r${Number(row?.max_run)}.${Number(row?.finished)}.${Number(row?.rolled_back)}.m${Number(row?.models)}.q${Number(row?.quality)}`;
}
