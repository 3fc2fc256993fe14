/**
 * @module models/ml/metrics
 * Scores for probability forecasts (REFERENCE.md "Forecast metrics"):
 * - Brier = mean (p − y)²
 * - log loss = −mean(y ln p + (1 − y) ln(1 − p)), p clipped to [1e−15, 1 − 1e−15]
 * - accuracy = share of games where (p > threshold) equals y
 * - ECE = Σ_b (n_b / N)·|mean p_b − mean y_b| over 10 equal-width bins of p
 * - RPS (ordered home/draw/away) = mean over games of ½ Σ_k (F_k − O_k)², cumulative F and O
 *
 * Nothing is skipped silently: mismatched lengths, empty input, a probability outside [0, 1]
 * (or NaN) and a label other than 0/1 all throw, naming the offending index.
 */

/** Rows and bins are equal-width on [0, 1]; bin b holds p in [b/B, (b+1)/B), the last also holds 1. */
export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  /** Games in the bin (0 for an empty bin, whose means are null). */
  readonly n: number;
  readonly meanPredicted: number | null;
  readonly meanObserved: number | null;
}

const LOG_LOSS_CLIP = 1e-15;

function checkBinary(p: ArrayLike<number>, y: ArrayLike<number>): void {
  if (p.length !== y.length) throw new RangeError(`${p.length} predictions but ${y.length} outcomes`);
  if (p.length === 0) throw new RangeError('no predictions to score');
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (!(pi >= 0 && pi <= 1)) throw new RangeError(`prediction ${i} = ${pi} is not a probability in [0, 1]`);
    const yi = y[i]!;
    if (yi !== 0 && yi !== 1) throw new RangeError(`outcome ${i} = ${yi} is not 0 or 1`);
  }
}

function binIndex(p: number, bins: number): number {
  return Math.min(bins - 1, Math.floor(p * bins));
}

/** Mean squared error of probabilities against 0/1 outcomes; 0 is perfect, 0.25 is a coin flip. */
export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  checkBinary(p, y);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/** Mean negative log-likelihood in nats, p clipped to [1e−15, 1 − 1e−15]; ln 2 ≈ 0.693 is a coin flip. */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  checkBinary(p, y);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - LOG_LOSS_CLIP, Math.max(LOG_LOSS_CLIP, p[i]!));
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

/** Share of games called right, calling 1 when p > threshold (default 0.5; p = 0.5 calls 0). */
export function accuracy(p: ArrayLike<number>, y: ArrayLike<number>, threshold = 0.5): number {
  checkBinary(p, y);
  let right = 0;
  for (let i = 0; i < p.length; i++) if ((p[i]! > threshold ? 1 : 0) === y[i]) right++;
  return right / p.length;
}

/** Reliability table: per equal-width bin of p, the count, mean prediction and observed rate. */
export function calibrationTable(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkBinary(p, y);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins = ${bins} must be a whole number ≥ 1`);
  const n = new Array<number>(bins).fill(0);
  const sp = new Array<number>(bins).fill(0);
  const sy = new Array<number>(bins).fill(0);
  for (let i = 0; i < p.length; i++) {
    const b = binIndex(p[i]!, bins);
    n[b]!++;
    sp[b]! += p[i]!;
    sy[b]! += y[i]!;
  }
  return n.map((count, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    n: count,
    meanPredicted: count > 0 ? sp[b]! / count : null,
    meanObserved: count > 0 ? sy[b]! / count : null,
  }));
}

/** Expected calibration error: Σ_b (n_b/N)·|mean p_b − mean y_b| over `bins` (default 10) equal-width bins. */
export function expectedCalibrationError(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): number {
  const table = calibrationTable(p, y, bins);
  let ece = 0;
  for (const b of table) {
    if (b.n > 0) ece += (b.n / p.length) * Math.abs(b.meanPredicted! - b.meanObserved!);
  }
  return ece;
}

/** Outcome index for 3-way ordered markets: 0 home, 1 draw, 2 away (the order RPS relies on). */
export type ThreeWayOutcome = 0 | 1 | 2;

/**
 * Ranked probability score for ordered home/draw/away forecasts: each row is [P(home), P(draw),
 * P(away)] summing to 1 (within 1e-6); lower is better, 0 is perfect.
 * @example
 * rankedProbabilityScore([[0.5, 0.3, 0.2]], [0]); // ½((0.5−1)² + (0.8−1)²) = 0.145
 */
export function rankedProbabilityScore(probabilities: readonly (readonly number[])[], outcomes: readonly number[]): number {
  if (probabilities.length !== outcomes.length) throw new RangeError(`${probabilities.length} forecasts but ${outcomes.length} outcomes`);
  if (probabilities.length === 0) throw new RangeError('no forecasts to score');
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const row = probabilities[i]!;
    if (row.length !== 3) throw new RangeError(`forecast ${i} has ${row.length} probabilities, expected 3 (home, draw, away)`);
    let sum = 0;
    for (let k = 0; k < 3; k++) {
      const v = row[k]!;
      if (!(v >= 0 && v <= 1)) throw new RangeError(`forecast ${i} has probability ${v} outside [0, 1]`);
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`forecast ${i} sums to ${sum}, not 1`);
    const o = outcomes[i]!;
    if (o !== 0 && o !== 1 && o !== 2) throw new RangeError(`outcome ${i} = ${o} is not 0 (home), 1 (draw) or 2 (away)`);
    // The third cumulative term is 1 − 1 = 0 for every forecast, so two terms suffice.
    let F = 0;
    let s = 0;
    for (let k = 0; k < 2; k++) {
      F += row[k]!;
      const O = o <= k ? 1 : 0;
      s += (F - O) ** 2;
    }
    total += s / 2;
  }
  return total / probabilities.length;
}
