/**
 * @module models/scores/normal-margin
 * Margin and total models for NFL/NBA (REFERENCE.md "Score distributions": margin ~ N(μ, σ), NFL
 * σ ≈ 13–14, NBA σ ≈ 11–12; key numbers 3 and 7 in the NFL).
 *
 * Margin: ridge least squares on margins, margin = hfa·(not neutral) + r_home − r_away + ε, with the
 * penalty α Σ r² (hfa unpenalised) centring the ratings on 0 and shrinking early-season ones.
 * σ² = Σ w·e² / Σ w, scaled by n_eff / (n_eff − p) for the fitted parameters (n_eff = (Σw)² / Σw²).
 * Total: ridge least squares on each side's points, points = c + e·(home side, not neutral) +
 * offence_team − defence_opponent, so the mean total is the sum of the two sides' predictions; its σ
 * comes from the game-total residuals the same way. Time decay: weights exp(−ξ·days), as for the
 * count models (`prepareGames`).
 *
 * Discretisation: integer outcomes with a continuity correction, P(m) = Φ((m + ½ − μ)/σ) −
 * Φ((m − ½ − μ)/σ) over μ ± 12σ, renormalised. Totals keep the normal's support (a negative total has
 * negligible mass and counts as an under).
 *
 * Empirical variant (key numbers): the fitted normal misses the lumps at 3, 7, 10, 14 that scoring
 * units of 3 and 7 produce. For every margin m we compare how often it happened in the fitted games,
 * O_m, with how often the fitted normals expected it, E_m = Σ_g P_g(m), and keep the ratio
 * R_m = (O_m + κ) / (E_m + κ) (κ = 5 pseudo-games shrinks rare margins to 1). A prediction multiplies
 * the discretised normal by R_m and renormalises: the location and spread still come from the
 * ratings, the shape from history. Margins beyond ±60 keep R = 1.
 */
import type { GameRecord, MarketProbabilities } from '../types.js';
import { SharplineError } from '../../errors.js';
import { normalCdf, normalPdf } from './distributions.js';
import { choleskySolve, prepareGames, type PreparedGames } from './poisson-model.js';
import { marketsFromMargin, type IntegerPmf, type MarginMarketOptions } from './score-grid.js';

const EMPIRICAL_MAX_MARGIN = 60;

/** Options of `fitNormalMargin`. */
export interface NormalMarginFitOptions {
  /** Fit date `YYYY-MM-DD`: only games strictly before it are used. Default: all final games. */
  asOf?: string;
  /** Time decay ξ per day. Default 0. */
  xi?: number;
  /** Ridge α on margin ratings (points² per point² of rating). Default 10. */
  ridge?: number;
  /** Ridge α on offence/defence ratings of the total model. Default 10. */
  totalRidge?: number;
  /** Also fit the empirical margin reweighting. Default true. */
  empirical?: boolean;
  /**
   * Rate teams partly on the early-period margin (NBA quarters 1–3), scaled to a whole game:
   * the ratings are fitted to (1 − weight)·margin + weight·earlyMargin/share where the early margin
   * is known (the final margin elsewhere). σ (and so every price) is still that of the final margin.
   * Default: none (final margins only).
   */
  early?: { weight: number; share: number };
  /** κ pseudo-games for the empirical ratios. Default 5. */
  pseudoCount?: number;
}

/** Empirical margin reweighting: `ratios[i]` multiplies P(margin = min + i). */
export interface EmpiricalMarginAdjustment {
  readonly min: number;
  readonly ratios: Float64Array;
  readonly pseudoCount: number;
}

/** A fitted margin/total model. Points units throughout. */
export interface NormalMarginModel {
  readonly kind: 'normal-margin';
  readonly teams: readonly string[];
  readonly homeAdvantage: number;
  readonly ratings: Readonly<Record<string, number>>;
  /** σ of the margin residuals. */
  readonly sigma: number;
  readonly total: {
    /** Points of an average team away from home. */
    readonly intercept: number;
    readonly homeEdge: number;
    readonly offence: Readonly<Record<string, number>>;
    readonly defence: Readonly<Record<string, number>>;
    readonly sigma: number;
  };
  readonly empirical: EmpiricalMarginAdjustment | null;
  readonly games: number;
  readonly asOf: string;
  readonly xi: number;
}

