/**
 * @module models/systems/walk-forward
 * Runs every prediction system over a sport's games in time order, the way they would have run
 * live: each game is predicted from the state before it, then its result is learned. Learners are
 * refitted on a schedule, at the start of a day, from the games of earlier days only; the ensemble's
 * weights and calibration for a season are fitted on its members' out-of-sample predictions of
 * earlier seasons. So every prediction here is out-of-sample, and altering games after a date leaves
 * every prediction before it unchanged (tested).
 *
 * The same pass trains the systems (`train`): the final state of each is what a live prediction uses.
 */
import type { Sport } from '../../domain/sports.js';
import { fitCalibrator, fitStackingWeights, type Calibrator } from '../ensemble/index.js';
import { dayNumber, FeatureTracker, type FeatureRow } from '../features/game-features.js';
import { fitGradientBoosting, fitLogistic, fitMarginRegression, type GradientBoostingModel, type LogisticModel, type MarginRegressionModel } from '../ml/index.js';
import { EloEngine, ELO_PROFILES, type EloProfile } from '../ratings/index.js';
import type { GameRecord, MarketProbabilities, OutcomeProbabilities } from '../types.js';
import { systemSupports, type SystemId } from './catalog.js';
import { fitScoreModel, SCORE_MODEL_SETTINGS, scoreMarkets, type ScoreModel } from './score-models.js';

export interface WalkForwardOptions {
  /** Elo profile; default the sport's. */
  eloProfile?: EloProfile;
  /** Seasons of earlier games the learners train on. Default 12. */
  mlWindowSeasons?: number;
  /** Days between logistic refits (and at every new season). Default 56. */
  logisticRefitDays?: number;
  /** Fewer training rows than this and a learner answers with the Elo probability (warm-up). Default 300. */
  minTrainRows?: number;
  /** Seasons of out-of-sample member predictions the ensemble learns from. Default 4. */
  ensembleWindowSeasons?: number;
  /** Learners are not refitted before this date (their predictions before it are not needed). */
  learnFrom?: string;
  /** Lines to price per game (home handicap, total): the score model then gives spread and total probabilities. */
  lines?: ReadonlyMap<number, { spread?: number; total?: number }>;
  /** Gradient-boosting settings. */
  gbm?: { rounds?: number; learningRate?: number; maxDepth?: number; minSamplesLeaf?: number };
}

/** Members the ensemble blends, per sport. */
export function ensembleMembers(sport: Sport): SystemId[] {
  return (['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ml_margin_v1'] as const).filter((s) => systemSupports(s, sport));
}

export interface EnsembleState {
  members: SystemId[];
  weights: number[];
  calibrator: Calibrator | null;
  season: number;
  trainRows: number;
}

export interface WalkForwardResult {
  sport: Sport;
  games: readonly GameRecord[];
  /** Pre-game moneyline probabilities per system, one per game (null: the system could not price it). */
  predictions: Record<SystemId, (OutcomeProbabilities | null)[]>;
  /**
   * The score model's spread and total probabilities at `options.lines` (null without a line or a
   * model); the ensemble has no view of its own on these markets, so it uses these.
   */
  lineMarkets: (MarketProbabilities | null)[];
  /**
   * The ensemble's spread and total: the score model's, recalibrated (Platt, on P(win | no push))
   * on the earlier seasons' lines and results; the raw score model until there are enough.
   */
  ensembleLineMarkets: (MarketProbabilities | null)[];
  /** Games where a learner had too little history and answered with the Elo probability. */
  warmUp: Partial<Record<SystemId, number>>;
  features: FeatureRow[];
  /** Final state: what a live prediction after the last game uses. */
  state: {
    elo: EloEngine;
    features: FeatureTracker;
    logistic: LogisticModel | null;
    gbm: GradientBoostingModel | null;
    score: ScoreModel | null;
    ensemble: EnsembleState | null;
  };
}

