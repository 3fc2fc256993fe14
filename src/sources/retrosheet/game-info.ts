/**
 * @module sources/retrosheet/game-info
 * Retrosheet `<year>gameinfo.csv`: one row per game with teams, park, local start time, game type
 * and final runs. All-Star games (teams ALS/NLS) are valid rows but not games between clubs, so
 * they load (kept in raw) and stage no game.
 */
import { localToUtc } from '../../domain/time.js';
import { cell, parseScore, reject, resolveTeamField } from '../fields.js';
import type { SourceRecord, StageContext, StagedGame } from '../types.js';
import { parseGameId, parseGameNumber, parseGameType, parseRetroDate, parseStartTime } from './fields.js';
import { findBallpark } from './sites.js';

/** Columns that mark a file as game info. */
export const GAME_INFO_COLUMNS = ['gid', 'visteam', 'hometeam', 'site', 'date', 'number', 'starttime', 'gametype', 'vruns', 'hruns'] as const;

/** One game-info row → its staged game, or null for an All-Star game; throws a row issue when unreadable. */
export function stageGameInfo(record: SourceRecord, context: StageContext): StagedGame | null {
  const gameDate = parseRetroDate(record, 'date');
  const { retro, gameNumber } = parseGameNumber(record);
  const homeCode = parseGameId(record, gameDate, retro);
  if (homeCode !== cell(record, 'hometeam')) {
    reject('inconsistent_game_id', 'hometeam', `hometeam "${cell(record, 'hometeam')}" is not the home team ${homeCode} named by gid`);
  }
  const gameType = parseGameType(record);
  if (gameType === 'allstar') return null;

  const season = parseSeason(record, gameDate);
  const home = resolveTeamField(context.teams, 'mlb', record, 'hometeam', gameDate, context.format);
  const away = resolveTeamField(context.teams, 'mlb', record, 'visteam', gameDate, context.format);
  if (home === away) reject('same_team', 'hometeam', `home and away are both ${home}`);

  const homeScore = parseScore(record, 'hruns', 'mlb');
  const awayScore = parseScore(record, 'vruns', 'mlb');
  if ((homeScore === null) !== (awayScore === null)) reject('partial_score', 'hruns', 'only one side has a score');
  checkWinner(record, homeScore, awayScore);

  const park = findBallpark(cell(record, 'site'));
  const time = parseStartTime(record);
  return {
    sourceKey: record.contentHash,
    sourceGameRef: cell(record, 'gid'),
    sport: 'mlb',
    league: 'MLB',
    season,
    seasonType: gameType,
    gameDate,
    // The start time is local to the park; without the park's zone there is no honest instant.
    startAt: park && time ? localToUtc(gameDate, time, park.timeZone) : null,
    gameNumber,
    homeTeamId: home,
    awayTeamId: away,
    // A park that is not the home club's own (London, the 2020 bubbles) is neutral; Buffalo in 2020 is Toronto's home.
    isNeutralSite: park ? !park.homeOf.includes(homeCode) : false,
    status: homeScore === null ? 'scheduled' : 'final',
    homeScore,
    awayScore,
  };
}

/** The `season` column when present (2019– files), else the year of the date. */
function parseSeason(record: SourceRecord, gameDate: string): number {
  const text = cell(record, 'season');
  if (text === '') return Number(gameDate.slice(0, 4));
  const season = Number(text);
  if (!/^\d{4}$/.test(text) || Math.abs(season - Number(gameDate.slice(0, 4))) > 1) {
    reject('invalid_season', 'season', `season "${text}" is not the year of the game (${gameDate})`);
  }
  return season;
}

/** `wteam` must be the side with more runs (a cross-check that catches shifted or edited rows). */
function checkWinner(record: SourceRecord, homeScore: number | null, awayScore: number | null): void {
  const winner = cell(record, 'wteam');
  if (homeScore === null || awayScore === null || winner === '') return;
  const expected = homeScore > awayScore ? cell(record, 'hometeam') : homeScore < awayScore ? cell(record, 'visteam') : '';
  if (winner !== expected) {
    reject('inconsistent_score', 'wteam', `wteam "${winner}" does not match the runs ${cell(record, 'visteam')} ${awayScore}, ${cell(record, 'hometeam')} ${homeScore}`);
  }
}
