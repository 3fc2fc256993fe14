/**
 * @module sources/retrosheet/fields
 * Cell parsers shared by the two Retrosheet layouts (game info and pitching lines): `YYYYMMDD`
 * dates, the 0/1/2 game number, game types, the game id `HHHYYYYMMDDN` and `2:10PM` start times.
 */
import type { SeasonType } from '../../domain/sports.js';
import { isIsoDate } from '../../domain/time.js';
import { cell, reject } from '../fields.js';
import type { SourceRecord } from '../types.js';

/** What a Retrosheet `gametype` means here: a season type, or the All-Star game (no real clubs). */
export type RetroGameType = SeasonType | 'allstar';

const GAME_TYPES: Readonly<Record<string, RetroGameType>> = {
  regular: 'regular',
  wildcard: 'postseason',
  divisionseries: 'postseason',
  lcs: 'postseason',
  worldseries: 'postseason',
  allstar: 'allstar',
};

/** A `YYYYMMDD` cell as an ISO date `YYYY-MM-DD`, or a row issue. */
export function parseRetroDate(record: SourceRecord, field: string): string {
  const text = cell(record, field);
  const iso = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : '';
  if (!isIsoDate(iso)) reject('invalid_date', field, `${field} "${text}" is not a YYYYMMDD date`);
  return iso;
}

/**
 * The game number as sharpline numbers games: Retrosheet writes 0 for a single game and 1, 2 (rarely
 * 3) for the games of a doubleheader; sharpline's single game is number 1.
 */
export function parseGameNumber(record: SourceRecord): { retro: number; gameNumber: number } {
  const text = cell(record, 'number');
  if (!/^[0-3]$/.test(text)) reject('invalid_value', 'number', `number "${text}" is not 0 (single game) or 1–3 (doubleheader game)`);
  const retro = Number(text);
  return { retro, gameNumber: retro === 0 ? 1 : retro };
}

/** The `gametype` cell: regular season, postseason round, or the All-Star game. */
export function parseGameType(record: SourceRecord): RetroGameType {
  const text = cell(record, 'gametype');
  const type = Object.hasOwn(GAME_TYPES, text) ? GAME_TYPES[text] : undefined;
  if (!type) reject('invalid_value', 'gametype', `gametype "${text}" is not one of ${Object.keys(GAME_TYPES).join(', ')}`);
  return type;
}

/**
 * Checks the game id `gid` = home team code + `YYYYMMDD` + Retrosheet game number against the row's
 * own date and number, and returns the home team's Retrosheet code it names.
 */
export function parseGameId(record: SourceRecord, date: string, retroNumber: number): string {
  const gid = cell(record, 'gid');
  const match = /^([A-Z0-9]{3})(\d{8})(\d)$/.exec(gid);
  if (!match) reject('invalid_value', 'gid', `gid "${gid}" is not a Retrosheet game id (home team, YYYYMMDD, game number)`);
  if (match[2] !== date.replaceAll('-', '') || Number(match[3]) !== retroNumber) {
    reject('inconsistent_game_id', 'gid', `gid "${gid}" does not match date ${date} and number ${retroNumber}`);
  }
  return match[1]!;
}

/** A `starttime` like `2:10PM` as 24-hour `HH:MM`; null when blank; a row issue when malformed. */
export function parseStartTime(record: SourceRecord): string | null {
  const text = cell(record, 'starttime');
  if (text === '') return null;
  const match = /^(\d{1,2}):(\d{2})\s*([AP])M$/i.exec(text);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!match || hour < 1 || hour > 12 || minute > 59) reject('invalid_time', 'starttime', `starttime "${text}" is not a time like 7:05PM`);
  const hour24 = (hour % 12) + (match[3]!.toUpperCase() === 'P' ? 12 : 0);
  return `${String(hour24).padStart(2, '0')}:${match[2]}`;
}
