/**
 * @module pipeline/rollback-run
 * `sharpline pipeline rollback <run-id>`: removes exactly what one run added, in one transaction:
 * its quotes, period scores, source links, the games only it created, its score changes (restored), its staging
 * and quarantine rows and its raw records. Its betting splits go too; splits of other runs that sat
 * on a game this run removes go back to waiting in staging. A `signals` run takes its signals with it,
 * a props run its predictions, registry rows and disagreements, a collection run its checkpoint (the
 * window is pending again) and an import run the quality scores of what it staged.
 */
import { SharplineError } from '../errors.js';
import type { Database } from '../store/database.js';

export interface RollbackReport {
  version: 1;
  run_id: number;
  dry_run: boolean;
  removed: Record<string, number>;
}

/** Each step: the table, how to count what the run added, how to delete it. */
const STEPS: { table: string; where: string }[] = [
  { table: 'analytics.market_signals', where: 'run_id = $1' },
  { table: 'analytics.prop_predictions', where: 'run_id = $1' },
  { table: 'curated.players', where: 'run_id = $1' },
  { table: 'ops.player_log_disagreements', where: 'run_id = $1' },
  { table: 'analytics.predictions', where: 'run_id = $1' },
  { table: 'analytics.model_registry', where: 'run_id = $1' },
  { table: 'curated.published_forecasts', where: 'run_id = $1' },
  { table: 'curated.player_game_logs', where: 'run_id = $1' },
  { table: 'ops.outcome_conflicts', where: 'run_id = $1' },
  { table: 'curated.game_sources', where: 'run_id = $1' },
  { table: 'staging.quotes', where: 'run_id = $1' },
  { table: 'staging.game_periods', where: 'run_id = $1' },
  { table: 'staging.forecasts', where: 'run_id = $1' },
  { table: 'staging.betting_splits', where: 'run_id = $1' },
  { table: 'staging.player_game_logs', where: 'run_id = $1' },
  { table: 'staging.games', where: 'run_id = $1' },
  { table: 'staging.mlb_stats_api__probable_pitchers', where: 'run_id = $1' },
  { table: 'staging.mlb_stats_api__transactions', where: 'run_id = $1' },
  { table: 'staging.processed_records', where: 'run_id = $1' },
  { table: 'ops.quarantine', where: 'run_id = $1' },
  { table: 'raw.records', where: 'run_id = $1' },
  { table: 'ops.run_files', where: 'run_id = $1' },
  // The quality scores of the rows the run staged; a collection window it wrote is no longer done.
  { table: 'ops.quality_scores', where: "run_id = $1 AND scope = 'run'" },
  { table: 'ops.collect_checkpoints', where: 'run_id = $1' },
];

export async function rollbackRun(db: Database, runId: number, options: { dryRun?: boolean } = {}): Promise<RollbackReport> {
  const [run] = await db.query<{ status: string }>('SELECT status FROM ops.runs WHERE run_id = $1', [runId]);
  if (!run) throw new SharplineError('SL_RUN_NOT_FOUND', `no run has id ${runId} (see: sharpline status)`);
  if (run.status === 'rolled_back') throw new SharplineError('SL_RUN_NOT_FOUND', `run ${runId} was already rolled back`);
  const removed: Record<string, number> = {};

  if (options.dryRun) {
    removed['curated.quotes'] = await count(db, 'curated.quotes', 'run_id = $1', runId);
    removed['curated.game_periods'] = await count(db, 'curated.game_periods', 'run_id = $1', runId);
    removed['curated.betting_splits'] = await count(db, 'curated.betting_splits', SPLITS_REMOVED, runId);
    for (const step of STEPS) removed[step.table] = await count(db, step.table, step.where, runId);
    removed['ops.outcome_changes'] = await count(db, 'ops.outcome_changes', 'run_id = $1', runId);
    removed['curated.games'] = await count(db, 'curated.games', ORPHAN_GAMES_AFTER_ROLLBACK, runId);
    return { version: 1, run_id: runId, dry_run: true, removed };
  }

  await db.transaction(async (tx) => {
    // curated.quotes is a view over staging.quotes: counted here, removed with them.
    removed['curated.quotes'] = await count(tx, 'curated.quotes', 'run_id = $1', runId);
    // curated.game_periods likewise, over staging.game_periods.
    removed['curated.game_periods'] = await count(tx, 'curated.game_periods', 'run_id = $1', runId);
    // Restore scores this run filled in, then forget the change records.
    await tx.execute(
      `UPDATE curated.games SET status = c.old_status, home_score = c.old_home_score, away_score = c.old_away_score
       FROM ops.outcome_changes c WHERE c.run_id = $1 AND c.game_id = curated.games.game_id`,
      [runId],
    );
    removed['ops.outcome_changes'] = await tx.execute('DELETE FROM ops.outcome_changes WHERE run_id = $1', [runId]);
    // Before the game links go: which games will be left without a source is decided on them.
    removed['curated.betting_splits'] = await tx.execute(`DELETE FROM curated.betting_splits WHERE ${SPLITS_REMOVED}`, [runId]);
    for (const step of STEPS) removed[step.table] = await tx.execute(`DELETE FROM ${step.table} WHERE ${step.where}`, [runId]);
    // Games this run created that no other run's source still describes go too.
    removed['curated.games'] = await tx.execute(
      `DELETE FROM curated.games WHERE created_run_id = $1
       AND NOT EXISTS (SELECT 1 FROM curated.game_sources gs WHERE gs.game_id = curated.games.game_id)`,
      [runId],
    );
    // Games this run created that other sources still describe keep only what those sources say:
    // a scored source's result, else the status its staged row reported (a source of a later run
    // that moved it already recorded that in ops.outcome_changes, which its own rollback undoes).
    await tx.execute(
      `UPDATE curated.games SET
         status = CASE WHEN s.home_score IS NULL THEN COALESCE(NULLIF(s.status, 'final'), 'scheduled') ELSE 'final' END,
         home_score = s.home_score, away_score = s.away_score, created_run_id = s.run_id
       FROM (SELECT DISTINCT ON (gs.game_id) gs.game_id, gs.home_score, gs.away_score, gs.run_id, sg.status
             FROM curated.game_sources gs JOIN curated.games g ON g.game_id = gs.game_id
             LEFT JOIN staging.games sg ON sg.source_format = gs.source_format AND sg.source_key = gs.source_key
             WHERE g.created_run_id = $1
             ORDER BY gs.game_id, CASE WHEN gs.home_score IS NULL THEN 1 ELSE 0 END, gs.run_id, gs.source_format, gs.source_key) s
       WHERE curated.games.game_id = s.game_id`,
      [runId],
    );
    await tx.execute(`UPDATE ops.runs SET status = 'rolled_back', finished_at = $2 WHERE run_id = $1`, [runId, new Date().toISOString()]);
  });
  return { version: 1, run_id: runId, dry_run: false, removed };
}

const ORPHAN_GAMES_AFTER_ROLLBACK = `created_run_id = $1 AND NOT EXISTS (
  SELECT 1 FROM curated.game_sources gs WHERE gs.game_id = curated.games.game_id AND gs.run_id <> $1)`;

/** Curated splits the run staged, and any split on a game the rollback removes (its staging row stays, unmatched). */
const SPLITS_REMOVED = `run_id = $1 OR game_id IN (SELECT game_id FROM curated.games WHERE ${ORPHAN_GAMES_AFTER_ROLLBACK})`;

async function count(db: Database, table: string, where: string, runId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, [runId]);
  return Number(row?.n ?? 0);
}
