/**
 * @module models/closing-lines
 * The lines a game closed at (home spread and total, averaged over books, at the nearest half
 * point): what the score model prices spreads and totals at, during training and backtests, so
 * that line probabilities can be calibrated on earlier seasons' results.
 */
import type { Sport } from '../domain/sports.js';
import type { Database } from '../store/database.js';

/** Each game's closing home spread and total (averaged over books), where the store has them. */
export async function closingLines(db: Database, sport: Sport): Promise<Map<number, { spread?: number; total?: number }>> {
  const rows = await db.query<{ game_id: number; home_spread: number | null; total_line: number | null }>(
    `SELECT game_id, home_spread, total_line FROM curated.game_outcomes WHERE sport = $1 AND (home_spread IS NOT NULL OR total_line IS NOT NULL)`,
    [sport],
  );
  const out = new Map<number, { spread?: number; total?: number }>();
  // An average over books can fall between half points: priced at the nearest half point.
  const half = (x: number) => Math.round(x * 2) / 2;
  for (const r of rows) out.set(Number(r.game_id), { ...(r.home_spread !== null ? { spread: half(Number(r.home_spread)) } : {}), ...(r.total_line !== null ? { total: half(Number(r.total_line)) } : {}) });
  return out;
}
