/**
 * @module pipeline/outcomes
 * Reconciles scores that sources report for curated games. A score fills a game that has none
 * (recorded in `ops.outcome_changes`, so a rollback can undo it); a score that disagrees with the
 * one kept is written to `ops.outcome_conflicts` and never overwrites it.
 */
import type { Database, SqlValue } from '../store/database.js';

export interface ReconcileResult {
  /** Games that got a final score they lacked. */
  filled: number;
  /** Source rows whose score disagrees with the kept one (new this time). */
  conflicts: number;
}

export interface ReconcileScope {
  /** Only consider source rows linked by this run (the import path). */
  sourceRunId?: number;
  /** Only games on or after this date (`YYYY-MM-DD`). */
  fromDate?: string;
  /** At most this many games are filled. */
  limit?: number;
  /** Plan only: count, change nothing. */
  dryRun?: boolean;
}

/** Fills missing scores and records conflicts for the games in `scope`, as run `runId`. */
export async function reconcileOutcomes(db: Database, runId: number, scope: ReconcileScope = {}): Promise<ReconcileResult> {
  const params: SqlValue[] = [];
  const where: string[] = ['gs.home_score IS NOT NULL', 'gs.away_score IS NOT NULL'];
  if (scope.sourceRunId !== undefined) {
    params.push(scope.sourceRunId);
    where.push(`gs.run_id = $${params.length}`);
  }
  if (scope.fromDate) {
    params.push(scope.fromDate);
    where.push(`g.game_date >= CAST($${params.length} AS DATE)`);
  }
  const candidateSql = `FROM curated.game_sources gs JOIN curated.games g ON g.game_id = gs.game_id WHERE ${where.join(' AND ')}`;

  const conflictSql = `${candidateSql} AND g.home_score IS NOT NULL
      AND (gs.home_score <> g.home_score OR gs.away_score <> g.away_score)
      AND NOT EXISTS (SELECT 1 FROM ops.outcome_conflicts c WHERE c.source_format = gs.source_format AND c.source_key = gs.source_key)`;
  const limitSql = scope.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(scope.limit))}` : '';
  const fillSql = `SELECT DISTINCT ON (g.game_id) g.game_id, g.status AS old_status, g.home_score AS old_home, g.away_score AS old_away,
            gs.home_score AS new_home, gs.away_score AS new_away, gs.source_format
     ${candidateSql} AND g.home_score IS NULL
     ORDER BY g.game_id, gs.source_format, gs.source_key`;

  if (scope.dryRun) {
    const [c] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n ${conflictSql}`, params);
    const [f] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM (${fillSql}${limitSql}) x`, params);
    return { filled: Number(f?.n ?? 0), conflicts: Number(c?.n ?? 0) };
  }

  const now = new Date().toISOString();
  const runParam = params.length + 1;
  const nowParam = params.length + 2;
  const conflicts = await db.execute(
    `INSERT INTO ops.outcome_conflicts (game_id, source_format, source_key, run_id, kept_home_score, kept_away_score,
                                        other_home_score, other_away_score, detected_at)
     SELECT g.game_id, gs.source_format, gs.source_key, $${runParam}, g.home_score, g.away_score, gs.home_score, gs.away_score, CAST($${nowParam} AS TIMESTAMPTZ)
     ${conflictSql}`,
    [...params, runId, now],
  );
  const filled = await db.execute(
    `INSERT INTO ops.outcome_changes (run_id, game_id, old_status, old_home_score, old_away_score, new_status,
                                      new_home_score, new_away_score, source_format, changed_at)
     SELECT $${runParam}, f.game_id, f.old_status, f.old_home, f.old_away, 'final', f.new_home, f.new_away, f.source_format, CAST($${nowParam} AS TIMESTAMPTZ)
     FROM (${fillSql}${limitSql}) f`,
    [...params, runId, now],
  );
  if (filled > 0) {
    await db.execute(
      `UPDATE curated.games SET status = c.new_status, home_score = c.new_home_score, away_score = c.new_away_score
       FROM ops.outcome_changes c WHERE c.run_id = $1 AND c.game_id = curated.games.game_id`,
      [runId],
    );
  }
  return { filled, conflicts };
}
