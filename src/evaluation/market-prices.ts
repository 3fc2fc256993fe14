/**
 * @module evaluation/market-prices
 * The real prices a backtest bets at: one book's opening or closing quotes per game, market and
 * side, with the closing price of the same side and line for closing-line value. The book is the
 * one asked for, or else the bettable book that priced the most games in range (Pinnacle first
 * where it exists; best-price and average columns are no one's market and never chosen).
 */
import { NOT_A_BOOK } from '../domain/books.js';
import type { Database, SqlValue } from '../store/database.js';
import type { BetMarket, BetSide } from './betting/index.js';

export type PriceKind = 'close' | 'open';

export interface MarketQuote {
  /** The line of the price taken (home handicap, total); null for moneylines. */
  line: number | null;
  sides: Map<BetSide, { price: number | null; closePrice: number | null }>;
}

export interface MarketPrices {
  book: string | null;
  /** game → market → quote */
  games: Map<number, Map<BetMarket, MarketQuote>>;
}

export interface PriceFilter {
  sport: string;
  from: number;
  to: number;
  league?: string;
  book?: string;
  price: PriceKind;
}


/** Picks the book and loads its quotes for the range. */
export async function loadMarketPrices(db: Database, filter: PriceFilter): Promise<MarketPrices> {
  const scope = ['g.sport = $1', 'g.season >= $2', 'g.season <= $3'];
  const params: SqlValue[] = [filter.sport, filter.from, filter.to];
  if (filter.league) {
    params.push(filter.league);
    scope.push(`g.league = $${params.length}`);
  }
  const book = filter.book ?? (await busiestBook(db, scope, params));
  if (!book) return { book: null, games: new Map() };
  const bookParam = params.length + 1;
  const closing = await db.query<QuoteRow>(
    `SELECT c.game_id, c.market, c.side, c.line, c.price_decimal
     FROM curated.closing_lines c JOIN curated.games g ON g.game_id = c.game_id
     WHERE ${scope.join(' AND ')} AND c.book = $${bookParam}`,
    [...params, book],
  );
  const opening =
    filter.price === 'open'
      ? await db.query<QuoteRow>(
          `SELECT q.game_id, q.market, q.side, q.line, q.price_decimal
           FROM curated.quotes q JOIN curated.games g ON g.game_id = q.game_id
           WHERE ${scope.join(' AND ')} AND q.book = $${bookParam} AND q.is_opening`,
          [...params, book],
        )
      : [];

  const games = new Map<number, Map<BetMarket, MarketQuote>>();
  const closeOf = new Map<string, { line: number | null; price: number | null }>();
  for (const r of closing) closeOf.set(`${r.game_id}|${r.market}|${r.side}`, { line: num(r.line), price: price(r.price_decimal) });
  const taken = filter.price === 'open' ? opening : closing;
  for (const r of taken) {
    const market = r.market as BetMarket;
    const side = r.side as BetSide;
    let byMarket = games.get(Number(r.game_id));
    if (!byMarket) games.set(Number(r.game_id), (byMarket = new Map()));
    const line = market === 'moneyline' ? null : num(r.line);
    let quote = byMarket.get(market);
    if (!quote) byMarket.set(market, (quote = { line: market === 'spread' && side === 'away' && line !== null ? -line : line, sides: new Map() }));
    const close = closeOf.get(`${r.game_id}|${r.market}|${r.side}`);
    // Closing-line value compares prices at the same line only.
    const sameLine = close && (market === 'moneyline' || close.line === num(r.line));
    quote.sides.set(side, { price: price(r.price_decimal), closePrice: sameLine ? close.price : null });
  }
  return { book, games };
}

type QuoteRow = { game_id: number; market: string; side: string; line: number | null; price_decimal: number | null };

/** A usable decimal price, or null: some archives carry a line without its price. */
function price(value: unknown): number | null {
  const n = num(value);
  return n !== null && n > 1 ? n : null;
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

async function busiestBook(db: Database, scope: string[], params: SqlValue[]): Promise<string | null> {
  const rows = await db.query<{ book: string; games: number }>(
    `SELECT c.book, COUNT(DISTINCT c.game_id) AS games
     FROM curated.closing_lines c JOIN curated.games g ON g.game_id = c.game_id
     WHERE ${scope.join(' AND ')} AND c.market = 'moneyline'
     GROUP BY c.book ORDER BY games DESC, c.book`,
    params,
  );
  const bettable = rows.filter((r) => !NOT_A_BOOK.includes(r.book));
  const pinnacle = bettable.find((r) => r.book === 'pinnacle');
  // Pinnacle's closing line is the sharpest available: prefer it when it priced most of the range.
  if (pinnacle && bettable[0] && Number(pinnacle.games) >= 0.8 * Number(bettable[0].games)) return 'pinnacle';
  return bettable[0]?.book ?? null;
}
