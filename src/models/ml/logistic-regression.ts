/**
 * @module models/ml/logistic-regression
 * L2-regularised logistic regression for P(home win), fitted by damped Newton (IRLS with a
 * backtracking line search).
 *
 * Objective, on the (optionally standardised) features z and weights w (default 1):
 *   f(b, β) = (1/Σw) Σ wᵢ [softplus(ηᵢ) − yᵢ ηᵢ] + (l2/2) ‖β‖²,   ηᵢ = b + β·zᵢ.
 * The loss is a weighted *mean*, so one `l2` means the same shrinkage at 500 rows and at 50,000;
 * the intercept is not penalised, so shrinking pulls predictions toward the base rate, not 0.5.
 * With l2 > 0 the objective is strictly convex, so separable data still gives finite coefficients.
 * With l2 = 0 on separable data Newton diverges; the fit stops at `maxIter` with
 * `converged: false` instead of throwing.
 *
 * Standardisation (default on) uses weighted means and sds of the training rows only, and the penalty
 * applies on that scale, so features in different units are shrunk alike. The stored model folds
 * the scaling back into raw-scale coefficients, so `predict` takes raw features.
 *
 * Missing values: none accepted. The caller imputes; a NaN cell throws naming its row and column.
 * Labels may be 0/1 or, for smoothed targets (Platt scaling uses them), any value in [0, 1].
 */
import {
  applyStandardizer,
  checkFeatureVector,
  choleskySolve,
  fitStandardizer,
  logit,
  sigmoid,
  toDenseMatrix,
  type DenseMatrix,
  type FeatureRows,
  type Standardizer,
} from './matrix.js';

/** Options for `fitLogistic`. */
export interface LogisticOptions {
  /** L2 strength on the non-intercept coefficients (mean-loss scale). Default 1e-3. */
  l2?: number;
  /** Standardise features on the training rows before fitting. Default true. */
  standardize?: boolean;
  /** Newton iterations at most. Default 100. */
  maxIter?: number;
  /** Stop once a Newton step moves every coefficient θ by less than tol·(1 + |θ|). Default 1e-8. */
  tol?: number;
  /** Non-negative row weights (same length as y). Default all 1. */
  weights?: readonly number[];
}

/** The stored form of a fitted model: plain JSON, what the model registry keeps. */
export interface LogisticModelJSON {
  kind: 'logistic';
  version: 1;
  intercept: number;
  /** Raw-feature-scale coefficients, one per feature. */
  coefficients: number[];
  standardizer: { mean: number[]; sd: number[] } | null;
  l2: number;
  converged: boolean;
  iterations: number;
}

/** A fitted logistic model: probabilities from raw feature vectors. */
export interface LogisticModel {
  readonly kind: 'logistic';
  readonly featureCount: number;
  /** Raw-scale intercept: η = intercept + Σ coefficients[j]·x[j]. */
  readonly intercept: number;
  readonly coefficients: readonly number[];
  /** Coefficients on the scale they were penalised on (equal to `coefficients` without standardising). */
  readonly standardizedCoefficients: readonly number[];
  readonly standardizer: Standardizer | null;
  readonly l2: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** P(y = 1) for one raw feature vector. */
  predict(x: ArrayLike<number>): number;
  /** P(y = 1) for each row. */
  predictMany(X: FeatureRows): Float64Array;
  toJSON(): LogisticModelJSON;
}

/** Checks labels in [0, 1] and weights ≥ 0 against the row count; returns weights (default 1). */
export function checkLabels(y: readonly number[], rows: number, weights?: readonly number[]): Float64Array {
  if (y.length !== rows) throw new RangeError(`y has ${y.length} labels for ${rows} rows`);
  for (let i = 0; i < rows; i++) {
    const v = y[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`y[${i}] = ${v} is not a label in [0, 1]`);
  }
  const w = new Float64Array(rows).fill(1);
  if (weights !== undefined) {
    if (weights.length !== rows) throw new RangeError(`weights has ${weights.length} entries for ${rows} rows`);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const v = weights[i]!;
      if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`weights[${i}] = ${v} is not a finite weight ≥ 0`);
      w[i] = v;
      total += v;
    }
    if (!(total > 0)) throw new RangeError('weights sum to 0');
  }
  return w;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Fits L2-regularised logistic regression by damped Newton. `X` rows are games, `y` 0/1 outcomes.
 * @example
 * const model = fitLogistic([[0.1], [2.3], [-1]], [0, 1, 0], { l2: 0.01 });
 * model.predict([1.5]); // P(home win)
 */
