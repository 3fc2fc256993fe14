import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdf, linearPool, MAX_K, negativeBinomialK, overUnder, poissonK, quantile, randomisedPit } from '../../src/props/distribution.js';
import { absoluteError, binaryCalibration, crps, logScore } from '../../src/props/metrics.js';

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

describe('strikeout distributions', () => {
  it('Poisson(5) at 4.5: P(over) = 1 − P(K ≤ 4) = 0.559507 (worked value), no push', () => {
    const ou = overUnder(poissonK(5), 4.5);
    expect(ou.over).toBeCloseTo(0.5595067149, 9);
    expect(ou.push).toBe(0);
  });

  it('whole lines push: Poisson(5) at 5 has P(push) = P(K = 5) = 0.175467', () => {
    const ou = overUnder(poissonK(5), 5);
    expect(ou.push).toBeCloseTo(0.1754673698, 9);
    expect(ou.under).toBeCloseTo(0.4404932851, 9);
    expect(ou.over + ou.push + ou.under).toBeCloseTo(1, 12);
  });

  it('negative binomial: mean and variance μ + μ²/r, and → Poisson as r grows', () => {
    const d = negativeBinomialK(6, 10);
    const m = d.pmf.reduce((s, p, k) => s + p * k, 0);
    const v = d.pmf.reduce((s, p, k) => s + p * (k - m) ** 2, 0);
    // The tail above MAX_K is folded into its last cell: the mean moves by far less than 1e-4.
    expect(m).toBeCloseTo(6, 4);
    expect(v).toBeCloseTo(6 + 36 / 10, 2);
    const far = negativeBinomialK(6, 1e9);
    const p = poissonK(6);
    for (let k = 0; k <= MAX_K; k++) expect(far.pmf[k]).toBeCloseTo(p.pmf[k]!, 8);
  });

  it('pmf sums to 1 and over + push + under = 1 at any whole or half line (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 15, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), fc.integer({ min: 0, max: 40 }), (mean, r, twiceLine) => {
        const d = negativeBinomialK(mean, r);
        expect(sum(d.pmf)).toBeCloseTo(1, 10);
        const ou = overUnder(d, twiceLine / 2);
        expect(ou.over + ou.push + ou.under).toBeCloseTo(1, 10);
        if (twiceLine % 2 === 1) expect(ou.push).toBe(0);
      }),
    );
  });

  it('refuses lines that are neither whole nor half', () => {
    expect(() => overUnder(poissonK(5), 4.25)).toThrow(/whole or half/);
  });

  it('a linear pool whose weights sum to 0.8 is refused (the replaced system shipped that bug)', () => {
    expect(() => linearPool([poissonK(5), poissonK(7)], [0.4, 0.4])).toThrow(/sum to 1/);
  });

  it('a pool with weights (w, 1 − w) has mean w·μ1 + (1 − w)·μ2 and mass 1 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 12, noNaN: true }), fc.double({ min: 0.5, max: 12, noNaN: true }), (w, m1, m2) => {
        const pool = linearPool([poissonK(m1), poissonK(m2)], [w, 1 - w]);
        expect(pool.mean).toBeCloseTo(w * m1 + (1 - w) * m2, 10);
        expect(sum(pool.pmf)).toBeCloseTo(1, 10);
      }),
    );
  });

  it('quantiles and PIT', () => {
    const d = poissonK(5);
    expect(quantile(d, 0.5)).toBe(5);
    expect(cdf(d, 4)).toBeCloseTo(0.4404932851, 9);
    // The PIT of y lies between F(y − 1) and F(y).
    expect(randomisedPit(d, 5, 0)).toBeCloseTo(cdf(d, 4), 12);
    expect(randomisedPit(d, 5, 1)).toBeCloseTo(cdf(d, 5), 12);
  });
});

describe('count forecast metrics', () => {
  it('CRPS of a point mass is the absolute error; log score is −ln P(y)', () => {
    const point = { mean: 4, pmf: new Float64Array(MAX_K + 1) };
    point.pmf[4] = 1;
    expect(crps(point, 7)).toBe(3);
    expect(crps(point, 4)).toBe(0);
    expect(absoluteError(point, 7)).toBe(3);
    expect(logScore(poissonK(5), 5)).toBeCloseTo(-Math.log(0.1754673698), 8);
    expect(logScore(point, 7)).toBeCloseTo(-Math.log(1e-15), 8);
  });

  it('a sharper correct forecast has a lower CRPS than a diffuse one', () => {
    expect(crps(negativeBinomialK(6, 1000), 6)).toBeLessThan(crps(negativeBinomialK(6, 2), 6));
  });

  it('Brier and ECE of over/under probabilities', () => {
    const c = binaryCalibration([0.25, 0.25, 0.75, 0.75], [0, 1, 1, 1]);
    expect(c.brier).toBeCloseTo((0.0625 + 0.5625 + 0.0625 + 0.0625) / 4, 12);
    // Bins 0.2 (mean p 0.25, rate 0.5) and 0.7 (mean p 0.75, rate 1): ECE = ½·0.25 + ½·0.25.
    expect(c.ece).toBeCloseTo(0.25, 12);
  });
});
