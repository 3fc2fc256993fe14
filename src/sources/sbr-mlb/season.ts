/**
 * @module sources/sbr-mlb/season
 * The calendar facts the SportsbookReview MLB archive leaves implicit: its `Date` cells are `MMDD`
 * with no year (the year is the file's season), and it does not say which games are postseason.
 */
import { basename, extname } from 'node:path';
import type { SeasonType } from '../../domain/sports.js';

/** Seasons sharpline accepts for MLB files (the National League began in 1876). */
export const MIN_SEASON = 1876;
export const MAX_SEASON = 2100;

/** Whether `value` is a season year sharpline accepts. */
export function isSeasonYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_SEASON && value <= MAX_SEASON;
}

/**
 * The season a file name implies: the one four-digit year in its base name
 * (`mlb_odds_sbr_2014.csv` → 2014, SBR's own `mlb odds 2014.xlsx` → 2014); undefined when the name
 * holds no year or several different ones.
 */
export function seasonFromPath(path: string): number | undefined {
  const stem = basename(path, extname(path));
  const years = new Set([...stem.matchAll(/(?<!\d)(\d{4})(?!\d)/g)].map((m) => Number(m[1])).filter(isSeasonYear));
  return years.size === 1 ? [...years][0] : undefined;
}

/**
 * `MMDD` without a year (`322` = 22 March, `1029` = 29 October) in `season` → `YYYY-MM-DD`, or
 * undefined when the text is not 3–4 digits naming a real calendar day of that year.
 */
export function parseMonthDay(text: string, season: number): string | undefined {
  if (!/^\d{3,4}$/.test(text)) return undefined;
  const month = Number(text.slice(0, -2));
  const day = Number(text.slice(-2));
  const date = new Date(Date.UTC(season, month - 1, day));
  // Date.UTC rolls 0231 over into March; a real day survives the round trip unchanged.
  if (date.getUTCFullYear() !== season || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** MLB's final regular-season day always has every team playing; a postseason day has at most 4 games. */
const POSTSEASON_MAX_GAMES_PER_DAY = 4;
/** No modern MLB regular season has ended before late September (2020: 27 Sep; 2014: 28 Sep). */
const EARLIEST_SEASON_END = '09-25';

/**
 * Classifies games by date when the source does not say: the regular season ends on the last date
 * in the file with more than four games (all 30 teams play on its final day), provided that date is
 * in late September or later; every game after it is postseason. A file that does not reach the
 * end of a regular season (an excerpt, a season in progress) is all regular season.
 * Known limit: a tie-breaker "game 163" played the day after the regular season counts as postseason.
 *
 * @param dates the local date (`YYYY-MM-DD`) of every game in the file, in any order
 * @returns the season type for a game date
 */
export function seasonTypeByDate(dates: readonly string[]): (date: string) => SeasonType {
  const perDay = new Map<string, number>();
  for (const date of dates) perDay.set(date, (perDay.get(date) ?? 0) + 1);
  let lastFullDay: string | undefined;
  for (const [date, games] of perDay) {
    if (games > POSTSEASON_MAX_GAMES_PER_DAY && (lastFullDay === undefined || date > lastFullDay)) lastFullDay = date;
  }
  const end = lastFullDay !== undefined && lastFullDay.slice(5) >= EARLIEST_SEASON_END ? lastFullDay : undefined;
  return (date) => (end !== undefined && date > end ? 'postseason' : 'regular');
}
