/**
 * @module sources/retrosheet/pitching
 * Retrosheet `<year>pitching.csv`: one row per pitcher per game (outs, batters faced, hits, runs,
 * walks, strikeouts, started). Rows with `stattype` other than `value` are Retrosheet's alternative
 * figures for the same line (official totals, uncertainty bounds): they load but stage no second
 * line. All-Star lines (ALS/NLS) load and stage nothing, like the All-Star game itself.
 */
import { cell, reject, resolveTeamField } from '../fields.js';
import type { SourceRecord, StageContext, StagedPlayerLog } from '../types.js';
import { parseGameId, parseGameNumber, parseGameType, parseRetroDate } from './fields.js';
import { checkPitchingCounts, parseCount } from './pitching-line.js';

/** Columns that mark a file as pitching lines. */
export const PITCHING_COLUMNS = ['gid', 'id', 'team', 'opp', 'stattype', 'date', 'number', 'gametype', 'p_ipouts', 'p_bfp', 'p_k'] as const;

/** `stattype` values Retrosheet documents; only `value` is its own account of the line. */
const STAT_TYPES = ['value', 'official', 'lower', 'upper'];

const RETRO_COLUMNS = {
  battersFaced: 'p_bfp',
  strikeouts: 'p_k',
  walks: 'p_w',
  hits: 'p_h',
  runs: 'p_r',
  earnedRuns: 'p_er',
  homeRuns: 'p_hr',
} as const;

/** One pitching row → its player log, or null (All-Star line, alternative stattype); throws a row issue when unreadable. */
export function stagePitchingLine(record: SourceRecord, context: StageContext): StagedPlayerLog | null {
  const statType = cell(record, 'stattype');
  if (!STAT_TYPES.includes(statType)) reject('invalid_value', 'stattype', `stattype "${statType}" is not one of ${STAT_TYPES.join(', ')}`);
  const gameDate = parseRetroDate(record, 'date');
  const { retro, gameNumber } = parseGameNumber(record);
  const homeCode = parseGameId(record, gameDate, retro);
  const gameType = parseGameType(record);
  const playerId = cell(record, 'id');
  // Retrosheet ids: 4 letters of the surname (padded with '-'), first initial, 3 digits.
  if (!/^[a-z'-]{5}\d{3}$/i.test(playerId)) reject('invalid_value', 'id', `id "${playerId}" is not a Retrosheet player id`);
  const teamCode = cell(record, 'team');
  const oppCode = cell(record, 'opp');
  if (teamCode !== homeCode && oppCode !== homeCode) {
    reject('inconsistent_game_id', 'team', `neither team "${teamCode}" nor opp "${oppCode}" is the home team ${homeCode} named by gid`);
  }
  const stats = {
    outs: parseCount(record, 'p_ipouts'),
    battersFaced: parseCount(record, 'p_bfp'),
    strikeouts: parseCount(record, 'p_k'),
    walks: parseCount(record, 'p_w'),
    hits: parseCount(record, 'p_h'),
    runs: parseCount(record, 'p_r'),
    earnedRuns: parseCount(record, 'p_er'),
    homeRuns: parseCount(record, 'p_hr'),
  };
  checkPitchingCounts(stats, RETRO_COLUMNS);
  if (gameType === 'allstar' || statType !== 'value') return null;

  const teamId = resolveTeamField(context.teams, 'mlb', record, 'team', gameDate, context.format);
  const opponentTeamId = resolveTeamField(context.teams, 'mlb', record, 'opp', gameDate, context.format);
  if (teamId === opponentTeamId) reject('same_team', 'opp', `team and opp are both ${teamId}`);
  const gs = cell(record, 'p_gs');
  if (gs !== '' && gs !== '0' && gs !== '1') reject('invalid_value', 'p_gs', `p_gs "${gs}" is not blank, 0 or 1`);
  return {
    sourceKey: record.contentHash,
    sport: 'mlb',
    playerRef: `retro:${playerId}`,
    // Names live in another Retrosheet file (allplayers.csv); a format stages one file on its own.
    playerName: null,
    teamId,
    opponentTeamId,
    isHome: teamCode === homeCode,
    gameDate,
    gameNumber,
    sourceGameRef: cell(record, 'gid'),
    started: gs === '1',
    ...stats,
    pitches: null,
  };
}
