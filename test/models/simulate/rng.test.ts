import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/models/simulate/index.js';
import { poissonPmf } from '../../../src/models/scores/index.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('Rng', () => {
  it('is reproducible by seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 10 }, () => a.nextUint32());
    expect(Array.from({ length: 10 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('uniform is in (0, 1) with mean ½ and variance 1/12', () => {
    const rng = createRng(1);
    let lo = 1;
    let hi = 0;
    const { mean, variance } = moments(() => {
      const u = rng.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      return u;
    }, 200_000);
    expect(lo > 0 && hi < 1).toBe(true);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('normal has mean 0 and variance 1', () => {
    const rng = createRng(2);
    const { mean, variance } = moments(() => rng.normal(), 200_000);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('Poisson matches its pmf for small (inversion) and large (PTRS) λ', () => {
    for (const lambda of [0.7, 3.2, 9.9, 15, 50, 400]) {
      const rng = createRng(Math.round(lambda * 10));
      const n = 100_000;
      const counts = new Map<number, number>();
      const { mean, variance } = moments(() => {
        const k = rng.poisson(lambda);
        counts.set(k, (counts.get(k) ?? 0) + 1);
        return k;
      }, n);
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(variance / lambda).toBeGreaterThan(0.97);
      expect(variance / lambda).toBeLessThan(1.03);
      // Every cell within 5 binomial standard errors of its pmf.
      for (let k = Math.max(0, Math.floor(lambda - 3 * Math.sqrt(lambda))); k <= lambda + 3 * Math.sqrt(lambda); k++) {
        const p = poissonPmf(k, lambda);
        expect(Math.abs((counts.get(k) ?? 0) / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-4);
      }
    }
  });

  it('gamma and negative binomial have the right mean and variance', () => {
    const rng = createRng(3);
    for (const shape of [0.5, 2, 9]) {
      const { mean, variance } = moments(() => rng.gamma(shape, 1.5), 100_000);
      expect(mean / (shape * 1.5)).toBeCloseTo(1, 1);
      expect(variance / (shape * 2.25)).toBeGreaterThan(0.94);
      expect(variance / (shape * 2.25)).toBeLessThan(1.06);
    }
    const { mean, variance } = moments(() => rng.negativeBinomial(4.5, 3), 200_000);
    expect(mean).toBeCloseTo(4.5, 1);
    expect(variance / (4.5 + 4.5 ** 2 / 3)).toBeGreaterThan(0.96);
    expect(variance / (4.5 + 4.5 ** 2 / 3)).toBeLessThan(1.04);
  });
});
