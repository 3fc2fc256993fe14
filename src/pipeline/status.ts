/**
 * @module pipeline/status
 * `sharpline status`: rows per zone and table, games per sport and season, quarantine counts,
 * betting splits matched and waiting for their game, last runs.
 */
import type { Database } from '../store/database.js';

/** Tables reported by zone, in data-flow order. */
export const ZONE_TABLES: readonly string[] = [
  'raw.records',
  'staging.processed_records',
  'staging.games',
  'staging.quotes',
  'staging.player_game_logs',
  'staging.forecasts',
  'staging.betting_splits',
  'staging.game_periods',
  'curated.teams',
  'curated.games',
  'curated.game_sources',
  'curated.quotes',
  'curated.player_game_logs',
  'curated.published_forecasts',
  'curated.betting_splits',
  'curated.game_periods',
  'ops.quarantine',
  'ops.outcome_changes',
  'ops.outcome_conflicts',
  'ops.runs',
];

/** The JSON shape of `status` (format version 1). */
export interface StoreStatus {
  version: 1;
  engine: string;
  location: string;
  tables: { table: string; zone: string; rows: number }[];
  games: { sport: string; season: number; games: number; final: number; with_closing_moneyline: number }[];
  quarantine: { source_format: string; reason_code: string; rows: number }[];
  /**
   * Betting-split observations per source: curated (matched to a game) and unmatched (no curated
   * game yet: they stay in staging and are curated when the game arrives), with the games waiting.
   */
  betting_splits: { source_format: string; staged_rows: number; observations: number; curated: number; unmatched: number; unmatched_games: number }[];
  runs: { run_id: number; command: string; source_format: string | null; status: string; started_at: string; rows_in: number; loaded: number; quarantined: number; duplicates: number }[];
}

export async function storeStatus(db: Database, options: { runs?: number } = {}): Promise<StoreStatus> {
  const tables: StoreStatus['tables'] = [];
  for (const table of ZONE_TABLES) {
    const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    tables.push({ table, zone: table.split('.')[0]!, rows: Number(row?.n ?? 0) });
  }
  const games = await db.query<StoreStatus['games'][number]>(
    `SELECT g.sport, g.season, COUNT(*) AS games,
            SUM(CASE WHEN g.status = 'final' THEN 1 ELSE 0 END) AS final,
            SUM(CASE WHEN EXISTS (SELECT 1 FROM curated.closing_lines c WHERE c.game_id = g.game_id AND c.market = 'moneyline' AND c.price_decimal IS NOT NULL) THEN 1 ELSE 0 END) AS with_closing_moneyline
     FROM curated.games g GROUP BY g.sport, g.season ORDER BY g.sport, g.season`,
  );
  const quarantine = await db.query<StoreStatus['quarantine'][number]>(
    `SELECT source_format, reason_code, COUNT(*) AS rows FROM ops.quarantine GROUP BY source_format, reason_code ORDER BY source_format, rows DESC`,
  );
  const splits = await db.query<StoreStatus['betting_splits'][number]>(
    `SELECT s.source_format, COUNT(*) AS staged_rows, COUNT(DISTINCT s.split_key) AS observations,
            COUNT(DISTINCT CASE WHEN x.split_key IS NOT NULL THEN s.split_key END) AS curated,
            COUNT(DISTINCT CASE WHEN x.split_key IS NULL THEN s.split_key END) AS unmatched,
            COUNT(DISTINCT CASE WHEN x.split_key IS NULL THEN s.sport || ':' || CAST(s.game_date AS VARCHAR) || ':' || s.home_team_id || ':' || s.away_team_id END) AS unmatched_games
     FROM staging.betting_splits s
     LEFT JOIN curated.betting_splits x ON x.source_format = s.source_format AND x.split_key = s.split_key
     GROUP BY s.source_format ORDER BY s.source_format`,
  );
  const runs = await db.query<StoreStatus['runs'][number] & { started_at: Date }>(
    `SELECT run_id, command, source_format, status, started_at, rows_in, loaded, quarantined, duplicates
     FROM ops.runs ORDER BY run_id DESC LIMIT ${Math.max(1, options.runs ?? 10)}`,
  );
  return {
    version: 1,
    engine: db.engine,
    location: db.location,
    tables,
    games: games.map((g) => ({ sport: g.sport, season: g.season, games: Number(g.games), final: Number(g.final), with_closing_moneyline: Number(g.with_closing_moneyline) })),
    quarantine: quarantine.map((q) => ({ ...q, rows: Number(q.rows) })),
    betting_splits: splits.map((s) => ({
      source_format: s.source_format,
      staged_rows: Number(s.staged_rows),
      observations: Number(s.observations),
      curated: Number(s.curated),
      unmatched: Number(s.unmatched),
      unmatched_games: Number(s.unmatched_games),
    })),
    runs: runs.map((r) => ({ ...r, started_at: new Date(r.started_at).toISOString() })),
  };
}

/** A game that betting splits name but curated.games does not hold (yet). */
export type UnmatchedSplitGame = {
  source_format: string;
  sport: string;
  game_date: string;
  home_team_id: string;
  away_team_id: string;
  observations: number;
};

/** The games unmatched betting splits wait for, by date: what to import to curate them. */
export async function unmatchedSplitGames(db: Database, options: { limit?: number } = {}): Promise<UnmatchedSplitGame[]> {
  const rows = await db.query<UnmatchedSplitGame>(
    `SELECT s.source_format, s.sport, CAST(s.game_date AS VARCHAR) AS game_date, s.home_team_id, s.away_team_id, COUNT(DISTINCT s.split_key) AS observations
     FROM staging.betting_splits s
     WHERE NOT EXISTS (SELECT 1 FROM curated.betting_splits x WHERE x.source_format = s.source_format AND x.split_key = s.split_key)
     GROUP BY s.source_format, s.sport, s.game_date, s.home_team_id, s.away_team_id
     ORDER BY s.game_date, s.source_format, s.home_team_id, s.away_team_id
     LIMIT ${Math.max(1, Math.floor(options.limit ?? 1000))}`,
  );
  return rows.map((r) => ({ ...r, observations: Number(r.observations) }));
}