export function fitLogistic(X: FeatureRows, y: readonly number[], options: LogisticOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1e-3;
  const standardize = options.standardize ?? true;
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-8;
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new RangeError(`l2 = ${l2} must be a finite number ≥ 0`);
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) throw new RangeError(`maxIter = ${maxIter} must be a whole number ≥ 1`);

  const raw = toDenseMatrix(X);
  const w = checkLabels(y, raw.rows, options.weights);
  const standardizer = standardize ? fitStandardizer(raw, w) : null;
  const Z = standardizer ? applyStandardizer(standardizer, raw) : raw;
  const fit = newton(Z, y, w, l2, maxIter, tol);

  const d = raw.cols;
  const stdCoef = Array.from(fit.theta.subarray(1));
  let intercept = fit.theta[0]!;
  const coefficients = stdCoef.slice();
  if (standardizer) {
    for (let j = 0; j < d; j++) {
      coefficients[j] = stdCoef[j]! / standardizer.sd[j]!;
      intercept -= coefficients[j]! * standardizer.mean[j]!;
    }
  }
  return buildModel({
    kind: 'logistic',
    version: 1,
    intercept,
    coefficients,
    standardizer: standardizer ? { mean: [...standardizer.mean], sd: [...standardizer.sd] } : null,
    l2,
    converged: fit.converged,
    iterations: fit.iterations,
  });
}

interface NewtonResult {
  theta: Float64Array;
  converged: boolean;
  iterations: number;
}

/** Damped Newton on the penalised mean log loss; θ = [b, β]. */
function newton(Z: DenseMatrix, y: readonly number[], w: Float64Array, l2: number, maxIter: number, tol: number): NewtonResult {
  const { rows: n, cols: d, data } = Z;
  const k = d + 1;
  let W = 0;
  for (let i = 0; i < n; i++) W += w[i]!;

  const objective = (theta: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      let eta = theta[0]!;
      for (let j = 0; j < d; j++) eta += theta[j + 1]! * data[i * d + j]!;
      loss += w[i]! * (softplus(eta) - y[i]! * eta);
    }
    let pen = 0;
    for (let j = 1; j < k; j++) pen += theta[j]! * theta[j]!;
    return loss / W + 0.5 * l2 * pen;
  };

  // Start at the base rate: the unpenalised intercept-only optimum, a good Newton start.
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += w[i]! * y[i]!;
  ybar /= W;
  let theta = new Float64Array(k);
  theta[0] = logit(ybar, 1e-9);
  let f = objective(theta);

  const g = new Float64Array(k);
  const H = new Float64Array(k * k);
  const zi = new Float64Array(k);
  for (let iter = 1; iter <= maxIter; iter++) {
    g.fill(0);
    H.fill(0);
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      zi[0] = 1;
      let eta = theta[0]!;
      for (let j = 0; j < d; j++) {
        const v = data[i * d + j]!;
        zi[j + 1] = v;
        eta += theta[j + 1]! * v;
      }
      const p = sigmoid(eta);
      const r = (w[i]! * (p - y[i]!)) / W;
      const h = (w[i]! * p * (1 - p)) / W;
      for (let a = 0; a < k; a++) {
        g[a]! += r * zi[a]!;
        const hz = h * zi[a]!;
        for (let b = 0; b <= a; b++) H[a * k + b]! += hz * zi[b]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H[b * k + a] = H[a * k + b]!;
    for (let j = 1; j < k; j++) {
      g[j]! += l2 * theta[j]!;
      H[j * k + j]! += l2;
    }
    const step = solveWithRidge(H, k, g);
    // Converged when Newton would move no coefficient noticeably. A gradient test alone would
    // call separable data with l2 = 0 converged: its gradient vanishes as β runs off to infinity,
    // while its Newton steps stay about one unit long.
    let small = true;
    for (let a = 0; a < k; a++) if (Math.abs(step[a]!) > tol * (1 + Math.abs(theta[a]!))) small = false;
    if (small) {
      for (let a = 0; a < k; a++) theta[a]! -= step[a]!;
      return { theta, converged: true, iterations: iter };
    }
    let gs = 0;
    for (let a = 0; a < k; a++) gs += g[a]! * step[a]!;
    // Armijo backtracking: the full Newton step can overshoot far from the optimum
    // (nearly separable data), halving keeps every iterate a descent.
    let t = 1;
    let next = new Float64Array(k);
    let fNext = Number.POSITIVE_INFINITY;
    for (let halvings = 0; halvings < 60; halvings++) {
      for (let a = 0; a < k; a++) next[a] = theta[a]! - t * step[a]!;
      fNext = objective(next);
      if (fNext <= f - 1e-4 * t * gs) break;
      t /= 2;
    }
    if (!(fNext < f)) {
      // No decrease is representable any more: the optimum up to rounding if the step was short.
      let stepMax = 0;
      for (let a = 0; a < k; a++) stepMax = Math.max(stepMax, Math.abs(step[a]!) / (1 + Math.abs(theta[a]!)));
      return { theta, converged: stepMax < Math.sqrt(tol), iterations: iter };
    }
    [theta, next] = [next, theta];
    f = fNext;
  }
  return { theta, converged: false, iterations: maxIter };
}

