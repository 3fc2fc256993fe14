/**
 * @module models/scores/dixon-coles
 * Dixon–Coles (1997) for soccer (REFERENCE.md "Score distributions"): the Poisson team-strength
 * model times a low-score dependence factor
 *   τ(0,0) = 1 − λ_h λ_a ρ,  τ(0,1) = 1 + λ_h ρ,  τ(1,0) = 1 + λ_a ρ,  τ(1,1) = 1 − ρ,  τ = 1 otherwise,
 * (home score first), with time-decay weights w = exp(−ξ·days), ξ = 0.0018/day by default. τ leaves
 * the grid summing to 1, so only the four low cells move.
 *
 * Robustness, against the failure modes REFERENCE.md warns of:
 * - ρ is kept where every τ of the fitted games is positive, and inside a box |ρ| ≤ `rhoLimit`
 *   (default 0.35; published estimates are around −0.1). A prediction clamps ρ again into the range
 *   where that matchup's four τ are ≥ 0, so a grid never has a negative cell.
 * - Ratings are ridge-penalised (as in the Poisson model), so 30 games give finite ratings.
 * - Fitting is block-coordinate ascent from the Poisson fit (ρ = 0): ρ by bisection on its
 *   derivative (the log likelihood is concave in ρ), then the ratings by damped Newton with ρ fixed.
 *   Every block step is an ascent step, so the objective never falls below the Poisson fit's.
 * - Non-convergence or a non-finite objective is detected and returned as a typed failure
 *   (`ok: false`) whose `fallback` is the plain Poisson fit expressed as a Dixon–Coles model with
 *   ρ = 0 (null when there was nothing to fit). The function never throws on data.
 */
import type { GameRecord } from '../types.js';
import { poissonPmfArray } from './distributions.js';
import {
  type FitDiagnostics,
  type GridPredictionOptions,
  type PreparedGames,
  type TeamStrengthFitOptions,
  type TeamStrengthRatings,
  defaultMaxScore,
  expectedScores,
  fitPoisson,
  maximiseNewton,
  poissonGameLogLikelihood,
  prepareGames,
  ratingsFromTheta,
  ridgePenalty,
  teamStrengthObjective,
} from './poisson-model.js';
import { scoreGridFrom, type ScoreGrid } from './score-grid.js';

/** ξ per day from Dixon & Coles as used by REFERENCE.md. */
export const DIXON_COLES_DEFAULT_XI = 0.0018;
const DEFAULT_RHO_LIMIT = 0.35;
const FEASIBILITY_MARGIN = 1e-6;

/** Options of `fitDixonColes`. */
export interface DixonColesFitOptions extends TeamStrengthFitOptions {
  /** Box for ρ: |ρ| ≤ rhoLimit (default 0.35), on top of the τ > 0 constraint. */
  rhoLimit?: number;
  /** Cap on ρ/ratings alternations. Default 100. */
  maxOuterIterations?: number;
}

/** A fitted Dixon–Coles model. */
export interface DixonColesModel extends TeamStrengthRatings, FitDiagnostics {
  readonly kind: 'dixon-coles';
  readonly rho: number;
  /** True when ρ ended on a bound (the τ > 0 edge or the box). */
  readonly rhoAtBound: boolean;
  readonly ridge: number;
  readonly xi: number;
}

/** Why a Dixon–Coles fit failed. */
export type DixonColesFailure = 'no_games' | 'not_converged' | 'non_finite';

/** The result of `fitDixonColes`: a model, or a typed failure with the Poisson (ρ = 0) fallback. */
export type DixonColesFit =
  | { readonly ok: true; readonly model: DixonColesModel }
  | { readonly ok: false; readonly reason: DixonColesFailure; readonly message: string; readonly fallback: DixonColesModel | null };

function tauLogLikelihood(prepared: PreparedGames, rho: () => number) {
  const poisson = poissonGameLogLikelihood(prepared);
  return (g: number, etaH: number, etaA: number, out: Float64Array): number => {
    let l = poisson(g, etaH, etaA, out);
    const x = prepared.homeScore[g]!;
    const y = prepared.awayScore[g]!;
    if (x > 1 || y > 1) return l;
    const r = rho();
    if (x === 0 && y === 0) {
      const u = Math.exp(etaH + etaA) * r;
      if (!(u < 1)) return Number.NEGATIVE_INFINITY;
      const d1 = -u / (1 - u);
      const d2 = -u / ((1 - u) * (1 - u));
      l += Math.log1p(-u);
      out[0]! += d1;
      out[1]! += d1;
      out[2]! += d2;
      out[3]! += d2;
      out[4]! += d2;
    } else if (x === 0 && y === 1) {
      const v = Math.exp(etaH) * r;
      if (!(v > -1)) return Number.NEGATIVE_INFINITY;
      l += Math.log1p(v);
      out[0]! += v / (1 + v);
      out[2]! += v / ((1 + v) * (1 + v));
    } else if (x === 1 && y === 0) {
      const v = Math.exp(etaA) * r;
      if (!(v > -1)) return Number.NEGATIVE_INFINITY;
      l += Math.log1p(v);
      out[1]! += v / (1 + v);
      out[3]! += v / ((1 + v) * (1 + v));
    } else {
      if (!(r < 1)) return Number.NEGATIVE_INFINITY;
      l += Math.log1p(-r);
    }
    return l;
  };
}

