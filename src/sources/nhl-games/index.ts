/**
 * @module sources/nhl-games
 * NHL games from the NHL stats API as mirrored on Kaggle (`game.csv`, license not stated): one row
 * per game with final goals and how it ended; no odds.
 *
 * How the file is read:
 * - `season` is both years (`20112012`); sharpline's season is the starting year (2011).
 * - `type` R = regular season, P = playoffs, PR = preseason; A (all-star games) are exhibitions
 *   between teams that are not franchises and are quarantined.
 * - `date_time_GMT` is the UTC start instant. `date_time` is NOT the local date: it is the UTC date
 *   (e.g. the 2012 Stanley Cup Final opener, 8 pm in Newark on 2012-05-30, is written 2012-05-31),
 *   so the game date is the start instant's date in `venue_time_zone_id` (an IANA zone; for games
 *   abroad the file gives the home team's zone, which yields the same date for those afternoon or
 *   evening starts). `venue_time_zone_offset` is a single offset per venue, not the one in force on
 *   the day, so it is not used.
 * - Teams are the API's numeric ids (team_info.csv), resolved through aliases scoped to this
 *   format in `domain/teams/nhl`; team_info.csv is not needed at import time.
 * - Goals follow the NHL convention: a shootout counts as one goal for its winner, so every
 *   "… win SO" row has a one-goal margin (checked), and OT is sudden death, so also one goal.
 *   Since 2005–06 no game ends level; a level final from then on is quarantined.
 */
import { isIsoDate } from '../../domain/time.js';
import type { SeasonType } from '../../domain/sports.js';
import { cell, parseScore, reject, resolveTeamField, stageRecords } from '../fields.js';
import type { SourceFormat, SourceRecord, StagedGame } from '../types.js';
import { isTimeZone, localDate } from './local-date.js';

const FORMAT = 'nhl-games';
const SEASON_TYPES: Record<string, SeasonType> = { R: 'regular', P: 'postseason', PR: 'preseason' };
/** The first season decided by shootouts, i.e. without ties. */
const FIRST_SEASON_WITHOUT_TIES = 2005;

/** The starting year of a `20112012` season, checked against the game date. */
function parseSeason(record: SourceRecord, gameDate: string): number {
  const text = cell(record, 'season');
  const match = /^(\d{4})(\d{4})$/.exec(text);
  const start = Number(match?.[1]);
  if (!match || Number(match[2]) !== start + 1 || start < 1917) reject('invalid_season', 'season', `season "${text}" is not two consecutive years like 20112012`);
  // Seasons run September–June; 2019–20 ended in late September 2020 and 2020–21 began in January.
  if (gameDate < `${start}-07-01` || gameDate > `${start + 1}-10-31`) reject('inconsistent_season', 'season', `season ${text} does not include ${gameDate}`);
  return start;
}

/** The UTC start instant (ms) from `date_time_GMT` (`2012-04-29T19:00:00Z`). */
function parseStart(record: SourceRecord): number {
  const text = cell(record, 'date_time_GMT');
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(text) || !isIsoDate(text.slice(0, 10)) || !Number.isFinite(ms)) {
    reject('invalid_datetime', 'date_time_GMT', `date_time_GMT "${text}" is not a UTC instant like 2012-04-29T19:00:00Z`);
  }
  return ms;
}

/** Checks the `outcome` text ("home win OT") against the goals. */
function checkOutcome(record: SourceRecord, homeScore: number, awayScore: number): void {
  const text = cell(record, 'outcome');
  if (text === '') return;
  const match = /^(home|away) win (REG|OT|SO)$/.exec(text);
  if (!match) reject('invalid_value', 'outcome', `outcome "${text}" is not like "home win REG", "away win OT" or "home win SO"`);
  const winner = homeScore > awayScore ? 'home' : 'away';
  if (match[1] !== winner) reject('inconsistent_score', 'outcome', `outcome "${text}" disagrees with the goals ${awayScore}–${homeScore} (away–home)`);
  if (match[2] !== 'REG' && Math.abs(homeScore - awayScore) !== 1) {
    reject('inconsistent_score', 'outcome', `outcome "${text}" needs a one-goal margin (sudden-death overtime, or the shootout goal), not ${awayScore}–${homeScore}`);
  }
}

