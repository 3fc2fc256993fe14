/**
 * @module sources/fields
 * Cell parsers shared by formats. Each throws a `RowIssueError` naming the field and the reason,
 * which `stageRecords` turns into a quarantine row.
 */
import { americanToDecimal, parseAmerican } from '../domain/odds.js';
import { MAX_PLAUSIBLE_SCORE } from '../domain/scores.js';
import type { Sport } from '../domain/sports.js';
import type { TeamRegistry } from '../domain/teams/index.js';
import type { RowIssue, SourceRecord } from './types.js';

/** A record-level problem, thrown by parsers and caught per record. */
export class RowIssueError extends Error {
  constructor(readonly issue: RowIssue) {
    super(issue.message);
  }
}

/** Throws a row issue. */
export function reject(code: string, field: string | undefined, message: string): never {
  throw new RowIssueError({ code, ...(field ? { field } : {}), message });
}

/** Runs `stageOne` per record, collecting rejects instead of stopping at the first. */
export function stageRecords<T>(
  records: readonly SourceRecord[],
  stageOne: (record: SourceRecord) => T,
): { results: { record: SourceRecord; value: T }[]; rejects: { record: SourceRecord; issue: RowIssue }[] } {
  const results: { record: SourceRecord; value: T }[] = [];
  const rejects: { record: SourceRecord; issue: RowIssue }[] = [];
  for (const record of records) {
    try {
      results.push({ record, value: stageOne(record) });
    } catch (error) {
      if (error instanceof RowIssueError) rejects.push({ record, issue: error.issue });
      else throw error;
    }
  }
  return { results, rejects };
}

/** The trimmed cell, or '' when the column is absent. */
export function cell(record: SourceRecord, field: string): string {
  return (record.payload[field] ?? '').trim();
}

/** A score cell: empty → null; otherwise a whole number in [0, sport ceiling]. */
export function parseScore(record: SourceRecord, field: string, sport: Sport): number | null {
  const text = cell(record, field);
  if (text === '' || /^(na|null)$/i.test(text)) return null;
  const value = Number(text);
  if (!Number.isInteger(value)) reject('invalid_score', field, `${field} "${text}" is not a whole number`);
  if (value < 0 || value > MAX_PLAUSIBLE_SCORE[sport]) {
    reject('impossible_score', field, `${field} ${value} is outside 0–${MAX_PLAUSIBLE_SCORE[sport]} for ${sport}`);
  }
  return value;
}

/**
 * A period's points (a quarter, an inning): a whole number ≥ 0, or null when the cell is blank or
 * one of `notPlayed` (e.g. the `x` of a home 9th not batted). Anything else → `invalid_period_score`.
 */
export function parsePeriodPoints(record: SourceRecord, field: string, notPlayed: RegExp = /^$/): number | null {
  const text = cell(record, field);
  if (text === '' || notPlayed.test(text)) return null;
  if (!/^\d+$/.test(text)) reject('invalid_period_score', field, `${field} "${text}" is not a whole number of points (0 or more)`);
  return Number(text);
}

/** A number cell: empty → null; otherwise finite. */
export function parseNumber(record: SourceRecord, field: string): number | null {
  const text = cell(record, field);
  if (text === '' || /^(na|null|nan)$/i.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) reject('invalid_number', field, `${field} "${text}" is not a number`);
  return value;
}

/** An American price cell: empty → null; otherwise the price text and its decimal odds. */
export function parseAmericanPrice(record: SourceRecord, field: string): { text: string; decimal: number } | null {
  const text = cell(record, field);
  if (text === '' || /^(na|null|nl|pk)$/i.test(text)) return null;
  const decimal = americanToDecimal(parseAmerican(text));
  if (!Number.isFinite(decimal)) reject('invalid_price', field, `${field} "${text}" is not an American price`);
  return { text, decimal };
}

/** A decimal price cell: empty → null; otherwise a price above 1. */
export function parseDecimalPrice(record: SourceRecord, field: string): { text: string; decimal: number } | null {
  const text = cell(record, field);
  if (text === '') return null;
  const decimal = Number(text);
  if (!Number.isFinite(decimal) || decimal <= 1) reject('invalid_price', field, `${field} "${text}" is not a decimal price above 1`);
  return { text, decimal };
}

/** The canonical team id for a code, or a row issue naming the code. */
export function resolveTeamField(
  teams: TeamRegistry,
  sport: Sport,
  record: SourceRecord,
  field: string,
  date: string,
  format: string,
): string {
  const code = cell(record, field);
  if (!code) reject('missing_team', field, `${field} is empty`);
  const id = teams.resolve(sport, code, date, format);
  if (!id) reject('unknown_team', field, `${field} "${code}" is not a known ${sport} team on ${date}`);
  return id;
}
