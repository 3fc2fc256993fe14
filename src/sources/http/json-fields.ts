/**
 * @module sources/http/json-fields
 * Helpers shared by the HTTP adapters: records that carry a JSON item as received, reading fields
 * from it with a row issue naming the JSON path when the documented field is missing or mistyped
 * (schema drift), and the date conventions that make games from different sources meet.
 */
import type { Sport } from '../../domain/sports.js';
import { hashRecord } from '../csv-reader.js';
import { reject } from '../fields.js';
import type { SourceRecord } from '../types.js';
import type { HttpRequestSpec } from './types.js';

/** A record whose payload keeps the item's JSON text (`item`) with the request's context. */
export function jsonRecord(source: string, spec: HttpRequestSpec, rowNumber: number, item: unknown, extra: Record<string, string>, identity: readonly string[]): SourceRecord {
  const itemText = JSON.stringify(item);
  const payload = { kind: spec.kind, ...spec.context, ...extra, item: itemText };
  return { rowNumber, payload, contentHash: hashRecord(source, spec.kind, [...identity, itemText]) };
}

/** The record's item, parsed back. */
export function itemOf(record: SourceRecord): unknown {
  return JSON.parse(record.payload.item ?? 'null');
}

type Json = unknown;

/** The value at `path` (dot and [i] notation, for messages), or undefined. */
export function at(value: Json, path: readonly (string | number)[]): Json {
  let current: Json = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[key];
  }
  return current;
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A required string field (non-empty), else `missing_field` / `invalid_type` naming the path. */
export function str(value: Json, path: readonly (string | number)[]): string {
  const v = at(value, path);
  if (v === undefined || v === null || v === '') reject('missing_field', pathText(path), `${pathText(path)} is missing (the documented field; renamed or dropped by the provider?)`);
  if (typeof v !== 'string' && typeof v !== 'number') reject('invalid_type', pathText(path), `${pathText(path)} is ${typeof v}, expected text`);
  return String(v);
}

/** An optional string field. */
export function optStr(value: Json, path: readonly (string | number)[]): string | null {
  const v = at(value, path);
  return v === undefined || v === null || v === '' ? null : String(v);
}

/** A required finite number (numbers or numeric strings, as providers mix them). */
export function num(value: Json, path: readonly (string | number)[]): number {
  const v = at(value, path);
  if (v === undefined || v === null || v === '') reject('missing_field', pathText(path), `${pathText(path)} is missing`);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) reject('invalid_number', pathText(path), `${pathText(path)} ${JSON.stringify(v)} is not a number`);
  return n;
}

/** A required array. */
export function arr(value: Json, path: readonly (string | number)[]): Json[] {
  const v = at(value, path);
  if (v === undefined || v === null) reject('missing_field', pathText(path), `${pathText(path)} is missing`);
  if (!Array.isArray(v)) reject('invalid_type', pathText(path), `${pathText(path)} is not a list`);
  return v;
}

/** An instant as ISO-8601 UTC from ISO text (Z or offset) or unix seconds (`dateFormat=unix`). */
export function instant(value: Json, path: readonly (string | number)[]): string {
  const v = at(value, path);
  if (v === undefined || v === null || v === '') reject('missing_field', pathText(path), `${pathText(path)} is missing`);
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(String(v));
  if (!Number.isFinite(ms)) reject('invalid_date', pathText(path), `${pathText(path)} ${JSON.stringify(v)} is not a date-time`);
  return new Date(ms).toISOString();
}

const EASTERN = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The game date of a start instant when the source gives no local date: the US Eastern calendar
 * date. Every North American venue is at most three hours behind Eastern and games start after
 * 09:00 local, so this equals the venue's local date (what `curated.games.game_date` means) for
 * every scheduled start; it makes the Odds API and ESPN meet the MLB Stats API's `officialDate`.
 */
export function easternDate(iso: string): string {
  return EASTERN.format(new Date(iso));
}

/** sharpline's season (the year a season starts) for a game on `date`. */
export function seasonOf(sport: Sport, date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (sport) {
    case 'nfl':
      return month <= 3 ? year - 1 : year; // playoffs and Super Bowl run into February
    case 'nba':
    case 'nhl':
      return month <= 8 ? year - 1 : year; // October–June (the 2020 bubble ran to October: see note)
    case 'soccer':
      return month <= 6 ? year - 1 : year;
    default:
      return year;
  }
}

/** Parses a body as JSON; a body that is not (truncated, HTML error page) → null plus the reason. */
export function parseBody(body: string): { ok: true; value: Json } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** The unreadable row for a body that is not JSON: its first 2 000 characters are kept as the payload. */
export function unreadableBody(spec: HttpRequestSpec, body: string, reason: string) {
  return {
    rowNumber: 1,
    text: `${requestText(spec)}: ${body.slice(0, 2000)}`,
    issue: { code: 'unparseable_response', field: spec.kind, message: `${spec.kind} response (${body.length} bytes) is not valid JSON: ${reason}` },
  };
}

/** The unreadable row for a body that is JSON but not the documented shape at the top level. */
export function unexpectedShape(spec: HttpRequestSpec, body: string, expected: string) {
  return {
    rowNumber: 1,
    text: `${requestText(spec)}: ${body.slice(0, 2000)}`,
    issue: { code: 'unexpected_shape', field: spec.kind, message: `${spec.kind} response is JSON but not ${expected}` },
  };
}

/** The request as text (no fetch time, so a re-fetched bad body keeps its identity). */
export function requestText(spec: HttpRequestSpec): string {
  const query = Object.entries(spec.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `GET ${spec.path}${query ? `?${query}` : ''}`;
}
