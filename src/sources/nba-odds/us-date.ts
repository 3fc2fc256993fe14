/**
 * @module sources/nba-odds/us-date
 * US-style calendar dates as the NBA odds archive writes them: `m/d/yyyy` (`10/30/2007`).
 */
import { isIsoDate } from '../../domain/time.js';

/** The ISO date `YYYY-MM-DD` for a `m/d/yyyy` text, or null when it is not a real calendar date. */
export function usDateToIso(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[1]!.padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
