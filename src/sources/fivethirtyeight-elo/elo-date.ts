/**
 * @module sources/fivethirtyeight-elo/elo-date
 * The `date` cell of 538's game files. The published files write ISO `YYYY-MM-DD`; copies that went
 * through a spreadsheet write `m/d/yy` or `m/d/yyyy`. A two-digit year takes its century from the
 * row's `season` (538 files span 1920–2022, so `1/3/21` is 1921 or 2021 depending on the season).
 */
import { isIsoDate } from '../../domain/time.js';

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/**
 * The ISO date (`YYYY-MM-DD`) a 538 date cell names, or undefined when it is not a real calendar
 * date in one of the three forms. `season` (a year) settles the century of a two-digit year: the
 * year closest to the season is taken, so a January playoff game of season 1999 written `1/30/00`
 * is 2000-01-30.
 */
export function parseEloDate(text: string, season: number): string | undefined {
  if (isIsoDate(text)) return text;
  const match = SLASHED.exec(text);
  if (!match) return undefined;
  const [, month, day, yearText] = match as unknown as [string, string, string, string];
  let year = Number(yearText);
  if (yearText.length === 2) {
    const century = Math.floor(season / 100) * 100;
    const candidates = [century - 100 + year, century + year, century + 100 + year];
    year = candidates.reduce((best, y) => (Math.abs(y - season) < Math.abs(best - season) ? y : best));
  }
  const iso = `${String(year).padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}
