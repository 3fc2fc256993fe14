/**
 * @module props/systems/poisson-regression
 * Poisson regression with an offset (log link), fitted by iteratively reweighted least squares with
 * a small ridge so a collinear design (3-, 5- and 10-start rates move together) still solves:
 * log μ = offset + x·β.
 */
import { choleskySolve } from '../../models/ml/matrix.js';

export interface PoissonRows {
  readonly x: readonly (readonly number[])[];
  readonly offset: readonly number[];
  readonly y: readonly number[];
}

/** β maximising the ridge-penalised Poisson likelihood (the intercept, column 0, is not penalised). */
export function fitPoissonRegression(rows: PoissonRows, options: { ridge?: number; iterations?: number } = {}): number[] {
  const ridge = options.ridge ?? 1;
  const iterations = options.iterations ?? 12;
  const n = rows.y.length;
  const p = rows.x[0]?.length ?? 0;
  if (n === 0 || p === 0) throw new RangeError('fitPoissonRegression: no rows');
  let beta: Float64Array = new Float64Array(p);
  for (let it = 0; it < iterations; it++) {
    const A = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const x = rows.x[i]!;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += x[j]! * beta[j]!;
      const mu = Math.exp(rows.offset[i]! + eta);
      const z = eta + (rows.y[i]! - mu) / mu;
      for (let j = 0; j < p; j++) {
        const wx = mu * x[j]!;
        b[j] = b[j]! + wx * z;
        for (let k = 0; k <= j; k++) A[j * p + k] = A[j * p + k]! + wx * x[k]!;
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) A[k * p + j] = A[j * p + k]!;
      if (j > 0) A[j * p + j] = A[j * p + j]! + ridge;
    }
    const next = choleskySolve(A, p, b);
    if (!next) break;
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(next[j]! - beta[j]!));
    beta = next;
    if (change < 1e-8) break;
  }
  return [...beta];
}

/** exp(offset + x·β). */
export function poissonRegressionMean(beta: readonly number[], x: readonly number[], offset: number): number {
  let eta = offset;
  for (let j = 0; j < beta.length; j++) eta += beta[j]! * x[j]!;
  return Math.exp(eta);
}
