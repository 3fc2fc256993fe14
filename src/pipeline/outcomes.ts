/**
 * @module pipeline/outcomes
 * Reconciles scores that sources report for curated games. A score fills a game that has none
 * (recorded in `ops.outcome_changes`, so a rollback can undo it); a score that disagrees with the
 * one kept is written to `ops.outcome_conflicts` and never overwrites it. Before its result, a game's
 * status moves forward as its sources report it (scheduled → in progress → postponed → canceled),
 * recorded the same way; it never moves back, so a schedule file imported after a live scoreboard
 * does not undo what the scoreboard saw.
 */
import { GAME_STATUSES } from '../domain/sports.js';
import type { Database, SqlValue } from '../store/database.js';

export interface ReconcileResult {
  /** Games that got a final score they lacked. */
  filled: number;
  /** Source rows whose score disagrees with the kept one (new this time). */
  conflicts: number;
  /** Games without a result whose status moved (scheduled → in_progress, → postponed, …). */
  statusChanges: number;
}

/** How far along a status is (its place in `GAME_STATUSES`), as SQL over `column`: a game's status only moves up. */
function statusRank(column: string): string {
  return `CASE ${column} ${GAME_STATUSES.map((status, i) => `WHEN '${status}' THEN ${i}`).join(' ')} END`;
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

/** Fills missing scores, records conflicts and moves statuses for the games in `scope`, as run `runId`. */
export async function reconcileOutcomes(db: Database, runId: number, scope: ReconcileScope = {}): Promise<ReconcileResult> {
  const params: SqlValue[] = [];
  // Which source rows and games are in scope; scores and statuses each add their own conditions.
  const inScope: string[] = [];
  if (scope.sourceRunId !== undefined) {
    params.push(scope.sourceRunId);
    inScope.push(`gs.run_id = $${params.length}`);
  }
  if (scope.fromDate) {
    params.push(scope.fromDate);
    inScope.push(`g.game_date >= CAST($${params.length} AS DATE)`);
  }
  const where = ['gs.home_score IS NOT NULL', 'gs.away_score IS NOT NULL', ...inScope];
  const candidateSql = `FROM curated.game_sources gs JOIN curated.games g ON g.game_id = gs.game_id WHERE ${where.join(' AND ')}`;

  const conflictSql = `${candidateSql} AND g.home_score IS NOT NULL
      AND (gs.home_score <> g.home_score OR gs.away_score <> g.away_score)
      AND NOT EXISTS (SELECT 1 FROM ops.outcome_conflicts c WHERE c.source_format = gs.source_format AND c.source_key = gs.source_key)`;
  const limitSql = scope.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(scope.limit))}` : '';
  // The status of a game still without a result: the furthest along its sources report, when that
  // is further than the game's; never 'final' (a final comes with its scores, through the fill).
  const statusSql = `SELECT * FROM (
       SELECT DISTINCT ON (g.game_id) g.game_id, g.status AS old_status, s.status AS new_status, gs.source_format
       FROM curated.game_sources gs
       JOIN curated.games g ON g.game_id = gs.game_id
       JOIN staging.games s ON s.source_format = gs.source_format AND s.source_key = gs.source_key
       WHERE ${[...inScope, 'g.home_score IS NULL', "s.status <> 'final'"].join(' AND ')}
       ORDER BY g.game_id, ${statusRank('s.status')} DESC, gs.run_id DESC, gs.source_format, gs.source_key
     ) x WHERE ${statusRank('x.new_status')} > ${statusRank('x.old_status')}`;
  const fillSql = `SELECT DISTINCT ON (g.game_id) g.game_id, g.status AS old_status, g.home_score AS old_home, g.away_score AS old_away,
            gs.home_score AS new_home, gs.away_score AS new_away, gs.source_format
     ${candidateSql} AND g.home_score IS NULL
     ORDER BY g.game_id, gs.source_format, gs.source_key`;

  if (scope.dryRun) {
    const [c] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n ${conflictSql}`, params);
    const [f] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM (${fillSql}${limitSql}) x`, params);
    const [st] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM (${statusSql}${limitSql}) x`, params);
    return { filled: Number(f?.n ?? 0), conflicts: Number(c?.n ?? 0), statusChanges: Number(st?.n ?? 0) };
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
  // A game whose status this run already moved (an earlier group of the same import) keeps that
  // change record, now completed with its result: its old values are what a rollback restores.
  const upgraded = await db.execute(
    `UPDATE ops.outcome_changes SET new_status = 'final', new_home_score = f.new_home, new_away_score = f.new_away, source_format = f.source_format
     FROM (${fillSql}${limitSql}) f
     WHERE ops.outcome_changes.run_id = $${runParam} AND ops.outcome_changes.game_id = f.game_id`,
    [...params, runId],
  );
  const inserted = await db.execute(
    `INSERT INTO ops.outcome_changes (run_id, game_id, old_status, old_home_score, old_away_score, new_status,
                                      new_home_score, new_away_score, source_format, changed_at)
     SELECT $${runParam}, f.game_id, f.old_status, f.old_home, f.old_away, 'final', f.new_home, f.new_away, f.source_format, CAST($${nowParam} AS TIMESTAMPTZ)
     FROM (${fillSql}${limitSql}) f
     WHERE NOT EXISTS (SELECT 1 FROM ops.outcome_changes c WHERE c.run_id = $${runParam} AND c.game_id = f.game_id)`,
    [...params, runId, now],
  );
  const filled = upgraded + inserted;
  // Likewise a status this run already moved and now moves further keeps its first old status.
  const movedAgain = await db.execute(
    `UPDATE ops.outcome_changes SET new_status = x.new_status, source_format = x.source_format
     FROM (${statusSql}${limitSql}) x
     WHERE ops.outcome_changes.run_id = $${runParam} AND ops.outcome_changes.game_id = x.game_id`,
    [...params, runId],
  );
  const statusChanges = movedAgain + await db.execute(
    `INSERT INTO ops.outcome_changes (run_id, game_id, old_status, old_home_score, old_away_score, new_status,
                                      new_home_score, new_away_score, source_format, changed_at)
     SELECT $${runParam}, x.game_id, x.old_status, NULL, NULL, x.new_status, NULL, NULL, x.source_format, CAST($${nowParam} AS TIMESTAMPTZ)
     FROM (${statusSql}) x
     WHERE NOT EXISTS (SELECT 1 FROM ops.outcome_changes c WHERE c.run_id = $${runParam} AND c.game_id = x.game_id)${limitSql}`,
    [...params, runId, now],
  );
  if (filled + statusChanges > 0) {
    await db.execute(
      `UPDATE curated.games SET status = c.new_status, home_score = c.new_home_score, away_score = c.new_away_score
       FROM ops.outcome_changes c WHERE c.run_id = $1 AND c.game_id = curated.games.game_id`,
      [runId],
    );
  }
  return { filled, conflicts, statusChanges };
}
