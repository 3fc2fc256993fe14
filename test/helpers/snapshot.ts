/**
 * A store's data as comparable text: every zone's rows without run ids, surrogate game ids or
 * timestamps (which legitimately differ between two runs of the same import).
 */
import type { Database } from '../../src/store/index.js';

const QUERIES: Record<string, string> = {
  raw: `SELECT source_format, content_hash, file_path, row_number, CAST(payload AS VARCHAR) AS payload FROM raw.records`,
  processed: `SELECT source_format, content_hash, outcome FROM staging.processed_records`,
  staging_games: `SELECT source_format, source_key, sport, season, CAST(game_date AS VARCHAR) AS d, home_team_id, away_team_id, status, home_score, away_score FROM staging.games`,
  staging_quotes: `SELECT source_format, source_key, quote_seq, book, market, side, line, price_decimal, price_text, is_opening, is_closing FROM staging.quotes`,
  quarantine: `SELECT source_format, content_hash, file_path, row_number, reason_code, field, reason FROM ops.quarantine`,
  games: `SELECT game_key, sport, league, season, season_type, status, home_score, away_score, is_neutral_site FROM curated.games`,
  game_sources: `SELECT g.game_key, gs.source_format, gs.source_key, gs.home_score, gs.away_score FROM curated.game_sources gs JOIN curated.games g USING (game_id)`,
  periods: `SELECT source_format, source_key, period, period_label, home_points, away_points FROM staging.game_periods`,
  quotes: `SELECT g.game_key, q.source_format, q.source_key, q.quote_seq, q.book, q.market, q.side, q.line, q.price_decimal FROM curated.quotes q JOIN curated.games g USING (game_id)`,
  conflicts: `SELECT g.game_key, c.source_format, c.source_key, c.other_home_score, c.other_away_score FROM ops.outcome_conflicts c JOIN curated.games g USING (game_id)`,
};

/** Sorted JSON lines per table. */
export async function snapshotStore(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(QUERIES)) {
    out[name] = (await db.query(sql)).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
