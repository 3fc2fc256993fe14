/**
 * @module collect/windows
 * Splits a backfill's date range into windows of whole days; each window is fetched, written and
 * checkpointed as one unit, so a kill loses at most the window in flight.
 */
import { SharplineError } from '../errors.js';
import { isIsoDate } from '../domain/time.js';
import type { DateWindow } from '../sources/http/types.js';

const DAY_MS = 86_400_000;

/** The windows of `days` days covering `from`..`to` inclusive (the last one may be shorter). */
export function planWindows(from: string, to: string, days: number): DateWindow[] {
  if (!isIsoDate(from)) throw new SharplineError('SL_USAGE', `--from must be a date YYYY-MM-DD, got "${from}"`);
  if (!isIsoDate(to)) throw new SharplineError('SL_USAGE', `--to must be a date YYYY-MM-DD, got "${to}"`);
  if (to < from) throw new SharplineError('SL_USAGE', `--to ${to} is before --from ${from}`);
  if (!Number.isInteger(days) || days < 1) throw new SharplineError('SL_USAGE', `window length must be a whole number of days ≥ 1, got ${days}`);
  const windows: DateWindow[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += days * DAY_MS) {
    const last = Math.min(end, t + (days - 1) * DAY_MS);
    windows.push({ start: new Date(t).toISOString().slice(0, 10), end: new Date(last).toISOString().slice(0, 10) });
  }
  return windows;
}
