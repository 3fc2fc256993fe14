/**
 * @module analytics/closing-market
 * How good is the closing market as a forecast? Each finished game's closing moneylines are
 * de-vigged (per book, then averaged over the books that priced both sides) into a home-win
 * probability, scored by the Brier score against the result, beside the constant forecast (the
 * sample's home-win rate). Ties and draws are left out, as in the shared data's reference figures;
 * a three-way (soccer) market is de-vigged whole and its home probability renormalised against away.
 *
 * This is the bar every sharpline model must clear, computed on the store's real odds.
 */
import { removeVig, type VigMethod } from '../domain/vig/index.js';
import type { Database, SqlValue } from '../store/database.js';

export interface ClosingMarketScore {
  sport: string;
  season_from: number;
  season_to: number;
  games: number;
  /** Brier score of the vig-free closing home-win probability, by method. */
  brier: Record<string, number>;
  /** Brier score of always forecasting the sample's home-win rate. */
  constant_brier: number;
  home_win_rate: number;
}

type PriceRow = {
  game_id: number;
  sport: string;
  season: number;
  book: string;
  side: string;
  price_decimal: number;
  home_win: boolean;
};

type ClosingFilter = { sport?: string; seasonFrom?: number; seasonTo?: number; includeDraws?: boolean };
type ClosingGame = { sport: string; season: number; homeWin: boolean; books: Map<string, Map<string, number>> };

/** Finished, decided games with closing moneylines: game → book → side → decimal price. */
async function loadClosingGames(db: Database, options: ClosingFilter): Promise<Map<number, ClosingGame>> {
  await db.refreshStatistics();
  // Best-price columns (market-max) mix books, so they are no one book's market: left out.
  const where: string[] = [`c.market = 'moneyline'`, `c.book <> 'market-max'`, 'r.margin IS NOT NULL', 'c.price_decimal > 1'];
  if (!options.includeDraws) where.push('r.margin <> 0');
  const params: SqlValue[] = [];
  if (options.sport) {
    params.push(options.sport);
    where.push(`r.sport = $${params.length}`);
  }
  if (options.seasonFrom !== undefined) {
    params.push(options.seasonFrom);
    where.push(`r.season >= $${params.length}`);
  }
  if (options.seasonTo !== undefined) {
    params.push(options.seasonTo);
    where.push(`r.season <= $${params.length}`);
  }
  const rows = await db.query<PriceRow>(
    `SELECT c.game_id, r.sport, r.season, c.book, c.side, c.price_decimal, r.margin > 0 AS home_win
     FROM curated.closing_lines c JOIN curated.game_results r ON r.game_id = c.game_id
     WHERE ${where.join(' AND ')}
     ORDER BY r.sport, c.game_id, c.book`,
    params,
  );
  const games = new Map<number, ClosingGame>();
  for (const row of rows) {
    let game = games.get(row.game_id);
    if (!game) games.set(row.game_id, (game = { sport: row.sport, season: Number(row.season), homeWin: !!row.home_win, books: new Map() }));
    let book = game.books.get(row.book);
    if (!book) game.books.set(row.book, (book = new Map()));
    book.set(row.side, Number(row.price_decimal));
  }
  return games;
}

/** The vig-free home-win probability per method, averaged over the books that priced both sides. */
function fairHomeProbabilities(game: ClosingGame, methods: readonly VigMethod[]): Record<string, number> | undefined {
  const perMethod: Record<string, number[]> = {};
  for (const prices of game.books.values()) {
    const home = prices.get('home');
    const away = prices.get('away');
    if (home === undefined || away === undefined) continue;
    const draw = prices.get('draw');
    const market = draw === undefined ? [home, away] : [home, away, draw];
    for (const method of methods) {
      const fair = removeVig(market, method).probabilities;
      (perMethod[method] ??= []).push(fair[0]! / (fair[0]! + fair[1]!));
    }
  }
  if (!perMethod[methods[0]!]) return undefined;
  return Object.fromEntries(methods.map((m) => [m, mean(perMethod[m]!)]));
}

/**
 * The closing market's vig-free home-win probability (home against away: draws left out) for every
 * finished, decided game that has closing moneylines: the yardstick column of every evaluation.
 */
export async function closingHomeProbabilities(db: Database, options: ClosingFilter & { method?: VigMethod } = {}): Promise<Map<number, number>> {
  const method = options.method ?? 'multiplicative';
  const out = new Map<number, number>();
  for (const [gameId, game] of await loadClosingGames(db, options)) {
    const fair = fairHomeProbabilities(game, [method]);
    if (fair) out.set(gameId, fair[method]!);
  }
  return out;
}

/**
 * The closing market's vig-free three-way probabilities (home, draw, away) for every finished game
 * with a closing home/draw/away market (draws included), averaged over books: the market row of the
 * ranked probability score.
 */
export async function closingOutcomeProbabilities(db: Database, options: ClosingFilter & { method?: VigMethod } = {}): Promise<Map<number, [number, number, number]>> {
  const method = options.method ?? 'multiplicative';
  const out = new Map<number, [number, number, number]>();
  for (const [gameId, game] of await loadClosingGames(db, { ...options, includeDraws: true })) {
    const sums = [0, 0, 0];
    let books = 0;
    for (const prices of game.books.values()) {
      const home = prices.get('home');
      const draw = prices.get('draw');
      const away = prices.get('away');
      if (home === undefined || draw === undefined || away === undefined) continue;
      const fair = removeVig([home, draw, away], method).probabilities;
      for (let k = 0; k < 3; k++) sums[k]! += fair[k]!;
      books++;
    }
    if (books > 0) out.set(gameId, [sums[0]! / books, sums[1]! / books, sums[2]! / books]);
  }
  return out;
}

/** Scores the closing market per sport (optionally one sport and a season range). */
export async function closingMarketScores(
  db: Database,
  options: ClosingFilter & { methods?: readonly VigMethod[] } = {},
): Promise<ClosingMarketScore[]> {
  const methods = options.methods ?? (['multiplicative', 'power', 'shin'] as const);
  const games = await loadClosingGames(db, options);

  const bySport = new Map<string, { seasons: number[]; outcomes: number[]; forecasts: Record<string, number[]> }>();
  for (const game of games.values()) {
    const fair = fairHomeProbabilities(game, methods);
    if (!fair) continue;
    let sport = bySport.get(game.sport);
    if (!sport) bySport.set(game.sport, (sport = { seasons: [], outcomes: [], forecasts: {} }));
    sport.seasons.push(game.season);
    sport.outcomes.push(game.homeWin ? 1 : 0);
    for (const method of methods) (sport.forecasts[method] ??= []).push(fair[method]!);
  }

  const out: ClosingMarketScore[] = [];
  for (const [sport, s] of [...bySport.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const rate = mean(s.outcomes);
    const brier: Record<string, number> = {};
    for (const method of methods) brier[method] = brierScore(s.forecasts[method]!, s.outcomes);
    out.push({
      sport,
      season_from: Math.min(...s.seasons),
      season_to: Math.max(...s.seasons),
      games: s.outcomes.length,
      brier,
      constant_brier: brierScore(s.outcomes.map(() => rate), s.outcomes),
      home_win_rate: rate,
    });
  }
  return out;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Mean squared error of probability forecasts against 0/1 outcomes. */
export function brierScore(forecasts: readonly number[], outcomes: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < outcomes.length; i++) sum += (forecasts[i]! - outcomes[i]!) ** 2;
  return sum / outcomes.length;
}
