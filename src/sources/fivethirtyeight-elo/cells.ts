/**
 * @module sources/fivethirtyeight-elo/cells
 * Cell parsers particular to 538's game files: win probabilities, the 0/1 `neutral` flag, the
 * `playoff` marker and the NFL file's `result1`. Each throws a row issue naming the field.
 */
import type { SeasonType } from '../../domain/sports.js';
import { cell, reject } from '../fields.js';
import type { SourceRecord } from '../types.js';

/**
 * A win probability strictly between 0 and 1 (a forecast of exactly 0 or 1 is not a forecast 538
 * publishes). Empty → null when `required` is false, otherwise `invalid_probability`.
 */
export function parseProbability(record: SourceRecord, field: string, required: boolean): number | null {
  const text = cell(record, field);
  if (text === '') {
    if (!required) return null;
    reject('invalid_probability', field, `${field} is empty`);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) reject('invalid_probability', field, `${field} "${text}" is not a number`);
  if (value <= 0 || value >= 1) reject('invalid_probability', field, `${field} ${text} is not a probability between 0 and 1 (exclusive)`);
  return value;
}

/** The `neutral` flag: `1` → true, `0` or empty → false. */
export function parseNeutral(record: SourceRecord): boolean {
  const text = cell(record, 'neutral');
  if (text === '1') return true;
  if (text === '0' || text === '') return false;
  return reject('invalid_value', 'neutral', `neutral "${text}" is not 0 or 1`);
}

/**
 * The season type from `playoff`: empty or `0` is a regular-season game; anything else a playoff
 * game (the NFL file writes 1, the MLB file the round: c wild card, d division series, l LCS,
 * w World Series).
 */
export function parsePlayoff(record: SourceRecord): SeasonType {
  const text = cell(record, 'playoff');
  return text === '' || text === '0' ? 'regular' : 'postseason';
}

/**
 * Checks the NFL file's `result1` (1 team1 won, 0 lost, 0.5 tie) against the scores, when both are
 * there: a disagreement means one of them is wrong, and the row is refused rather than guessed.
 */
export function checkResult(record: SourceRecord, score1: number | null, score2: number | null): void {
  const text = cell(record, 'result1');
  if (text === '' || score1 === null || score2 === null) return;
  const expected = score1 > score2 ? 1 : score1 < score2 ? 0 : 0.5;
  if (Number(text) !== expected) {
    reject('inconsistent_result', 'result1', `result1 "${text}" disagrees with the score ${score1}–${score2} (expected ${expected})`);
  }
}
