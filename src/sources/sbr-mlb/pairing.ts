/**
 * @module sources/sbr-mlb/pairing
 * The archive writes one row per team: the visitor row (`VH` = V) and then the home row (H), with
 * consecutive rotation numbers (visitor odd, home = visitor + 1) and the same `Date`. A game at a
 * neutral site is two `N` rows; sharpline reads the first as the away team and the second as the
 * designated home team, with `isNeutralSite`. Rows that do not form such a pair are quarantined
 * as `unpaired_row` rather than guessed into a game.
 */
import { cell } from '../fields.js';
import { pairRejects as rejectsOfPair, type PairIssueError } from '../paired-rows.js';
import type { RowIssue, SourceRecord } from '../types.js';

/** Two rows that describe one game. */
export interface RowPair {
  readonly away: SourceRecord;
  readonly home: SourceRecord;
  readonly isNeutralSite: boolean;
}

export { onRow, PairIssueError, rejectPair } from '../paired-rows.js';

/** The quarantine rows for a pair that failed: the faulty row with its reason, its partner pointing at it. */
export function pairRejects(pair: RowPair, error: PairIssueError): { record: SourceRecord; issue: RowIssue }[] {
  return rejectsOfPair(pair, error, { away: 'visitor', consequence: 'the game cannot be built' });
}

const role = (record: SourceRecord) => cell(record, 'VH').toUpperCase();
const PARTNER: Record<string, string> = { V: 'H', N: 'N' };

/** Whether two rotation cells are a visitor/home pair (home = visitor + 1); true when either is not a number. */
function consecutiveRotations(away: SourceRecord, home: SourceRecord): boolean {
  const a = cell(away, 'Rot');
  const h = cell(home, 'Rot');
  if (!/^\d+$/.test(a) || !/^\d+$/.test(h)) return true;
  return Number(h) === Number(a) + 1;
}

/**
 * Splits the file's rows, in file order, into game pairs and rows that belong to none.
 * A visitor row followed by another visitor row lost its home row: only the first is unpaired, so
 * the second can still pair with the home row after it. A visitor and home row that follow each
 * other but disagree on the date or rotation numbers are both unpaired: they are two halves of
 * different games.
 */
export function pairRows(records: readonly SourceRecord[]): { pairs: RowPair[]; unpaired: { record: SourceRecord; issue: RowIssue }[] } {
  const pairs: RowPair[] = [];
  const unpaired: { record: SourceRecord; issue: RowIssue }[] = [];
  const lone = (record: SourceRecord, message: string, field = 'VH') => unpaired.push({ record, issue: { code: 'unpaired_row', field, message } });

  for (let i = 0; i < records.length; ) {
    const first = records[i]!;
    const firstRole = role(first);
    if (firstRole !== 'V' && firstRole !== 'H' && firstRole !== 'N') {
      unpaired.push({ record: first, issue: { code: 'invalid_value', field: 'VH', message: `VH "${cell(first, 'VH')}" is not V (visitor), H (home) or N (neutral)` } });
      i += 1;
      continue;
    }
    if (firstRole === 'H') {
      lone(first, 'home row without a visitor row before it');
      i += 1;
      continue;
    }
    const next = records[i + 1];
    const wanted = PARTNER[firstRole]!;
    if (!next || role(next) !== wanted) {
      const what = firstRole === 'N' ? 'neutral-site row' : 'visitor row';
      lone(first, next ? `${what} is followed by line ${next.rowNumber} (VH "${cell(next, 'VH')}"), not its ${wanted === 'N' ? 'second N row' : 'home row'}` : `${what} is the last row: its partner row is missing (truncated file?)`);
      i += 1;
      continue;
    }
    const dateFirst = cell(first, 'Date');
    const dateNext = cell(next, 'Date');
    if (dateFirst !== dateNext) {
      const message = `lines ${first.rowNumber} and ${next.rowNumber} should be one game but their dates differ (${dateFirst} vs ${dateNext})`;
      lone(first, message, 'Date');
      lone(next, message, 'Date');
    } else if (!consecutiveRotations(first, next)) {
      const message = `lines ${first.rowNumber} and ${next.rowNumber} should be one game but their rotation numbers ${cell(first, 'Rot')} and ${cell(next, 'Rot')} are not a visitor/home pair`;
      lone(first, message, 'Rot');
      lone(next, message, 'Rot');
    } else {
      pairs.push({ away: first, home: next, isNeutralSite: firstRole === 'N' });
    }
    i += 2;
  }
  return { pairs, unpaired };
}
