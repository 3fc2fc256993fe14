/**
 * @module props/distribution
 * Strikeout distributions and what is read off them: the negative binomial (REFERENCE.md "Player
 * props") or Poisson pmf on 0..MAX_K, P(over/push/under) at a line (whole lines push), linear pools
 * (the ensemble), quantiles and the probability integral transform.
 */
import { negativeBinomialPmf, poissonPmf } from '../models/scores/distributions.js';
import type { KDistribution } from './types.js';

/** Largest count kept; P(K ≥ MAX_K) is folded into the last cell (the MLB record is 20 in 9 innings). */
export const MAX_K = 30;

function fold(mean: number, cell: (k: number) => number): KDistribution {
  const pmf = new Float64Array(MAX_K + 1);
  let sum = 0;
  for (let k = 0; k < MAX_K; k++) {
    pmf[k] = cell(k);
    sum += pmf[k]!;
  }
  pmf[MAX_K] = Math.max(0, 1 - sum);
  return { mean, pmf };
}

/** Negative binomial with mean μ and dispersion r (variance μ + μ²/r); r = Infinity is the Poisson. */
export function negativeBinomialK(mean: number, dispersion: number): KDistribution {
  if (!(mean > 0) || !(dispersion > 0)) throw new RangeError(`negativeBinomialK: mean ${mean} and dispersion ${dispersion} must be > 0`);
  return fold(mean, (k) => negativeBinomialPmf(k, mean, dispersion));
}

/** Poisson with mean λ > 0. */
export function poissonK(mean: number): KDistribution {
  if (!(mean > 0)) throw new RangeError(`poissonK: mean ${mean} must be > 0`);
  return fold(mean, (k) => poissonPmf(k, mean));
}

/**
 * The linear pool Σ wᵢ Pᵢ of distributions. Weights must be ≥ 0 and sum to 1 (within 1e-9): a pool
 * whose weights sum to 0.8 would put 20% of the mass nowhere and scale every mean down by 20%.
 */
export function linearPool(parts: readonly KDistribution[], weights: readonly number[]): KDistribution {
  if (parts.length === 0 || parts.length !== weights.length) throw new RangeError('linearPool: one weight per distribution is needed');
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.some((w) => !(w >= 0)) || Math.abs(total - 1) > 1e-9) throw new RangeError(`linearPool: weights must be ≥ 0 and sum to 1, got ${weights.join(', ')} (sum ${total})`);
  const pmf = new Float64Array(MAX_K + 1);
  let mean = 0;
  parts.forEach((d, i) => {
    const w = weights[i]!;
    mean += w * d.mean;
    for (let k = 0; k <= MAX_K; k++) pmf[k] = pmf[k]! + w * d.pmf[k]!;
  });
  return { mean, pmf };
}

/** P(K ≤ k). */
export function cdf(d: KDistribution, k: number): number {
  if (k < 0) return 0;
  let s = 0;
  for (let i = 0; i <= Math.min(k, MAX_K); i++) s += d.pmf[i]!;
  return Math.min(1, s);
}

/** Over / push / under probabilities at a prop line; they sum to 1. */
export interface OverUnder {
  readonly line: number;
  readonly over: number;
  readonly push: number;
  readonly under: number;
}

/**
 * P(K > line), P(K = line) and P(K < line) (REFERENCE.md: "P(over line) = P(K > line); whole-number
 * lines push"). Half lines have push 0.
 */
export function overUnder(d: KDistribution, line: number): OverUnder {
  if (!Number.isFinite(line) || line < 0 || !Number.isInteger(line * 2)) throw new RangeError(`overUnder: line ${line} must be a whole or half number ≥ 0`);
  const whole = Number.isInteger(line);
  const below = cdf(d, Math.ceil(line) - 1);
  const push = whole ? d.pmf[line] ?? 0 : 0;
  return { line, under: below, push, over: Math.max(0, 1 - below - push) };
}

/** The smallest k with P(K ≤ k) ≥ q. */
export function quantile(d: KDistribution, q: number): number {
  let s = 0;
  for (let k = 0; k <= MAX_K; k++) {
    s += d.pmf[k]!;
    if (s >= q - 1e-12) return k;
  }
  return MAX_K;
}

/**
 * Randomised probability integral transform of an observed count y: F(y − 1) + u·P(y) with u in
 * [0, 1) from the caller's seeded generator. Uniform on [0, 1] when the forecast is calibrated.
 */
export function randomisedPit(d: KDistribution, y: number, u: number): number {
  return cdf(d, y - 1) + u * (d.pmf[Math.min(y, MAX_K)] ?? 0);
}
