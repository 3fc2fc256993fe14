/**
 * @module sources/csv-reader
 * Reads a CSV file into records, surviving what real archives contain: a BOM, CRLF or lone CR
 * line endings, blank header cells, short or long rows, unclosed quotes, an empty file.
 * Rows it cannot read become issues with their line number, never silent drops.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { SharplineError } from '../errors.js';
import type { RowIssue, SourceRecord } from './types.js';

/** A record the reader could not turn into cells by column; kept as its raw text. */
export interface UnreadableRow {
  readonly rowNumber: number;
  readonly text: string;
  readonly issue: RowIssue;
}

export interface CsvFile {
  readonly path: string;
  readonly sha256: string;
  readonly header: string[];
  readonly records: SourceRecord[];
  readonly unreadable: UnreadableRow[];
  /** Data rows seen, readable or not (the header is not counted). */
  readonly rowsIn: number;
}

/** Reads the whole file's bytes, refusing directories and missing paths with a clear message. */
export function readFileBytes(path: string): Buffer {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new SharplineError('SL_SOURCE_NOT_FOUND', `${path}: no such file`);
  }
  if (stat.isDirectory()) {
    throw new SharplineError('SL_SOURCE_NOT_FOUND', `${path}: is a directory, not a file; pass the files inside it (e.g. "${path}"/*.csv)`);
  }
  return readFileSync(path);
}

/** sha1 of the format, the file context and the record's cells: a record's identity. */
export function hashRecord(format: string, contextKey: string, cells: readonly string[]): string {
  return createHash('sha1').update(format).update('\0').update(contextKey).update('\0').update(cells.join('\x1f')).digest('hex');
}

/** Parses `bytes` (already read from `path`) as CSV with a header row. */
export function parseCsv(path: string, bytes: Buffer, format: string, contextKey: string, sha256 = createHash('sha256').update(bytes).digest('hex')): CsvFile {
  let text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) text = bytes.toString('latin1'); // old football-data files are Latin-1
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { path, sha256, header: [], records: [], unreadable: [], rowsIn: 0 };
  // One line ending for the parser: files mix CRLF, LF and lone CR (old Mac exports), and a row
  // ending differently from the first line would otherwise be glued to the next one.
  text = text.replace(/\r\n?/g, '\n');

  const lines = text.split('\n');
  const unreadable: UnreadableRow[] = [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: { lines?: number; message: string } | undefined) => {
        if (!error) return;
        const rowNumber = error.lines ?? lines.length;
        unreadable.push({ rowNumber, text: lines[rowNumber - 1] ?? '', issue: { code: 'unreadable_row', message: error.message } });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new SharplineError('SL_SOURCE_PARSE', `${path}: not readable as CSV: ${(error as Error).message}`, { cause: error });
  }
  if (rows.length === 0) return { path, sha256, header: [], records: [], unreadable, rowsIn: unreadable.length };

  const header = rows[0]!.record.map((name, i) => name.trim() || `_col${i + 1}`);
  const width = header.length;
  const records: SourceRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const { record: cells, info } = rows[r]!;
    const rowNumber = info.lines;
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (cells.length < width) {
      unreadable.push({
        rowNumber,
        text: lines[rowNumber - 1] ?? cells.join(','),
        issue: { code: 'missing_columns', message: `expected ${width} columns, found ${cells.length} (truncated row?)` },
      });
      continue;
    }
    if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
      unreadable.push({
        rowNumber,
        text: lines[rowNumber - 1] ?? cells.join(','),
        issue: { code: 'extra_columns', message: `expected ${width} columns, found ${cells.length} with values past the header` },
      });
      continue;
    }
    const payload: Record<string, string> = {};
    for (let c = 0; c < width; c++) payload[header[c]!] = cells[c]!;
    records.push({ rowNumber, payload, contentHash: hashRecord(format, contextKey, cells.slice(0, width)) });
  }
  unreadable.sort((a, b) => a.rowNumber - b.rowNumber);
  return { path, sha256, header, records, unreadable, rowsIn: records.length + unreadable.length };
}
