/**
 * @module pipeline/curate
 * staging → curated for one run: games matched on their natural key (so every source lands in the
 * ONE games table), each source row linked in `game_sources`, quotes attached, betting splits
 * matched to their game, then outcomes reconciled. Plain SQL that DuckDB and PostgreSQL both run.
 */
import type { Database } from '../store/database.js';
import { teamRegistry } from '../domain/teams/index.js';
import { reconcileOutcomes, type ReconcileResult } from './outcomes.js';

/** The natural key of a game, as SQL over a row aliased `s`. */
export const GAME_KEY_SQL =
  "s.sport || ':' || CAST(s.game_date AS VARCHAR) || ':' || s.home_team_id || ':' || s.away_team_id || ':' || CAST(s.game_number AS VARCHAR)";

/** The key of the same game with home and away the other way round (neutral sites), over `s`. */
const SWAPPED_GAME_KEY_SQL =
  "s.sport || ':' || CAST(s.game_date AS VARCHAR) || ':' || s.away_team_id || ':' || s.home_team_id || ':' || CAST(s.game_number AS VARCHAR)";

/**
 * SQL: this run's staging games `s`, each with `matched_key`, the key of the curated game it
 * belongs to: its own key, else, at a neutral site (by either side's account), the game with home
 * and away the other way round (sources disagree on the designated home team of Super Bowls).
 * Null when no curated game matches. Equi-joins only, so it stays a hash join at any size: the
 * neutral-site test is applied after the join, never in its ON clause. (An ON clause that mixes an
 * equality with an OR over both sides makes DuckDB plan a LEFT join as a blockwise nested-loop join,
 * comparing every staged game with every curated game: the import became quadratic.) `game_key` is
 * unique in curated.games, so each join adds at most one row and the result is the same.
 */
const RUN_GAMES_MATCHED_SQL = `(
  SELECT s.*, COALESCE(x1.game_key, CASE WHEN s.is_neutral_site OR x2.is_neutral_site THEN x2.game_key END) AS matched_key
  FROM (SELECT s.*, ${GAME_KEY_SQL} AS game_key, ${SWAPPED_GAME_KEY_SQL} AS swapped_key FROM staging.games s WHERE s.run_id = $1) s
  LEFT JOIN curated.games x1 ON x1.game_key = s.game_key
  LEFT JOIN curated.games x2 ON x2.game_key = s.swapped_key
)`;

/** The natural key of a game, computed in TS (must match `GAME_KEY_SQL`). */
export function gameKey(g: { sport: string; gameDate: string; homeTeamId: string; awayTeamId: string; gameNumber: number }): string {
  return `${g.sport}:${g.gameDate}:${g.homeTeamId}:${g.awayTeamId}:${g.gameNumber}`;
}

/** The identity of a betting-split observation (must not change: `curated.betting_splits` is keyed by it). */
export function splitKey(s: { sport: string; gameDate: string; homeTeamId: string; awayTeamId: string; market: string; side: string; observedAt: string }): string {
  return `${s.sport}:${s.gameDate}:${s.homeTeamId}:${s.awayTeamId}:${s.market}:${s.side}:${new Date(s.observedAt).toISOString()}`;
}

/**
 * SQL: curated game `g` is the game of staging split `s`: same sport, local date and teams; at a
 * neutral site also with home and away the other way round (sources disagree on the designated
 * home team, e.g. Super Bowls).
 */
function splitGameMatch(g: string): string {
  return `${g}.sport = s.sport AND ${g}.game_date = s.game_date
    AND ((${g}.home_team_id = s.home_team_id AND ${g}.away_team_id = s.away_team_id)
      OR (${g}.is_neutral_site AND ${g}.home_team_id = s.away_team_id AND ${g}.away_team_id = s.home_team_id))`;
}

const SPLIT_NOT_CURATED = `NOT EXISTS (SELECT 1 FROM curated.betting_splits x WHERE x.source_format = s.source_format AND x.split_key = s.split_key)`;

export interface CurateResult {
  gamesCreated: number;
  gameSourcesLinked: number;
  quotesAdded: number;
  forecastsAdded: number;
  playerLogsAdded: number;
  /** Betting splits curated: the run's own, plus earlier ones whose game this run created. */
  splitsAdded: number;
  /** The run's split observations still without a curated game (they stay in staging). */
  splitsUnmatched: number;
  outcomes: ReconcileResult;
}

/** The advisory-lock key curation runs under (an arbitrary constant, "sl-curate"). */
const CURATE_LOCK_KEY = 0x736c6375;

/**
 * Serialises curation across processes until `tx` ends. Curate matches games on their natural key
 * and seeds teams: two processes curating the same new game at once (two sources, two workers, a
 * collector beside a backfill) would collide on curated.games' and curated.teams' unique keys and
 * one of them would fail. PostgreSQL takes a transaction-level advisory lock; DuckDB's single writer
 * already serialises. Call it inside the transaction that curates.
 */
