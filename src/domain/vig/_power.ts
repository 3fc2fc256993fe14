/**
 * @module domain/vig/_power
 * Power method (REFERENCE.md "Vig removal" 3): pᵢ = πᵢ^k with k solving Σ πᵢ^k = 1. Folder-private.
 */
import { brentRootFromValues } from './root.js';
import { normalize, ROOT_OPTIONS } from './_solver.js';

/**
 * Solves g(k) = Σ exp(k·ln πᵢ) − 1 = 0 for k with Brent's method and returns k. g falls strictly
 * from n − 1 at k = 0 towards −1, so the root is unique: above 1 with a margin, in (0, 1) with an
 * arbitrage (the formula then lifts the probabilities). See `bracket` for how the search interval is
 * chosen; it keeps a two-way market at about five evaluations of g.
 */
export function power(decimals: readonly number[], probabilities: number[], booksum: number): number {
  const n = decimals.length;
  // probabilities[i] ← ln πᵢ = −ln dᵢ (< 0) while solving; exp(k·ln πᵢ) at the end.
  let maxLog = -Infinity;
  let slope = 0; // g′(1) = Σ πᵢ·ln πᵢ < 0
  let curvature = 0; // g″(1) = Σ πᵢ·(ln πᵢ)² > 0
  for (let i = 0; i < n; i++) {
    const decimal = decimals[i]!;
    const log = -Math.log(decimal);
    probabilities[i] = log;
    slope += log / decimal;
    curvature += (log * log) / decimal;
    if (log > maxLog) maxLog = log;
  }
  const g = n === 2 ? twoWay(probabilities[0]!, probabilities[1]!) : nWay(probabilities);
  const k = booksum === 1 ? 1 : bracket(g, booksum - 1, slope, curvature, n, maxLog);
  for (let i = 0; i < n; i++) probabilities[i] = Math.exp(k * probabilities[i]!);
  normalize(probabilities);
  return k;
}

/**
 * Finds k from g(1) = B − 1, g′(1) and g″(1), all free at k = 1 (πᵢ^1 = 1/dᵢ). g is convex, so the
 * Newton step k_N = 1 − g(1)/g′(1) never passes the root: a lower bound on both sides of 1.
 * - Arbitrage: the root is in [max(0, k_N), 1] (g(0) = n − 1).
 * - Margin: Newton's error is about g″/(2|g′|)·(k_N − 1)², so twice that past k_N is tried as the
 *   upper end (it nearly always holds a sign change, leaving a tiny bracket); failing that, the
 *   analytic end 1 + 2·ln n / (−ln π_max), where Σ πᵢ^k ≤ n·π_max^k ≤ 1/n.
 * Where rounding breaks a bound (margins near 1e-16), the safe interval next to it is used instead,
 * and where g evaluated by exp/log disagrees in sign with B − 1 at k = 1, the root is 1 to rounding.
 */
function bracket(g: (k: number) => number, margin: number, slope: number, curvature: number, n: number, maxLog: number): number {
  const step = -margin / slope;
  const newton = 1 + step;
  if (margin < 0) {
    let lo = Math.max(0, newton);
    let atLo = lo === 0 ? n - 1 : g(lo);
    if (atLo < 0) [lo, atLo] = [0, n - 1];
    const atOne = g(1);
    return atOne >= 0 ? 1 : brentRootFromValues(g, lo, atLo, 1, atOne, ROOT_OPTIONS);
  }
  const atNewton = g(newton);
  if (atNewton <= 0) {
    const atOne = g(1);
    return atOne <= 0 ? 1 : brentRootFromValues(g, 1, atOne, newton, atNewton, ROOT_OPTIONS);
  }
  let lo = newton;
  let atLo = atNewton;
  let hi = newton + (curvature / -slope) * step * step + 4 * Number.EPSILON * newton;
  let atHi = g(hi);
  if (atHi > 0) {
    [lo, atLo] = [hi, atHi];
    hi = 1 + (2 * Math.log(n)) / -maxLog;
    atHi = g(hi);
  }
  return brentRootFromValues(g, lo, atLo, hi, atHi, ROOT_OPTIONS);
}

function twoWay(log0: number, log1: number): (k: number) => number {
  return (k) => Math.exp(k * log0) + Math.exp(k * log1) - 1;
}

function nWay(logs: readonly number[]): (k: number) => number {
  return (k) => {
    let sum = -1;
    for (let i = 0; i < logs.length; i++) sum += Math.exp(k * logs[i]!);
    return sum;
  };
}