/**
 * ρ maximising Σ w·log τ for fixed rates, inside the feasible interval (every τ > 0) ∩ the box.
 * d/dρ of Σ w log τ is decreasing (each log τ is concave in ρ), so bisection on it is exact.
 */
function bestRho(prepared: PreparedGames, meansHome: Float64Array, meansAway: Float64Array, rhoLimit: number): { rho: number; atBound: boolean } {
  let lo = -rhoLimit;
  let hi = Math.min(rhoLimit, 1 - FEASIBILITY_MARGIN);
  for (let g = 0; g < prepared.count; g++) {
    if (prepared.weight[g] === 0) continue;
    const x = prepared.homeScore[g]!;
    const y = prepared.awayScore[g]!;
    if (x === 0 && y === 0) hi = Math.min(hi, (1 - FEASIBILITY_MARGIN) / (meansHome[g]! * meansAway[g]!));
    else if (x === 0 && y === 1) lo = Math.max(lo, -(1 - FEASIBILITY_MARGIN) / meansHome[g]!);
    else if (x === 1 && y === 0) lo = Math.max(lo, -(1 - FEASIBILITY_MARGIN) / meansAway[g]!);
  }
  if (!(lo < hi)) return { rho: 0, atBound: true };
  const derivative = (r: number): number => {
    let d = 0;
    for (let g = 0; g < prepared.count; g++) {
      const w = prepared.weight[g]!;
      const x = prepared.homeScore[g]!;
      const y = prepared.awayScore[g]!;
      if (w === 0 || x > 1 || y > 1) continue;
      if (x === 0 && y === 0) {
        const p = meansHome[g]! * meansAway[g]!;
        d -= (w * p) / (1 - p * r);
      } else if (x === 0 && y === 1) d += (w * meansHome[g]!) / (1 + meansHome[g]! * r);
      else if (x === 1 && y === 0) d += (w * meansAway[g]!) / (1 + meansAway[g]! * r);
      else d -= w / (1 - r);
    }
    return d;
  };
  if (derivative(lo) <= 0) return { rho: lo, atBound: true };
  if (derivative(hi) >= 0) return { rho: hi, atBound: true };
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > 1e-14; i++) {
    const m = (a + b) / 2;
    if (derivative(m) > 0) a = m;
    else b = m;
  }
  return { rho: (a + b) / 2, atBound: false };
}

function fillMeans(prepared: PreparedGames, theta: Float64Array, meansHome: Float64Array, meansAway: Float64Array): void {
  const t = prepared.teams.length;
  for (let g = 0; g < prepared.count; g++) {
    const hi = prepared.home[g]!;
    const ai = prepared.away[g]!;
    meansHome[g] = Math.exp(theta[0]! + prepared.atHome[g]! * theta[1]! + theta[2 + hi]! - theta[2 + t + ai]!);
    meansAway[g] = Math.exp(theta[0]! + theta[2 + ai]! - theta[2 + t + hi]!);
  }
}

/**
 * Fits Dixon–Coles to the final games (see the module doc for the method and the failure contract).
 *
 * @example
 *   const fit = fitDixonColes(eplGames, { asOf: '2020-01-01' });
 *   const model = fit.ok ? fit.model : fit.fallback;
 */