export const nhlGames: SourceFormat = {
  name: FORMAT,
  description: 'NHL games (NHL stats API via Kaggle game.csv): 2010–2019 scores and how each game ended; no odds (license not stated)',
  requiredColumns: ['game_id', 'season', 'type', 'date_time', 'date_time_GMT', 'away_team_id', 'home_team_id', 'away_goals', 'home_goals', 'outcome', 'venue_time_zone_id'],
  fileContext: () => ({}),
  stage(records, context) {
    // A row repeated verbatim is one record: the pipeline counts the copies as duplicates. Staged twice,
    // its two games would share the key and the content hash, and stage-file would quarantine the
    // first copy as a duplicate_game of itself.
    const seen = new Set<string>();
    const unique = records.filter((r) => !seen.has(r.contentHash) && !!seen.add(r.contentHash));
    const { results, rejects } = stageRecords(unique, (record): StagedGame => {
      const gameId = cell(record, 'game_id');
      if (!/^\d+$/.test(gameId)) reject('invalid_value', 'game_id', `game_id "${gameId}" is not a number`);
      const startMs = parseStart(record);
      const zone = cell(record, 'venue_time_zone_id');
      if (!isTimeZone(zone)) reject('invalid_value', 'venue_time_zone_id', `venue_time_zone_id "${zone}" is not an IANA time zone`);
      const gameDate = localDate(startMs, zone)!;
      const utcDate = new Date(startMs).toISOString().slice(0, 10);
      const written = cell(record, 'date_time');
      // The file writes the UTC date; a local date would be consistent too. Anything else is not.
      if (written !== '' && written !== utcDate && written !== gameDate) {
        reject('inconsistent_date', 'date_time', `date_time ${written} is neither the UTC date (${utcDate}) nor the local date (${gameDate}) of date_time_GMT`);
      }
      const season = parseSeason(record, gameDate);
      const type = cell(record, 'type');
      if (type === 'A') reject('unsupported_game_type', 'type', 'type A is an all-star game, played by teams that are not franchises');
      const seasonType = SEASON_TYPES[type];
      if (!seasonType) reject('invalid_value', 'type', `type "${type}" is not one of ${Object.keys(SEASON_TYPES).join(', ')}`);

      const home = resolveTeamField(context.teams, 'nhl', record, 'home_team_id', gameDate, context.format);
      const away = resolveTeamField(context.teams, 'nhl', record, 'away_team_id', gameDate, context.format);
      if (home === away) reject('same_team', 'home_team_id', `home and away are both ${home}`);

      const homeScore = parseScore(record, 'home_goals', 'nhl');
      const awayScore = parseScore(record, 'away_goals', 'nhl');
      if ((homeScore === null) !== (awayScore === null)) reject('partial_score', 'home_goals', 'only one side has a score');
      if (homeScore !== null && awayScore !== null) {
        if (homeScore === awayScore) {
          if (season >= FIRST_SEASON_WITHOUT_TIES) {
            reject('impossible_score', 'home_goals', `a final of ${awayScore}–${homeScore} is a tie, which the NHL has not had since 2005–06 (shootouts decide level games)`);
          }
        } else {
          checkOutcome(record, homeScore, awayScore);
        }
      }

      return {
        sourceKey: record.contentHash,
        sourceGameRef: gameId,
        sport: 'nhl',
        league: 'NHL',
        season,
        seasonType,
        gameDate,
        startAt: new Date(startMs).toISOString(),
        gameNumber: 1,
        homeTeamId: home,
        awayTeamId: away,
        isNeutralSite: false,
        status: homeScore === null ? 'scheduled' : 'final',
        homeScore,
        awayScore,
      };
    });
    return { games: results.map((r) => r.value), quotes: [], rejects };
  },
};
