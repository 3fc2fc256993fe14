/**
 * @module domain/time
 * Local wall-clock times at a venue → UTC instants, using the IANA zone database Node ships.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(instantMs: number, timeZone: string): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(instantMs))) parts[p.type] = p.value;
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - instantMs) / 60000);
}

/**
 * The UTC instant (ISO string) of wall-clock `date` (`YYYY-MM-DD`) `time` (`HH:MM`) in `timeZone`.
 * @example localToUtc('2021-02-07', '18:30', 'America/New_York') // '2021-02-07T23:30:00.000Z'
 */
export function localToUtc(date: string, time: string, timeZone: string): string {
  const key = `${timeZone}|${date}|${time}`;
  let instant = utcCache.get(key);
  if (instant === undefined) {
    instant = computeLocalToUtc(date, time, timeZone);
    if (utcCache.size > 100_000) utcCache.clear();
    utcCache.set(key, instant);
  }
  return instant;
}

// Schedules repeat the same few kick-off times per day; Intl is slow enough to be worth caching.
const utcCache = new Map<string, string>();

function computeLocalToUtc(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset across DST changes.
  let instant = guess - offsetMinutes(guess, timeZone) * 60000;
  instant = guess - offsetMinutes(instant, timeZone) * 60000;
  return new Date(instant).toISOString();
}

/** Whether `value` is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