/** Weighted ridge least squares with sparse rows: row k has coefficients `coef[k][.]` at `index[k][.]`. */
function ridgeLeastSquares(p: number, rows: { index: number[]; coef: number[]; y: number; w: number }[], penalty: Float64Array): Float64Array {
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (const row of rows) {
    for (let i = 0; i < row.index.length; i++) {
      const ii = row.index[i]!;
      const ci = row.coef[i]! * row.w;
      b[ii]! += ci * row.y;
      for (let j = 0; j < row.index.length; j++) a[ii * p + row.index[j]!]! += ci * row.coef[j]!;
    }
  }
  for (let i = 0; i < p; i++) a[i * p + i]! += penalty[i]!;
  if (!choleskySolve(a, b, p)) throw new SharplineError('SL_MARKET_INVALID', 'ridge system is singular: add games or raise the ridge');
  return b;
}

function residualSigma(residuals: Float64Array, weights: Float64Array, parameters: number): number {
  let sw = 0;
  let sw2 = 0;
  let swe2 = 0;
  for (let i = 0; i < residuals.length; i++) {
    sw += weights[i]!;
    sw2 += weights[i]! * weights[i]!;
    swe2 += weights[i]! * residuals[i]! * residuals[i]!;
  }
  const nEff = (sw * sw) / sw2;
  const correction = nEff > parameters + 1 ? nEff / (nEff - parameters) : 1;
  return Math.sqrt((swe2 / sw) * correction);
}

/** The discretised normal over integers (continuity correction), optionally reweighted empirically. */
export function discreteNormalPmf(mean: number, sd: number, adjustment: EmpiricalMarginAdjustment | null = null): IntegerPmf {
  if (!Number.isFinite(mean) || !(sd > 0) || !Number.isFinite(sd)) {
    throw new SharplineError('SL_MARKET_INVALID', `normal pmf needs a finite mean and sd > 0, got ${mean}, ${sd}`);
  }
  // Beyond 9 sd the normal's mass is below 1e-18: nothing a price can see.
  const min = Math.floor(mean - 9 * sd) - 1;
  const max = Math.ceil(mean + 9 * sd) + 1;
  const probabilities = new Float64Array(max - min + 1);
  let previous = normalCdf(min - 0.5, mean, sd);
  let sum = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const upper = normalCdf(min + k + 0.5, mean, sd);
    let p = Math.max(0, upper - previous);
    previous = upper;
    if (adjustment) {
      const i = min + k - adjustment.min;
      if (i >= 0 && i < adjustment.ratios.length) p *= adjustment.ratios[i]!;
    }
    probabilities[k] = p;
    sum += p;
  }
  for (let k = 0; k < probabilities.length; k++) probabilities[k]! /= sum;
  return { min, probabilities };
}

interface FittedParts {
  prepared: PreparedGames;
  hfa: number;
  ratings: Float64Array;
  total: { intercept: number; homeEdge: number; offence: Float64Array; defence: Float64Array };
}

function marginMeanOf(parts: FittedParts, g: number): number {
  const { prepared } = parts;
  return parts.hfa * prepared.atHome[g]! + parts.ratings[prepared.home[g]!]! - parts.ratings[prepared.away[g]!]!;
}

/**
 * Fits the margin and total models (see the module doc), and the empirical margin ratios unless
 * `empirical: false`.
 *
 * @example
 *   const model = fitNormalMargin(nflGames, { asOf: '2020-09-01', xi: 0.001 });
 *   marketsFromNormalMargin(model, 'KC', 'BUF', { spread: -3, total: 51.5, variant: 'empirical' });
 */
