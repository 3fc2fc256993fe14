/**
 * @module sources/oddsshark-splits/cells
 * Cell readers for Oddsshark's betting-split snapshots: the pull time (a true UTC instant), the
 * kick-off (a US Eastern 12-hour wall-clock time mislabelled with a `Z`), shares of bets written as
 * fractions (`0.55`, `1`, `0`), lines (`-9.5`, `52.5`) and American payouts (`-110`). Each reader
 * throws a row issue naming its column.
 */
import { americanToDecimal, parseAmerican } from '../../domain/odds.js';
import { isIsoDate, localToUtc } from '../../domain/time.js';
import { cell, reject } from '../fields.js';
import type { SourceRecord } from '../types.js';

/** The zone the source's kick-off times are written in. */
export const KICKOFF_ZONE = 'America/New_York';

/** The trimmed cell, or a `missing_value` issue when it is blank. */
export function required(record: SourceRecord, field: string): string {
  const text = cell(record, field);
  if (text === '') reject('missing_value', field, `${field} is empty`);
  return text;
}

const UTC_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** `date_pulled`: an ISO-8601 UTC instant (`2022-11-21T03:54:34Z`) → its normalised ISO text. */
export function observedAt(record: SourceRecord, field: string): string {
  const text = required(record, field);
  const m = UTC_INSTANT.exec(text);
  const ms = m && isIsoDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60 ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) reject('invalid_timestamp', field, `${field} "${text}" is not a UTC timestamp like 2022-11-21T03:54:34Z`);
  return new Date(ms).toISOString();
}

/**
 * `game_time`, e.g. `2022-12-01T08:15:00Z`: despite the `Z`, the date is the game's US date and
 * the time a US Eastern 12-hour clock reading without AM/PM (`08:15` = 8:15 PM ET, `12:30` =
 * 12:30 PM, `01:00` = 1 PM). NFL kick-offs from late morning to night all read this way; an hour of
 * 00 or above 12 does not fit the pattern and is refused rather than guessed.
 *
 * @returns the game's local date (the US date every US venue shares for these times) and the
 *   kick-off as a UTC instant
 */
export function kickoff(record: SourceRecord, field: string): { gameDate: string; startAt: string } {
  const text = required(record, field);
  const m = UTC_INSTANT.exec(text);
  const hour = m ? Number(m[2]) : Number.NaN;
  if (!m || !isIsoDate(m[1]!) || !(hour >= 1 && hour <= 12) || Number(m[3]) >= 60 || Number(m[4]) !== 0) {
    reject('invalid_timestamp', field, `${field} "${text}" is not a kick-off like 2022-12-01T08:15:00Z (a 12-hour US Eastern time, 01–12)`);
  }
  const gameDate = m[1]!;
  const hh = hour === 12 ? 12 : hour + 12;
  return { gameDate, startAt: localToUtc(gameDate, `${String(hh).padStart(2, '0')}:${m[3]}`, KICKOFF_ZONE) };
}

/** A share of bets: a fraction from 0 to 1 (`0.55`, `1`, `0`). */
export function share(record: SourceRecord, field: string): number {
  const text = required(record, field);
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) reject('invalid_share', field, `${field} "${text}" is not a share of bets (a fraction from 0 to 1)`);
  if (value < 0 || value > 1) reject('share_out_of_range', field, `${field} ${text} is outside 0..1 (shares are fractions: 0.55 means 55%)`);
  return value;
}

/** A line: a signed number of points (`-9.5`, `3`); `PK` (pick'em) is 0. */
export function line(record: SourceRecord, field: string): number {
  const text = required(record, field);
  if (/^(pk|pick|pickem|pick'em)$/i.test(text)) return 0;
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) reject('invalid_line', field, `${field} "${text}" is not a line (a number of points)`);
  return value;
}

/** An American payout (`-110`, `+105`, `EVEN`) → the text as published and decimal odds. */
export function payout(record: SourceRecord, field: string): { text: string; decimal: number } {
  const text = required(record, field);
  const decimal = americanToDecimal(parseAmerican(text));
  if (!Number.isFinite(decimal)) reject('invalid_price', field, `${field} "${text}" is not an American price like -110`);
  return { text, decimal };
}
