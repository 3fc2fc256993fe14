import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketProbabilities } from '../../../src/models/types.js';
import {
  discreteNormalPmf,
  dixonColesScoreGrid,
  gridProbability,
  marketsFromGrid,
  marketsFromMargin,
  poissonPmf,
  poissonScoreGrid,
  skellamPmf,
} from '../../../src/models/scores/index.js';

function expectSumsToOne(m: MarketProbabilities): void {
  expect(m.moneyline.home + m.moneyline.draw + m.moneyline.away).toBeCloseTo(1, 12);
  if (m.spread) expect(m.spread.homeCover + m.spread.push + m.spread.awayCover).toBeCloseTo(1, 12);
  if (m.total) expect(m.total.over + m.total.push + m.total.under).toBeCloseTo(1, 12);
  for (const p of [m.moneyline.home, m.moneyline.draw, m.moneyline.away, m.spread?.push ?? 0, m.total?.push ?? 0]) expect(p).toBeGreaterThanOrEqual(0);
}

const rate = fc.double({ min: 0.05, max: 6, noNaN: true });
const halfLine = fc.integer({ min: -8, max: 8 }).map((k) => k + 0.5);
const wholeLine = fc.integer({ min: -4, max: 4 });

describe('score grid', () => {
  it('reports the truncated tail and renormalises', () => {
    const grid = poissonScoreGrid(1.5, 1.1, 4);
    let sum = 0;
    for (const p of grid.probabilities) sum += p;
    expect(sum).toBeCloseTo(1, 14);
    expect(grid.tailMass).toBeGreaterThan(0.01);
    expect(poissonScoreGrid(1.5, 1.1).tailMass).toBeLessThan(1e-12);
  });

  it('moneyline matches Skellam for independent Poisson', () => {
    const m = marketsFromGrid(poissonScoreGrid(1.7, 1.2));
    expect(m.moneyline.draw).toBeCloseTo(skellamPmf(0, 1.7, 1.2), 13);
    expect(gridProbability(poissonScoreGrid(1.7, 1.2), 2, 1)).toBeCloseTo(poissonPmf(2, 1.7) * poissonPmf(1, 1.2), 13);
  });

  it('prices a worked example: λ = (1, 1) total 0.5 is 1 − e⁻²', () => {
    const m = marketsFromGrid(poissonScoreGrid(1, 1), { total: 0.5, spread: 0 });
    expect(m.total!.under).toBeCloseTo(Math.exp(-2), 14);
    expect(m.spread!.push).toBeCloseTo(m.moneyline.draw, 14);
    expect(m.spread!.homeCover).toBeCloseTo(m.spread!.awayCover, 14);
  });

  it('every market sums to 1; half lines never push; whole lines push (fast-check)', () => {
    fc.assert(
      fc.property(rate, rate, fc.double({ min: -0.3, max: 0.3, noNaN: true }), halfLine, halfLine.map((l) => Math.abs(l)), (lh, la, rho, spread, total) => {
        const m = marketsFromGrid(dixonColesScoreGrid(lh, la, rho), { spread, total });
        expectSumsToOne(m);
        expect(m.spread!.push).toBe(0);
        expect(m.total!.push).toBe(0);
      }),
    );
    fc.assert(
      fc.property(rate, rate, wholeLine, wholeLine.map((l) => Math.abs(l)), (lh, la, spread, total) => {
        const m = marketsFromGrid(poissonScoreGrid(lh, la), { spread, total });
        expectSumsToOne(m);
        expect(m.spread!.push).toBeGreaterThan(0);
        expect(m.total!.push).toBeGreaterThan(0);
        expect(m.spread!.push).toBeCloseTo(skellamPmf(-spread, lh, la), 12);
      }),
    );
  });

  it('Dixon–Coles grids are never negative, whatever ρ', () => {
    fc.assert(
      fc.property(rate, rate, fc.double({ min: -5, max: 5, noNaN: true }), (lh, la, rho) => {
        const grid = dixonColesScoreGrid(lh, la, rho);
        expect(grid.probabilities.every((p) => p >= 0)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('marketsFromMargin', () => {
  it('sums to 1 for normal margins; half lines never push, whole lines do (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: 5, max: 20, noNaN: true }),
        fc.integer({ min: -14, max: 14 }),
        fc.boolean(),
        fc.constantFrom<'draw' | 'split'>('draw', 'split'),
        (mean, sd, k, half, tieResolution) => {
          const line = half ? k + 0.5 : k;
          const m = marketsFromMargin(discreteNormalPmf(mean, sd), discreteNormalPmf(45, 13), { spread: line, total: line + 45, tieResolution });
          expectSumsToOne(m);
          if (half) expect(m.spread!.push + m.total!.push).toBe(0);
          else expect(Math.min(m.spread!.push, m.total!.push)).toBeGreaterThan(0);
          if (tieResolution === 'split') expect(m.moneyline.draw).toBe(0);
        },
      ),
    );
  });

  it('split gives half the tie mass to each side', () => {
    const margin = { min: -1, probabilities: Float64Array.from([0.3, 0.2, 0.5]) };
    expect(marketsFromMargin(margin).moneyline).toEqual({ home: 0.5, draw: 0.2, away: 0.3 });
    const split = marketsFromMargin(margin, undefined, { tieResolution: 'split' }).moneyline;
    expect(split.home).toBeCloseTo(0.6, 15);
    expect(split.away).toBeCloseTo(0.4, 15);
  });

  it('rejects a total line without a total pmf', () => {
    expect(() => marketsFromMargin(discreteNormalPmf(0, 13), undefined, { total: 44.5 })).toThrow(/total pmf/);
  });
});
