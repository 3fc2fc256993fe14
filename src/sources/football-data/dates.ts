/**
 * @module sources/football-data/dates
 * Match dates as football-data writes them (`dd/mm/yy` in most files, `dd/mm/yyyy` in some) and the
 * season a file belongs to. Seasons run July–June and are named by their starting year.
 */
import { isIsoDate } from '../../domain/time.js';

/**
 * Two-digit years below this pivot are 20xx, the rest 19xx. football-data starts in 1993, so 93–99
 * are 1990s and 00–49 are this century.
 */
const CENTURY_PIVOT = 50;

/** `dd/mm/yy` or `dd/mm/yyyy` (one-digit day or month tolerated) → `YYYY-MM-DD`, or null if not a date. */
export function parseMatchDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match as unknown as [string, string, string, string];
  const year = y.length === 4 ? Number(y) : Number(y) + (Number(y) < CENTURY_PIVOT ? 2000 : 1900);
  const iso = `${year}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The season (starting year) a single date falls in under a July–June calendar. */
export function seasonOfDate(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 7 ? year : year - 1;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/**
 * The season a whole file belongs to, from its own dates: the season of its earliest date, where
 * "earliest" ignores stray dates more than a year away from the file's median (a typo such as
 * `01/01/91` in a 2019 file must not move every row to 1990).
 *
 * Why not per row: seasons overrun their calendar. The 2019-20 Premier League, paused by COVID,
 * finished on 26 July 2020 and the Championship on 22 July; a per-row July cutoff would put those
 * games in season 2020. Their file starts in August 2019, so every row gets 2019.
 * Returns undefined when the file has no valid date.
 */
export function fileSeason(isoDates: readonly string[]): number | undefined {
  if (isoDates.length === 0) return undefined;
  const days = isoDates.map(dayNumber).sort((a, b) => a - b);
  const median = days[Math.floor(days.length / 2)]!;
  const earliest = days.find((d) => median - d <= 366)!;
  return seasonOfDate(new Date(earliest * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Whether `isoDate` can belong to `season`: from 1 June of its first year to 31 August of the next.
 * Wider than July–June because leagues start in late July (2. Bundesliga) and COVID pushed the
 * 2019-20 finishes into July and August 2020.
 */
export function isInSeason(isoDate: string, season: number): boolean {
  return isoDate >= `${season}-06-01` && isoDate <= `${season + 1}-08-31`;
}