/** Newton direction H⁻¹g; a growing ridge rescues a singular H (l2 = 0 with a constant column). */
function solveWithRidge(H: Float64Array, k: number, g: Float64Array): Float64Array {
  let trace = 0;
  for (let a = 0; a < k; a++) trace += H[a * k + a]!;
  let ridge = 0;
  for (;;) {
    const A = H.slice();
    for (let a = 0; a < k; a++) A[a * k + a]! += ridge;
    const x = choleskySolve(A, k, g);
    if (x) return x;
    ridge = ridge === 0 ? 1e-12 * Math.max(trace, 1e-300) + 1e-300 : ridge * 10;
  }
}

function buildModel(json: LogisticModelJSON): LogisticModel {
  const { intercept, coefficients, standardizer } = json;
  const d = coefficients.length;
  const coef = Float64Array.from(coefficients);
  const linear = (x: ArrayLike<number>): number => {
    let eta = intercept;
    for (let j = 0; j < d; j++) eta += coef[j]! * x[j]!;
    return eta;
  };
  const standardizedCoefficients = standardizer ? coefficients.map((c, j) => c * standardizer.sd[j]!) : coefficients.slice();
  return Object.freeze({
    kind: 'logistic' as const,
    featureCount: d,
    intercept,
    coefficients: Object.freeze(coefficients.slice()),
    standardizedCoefficients: Object.freeze(standardizedCoefficients),
    standardizer: standardizer ? Object.freeze({ mean: Object.freeze([...standardizer.mean]), sd: Object.freeze([...standardizer.sd]) }) : null,
    l2: json.l2,
    converged: json.converged,
    iterations: json.iterations,
    predict: (x: ArrayLike<number>) => sigmoid(linear(checkFeatureVector(x, d))),
    predictMany: (X: FeatureRows) => {
      const out = new Float64Array(X.length);
      for (let i = 0; i < X.length; i++) out[i] = sigmoid(linear(checkFeatureVector(X[i]!, d, `X row ${i}`)));
      return out;
    },
    toJSON: (): LogisticModelJSON => ({
      kind: 'logistic',
      version: 1,
      intercept,
      coefficients: coefficients.slice(),
      standardizer: standardizer ? { mean: [...standardizer.mean], sd: [...standardizer.sd] } : null,
      l2: json.l2,
      converged: json.converged,
      iterations: json.iterations,
    }),
  });
}

function isFiniteArray(v: unknown, length?: number): v is number[] {
  return Array.isArray(v) && (length === undefined || v.length === length) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Rebuilds a model from `toJSON()` output (e.g. read back from the registry); validates the shape. */
export function logisticFromJSON(json: unknown): LogisticModel {
  const o = json as Partial<LogisticModelJSON> | null;
  if (typeof o !== 'object' || o === null || o.kind !== 'logistic' || o.version !== 1) {
    throw new RangeError('not a logistic model (expected kind "logistic", version 1)');
  }
  if (typeof o.intercept !== 'number' || !Number.isFinite(o.intercept)) throw new RangeError('logistic model: intercept must be finite');
  if (!isFiniteArray(o.coefficients)) throw new RangeError('logistic model: coefficients must be finite numbers');
  const d = o.coefficients.length;
  const s = o.standardizer;
  if (s !== null && (typeof s !== 'object' || !isFiniteArray(s?.mean, d) || !isFiniteArray(s?.sd, d))) {
    throw new RangeError(`logistic model: standardizer must be null or hold ${d} means and sds`);
  }
  return buildModel({
    kind: 'logistic',
    version: 1,
    intercept: o.intercept,
    coefficients: o.coefficients.slice(),
    standardizer: s ? { mean: s.mean.slice(), sd: s.sd.slice() } : null,
    l2: typeof o.l2 === 'number' ? o.l2 : Number.NaN,
    converged: o.converged === true,
    iterations: typeof o.iterations === 'number' ? o.iterations : 0,
  });
}
