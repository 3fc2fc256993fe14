/**
 * @module pipeline/curate
 * staging → curated for one run: games matched on their natural key (so every source lands in the
 * ONE games table), each source row linked in `game_sources`, quotes attached, then outcomes
 * reconciled. Plain SQL that DuckDB and PostgreSQL both run.
 */
import type { Database } from '../store/database.js';
import { teamRegistry } from '../domain/teams/index.js';
import { reconcileOutcomes, type ReconcileResult } from './outcomes.js';

/** The natural key of a game, as SQL over a row aliased `s`. */
export const GAME_KEY_SQL =
  "s.sport || ':' || CAST(s.game_date AS VARCHAR) || ':' || s.home_team_id || ':' || s.away_team_id || ':' || CAST(s.game_number AS VARCHAR)";

/** The natural key of a game, computed in TS (must match `GAME_KEY_SQL`). */
export function gameKey(g: { sport: string; gameDate: string; homeTeamId: string; awayTeamId: string; gameNumber: number }): string {
  return `${g.sport}:${g.gameDate}:${g.homeTeamId}:${g.awayTeamId}:${g.gameNumber}`;
}

export interface CurateResult {
  gamesCreated: number;
  gameSourcesLinked: number;
  quotesAdded: number;
  forecastsAdded: number;
  playerLogsAdded: number;
  outcomes: ReconcileResult;
}

/** Makes sure every registry team exists in `curated.teams` (referential integrity for games). */
export async function seedTeams(db: Database): Promise<void> {
  const teams = teamRegistry().teams();
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM curated.teams');
  if (Number(n) >= teams.length) return;
  const existing = new Set((await db.query<{ team_id: string }>('SELECT team_id FROM curated.teams')).map((r) => r.team_id));
  const missing = teams.filter((t) => !existing.has(t.id));
  await db.bulkLoad('curated.teams', ['team_id', 'sport', 'name'], missing.map((t) => [t.id, t.sport, t.name]));
}

/**
 * Merges the staging rows of `runId` into curated and reconciles the outcomes they bring.
 * `countQuotes: false` skips counting the run's quotes (the import counts its own batches).
 */
