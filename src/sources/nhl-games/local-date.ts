/**
 * @module sources/nhl-games/local-date
 * The calendar date at a venue for a UTC instant, using the IANA zone database Node ships. The NHL
 * file's `date_time` is the UTC date of the start, which for an evening game in North America is
 * already the next day, so the venue's date has to be worked out from the instant and the zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A cached `YYYY-MM-DD` formatter for `timeZone`, or null when the zone is not a known IANA zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let fmt: Intl.DateTimeFormat | null = null;
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      fmt = null; // RangeError: not a time zone
    }
    formatters.set(timeZone, fmt);
  }
  return formatters.get(timeZone)!;
}

/** Whether `timeZone` is an IANA zone name Node knows (e.g. `America/Winnipeg`). */
export function isTimeZone(timeZone: string): boolean {
  return timeZone !== '' && formatterFor(timeZone) !== null;
}

/**
 * The local date `YYYY-MM-DD` in `timeZone` at the instant `epochMs` (ms since 1970 UTC), or null
 * for an unknown zone.
 * @example localDate(Date.parse('2012-05-31T00:00:00Z'), 'America/New_York') // '2012-05-30'
 */
export function localDate(epochMs: number, timeZone: string): string | null {
  const fmt = formatterFor(timeZone);
  if (!fmt) return null;
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}
