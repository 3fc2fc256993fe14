/**
 * @module analytics/line-history
 * Line movement per game, market, book and side, from the curated quote history: the opening
 * quote first, then timestamped ones in time order, the closing quote last; reduced by the noise
 * filter and summarised (`domain/line-movement`).
 */
import { lineMovement, type LineMovement, type LinePoint } from '../domain/line-movement.js';
import type { Market, Side } from '../domain/sports.js';
import type { Database } from '../store/database.js';

export interface BookLineMovement {
  market: Market;
  book: string;
  side: Side;
  source_format: string;
  quotes: number;
  movement: LineMovement;
}

type QuoteRow = {
  market: Market;
  book: string;
  side: Side;
  source_format: string;
  line: number | null;
  price_decimal: number | null;
  observed_at: Date | string | null;
  is_opening: boolean;
  is_closing: boolean;
};

/** Every book's movement for `gameId`, ordered by market, book and side. */
export async function gameLineMovements(db: Database, gameId: number): Promise<BookLineMovement[]> {
  const rows = await db.query<QuoteRow>(
    `SELECT market, book, side, source_format, line, price_decimal, observed_at, is_opening, is_closing
     FROM curated.quotes WHERE game_id = $1
     ORDER BY market, book, side, source_format,
              CASE WHEN is_opening THEN 0 WHEN is_closing THEN 2 ELSE 1 END, observed_at NULLS FIRST, quote_seq`,
    [gameId],
  );
  const groups = new Map<string, QuoteRow[]>();
  for (const row of rows) {
    const key = `${row.market}|${row.book}|${row.side}|${row.source_format}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const out: BookLineMovement[] = [];
  for (const quotes of groups.values()) {
    const points: LinePoint[] = quotes.map((q) => ({
      at: q.observed_at === null ? null : new Date(q.observed_at),
      line: q.line === null ? null : Number(q.line),
      priceDecimal: q.price_decimal === null ? null : Number(q.price_decimal),
    }));
    const movement = lineMovement(points)!;
    const q = quotes[0]!;
    out.push({ market: q.market, book: q.book, side: q.side, source_format: q.source_format, quotes: quotes.length, movement });
  }
  return out;
}
