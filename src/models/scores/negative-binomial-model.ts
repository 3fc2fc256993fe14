/**
 * @module models/scores/negative-binomial-model
 * Team-strength model with negative-binomial scores, for over-dispersed counts such as MLB runs
 * (REFERENCE.md "Score distributions"). Same log-linear means as the Poisson model; each score is
 * NB with mean λ and one shared dispersion r (Var = λ + λ²/r; r → ∞ is the Poisson model).
 *
 * Fitting alternates two concave-or-unimodal blocks until the objective stops moving: the ratings by
 * damped Newton with r fixed (for fixed r the NB log likelihood is concave in log λ), then r by a
 * golden-section search on log r in [log 0.05, log 1e4]. The upper bound is the Poisson limit: data
 * that are not over-dispersed end there, reported as `dispersionAtBound`.
 */
import { goldenSectionMinimum } from '../golden-section.js';
import type { GameRecord } from '../types.js';
import { SharplineError } from '../../errors.js';
import { negativeBinomialLogPmf, negativeBinomialPmfArray } from './distributions.js';
import {
  type FitDiagnostics,
  type GameLogLikelihood,
  type GridPredictionOptions,
  type PreparedGames,
  type TeamStrengthFitOptions,
  type TeamStrengthRatings,
  expectedScores,
  fitPoisson,
  initialTheta,
  maximiseNewton,
  prepareGames,
  ratingsFromTheta,
  ridgePenalty,
  teamStrengthObjective,
} from './poisson-model.js';
import { independentScoreGrid, type ScoreGrid } from './score-grid.js';

const LOG_R_MIN = Math.log(0.05);
const LOG_R_MAX = Math.log(1e4);

/** A fitted negative-binomial team-strength model. */
export interface NegativeBinomialModel extends TeamStrengthRatings, FitDiagnostics {
  readonly kind: 'negative-binomial';
  /** r: Var = mean + mean²/r. */
  readonly dispersion: number;
  /** True when r ended at the search bound (the data look Poisson or are too few to say). */
  readonly dispersionAtBound: boolean;
  readonly ridge: number;
  readonly xi: number;
}

function nbGameLogLikelihood(prepared: PreparedGames, dispersion: () => number): GameLogLikelihood {
  return (g, etaH, etaA, out) => {
    const r = dispersion();
    const x = prepared.homeScore[g]!;
    const y = prepared.awayScore[g]!;
    const lh = Math.exp(etaH);
    const la = Math.exp(etaA);
    // d/dη of the NB log pmf at mean e^η: r(k − λ)/(r + λ); second derivative −rλ(k + r)/(r + λ)².
    out[0] = (r * (x - lh)) / (r + lh);
    out[1] = (r * (y - la)) / (r + la);
    out[2] = (-r * lh * (x + r)) / ((r + lh) * (r + lh));
    out[3] = (-r * la * (y + r)) / ((r + la) * (r + la));
    out[4] = 0;
    return negativeBinomialLogPmf(x, lh, r) + negativeBinomialLogPmf(y, la, r);
  };
}

/** Weighted NB log likelihood of all games for fixed means, as a function of r. */
function dispersionProfile(prepared: PreparedGames, meansHome: Float64Array, meansAway: Float64Array, r: number): number {
  let s = 0;
  for (let g = 0; g < prepared.count; g++) {
    const w = prepared.weight[g]!;
    if (w === 0) continue;
    s += w * (negativeBinomialLogPmf(prepared.homeScore[g]!, meansHome[g]!, r) + negativeBinomialLogPmf(prepared.awayScore[g]!, meansAway[g]!, r));
  }
  return s;
}

