/**
 * @module sources/oddsshark-splits/pairing
 * A snapshot lists each game as two rows, the away team's and then the home team's, sharing the
 * snapshot `id`, `date_pulled`, `game_time` and `matchup`. Rows that do not form such a pair are
 * quarantined as `unpaired_row` rather than guessed into a game; a pair that fails as a whole (its
 * shares do not add up, its lines disagree) quarantines both rows.
 */
import { cell } from '../fields.js';
import { pairRejects as rejectsOfPair, type PairIssueError } from '../paired-rows.js';
import type { RowIssue, SourceRecord } from '../types.js';

/** The two rows of one game in one snapshot. */
export interface RowPair {
  readonly away: SourceRecord;
  readonly home: SourceRecord;
}

export { onRow, PairIssueError, rejectPair } from '../paired-rows.js';

/** The quarantine rows for a pair that failed: the faulty row with its reason, its partner pointing at it. */
export function pairRejects(pair: RowPair, error: PairIssueError): { record: SourceRecord; issue: RowIssue }[] {
  return rejectsOfPair(pair, error, { away: 'away', consequence: "the game's split cannot be checked" });
}

/** The cells both rows of a pair must share. */
const SHARED = ['id', 'date_pulled', 'game_time', 'matchup'] as const;

const role = (record: SourceRecord) => cell(record, 'home_away').toLowerCase();

/**
 * Splits the rows, in file order, into pairs and rows that belong to none. An away row not followed
 * by its home row is unpaired alone, so the next row can still start a pair.
 */
export function pairRows(records: readonly SourceRecord[]): { pairs: RowPair[]; unpaired: { record: SourceRecord; issue: RowIssue }[] } {
  const pairs: RowPair[] = [];
  const unpaired: { record: SourceRecord; issue: RowIssue }[] = [];
  const lone = (record: SourceRecord, message: string, field = 'home_away') => unpaired.push({ record, issue: { code: 'unpaired_row', field, message } });

  for (let i = 0; i < records.length; ) {
    const first = records[i]!;
    const firstRole = role(first);
    if (firstRole !== 'away' && firstRole !== 'home') {
      unpaired.push({ record: first, issue: { code: 'invalid_value', field: 'home_away', message: `home_away "${cell(first, 'home_away')}" is not away or home` } });
      i += 1;
      continue;
    }
    if (firstRole === 'home') {
      lone(first, 'home row without the away row of its game before it');
      i += 1;
      continue;
    }
    const next = records[i + 1];
    if (!next || role(next) !== 'home') {
      lone(first, next ? `away row is followed by line ${next.rowNumber} (home_away "${cell(next, 'home_away')}"), not its home row` : 'away row is the last row: its home row is missing (truncated file?)');
      i += 1;
      continue;
    }
    const differs = SHARED.find((field) => cell(first, field) !== cell(next, field));
    if (differs) {
      lone(first, `line ${next.rowNumber} should be this game's home row but its ${differs} differs ("${cell(first, differs)}" vs "${cell(next, differs)}")`, differs);
      i += 1;
      continue;
    }
    pairs.push({ away: first, home: next });
    i += 2;
  }
  return { pairs, unpaired };
}
