/**
 * @module sources/bref-pitching
 * Baseball-Reference daily pitcher logs (one row per pitcher per day: IP, H, R, ER, BB, SO, HR,
 * BF, pitches, GS, mlbID) → pitcher game logs. Clubs are city names resolved with the league
 * (`Lev`) and, for the opponent in a two-club city, with the opposing staff's lines of the same
 * day (see ./teams.ts). The logs are per DAY, not per game, so a line on a day the club played a
 * doubleheader cannot say which game it belongs to: such lines (and `G` = 2 lines that add up both
 * games) are quarantined rather than attached to the wrong game. The blank header cells become
 * `_col1` (row number on the source page) and `_col8` (`@` for away games).
 */
import { cell, reject, stageRecords } from '../fields.js';
import { checkPitchingCounts, parseCount } from '../retrosheet/pitching-line.js';
import type { RowIssue, SourceFormat, SourceRecord, StageContext, StagedPlayerLog } from '../types.js';
import { decodeByteEscapes, parseBrefDate, parseInningsAsOuts, parseIsHome, parseLeague } from './cells.js';
import { isSharedCity, OpponentIndex, otherClubOfCity, resolveCityTeam, type GameSide } from './teams.js';

/** The unnamed 8th column: `@` when the pitcher's club was the visitor. */
const AWAY_FIELD = '_col8';

const BREF_COLUMNS = {
  battersFaced: 'BF',
  strikeouts: 'SO',
  walks: 'BB',
  hits: 'H',
  runs: 'R',
  earnedRuns: 'ER',
  homeRuns: 'HR',
} as const;

/** One row read on its own: everything but the opponent of a shared city and the game number. */
interface ParsedLine extends GameSide {
  readonly record: SourceRecord;
  readonly league: 'AL' | 'NL';
  /** Resolved here unless the opponent's city has two clubs. */
  readonly opponentId: string | undefined;
  readonly games: number;
  readonly started: boolean;
  readonly mlbId: string;
  readonly log: Omit<StagedPlayerLog, 'opponentTeamId' | 'gameNumber'>;
}

/** Reads one row; throws a row issue when a cell cannot be understood. */
function parseLine(record: SourceRecord, context: StageContext): ParsedLine {
  const date = parseBrefDate(record, 'Date');
  const league = parseLeague(record);
  const isHome = parseIsHome(record, AWAY_FIELD);
  const teamCity = cell(record, 'Tm');
  const oppCity = cell(record, 'Opp');
  if (!teamCity) reject('missing_team', 'Tm', 'Tm is empty');
  if (!oppCity) reject('missing_team', 'Opp', 'Opp is empty');
  const teamId = resolveCityTeam(context.teams, teamCity, league, date, context.format);
  if (!teamId) reject('unknown_team', 'Tm', `Tm "${teamCity}" is not a known MLB club city on ${date}`);
  let opponentId: string | undefined;
  if (!isSharedCity(oppCity)) {
    opponentId = context.teams.resolve('mlb', oppCity, date, context.format);
    if (!opponentId) reject('unknown_team', 'Opp', `Opp "${oppCity}" is not a known MLB club city on ${date}`);
  }
  const games = parseCount(record, 'G');
  if (games === null || games < 1) reject('invalid_value', 'G', `G "${cell(record, 'G')}" is not a number of games ≥ 1`);
  const gs = cell(record, 'GS');
  if (!/^\d+$/.test(gs) || Number(gs) > games) reject('invalid_value', 'GS', `GS "${gs}" is not a number of starts between 0 and G (${games})`);
  const mlbId = cell(record, 'mlbID');
  if (!/^\d+$/.test(mlbId)) reject('invalid_value', 'mlbID', `mlbID "${mlbId}" is not an MLBAM player id`);

  const counts = {
    battersFaced: parseCount(record, 'BF'),
    strikeouts: parseCount(record, 'SO'),
    walks: parseCount(record, 'BB'),
    hits: parseCount(record, 'H'),
    runs: parseCount(record, 'R'),
    earnedRuns: parseCount(record, 'ER'),
    homeRuns: parseCount(record, 'HR'),
  };
  checkPitchingCounts(counts, BREF_COLUMNS);
  const name = decodeByteEscapes(cell(record, 'Name'));
  return {
    record,
    date,
    league,
    teamCity,
    oppCity,
    isHome,
    teamId,
    opponentId,
    games,
    started: Number(gs) > 0,
    mlbId,
    log: {
      sourceKey: record.contentHash,
      sport: 'mlb',
      playerRef: `mlbam:${mlbId}`,
      playerName: name || null,
      teamId,
      isHome,
      gameDate: date,
      sourceGameRef: null,
      started: Number(gs) > 0,
      outs: parseInningsAsOuts(record, 'IP'),
      ...counts,
      pitches: parseCount(record, 'Pit'),
    },
  };
}

