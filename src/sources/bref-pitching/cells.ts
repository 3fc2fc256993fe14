/**
 * @module sources/bref-pitching/cells
 * Cell parsers for Baseball-Reference daily pitcher logs: dates like `Mar 30, 2023`, innings like
 * `5.2` (5 innings and 2 outs), names whose accents the export wrote as UTF-8 byte escapes
 * (`Garc\xc3\xada`), the `Lev` league and the `@` away marker.
 */
import { isIsoDate } from '../../domain/time.js';
import { cell, reject } from '../fields.js';
import type { SourceRecord } from '../types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date like `Mar 30, 2023` (the log's own year) as ISO `YYYY-MM-DD`, or a row issue. */
export function parseBrefDate(record: SourceRecord, field: string): string {
  const text = cell(record, field);
  const match = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})$/.exec(text);
  const month = match ? MONTHS.indexOf(match[1]!.toLowerCase()) + 1 : 0;
  const iso = match && month ? `${match[3]}-${String(month).padStart(2, '0')}-${match[2]!.padStart(2, '0')}` : '';
  if (!isIsoDate(iso)) reject('invalid_date', field, `${field} "${text}" is not a date like "Mar 30, 2023"`);
  return iso;
}

/** Innings pitched as outs: `5.2` is 5 innings and 2 outs = 17; the digit after the point is 0–2. */
export function parseInningsAsOuts(record: SourceRecord, field: string): number | null {
  const text = cell(record, field);
  if (text === '') return null;
  const match = /^(\d+)(?:\.([0-9]))?$/.exec(text);
  if (!match) reject('invalid_number', field, `${field} "${text}" is not innings like 5.2`);
  const thirds = Number(match[2] ?? 0);
  if (thirds > 2) reject('invalid_number', field, `${field} "${text}": the digit after the point counts outs (0–2)`);
  return Number(match[1]) * 3 + thirds;
}

/**
 * The text with `\xHH` byte escapes decoded as UTF-8 (`Garc\xc3\xada` → `García`); unchanged when
 * it has none or they do not form valid UTF-8.
 */
export function decodeByteEscapes(text: string): string {
  if (!text.includes('\\x')) return text;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return text.replace(/(?:\\x[0-9a-fA-F]{2})+/g, (run) =>
      decoder.decode(Uint8Array.from(run.split('\\x').slice(1), (hex) => parseInt(hex, 16))),
    );
  } catch {
    return text;
  }
}

/** The pitcher's team's league from `Lev` (`Maj-AL`, `Maj-NL`). */
export function parseLeague(record: SourceRecord): 'AL' | 'NL' {
  const text = cell(record, 'Lev');
  if (text === 'Maj-AL') return 'AL';
  if (text === 'Maj-NL') return 'NL';
  return reject('invalid_value', 'Lev', `Lev "${text}" is not Maj-AL or Maj-NL (a major-league line)`);
}

/** Home or away from the unnamed column after `Tm`: `@` marks an away game, blank a home game. */
export function parseIsHome(record: SourceRecord, field: string): boolean {
  const text = cell(record, field);
  if (text === '') return true;
  if (text === '@') return false;
  return reject('invalid_value', field, `${field} "${text}" is neither blank (home) nor @ (away)`);
}
