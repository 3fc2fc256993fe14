/**
 * @module sources/paired-rows
 * For formats that write one game as two rows (away then home): a pair's problems are either one
 * row's (the faulty row is quarantined with its reason, its partner pointing at it) or the pair's
 * as a whole (both rows quarantined with the same reason). sbr-mlb and oddsshark-splits share it.
 */
import { RowIssueError } from './fields.js';
import type { RowIssue, SourceRecord } from './types.js';

/** The two rows of one game. */
export interface RecordPair {
  readonly away: SourceRecord;
  readonly home: SourceRecord;
}

/** A problem with a pair: of one row (`record`), or of the pair as a whole (`record` null). */
export class PairIssueError extends Error {
  constructor(
    readonly record: SourceRecord | null,
    readonly issue: RowIssue,
  ) {
    super(issue.message);
  }
}

/** Runs a row-level reader, tagging any row issue with the row it came from. */
export function onRow<T>(record: SourceRecord, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RowIssueError) throw new PairIssueError(record, error.issue);
    throw error;
  }
}

/** Throws an issue that belongs to both rows of a pair (they disagree, or share a bad cell). */
export function rejectPair(code: string, field: string, message: string): never {
  throw new PairIssueError(null, { code, field, message });
}

/**
 * The quarantine rows for a pair that failed. `labels` words the partner's reason in the format's
 * terms: what the away row is called, and what cannot be done without the faulty row.
 */
export function pairRejects(
  pair: RecordPair,
  error: PairIssueError,
  labels: { readonly away: string; readonly consequence: string },
): { record: SourceRecord; issue: RowIssue }[] {
  const bad = error.record;
  if (bad === null) return [pair.away, pair.home].map((record) => ({ record, issue: error.issue }));
  const partner = bad === pair.home ? pair.away : pair.home;
  const partnerIssue: RowIssue = {
    code: 'partner_rejected',
    ...(error.issue.field ? { field: error.issue.field } : {}),
    message: `its ${bad === pair.home ? 'home' : labels.away} row (line ${bad.rowNumber}) was quarantined, so ${labels.consequence}: ${error.issue.message}`,
  };
  return [
    { record: bad, issue: error.issue },
    { record: partner, issue: partnerIssue },
  ];
}
