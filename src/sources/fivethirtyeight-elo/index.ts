/**
 * @module sources/fivethirtyeight-elo
 * FiveThirtyEight's game files with their pre-game forecasts, NFL (`nfl-elo-game/data/nfl_games.csv`,
 * 1920–2020, MIT) and MLB (`mlb_elo_latest.csv`, CC BY 4.0), told apart by the header. One row is one
 * game: `team1` is the home team (538 applies no home-field edge when `neutral` = 1), `elo_prob1`
 * team1's Elo win probability, and in the MLB file `rating_prob1` the starting-pitcher-adjusted one.
 * Rows give a date but no start time. Future MLB games have empty scores: they load as scheduled.
 *
 * Decisions, each explained where it is made: MLB doubleheaders are numbered by the day's order of
 * the two teams' games (`game-numbers.ts`); 30 NFL neutral-site rows of 1999–2014 that list the
 * designated visitor first are turned round (`designated-home.ts`); the NFL file's games all get
 * number 1, so a repeated game is flagged as a duplicate rather than passed off as a doubleheader.
 */
import type { Sport } from '../../domain/sports.js';
import type { TeamRegistry } from '../../domain/teams/index.js';
import { cell, parseNumber, parseScore, reject, resolveTeamField, stageRecords } from '../fields.js';
import type { RowIssue, SourceFormat, SourceRecord, StageContext, StagedForecast, StagedGame, StageOutput } from '../types.js';
import { checkResult, parseNeutral, parsePlayoff, parseProbability } from './cells.js';
import { isVisitorListedFirst } from './designated-home.js';
import { parseEloDate } from './elo-date.js';
import { fileOrder, numberGames, pairKey } from './game-numbers.js';
import { detectLayout, type EloLayout } from './layout.js';

/** The format's command-line name; also the `sources` scope of 538-only team aliases. */
export const FIVETHIRTYEIGHT_ELO = 'fivethirtyeight-elo';

export const fivethirtyeightElo: SourceFormat = {
  name: FIVETHIRTYEIGHT_ELO,
  description: "FiveThirtyEight's NFL (1920–2020, MIT) and MLB (CC BY 4.0) Elo game files: scores and published pre-game win probabilities",
  requiredColumns: ['date', 'season', 'neutral', 'playoff', 'team1', 'team2', 'elo_prob1', 'score1', 'score2'],
  fileContext: () => ({}),
  stage(records, context) {
    if (records.length === 0) return { games: [], quotes: [], forecasts: [], rejects: [] };
    const layout = detectLayout(Object.keys(records[0]!.payload));
    if (!layout) {
      const issue: RowIssue = {
        code: 'unknown_layout',
        field: 'elo1',
        message: 'the header has neither elo1/elo2 (538 NFL file) nor elo1_pre and rating_prob1 (538 MLB file)',
      };
      return { games: [], quotes: [], forecasts: [], rejects: records.map((record) => ({ record, issue })) };
    }
    return stageLayout(records, context, layout);
  },
};

function stageLayout(records: readonly SourceRecord[], context: StageContext, layout: EloLayout): StageOutput {
  // Identical rows share a content hash, so the pipeline keeps only the first; staging the copy
  // again would give two staging rows one key. (538's 2022 file has such pairs: both games of a
  // future doubleheader before pitchers are announced.) The kept row is game 1.
  const firstOfHash = new Set<string>();
  const copies = new Set<SourceRecord>();
  for (const record of records) {
    if (firstOfHash.has(record.contentHash)) copies.add(record);
    else firstOfHash.add(record.contentHash);
  }
  const gameNumbers = layout.sport === 'mlb' ? doubleheaderNumbers(records, copies, context.teams, context.format) : new Map<SourceRecord, number>();

  const games: StagedGame[] = [];
  const forecasts: StagedForecast[] = [];
  const { results, rejects } = stageRecords(records, (record) => {
    if (copies.has(record)) return null;
    return stageRow(record, context, layout, gameNumbers.get(record) ?? 1);
  });
  for (const { value } of results) {
    if (!value) continue;
    games.push(value.game);
    forecasts.push(...value.forecasts);
  }
  return { games, quotes: [], forecasts, rejects };
}

/** The season column: a four-digit year. */
function parseSeason(record: SourceRecord): number {
  const text = cell(record, 'season');
  if (!/^\d{4}$/.test(text) || Number(text) < 1869) reject('invalid_season', 'season', `season "${text}" is not a year`);
  return Number(text);
}

