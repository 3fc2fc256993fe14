/**
 * models/ml/logistic-regression: a closed-form worked example, the penalised first-order condition,
 * recovery of known coefficients on synthetic data, shrinkage as l2 grows, separable data, JSON.
 */
import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticFromJSON } from '../../../src/models/ml/logistic-regression.js';
import { sigmoid } from '../../../src/models/ml/matrix.js';
import { mulberry32 } from '../../../src/models/mulberry32.js';

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function simulate(seed: number, n: number, intercept: number, beta: number[]): { X: number[][]; y: number[] } {
  const rng = mulberry32(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    // Features on different scales so standardisation has work to do.
    const x = beta.map((_, j) => normal(rng) * (j + 1) + j);
    const eta = intercept + x.reduce((s, v, j) => s + v * beta[j]!, 0);
    X.push(x);
    y.push(rng() < sigmoid(eta) ? 1 : 0);
  }
  return { X, y };
}

describe('fitLogistic: worked examples', () => {
  it('matches the closed form for one binary feature without penalty', () => {
    // x = 0: 1 of 4 home wins → b = logit(0.25) = ln(1/3); x = 1: 3 of 4 → b + a = ln 3, a = 2 ln 3.
    const X = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const model = fitLogistic(X, y, { l2: 0, standardize: false });
    expect(model.converged).toBe(true);
    expect(model.intercept).toBeCloseTo(Math.log(1 / 3), 9);
    expect(model.coefficients[0]).toBeCloseTo(2 * Math.log(3), 9);
    expect(model.predict([0])).toBeCloseTo(0.25, 9);
    expect(model.predict([1])).toBeCloseTo(0.75, 9);
  });

  it('satisfies the penalised first-order condition σ(β) + l2·β = 3/4 on symmetric data', () => {
    // x = ±1, 3 of 4 wins at +1 and 1 of 4 at −1: by symmetry b = 0, and the mean-loss gradient
    // (1/8)·2(4σ(β) − 3) + l2·β = 0 gives σ(β) + l2·β = 0.75.
    const X = [[1], [1], [1], [1], [-1], [-1], [-1], [-1]];
    const y = [1, 1, 1, 0, 1, 0, 0, 0];
    const l2 = 0.25;
    const model = fitLogistic(X, y, { l2, standardize: false });
    const beta = model.coefficients[0]!;
    expect(model.intercept).toBeCloseTo(0, 10);
    expect(sigmoid(beta) + l2 * beta).toBeCloseTo(0.75, 10);
    expect(beta).toBeLessThan(Math.log(3));
  });
});

describe('fitLogistic: synthetic data from a known model', () => {
  it('synthetic: recovers known coefficients within sampling error', () => {
    const truth = { intercept: 0.3, beta: [0.5, -0.4, 0.15] };
    const { X, y } = simulate(11, 20_000, truth.intercept, truth.beta);
    const model = fitLogistic(X, y, { l2: 0 });
    expect(model.converged).toBe(true);
    // Standard errors here are about 0.01–0.02; allow ~4 of them.
    truth.beta.forEach((b, j) => expect(Math.abs(model.coefficients[j]! - b)).toBeLessThan(0.06));
    expect(Math.abs(model.intercept - truth.intercept)).toBeLessThan(0.1);
  });

  it('synthetic: without penalty, standardising changes nothing but the parametrisation', () => {
    const { X, y } = simulate(12, 2000, -0.2, [0.8, 0.3]);
    const a = fitLogistic(X, y, { l2: 0, standardize: true });
    const b = fitLogistic(X, y, { l2: 0, standardize: false });
    for (const x of X.slice(0, 50)) expect(a.predict(x)).toBeCloseTo(b.predict(x), 9);
  });

  it('synthetic: coefficients shrink monotonically as l2 grows, and the intercept tracks the base rate', () => {
    const { X, y } = simulate(13, 3000, 0.4, [1, -0.7, 0.5]);
    const l2s = [0, 0.001, 0.01, 0.1, 1, 10, 100];
    const norms = l2s.map((l2) => Math.hypot(...fitLogistic(X, y, { l2 }).standardizedCoefficients));
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThan(norms[i - 1]!);
    const heavy = fitLogistic(X, y, { l2: 1e6 });
    const baseRate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(heavy.predict(X[0]!)).toBeCloseTo(baseRate, 3);
  });
});

describe('fitLogistic: edge cases', () => {
  it('gives finite coefficients on perfectly separable data when l2 > 0', () => {
    const X = [[-2], [-1], [-0.5], [0.5], [1], [2]];
    const y = [0, 0, 0, 1, 1, 1];
    const model = fitLogistic(X, y, { l2: 1e-3 });
    expect(model.converged).toBe(true);
    expect(Number.isFinite(model.coefficients[0]!)).toBe(true);
    expect(model.predict([-1])).toBeLessThan(0.1);
    expect(model.predict([1])).toBeGreaterThan(0.9);
  });

  it('reports non-convergence on separable data with l2 = 0 instead of throwing', () => {
    const model = fitLogistic([[-1], [1]], [0, 1], { l2: 0, maxIter: 30 });
    expect(model.converged).toBe(false);
    expect(Number.isFinite(model.coefficients[0]!)).toBe(true);
  });

  it('handles a constant column (coefficient 0) and row weights', () => {
    const X = [[1, 7], [2, 7], [3, 7], [4, 7]];
    const model = fitLogistic(X, [0, 1, 0, 1], { l2: 0.1, weights: [1, 2, 1, 2] });
    expect(model.coefficients[1]).toBe(0);
    expect(model.converged).toBe(true);
    // Weighted like duplicating the weight-2 rows.
    const dup = fitLogistic([[1, 7], [2, 7], [2, 7], [3, 7], [4, 7], [4, 7]], [0, 1, 1, 0, 1, 1], { l2: 0.1 });
    expect(model.predict([2.5, 7])).toBeCloseTo(dup.predict([2.5, 7]), 9);
  });

  it('rejects missing values naming the column, and bad labels', () => {
    expect(() => fitLogistic([[1, 2], [Number.NaN, 1]], [0, 1])).toThrow(/column 0/);
    expect(() => fitLogistic([[1], [2]], [0, 2])).toThrow(/y\[1\] = 2/);
    expect(() => fitLogistic([[1], [2]], [0])).toThrow(/1 labels for 2 rows/);
    const model = fitLogistic([[1], [2]], [0, 1], { l2: 1 });
    expect(() => model.predict([Number.NaN])).toThrow(/column 0/);
    expect(() => model.predict([1, 2])).toThrow(/expects 1/);
  });
});

describe('JSON round trip', () => {
  it('gives identical predictions after JSON.stringify / parse', () => {
    const { X, y } = simulate(14, 500, 0.1, [0.6, -0.2]);
    const model = fitLogistic(X, y, { l2: 0.01 });
    const restored = logisticFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predictMany(X))).toEqual(Array.from(model.predictMany(X)));
    expect(restored.standardizedCoefficients).toEqual(model.standardizedCoefficients);
    expect(() => logisticFromJSON({ kind: 'logistic', version: 1, intercept: 0, coefficients: [1], standardizer: { mean: [], sd: [] } })).toThrow(/standardizer/);
    expect(() => logisticFromJSON({ kind: 'other' })).toThrow(/not a logistic model/);
  });
});
