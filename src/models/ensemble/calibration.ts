/**
 * @module models/ensemble/calibration
 * Maps a model's probabilities to calibrated ones, fitted on *out-of-sample* predictions and
 * outcomes (fitting on in-sample output would calibrate the model's overfit, not its forecasts).
 *
 * - `platt`: p' = σ(a·logit p + b), a logistic regression on the logit, fitted by Newton
 *   (Platt 1999). Targets are Platt's smoothed labels (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2) instead of
 *   1 and 0, so a perfectly separating input still gives finite a, b. Two parameters: safe with a
 *   few hundred games; can only stretch/shift the logit, not fix a bent reliability curve.
 * - `isotonic`: the non-decreasing step function closest in squared error to the outcomes
 *   (pool-adjacent-violators), with equal inputs pooled first. Predictions interpolate linearly
 *   between block centres (weighted mean p of each block), flat beyond the end blocks, so the map
 *   is continuous and monotone non-decreasing. Flexible; wants thousands of games.
 *
 * Both clip to [eps, 1 − eps] (default eps 1e-3): an isotonic block of 40 home losses is no reason
 * to quote a probability of exactly 0, and a 0 or 1 would make log loss infinite and Kelly stakes absurd.
 */
import { fitLogistic } from '../ml/logistic-regression.js';
import { logit, sigmoid } from '../ml/matrix.js';

/** Calibration methods, named as users know them. */
export type CalibrationMethod = 'platt' | 'isotonic';

/** Options for `fitCalibrator`. */
export interface CalibratorOptions {
  /** Outputs are clipped to [eps, 1 − eps]; 0 < eps < 0.5. Default 1e-3. */
  eps?: number;
}

/** The stored form of a calibrator: plain JSON. */
export type CalibratorJSON =
  | { kind: 'calibrator'; version: 1; method: 'platt'; a: number; b: number; eps: number }
  | { kind: 'calibrator'; version: 1; method: 'isotonic'; x: number[]; y: number[]; eps: number };

/** A fitted probability → probability map. */
export interface Calibrator {
  readonly method: CalibrationMethod;
  /** Calibrated probability in [eps, 1 − eps] for a raw probability in [0, 1]. */
  predict(p: number): number;
  predictMany(p: ArrayLike<number>): Float64Array;
  toJSON(): CalibratorJSON;
}

function checkInputs(p: ArrayLike<number>, y: ArrayLike<number>): void {
  if (p.length !== y.length) throw new RangeError(`${p.length} predictions but ${y.length} outcomes`);
  if (p.length === 0) throw new RangeError('no predictions to calibrate on');
  for (let i = 0; i < p.length; i++) {
    if (!(p[i]! >= 0 && p[i]! <= 1)) throw new RangeError(`prediction ${i} = ${p[i]} is not a probability in [0, 1]`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`outcome ${i} = ${y[i]} is not 0 or 1`);
  }
}

function checkProbability(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`cannot calibrate ${p}: not a probability in [0, 1]`);
  return p;
}

function checkEps(eps: number): number {
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`eps = ${eps} must be in (0, 0.5)`);
  return eps;
}

/**
 * Fits a calibrator on out-of-sample predictions `p` and their 0/1 outcomes `y`.
 * @example
 * const cal = fitCalibrator(oosProbabilities, outcomes, 'isotonic');
 * cal.predict(0.62); // calibrated P(home win)
 */
export function fitCalibrator(p: ArrayLike<number>, y: ArrayLike<number>, method: CalibrationMethod, options: CalibratorOptions = {}): Calibrator {
  checkInputs(p, y);
  const eps = checkEps(options.eps ?? 1e-3);
  if (method === 'platt') return fitPlatt(p, y, eps);
  if (method === 'isotonic') return fitIsotonic(p, y, eps);
  throw new RangeError(`unknown calibration method "${String(method)}" (expected "platt" or "isotonic")`);
}

function fitPlatt(p: ArrayLike<number>, y: ArrayLike<number>, eps: number): Calibrator {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  const negatives = y.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const X = Array.from({ length: p.length }, (_, i) => [logit(p[i]!)]);
  const targets = Array.from({ length: y.length }, (_, i) => (y[i] === 1 ? hi : lo));
  // A whisper of L2 only to pin `a` down when every input is the same probability.
  const model = fitLogistic(X, targets, { l2: 1e-9, standardize: false, maxIter: 200 });
  return buildPlatt(model.coefficients[0]!, model.intercept, eps);
}

