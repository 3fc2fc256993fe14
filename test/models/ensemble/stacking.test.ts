/**
 * models/ensemble/stacking: weights always on the simplex (property), a noise member gets ~0
 * weight, shrinkage toward equal weights, and walk-forward stacking never looks ahead (property).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertOnSimplex,
  blendProbabilities,
  blendProbability,
  equalWeights,
  fitStackingWeights,
  walkForwardStacking,
} from '../../../src/models/ensemble/stacking.js';
import { sigmoid } from '../../../src/models/ml/matrix.js';
import { logLoss } from '../../../src/models/ml/metrics.js';
import { mulberry32 } from '../../../src/models/mulberry32.js';

/** Columns: [informative (true probability), pure noise, constant 0.5]. */
function members(seed: number, n: number): { P: number[][]; y: number[] } {
  const rng = mulberry32(seed);
  const P: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const truth = sigmoid(3 * (rng() - 0.5) * 2);
    y.push(rng() < truth ? 1 : 0);
    P.push([truth, 0.05 + 0.9 * rng(), 0.5]);
  }
  return { P, y };
}

const sum = (w: readonly number[]): number => w.reduce((s, v) => s + v, 0);

const problemArb = fc
  .record({ rows: fc.integer({ min: 1, max: 25 }), cols: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      P: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
      y: fc.array(fc.constantFrom(0, 1), { minLength: rows, maxLength: rows }),
    }),
  );

describe('fitStackingWeights', () => {
  it('property: weights are ≥ 0 and sum to 1 for any member predictions', () => {
    fc.assert(
      fc.property(problemArb, fc.constantFrom(0, 0.1, 10), ({ P, y }, l2) => {
        const { weights } = fitStackingWeights(P, y, { l2 });
        expect(weights).toHaveLength(P[0]!.length);
        for (const w of weights) expect(w).toBeGreaterThanOrEqual(0);
        expect(Math.abs(sum(weights) - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('synthetic: gives a pure-noise member ~0 weight and the informative member most', () => {
    const { P, y } = members(1, 3000);
    const fit = fitStackingWeights(P, y);
    expect(fit.converged).toBe(true);
    expect(fit.weights[0]).toBeGreaterThan(0.9);
    expect(fit.weights[1]).toBeLessThan(0.02);
    // The fitted blend is no worse than the equal-weight blend on the same rows.
    expect(fit.logLoss).toBeLessThanOrEqual(logLoss(blendProbabilities(P, equalWeights(3)), y));
    expect(fit.logLoss).toBeCloseTo(logLoss(blendProbabilities(P, fit.weights), y), 12);
  });

  it('shrinks toward equal weights as l2 grows', () => {
    const { P, y } = members(2, 1000);
    const distance = (l2: number) => Math.hypot(...fitStackingWeights(P, y, { l2 }).weights.map((w) => w - 1 / 3));
    expect(distance(1)).toBeLessThan(distance(0.01));
    expect(distance(1000)).toBeLessThan(1e-3);
  });

  it('rejects mismatched outcomes and probabilities outside [0, 1]', () => {
    expect(() => fitStackingWeights([[0.5, 0.5]], [1, 0])).toThrow(/1 rows of member predictions but 2 outcomes/);
    expect(() => fitStackingWeights([[0.5, 1.5]], [1])).toThrow(/row 0, member 1 = 1.5/);
    expect(() => fitStackingWeights([[0.5, Number.NaN]], [1])).toThrow(/column 1/);
  });
});

describe('blending', () => {
  it('is the weighted mean of member probabilities', () => {
    expect(blendProbability([0.6, 0.2], [0.75, 0.25])).toBeCloseTo(0.5, 15);
  });

  it('refuses weights that do not sum to 1 (the 0.8 bug) or are negative', () => {
    expect(() => blendProbability([0.6, 0.6], [0.4, 0.4])).toThrow(/sum to 0.8/);
    expect(() => blendProbability([0.6, 0.6], [1.2, -0.2])).toThrow(/weights\[1\] = -0.2/);
    expect(() => assertOnSimplex([])).toThrow(/not 1/);
  });
});

describe('walkForwardStacking', () => {
  it('uses equal weights for the first fold and only earlier folds afterwards', () => {
    const { P, y } = members(3, 600);
    const foldIds = P.map((_, i) => Math.floor(i / 100));
    const result = walkForwardStacking(P, y, foldIds);
    expect(result.folds.map((f) => f.foldId)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.folds.map((f) => f.trainRows)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(result.folds[0]!.weights).toEqual(equalWeights(3));
    expect(result.folds[5]!.weights[0]).toBeGreaterThan(0.8);
    for (const f of result.folds) expect(Math.abs(sum(f.weights) - 1)).toBeLessThanOrEqual(1e-12);
    // Fold 3's weights equal a plain fit on folds 0–2.
    expect(result.folds[3]!.weights).toEqual(fitStackingWeights(P.slice(0, 300), y.slice(0, 300)).weights);
    expect(result.predictions[350]).toBeCloseTo(blendProbability(P[350]!, result.folds[3]!.weights), 15);
  });

  it('property: fold k weights and predictions ignore any change to rows of folds ≥ k', () => {
    const { P, y } = members(4, 120);
    const foldIds = P.map((_, i) => Math.floor(i / 20));
    const before = walkForwardStacking(P, y, foldIds);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), {
          minLength: 120,
          maxLength: 120,
        }),
        (k, replacements) => {
          const P2 = P.map((row, i) => (foldIds[i]! >= k ? [replacements[i]![0], replacements[i]![1], row[2]!] : row));
          const y2 = y.map((v, i) => (foldIds[i]! >= k ? replacements[i]![2] : v));
          const after = walkForwardStacking(P2, y2, foldIds);
          for (let fold = 0; fold <= k; fold++) expect(after.folds[fold]!.weights).toEqual(before.folds[fold]!.weights);
          for (let i = 0; i < 20 * k; i++) expect(after.predictions[i]).toBe(before.predictions[i]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('falls back to equal weights below minTrainRows and rejects fold ids out of time order', () => {
    const { P, y } = members(5, 40);
    const foldIds = P.map((_, i) => Math.floor(i / 10));
    const result = walkForwardStacking(P, y, foldIds, { minTrainRows: 25 });
    expect(result.folds.map((f) => f.trainRows)).toEqual([0, 0, 0, 30]);
    expect(result.folds[2]!.weights).toEqual(equalWeights(3));
    const shuffled = foldIds.slice();
    shuffled[5] = 3;
    expect(() => walkForwardStacking(P, y, shuffled)).toThrow(/non-decreasing/);
    expect(() => walkForwardStacking(P, y, foldIds.slice(1))).toThrow(/40 rows but 39 fold ids/);
  });
});
