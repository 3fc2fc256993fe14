import { describe, expect, it } from 'vitest';
import { fitMarginRegression, marginRegressionFromJSON } from '../../../src/models/ml/index.js';
import { normalCdf } from '../../../src/models/scores/distributions.js';
import { mulberry32 } from '../../../src/models/mulberry32.js';

/** Rows x ~ U(−1, 1)², margin = 3 + 8·x0 − 4·x1 + N(0, 12) (Box–Muller), plus a constant column. */
function synthetic(n: number, seed = 7): { X: number[][]; m: number[] } {
  const rand = mulberry32(seed);
  const X: number[][] = [];
  const m: number[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = 2 * rand() - 1;
    const x1 = 2 * rand() - 1;
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    X.push([x0, x1, 0]);
    m.push(3 + 8 * x0 - 4 * x1 + 12 * z);
  }
  return { X, m };
}

describe('fitMarginRegression', () => {
  it('recovers the coefficients and σ of a linear margin with normal noise', () => {
    const { X, m } = synthetic(20_000);
    const model = fitMarginRegression(X, m, { l2: 0 });
    expect(model.intercept).toBeCloseTo(3, 0);
    expect(model.coefficients[0]).toBeCloseTo(8, 0);
    expect(model.coefficients[1]).toBeCloseTo(-4, 0);
    expect(model.coefficients[2]).toBe(0); // a constant column carries nothing
    expect(model.sigma).toBeGreaterThan(11.7);
    expect(model.sigma).toBeLessThan(12.3);
  });

  it('P(home win) = Φ(μ/σ), and the JSON round trip predicts the same', () => {
    const { X, m } = synthetic(2_000);
    const model = fitMarginRegression(X, m);
    const x = [0.4, -0.2, 0];
    expect(model.predict(x)).toBeCloseTo(normalCdf(model.margin(x) / model.sigma), 15);
    const back = marginRegressionFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.predict(x)).toBe(model.predict(x));
  });

  it('l2 shrinks the slopes toward 0, never the intercept (the home edge)', () => {
    const { X, m } = synthetic(2_000);
    const loose = fitMarginRegression(X, m, { l2: 0 });
    const tight = fitMarginRegression(X, m, { l2: 100 });
    expect(Math.abs(tight.coefficients[0]!)).toBeLessThan(Math.abs(loose.coefficients[0]!) / 10);
    // At the training rows' mean the fit is the mean margin, however hard the slopes are shrunk.
    const meanMargin = m.reduce((a, b) => a + b, 0) / m.length;
    expect(tight.margin([mean(X, 0), mean(X, 1), 0])).toBeCloseTo(meanMargin, 8);
  });

  it('refuses bad input: mismatched lengths, non-finite margins, too few rows, bad JSON', () => {
    expect(() => fitMarginRegression([[1], [2], [3]], [1, 2])).toThrow(/2 margins for 3 rows/);
    expect(() => fitMarginRegression([[1], [2], [3]], [1, Number.NaN, 2])).toThrow(/not a finite margin/);
    expect(() => fitMarginRegression([[1, 2]], [1])).toThrow(/too few/);
    expect(() => marginRegressionFromJSON({ kind: 'margin_regression', version: 1, intercept: 0, coefficients: [1], sigma: 0, l2: 0 })).toThrow(/σ/);
  });
});

function mean(X: number[][], j: number): number {
  return X.reduce((s, r) => s + r[j]!, 0) / X.length;
}
