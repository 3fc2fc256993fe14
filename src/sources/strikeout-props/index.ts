/**
 * @module sources/strikeout-props
 * Pitcher-strikeout prop lines (`strikeout_prop_lines_last_pregame.csv`): the last pre-game quote
 * per pitcher and book, one row each: slate date, event id, start time (ISO with offset), away and
 * home club (full names; the A's appear both as "Oakland Athletics" and "Athletics"), pitcher name
 * as the feed spells it (accents kept, "Max Muncy (2002)"), the line, American over/under prices,
 * and when the quote was first and last seen. Market: `player_strikeouts`.
 *
 * What the file does not say plainly, and how it is read:
 * - The consensus columns are the feed's own average, not a book: ignored (a book's two prices are
 *   the market; consensus can be recomputed from the books).
 * - A row with one price blank cannot be priced as a two-way market: quarantined (`missing_price`).
 * - The All-Star game (American League at National League) is no club game: quarantined
 *   (`not_club_game`).
 * - A pitcher may appear under two events of one date (doubleheaders, where the feed lists both
 *   announced starters under both games): each row is kept with its event id.
 *
 * The loaded records are typed by the view `staging.strikeout_props__lines` and priced per side by
 * `curated.prop_quotes` (migration 0014): staging rows of this format have no table of their own in
 * the shared `StageOutput` yet, so the format stages nothing beyond its verdict per record.
 */
import { americanToDecimal, parseAmerican } from '../../domain/odds.js';
import { cell, reject, stageRecords } from '../fields.js';
import type { SourceFormat, SourceRecord, StageContext } from '../types.js';

/** Columns the format reads. */
export const STRIKEOUT_PROP_COLUMNS = [
  'slate_date',
  'event_id',
  'game_time',
  'away_team',
  'home_team',
  'pitcher_name',
  'strikeout_line',
  'book',
  'over_odds',
  'under_odds',
  'last_seen',
] as const;

/** One prop line as read: the shape the SQL view gives the same record. */
export interface PropLine {
  readonly gameDate: string;
  readonly startAt: string;
  readonly eventId: string;
  readonly awayTeamId: string;
  readonly homeTeamId: string;
  readonly playerName: string;
  readonly line: number;
  readonly book: string;
  readonly overDecimal: number;
  readonly underDecimal: number;
  readonly observedAt: string;
}

/** Lines above this many strikeouts are not a real prop (the record is 20 in a 9-inning game). */
const MAX_LINE = 20;

function isoInstant(record: SourceRecord, field: string): string {
  const text = cell(record, field);
  // The feed writes offsets (-04:00); a time without an offset would be read in the local zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/.test(text) || Number.isNaN(Date.parse(text))) {
    reject('invalid_time', field, `${field} "${text}" is not an ISO-8601 time with an offset`);
  }
  return new Date(text).toISOString();
}

function price(record: SourceRecord, field: string): number {
  const text = cell(record, field);
  if (text === '') reject('missing_price', field, `${field} is blank: a one-sided quote cannot be priced as an over/under market`);
  let decimal: number;
  try {
    decimal = americanToDecimal(parseAmerican(text));
  } catch {
    return reject('invalid_price', field, `${field} "${text}" is not an American price`);
  }
  if (!Number.isFinite(decimal) || decimal <= 1) reject('invalid_price', field, `${field} "${text}" is not an American price`);
  return decimal;
}

function club(record: SourceRecord, field: string, date: string, context: StageContext): string {
  const name = cell(record, field);
  if (!name) reject('missing_team', field, `${field} is empty`);
  if (/^(american|national) league$/i.test(name)) reject('not_club_game', field, `${field} "${name}": the All-Star game is not a club game`);
  const id = context.teams.resolve('mlb', name, date, context.format);
  if (!id) reject('unknown_team', field, `${field} "${name}" is not a known MLB club on ${date}`);
  return id;
}

/** Reads one record; throws a row issue naming the field when a cell cannot be understood. */
export function parsePropLine(record: SourceRecord, context: StageContext): PropLine {
  const gameDate = cell(record, 'slate_date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(gameDate) || Number.isNaN(Date.parse(gameDate))) {
    reject('invalid_date', 'slate_date', `slate_date "${gameDate}" is not a date YYYY-MM-DD`);
  }
  const playerName = cell(record, 'pitcher_name');
  if (!playerName) reject('missing_player', 'pitcher_name', 'pitcher_name is empty');
  const lineText = cell(record, 'strikeout_line');
  const line = Number(lineText);
  // Lines are whole or half numbers: a whole line can push, a half line cannot.
  if (lineText === '' || !Number.isFinite(line) || line < 0 || line > MAX_LINE || !Number.isInteger(line * 2)) {
    reject('invalid_line', 'strikeout_line', `strikeout_line "${lineText}" is not a whole or half number of strikeouts between 0 and ${MAX_LINE}`);
  }
  const book = cell(record, 'book');
  if (!book) reject('missing_book', 'book', 'book is empty');
  const eventId = cell(record, 'event_id');
  if (!eventId) reject('missing_event', 'event_id', 'event_id is empty');
  const awayTeamId = club(record, 'away_team', gameDate, context);
  const homeTeamId = club(record, 'home_team', gameDate, context);
  if (awayTeamId === homeTeamId) reject('same_team', 'home_team', `away and home are both ${homeTeamId}`);
  return {
    gameDate,
    startAt: isoInstant(record, 'game_time'),
    eventId,
    awayTeamId,
    homeTeamId,
    playerName,
    line,
    book,
    overDecimal: price(record, 'over_odds'),
    underDecimal: price(record, 'under_odds'),
    observedAt: isoInstant(record, 'last_seen'),
  };
}

/** The strikeout prop-line format. */
export const strikeoutProps: SourceFormat = {
  name: 'strikeout-props',
  description: 'MLB pitcher-strikeout prop lines, last pre-game quote per pitcher and book (line, over/under prices) → curated.prop_quotes (license not stated)',
  requiredColumns: STRIKEOUT_PROP_COLUMNS,
  fileContext: () => ({}),
  stage(records, context) {
    const { rejects } = stageRecords(records, (record) => parsePropLine(record, context));
    return { games: [], quotes: [], rejects };
  },
};
