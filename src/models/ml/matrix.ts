/**
 * @module models/ml/matrix
 * The few dense linear-algebra pieces the learners need, on row-major `Float64Array`s: input
 * validation into one contiguous matrix, a Cholesky solve for Newton steps, and feature
 * standardisation whose statistics come from training rows only (so a test row never leaks into
 * the scaling that a model was fitted with).
 *
 * Missing values are the caller's job: every entry point rejects a NaN or infinite cell with an
 * error naming its row and column, because silently imputing here would hide a pipeline bug.
 */

/** Feature rows as callers hold them: plain arrays or typed rows, one row per game. */
export type FeatureRows = readonly (readonly number[])[] | readonly Float64Array[];

/** A dense matrix: `data[r * cols + c]`, row-major. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Per-column mean and standard deviation, fitted on training rows. */
export interface Standardizer {
  readonly mean: readonly number[];
  /** Population sd; 1 for a constant column, so it maps to all zeros instead of NaN. */
  readonly sd: readonly number[];
}

/** Copies rows into one contiguous matrix, checking a rectangular shape and finite cells. */
export function toDenseMatrix(X: FeatureRows, what = 'X'): DenseMatrix {
  const rows = X.length;
  if (rows === 0) throw new RangeError(`${what} has no rows`);
  const cols = X[0]!.length;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = X[r]!;
    if (row.length !== cols) {
      throw new RangeError(`${what} row ${r} has ${row.length} columns, expected ${cols}`);
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c]!;
      if (!Number.isFinite(v)) {
        throw new RangeError(`${what} has a non-finite value (${v}) at row ${r}, column ${c}: impute missing features before fitting`);
      }
      data[r * cols + c] = v;
    }
  }
  return { rows, cols, data };
}

/** Checks one feature vector against a model's width; returns it as-is. */
export function checkFeatureVector(x: ArrayLike<number>, cols: number, what = 'x'): ArrayLike<number> {
  if (x.length !== cols) throw new RangeError(`${what} has ${x.length} features, the model expects ${cols}`);
  for (let c = 0; c < cols; c++) {
    const v = x[c]!;
    if (!Number.isFinite(v)) throw new RangeError(`${what} has a non-finite value (${v}) at column ${c}: impute missing features first`);
  }
  return x;
}

/** Column means and population sds of `m` (the training rows), optionally weighted per row. */
export function fitStandardizer(m: DenseMatrix, weights?: ArrayLike<number>): Standardizer {
  const { rows, cols, data } = m;
  const w = (r: number): number => (weights === undefined ? 1 : weights[r]!);
  let total = 0;
  for (let r = 0; r < rows; r++) total += w(r);
  if (!(total > 0)) throw new RangeError('standardizer weights sum to 0');
  const mean = new Array<number>(cols).fill(0);
  const sd = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += w(r) * data[r * cols + c]!;
  for (let c = 0; c < cols; c++) mean[c]! /= total;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = data[r * cols + c]! - mean[c]!;
      sd[c]! += w(r) * d * d;
    }
  }
  for (let c = 0; c < cols; c++) {
    const s = Math.sqrt(sd[c]! / total);
    // A column constant up to rounding carries no information; scaling it by ~1e-17 would blow
    // rounding noise up to unit size, so treat it as constant.
    sd[c] = s > 1e-12 * Math.max(1, Math.abs(mean[c]!)) ? s : 1;
  }
  return { mean, sd };
}

/** (x − mean) / sd column by column, into a new matrix. */
export function applyStandardizer(s: Standardizer, m: DenseMatrix): DenseMatrix {
  const { rows, cols, data } = m;
  if (s.mean.length !== cols) throw new RangeError(`standardizer has ${s.mean.length} columns, matrix has ${cols}`);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = (data[r * cols + c]! - s.mean[c]!) / s.sd[c]!;
  }
  return { rows, cols, data: out };
}

/**
 * Solves A x = b for symmetric positive-definite A (n × n, row-major) by Cholesky. Returns null
 * when A is not numerically positive definite, so the caller can add a ridge and retry.
 */
export function choleskySolve(A: Float64Array, n: number, b: Float64Array): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j]!;
      }
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * z[k]!;
    z[i] = s / L[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** Logistic function 1 / (1 + e^(−z)), written so neither branch overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln(p / (1 − p)) with p clipped to [eps, 1 − eps] so 0 and 1 map to finite values. */
export function logit(p: number, eps = 1e-15): number {
  const q = Math.min(1 - eps, Math.max(eps, p));
  return Math.log(q / (1 - q));
}
