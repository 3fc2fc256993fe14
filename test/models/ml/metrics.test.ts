/**
 * models/ml/metrics: worked values for each score (REFERENCE.md "Forecast metrics"), derivations
 * next to them, and the checks that refuse to skip anything silently.
 */
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  brierScore,
  calibrationTable,
  expectedCalibrationError,
  logLoss,
  rankedProbabilityScore,
} from '../../../src/models/ml/metrics.js';

describe('binary scores', () => {
  it('Brier of [0.7, 0.2] against [1, 0] is ((0.3)² + (0.2)²)/2 = 0.065', () => {
    expect(brierScore([0.7, 0.2], [1, 0])).toBeCloseTo(0.065, 15);
  });

  it('log loss of [0.7, 0.2] against [1, 0] is −(ln 0.7 + ln 0.8)/2 ≈ 0.289909', () => {
    expect(logLoss([0.7, 0.2], [1, 0])).toBeCloseTo(0.2899092476, 9);
  });

  it('log loss clips at 1e−15: a certain miss costs −ln(1e−15) ≈ 34.5388, not Infinity', () => {
    expect(logLoss([0], [1])).toBeCloseTo(34.538776394910684, 9);
    expect(logLoss([1], [1])).toBeCloseTo(0, 12);
  });

  it('accuracy calls 1 only above the threshold', () => {
    // 0.7→1 right, 0.2→0 right, 0.6→1 wrong, 0.5→0 wrong.
    expect(accuracy([0.7, 0.2, 0.6, 0.5], [1, 0, 0, 1])).toBe(0.5);
  });
});

describe('calibration', () => {
  // Bins: [0, .1) holds 0.05 (y 0); [.1, .2) holds 0.15, 0.12 (y 1, 0); [.9, 1] holds 0.95, 0.91 (y 1, 1).
  const p = [0.05, 0.15, 0.12, 0.95, 0.91];
  const y = [0, 1, 0, 1, 1];

  it('ECE worked example: (1·|0.05 − 0| + 2·|0.135 − 0.5| + 2·|0.93 − 1|)/5 = 0.92/5 = 0.184', () => {
    expect(expectedCalibrationError(p, y)).toBeCloseTo(0.184, 12);
  });

  it('calibration table lists every bin, empty ones with null means', () => {
    const table = calibrationTable(p, y);
    expect(table).toHaveLength(10);
    expect(table.map((b) => b.n)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(table[1]!.meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1]!.meanObserved).toBe(0.5);
    expect(table[2]!.meanPredicted).toBeNull();
    expect(table[9]).toMatchObject({ lower: 0.9, upper: 1 });
  });

  it('puts p = 1 in the last bin and p = 0.1 in the second', () => {
    const table = calibrationTable([1, 0.1], [1, 0]);
    expect(table[9]!.n).toBe(1);
    expect(table[1]!.n).toBe(1);
  });

  it('is zero for a perfectly calibrated forecast', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBe(0);
  });
});

describe('rankedProbabilityScore', () => {
  it('worked example: [0.5, 0.3, 0.2] scores 0.145 for home or draw, 0.445 for away', () => {
    // Cumulative F = (0.5, 0.8). Home: O = (1, 1) → ½(0.25 + 0.04). Draw: O = (0, 1) → ½(0.25 + 0.04).
    // Away: O = (0, 0) → ½(0.25 + 0.64).
    const f = [0.5, 0.3, 0.2];
    expect(rankedProbabilityScore([f], [0])).toBeCloseTo(0.145, 12);
    expect(rankedProbabilityScore([f], [1])).toBeCloseTo(0.145, 12);
    expect(rankedProbabilityScore([f], [2])).toBeCloseTo(0.445, 12);
    expect(rankedProbabilityScore([f, f], [0, 2])).toBeCloseTo(0.295, 12);
    expect(rankedProbabilityScore([[1, 0, 0]], [0])).toBe(0);
  });

  it('rejects rows that are not 3-way distributions and unknown outcomes', () => {
    expect(() => rankedProbabilityScore([[0.5, 0.5]], [0])).toThrow(/expected 3/);
    expect(() => rankedProbabilityScore([[0.5, 0.3, 0.3]], [0])).toThrow(/sums to/);
    expect(() => rankedProbabilityScore([[0.5, 0.3, 0.2]], [3])).toThrow(/outcome 0 = 3/);
    expect(() => rankedProbabilityScore([[0.5, 0.3, 0.2]], [])).toThrow(/1 forecasts but 0 outcomes/);
  });
});

describe('nothing is skipped silently', () => {
  it('throws on mismatched lengths, empty input, bad probabilities and labels', () => {
    for (const score of [brierScore, logLoss, accuracy, expectedCalibrationError]) {
      expect(() => score([0.5, 0.5], [1])).toThrow(/2 predictions but 1 outcomes/);
      expect(() => score([], [])).toThrow(/no predictions/);
      expect(() => score([Number.NaN], [1])).toThrow(/prediction 0 = NaN/);
      expect(() => score([1.2], [1])).toThrow(/prediction 0 = 1.2/);
      expect(() => score([0.5], [0.5])).toThrow(/outcome 0 = 0.5/);
    }
  });
});