export function fitNormalMargin(games: readonly GameRecord[], options: NormalMarginFitOptions = {}): NormalMarginModel {
  const xi = options.xi ?? 0;
  const ridge = options.ridge ?? 10;
  const totalRidge = options.totalRidge ?? 10;
  const prepared = prepareGames(games, { ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), xi });
  if (prepared.count === 0) throw new SharplineError('SL_MARKET_INVALID', 'no final games to fit');
  const t = prepared.teams.length;
  const n = prepared.count;

  const early = options.early;
  if (early && !(early.weight >= 0 && early.weight <= 1 && early.share > 0 && early.share <= 1)) {
    throw new SharplineError('SL_USAGE', `early weight must be in [0, 1] and share in (0, 1], got ${early.weight}, ${early.share}`);
  }
  const marginRows = [];
  for (let g = 0; g < n; g++) {
    const final = prepared.homeScore[g]! - prepared.awayScore[g]!;
    const earlyMargin = prepared.earlyMargin[g]!;
    const y = early && Number.isFinite(earlyMargin) ? (1 - early.weight) * final + (early.weight * earlyMargin) / early.share : final;
    marginRows.push({
      index: [0, 1 + prepared.home[g]!, 1 + prepared.away[g]!],
      coef: [prepared.atHome[g]!, 1, -1],
      y,
      w: prepared.weight[g]!,
    });
  }
  const marginPenalty = new Float64Array(1 + t).fill(ridge);
  marginPenalty[0] = 1e-9;
  const beta = ridgeLeastSquares(1 + t, marginRows, marginPenalty);

  // Points rows: θ = [c, e, offence_0..T−1, defence_0..T−1].
  const pointsRows = [];
  for (let g = 0; g < n; g++) {
    const h = prepared.home[g]!;
    const a = prepared.away[g]!;
    const w = prepared.weight[g]!;
    pointsRows.push({ index: [0, 1, 2 + h, 2 + t + a], coef: [1, prepared.atHome[g]!, 1, -1], y: prepared.homeScore[g]!, w });
    pointsRows.push({ index: [0, 2 + a, 2 + t + h], coef: [1, 1, -1], y: prepared.awayScore[g]!, w });
  }
  const pointsPenalty = new Float64Array(2 + 2 * t).fill(totalRidge);
  pointsPenalty[0] = 1e-9;
  pointsPenalty[1] = 1e-9;
  const gamma = ridgeLeastSquares(2 + 2 * t, pointsRows, pointsPenalty);

  const parts: FittedParts = {
    prepared,
    hfa: beta[0]!,
    ratings: beta.subarray(1),
    total: { intercept: gamma[0]!, homeEdge: gamma[1]!, offence: gamma.subarray(2, 2 + t), defence: gamma.subarray(2 + t) },
  };
  const marginResiduals = new Float64Array(n);
  const totalResiduals = new Float64Array(n);
  for (let g = 0; g < n; g++) {
    marginResiduals[g] = prepared.homeScore[g]! - prepared.awayScore[g]! - marginMeanOf(parts, g);
    totalResiduals[g] = prepared.homeScore[g]! + prepared.awayScore[g]! - totalMeanOf(parts, g);
  }
  const sigma = residualSigma(marginResiduals, prepared.weight, 1 + t);
  const totalSigma = residualSigma(totalResiduals, prepared.weight, 2 + 2 * t);

  const record = (values: Float64Array): Record<string, number> => Object.fromEntries(prepared.teams.map((team, i) => [team, values[i]!]));
  return {
    kind: 'normal-margin',
    teams: prepared.teams,
    homeAdvantage: parts.hfa,
    ratings: record(parts.ratings),
    sigma,
    total: {
      intercept: parts.total.intercept,
      homeEdge: parts.total.homeEdge,
      offence: record(parts.total.offence),
      defence: record(parts.total.defence),
      sigma: totalSigma,
    },
    empirical: options.empirical === false ? null : empiricalAdjustment(parts, sigma, options.pseudoCount ?? 5),
    games: n,
    asOf: prepared.asOf,
    xi,
  };
}

function totalMeanOf(parts: FittedParts, g: number): number {
  const { prepared, total } = parts;
  const h = prepared.home[g]!;
  const a = prepared.away[g]!;
  return 2 * total.intercept + total.homeEdge * prepared.atHome[g]! + total.offence[h]! - total.defence[a]! + total.offence[a]! - total.defence[h]!;
}

