/**
 * @module models/ensemble/stacking
 * Stacking: learn how much to trust each member model from its out-of-sample predictions.
 *
 * Blend: a linear pool of probabilities, q = Σ_m w_m·p_m with w on the simplex (w_m ≥ 0, Σw = 1).
 * Chosen over averaging logits because (a) the log loss −[y ln q + (1 − y) ln(1 − q)] is convex in
 * w, so the fit has one optimum and no start-point luck, (b) q always lies between the members'
 * probabilities, so a blend can never be more extreme than its most confident member, and
 * (c) weights read as shares of trust. A linear pool tends to be under-confident; put a calibrator
 * (`calibration.ts`) after it, fitted on the pool's own out-of-sample output.
 *
 * Fit: minimise mean log loss + (l2/2)·Σ(w_m − 1/M)² (shrink toward equal weights) by
 * exponentiated gradient with backtracking; stop when the Frank–Wolfe gap Σ w_m g_m − min_m g_m
 * (an upper bound on how far the objective is from its optimum) drops below `tol`.
 *
 * Invariant every function here keeps: weights are ≥ 0 and sum to 1 within 1e-12 (asserted on the
 * way out and on the way in). A member system once shipped weights summing to 0.8, which made every
 * prediction 20% low (REFERENCE.md, last note).
 *
 * Inputs must be out-of-sample member predictions (each row predicted by a member not trained on
 * it). `walkForwardStacking` keeps the stacker itself out-of-sample as well.
 */
import { toDenseMatrix, type DenseMatrix, type FeatureRows } from '../ml/matrix.js';

/** Options for fitting stacking weights. */
export interface StackingOptions {
  /** Shrinkage toward equal weights. Default 0. */
  l2?: number;
  /** Iterations at most. Default 2000. */
  maxIter?: number;
  /** Stop when the Frank–Wolfe gap (objective suboptimality bound, nats) is below this. Default 1e-9. */
  tol?: number;
}

/** Fitted weights with diagnostics. */
export interface StackingFit {
  /** One weight per member, ≥ 0, summing to 1. */
  readonly weights: readonly number[];
  /** Mean log loss of the blend on the fitting rows (without the penalty). */
  readonly logLoss: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Per-fold record of `walkForwardStacking`. */
export interface StackingFold {
  readonly foldId: number;
  /** Rows (all from earlier folds) the weights were fitted on; 0 means equal weights. */
  readonly trainRows: number;
  readonly weights: readonly number[];
}

/** Out-of-sample blended predictions, one per row, and the weights each fold used. */
export interface WalkForwardStacking {
  readonly predictions: Float64Array;
  readonly folds: readonly StackingFold[];
}

const CLIP = 1e-15;
const SUM_TOLERANCE = 1e-12;

/** Throws unless `w` is a probability vector: every entry finite and ≥ 0, sum 1 within 1e-12. */
export function assertOnSimplex(w: ArrayLike<number>, what = 'weights'): void {
  let sum = 0;
  for (let m = 0; m < w.length; m++) {
    const v = w[m]!;
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`${what}[${m}] = ${v} is not a weight ≥ 0`);
    sum += v;
  }
  if (w.length === 0 || Math.abs(sum - 1) > SUM_TOLERANCE) throw new RangeError(`${what} sum to ${sum}, not 1`);
}

/** Divides by the sum and puts the rounding residual on the largest weight, so Σw = 1 to the last bit or so. */
function normalize(w: Float64Array): number[] {
  let sum = 0;
  let largest = 0;
  for (let m = 0; m < w.length; m++) {
    sum += w[m]!;
    if (w[m]! > w[largest]!) largest = m;
  }
  const out = Array.from(w, (v) => v / sum);
  let others = 0;
  for (let m = 0; m < out.length; m++) if (m !== largest) others += out[m]!;
  out[largest] = 1 - others;
  assertOnSimplex(out);
  return out;
}

function checkMembers(P: DenseMatrix, y: ArrayLike<number>): void {
  if (y.length !== P.rows) throw new RangeError(`${P.rows} rows of member predictions but ${y.length} outcomes`);
  for (let i = 0; i < P.data.length; i++) {
    const v = P.data[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`member prediction at row ${Math.floor(i / P.cols)}, member ${i % P.cols} = ${v} is not in [0, 1]`);
  }
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`outcome ${i} = ${y[i]} is not 0 or 1`);
}

/** Equal weights 1/M, normalised like every other weight vector. */
export function equalWeights(members: number): number[] {
  if (!(Number.isInteger(members) && members >= 1)) throw new RangeError(`members = ${members} must be a whole number ≥ 1`);
  return normalize(new Float64Array(members).fill(1));
}

/** One game's blended probability Σ w_m p_m. */
export function blendProbability(memberProbabilities: ArrayLike<number>, weights: ArrayLike<number>): number {
  if (memberProbabilities.length !== weights.length) throw new RangeError(`${memberProbabilities.length} member probabilities but ${weights.length} weights`);
  assertOnSimplex(weights);
  let q = 0;
  for (let m = 0; m < weights.length; m++) {
    const p = memberProbabilities[m]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`member ${m} probability ${p} is not in [0, 1]`);
    q += weights[m]! * p;
  }
  return Math.min(1, q);
}

/** Blended probability for every row of member predictions (rows = games, columns = members). */
export function blendProbabilities(P: FeatureRows, weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(P.length);
  for (let i = 0; i < P.length; i++) out[i] = blendProbability(P[i]!, weights);
  return out;
}