// Shallow and few: deeper or longer boosting overfits these few thousand noisy rows (walk-forward Brier
// worse by 0.001–0.003 on NBA and MLB).
/** Elo points per run of starters' edge in innings 1–5: 20, chosen on MLB 2014–2015 (0, 20, 35, 50 tried) and confirmed on 2016–2017 (Elo Brier 0.2454 -> 0.2446). */
export const STARTER_ELO_PER_RUN = 20;

/**
 * L2 of the margin regression (`ml_margin_v1`): the logistic's, on the same standardised features,
 * not tuned. The member is the logistic's features fitted to the points margin instead of the
 * result: a margin is more evidence per game than who won, and its errors differ from the
 * logistic's, which is what a stacked member is for (NBA ensemble 0.20456 → 0.20454: small; the
 * member alone 0.20524 against the logistic's 0.20498).
 */
export const MARGIN_L2 = 1e-2;

export const GBM_DEFAULTS = { rounds: 60, learningRate: 0.05, maxDepth: 2, minSamplesLeaf: 100 };

/**
 * The boosted trees wait for ten leaves' worth of rows (10 × minSamplesLeaf, 1,000 by default)
 * before their first fit and answer with Elo until then, as every learner does in its warm-up. With
 * the logistic's 300 rows a tree can hold three leaves at most, and such a fit on a fresh store's
 * first weeks was far worse than Elo (NBA 2007 ml_gbm_v1 Brier 0.2070 vs Elo 0.2038). Chosen as a
 * rule, not tuned; walk-forward ml_gbm_v1: NBA 0.20637 → 0.20592 (with the NBA profile changes),
 * MLB 0.24660 → 0.24626, NHL 0.24331 → 0.24303; NFL unchanged (its window is past 1,000 rows
 * before it is scored); ensembles NBA −0.00004, MLB −0.00001, NHL −0.00002.
 */
export function gbmMinTrainRows(minSamplesLeaf: number): number {
  return 10 * minSamplesLeaf;
}

/**
 * Below this many training rows the boosted trees are refitted with the logistic (every
 * `logisticRefitDays`), not only at a new season: a model fitted on a fresh store's first 300 games
 * would otherwise serve the whole first season (MLB 2014 ml_gbm_v1 Brier 0.2509 -> 0.2494).
 */
export const GBM_REFIT_BELOW_ROWS = 3000;

