/**
 * @module evaluation/forecast-evaluation
 * Walk-forward evaluation of the prediction systems against the closing market: every system's
 * pre-game home-win probability (out-of-sample, from `walkForward`) is scored on the same games as
 * the market's vig-free closing probability and a constant home-rate baseline (the rate of the
 * games before each one). Games are the sport's finished, decided games in the season range that
 * have a closing moneyline; draws and ties are left out of these two-way scores (as in the shared
 * data's reference figures), and a three-way forecast's home probability is taken against away.
 */
import { closingHomeProbabilities, closingOutcomeProbabilities } from '../analytics/closing-market.js';
import type { Sport } from '../domain/sports.js';
import { loadGames } from '../models/load-games.js';
import { brierScore, expectedCalibrationError, logLoss, accuracy, rankedProbabilityScore } from '../models/ml/metrics.js';
import { isSystemId, SYSTEM_IDS, systemSupports, type SystemId } from '../models/systems/catalog.js';
import { isMarketAwareSystemId, MARKET_AWARE_SYSTEM_IDS, marketAwareWalk, openingHomeProbabilities, type MarketAwareSystemId } from '../models/systems/market-aware.js';
import { tuneEloProfile, type TunedProfile } from '../models/systems/tune-elo.js';
import { walkForward, type WalkForwardResult } from '../models/systems/walk-forward.js';
import type { OutcomeProbabilities } from '../models/types.js';
import type { Database } from '../store/database.js';

export interface ForecastScore {
  system: string;
  n: number;
  brier: number;
  log_loss: number;
  ece: number;
  accuracy: number;
  /** Ranked probability score of the three-way (home, draw, away) forecast, draws included; soccer only, else null. */
  rps: number | null;
  /** Brier per season. */
  by_season: Record<string, number>;
}

export interface ForecastEvaluation {
  version: 1;
  sport: Sport;
  league: string | null;
  season_from: number;
  season_to: number;
  /** Decided games in range; those without a closing moneyline are not scored (counted here). */
  games_in_range: number;
  games_scored: number;
  games_without_market: number;
  elo_profile: TunedProfile;
  /** Learners' warm-up games (answered with Elo) inside the scored range. */
  warm_up: Partial<Record<SystemId, number>>;
  scores: ForecastScore[];
  seconds: { load: number; walk_forward: number };
  /** What kept a system or the range from being scored, for people. */
  notes: string[];
}

export interface EvaluateOptions {
  sport: Sport;
  from: number;
  to: number;
  /** Default: every system, the market-aware ones where opening prices exist. */
  systems?: readonly EvaluatedSystemId[];
  /** Only this league (soccer). */
  league?: string;
  /** Narrow the seasons to games on or after / on or before these dates (`YYYY-MM-DD`). */
  fromDate?: string;
  toDate?: string;
  /** Lines per game at which the score model also prices spreads and totals. */
  lines?: ReadonlyMap<number, { spread?: number; total?: number }>;
}

/** A system the evaluation scores: a default system or a market-aware one. */
export type EvaluatedSystemId = SystemId | MarketAwareSystemId;

/** Every scored system's pre-game moneyline per game of the walk (null where it had no view). */
export type SystemPredictions = Partial<Record<EvaluatedSystemId, readonly (OutcomeProbabilities | null)[]>>;

