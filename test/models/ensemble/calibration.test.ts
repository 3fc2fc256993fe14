/**
 * models/ensemble/calibration: both methods fix miscalibrated synthetic forecasts (lower ECE out
 * of sample), isotonic is monotone (property), nothing comes out as exactly 0 or 1, PAV worked by
 * hand, and JSON round-trips give identical predictions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calibratorFromJSON, fitCalibrator, type CalibrationMethod } from '../../../src/models/ensemble/calibration.js';
import { logit, sigmoid } from '../../../src/models/ml/matrix.js';
import { expectedCalibrationError } from '../../../src/models/ml/metrics.js';
import { mulberry32 } from '../../../src/models/mulberry32.js';

/** Over-confident, home-biased forecasts: p = σ(2·logit(truth) + 0.4). */
function miscalibrated(seed: number, n: number): { p: number[]; y: number[] } {
  const rng = mulberry32(seed);
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const truth = 0.15 + 0.7 * rng();
    y.push(rng() < truth ? 1 : 0);
    p.push(sigmoid(2 * logit(truth) + 0.4));
  }
  return { p, y };
}

const methods: CalibrationMethod[] = ['platt', 'isotonic'];

describe.each(methods)('%s calibration', (method) => {
  it('synthetic: lowers ECE on held-out miscalibrated forecasts', () => {
    const fit = miscalibrated(1, 4000);
    const held = miscalibrated(2, 4000);
    const cal = fitCalibrator(fit.p, fit.y, method);
    const before = expectedCalibrationError(held.p, held.y);
    const after = expectedCalibrationError(cal.predictMany(held.p), held.y);
    expect(before).toBeGreaterThan(0.08);
    expect(after).toBeLessThan(0.03);
  });

  it('never outputs exactly 0 or 1, even after separable data', () => {
    const p = [0.01, 0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 0.99];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const cal = fitCalibrator(p, y, method);
    for (const q of [0, 1e-12, 0.01, 0.5, 0.99, 1 - 1e-12, 1]) {
      const out = cal.predict(q);
      expect(out).toBeGreaterThan(0);
      expect(out).toBeLessThan(1);
      expect(out).toBeGreaterThanOrEqual(1e-3);
      expect(out).toBeLessThanOrEqual(1 - 1e-3);
    }
  });

  it('round-trips through JSON with identical predictions', () => {
    const { p, y } = miscalibrated(3, 500);
    const cal = fitCalibrator(p, y, method, { eps: 1e-4 });
    const restored = calibratorFromJSON(JSON.parse(JSON.stringify(cal.toJSON())));
    expect(restored.method).toBe(method);
    const grid = Array.from({ length: 101 }, (_, i) => i / 100);
    expect(Array.from(restored.predictMany(grid))).toEqual(Array.from(cal.predictMany(grid)));
  });

  it('rejects bad inputs', () => {
    expect(() => fitCalibrator([0.5], [1, 0], method)).toThrow(/1 predictions but 2 outcomes/);
    expect(() => fitCalibrator([1.5], [1], method)).toThrow(/prediction 0 = 1.5/);
    expect(() => fitCalibrator([0.5], [1], method).predict(Number.NaN)).toThrow(/cannot calibrate NaN/);
  });
});

describe('isotonic', () => {
  it('pools adjacent violators as worked by hand and interpolates between block centres', () => {
    // Sorted (p, y): (0.1, 0) (0.2, 1) (0.3, 0) (0.4, 1). Blocks 0.2 and 0.3 violate (1 > 0):
    // pooled to mean 0.5 at centre 0.25. Knots: (0.1, 0), (0.25, 0.5), (0.4, 1).
    const cal = fitCalibrator([0.3, 0.1, 0.4, 0.2], [0, 0, 1, 1], 'isotonic');
    const json = cal.toJSON();
    expect(json).toMatchObject({ method: 'isotonic', x: [0.1, 0.25, 0.4], y: [0, 0.5, 1] });
    expect(cal.predict(0.175)).toBeCloseTo(0.25, 12);
    expect(cal.predict(0.25)).toBeCloseTo(0.5, 12);
    expect(cal.predict(0.05)).toBe(1e-3);
    expect(cal.predict(0.9)).toBe(1 - 1e-3);
  });

  it('gives equal inputs equal outputs', () => {
    const cal = fitCalibrator([0.4, 0.4, 0.4, 0.6], [0, 1, 1, 1], 'isotonic');
    expect(cal.toJSON()).toMatchObject({ x: [0.4, 0.6] });
    expect(cal.predict(0.4)).toBeCloseTo(2 / 3, 12);
  });

  it('property: output is monotone non-decreasing in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (pairs, queries) => {
          const cal = fitCalibrator(pairs.map(([p]) => p), pairs.map(([, y]) => y), 'isotonic');
          const sorted = queries.slice().sort((a, b) => a - b);
          const out = sorted.map((q) => cal.predict(q));
          for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1]!);
        },
      ),
    );
  });
});

describe('platt', () => {
  it('recovers the inverse of a known logit distortion', () => {
    // Forecasts are σ(2·logit(truth) + 0.4), so the ideal map is a ≈ 0.5, b ≈ −0.2.
    const { p, y } = miscalibrated(4, 20_000);
    const json = fitCalibrator(p, y, 'platt').toJSON();
    if (json.method !== 'platt') throw new Error('expected a platt calibrator');
    expect(json.a).toBeCloseTo(0.5, 1);
    expect(json.b).toBeCloseTo(-0.2, 1);
  });

  it('rejects malformed JSON', () => {
    expect(() => calibratorFromJSON({ kind: 'calibrator', version: 1, method: 'platt', a: 1, b: Number.NaN, eps: 1e-3 })).toThrow(/finite/);
    expect(() => calibratorFromJSON({ kind: 'calibrator', version: 1, method: 'isotonic', x: [0.5, 0.4], y: [0, 1], eps: 1e-3 })).toThrow(/increase/);
    expect(() => calibratorFromJSON({ kind: 'calibrator', version: 1, method: 'beta', eps: 1e-3 })).toThrow(/unknown/);
  });
});
