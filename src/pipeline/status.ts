/**
 * @module pipeline/status
 * `sharpline status`: rows per zone and table, games per sport and season, quarantine counts,
 * last runs.
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
  'curated.teams',
  'curated.games',
  'curated.game_sources',
  'curated.quotes',
  'curated.player_game_logs',
  'curated.published_forecasts',
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
    runs: runs.map((r) => ({ ...r, started_at: new Date(r.started_at).toISOString() })),
  };
}
