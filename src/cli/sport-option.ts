/**
 * @module cli/sport-option
 * The `--sport` value every command takes, checked once: a sport sharpline knows, or SL_USAGE.
 */
import { isSport, type Sport } from '../domain/sports.js';
import { SharplineError } from '../errors.js';

export function parseSport(value: string): Sport {
  if (!isSport(value)) throw new SharplineError('SL_USAGE', `--sport must be one of nfl, mlb, nba, nhl, soccer; got "${value}"`);
  return value;
}
