/**
 * @module sources/retrosheet/pitching-line
 * Reading one pitcher's game line, shared by the Retrosheet and Baseball-Reference formats: count
 * cells, and consistency checks no true line can fail (strikeouts, walks and hits are distinct
 * outcomes of batters faced; earned runs are a subset of runs; home runs a subset of hits).
 */
import { cell, reject } from '../fields.js';
import type { SourceRecord } from '../types.js';

/** A count cell (runs, outs, batters faced…): blank → null; otherwise a whole number ≥ 0. */
export function parseCount(record: SourceRecord, field: string): number | null {
  const text = cell(record, field);
  if (text === '') return null;
  if (!/^-?\d+$/.test(text)) reject('invalid_number', field, `${field} "${text}" is not a whole number`);
  const value = Number(text);
  if (value < 0) reject('impossible_value', field, `${field} ${value} is negative`);
  return value;
}

/** The counts a pitching line carries (null when the source leaves a cell blank). */
export interface PitchingCounts {
  readonly battersFaced: number | null;
  readonly strikeouts: number | null;
  readonly walks: number | null;
  readonly hits: number | null;
  readonly runs: number | null;
  readonly earnedRuns: number | null;
  readonly homeRuns: number | null;
}

/** Throws an `inconsistent_stats` row issue naming the source's column when a check fails. */
export function checkPitchingCounts(s: PitchingCounts, columns: Readonly<Record<keyof PitchingCounts, string>>): void {
  const outcomes = (s.strikeouts ?? 0) + (s.walks ?? 0) + (s.hits ?? 0);
  if (s.battersFaced !== null && outcomes > s.battersFaced) {
    reject('inconsistent_stats', columns.battersFaced, `strikeouts + walks + hits (${outcomes}) exceed batters faced (${s.battersFaced})`);
  }
  if (s.runs !== null && s.earnedRuns !== null && s.earnedRuns > s.runs) {
    reject('inconsistent_stats', columns.earnedRuns, `earned runs (${s.earnedRuns}) exceed runs (${s.runs})`);
  }
  if (s.hits !== null && s.homeRuns !== null && s.homeRuns > s.hits) {
    reject('inconsistent_stats', columns.homeRuns, `home runs (${s.homeRuns}) exceed hits (${s.hits})`);
  }
}