function empiricalAdjustment(parts: FittedParts, sigma: number, pseudoCount: number): EmpiricalMarginAdjustment {
  const { prepared } = parts;
  const size = 2 * EMPIRICAL_MAX_MARGIN + 1;
  const observed = new Float64Array(size);
  const expected = new Float64Array(size);
  // Expected counts by the midpoint rule, φ((m − μ)/σ)/σ for the mass at margin m: with σ ≥ 10 points
  // it is within 1e-3 of the discretised normal's mass (relative), far inside the pseudo-count
  // smoothing, and it keeps weekly walk-forward refits cheap (no erf per cell). Games whose means
  // agree to 0.25 points share a row.
  const byMean = new Map<number, number>();
  for (let g = 0; g < prepared.count; g++) {
    const w = prepared.weight[g]!;
    const margin = prepared.homeScore[g]! - prepared.awayScore[g]!;
    if (Math.abs(margin) <= EMPIRICAL_MAX_MARGIN) observed[margin + EMPIRICAL_MAX_MARGIN]! += w;
    const key = Math.round(marginMeanOf(parts, g) * 4);
    byMean.set(key, (byMean.get(key) ?? 0) + w);
  }
  for (const [key, w] of byMean) {
    const mean = key / 4;
    for (let i = 0; i < size; i++) expected[i]! += (w * normalPdf((i - EMPIRICAL_MAX_MARGIN - mean) / sigma)) / sigma;
  }
  const ratios = new Float64Array(size);
  for (let i = 0; i < size; i++) ratios[i] = (observed[i]! + pseudoCount) / (expected[i]! + pseudoCount);
  return { min: -EMPIRICAL_MAX_MARGIN, ratios, pseudoCount };
}

/** Predicted margin and total distributions' parameters for a matchup (points). Unknown teams rate 0. */
export function predictNormalMargin(
  model: NormalMarginModel,
  home: string,
  away: string,
  options: { neutral?: boolean } = {},
): { marginMean: number; marginSd: number; totalMean: number; totalSd: number } {
  const atHome = options.neutral ? 0 : 1;
  const { total } = model;
  const o = (team: string) => total.offence[team] ?? 0;
  const d = (team: string) => total.defence[team] ?? 0;
  return {
    marginMean: model.homeAdvantage * atHome + (model.ratings[home] ?? 0) - (model.ratings[away] ?? 0),
    marginSd: model.sigma,
    totalMean: 2 * total.intercept + total.homeEdge * atHome + o(home) - d(away) + o(away) - d(home),
    totalSd: total.sigma,
  };
}

/** Options of `marketsFromNormalMargin`. */
export interface NormalMarginMarketOptions extends MarginMarketOptions {
  neutral?: boolean;
  /** `normal` (default) or `empirical` (needs a model fitted with the empirical ratios). */
  variant?: 'normal' | 'empirical';
}

/** The margin pmf for a matchup under the chosen variant. */
export function marginPmfFor(model: NormalMarginModel, home: string, away: string, options: NormalMarginMarketOptions = {}): IntegerPmf {
  const p = predictNormalMargin(model, home, away, options.neutral !== undefined ? { neutral: options.neutral } : {});
  if (options.variant === 'empirical' && !model.empirical) throw new SharplineError('SL_MARKET_INVALID', 'model was fitted without empirical margin ratios');
  return discreteNormalPmf(p.marginMean, p.marginSd, options.variant === 'empirical' ? model.empirical : null);
}

/** Moneyline, spread and total for a matchup (via `marketsFromMargin`). */
export function marketsFromNormalMargin(model: NormalMarginModel, home: string, away: string, options: NormalMarginMarketOptions = {}): MarketProbabilities {
  const p = predictNormalMargin(model, home, away, options.neutral !== undefined ? { neutral: options.neutral } : {});
  return marketsFromMargin(marginPmfFor(model, home, away, options), discreteNormalPmf(p.totalMean, p.totalSd), options);
}
