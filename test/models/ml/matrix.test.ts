/**
 * models/ml/matrix: Cholesky against a hand-solved system, standardisation fitted on training rows
 * only (constant columns map to 0, not NaN), and input checks naming the bad cell.
 */
import { describe, expect, it } from 'vitest';
import { applyStandardizer, choleskySolve, fitStandardizer, logit, sigmoid, toDenseMatrix } from '../../../src/models/ml/matrix.js';

describe('choleskySolve', () => {
  it('solves a 2×2 system worked by hand', () => {
    // [4 2; 2 3] x = [2; 1]: det 8, x = [ (3·2 − 2·1)/8, (4·1 − 2·2)/8 ] = [0.5, 0]
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), 2, Float64Array.from([2, 1]));
    expect(x).not.toBeNull();
    expect(x![0]).toBeCloseTo(0.5, 14);
    expect(x![1]).toBeCloseTo(0, 14);
  });

  it('returns null for a matrix that is not positive definite', () => {
    expect(choleskySolve(Float64Array.from([1, 2, 2, 1]), 2, Float64Array.from([1, 1]))).toBeNull();
  });
});

describe('standardisation', () => {
  it('uses training statistics for other rows and maps a constant column to zeros', () => {
    const train = toDenseMatrix([
      [1, 5],
      [3, 5],
    ]);
    const s = fitStandardizer(train);
    expect(s.mean).toEqual([2, 5]);
    expect(s.sd).toEqual([1, 1]);
    const test = applyStandardizer(s, toDenseMatrix([[4, 7]]));
    // Column 0: (4 − 2)/1 = 2 with the training mean, not the test row's own.
    expect(Array.from(test.data)).toEqual([2, 2]);
    expect(Array.from(applyStandardizer(s, train).data)).toEqual([-1, 0, 1, 0]);
  });
});

describe('input checks', () => {
  it('names the row and column of a missing value', () => {
    expect(() => toDenseMatrix([[1, 2], [3, Number.NaN]])).toThrow(/row 1, column 1/);
  });

  it('rejects ragged rows and empty input', () => {
    expect(() => toDenseMatrix([[1, 2], [3]])).toThrow(/row 1 has 1 columns, expected 2/);
    expect(() => toDenseMatrix([])).toThrow(/no rows/);
  });
});

describe('sigmoid and logit', () => {
  it('are inverse and finite at the extremes', () => {
    expect(sigmoid(logit(0.3))).toBeCloseTo(0.3, 15);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(Number.isFinite(logit(0))).toBe(true);
    expect(Number.isFinite(logit(1))).toBe(true);
  });
});