export async function lockCuration(tx: Database): Promise<void> {
  if (tx.capabilities.advisoryLocks) await tx.query(`SELECT pg_advisory_xact_lock(${CURATE_LOCK_KEY})`);
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
 * Merges the staging rows of `runId` into curated and reconciles the outcomes they bring, one
 * process at a time (`lockCuration`): call it inside a transaction.
 * `countQuotes: false` skips counting the run's quotes (the import counts its own batches).
 */
export async function curateRun(db: Database, runId: number, options: { countQuotes?: boolean } = {}): Promise<CurateResult> {
  await lockCuration(db);
  await seedTeams(db);
  const gamesCreated = await db.execute(
    `INSERT INTO curated.games (game_id, game_key, sport, league, season, season_type, game_date, start_at, game_number,
                                home_team_id, away_team_id, is_neutral_site, status, home_score, away_score, created_run_id)
     SELECT nextval('curated.game_id_seq'), k.game_key, k.sport, k.league, k.season, k.season_type, k.game_date, k.start_at, k.game_number,
            k.home_team_id, k.away_team_id, k.is_neutral_site, k.status, k.home_score, k.away_score, $1
     FROM (
       SELECT DISTINCT ON (s.game_key) s.*
       FROM ${RUN_GAMES_MATCHED_SQL} s
       WHERE s.matched_key IS NULL
       ORDER BY s.game_key, CASE WHEN s.status = 'final' THEN 0 ELSE 1 END, s.source_format, s.source_key
     ) k`,
    [runId],
  );
  const gameSourcesLinked = await db.execute(
    `INSERT INTO curated.game_sources (source_format, source_key, game_id, run_id, source_game_ref, home_score, away_score, is_swapped)
     SELECT s.source_format, s.source_key, g.game_id, s.run_id, s.source_game_ref,
            CASE WHEN g.home_team_id = s.home_team_id THEN s.home_score ELSE s.away_score END,
            CASE WHEN g.home_team_id = s.home_team_id THEN s.away_score ELSE s.home_score END,
            g.home_team_id <> s.home_team_id
     FROM ${RUN_GAMES_MATCHED_SQL} s
     JOIN curated.games g ON g.game_key = s.matched_key
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
     SELECT f.source_format, f.source_key, f.system, f.run_id, gs.game_id,
            CASE WHEN gs.is_swapped THEN 1 - f.home_win_prob ELSE f.home_win_prob END,
            CASE WHEN gs.is_swapped THEN f.away_rating ELSE f.home_rating END,
            CASE WHEN gs.is_swapped THEN f.home_rating ELSE f.away_rating END
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
  // Splits of this run; then splits staged earlier that were waiting for a game this run created.
  let splitsAdded = await curateSplits(db, 's.run_id = $1', runId);
  if (gamesCreated > 0) {
    splitsAdded += await curateSplits(db, `EXISTS (SELECT 1 FROM curated.games n WHERE n.created_run_id = $1 AND ${splitGameMatch('n')})`, runId);
  }
  const [unmatched] = await db.query<{ n: number }>(
    `SELECT COUNT(DISTINCT s.split_key) AS n FROM staging.betting_splits s WHERE s.run_id = $1 AND ${SPLIT_NOT_CURATED}`,
    [runId],
  );
  const outcomes = await reconcileOutcomes(db, runId, { sourceRunId: runId });
  return { gamesCreated, gameSourcesLinked, quotesAdded, forecastsAdded, playerLogsAdded, splitsAdded, splitsUnmatched: Number(unmatched?.n ?? 0), outcomes };
}

/**
 * Curates the staging splits selected by `scope` (SQL over `s`, with `$1` = `runId`) whose game is
 * in curated.games, once per observation. A split that matches no game, or more than one (a
 * doubleheader: splits carry no game number), stays in staging. `side` is re-oriented when the
 * game was matched with home and away swapped.
 */
async function curateSplits(db: Database, scope: string, runId: number): Promise<number> {
  return db.execute(
    `INSERT INTO curated.betting_splits (source_format, split_key, source_key, split_seq, run_id, game_id, market, side, team_id, line,
                                        bets_share, money_share, price_decimal, price_text, observed_at)
     SELECT m.source_format, m.split_key, m.source_key, m.split_seq, m.run_id, m.game_id, m.market,
            CASE WHEN m.swapped AND m.side = 'home' THEN 'away' WHEN m.swapped AND m.side = 'away' THEN 'home' ELSE m.side END,
            m.team_id, m.line, m.bets_share, m.money_share, m.price_decimal, m.price_text, m.observed_at
     FROM (
       SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.source_format, c.split_key ORDER BY c.run_id, c.source_key, c.split_seq) AS rn
       FROM (
         SELECT s.source_format, s.split_key, s.source_key, s.split_seq, s.run_id, s.market, s.side, s.team_id, s.line, s.bets_share,
                s.money_share, s.price_decimal, s.price_text, s.observed_at, g.game_id, g.home_team_id <> s.home_team_id AS swapped,
                COUNT(*) OVER (PARTITION BY s.source_format, s.source_key, s.split_seq) AS candidates
         FROM staging.betting_splits s
         JOIN curated.games g ON ${splitGameMatch('g')}
         WHERE ${scope} AND ${SPLIT_NOT_CURATED}
       ) c
       WHERE c.candidates = 1
     ) m
     WHERE m.rn = 1`,
    [runId],
  );
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

/**
 * Runs whose staging rows are not all in curated yet (a `--zone raw|staging` run, or a crash). A
 * betting split counts only once its game is in curated: until then it waits, reported as unmatched.
 */
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
     UNION
     SELECT DISTINCT s.run_id FROM staging.betting_splits s
     WHERE ${SPLIT_NOT_CURATED} AND (SELECT COUNT(*) FROM curated.games g WHERE ${splitGameMatch('g')}) = 1
     ORDER BY 1`,
  );
  return rows.map((r) => r.run_id);
}