function buildPlatt(a: number, b: number, eps: number): Calibrator {
  const map = (p: number): number => Math.min(1 - eps, Math.max(eps, sigmoid(a * logit(checkProbability(p)) + b)));
  return Object.freeze({
    method: 'platt' as const,
    predict: map,
    predictMany: (ps: ArrayLike<number>) => Float64Array.from(ps, map),
    toJSON: (): CalibratorJSON => ({ kind: 'calibrator', version: 1, method: 'platt', a, b, eps }),
  });
}

function fitIsotonic(p: ArrayLike<number>, y: ArrayLike<number>, eps: number): Calibrator {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((i, j) => p[i]! - p[j]! || i - j);
  // Blocks as parallel stacks: weight (count), Σy, Σp, and the block's smallest and largest p.
  const n: number[] = [];
  const sy: number[] = [];
  const sp: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  let k = 0;
  while (k < order.length) {
    // Equal inputs must get equal outputs, so they start as one block.
    const v = p[order[k]!]!;
    let cnt = 0;
    let s = 0;
    while (k < order.length && p[order[k]!] === v) {
      s += y[order[k]!]!;
      cnt++;
      k++;
    }
    n.push(cnt);
    sy.push(s);
    sp.push(v * cnt);
    lo.push(v);
    hi.push(v);
    // Pool adjacent violators: merge while the previous block's mean exceeds the last one's.
    while (n.length >= 2 && sy[sy.length - 2]! / n[n.length - 2]! > sy[sy.length - 1]! / n[n.length - 1]!) {
      const cn = n.pop()!;
      const cy = sy.pop()!;
      const cp = sp.pop()!;
      n[n.length - 1]! += cn;
      sy[sy.length - 1]! += cy;
      sp[sp.length - 1]! += cp;
      lo.pop();
      const top = hi.pop()!;
      hi[hi.length - 1] = top;
    }
  }
  // Centres clamped to the block's own range: rounding in Σp/n could otherwise nudge a centre past
  // its neighbour's (or 0.4·3/3 to 0.4000000000000001), breaking strictly increasing knots.
  const xs = n.map((c, b) => (lo[b] === hi[b] ? lo[b]! : Math.min(hi[b]!, Math.max(lo[b]!, sp[b]! / c))));
  const ys = n.map((c, b) => sy[b]! / c);
  return buildIsotonic(xs, ys, eps);
}

function buildIsotonic(xs: readonly number[], ys: readonly number[], eps: number): Calibrator {
  const last = xs.length - 1;
  const map = (p: number): number => {
    checkProbability(p);
    let v: number;
    if (p <= xs[0]!) v = ys[0]!;
    else if (p >= xs[last]!) v = ys[last]!;
    else {
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (xs[mid]! <= p) lo = mid;
        else hi = mid;
      }
      const t = (p - xs[lo]!) / (xs[hi]! - xs[lo]!);
      v = ys[lo]! + t * (ys[hi]! - ys[lo]!);
    }
    return Math.min(1 - eps, Math.max(eps, v));
  };
  return Object.freeze({
    method: 'isotonic' as const,
    predict: map,
    predictMany: (ps: ArrayLike<number>) => Float64Array.from(ps, map),
    toJSON: (): CalibratorJSON => ({ kind: 'calibrator', version: 1, method: 'isotonic', x: xs.slice(), y: ys.slice(), eps }),
  });
}

/** Rebuilds a calibrator from `toJSON()` output; validates the shape (isotonic x strictly increasing, y non-decreasing). */
export function calibratorFromJSON(json: unknown): Calibrator {
  const o = json as Partial<Record<string, unknown>> | null;
  if (typeof o !== 'object' || o === null || o.kind !== 'calibrator' || o.version !== 1) {
    throw new RangeError('not a calibrator (expected kind "calibrator", version 1)');
  }
  const eps = checkEps(o.eps as number);
  if (o.method === 'platt') {
    const { a, b } = o;
    if (typeof a !== 'number' || !Number.isFinite(a) || typeof b !== 'number' || !Number.isFinite(b)) throw new RangeError('platt calibrator: a and b must be finite');
    return buildPlatt(a, b, eps);
  }
  if (o.method === 'isotonic') {
    const { x, y } = o;
    const ok =
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length === y.length &&
      x.length > 0 &&
      x.every((v, i) => typeof v === 'number' && v >= 0 && v <= 1 && (i === 0 || v > (x[i - 1] as number))) &&
      y.every((v, i) => typeof v === 'number' && v >= 0 && v <= 1 && (i === 0 || v >= (y[i - 1] as number)));
    if (!ok) throw new RangeError('isotonic calibrator: x must increase strictly and y must be non-decreasing, both in [0, 1]');
    return buildIsotonic(x as number[], y as number[], eps);
  }
  throw new RangeError(`unknown calibration method "${String(o.method)}"`);
}