/** The row's date, checked to fall in its season (an NFL season ends in the next January/February). */
function parseDate(record: SourceRecord, season: number): string {
  const text = cell(record, 'date');
  const date = parseEloDate(text, season);
  if (!date) reject('invalid_date', 'date', `date "${text}" is not a YYYY-MM-DD, m/d/yy or m/d/yyyy calendar date`);
  const year = Number(date.slice(0, 4));
  if (year < season || year > season + 1) reject('season_mismatch', 'date', `date ${date} is not in season ${season}`);
  return date;
}

/** One row → its game and forecasts, or a thrown row issue. */
function stageRow(record: SourceRecord, context: StageContext, layout: EloLayout, gameNumber: number): { game: StagedGame; forecasts: StagedForecast[] } {
  const sport: Sport = layout.sport;
  const season = parseSeason(record);
  const gameDate = parseDate(record, season);
  let isNeutralSite = parseNeutral(record);
  const seasonType = parsePlayoff(record);
  const team1 = resolveTeamField(context.teams, sport, record, 'team1', gameDate, context.format);
  const team2 = resolveTeamField(context.teams, sport, record, 'team2', gameDate, context.format);
  if (team1 === team2) reject('same_team', 'team2', `team1 and team2 are both ${team1}`);
  const score1 = parseScore(record, 'score1', sport);
  const score2 = parseScore(record, 'score2', sport);
  if ((score1 === null) !== (score2 === null)) reject('partial_score', score1 === null ? 'score1' : 'score2', 'only one team has a score');
  if (sport === 'nfl') checkResult(record, score1, score2);

  const published = layout.forecasts.map((columns) => ({
    system: columns.system,
    probability: parseProbability(record, columns.probability, columns.required),
    rating1: parseNumber(record, columns.rating1),
    rating2: parseNumber(record, columns.rating2),
  }));

  // team1 is 538's home side, except in the listed NFL rows that name the designated visitor first:
  // those are turned round, with team1's probability becoming the visitor's (home = 1 − elo_prob1).
  const swap = sport === 'nfl' && isVisitorListedFirst(gameDate, cell(record, 'team1'), cell(record, 'team2'));
  // The designated home team of a swapped game was not at its home ground (538 itself marks all
  // but one neutral; that one, Saints–Giants 2005, was played in the Giants' stadium).
  if (swap) isNeutralSite = true;

  const key = record.contentHash;
  const game: StagedGame = {
    sourceKey: key,
    sourceGameRef: null,
    sport,
    league: layout.league,
    season,
    seasonType,
    gameDate,
    startAt: null,
    gameNumber,
    homeTeamId: swap ? team2 : team1,
    awayTeamId: swap ? team1 : team2,
    isNeutralSite,
    status: score1 === null ? 'scheduled' : 'final',
    homeScore: swap ? score2 : score1,
    awayScore: swap ? score1 : score2,
  };
  const forecasts: StagedForecast[] = [];
  for (const f of published) {
    if (f.probability === null) continue;
    forecasts.push({
      sourceKey: key,
      gameSourceKey: key,
      system: f.system,
      homeWinProb: swap ? 1 - f.probability : f.probability,
      homeRating: swap ? f.rating2 : f.rating1,
      awayRating: swap ? f.rating1 : f.rating2,
    });
  }
  return { game, forecasts };
}

/**
 * Game numbers for the MLB rows whose date and teams can be read (the others are rejected later and
 * do not take a place in the sequence). Copies of a row take no place either.
 */
function doubleheaderNumbers(records: readonly SourceRecord[], copies: ReadonlySet<SourceRecord>, teams: TeamRegistry, format: string): Map<SourceRecord, number> {
  const dates: (string | undefined)[] = [];
  const keys: (string | undefined)[] = [];
  for (const record of records) {
    const season = Number(cell(record, 'season'));
    const date = Number.isInteger(season) ? parseEloDate(cell(record, 'date'), season) : undefined;
    dates.push(date);
    const team1 = date ? teams.resolve('mlb', cell(record, 'team1'), date, format) : undefined;
    const team2 = date ? teams.resolve('mlb', cell(record, 'team2'), date, format) : undefined;
    keys.push(date && team1 && team2 && !copies.has(record) ? pairKey(date, team1, team2) : undefined);
  }
  const numbers = numberGames(keys, fileOrder(dates));
  return new Map(records.map((record, index) => [record, numbers[index]!]));
}