/** Runs the walk-forward and scores it. */
export async function evaluateForecasts(db: Database, options: EvaluateOptions): Promise<ForecastEvaluation & { walk: WalkForwardResult; systemPredictions: SystemPredictions }> {
  const { sport, from, to } = options;
  const t0 = performance.now();
  const games = await loadGames(db, sport, { league: options.league });
  const market = await closingHomeProbabilities(db, { sport, seasonFrom: from, seasonTo: to });
  if (options.league) {
    const ids = new Set(games.map((g) => g.gameId));
    for (const id of market.keys()) if (!ids.has(id)) market.delete(id);
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const notes: string[] = [];

  const t1 = performance.now();
  const eloProfile = tuneEloProfile(sport, games, from);
  if (!eloProfile.tuned) notes.push(`Elo uses the ${sport} defaults: fewer than four seasons before ${from} to tune on`);
  const walk = walkForward(sport, games, { eloProfile: eloProfile.profile, learnFrom: `${from - 5}-01-01`, lines: options.lines });
  const walkSeconds = (performance.now() - t1) / 1000;

  const inRange: number[] = [];
  for (let i = 0; i < games.length; i++) {
    const g = games[i]!;
    if (!inWindow(g, options) || g.homeScore === null || g.awayScore === null || g.homeScore === g.awayScore) continue;
    inRange.push(i);
  }
  // With no closing prices at all (e.g. the NHL archive), the systems are still scored on every game.
  const scored = market.size === 0 ? inRange : inRange.filter((i) => market.has(games[i]!.gameId));
  if (inRange.length === 0) notes.push(`no finished ${sport} games in seasons ${from}–${to}: import some first`);
  else if (market.size === 0) notes.push(`no closing moneylines for ${sport} ${from}–${to}: scored without the market row`);
  const y = scored.map((i) => (games[i]!.homeScore! > games[i]!.awayScore! ? 1 : 0));
  const seasons = scored.map((i) => games[i]!.season);

  // Three-way sports: every finished game in range with a closing three-way market, draws included.
  const threeWay = sport === 'soccer' ? await closingOutcomeProbabilities(db, { sport, seasonFrom: from, seasonTo: to }) : null;
  const rpsGames = threeWay
    ? games.map((_, i) => i).filter((i) => {
        const g = games[i]!;
        return inWindow(g, options) && g.homeScore !== null && g.awayScore !== null && threeWay.has(g.gameId);
      })
    : [];
  const rpsOutcome = rpsGames.map((i) => (games[i]!.homeScore! > games[i]!.awayScore! ? 0 : games[i]!.homeScore === games[i]!.awayScore ? 1 : 2));
  const rpsOf = (forecast: (i: number) => readonly number[] | null): number | null => {
    if (rpsGames.length === 0) return null;
    const rows: (readonly number[])[] = [];
    for (const i of rpsGames) {
      const f = forecast(i);
      if (!f) return null;
      rows.push(f);
    }
    return round(rankedProbabilityScore(rows, rpsOutcome), 4);
  };

  const systemPredictions: SystemPredictions = { ...walk.predictions };
  const requested = options.systems ?? [...SYSTEM_IDS, ...MARKET_AWARE_SYSTEM_IDS];
  const wanted: EvaluatedSystemId[] = requested.filter((s): s is SystemId => isSystemId(s) && systemSupports(s, sport));
  const marketAware = requested.filter(isMarketAwareSystemId);
  // Market-aware systems are two-way (the default ensemble's soccer forecast is three-way).
  if (marketAware.length > 0 && sport !== 'soccer' && scored.length > 0) {
    const opening = await openingHomeProbabilities(db, { sport, league: options.league });
    const withOpening = scored.filter((i) => opening.has(games[i]!.gameId)).length;
    if (withOpening === scored.length) {
      const run = marketAwareWalk(walk, opening);
      Object.assign(systemPredictions, run.predictions);
      wanted.push(...marketAware);
      const warm = scored.filter((i) => run.warmUp[i]).length;
      if (warm > 0) notes.push(`ensemble_market_v1 answered with market_open_v1 on ${warm} game(s): no earlier season with opening prices to stack on`);
    } else if (withOpening > 0) {
      notes.push(`market-aware systems left out: ${scored.length - withOpening} of ${scored.length} scored games have no opening moneyline`);
    }
  }

  const scores: ForecastScore[] = [];
  for (const system of wanted) {
    const predicted = systemPredictions[system]!;
    const p: number[] = [];
    for (const i of scored) {
      const q = predicted[i];
      if (!q) break;
      p.push(q.home / (q.home + q.away));
    }
    if (p.length !== scored.length) {
      notes.push(`${system} could not price every game in range (no model yet for some): left out`);
      continue;
    }
    if (p.length > 0) {
      const rps = rpsOf((i) => {
        const q = predicted[i];
        return q ? [q.home, q.draw, q.away] : null;
      });
      scores.push({ ...score(system, p, y, seasons), rps });
    }
  }
  if (scored.length > 0 && market.size > 0) scores.push({ ...score('market', scored.map((i) => market.get(games[i]!.gameId)!), y, seasons), rps: rpsOf((i) => threeWay?.get(games[i]!.gameId) ?? null) });
  if (scored.length > 0) {
    scores.push(score('baseline', baselineRates(walk, scored), y, seasons));
  }

  const warmUp: Partial<Record<SystemId, number>> = {};
  for (const [system, count] of Object.entries(walk.warmUp) as [SystemId, number][]) {
    const inScope = countWarmUpInRange(walk, system, scored);
    if (inScope > 0 && count > 0) warmUp[system] = inScope;
  }

  return {
    version: 1,
    sport,
    league: options.league ?? null,
    season_from: from,
    season_to: to,
    games_in_range: inRange.length,
    games_scored: scored.length,
    games_without_market: market.size === 0 ? inRange.length : inRange.length - scored.length,
    elo_profile: eloProfile,
    warm_up: warmUp,
    scores,
    seconds: { load: round(loadSeconds, 2), walk_forward: round(walkSeconds, 2) },
    notes,
    walk,
    systemPredictions,
  };
}

/** Whether a game is in the evaluated window: its season in range and, when given, its date too. */
export function inWindow(g: { season: number; date: string }, o: Pick<EvaluateOptions, 'from' | 'to' | 'fromDate' | 'toDate'>): boolean {
  return g.season >= o.from && g.season <= o.to && (!o.fromDate || g.date >= o.fromDate) && (!o.toDate || g.date <= o.toDate);
}

export function score(system: string, p: number[], y: number[], seasons: number[]): ForecastScore {
  const bySeason: Record<string, number> = {};
  const groups = new Map<number, { p: number[]; y: number[] }>();
  p.forEach((v, k) => {
    const s = seasons[k]!;
    let g = groups.get(s);
    if (!g) groups.set(s, (g = { p: [], y: [] }));
    g.p.push(v);
    g.y.push(y[k]!);
  });
  for (const [s, g] of [...groups].sort(([a], [b]) => a - b)) bySeason[String(s)] = round(brierScore(g.p, g.y), 4);
  return { system, n: p.length, brier: round(brierScore(p, y), 4), log_loss: round(logLoss(p, y), 4), ece: round(expectedCalibrationError(p, y), 4), accuracy: round(accuracy(p, y), 4), rps: null, by_season: bySeason };
}

/** The constant forecast, as of each game: the home-win rate of all decided games before its day. */
function baselineRates(walk: WalkForwardResult, scored: readonly number[]): number[] {
  const { games } = walk;
  const rateBefore = new Float64Array(games.length);
  let wins = 1;
  let n = 2; // one phantom win and loss: 0.5 before any game
  let day = '';
  let pendingWins = 0;
  let pendingN = 0;
  for (let i = 0; i < games.length; i++) {
    const g = games[i]!;
    if (g.date !== day) {
      wins += pendingWins;
      n += pendingN;
      pendingWins = 0;
      pendingN = 0;
      day = g.date;
    }
    rateBefore[i] = wins / n;
    if (g.homeScore !== null && g.awayScore !== null && g.homeScore !== g.awayScore) {
      pendingN++;
      if (g.homeScore > g.awayScore) pendingWins++;
    }
  }
  return scored.map((i) => rateBefore[i]!);
}

function countWarmUpInRange(walk: WalkForwardResult, system: SystemId, scored: readonly number[]): number {
  // A warm-up answer is the Elo probability itself.
  let n = 0;
  for (const i of scored) if (walk.predictions[system][i] === walk.predictions.elo_v1[i]) n++;
  return n;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
