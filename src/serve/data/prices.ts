/**
 * @module serve/data/prices
 * A game's stored prices, as `predictMatchup` takes them: the latest (closing, else last observed)
 * quote of each side at one book, from `curated.closing_lines`. Never a default price: a side with
 * no stored quote is simply absent, and a game with none says so.
 */
import type { PriceSide } from '../../models/predict.js';
import type { Database } from '../../store/database.js';
import { isoTime } from './values.js';

export interface StoredPrices {
  /** The book the prices are from; null when the game has no stored price. */
  book: string | null;
  /** Decimal prices by side. */
  prices: Partial<Record<PriceSide, number>>;
  /** The home handicap of the spread prices, and the total line. */
  spread: number | null;
  total: number | null;
  /** When the newest of these quotes was observed (null when the source gave no time). */
  observed_at: string | null;
  /** Books with a stored price for this game. */
  books: string[];
}

type QuoteRow = { book: string; market: string; side: string; line: number | null; price_decimal: number; observed_at: unknown };

/**
 * The game's prices at `book`, or, when no book is named, at the book pricing the most sides (ties
 * by name, so the choice is stable).
 */
export async function storedPrices(db: Database, gameId: number, book?: string): Promise<StoredPrices> {
  const rows = await db.query<QuoteRow>(
    `SELECT book, market, side, line, price_decimal, observed_at FROM curated.closing_lines WHERE game_id = $1 ORDER BY book, market, side`,
    [gameId],
  );
  const perBook = new Map<string, QuoteRow[]>();
  for (const r of rows) perBook.set(r.book, [...(perBook.get(r.book) ?? []), r]);
  const books = [...perBook.keys()].sort();
  const chosen = book ?? books.slice().sort((a, b) => perBook.get(b)!.length - perBook.get(a)!.length || (a < b ? -1 : 1))[0];
  const quotes = chosen ? (perBook.get(chosen) ?? []) : [];
  const out: StoredPrices = { book: quotes.length ? chosen! : null, prices: {}, spread: null, total: null, observed_at: null, books };
  let newest: string | null = null;
  for (const q of quotes) {
    const side = priceSide(q.market, q.side);
    if (!side) continue;
    const price = Number(q.price_decimal);
    if (!(price > 1)) continue;
    out.prices[side] = price;
    // A spread line is from its side's view: the home handicap is the home line, or minus the away line.
    if (q.market === 'spread' && q.line !== null) out.spread ??= q.side === 'home' ? Number(q.line) : -Number(q.line);
    if (q.market === 'total' && q.line !== null) out.total ??= Number(q.line);
    const at = isoTime(q.observed_at);
    if (at && (!newest || at > newest)) newest = at;
  }
  out.observed_at = newest;
  return out;
}

function priceSide(market: string, side: string): PriceSide | null {
  if (market === 'moneyline' && (side === 'home' || side === 'away' || side === 'draw')) return side;
  if (market === 'spread' && side === 'home') return 'home_cover';
  if (market === 'spread' && side === 'away') return 'away_cover';
  if (market === 'total' && (side === 'over' || side === 'under')) return side;
  return null;
}
