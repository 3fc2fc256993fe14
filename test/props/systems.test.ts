import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/models/mulberry32.js';
import { negativeBinomialK, poissonK } from '../../src/props/distribution.js';
import { fitDispersion } from '../../src/props/systems/dispersion.js';
import { ensembleDistribution, fitEnsembleWeights } from '../../src/props/systems/k-ensemble.js';
import { fitPoissonRegression } from '../../src/props/systems/poisson-regression.js';

describe('k_ensemble weights', () => {
  it('are learned out of sample, lie in [0, 1] and sum to exactly 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: 1, maxLength: 50 }), (pairs) => {
        const w = fitEnsembleWeights(pairs.map((p) => p[0]), pairs.map((p) => p[1]))!;
        expect(w[0]).toBeGreaterThanOrEqual(0);
        expect(w[1]).toBeGreaterThanOrEqual(0);
        expect(w[0] + w[1]).toBe(1);
      }),
    );
  });

  it('put the weight on the member that scored the outcomes better', () => {
    // Outcomes the baseline gave 0.2 and the rolling model 0.05: the pool leans fully on the baseline.
    expect(fitEnsembleWeights([0.2, 0.2, 0.2], [0.05, 0.05, 0.05])).toEqual([1, 0]);
    expect(fitEnsembleWeights([], [])).toBeNull();
  });

  it('the ensemble mean is the weighted mean of its members: never 20% low', () => {
    const d = ensembleDistribution(poissonK(5), negativeBinomialK(7, 20), [0.3, 0.7]);
    expect(d.mean).toBeCloseTo(0.3 * 5 + 0.7 * 7, 12);
  });
});

describe('fitted parts', () => {
  it('Poisson regression recovers the coefficients it was simulated with', () => {
    const rng = mulberry32(11);
    const x: number[][] = [];
    const offset: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rng() * 2 - 1;
      const b = rng() < 0.5 ? 1 : 0;
      const mu = Math.exp(Math.log(5) + 0.4 * a - 0.2 * b);
      // Poisson draw by inversion.
      let k = 0;
      let p = Math.exp(-mu);
      let F = p;
      const u = rng();
      while (u > F) {
        k++;
        p *= mu / k;
        F += p;
      }
      x.push([1, a, b]);
      offset.push(Math.log(5));
      y.push(k);
    }
    const beta = fitPoissonRegression({ x, offset, y }, { ridge: 0 });
    expect(beta[0]).toBeCloseTo(0, 1);
    expect(beta[1]).toBeCloseTo(0.4, 1);
    expect(beta[2]).toBeCloseTo(-0.2, 1);
  });

  it('dispersion by moments: Var = μ + μ²/r', () => {
    // Two outcomes 2 and 10 around mean 6: mean squared deviation 16 = 6 + 36/r → r = 3.6.
    expect(fitDispersion([6, 6], [2, 10])).toBeCloseTo(3.6, 12);
    // Under-dispersed outcomes: Poisson.
    expect(fitDispersion([6, 6], [6, 6])).toBe(Number.POSITIVE_INFINITY);
    expect(fitDispersion([], [])).toBeNull();
  });
});
