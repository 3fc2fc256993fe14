/**
 * @module models/systems/market-aware
 * The market-aware systems: named apart from the default systems because they read market prices,
 * and only the OPENING moneyline (the first price a book posted, days or hours before the game),
 * never the closing line they are measured against.
 *
 * - `market_open_v1`: the opening moneyline with the vig removed (multiplicative, per book, then
 *   averaged over the books that opened both sides).
 * - `ensemble_market_v1`: stacking of `ensemble_v1` and `market_open_v1` (weights on the simplex,
 *   then Platt), fitted at each new season on the previous seasons' out-of-sample predictions, as
 *   the default ensemble is. Until a season has been seen it answers with `market_open_v1`.
 *
 * Neither says anything about a game without an opening price (null).
 */
import { NOT_A_BOOK } from '../../domain/books.js';
import { removeVig } from '../../domain/vig/index.js';
import type { Database, SqlValue } from '../../store/database.js';
import type { Calibrator } from '../ensemble/index.js';
import type { OutcomeProbabilities } from '../types.js';
import { fitStackOnEarlierGames, type WalkForwardResult } from './walk-forward.js';

export const MARKET_AWARE_SYSTEM_IDS = ['market_open_v1', 'ensemble_market_v1'] as const;
export type MarketAwareSystemId = (typeof MARKET_AWARE_SYSTEM_IDS)[number];

export const MARKET_AWARE_VERSIONS: Readonly<Record<MarketAwareSystemId, string>> = { market_open_v1: '1', ensemble_market_v1: '1' };

export const MARKET_AWARE_DESCRIPTIONS: Readonly<Record<MarketAwareSystemId, string>> = {
  market_open_v1: 'the opening moneyline, vig removed (multiplicative), averaged over the books that opened both sides',
  ensemble_market_v1: 'stacking of ensemble_v1 and market_open_v1 on earlier seasons (weights on the simplex), Platt-calibrated',
};

export function isMarketAwareSystemId(value: string): value is MarketAwareSystemId {
  return (MARKET_AWARE_SYSTEM_IDS as readonly string[]).includes(value);
}

/**
 * Each game's vig-free opening P(home) against away: per book the earliest opening price of each
 * side, de-vigged together (a three-way book whole, then home renormalised against away), averaged
 * over the books that opened home and away. Games of `sport` (and `league`) only.
 */
export async function openingHomeProbabilities(db: Database, filter: { sport: string; league?: string }): Promise<Map<number, number>> {
  const params: SqlValue[] = [filter.sport, ...NOT_A_BOOK];
  const where = ['g.sport = $1', `q.book NOT IN (${NOT_A_BOOK.map((_, k) => `$${k + 2}`).join(', ')})`, `q.market = 'moneyline'`, 'q.is_opening', 'q.price_decimal > 1'];
  if (filter.league) {
    params.push(filter.league);
    where.push(`g.league = $${params.length}`);
  }
  const rows = await db.query<{ game_id: number; book: string; side: string; price_decimal: number }>(
    `SELECT q.game_id, q.book, q.side, q.price_decimal
     FROM curated.quotes q JOIN curated.games g ON g.game_id = q.game_id
     WHERE ${where.join(' AND ')}
     ORDER BY q.game_id, q.book, q.side, q.observed_at`,
    params,
  );
  const books = new Map<number, Map<string, Map<string, number>>>();
  for (const r of rows) {
    const gameId = Number(r.game_id);
    let byBook = books.get(gameId);
    if (!byBook) books.set(gameId, (byBook = new Map()));
    let sides = byBook.get(r.book);
    if (!sides) byBook.set(r.book, (sides = new Map()));
    if (!sides.has(r.side)) sides.set(r.side, Number(r.price_decimal)); // the earliest opening
  }
  const out = new Map<number, number>();
  for (const [gameId, byBook] of books) {
    let sum = 0;
    let n = 0;
    for (const sides of byBook.values()) {
      const home = sides.get('home');
      const away = sides.get('away');
      if (home === undefined || away === undefined) continue;
      const draw = sides.get('draw');
      const fair = removeVig(draw === undefined ? [home, away] : [home, away, draw], 'multiplicative').probabilities;
      sum += fair[0]! / (fair[0]! + fair[1]!);
      n++;
    }
    if (n > 0) out.set(gameId, sum / n);
  }
  return out;
}

export interface MarketAwareRun {
  predictions: Record<MarketAwareSystemId, (OutcomeProbabilities | null)[]>;
  /** Per game: `ensemble_market_v1` answered with `market_open_v1` (no earlier season to stack on). */
  warmUp: boolean[];
  /** The stacking in force after the last game: what a live prediction would use. */
  stack: { weights: number[]; calibrator: Calibrator | null; season: number; trainRows: number } | null;
}

/**
 * The market-aware systems over a walk-forward's games, in the same order. `opening` maps game id
 * to the vig-free opening P(home); `windowSeasons` earlier seasons feed each season's stacking.
 * Two-way sports only: the default ensemble's three-way soccer forecast is not stacked here.
 */
export function marketAwareWalk(walk: Pick<WalkForwardResult, 'games' | 'predictions'>, opening: ReadonlyMap<number, number>, options: { windowSeasons?: number } = {}): MarketAwareRun {
  const window = options.windowSeasons ?? 4;
  const { games } = walk;
  const open: (number | null)[] = games.map((g) => opening.get(g.gameId) ?? null);
  const ens: (number | null)[] = walk.predictions.ensemble_v1.map((p) => (p ? p.home / (p.home + p.away) : null));
  const predictions: MarketAwareRun['predictions'] = { market_open_v1: [], ensemble_market_v1: [] };
  let stack: MarketAwareRun['stack'] = null;
  let season = Number.NaN;
  const warmUp: boolean[] = [];
  for (let i = 0; i < games.length; i++) {
    const g = games[i]!;
    if (g.season !== season) {
      season = g.season;
      const fit = fitStackOnEarlierGames([(j) => ens[j]!, (j) => open[j]!], games, i, season - window, true);
      if (fit) stack = { ...fit, season };
    }
    const o = open[i]!;
    const e = ens[i]!;
    warmUp.push(o !== null && (!stack || e === null));
    if (o === null) {
      predictions.market_open_v1.push(null);
      predictions.ensemble_market_v1.push(null);
      continue;
    }
    predictions.market_open_v1.push(twoWay(o));
    if (!stack || e === null) {
      predictions.ensemble_market_v1.push(twoWay(o));
      continue;
    }
    const blended = stack.weights[0]! * e + stack.weights[1]! * o;
    predictions.ensemble_market_v1.push(twoWay(stack.calibrator ? stack.calibrator.predict(blended) : blended));
  }
  return { predictions, warmUp, stack };
}

function twoWay(p: number): OutcomeProbabilities {
  return { home: p, draw: 0, away: 1 - p };
}