/** Runs the systems over `games` (one sport, time order). */
export function walkForward(sport: Sport, games: readonly GameRecord[], options: WalkForwardOptions = {}): WalkForwardResult {
  const profile = options.eloProfile ?? ELO_PROFILES[sport];
  const windowSeasons = options.mlWindowSeasons ?? 12;
  const logisticRefitDays = options.logisticRefitDays ?? 56;
  const minTrainRows = options.minTrainRows ?? 300;
  const ensembleWindow = options.ensembleWindowSeasons ?? 4;
  const learnFromDay = options.learnFrom ? dayNumber(options.learnFrom) : -Infinity;
  const scoreSettings = SCORE_MODEL_SETTINGS[sport];
  const twoWay = sport !== 'soccer';
  const members = ensembleMembers(sport);
  const useMl = systemSupports('ml_v1', sport);
  const useMargin = systemSupports('ml_margin_v1', sport);
  const gbmOptions = { ...GBM_DEFAULTS, ...options.gbm };
  const gbmMinRows = gbmMinTrainRows(gbmOptions.minSamplesLeaf);

  // MLB: the starting pitchers move the Elo difference (538's adjustment, here on the starters' runs
  // allowed in innings 1–5, which is what the archives give for every season).
  let starterAdjustment = 0;
  const elo = new EloEngine(profile, profile.pitcherAdjustmentWeight ? { adjustment: () => starterAdjustment } : {});
  const tracker = new FeatureTracker(sport);
  const predictions = Object.fromEntries(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ml_margin_v1', 'ensemble_v1'].map((s) => [s, [] as (OutcomeProbabilities | null)[]])) as WalkForwardResult['predictions'];
  const warmUp: Partial<Record<SystemId, number>> = {};
  const features: FeatureRow[] = [];
  const lineMarkets: (MarketProbabilities | null)[] = [];
  const ensembleLineMarkets: (MarketProbabilities | null)[] = [];
  let lineCalibrators: LineCalibrators = { spread: null, total: null };
  // Training rows for the learners: decided games only (ties and draws say nothing about who wins).
  const trainIndex: number[] = [];

  let logistic: LogisticModel | null = null;
  let gbm: GradientBoostingModel | null = null;
  let marginModel: MarginRegressionModel | null = null;
  let score: ScoreModel | null = null;
  let ensemble: EnsembleState | null = null;
  let nextLogisticDay = -Infinity;
  let nextScoreDay = -Infinity;
  let currentDay = -Infinity;
  let currentSeason = Number.NaN;
  let scoreStart = 0; // first game inside the score model's window

  for (let i = 0; i < games.length; i++) {
    const g = games[i]!;
    const day = dayNumber(g.date);
    if (day !== currentDay) {
      // A new day: refit what is due, from games of earlier days only (indexes < i).
      currentDay = day;
      const newSeason = g.season !== currentSeason;
      currentSeason = g.season;
      const learn = day >= learnFromDay;
      if (learn && useMl && (newSeason || day >= nextLogisticDay)) {
        const rows = windowRows(trainIndex, games, g.season - windowSeasons);
        if (rows.length >= minTrainRows) {
          logistic = fitLogistic(
            rows.map((r) => features[r]!),
            rows.map((r) => label(games[r]!)),
            { l2: 1e-2 },
          );
          if (useMargin) marginModel = fitMarginRegression(rows.map((r) => features[r]!), rows.map((r) => games[r]!.homeScore! - games[r]!.awayScore!), { l2: MARGIN_L2 });
          if (rows.length >= gbmMinRows && (newSeason || !gbm || rows.length < GBM_REFIT_BELOW_ROWS)) gbm = fitGradientBoosting(rows.map((r) => features[r]!), rows.map((r) => label(games[r]!)), gbmOptions);
        }
        nextLogisticDay = day + logisticRefitDays;
      }
      if (learn && day >= nextScoreDay) {
        while (scoreStart < i && dayNumber(games[scoreStart]!.date) < day - scoreSettings.windowDays) scoreStart++;
        score = fitScoreModel(sport, games.slice(scoreStart, i), g.date) ?? score;
        nextScoreDay = day + scoreSettings.refitDays;
      }
      if (learn && newSeason) {
        ensemble = fitEnsembleForSeason(members, predictions, games, i, g.season, ensembleWindow, twoWay) ?? ensemble;
        if (options.lines) lineCalibrators = fitLineCalibrators(lineMarkets, games, i, g.season - ensembleWindow);
      }
    }

    starterAdjustment = STARTER_ELO_PER_RUN * tracker.starterEdge(g);
    const point = elo.process(g);
    const eloP = point.probabilities;
    const lines = options.lines?.get(g.gameId);
    // MLB: the score model's expected runs move by each starter's innings 1–5 record against his
    // team's, one run for one run (not tuned; half that tied on 2014–2015): score_v1 0.24763 -> 0.24737,
    // ensemble 0.24545 -> 0.24532 on 2014–2017 (its moneyline's home edge from innings 1–5, see
    // earlyHomeAdvantage, then takes score_v1 to 0.24673, the ensemble unchanged).
    const scoreM = score ? scoreMarkets(score, g, lines ?? {}, sport === 'mlb' ? tracker.starterRunShift(g) : null) : null;
    const scoreP = scoreM?.moneyline ?? null;
    const scoreLines = lines && scoreM && (scoreM.spread || scoreM.total) ? scoreM : null;
    lineMarkets.push(scoreLines);
    ensembleLineMarkets.push(scoreLines ? calibrateLines(scoreLines, lineCalibrators) : null);
    const row = tracker.features(g, point.eloDiff, scoreP ? scoreP.home / (scoreP.home + scoreP.away) : null);
    tracker.observe(g);
    features.push(row);

    predictions.elo_v1.push(eloP);
    predictions.score_v1.push(scoreP ?? warm(warmUp, 'score_v1', eloP));
    if (useMl) {
      predictions.ml_v1.push(logistic ? twoWayOf(logistic.predict(row)) : warm(warmUp, 'ml_v1', eloP));
      predictions.ml_gbm_v1.push(gbm ? twoWayOf(gbm.predict(row)) : warm(warmUp, 'ml_gbm_v1', eloP));
    } else {
      predictions.ml_v1.push(null);
      predictions.ml_gbm_v1.push(null);
    }
    predictions.ml_margin_v1.push(!useMargin ? null : marginModel ? twoWayOf(marginModel.predict(row)) : warm(warmUp, 'ml_margin_v1', eloP));
    predictions.ensemble_v1.push(blend(members, predictions, i, ensemble, twoWay));

    if (g.homeScore !== null && g.awayScore !== null && g.homeScore !== g.awayScore) trainIndex.push(i);
  }

  return { sport, games, predictions, lineMarkets, ensembleLineMarkets, warmUp, features, state: { elo, features: tracker, logistic, gbm, score, ensemble } };
}

export interface LineCalibrators {
  spread: Calibrator | null;
  total: Calibrator | null;
}

/**
 * Platt calibrators for the score model's spread and total probabilities, from games before index
 * `end` from season `fromSeason` on: P(home covers | no push) and P(over | no push) against the
 * result. Fewer than 200 decided lines and that market stays uncalibrated.
 */
export function fitLineCalibrators(lineMarkets: readonly (MarketProbabilities | null)[], games: readonly GameRecord[], end: number, fromSeason: number): LineCalibrators {
  const spread = { p: [] as number[], y: [] as number[] };
  const total = { p: [] as number[], y: [] as number[] };
  for (let i = end - 1; i >= 0 && games[i]!.season >= fromSeason; i--) {
    const g = games[i]!;
    const m = lineMarkets[i];
    if (!m || g.homeScore === null || g.awayScore === null) continue;
    const margin = g.homeScore - g.awayScore + (m.spread?.line ?? 0);
    if (m.spread && margin !== 0 && m.spread.push < 1) {
      spread.p.push(m.spread.homeCover / (1 - m.spread.push));
      spread.y.push(margin > 0 ? 1 : 0);
    }
    const points = g.homeScore + g.awayScore;
    if (m.total && points !== m.total.line && m.total.push < 1) {
      total.p.push(m.total.over / (1 - m.total.push));
      total.y.push(points > m.total.line ? 1 : 0);
    }
  }
  return {
    spread: spread.p.length >= 200 ? fitCalibrator(spread.p, spread.y, 'platt') : null,
    total: total.p.length >= 200 ? fitCalibrator(total.p, total.y, 'platt') : null,
  };
}

/** The markets with spread and total recalibrated (push probabilities kept). */
export function calibrateLines(m: MarketProbabilities, c: LineCalibrators): MarketProbabilities {
  const out: MarketProbabilities = { ...m };
  if (m.spread && c.spread && m.spread.push < 1) {
    const q = c.spread.predict(m.spread.homeCover / (1 - m.spread.push));
    out.spread = { line: m.spread.line, homeCover: q * (1 - m.spread.push), push: m.spread.push, awayCover: (1 - q) * (1 - m.spread.push) };
  }
  if (m.total && c.total && m.total.push < 1) {
    const q = c.total.predict(m.total.over / (1 - m.total.push));
    out.total = { line: m.total.line, over: q * (1 - m.total.push), push: m.total.push, under: (1 - q) * (1 - m.total.push) };
  }
  return out;
}

function label(g: GameRecord): number {
  return g.homeScore! > g.awayScore! ? 1 : 0;
}

function twoWayOf(p: number): OutcomeProbabilities {
  return { home: p, draw: 0, away: 1 - p };
}

function warm(warmUp: Partial<Record<SystemId, number>>, system: SystemId, fallback: OutcomeProbabilities): OutcomeProbabilities {
  warmUp[system] = (warmUp[system] ?? 0) + 1;
  return fallback;
}

/** Training rows (indexes) from `fromSeason` on. `trainIndex` is in time order, so a binary search finds the start. */
function windowRows(trainIndex: readonly number[], games: readonly GameRecord[], fromSeason: number): number[] {
  let lo = 0;
  let hi = trainIndex.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (games[trainIndex[mid]!]!.season < fromSeason) lo = mid + 1;
    else hi = mid;
  }
  return trainIndex.slice(lo);
}

