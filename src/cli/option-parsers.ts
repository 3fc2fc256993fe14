/**
 * @module cli/option-parsers
 * Checks for option values that several commands share, each failing with a usage error (exit 2)
 * that names the flag and the value given.
 */
import { SharplineError } from '../errors.js';

/** Throws unless `value` is a calendar date written YYYY-MM-DD. */
export function checkDate(value: string, flag: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new SharplineError('SL_USAGE', `${flag} must be a date YYYY-MM-DD, got "${value}"`);
}

/** A commander option parser for a finite number. */
export function parseNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new SharplineError('SL_USAGE', `${flag} must be a number, got "${value}"`);
    return n;
  };
}
