/**
 * @module models/ml/margin-regression
 * Ridge least squares on the home margin (points), with a normal error: P(home win) = Φ(μ/σ).
 * The margin says more per game than who won (a 20-point win and a 1-point win are not the same
 * evidence), so the same as-of features give a steadier fit from fewer rows than a logistic on
 * results. Features are standardised on the training rows; the intercept (home edge) is not
 * penalised. σ² is the residual mean square with the fitted parameters' degrees of freedom removed.
 * Objective: (1/n) Σ (mᵢ − b − β·zᵢ)² + l2·‖β‖².
 */
import { normalCdf } from '../scores/distributions.js';
import { applyStandardizer, checkFeatureVector, choleskySolve, fitStandardizer, toDenseMatrix, type FeatureRows, type Standardizer } from './matrix.js';

export interface MarginRegressionOptions {
  /** Ridge strength on the standardised coefficients (mean-loss scale, points²). Default 1e-2. */
  l2?: number;
}

export interface MarginRegressionJSON {
  kind: 'margin_regression';
  version: 1;
  intercept: number;
  /** Raw-feature-scale coefficients, points per unit of each feature. */
  coefficients: number[];
  sigma: number;
  l2: number;
}

export interface MarginRegressionModel {
  readonly kind: 'margin_regression';
  readonly featureCount: number;
  readonly intercept: number;
  readonly coefficients: readonly number[];
  /** Residual standard deviation of the margin (points). */
  readonly sigma: number;
  /** Expected home margin for a raw feature vector. */
  margin(x: ArrayLike<number>): number;
  /** P(home win) = Φ(μ/σ). */
  predict(x: ArrayLike<number>): number;
  toJSON(): MarginRegressionJSON;
}

/** Fits the margin regression on rows `X` with home margins `m` (points). */
export function fitMarginRegression(X: FeatureRows, m: readonly number[], options: MarginRegressionOptions = {}): MarginRegressionModel {
  const l2 = options.l2 ?? 1e-2;
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new RangeError(`l2 = ${l2} must be a finite number ≥ 0`);
  const raw = toDenseMatrix(X);
  const n = raw.rows;
  const d = raw.cols;
  if (m.length !== n) throw new RangeError(`m has ${m.length} margins for ${n} rows`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(m[i]!)) throw new RangeError(`m[${i}] = ${m[i]} is not a finite margin`);
  if (n <= d + 1) throw new RangeError(`${n} rows are too few for ${d} features`);
  const standardizer: Standardizer = fitStandardizer(raw);
  const Z = applyStandardizer(standardizer, raw);
  const p = d + 1;
  // Normal equations (1/n)·AᵀA + l2·I (intercept unpenalised), A = [1, Z].
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    row[0] = 1;
    for (let j = 0; j < d; j++) row[j + 1] = Z.data[i * d + j]!;
    for (let r = 0; r < p; r++) {
      b[r] = b[r]! + (row[r]! * m[i]!) / n;
      for (let c = 0; c <= r; c++) A[r * p + c] = A[r * p + c]! + (row[r]! * row[c]!) / n;
    }
  }
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < r; c++) A[c * p + r] = A[r * p + c]!;
    // A tiny floor keeps a constant column (sd 1 after standardising, all zeros) solvable without l2.
    if (r > 0) A[r * p + r] = A[r * p + r]! + l2 + 1e-12;
  }
  const theta = choleskySolve(A, p, b);
  if (!theta) throw new RangeError('margin regression: normal equations are not positive definite');
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let mu = theta[0]!;
    for (let j = 0; j < d; j++) mu += theta[j + 1]! * Z.data[i * d + j]!;
    sse += (m[i]! - mu) ** 2;
  }
  const sigma = Math.sqrt(sse / (n - p));
  const coefficients = new Array<number>(d);
  let intercept = theta[0]!;
  for (let j = 0; j < d; j++) {
    coefficients[j] = theta[j + 1]! / standardizer.sd[j]!;
    intercept -= coefficients[j]! * standardizer.mean[j]!;
  }
  return marginRegressionFromJSON({ kind: 'margin_regression', version: 1, intercept, coefficients, sigma, l2 });
}

/** Rebuilds a model from {@link MarginRegressionModel.toJSON} output. */
export function marginRegressionFromJSON(json: MarginRegressionJSON): MarginRegressionModel {
  if (json?.kind !== 'margin_regression' || json.version !== 1) throw new RangeError('not a margin_regression version 1 model');
  const { intercept, sigma } = json;
  const coefficients = json.coefficients.slice();
  if (!(sigma > 0 && Number.isFinite(sigma)) || !Number.isFinite(intercept) || coefficients.some((c) => !Number.isFinite(c))) throw new RangeError('margin_regression: non-finite coefficients or σ');
  const margin = (x: ArrayLike<number>): number => {
    checkFeatureVector(x, coefficients.length);
    let mu = intercept;
    for (let j = 0; j < coefficients.length; j++) mu += coefficients[j]! * x[j]!;
    return mu;
  };
  return {
    kind: 'margin_regression',
    featureCount: coefficients.length,
    intercept,
    coefficients,
    sigma,
    margin,
    predict: (x) => normalCdf(margin(x) / sigma),
    toJSON: () => ({ kind: 'margin_regression', version: 1, intercept, coefficients: coefficients.slice(), sigma, l2: json.l2 }),
  };
}
