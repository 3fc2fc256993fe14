/**
 * @module serve/services
 * What the routes and the dashboard ask for, each through the tiered cache under its kind's TTL:
 * cache → store → compute. Keys are built from the validated, defaulted inputs, so two requests
 * that mean the same thing share one entry.
 */
import type { CacheHit, TieredCache } from '../cache/tiered-cache.js';
import type { CacheInvalidator } from '../cache/invalidation.js';
import type { Sport } from '../domain/sports.js';
import { SharplineError } from '../errors.js';
import type { PriceSide } from '../models/predict.js';
import { latestTrainedSystems, type TrainedSystem } from '../models/registry.js';
import { systemsReport, type SystemsReport } from '../evaluation/system-report.js';
import type { Database } from '../store/database.js';
import { backtestCharts, latestSeason, listBacktests } from './data/backtests.js';
import { findGame, listGames, type GameFilter, type GameSummary } from './data/games.js';
import { picksForGames, type PickFilter } from './data/picks.js';
import { predictGame, type GamePrediction, type PredictGameOptions } from './data/predictions.js';
import { storedPrices, type StoredPrices } from './data/prices.js';
import { listTeams, teamRatingHistory } from './data/ratings.js';
import { pipelineRuns, qualityStatus } from './data/status.js';

/** Query-string prediction options, as the schemas produce them. */
export interface PredictionQuery {
  book?: string;
  kelly: number;
  spread?: number;
  total?: number;
  prices: Partial<Record<PriceSide, number>>;
}

export class ServeServices {
  constructor(
    readonly db: Database,
    readonly cache: TieredCache,
    readonly invalidator: CacheInvalidator | null = null,
  ) {}

  /**
   * A sport's latest trained systems through the `model` tier (24 h by default): a prediction miss
   * recomputes the forecast without reloading the models. A retrain changes the store fingerprint,
   * hence the cache generation, so a new model is read at once.
   */
  private readonly loadTrained = (sport: Sport): Promise<TrainedSystem[]> =>
    this.cache.get('model', `trained:${sport}`, () => latestTrainedSystems(this.db, sport));

  /** A game's stored prices through the `odds` tier (5 min by default). */
  private readonly loadPrices = (gameId: number, book?: string): Promise<StoredPrices> =>
    this.cache.get('odds', `prices:${gameId}:${book ?? ''}`, () => storedPrices(this.db, gameId, book));

  private predictCached(game: GameSummary, query: PredictionQuery): Promise<GamePrediction> {
    return predictGame(this.db, game, { ...toOptions(query), loadPrices: this.loadPrices, loadTrained: this.loadTrained });
  }

  games(filter: GameFilter): Promise<CacheHit> {
    return this.cache.getJson('odds', `games:${key(filter)}`, async () => ({ version: 1, games: await listGames(this.db, filter) }));
  }

  async gameOrThrow(gameId: number): Promise<GameSummary> {
    const game = await this.cache.get('odds', `game:${gameId}`, () => findGame(this.db, gameId));
    if (!game) throw new SharplineError('SL_GAME_NOT_FOUND', `no game with id ${gameId}`);
    return game;
  }

  /** A game's predictions and decisions; `SL_GAME_NOT_FOUND` when there is no such game. */
  prediction(gameId: number, query: PredictionQuery): Promise<CacheHit> {
    // The game is looked up only on a miss, so a hit is one LRU read. A 404 caches no prediction.
    return this.cache.getJson('prediction', `prediction:${gameId}:${key(query)}`, async () => this.predictCached(await this.gameOrThrow(gameId), query));
  }

  /** A day's picks, each game's prediction through the cache (the same entries /predictions uses). */
  picks(date: string, sport: string | null, filter: PickFilter, kelly: number): Promise<CacheHit> {
    return this.cache.getJson('prediction', `picks:${date}:${sport ?? ''}:${key(filter)}:${kelly}`, async () => {
      const games = await listGames(this.db, { date, ...(sport ? { sport } : {}), limit: 1000, offset: 0 });
      const query: PredictionQuery = { kelly, prices: {} };
      const predict = async (game: GameSummary) =>
        this.cache.get<GamePrediction>('prediction', `prediction:${game.game_id}:${key(query)}`, () => this.predictCached(game, query));
      return picksForGames(date, sport, games, predict, filter);
    });
  }

  teams(sport?: string): Promise<CacheHit> {
    return this.cache.getJson('team', `teams:${sport ?? ''}`, async () => ({ version: 1, teams: await listTeams(this.db, sport) }));
  }

  teamRatings(teamId: string): Promise<CacheHit> {
    return this.cache.getJson('team', `ratings:${teamId}`, () => teamRatingHistory(this.db, teamId));
  }

  systems(sport?: string): Promise<SystemsReport> {
    return this.cache.get('report', `systems:${sport ?? ''}`, () => systemsReport(this.db, sport ? { sport } : {}));
  }

  backtests(filter: { sport?: string; limit: number }): Promise<CacheHit> {
    return this.cache.getJson('report', `backtests:${key(filter)}`, async () => ({ version: 1, backtests: await listBacktests(this.db, filter) }));
  }

  /** Charts of a season's walk-forward backtest (the latest season with results by default). */
  async backtestCharts(sport: Sport, season?: number): Promise<CacheHit> {
    const s = season ?? (await latestSeason(this.db, sport));
    if (s === null) throw new SharplineError('SL_NO_TRAINING_DATA', `no final ${sport} games in the store to backtest`);
    return this.cache.getJson('model', `backtest-charts:${sport}:${s}`, () => backtestCharts(this.db, sport, s));
  }

  quality(): Promise<CacheHit> {
    return this.cache.getJson('report', 'quality', () => qualityStatus(this.db));
  }

  runs(filter: { command?: string; status?: string; limit: number }): Promise<CacheHit> {
    return this.cache.getJson('report', `runs:${key(filter)}`, async () => ({ version: 1, runs: await pipelineRuns(this.db, filter) }));
  }

  /**
   * Pre-computes a game day: every game's predictions at stored prices and the day's default picks,
   * into both tiers. Returns what was warmed.
   */
  async warmDay(date: string): Promise<{ date: string; games: number; predicted: number; skipped: number; generation: string }> {
    const games = await listGames(this.db, { date, limit: 1000, offset: 0 });
    const report = JSON.parse((await this.picks(date, null, DEFAULT_PICK_FILTER, 0.25)).json) as { skipped: unknown[] };
    for (const game of games) await this.prediction(game.game_id, { kelly: 0.25, prices: {} }).catch(() => undefined);
    return { date, games: games.length, predicted: games.length - report.skipped.length, skipped: report.skipped.length, generation: this.cache.generation };
  }
}

export const DEFAULT_PICK_FILTER: PickFilter = { minEdge: 0, minConfidence: 0, markets: ['moneyline', 'spread', 'total'] };

function toOptions(q: PredictionQuery): PredictGameOptions {
  return {
    kelly: q.kelly,
    ...(q.book ? { book: q.book } : {}),
    ...(q.spread !== undefined ? { spread: q.spread } : {}),
    ...(q.total !== undefined ? { total: q.total } : {}),
    ...(Object.keys(q.prices).length ? { given: q.prices } : {}),
  };
}

/** A stable key for a plain object: keys sorted, undefined left out. */
function key(value: object): string {
  return JSON.stringify(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, (value as Record<string, unknown>)[k]]),
  );
}