/** Penalised objective and its gradient at w over rows [0, rows). */
function evaluate(P: DenseMatrix, rows: number, y: ArrayLike<number>, w: Float64Array, l2: number, grad: Float64Array | null): { loss: number; objective: number } {
  const M = P.cols;
  if (grad) grad.fill(0);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    let q = 0;
    for (let m = 0; m < M; m++) q += w[m]! * P.data[i * M + m]!;
    q = Math.min(1 - CLIP, Math.max(CLIP, q));
    const yi = y[i]!;
    loss -= yi === 1 ? Math.log(q) : Math.log(1 - q);
    if (grad) {
      const r = yi === 1 ? -1 / q : 1 / (1 - q);
      for (let m = 0; m < M; m++) grad[m]! += r * P.data[i * M + m]!;
    }
  }
  loss /= rows;
  let pen = 0;
  for (let m = 0; m < M; m++) {
    const d = w[m]! - 1 / M;
    pen += d * d;
    if (grad) grad[m] = grad[m]! / rows + l2 * d;
  }
  return { loss, objective: loss + 0.5 * l2 * pen };
}

function fitOnPrefix(P: DenseMatrix, rows: number, y: ArrayLike<number>, options: StackingOptions): StackingFit {
  const l2 = options.l2 ?? 0;
  const maxIter = options.maxIter ?? 2000;
  const tol = options.tol ?? 1e-9;
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new RangeError(`l2 = ${l2} must be a finite number ≥ 0`);
  const M = P.cols;
  let w = new Float64Array(M).fill(1 / M);
  let trial = new Float64Array(M);
  const g = new Float64Array(M);
  let current = evaluate(P, rows, y, w, l2, g);
  let eta = 1;
  let converged = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    let gMin = Infinity;
    let wg = 0;
    for (let m = 0; m < M; m++) {
      gMin = Math.min(gMin, g[m]!);
      wg += w[m]! * g[m]!;
    }
    if (wg - gMin < tol) {
      converged = true;
      break;
    }
    // Exponentiated gradient: multiplicative updates keep w on the simplex and let a useless
    // member's weight decay geometrically toward 0. Backtrack until the objective falls.
    let accepted = false;
    for (let tries = 0; tries < 50; tries++) {
      let sum = 0;
      for (let m = 0; m < M; m++) {
        trial[m] = w[m]! * Math.exp(-eta * (g[m]! - gMin));
        sum += trial[m]!;
      }
      for (let m = 0; m < M; m++) trial[m]! /= sum;
      const next = evaluate(P, rows, y, trial, l2, null);
      if (next.objective <= current.objective) {
        [w, trial] = [trial, w];
        current = evaluate(P, rows, y, w, l2, g);
        eta *= 1.5;
        accepted = true;
        break;
      }
      eta /= 2;
    }
    if (!accepted) {
      // No representable improvement: the optimum up to rounding.
      converged = true;
      break;
    }
  }
  const weights = normalize(w);
  return Object.freeze({ weights: Object.freeze(weights), logLoss: current.loss, iterations: iter, converged });
}

/**
 * Weights on the simplex minimising the log loss of the blended probability Σ w_m p_m.
 * `P` rows are games (out-of-sample member predictions), columns members; `y` 0/1 outcomes.
 * @example
 * const { weights } = fitStackingWeights([[0.6, 0.5], [0.3, 0.5]], [1, 0]);
 */
export function fitStackingWeights(P: FeatureRows, y: readonly number[], options: StackingOptions = {}): StackingFit {
  const D = toDenseMatrix(P, 'P');
  checkMembers(D, y);
  return fitOnPrefix(D, D.rows, y, options);
}

/** Options for `walkForwardStacking`. */
export interface WalkForwardStackingOptions extends StackingOptions {
  /** Fewer earlier rows than this and the fold uses equal weights. Default 1. */
  minTrainRows?: number;
}

/**
 * Leak-free stacking over time-ordered folds: fold k's weights are fitted only on rows of
 * earlier folds (the first fold, and any fold with fewer than `minTrainRows` earlier rows, uses
 * equal weights), and its rows are blended with them. `foldIds` must be non-decreasing, since rows
 * are in time order; a decrease throws rather than letting a later game train an earlier fold.
 */
export function walkForwardStacking(
  P: FeatureRows,
  y: readonly number[],
  foldIds: readonly number[],
  options: WalkForwardStackingOptions = {},
): WalkForwardStacking {
  const D = toDenseMatrix(P, 'P');
  checkMembers(D, y);
  if (foldIds.length !== D.rows) throw new RangeError(`${D.rows} rows but ${foldIds.length} fold ids`);
  for (let i = 0; i < foldIds.length; i++) {
    if (!Number.isFinite(foldIds[i]!)) throw new RangeError(`fold id ${i} = ${foldIds[i]} is not a number`);
    if (i > 0 && foldIds[i]! < foldIds[i - 1]!) {
      throw new RangeError(`fold ids must be non-decreasing (rows in time order): row ${i} has ${foldIds[i]} after ${foldIds[i - 1]}`);
    }
  }
  const minTrainRows = options.minTrainRows ?? 1;
  const predictions = new Float64Array(D.rows);
  const folds: StackingFold[] = [];
  let start = 0;
  while (start < D.rows) {
    const foldId = foldIds[start]!;
    let end = start;
    while (end < D.rows && foldIds[end] === foldId) end++;
    // Only rows [0, start) — strictly earlier folds — reach the fit.
    const weights = start >= minTrainRows ? fitOnPrefix(D, start, y, options).weights : equalWeights(D.cols);
    for (let i = start; i < end; i++) {
      let q = 0;
      for (let m = 0; m < D.cols; m++) q += weights[m]! * D.data[i * D.cols + m]!;
      predictions[i] = Math.min(1, q);
    }
    folds.push(Object.freeze({ foldId, trainRows: start >= minTrainRows ? start : 0, weights }));
    start = end;
  }
  return { predictions, folds };
}
