/**
 * @module models/load-games
 * Reads the games a sport's models learn from and predict: `curated.games`, the one games table,
 * in time order (date, kick-off, id). Optionally only games on or before a date, which is how
 * `train --until` makes a model that never saw what came later.
 */
import type { SeasonType, Sport } from '../domain/sports.js';
import type { Database, SqlValue } from '../store/database.js';
import type { GameRecord } from './types.js';

type GameRow = {
  game_id: number;
  league: string;
  season: number;
  season_type: string;
  game_date: string;
  start_at: Date | string | null;
  home_team_id: string;
  away_team_id: string;
  is_neutral_site: boolean;
  status: string;
  home_score: number | null;
  away_score: number | null;
  home_starter: string | null;
  away_starter: string | null;
  home_early: number | null;
  away_early: number | null;
};

/** Early periods per sport: the starters' part of a game. */
const EARLY_PERIODS: Partial<Record<Sport, number>> = { nba: 3, mlb: 5 };

export interface LoadGamesOptions {
  /** Only games on or before this date (`YYYY-MM-DD`). */
  until?: string;
  /** Only seasons from this one on. */
  seasonFrom?: number;
  /** Only this league (soccer: e.g. `eng-premier-league`). */
  league?: string;
}

/** The sport's games in time order; scores only on final games. */
export async function loadGames(db: Database, sport: Sport, options: LoadGamesOptions = {}): Promise<GameRecord[]> {
  // Every model workflow starts here; its reads of games, quotes and logs follow.
  await db.refreshStatistics();
  const where = ['sport = $1'];
  const params: SqlValue[] = [sport];
  if (options.until) {
    params.push(options.until);
    where.push(`game_date <= CAST($${params.length} AS DATE)`);
  }
  if (options.league) {
    params.push(options.league);
    where.push(`league = $${params.length}`);
  }
  if (options.seasonFrom !== undefined) {
    params.push(options.seasonFrom);
    where.push(`season >= $${params.length}`);
  }
  // Starting pitchers: one per side; where several sources name one, the first ref in sort order
  // (refs of one source are consistent, which is what a pitcher's rolling record needs).
  const rows = await db.query<GameRow>(
    `WITH starters AS (
       SELECT p.game_id,
              MIN(CASE WHEN p.team_id = g.home_team_id THEN p.player_ref END) AS home_starter,
              MIN(CASE WHEN p.team_id = g.away_team_id THEN p.player_ref END) AS away_starter
       FROM curated.player_game_logs p JOIN curated.games g ON g.game_id = p.game_id
       WHERE p.started AND g.sport = $1
       GROUP BY p.game_id
     ), early_by_source AS (
       SELECT p.game_id, p.source_format, SUM(p.home_points) AS home_early, SUM(p.away_points) AS away_early,
              ROW_NUMBER() OVER (PARTITION BY p.game_id ORDER BY p.source_format) AS rn
       FROM curated.game_periods p JOIN curated.games g ON g.game_id = p.game_id
       WHERE g.sport = $1 AND p.period <= ${EARLY_PERIODS[sport] ?? 0}
       GROUP BY p.game_id, p.source_format
       HAVING COUNT(p.home_points) = ${EARLY_PERIODS[sport] ?? 0} AND COUNT(p.away_points) = ${EARLY_PERIODS[sport] ?? 0}
     )
     SELECT g.game_id, g.league, g.season, g.season_type, CAST(g.game_date AS VARCHAR) AS game_date, g.start_at,
            g.home_team_id, g.away_team_id, g.is_neutral_site, g.status, g.home_score, g.away_score,
            s.home_starter, s.away_starter, e.home_early, e.away_early
     FROM curated.games g LEFT JOIN starters s ON s.game_id = g.game_id
     LEFT JOIN early_by_source e ON e.game_id = g.game_id AND e.rn = 1
     WHERE ${where.map((w) => `g.${w}`).join(' AND ')}
     ORDER BY g.game_date, g.start_at NULLS LAST, g.game_id`,
    params,
  );
  return rows.map((r) => {
    const final = r.status === 'final' && r.home_score !== null && r.away_score !== null;
    return {
      gameId: Number(r.game_id),
      sport,
      league: r.league,
      season: Number(r.season),
      seasonType: r.season_type as SeasonType,
      date: r.game_date,
      startAt: r.start_at === null ? null : new Date(r.start_at).toISOString(),
      home: r.home_team_id,
      away: r.away_team_id,
      neutral: !!r.is_neutral_site,
      homeScore: final ? Number(r.home_score) : null,
      awayScore: final ? Number(r.away_score) : null,
      homeStarter: r.home_starter,
      awayStarter: r.away_starter,
      homeEarly: final && r.home_early !== null ? Number(r.home_early) : null,
      awayEarly: final && r.away_early !== null ? Number(r.away_early) : null,
    };
  });
}