export function fitDixonColes(games: readonly GameRecord[], options: DixonColesFitOptions = {}): DixonColesFit {
  const ridge = options.ridge ?? 1;
  const xi = options.xi ?? DIXON_COLES_DEFAULT_XI;
  const rhoLimit = options.rhoLimit ?? DEFAULT_RHO_LIMIT;
  const asOf = options.asOf !== undefined ? { asOf: options.asOf } : {};
  const prepared = prepareGames(games, { ...asOf, xi });
  if (prepared.count === 0) return { ok: false, reason: 'no_games', message: 'no final games before the fit date', fallback: null };

  const newtonOptions = {
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  };
  const poisson = fitPoisson(games, { ...asOf, xi, ridge, ...newtonOptions });
  const t = prepared.teams.length;
  let theta: Float64Array = new Float64Array(2 + 2 * t);
  theta[0] = poisson.intercept;
  theta[1] = poisson.homeAdvantage;
  prepared.teams.forEach((team, i) => {
    theta[2 + i] = poisson.attack[team]!;
    theta[2 + t + i] = poisson.defence[team]!;
  });
  const asModel = (th: Float64Array, rho: number, rhoAtBound: boolean, value: number, iterations: number, converged: boolean): DixonColesModel => ({
    kind: 'dixon-coles',
    ...ratingsFromTheta(prepared, th),
    rho,
    rhoAtBound,
    logLikelihood: value + ridgePenalty(th, ridge),
    penalisedLogLikelihood: value,
    iterations,
    converged,
    games: prepared.count,
    asOf: prepared.asOf,
    ridge,
    xi,
  });
  const fallback = asModel(theta, 0, false, poisson.penalisedLogLikelihood, poisson.iterations, poisson.converged);

  let rho = 0;
  let rhoAtBound = false;
  const objective = teamStrengthObjective(prepared, tauLogLikelihood(prepared, () => rho), ridge);
  const meansHome = new Float64Array(prepared.count);
  const meansAway = new Float64Array(prepared.count);
  let value = objective(theta, null, null);
  let iterations = poisson.iterations;
  const maxOuter = options.maxOuterIterations ?? 100;
  for (let outer = 0; outer < maxOuter; outer++) {
    fillMeans(prepared, theta, meansHome, meansAway);
    ({ rho, atBound: rhoAtBound } = bestRho(prepared, meansHome, meansAway, rhoLimit));
    const step = maximiseNewton(objective, theta, newtonOptions);
    iterations += step.iterations;
    if (!Number.isFinite(step.value) || !step.theta.every(Number.isFinite) || !Number.isFinite(rho)) {
      return { ok: false, reason: 'non_finite', message: 'the Dixon–Coles objective became non-finite', fallback };
    }
    const change = step.value - value;
    theta = step.theta;
    value = step.value;
    if (step.converged && Math.abs(change) < 1e-10 * Math.max(1, Math.abs(value))) {
      return { ok: true, model: asModel(theta, rho, rhoAtBound, value, iterations, true) };
    }
  }
  return { ok: false, reason: 'not_converged', message: `no convergence after ${maxOuter} ρ/ratings alternations`, fallback };
}

/** The range of ρ where all four τ of a matchup are ≥ 0. */
export function feasibleRho(lambdaHome: number, lambdaAway: number): { min: number; max: number } {
  const min = Math.max(lambdaHome > 0 ? -1 / lambdaHome : -Infinity, lambdaAway > 0 ? -1 / lambdaAway : -Infinity, -1);
  const max = Math.min(lambdaHome * lambdaAway > 0 ? 1 / (lambdaHome * lambdaAway) : Infinity, 1);
  return { min, max };
}

/** τ(x, y) of Dixon–Coles (home score first). */
export function dixonColesTau(home: number, away: number, lambdaHome: number, lambdaAway: number, rho: number): number {
  if (home === 0 && away === 0) return 1 - lambdaHome * lambdaAway * rho;
  if (home === 0 && away === 1) return 1 + lambdaHome * rho;
  if (home === 1 && away === 0) return 1 + lambdaAway * rho;
  if (home === 1 && away === 1) return 1 - rho;
  return 1;
}

/**
 * The Dixon–Coles score grid for given rates and ρ. ρ is clamped into `feasibleRho`, so no cell is
 * ever negative; the tail mass is the Poisson tail (τ moves mass only among the four low cells).
 */
export function dixonColesScoreGrid(lambdaHome: number, lambdaAway: number, rho: number, maxScore?: number): ScoreGrid {
  const m = maxScore ?? defaultMaxScore(Math.max(lambdaHome, lambdaAway));
  const { min, max } = feasibleRho(lambdaHome, lambdaAway);
  const r = Math.min(max, Math.max(min, rho));
  const ph = poissonPmfArray(lambdaHome, m);
  const pa = poissonPmfArray(lambdaAway, m);
  return scoreGridFrom(m, (i, j) => Math.max(0, ph[i]! * pa[j]! * dixonColesTau(i, j, lambdaHome, lambdaAway, r)));
}

/** The score grid for a matchup under a fitted Dixon–Coles model. */
export function predictDixonColes(model: DixonColesModel, home: string, away: string, options: GridPredictionOptions = {}): ScoreGrid {
  const rates = expectedScores(model, home, away, options.neutral ?? false);
  return dixonColesScoreGrid(rates.home, rates.away, model.rho, options.maxScore);
}