/**
 * Club-days with more than one game, seen from the lines themselves: two different starters, a
 * line with G ≥ 2, or one pitcher on two different lines of the day.
 */
function multiGameDays(lines: readonly ParsedLine[]): Set<string> {
  const starters = new Map<string, Set<string>>();
  const pitchers = new Set<string>();
  const days = new Set<string>();
  for (const line of lines) {
    const day = `${line.date}|${line.teamId}`;
    if (line.games > 1) days.add(day);
    if (pitchers.has(`${day}|${line.mlbId}`)) days.add(day);
    pitchers.add(`${day}|${line.mlbId}`);
    if (line.started) {
      const set = starters.get(day) ?? new Set<string>();
      set.add(line.mlbId);
      starters.set(day, set);
      if (set.size > 1) days.add(day);
    }
  }
  return days;
}

/** The opponent's club id for `line`, or a row issue when the file cannot tell which club. */
function resolveOpponent(line: ParsedLine, index: OpponentIndex, context: StageContext): string {
  if (line.opponentId) return line.opponentId;
  if (line.oppCity === line.teamCity) {
    const other = otherClubOfCity(context.teams, line.oppCity, line.league, line.date, context.format);
    if (other) return other;
  }
  const candidates = [...index.opponentsOf(line)];
  if (candidates.length === 1) return candidates[0]!;
  return reject(
    'ambiguous_team',
    'Opp',
    candidates.length === 0
      ? `Opp "${line.oppCity}" has two clubs and no line of the opposing staff on ${line.date} says which one played ${line.teamCity}`
      : `Opp "${line.oppCity}": lines of both ${line.oppCity} clubs (${candidates.join(', ')}) face ${line.teamCity} on ${line.date}`,
  );
}

/** Records with distinct content (a repeated row is the pipeline's duplicate and must stage once). */
function uniqueRecords(records: readonly SourceRecord[]): SourceRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.contentHash) && seen.add(r.contentHash));
}

/** The Baseball-Reference daily pitcher log format. */
export const brefPitching: SourceFormat = {
  name: 'bref-pitching',
  description: 'Baseball-Reference daily pitcher logs (IP, SO, BF, pitches, GS, mlbID per pitcher-day) → pitcher game logs',
  requiredColumns: ['Name', 'Lev', 'Date', 'Tm', AWAY_FIELD, 'Opp', 'G', 'GS', 'IP', 'H', 'R', 'ER', 'BB', 'SO', 'HR', 'BF', 'Pit', 'mlbID'],
  fileContext: () => ({}),
  stage(records, context) {
    const parsed = stageRecords(uniqueRecords(records), (record) => parseLine(record, context));
    const lines = parsed.results.map((r) => r.value);
    const index = new OpponentIndex(lines);
    const doubleDays = multiGameDays(lines);
    const byRecord = new Map(lines.map((l) => [l.record, l]));

    const staged = stageRecords(lines.map((l) => l.record), (record): StagedPlayerLog => {
      const line = byRecord.get(record)!;
      if (line.games > 1) {
        reject('combined_games', 'G', `G ${line.games}: the line adds up ${line.games} games of ${line.date}; a game log needs one game`);
      }
      const opponentTeamId = resolveOpponent(line, index, context);
      if (opponentTeamId === line.teamId) reject('same_team', 'Opp', `Tm and Opp are both ${line.teamId}`);
      if (doubleDays.has(`${line.date}|${line.teamId}`) || doubleDays.has(`${line.date}|${opponentTeamId}`)) {
        reject('ambiguous_game_number', 'Date', `${line.teamId} played more than one game on ${line.date}; a daily line does not say which`);
      }
      // A club's only game of the day is sharpline's game number 1.
      return { ...line.log, opponentTeamId, gameNumber: 1 };
    });
    const rejects: { record: SourceRecord; issue: RowIssue }[] = [...parsed.rejects, ...staged.rejects];
    return { games: [], quotes: [], playerLogs: staged.results.map((r) => r.value), rejects };
  },
};
