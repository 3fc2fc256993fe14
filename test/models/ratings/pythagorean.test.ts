import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PYTHAGOREAN_EXPONENTS, fitPythagoreanExponent, pythagoreanWinPct } from '../../../src/models/ratings/index.js';

describe('pythagoreanWinPct', () => {
  it('worked values', () => {
    // MLB: 800 RS, 700 RA, x 1.83 → 800^1.83 / (800^1.83 + 700^1.83).
    expect(pythagoreanWinPct(800, 700, PYTHAGOREAN_EXPONENTS.mlb)).toBeCloseTo(800 ** 1.83 / (800 ** 1.83 + 700 ** 1.83), 12);
    expect(pythagoreanWinPct(800, 700, 1.83)).toBeCloseTo(0.560788, 6);
    // x = 2 is Bill James's original: 400² / (400² + 300²) = 0.64.
    expect(pythagoreanWinPct(400, 300, 2)).toBeCloseTo(0.64, 12);
    expect(pythagoreanWinPct(350, 350, PYTHAGOREAN_EXPONENTS.nfl)).toBe(0.5);
    expect(pythagoreanWinPct(0, 0, 2)).toBe(0.5);
    expect(pythagoreanWinPct(0, 10, 2)).toBe(0);
    expect(pythagoreanWinPct(10, 0, 2)).toBe(1);
  });

  it('handles NBA-sized exponents on season totals without overflow', () => {
    const p = pythagoreanWinPct(9000, 8700, PYTHAGOREAN_EXPONENTS.nba);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(1);
  });

  it('rejects bad inputs', () => {
    expect(() => pythagoreanWinPct(-1, 3, 2)).toThrow(/scored/);
    expect(() => pythagoreanWinPct(1, 3, 0)).toThrow(/exponent/);
  });

  it('is symmetric: W%(RS, RA) + W%(RA, RS) = 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.5, max: 20, noNaN: true }), (rs, ra, x) => {
        expect(pythagoreanWinPct(rs, ra, x) + pythagoreanWinPct(ra, rs, x)).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('fitPythagoreanExponent', () => {
  it('recovers the exponent that generated the data', () => {
    const seasons = [];
    for (let rs = 250; rs <= 450; rs += 25) {
      for (let ra = 250; ra <= 450; ra += 40) seasons.push({ scored: rs, allowed: ra, winPct: pythagoreanWinPct(rs, ra, 2.37) });
    }
    const fit = fitPythagoreanExponent(seasons);
    expect(fit.exponent).toBeCloseTo(2.37, 4);
    expect(fit.rmse).toBeLessThan(1e-6);
    expect(fit.n).toBe(seasons.length);
  });

  it('fits noisy seasons near the truth and honours weights', () => {
    const noise = [0.02, -0.015, 0.01, -0.02, 0.005, -0.005, 0.012, -0.011];
    const seasons = noise.map((e, i) => {
      const rs = 600 + 40 * i;
      const ra = 800 - 30 * i;
      return { scored: rs, allowed: ra, winPct: pythagoreanWinPct(rs, ra, 1.83) + e, weight: 162 };
    });
    const fit = fitPythagoreanExponent(seasons);
    expect(fit.exponent).toBeGreaterThan(1.5);
    expect(fit.exponent).toBeLessThan(2.2);
    expect(fit.rmse).toBeGreaterThan(0.005);
  });

  it('rejects empty input and bad win shares', () => {
    expect(() => fitPythagoreanExponent([])).toThrow(/no team seasons/);
    expect(() => fitPythagoreanExponent([{ scored: 1, allowed: 1, winPct: 1.2 }])).toThrow(/winPct/);
  });
});
