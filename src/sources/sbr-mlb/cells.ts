/**
 * @module sources/sbr-mlb/cells
 * Parsers for the SportsbookReview MLB archive's odds cells: American prices (`-110`, `100`,
 * `EVEN`), totals (`8.5`, `8½`) and run lines written with their price (`-1.5(+110)`).
 * "No line" markers (blank, `NL`, `N/L`, `NA`, `pk`) mean the book posted nothing: no quote.
 * Anything else that is not a number is garbage and quarantines the row, naming the column.
 */
import { americanToDecimal, parseAmerican } from '../../domain/odds.js';
import { cell, reject } from '../fields.js';
import type { SourceRecord } from '../types.js';

/** A price as published and as decimal odds. */
export interface Price {
  readonly text: string;
  readonly decimal: number;
}

/** Cells that mean "no line posted". `pk` has no meaning for an MLB total or moneyline. */
const NO_LINE = /^(nl|n\/l|na|n\/a|pk)?$/i;

/** Whether a cell is one of the archive's "no line" markers (blank included). */
export function isNoLine(text: string): boolean {
  return NO_LINE.test(text.trim());
}

/** The column as people read it: the archive leaves the price columns' headers blank. */
export function columnLabel(field: string): string {
  if (field === '_col20') return 'Open OU price (_col20)';
  if (field === '_col22') return 'Close OU price (_col22)';
  return field;
}

function americanOrReject(text: string, field: string, what: string): Price {
  const decimal = americanToDecimal(parseAmerican(text));
  if (!Number.isFinite(decimal)) reject('invalid_price', field, `${what} "${text}" is not an American price`);
  return { text, decimal };
}

/** An American price cell: a no-line marker → null; otherwise the price, or `invalid_price`. */
export function priceCell(record: SourceRecord, field: string): Price | null {
  const text = cell(record, field);
  if (isNoLine(text)) return null;
  return americanOrReject(text, field, columnLabel(field));
}

/** A number written with an optional half sign: `8`, `8.5`, `8½`, `8 ½`, `-1.5`, `+½`. */
function halfNumber(text: string): number | undefined {
  const m = /^([+-]?)(\d*)(?:(\.\d+)|\s*½)?$/.exec(text);
  if (!m || (m[2] === '' && m[3] === undefined && !text.includes('½'))) return undefined;
  const whole = Number(`${m[2] || '0'}${m[3] ?? ''}`);
  const value = whole + (text.includes('½') ? 0.5 : 0);
  return m[1] === '-' ? -value : value;
}

/** A total line cell: a no-line marker → null; otherwise a positive number of runs, or `invalid_line`. */
export function totalCell(record: SourceRecord, field: string): { line: number; text: string } | null {
  const text = cell(record, field);
  if (isNoLine(text)) return null;
  const line = halfNumber(text);
  if (line === undefined || !(line > 0) || /^[+-]/.test(text)) {
    reject('invalid_line', field, `${field} "${text}" is not a total (a positive number of runs like 8.5)`);
  }
  return { line, text };
}

/**
 * The run-line cell, e.g. `-1.5(+110)`: the handicap from this row's team's point of view and
 * its price. A no-line marker → null; a line without parentheses keeps a null price (never
 * invented); `-1.5(NL)` likewise.
 */
export function runLineCell(record: SourceRecord, field: string): { line: number; price: Price | null; text: string } | null {
  const text = cell(record, field);
  if (isNoLine(text)) return null;
  const m = /^([^()]*?)\s*(?:\(([^()]*)\))?$/.exec(text);
  const line = m ? halfNumber(m[1]!.trim()) : undefined;
  if (!m || line === undefined) {
    reject('invalid_line', field, `${field} "${text}" is not a run line like -1.5(+110)`);
  }
  const priceText = (m[2] ?? '').trim();
  const price = isNoLine(priceText) ? null : americanOrReject(priceText, field, `${field} price in "${text}"`);
  return { line, price, text };
}