function goldenSectionMax(f: (x: number) => number, lo: number, hi: number, tolerance = 1e-7): number {
  const x = goldenSectionMinimum((v) => -f(v), lo, hi, tolerance);
  // The interval ends are candidates too: a bound optimum must be returned as the bound.
  const candidates = [x, lo, hi];
  let best = x;
  let bestValue = f(x);
  for (const candidate of candidates.slice(1)) {
    const v = f(candidate);
    if (v > bestValue) {
      best = candidate;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Fits the negative-binomial team-strength model (see the module doc). Starts from the Poisson fit.
 *
 * @example
 *   const model = fitNegativeBinomial(mlbGames, { xi: 0.002 });
 *   model.dispersion; // e.g. 8: runs vary more than Poisson
 */
export function fitNegativeBinomial(games: readonly GameRecord[], options: TeamStrengthFitOptions & { maxOuterIterations?: number } = {}): NegativeBinomialModel {
  const ridge = options.ridge ?? 1;
  const xi = options.xi ?? 0;
  const prepared = prepareGames(games, { ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), xi });
  if (prepared.count === 0) throw new SharplineError('SL_MARKET_INVALID', 'no final games to fit');
  const poisson = fitPoisson(games, { ...options, ridge, xi });
  const t = prepared.teams.length;
  let theta = initialTheta(prepared);
  theta[0] = poisson.intercept;
  theta[1] = poisson.homeAdvantage;
  prepared.teams.forEach((team, i) => {
    theta[2 + i] = poisson.attack[team]!;
    theta[2 + t + i] = poisson.defence[team]!;
  });
  let r = 10;
  const objective = teamStrengthObjective(prepared, nbGameLogLikelihood(prepared, () => r), ridge);
  const meansHome = new Float64Array(prepared.count);
  const meansAway = new Float64Array(prepared.count);
  let value = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  const maxOuter = options.maxOuterIterations ?? 50;
  for (let outer = 0; outer < maxOuter; outer++) {
    for (let g = 0; g < prepared.count; g++) {
      const hi = prepared.home[g]!;
      const ai = prepared.away[g]!;
      meansHome[g] = Math.exp(theta[0]! + prepared.atHome[g]! * theta[1]! + theta[2 + hi]! - theta[2 + t + ai]!);
      meansAway[g] = Math.exp(theta[0]! + theta[2 + ai]! - theta[2 + t + hi]!);
    }
    r = Math.exp(goldenSectionMax((logR) => dispersionProfile(prepared, meansHome, meansAway, Math.exp(logR)), LOG_R_MIN, LOG_R_MAX));
    const step = maximiseNewton(objective, theta, {
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    });
    iterations += step.iterations;
    theta = step.theta;
    const change = step.value - value;
    value = step.value;
    if (step.converged && Math.abs(change) < 1e-9 * Math.max(1, Math.abs(value))) {
      converged = true;
      break;
    }
  }
  const logR = Math.log(r);
  return {
    kind: 'negative-binomial',
    ...ratingsFromTheta(prepared, theta),
    dispersion: r,
    dispersionAtBound: logR > LOG_R_MAX - 1e-3 || logR < LOG_R_MIN + 1e-3,
    logLikelihood: value + ridgePenalty(theta, ridge),
    penalisedLogLikelihood: value,
    iterations,
    converged,
    games: prepared.count,
    asOf: prepared.asOf,
    ridge,
    xi,
  };
}

/** The independent negative-binomial score grid for given means and dispersion. */
export function negativeBinomialScoreGrid(meanHome: number, meanAway: number, dispersion: number, maxScore?: number): ScoreGrid {
  if (!(meanHome >= 0 && meanAway >= 0 && dispersion > 0) || !Number.isFinite(meanHome + meanAway)) {
    throw new SharplineError('SL_MARKET_INVALID', `negative-binomial needs means ≥ 0 and dispersion > 0, got ${meanHome}, ${meanAway}, ${dispersion}`);
  }
  const mean = Math.max(meanHome, meanAway);
  const sd = Math.sqrt(mean + (mean * mean) / dispersion);
  const m = maxScore ?? Math.max(10, Math.ceil(mean + 14 * sd + 10));
  return independentScoreGrid(negativeBinomialPmfArray(meanHome, dispersion, m), negativeBinomialPmfArray(meanAway, dispersion, m));
}

/** The score grid for a matchup under a fitted negative-binomial model. */
export function predictNegativeBinomial(model: NegativeBinomialModel, home: string, away: string, options: GridPredictionOptions = {}): ScoreGrid {
  const means = expectedScores(model, home, away, options.neutral ?? false);
  return negativeBinomialScoreGrid(means.home, means.away, model.dispersion, options.maxScore);
}
