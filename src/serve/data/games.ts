/**
 * @module serve/data/games
 * Curated games as the API lists them: by date, sport and team.
 */
import type { Database, SqlValue } from '../../store/database.js';
import { isoDate, isoTime, numOrNull } from './values.js';

export interface GameSummary {
  game_id: number;
  sport: string;
  league: string;
  season: number;
  game_date: string;
  start_at: string | null;
  home_team_id: string;
  away_team_id: string;
  is_neutral_site: boolean;
  status: string;
  home_score: number | null;
  away_score: number | null;
}

export interface GameFilter {
  date?: string;
  from?: string;
  to?: string;
  sport?: string;
  team?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `game_id, sport, league, season, game_date, start_at, home_team_id, away_team_id, is_neutral_site, status, home_score, away_score`;

/** Games matching `filter`, in date order. */
export async function listGames(db: Database, filter: GameFilter): Promise<GameSummary[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const bind = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.date) where.push(`game_date = CAST(${bind(filter.date)} AS DATE)`);
  if (filter.from) where.push(`game_date >= CAST(${bind(filter.from)} AS DATE)`);
  if (filter.to) where.push(`game_date <= CAST(${bind(filter.to)} AS DATE)`);
  if (filter.sport) where.push(`sport = ${bind(filter.sport)}`);
  if (filter.team) {
    const p = bind(filter.team);
    where.push(`(home_team_id = ${p} OR away_team_id = ${p})`);
  }
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM curated.games ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY game_date, sport, game_number, game_id LIMIT ${bind(filter.limit)} OFFSET ${bind(filter.offset)}`,
    params,
  );
  return rows.map(toGame);
}

/** One game by id; null when there is none. */
export async function findGame(db: Database, gameId: number): Promise<GameSummary | null> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM curated.games WHERE game_id = $1`, [gameId]);
  return row ? toGame(row) : null;
}

/** The latest date on or before `date` with games that have stored prices (the dashboard's fallback day). */
export async function latestPricedDay(db: Database, date: string): Promise<string | null> {
  const [row] = await db.query(
    `SELECT MAX(g.game_date) AS d FROM curated.games g
     WHERE g.game_date <= CAST($1 AS DATE) AND EXISTS (SELECT 1 FROM curated.closing_lines c WHERE c.game_id = g.game_id)`,
    [date],
  );
  return row && row.d !== null && row.d !== undefined ? isoDate(row.d) : null;
}

function toGame(r: Record<string, unknown>): GameSummary {
  return {
    game_id: Number(r.game_id),
    sport: String(r.sport),
    league: String(r.league),
    season: Number(r.season),
    game_date: isoDate(r.game_date),
    start_at: isoTime(r.start_at),
    home_team_id: String(r.home_team_id),
    away_team_id: String(r.away_team_id),
    is_neutral_site: Boolean(r.is_neutral_site),
    status: String(r.status),
    home_score: numOrNull(r.home_score),
    away_score: numOrNull(r.away_score),
  };
}
