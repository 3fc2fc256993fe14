import { describe, expect, it } from 'vitest';
import type { MarketProbabilities } from '../../../src/models/types.js';
import { analyticMarkets, simulateGame, type GameSpec, type SimulationResult } from '../../../src/models/simulate/index.js';

const SPECS: { spec: GameSpec; spread: number; total: number }[] = [
  { spec: { kind: 'poisson', lambdaHome: 1.6, lambdaAway: 1.1 }, spread: -1, total: 2.5 },
  { spec: { kind: 'dixon-coles', lambdaHome: 1.4, lambdaAway: 1.2, rho: -0.13 }, spread: -0.5, total: 3 },
  { spec: { kind: 'negative-binomial', meanHome: 4.6, meanAway: 4.3, dispersion: 6 }, spread: -1.5, total: 9 },
  { spec: { kind: 'normal-margin', marginMean: 2.7, marginSd: 13.4, totalMean: 45.5, totalSd: 13.5 }, spread: -3, total: 45 },
];

function pairs(sim: SimulationResult, exact: MarketProbabilities): [number, number, number][] {
  const se = sim.standardErrors;
  return [
    [sim.moneyline.home, exact.moneyline.home, se.moneyline.home],
    [sim.moneyline.draw, exact.moneyline.draw, se.moneyline.draw],
    [sim.moneyline.away, exact.moneyline.away, se.moneyline.away],
    [sim.spread!.homeCover, exact.spread!.homeCover, se.spread!.homeCover],
    [sim.spread!.push, exact.spread!.push, se.spread!.push],
    [sim.spread!.awayCover, exact.spread!.awayCover, se.spread!.awayCover],
    [sim.total!.over, exact.total!.over, se.total!.over],
    [sim.total!.push, exact.total!.push, se.total!.push],
    [sim.total!.under, exact.total!.under, se.total!.under],
  ];
}

describe('simulateGame', () => {
  for (const { spec, spread, total } of SPECS) {
    it(`${spec.kind}: agrees with the analytic model within 4 standard errors in every market`, () => {
      const exact = analyticMarkets(spec, { spread, total });
      for (const sampler of ['inversion', 'direct'] as const) {
        if (sampler === 'direct' && spec.kind === 'normal-margin') continue;
        const sim = simulateGame(spec, { n: 200_000, seed: 11, spread, total, sampler });
        for (const [p, q, se] of pairs(sim, exact)) expect(Math.abs(p - q)).toBeLessThanOrEqual(4 * se + 1 / sim.n);
      }
    });
  }

  it('same seed reproduces exactly; different seeds differ', () => {
    for (const { spec, spread, total } of SPECS) {
      const a = simulateGame(spec, { n: 20_000, seed: 5, spread, total });
      const b = simulateGame(spec, { n: 20_000, seed: 5, spread, total });
      const c = simulateGame(spec, { n: 20_000, seed: 6, spread, total });
      expect(b).toEqual(a);
      expect(c.moneyline).not.toEqual(a.moneyline);
    }
  });

  it('antithetic variates reduce the variance of the estimates', () => {
    for (const { spec, spread, total } of SPECS) {
      const estimates = (antithetic: boolean) =>
        Array.from({ length: 60 }, (_, seed) => simulateGame(spec, { n: 4_000, seed, spread, total, antithetic }).moneyline.home);
      const variance = (xs: number[]) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
      };
      const plain = variance(estimates(false));
      const paired = variance(estimates(true));
      expect(paired).toBeLessThan(plain * 0.8);
      const one = simulateGame(spec, { n: 100_000, seed: 1, spread, total });
      const two = simulateGame(spec, { n: 100_000, seed: 1, spread, total, antithetic: false });
      expect(one.standardErrors.moneyline.home).toBeLessThan(two.standardErrors.moneyline.home);
    }
  });

  it('omits markets without lines, and every market sums to 1', () => {
    const sim = simulateGame({ kind: 'poisson', lambdaHome: 1.2, lambdaAway: 1.2 }, { n: 1000, seed: 1 });
    expect(sim.spread).toBeUndefined();
    expect(sim.total).toBeUndefined();
    expect(sim.moneyline.home + sim.moneyline.draw + sim.moneyline.away).toBeCloseTo(1, 12);
  });

  it('rejects bad input', () => {
    expect(() => simulateGame({ kind: 'poisson', lambdaHome: Number.NaN, lambdaAway: 1 }, { n: 10, seed: 1 })).toThrow(/finite/);
    expect(() => simulateGame({ kind: 'poisson', lambdaHome: 1, lambdaAway: 1 }, { n: 0, seed: 1 })).toThrow(/n must/);
  });
});
