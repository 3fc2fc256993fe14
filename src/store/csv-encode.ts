/**
 * @module store/csv-encode
 * Encodes rows as CSV for COPY on both engines: NULL is an unquoted `\N`, every string is quoted,
 * so an empty string and NULL stay distinct.
 */
import type { SqlValue } from './database.js';

/** The NULL marker both COPY commands are told to expect. */
export const CSV_NULL = '\\N';

/** One CSV field for `value`. */
export function encodeCsvField(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return CSV_NULL;
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return CSV_NULL;
      return String(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      // Most cells hold no quote: skip the regex for them (it dominated encoding millions of quotes).
      return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
  }
}

/** One CSV line (with trailing newline) for `row`. */
export function encodeCsvRow(row: readonly SqlValue[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += ',';
    line += encodeCsvField(row[i]);
  }
  return line + '\n';
}