/**
 * Ensemble weights and calibration for `season`, from the members' predictions of the previous
 * `window` seasons (games before index `end`, decided, every member present). Null when there are none.
 */
export function fitEnsembleForSeason(
  members: SystemId[],
  predictions: WalkForwardResult['predictions'],
  games: readonly GameRecord[],
  end: number,
  season: number,
  window: number,
  twoWay: boolean,
): EnsembleState | null {
  // Calibration maps the blended P(home); a three-way blend is left as it is (it sums to 1 already).
  const fit = fitStackOnEarlierGames(members.map((m) => (i: number) => predictions[m][i]?.home ?? null), games, end, season - window, twoWay);
  return fit && { members, weights: fit.weights, calibrator: fit.calibrator, season, trainRows: fit.trainRows };
}

/**
 * Stacking weights on the simplex over `members` (each a game index → P(home), null without a
 * view), fitted on the decided games before index `end` from season `fromSeason` on where every
 * member has a view, then a Platt calibrator of the blend when `calibrate`. Null with fewer than
 * 100 such games. Every stacked system here (the ensemble, the market-aware one) fits this way.
 */
export function fitStackOnEarlierGames(
  members: readonly ((i: number) => number | null)[],
  games: readonly GameRecord[],
  end: number,
  fromSeason: number,
  calibrate: boolean,
): { weights: number[]; calibrator: Calibrator | null; trainRows: number } | null {
  const P: number[][] = [];
  const y: number[] = [];
  for (let i = end - 1; i >= 0 && games[i]!.season >= fromSeason; i--) {
    const g = games[i]!;
    if (g.homeScore === null || g.awayScore === null || g.homeScore === g.awayScore) continue;
    const row: number[] = [];
    for (const member of members) {
      const p = member(i);
      if (p === null) break;
      row.push(p);
    }
    if (row.length !== members.length) continue;
    P.push(row);
    y.push(label(g));
  }
  if (P.length < 100) return null;
  const { weights } = fitStackingWeights(P, y, { l2: 1e-3, tol: 1e-7, maxIter: 400 });
  const calibrator = calibrate ? fitCalibrator(P.map((row) => row.reduce((s, p, m) => s + p * weights[m]!, 0)), y, 'platt') : null;
  return { weights: [...weights], calibrator, trainRows: P.length };
}

/** The ensemble's prediction for game i: weighted members (equal before any fit), then calibrated. */
function blend(members: SystemId[], predictions: WalkForwardResult['predictions'], i: number, ensemble: EnsembleState | null, twoWay: boolean): OutcomeProbabilities | null {
  const probs: OutcomeProbabilities[] = [];
  for (const m of members) {
    const p = predictions[m][i];
    if (p) probs.push(p);
  }
  if (probs.length === 0) return null;
  // A member that cannot price the game (e.g. no score model yet) leaves the others, reweighted to 1.
  let weights = ensemble && probs.length === members.length ? ensemble.weights : probs.map(() => 1 / probs.length);
  if (ensemble && probs.length !== members.length) weights = probs.map(() => 1 / probs.length);
  const out = { home: 0, draw: 0, away: 0 };
  probs.forEach((p, m) => {
    out.home += weights[m]! * p.home;
    out.draw += weights[m]! * p.draw;
    out.away += weights[m]! * p.away;
  });
  if (twoWay && ensemble?.calibrator && probs.length === members.length) {
    const home = ensemble.calibrator.predict(Math.min(1, Math.max(0, out.home)));
    return { home, draw: 0, away: 1 - home };
  }
  return out;
}
