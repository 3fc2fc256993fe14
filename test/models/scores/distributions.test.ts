import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  erf,
  negativeBinomialPmf,
  normalCdf,
  normalQuantile,
  poissonCdf,
  poissonPmf,
  skellamCdf,
  skellamPmf,
} from '../../../src/models/scores/index.js';

describe('Poisson', () => {
  it('matches worked values', () => {
    // e^{-1.5}·1.5²/2! and e^{-2.5}
    expect(poissonPmf(2, 1.5)).toBeCloseTo(0.22313016014842982 * 1.125, 15);
    expect(poissonPmf(0, 2.5)).toBeCloseTo(0.0820849986238988, 15);
    expect(poissonPmf(0, 0)).toBe(1);
    expect(poissonPmf(3, 0)).toBe(0);
    expect(poissonCdf(1, 1)).toBeCloseTo(2 * Math.exp(-1), 15);
  });

  it('is accurate for large counts (log space)', () => {
    expect(Number.isFinite(poissonPmf(300, 280))).toBe(true);
    let sum = 0;
    for (let k = 0; k < 1000; k++) sum += poissonPmf(k, 280);
    // exp of a difference of logs near 1,400 loses ~1e-12 relative; fine for scores.
    expect(sum).toBeCloseTo(1, 10);
  });
});

describe('Skellam', () => {
  it('equals the direct convolution to 1e-12 for λ up to 30', () => {
    for (const [l1, l2] of [[1.4, 1.1], [3.1, 1.7], [0.2, 2.9], [12, 9], [30, 25], [28.5, 0.5]] as const) {
      for (let k = -20; k <= 20; k++) {
        let direct = 0;
        for (let j = Math.max(0, -k); j < 400; j++) direct += poissonPmf(j + k, l1) * poissonPmf(j, l2);
        expect(Math.abs(skellamPmf(k, l1, l2) - direct)).toBeLessThan(1e-12);
      }
    }
  });

  it('sums to 1 and its cdf reaches 1', () => {
    let sum = 0;
    for (let k = -60; k <= 60; k++) sum += skellamPmf(k, 1.6, 1.2);
    expect(sum).toBeCloseTo(1, 13);
    expect(skellamCdf(60, 1.6, 1.2)).toBeCloseTo(1, 13);
    expect(skellamPmf(3, 0, 2)).toBe(0);
    expect(skellamPmf(-2, 0, 2)).toBeCloseTo(poissonPmf(2, 2), 15);
  });
});

describe('negative binomial', () => {
  it('has mean μ and variance μ + μ²/r', () => {
    for (const [mean, r] of [[4.5, 3], [1.2, 0.7], [9, 20]] as const) {
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      for (let k = 0; k < 2000; k++) {
        const p = negativeBinomialPmf(k, mean, r);
        m0 += p;
        m1 += k * p;
        m2 += k * k * p;
      }
      expect(m0).toBeCloseTo(1, 12);
      expect(m1).toBeCloseTo(mean, 10);
      expect(m2 - m1 * m1).toBeCloseTo(mean + (mean * mean) / r, 8);
    }
  });

  it('tends to the Poisson as r grows', () => {
    expect(negativeBinomialPmf(3, 2.2, 1e9)).toBeCloseTo(poissonPmf(3, 2.2), 8);
    expect(negativeBinomialPmf(3, 2.2, Number.POSITIVE_INFINITY)).toBe(poissonPmf(3, 2.2));
  });
});

describe('normal', () => {
  it('matches known values of Φ and erf', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300946, 16);
    expect(normalCdf(0)).toBe(0.5);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 15);
    // Lower tail keeps relative precision: Φ(−10) ≈ 7.6198530241605e-24.
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 10);
    expect(normalCdf(47, 45, 13)).toBeCloseTo(normalCdf(2 / 13), 15);
  });

  it('quantile inverts the cdf', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14 + 1e-12 * p);
      }),
    );
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
      }),
    );
  });
});
