/**
 * @module sources/sbr-mlb/innings
 * The line score: `1st`…`9th` on each team's row, stored as periods 1–9 (labels `1`…`9`), oriented
 * home/away like the game. What the archive writes there, read across 2014–2017:
 * - `x` (either case) or a blank: the half-inning was not played or not recorded (the home 9th not
 *   batted, the innings after a rain-shortened game was called): null points for that side; an
 *   inning neither side has points for is not stored.
 * - Any other cell must be a whole number ≥ 0: anything else (the archive has three `-1` cells,
 *   2016-08-13 CIN@MIL, 2016-09-15 LAD@ARI, 2017-04-07 MIA@NYM) quarantines the pair as
 *   `invalid_period_score`, naming the column.
 * - Extra innings have no columns: in the 824 games that went past the 9th, the nine innings add up
 *   to less than `Final` and the two teams are level after nine. Those runs are stored as ONE period
 *   10, label `extra` (all extra innings together), DERIVED as `Final` − innings 1–9 per side. Any
 *   other difference between the innings and `Final` quarantines the pair as `inconsistent_score`,
 *   naming both numbers.
 */
import { parsePeriodPoints, reject } from '../fields.js';
import type { SourceRecord, StagedPeriod } from '../types.js';
import { onRow, type RowPair } from './pairing.js';

/** The archive's inning columns, in order. */
export const INNINGS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th'] as const;

/** The period that holds every extra inning's runs together. */
export const EXTRA_PERIOD = { period: INNINGS.length + 1, label: 'extra' } as const;

/** A half-inning not played (or not recorded). */
const NOT_PLAYED = /^x$/i;

function runsOf(record: SourceRecord): (number | null)[] {
  return onRow(record, () => INNINGS.map((field) => parsePeriodPoints(record, field, NOT_PLAYED)));
}

const sum = (runs: readonly (number | null)[]) => runs.reduce<number>((total, r) => total + (r ?? 0), 0);

/**
 * The pair's innings as periods of the game keyed `key`, checked against the final scores when the
 * game has them. Throws a pair issue on a bad cell or innings that cannot make up the score.
 */
export function inningPeriods(pair: RowPair, key: string, awayScore: number | null, homeScore: number | null): StagedPeriod[] {
  const away = runsOf(pair.away);
  const home = runsOf(pair.home);
  const periods: StagedPeriod[] = [];
  INNINGS.forEach((_, i) => {
    const [h, a] = [home[i]!, away[i]!];
    if (h === null && a === null) return;
    periods.push({ sourceKey: key, period: i + 1, periodLabel: String(i + 1), homePoints: h, awayPoints: a });
  });
  if (awayScore === null || homeScore === null) return periods;

  const awayNine = sum(away);
  const homeNine = sum(home);
  if (awayNine === awayScore && homeNine === homeScore) return periods;
  const allNine = [...away, ...home].every((r) => r !== null);
  if (allNine && awayNine === homeNine && awayScore >= awayNine && homeScore >= homeNine) {
    // Level after nine and more runs in Final: extra innings, which the archive gives no columns.
    periods.push({ sourceKey: key, period: EXTRA_PERIOD.period, periodLabel: EXTRA_PERIOD.label, homePoints: homeScore - homeNine, awayPoints: awayScore - awayNine });
    return periods;
  }
  for (const [record, nine, final, who] of [[pair.away, awayNine, awayScore, 'visitor'], [pair.home, homeNine, homeScore, 'home']] as const) {
    if (nine === final) continue;
    const why = nine > final ? '' : ` (not extra innings: the teams are not level after nine, ${awayNine}–${homeNine}${allNine ? '' : ', or an inning is missing'})`;
    onRow(record, () => reject('inconsistent_score', 'Final', `the ${who}'s Final ${final} differs from its innings 1st–9th, which add up to ${nine}${why}`));
  }
  return periods;
}