export async function curateRun(db: Database, runId: number, options: { countQuotes?: boolean } = {}): Promise<CurateResult> {
  await seedTeams(db);
  const gamesCreated = await db.execute(
    `INSERT INTO curated.games (game_id, game_key, sport, league, season, season_type, game_date, start_at, game_number,
                                home_team_id, away_team_id, is_neutral_site, status, home_score, away_score, created_run_id)
     SELECT nextval('curated.game_id_seq'), k.game_key, k.sport, k.league, k.season, k.season_type, k.game_date, k.start_at, k.game_number,
            k.home_team_id, k.away_team_id, k.is_neutral_site, k.status, k.home_score, k.away_score, $1
     FROM (
       SELECT DISTINCT ON (s.game_key) s.*
       FROM (SELECT s.*, ${GAME_KEY_SQL} AS game_key FROM staging.games s WHERE s.run_id = $1) s
       WHERE NOT EXISTS (SELECT 1 FROM curated.games g WHERE g.game_key = s.game_key)
       ORDER BY s.game_key, CASE WHEN s.status = 'final' THEN 0 ELSE 1 END, s.source_format, s.source_key
     ) k`,
    [runId],
  );
  const gameSourcesLinked = await db.execute(
    `INSERT INTO curated.game_sources (source_format, source_key, game_id, run_id, source_game_ref, home_score, away_score)
     SELECT s.source_format, s.source_key, g.game_id, s.run_id, s.source_game_ref, s.home_score, s.away_score
     FROM staging.games s
     JOIN curated.games g ON g.game_key = ${GAME_KEY_SQL}
     WHERE s.run_id = $1
       AND NOT EXISTS (SELECT 1 FROM curated.game_sources x WHERE x.source_format = s.source_format AND x.source_key = s.source_key)`,
    [runId],
  );
  // curated.quotes is a view over staging.quotes joined to game_sources: linking the games links them.
  const [quoted] = options.countQuotes === false ? [] : await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM staging.quotes q
     WHERE q.run_id = $1 AND EXISTS (SELECT 1 FROM curated.game_sources gs WHERE gs.source_format = q.source_format AND gs.source_key = q.game_source_key AND gs.run_id = $1)`,
    [runId],
  );
  const quotesAdded = Number(quoted?.n ?? 0);
  const forecastsAdded = await db.execute(
    `INSERT INTO curated.published_forecasts (source_format, source_key, system, run_id, game_id, home_win_prob, home_rating, away_rating)
     SELECT f.source_format, f.source_key, f.system, f.run_id, gs.game_id, f.home_win_prob, f.home_rating, f.away_rating
     FROM staging.forecasts f
     JOIN curated.game_sources gs ON gs.source_format = f.source_format AND gs.source_key = f.game_source_key
     WHERE f.run_id = $1
       AND NOT EXISTS (SELECT 1 FROM curated.published_forecasts x
                       WHERE x.source_format = f.source_format AND x.source_key = f.source_key AND x.system = f.system)`,
    [runId],
  );
  // A player's line joins the game his team played that day (either side, same game number).
  const playerLogsAdded = await db.execute(
    `INSERT INTO curated.player_game_logs (source_format, source_key, run_id, game_id, sport, player_ref, player_name, team_id, opponent_team_id,
                                          is_home, game_date, game_number, started, outs, batters_faced, strikeouts, walks, hits, runs,
                                          earned_runs, home_runs, pitches)
     SELECT l.source_format, l.source_key, l.run_id,
            (SELECT MIN(g.game_id) FROM curated.games g
             WHERE g.sport = l.sport AND g.game_date = l.game_date AND g.game_number = l.game_number
               AND ((g.home_team_id = l.team_id AND g.away_team_id = l.opponent_team_id)
                 OR (g.away_team_id = l.team_id AND g.home_team_id = l.opponent_team_id))),
            l.sport, l.player_ref, l.player_name, l.team_id, l.opponent_team_id, l.is_home, l.game_date, l.game_number, l.started, l.outs,
            l.batters_faced, l.strikeouts, l.walks, l.hits, l.runs, l.earned_runs, l.home_runs, l.pitches
     FROM staging.player_game_logs l
     WHERE l.run_id = $1
       AND NOT EXISTS (SELECT 1 FROM curated.player_game_logs x WHERE x.source_format = l.source_format AND x.source_key = l.source_key)`,
    [runId],
  );
  // Player lines imported before their games (pitching before game info) join them now.
  if (gamesCreated > 0) await linkOrphanPlayerLogs(db, runId);
  const outcomes = await reconcileOutcomes(db, runId, { sourceRunId: runId });
  return { gamesCreated, gameSourcesLinked, quotesAdded, forecastsAdded, playerLogsAdded, outcomes };
}

/** Sets `game_id` on player lines that had no curated game yet, where this run created one. */
export async function linkOrphanPlayerLogs(db: Database, runId?: number): Promise<number> {
  const runFilter = runId === undefined ? '' : 'AND g.created_run_id = $1';
  return db.execute(
    `UPDATE curated.player_game_logs SET game_id = m.game_id
     FROM (SELECT l.source_format, l.source_key, MIN(g.game_id) AS game_id
           FROM curated.player_game_logs l
           JOIN curated.games g ON g.sport = l.sport AND g.game_date = l.game_date AND g.game_number = l.game_number
             AND ((g.home_team_id = l.team_id AND g.away_team_id = l.opponent_team_id)
               OR (g.away_team_id = l.team_id AND g.home_team_id = l.opponent_team_id))
           WHERE l.game_id IS NULL ${runFilter}
           GROUP BY l.source_format, l.source_key) m
     WHERE curated.player_game_logs.source_format = m.source_format AND curated.player_game_logs.source_key = m.source_key`,
    runId === undefined ? [] : [runId],
  );
}

/** Runs whose staging rows are not all in curated yet (a `--zone raw|staging` run, or a crash). */
export async function pendingCurateRuns(db: Database): Promise<number[]> {
  const rows = await db.query<{ run_id: number }>(
    `SELECT DISTINCT s.run_id FROM staging.games s
     WHERE NOT EXISTS (SELECT 1 FROM curated.game_sources x WHERE x.source_format = s.source_format AND x.source_key = s.source_key)

     UNION
     SELECT DISTINCT f.run_id FROM staging.forecasts f
     WHERE NOT EXISTS (SELECT 1 FROM curated.published_forecasts x WHERE x.source_format = f.source_format AND x.source_key = f.source_key AND x.system = f.system)
     UNION
     SELECT DISTINCT l.run_id FROM staging.player_game_logs l
     WHERE NOT EXISTS (SELECT 1 FROM curated.player_game_logs x WHERE x.source_format = l.source_format AND x.source_key = l.source_key)
     ORDER BY 1`,
  );
  return rows.map((r) => r.run_id);
}
