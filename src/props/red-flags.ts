/**
 * @module props/red-flags
 * Reasons to skip a start (`block`: no prediction) or to predict it without recommending a bet
 * (`downgrade`), each with its reason. Thresholds are those of the props system this replaces
 * (REFERENCE.md "Player props: pitcher strikeouts"): injured list, first start of the season,
 * average outings below 12 outs (4 innings), short rest, and missing or stale data.
 *
 * There is no injured-list feed in the data sharpline holds. `injured_list` is therefore DERIVED:
 * a gap of at least `LONG_ABSENCE_DAYS` since the pitcher's last appearance (a starter pitches every
 * 5–6 days; three weeks away almost always means the injured list or a demotion). It is reported
 * as derived in every reason, never as a roster fact.
 */
import { daysBetween } from './history.js';
import type { RedFlag, StartFeatures } from './types.js';

export const RED_FLAG_THRESHOLDS = {
  /** Days since the last appearance from which a pitcher is treated as back from the injured list (derived). */
  longAbsenceDays: 20,
  /** Average outs per start (last 5) below which outings are short (4 innings). */
  minAverageOuts: 12,
  /** Rest days at or below which a start is on short rest (starters usually get 4+). */
  shortRestDays: 3,
  /** Days the newest line in the store may be older than the start before the data counts as stale. */
  staleDataDays: 7,
} as const;

/** The red flags every system shares (missing features are flagged per system, see `missingData`). */
export function redFlags(f: StartFeatures): RedFlag[] {
  const t = RED_FLAG_THRESHOLDS;
  const flags: RedFlag[] = [];
  if (f.latestDataDate === null || daysBetween(f.latestDataDate, f.start.date) > t.staleDataDays) {
    flags.push({
      code: 'stale_data',
      severity: 'block',
      reason: f.latestDataDate === null ? 'no pitching lines before this date in the store' : `the newest pitching line in the store is from ${f.latestDataDate}, more than ${t.staleDataDays} days before ${f.start.date}`,
    });
  }
  if (f.priorStarts === 0) flags.push({ code: 'first_start', severity: 'block', reason: 'first start of the season: no season strikeout rate or workload yet' });
  if (f.restDays !== null && f.restDays >= t.longAbsenceDays) {
    flags.push({ code: 'injured_list', severity: 'block', reason: `derived, no injured-list data: ${f.restDays} days since the last appearance (≥ ${t.longAbsenceDays})` });
  }
  if (f.recentOutsPerStart !== null && f.recentOutsPerStart < t.minAverageOuts) {
    flags.push({ code: 'short_outings', severity: 'downgrade', reason: `average ${f.recentOutsPerStart.toFixed(1)} outs over the last starts (< ${t.minAverageOuts})` });
  }
  if (f.restDays !== null && f.restDays <= t.shortRestDays) {
    flags.push({ code: 'short_rest', severity: 'downgrade', reason: `${f.restDays} days since the last appearance (≤ ${t.shortRestDays})` });
  }
  return flags;
}

/** A `missing_data` block naming the features a system needs that the history cannot give. */
export function missingData(f: StartFeatures, needed: readonly (keyof StartFeatures)[]): RedFlag[] {
  const missing = needed.filter((k) => f[k] === null);
  if (missing.length === 0) return [];
  return [{ code: 'missing_data', severity: 'block', reason: `no value for ${missing.join(', ')} (a default would be a guess)` }];
}

/** True when any flag blocks. */
export function isBlocked(flags: readonly RedFlag[]): boolean {
  return flags.some((f) => f.severity === 'block');
}
