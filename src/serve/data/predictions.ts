/**
 * @module serve/data/predictions
 * A curated game through every trained system of its sport and the ensemble (`predictMatchup`,
 * not logged: a GET never writes), with fair odds, edge, EV and Kelly stake at the prices the
 * caller gave or, failing that, the game's stored prices. Where neither exists the answer says so
 * and carries no decisions: no price is ever assumed.
 */
import type { TrainedSystem } from '../../models/registry.js';
import { predictMatchup, type Decision, type PriceSide, type SystemPrediction } from '../../models/predict.js';
import type { MarketProbabilities } from '../../models/types.js';
import type { Sport } from '../../domain/sports.js';
import type { Database } from '../../store/database.js';
import type { GameSummary } from './games.js';
import { storedPrices, type StoredPrices } from './prices.js';

export interface PriceSource {
  /** given: the request's prices; stored: the store's latest quotes; none: no price anywhere. */
  source: 'given' | 'stored' | 'none';
  book: string | null;
  observed_at: string | null;
  prices: Partial<Record<PriceSide, number>>;
  spread: number | null;
  total: number | null;
  /** Why there are no decisions, when there are none. */
  note: string | null;
}

export interface GamePrediction {
  version: 1;
  game: GameSummary;
  systems: SystemPrediction[];
  consensus: MarketProbabilities | null;
  /** Per priced side: probability, fair price, vig-free market probability, edge, EV, Kelly stake (units of bankroll). */
  decisions: Decision[];
  prices: PriceSource;
  kelly_fraction: number;
  /**
   * Systems whose training saw this game's date (trained_until ≥ game date): for them this is a
   * look back at a game they learned from, not a forecast. Empty for games after the training.
   */
  trained_on_game: string[];
}

export interface PredictGameOptions {
  /** Prices to decide at instead of the stored ones. */
  given?: Partial<Record<PriceSide, number>>;
  spread?: number;
  total?: number;
  /** Use this book's stored prices (default: the book pricing the most sides). */
  book?: string;
  /** Fractional Kelly multiplier. Default 0.25. */
  kelly?: number;
  /** Where stored prices come from (the serve layer passes a cached loader). Default: the store. */
  loadPrices?: (gameId: number, book?: string) => Promise<StoredPrices>;
  /** Where the sport's trained systems come from (the serve layer passes a cached loader). Default: the registry. */
  loadTrained?: (sport: Sport) => Promise<readonly TrainedSystem[]>;
}

export async function predictGame(db: Database, game: GameSummary, options: PredictGameOptions = {}): Promise<GamePrediction> {
  const stored = await (options.loadPrices ?? ((id: number, book?: string) => storedPrices(db, id, book)))(game.game_id, options.book);
  const hasGiven = !!options.given && Object.keys(options.given).length > 0;
  const prices: PriceSource = hasGiven
    ? { source: 'given', book: null, observed_at: null, prices: options.given!, spread: options.spread ?? stored.spread, total: options.total ?? stored.total, note: null }
    : stored.book
      ? { source: 'stored', book: stored.book, observed_at: stored.observed_at, prices: stored.prices, spread: options.spread ?? stored.spread, total: options.total ?? stored.total, note: null }
      : {
          source: 'none',
          book: null,
          observed_at: null,
          prices: {},
          spread: options.spread ?? null,
          total: options.total ?? null,
          note: options.book ? `no stored price for this game at book "${options.book}" (books with prices: ${stored.books.join(', ') || 'none'})` : 'no stored price for this game: pass prices to get edge and Kelly stakes',
        };
  const kelly = options.kelly ?? 0.25;
  const report = await predictMatchup(db, {
    sport: game.sport as Sport,
    home: game.home_team_id,
    away: game.away_team_id,
    date: game.game_date,
    neutral: game.is_neutral_site,
    ...(prices.spread !== null ? { spread: prices.spread } : {}),
    ...(prices.total !== null ? { total: prices.total } : {}),
    ...(prices.source !== 'none' ? { prices: prices.prices } : {}),
    kelly,
    dryRun: true,
    ...(options.loadTrained ? { trained: await options.loadTrained(game.sport as Sport) } : {}),
    curated: { game_id: game.game_id, league: game.league, season: game.season, is_neutral_site: game.is_neutral_site },
  });
  const trainedOnGame = report.systems.filter((sys) => sys.trained_until >= game.game_date).map((sys) => sys.system);
  return { version: 1, game, systems: report.systems, consensus: report.consensus, decisions: report.decisions, prices, kelly_fraction: kelly, trained_on_game: trainedOnGame };
}
