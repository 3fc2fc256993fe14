/**
 * @module models/ratings/pythagorean
 * Pythagorean expectation (REFERENCE.md "Ratings"): W% = RS^x / (RS^x + RA^x), with per-sport
 * exponents, and a least-squares fit of x to team seasons.
 */
import { goldenSectionMinimum } from '../golden-section.js';
import { SharplineError } from '../../errors.js';

/** Common exponents (REFERENCE.md); tune per sport with `fitPythagoreanExponent`. Soccer has none: draws break the two-way form. */
export const PYTHAGOREAN_EXPONENTS = { nba: 13.91, nfl: 2.37, mlb: 1.83, nhl: 2.15 } as const;

/**
 * Expected winning share for points scored `scored` and allowed `allowed` (both ≥ 0) with exponent
 * `exponent` > 0. 0.5 when both are 0.
 */
export function pythagoreanWinPct(scored: number, allowed: number, exponent: number): number {
  if (!(Number.isFinite(scored) && scored >= 0 && Number.isFinite(allowed) && allowed >= 0)) {
    throw new SharplineError('SL_USAGE', `pythagoreanWinPct: scored ${String(scored)} and allowed ${String(allowed)} must be finite and ≥ 0`);
  }
  if (!(Number.isFinite(exponent) && exponent > 0)) throw new SharplineError('SL_USAGE', `pythagoreanWinPct: exponent ${String(exponent)} must be > 0`);
  if (scored === 0 && allowed === 0) return 0.5;
  if (scored === 0) return 0;
  // As 1/(1 + (RA/RS)^x), so NBA-sized exponents on season totals do not overflow.
  return 1 / (1 + Math.pow(allowed / scored, exponent));
}

/** One team season: points scored and allowed, and the actual winning share (ties as half wins). */
export interface TeamSeasonRecord {
  readonly scored: number;
  readonly allowed: number;
  readonly winPct: number;
  /** Weight in the fit, e.g. games played. Default 1. */
  readonly weight?: number;
}

/** Search interval and tolerance for the exponent fit. */
export interface PythagoreanFitOptions {
  /** Default 0.5. */
  readonly min?: number;
  /** Default 30 (above any sport's exponent). */
  readonly max?: number;
  /** Interval width at which the search stops. Default 1e-6. */
  readonly tolerance?: number;
}

/** The fitted exponent with its (weighted) sum of squared errors and root-mean-square error in W%. */
export interface PythagoreanFit {
  readonly exponent: number;
  readonly sse: number;
  readonly rmse: number;
  readonly n: number;
}

/**
 * Least-squares exponent: minimises Σ w·(W% − pythagoreanWinPct(RS, RA, x))² by golden-section
 * search on [min, max] (the error is unimodal in x for real data; the search returns the interval's
 * best point otherwise).
 */
export function fitPythagoreanExponent(seasons: readonly TeamSeasonRecord[], options: PythagoreanFitOptions = {}): PythagoreanFit {
  const lo0 = options.min ?? 0.5;
  const hi0 = options.max ?? 30;
  const tolerance = options.tolerance ?? 1e-6;
  if (seasons.length === 0) throw new SharplineError('SL_USAGE', 'fitPythagoreanExponent: no team seasons given');
  if (!(lo0 > 0 && hi0 > lo0 && tolerance > 0)) throw new SharplineError('SL_USAGE', `fitPythagoreanExponent: need 0 < min < max and tolerance > 0 (got ${lo0}, ${hi0}, ${tolerance})`);
  let totalWeight = 0;
  for (const s of seasons) {
    const w = s.weight ?? 1;
    if (!(Number.isFinite(s.winPct) && s.winPct >= 0 && s.winPct <= 1 && Number.isFinite(w) && w >= 0)) {
      throw new SharplineError('SL_USAGE', `fitPythagoreanExponent: winPct ${String(s.winPct)} must be in [0, 1] and weight ${String(w)} ≥ 0`);
    }
    totalWeight += w;
  }
  if (!(totalWeight > 0)) throw new SharplineError('SL_USAGE', 'fitPythagoreanExponent: weights sum to 0');
  const sse = (x: number): number => {
    let sum = 0;
    for (const s of seasons) {
      const e = s.winPct - pythagoreanWinPct(s.scored, s.allowed, x);
      sum += (s.weight ?? 1) * e * e;
    }
    return sum;
  };
  const exponent = goldenSectionMinimum(sse, lo0, hi0, tolerance);
  const best = sse(exponent);
  return { exponent, sse: best, rmse: Math.sqrt(best / totalWeight), n: seasons.length };
}
