/**
 * @module sources/football-data
 * football-data.co.uk season files (free use with credit): one row per league match with full-time
 * goals and odds from many bookmakers. What this format reads, and how:
 * - `Div` is the league code (E0, E1, …, SP2), stored as the league; it names the country whose
 *   clubs `HomeTeam`/`AwayTeam` must belong to.
 * - `Date` is `dd/mm/yy` or `dd/mm/yyyy`; the season is the file's (see `fileSeason`), not the row's,
 *   so the 2019-20 games played in July 2020 stay in season 2019. `--season` overrides it.
 * - `Time` (2019-20 on) is the kick-off in UK local time, read in Europe/London (so BST is handled).
 *   notes.txt says only "Time = Time of match kick off"; football-data's non-UK files carry UK times
 *   too (the Bundesliga's 15:30 local Saturday slot shows as 14:30), so the same zone applies to every
 *   league. `Date` stays the date as published: no European kick-off crosses midnight in UK time.
 *   In the shared archive only the English files of 2019-20 and 2020-21 have a Time column.
 * - FTHG/FTAG are the final score and FTR (H/D/A) must agree with them, else the row is quarantined
 *   `inconsistent_result`.
 * - Every price column becomes a quote (see `columns.ts`): 1X2 as moneyline home/draw/away, over/under
 *   2.5 goals as a total, Asian handicap as a spread (home line = AHh, away line = −AHh; quarter
 *   lines kept). Closing columns (`PSCH`, `B365C>2.5`, `AvgCAHH`, …) are `isClosing`; the others were
 *   collected some days before the match (Friday for weekend games, Tuesday for midweek ones, per
 *   football-data), so they are neither opening nor closing and have no known observation time.
 * - An unreadable price or handicap quarantines the whole row (`invalid_price` / `invalid_line`
 *   naming the column): the staging contract has no per-quote issues, and a silently missing price
 *   would bias any market average built on the rest.
 */
import { localToUtc } from '../../domain/time.js';
import { soccerCountryOf } from '../../domain/teams/soccer.js';
import { cell, parseDecimalPrice, parseScore, reject, stageRecords } from '../fields.js';
import { formatQuoteText } from '../quote-text.js';
import type { FileContext, SourceFormat, SourceRecord, StageContext, StagedGame, StagedQuote } from '../types.js';
import { parseHandicap, planPriceColumns, TOTAL_GOALS_LINE, type PriceColumn } from './columns.js';
import { fileSeason, isInSeason, parseMatchDate } from './dates.js';
import { findLeague, leagueCodes, type FootballDataLeague } from './leagues.js';

const RESULT_CODES: Readonly<Record<string, 'H' | 'D' | 'A'>> = { H: 'H', D: 'D', A: 'A' };

export const footballData: SourceFormat = {
  name: 'football-data',
  description: 'football-data.co.uk soccer results (E0–EC, D1–D2, I1–I2, SP1–SP2) with 1X2, over/under 2.5 and Asian handicap odds, pre-match and closing (credit: football-data.co.uk)',
  requiredColumns: ['Div', 'Date', 'HomeTeam', 'AwayTeam', 'FTHG', 'FTAG'],
  // Old files stop a row where its odds stop (and 1990s headers end in blank columns the rows lack).
  padShortRows: true,
  fileContext: (_path, options): FileContext => (options.season !== undefined ? { season: options.season } : {}),
  stage(records, context) {
    const games: StagedGame[] = [];
    const quotes: StagedQuote[] = [];
    const dates = new Map<SourceRecord, string>();
    for (const record of records) {
      const date = parseMatchDate(cell(record, 'Date'));
      if (date) dates.set(record, date);
    }
    const given = context.fileContext.season;
    const season = typeof given === 'number' ? given : fileSeason([...dates.values()]);
    const plan = records.length ? planPriceColumns(Object.keys(records[0]!.payload)) : [];

    const { results, rejects } = stageRecords(records, (record) => {
      const gameDate = dates.get(record);
      if (!gameDate) reject('invalid_date', 'Date', `Date "${cell(record, 'Date')}" is not a dd/mm/yy or dd/mm/yyyy date`);
      if (season === undefined || !isInSeason(gameDate, season)) {
        reject('date_outside_season', 'Date', `Date ${gameDate} lies outside season ${season}-${String(((season ?? 0) + 1) % 100).padStart(2, '0')} that the rest of the file belongs to`);
      }
      const league = findLeague(cell(record, 'Div'));
      if (!league) reject('unknown_league', 'Div', `Div "${cell(record, 'Div')}" is not a supported league (${leagueCodes().join(', ')})`);
      const home = resolveClub(context, record, 'HomeTeam', league, gameDate);
      const away = resolveClub(context, record, 'AwayTeam', league, gameDate);
      if (home === away) reject('same_team', 'AwayTeam', `home and away are both ${home}`);
      const homeScore = parseScore(record, 'FTHG', 'soccer');
      const awayScore = parseScore(record, 'FTAG', 'soccer');
      if ((homeScore === null) !== (awayScore === null)) reject('partial_score', homeScore === null ? 'FTHG' : 'FTAG', 'only one side has a score');
      checkResult(record, homeScore, awayScore);

      const key = record.contentHash;
      const game: StagedGame = {
        sourceKey: key,
        sourceGameRef: null,
        sport: 'soccer',
        league: league.code,
        season,
        seasonType: 'regular',
        gameDate,
        startAt: kickoff(record, gameDate),
        gameNumber: 1,
        homeTeamId: home,
        awayTeamId: away,
        isNeutralSite: false,
        status: homeScore === null ? 'scheduled' : 'final',
        homeScore,
        awayScore,
      };
      return { game, rowQuotes: readQuotes(record, plan) };
    });
    for (const { value } of results) {
      games.push(value.game);
      for (const q of value.rowQuotes) quotes.push(q);
    }
    return { games, quotes, rejects };
  },
};

