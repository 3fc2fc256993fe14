/**
 * @module props/metrics
 * Scores of count forecasts (REFERENCE.md "Forecast metrics" extended to distributions): absolute
 * error of the mean, the continuous ranked probability score of a discrete distribution, the
 * logarithmic score, and Brier / ECE of over/under probabilities.
 */
import { MAX_K } from './distribution.js';
import type { KDistribution } from './types.js';

/** |mean − y|. */
export function absoluteError(d: KDistribution, y: number): number {
  return Math.abs(d.mean - y);
}

/**
 * CRPS of a count distribution: Σₖ (F(k) − 1{y ≤ k})² over k = 0..MAX_K (the ranked probability
 * score without normalisation; equals the mean absolute error for a point mass). Lower is better.
 */
export function crps(d: KDistribution, y: number): number {
  let F = 0;
  let s = 0;
  for (let k = 0; k <= MAX_K; k++) {
    F += d.pmf[k]!;
    const o = y <= k ? 1 : 0;
    s += (Math.min(1, F) - o) ** 2;
  }
  return s;
}

/** −ln P(y), with P clipped at 1e-15 (REFERENCE.md log loss clipping). Lower is better. */
export function logScore(d: KDistribution, y: number): number {
  return -Math.log(Math.max(1e-15, d.pmf[Math.min(y, MAX_K)] ?? 0));
}

/** Brier score and 10-bin expected calibration error of probabilities `p` against 0/1 outcomes `y`. */
export function binaryCalibration(p: readonly number[], y: readonly number[]): { n: number; brier: number; ece: number; bins: { lo: number; n: number; meanP: number; rate: number }[] } {
  const n = p.length;
  const bins = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, n: 0, sp: 0, sy: 0 }));
  let brier = 0;
  for (let i = 0; i < n; i++) {
    brier += (p[i]! - y[i]!) ** 2;
    const b = bins[Math.min(9, Math.floor(p[i]! * 10))]!;
    b.n++;
    b.sp += p[i]!;
    b.sy += y[i]!;
  }
  const ece = bins.reduce((acc, b) => acc + (b.n === 0 ? 0 : (b.n / n) * Math.abs(b.sp / b.n - b.sy / b.n)), 0);
  return {
    n,
    brier: n === 0 ? Number.NaN : brier / n,
    ece,
    bins: bins.filter((b) => b.n > 0).map((b) => ({ lo: b.lo, n: b.n, meanP: b.sp / b.n, rate: b.sy / b.n })),
  };
}
