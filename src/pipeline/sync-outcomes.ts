/**
 * @module pipeline/sync-outcomes
 * Reconciles outcomes across every source already in curated (not just the last import), as its
 * own run, with a dependency check first.
 */
import type { Database } from '../store/database.js';
import { reconcileOutcomes, type ReconcileResult } from './outcomes.js';
import { linkOrphanPlayerLogs } from './curate.js';
import { finishRun, startRun } from './runs.js';

export interface SyncOutcomesOptions {
  syncType: 'all' | 'recent';
  daysBack: number;
  limit?: number;
  dryRun?: boolean;
  checkDepsOnly?: boolean;
  /** "Today" for `recent`; defaults to the clock. */
  today?: string;
}

export interface SyncOutcomesReport {
  version: 1;
  run_id: number | null;
  dry_run: boolean;
  dependencies: { name: string; ok: boolean; detail: string }[];
  result: ReconcileResult | null;
  /** Player lines that had no game and now have one. */
  player_logs_linked: number;
  open_conflicts: { game_id: number; source_format: string; kept_home_score: number; kept_away_score: number; other_home_score: number; other_away_score: number }[];
}

export async function syncOutcomes(db: Database, options: SyncOutcomesOptions): Promise<SyncOutcomesReport> {
  const dependencies: SyncOutcomesReport['dependencies'] = [];
  for (const table of ['curated.games', 'curated.game_sources']) {
    const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    const n = Number(row?.n ?? 0);
    dependencies.push({ name: table, ok: n > 0, detail: n > 0 ? `${n} rows` : 'empty: import some games first' });
  }
  const base = { version: 1 as const, dependencies, open_conflicts: [] as SyncOutcomesReport['open_conflicts'] };
  if (options.checkDepsOnly || dependencies.some((d) => !d.ok)) return { ...base, run_id: null, dry_run: !!options.dryRun, result: null, player_logs_linked: 0 };

  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const fromDate = options.syncType === 'recent' ? new Date(Date.parse(`${today}T00:00:00Z`) - options.daysBack * 86400000).toISOString().slice(0, 10) : undefined;
  const scope = { fromDate, limit: options.limit, dryRun: options.dryRun };
  let runId: number | null = null;
  let result: ReconcileResult;
  let linked = 0;
  if (options.dryRun) {
    result = await reconcileOutcomes(db, 0, scope);
  } else {
    runId = await startRun(db, 'sync-outcomes', { args: options });
    result = await db.transaction((tx) => reconcileOutcomes(tx, runId!, scope));
    linked = await db.transaction((tx) => linkOrphanPlayerLogs(tx));
    await finishRun(db, runId, 'succeeded', { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 });
  }
  const open = await db.query<SyncOutcomesReport['open_conflicts'][number]>(
    'SELECT game_id, source_format, kept_home_score, kept_away_score, other_home_score, other_away_score FROM ops.outcome_conflicts ORDER BY game_id LIMIT 50',
  );
  return { ...base, run_id: runId, dry_run: !!options.dryRun, result, player_logs_linked: linked, open_conflicts: open };
}