/** The club id for a team cell, which must be a club of the league's country. */
function resolveClub(context: StageContext, record: SourceRecord, field: string, league: FootballDataLeague, date: string): string {
  const name = cell(record, field);
  if (!name) reject('missing_team', field, `${field} is empty`);
  const id = context.teams.resolve('soccer', name, date, context.format);
  if (!id || soccerCountryOf(id) !== league.country) {
    reject('unknown_team', field, `${field} "${name}" is not a known ${league.country} club on ${date}`);
  }
  return id;
}

/** FTR, when present, must be H/D/A and agree with the goals. */
function checkResult(record: SourceRecord, homeScore: number | null, awayScore: number | null): void {
  const text = cell(record, 'FTR');
  if (text === '') return;
  const ftr = RESULT_CODES[text];
  if (!ftr) reject('invalid_value', 'FTR', `FTR "${text}" is not H, D or A`);
  if (homeScore === null || awayScore === null) reject('inconsistent_result', 'FTR', `FTR is ${ftr} but the goals are missing`);
  const expected = homeScore > awayScore ? 'H' : homeScore < awayScore ? 'A' : 'D';
  if (ftr !== expected) reject('inconsistent_result', 'FTR', `FTR is ${ftr} but the score ${homeScore}-${awayScore} means ${expected}`);
}

/** The kick-off instant from `Time` (UK local time), or null when the file has no time. */
function kickoff(record: SourceRecord, gameDate: string): string | null {
  const time = cell(record, 'Time');
  if (time === '') return null;
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) reject('invalid_time', 'Time', `Time "${time}" is not HH:MM`);
  return localToUtc(gameDate, `${match[1]!.padStart(2, '0')}:${match[2]}`, 'Europe/London');
}

/** The quotes in one row, following the file's price-column plan. */
function readQuotes(record: SourceRecord, plan: readonly PriceColumn[]): StagedQuote[] {
  const key = record.contentHash;
  const rowQuotes: StagedQuote[] = [];
  const lines = new Map<string, number | null>();
  const homeLine = (field: string): number | null => {
    if (!lines.has(field)) {
      const value = parseHandicap(cell(record, field));
      if (Number.isNaN(value)) reject('invalid_line', field, `${field} "${cell(record, field)}" is not an Asian handicap line (a multiple of 0.25 within ±10)`);
      lines.set(field, value);
    }
    return lines.get(field)!;
  };
  for (const column of plan) {
    const price = parseDecimalPrice(record, column.field);
    if (!price) continue;
    let line: number | null = null;
    if (column.market === 'total') line = TOTAL_GOALS_LINE;
    else if (column.market === 'spread') {
      const home = column.lineField ? homeLine(column.lineField) : null;
      if (home === null) reject('missing_line', column.field, `${column.field} has a price but ${column.lineField ?? 'the file has no handicap column'}${column.lineField ? ' is empty' : ''}`);
      line = column.side === 'home' || home === 0 ? home : -home;
    }
    rowQuotes.push(quote(key, rowQuotes.length + 1, column, line, price));
  }
  return rowQuotes;
}

function quote(key: string, seq: number, column: PriceColumn, line: number | null, price: { text: string; decimal: number }): StagedQuote {
  return {
    sourceKey: key,
    quoteSeq: seq,
    gameSourceKey: key,
    book: column.book,
    market: column.market,
    side: column.side,
    line,
    priceDecimal: price.decimal,
    priceText: formatQuoteText(line, price.text),
    observedAt: null,
    isOpening: false,
    isClosing: column.isClosing,
  };
}
