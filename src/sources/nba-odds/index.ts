/**
 * @module sources/nba-odds
 * The NBA odds archive 2007–08 to 2017–18 (a Kaggle mirror, license not stated): one row per game
 * with the final and quarter scores and the consensus closing lines.
 *
 * How the file is read:
 * - `season` is the year the season ENDS (2008 = 2007–08). sharpline's season is the year a season
 *   starts, as for NFL, MLB and soccer, so the game's season is `season − 1`.
 * - `dates` is the local game date as `m/d/yyyy`; there is no start time.
 * - `regular`/`playoffs` are TRUE/FALSE flags, exactly one of them TRUE.
 * - Team codes are lowercase and use today's code for earlier names (`okc` for the 2007–08 Seattle
 *   SuperSonics, `bkn` for the New Jersey Nets): see `domain/teams/nba`.
 * - `spread` is the favourite's margin as a positive number and `whos_favored` says which side is
 *   the favourite, so the home line is −spread when home is favoured, +spread otherwise. The file
 *   has no prices for spreads and totals: those quotes carry the line only (never an invented −110).
 * - `moneyline_away`/`moneyline_home` are American prices (900, −1400, 100, −120).
 * - `h2_spread`/`h2_total` (second-half lines) are not stored: sharpline's markets are full-game.
 *   `id_spread`/`id_total` (did the favourite cover, did it go over) are derived from the scores
 *   and lines, so they are not stored either.
 */
import type { SeasonType } from '../../domain/sports.js';
import { cell, parseAmericanPrice, parseNumber, parseScore, reject, resolveTeamField, stageRecords } from '../fields.js';
import { formatQuoteText } from '../quote-text.js';
import type { SourceFormat, SourceRecord, StagedGame, StagedQuote } from '../types.js';
import { implausiblePairReason } from './moneyline-pair.js';
import { usDateToIso } from './us-date.js';

const FORMAT = 'nba-odds';
const QUARTERS = ['q1', 'q2', 'q3', 'q4', 'ot'] as const;

/** A TRUE/FALSE flag cell. */
function parseFlag(record: SourceRecord, field: string): boolean {
  const text = cell(record, field).toUpperCase();
  if (text === 'TRUE') return true;
  if (text === 'FALSE') return false;
  return reject('invalid_value', field, `${field} "${cell(record, field)}" is not TRUE or FALSE`);
}

/** The season's starting year from the file's ending-year column, checked against the game date. */
function parseSeason(record: SourceRecord, gameDate: string): number {
  const text = cell(record, 'season');
  const endYear = Number(text);
  if (!/^\d{4}$/.test(text) || endYear < 1947) reject('invalid_season', 'season', `season "${text}" is not a year`);
  const season = endYear - 1;
  // NBA seasons run October–June; the 2019–20 season ended in October 2020 and 2020–21 began in December.
  if (gameDate < `${season}-07-01` || gameDate > `${endYear}-10-31`) {
    reject('inconsistent_season', 'season', `season ${endYear} (${season}–${String(endYear).slice(2)}) does not include ${gameDate}`);
  }
  return season;
}

/** Checks that a side's quarter and overtime points add up to its final score, when all are given. */
function checkQuarters(record: SourceRecord, side: 'home' | 'away', final: number): void {
  const fields = QUARTERS.map((q) => `${q}_${side}`);
  if (fields.some((f) => cell(record, f) === '')) return;
  const sum = fields.reduce((total, f) => total + parseNumber(record, f)!, 0);
  if (sum !== final) {
    reject('inconsistent_score', `score_${side}`, `score_${side} ${final} differs from its quarters and overtime, which add up to ${sum}`);
  }
}

export const nbaOdds: SourceFormat = {
  name: FORMAT,
  description: 'NBA odds archive 2007–08 to 2017–18: scores and consensus closing moneyline, spread, total (license not stated)',
  requiredColumns: ['season', 'dates', 'regular', 'playoffs', 'away', 'home', 'score_away', 'score_home', 'whos_favored', 'spread', 'total', 'moneyline_away', 'moneyline_home'],
  fileContext: () => ({}),
  stage(records, context) {
    const games: StagedGame[] = [];
    const quotes: StagedQuote[] = [];
    // A row repeated verbatim is one record: the pipeline counts the copies as duplicates. Staged twice,
    // its two games would share the key and the content hash, and stage-file would quarantine the
    // first copy as a duplicate_game of itself.
    const seen = new Set<string>();
    const unique = records.filter((r) => !seen.has(r.contentHash) && !!seen.add(r.contentHash));
    const { results, rejects } = stageRecords(unique, (record) => {
      const gameDate = usDateToIso(cell(record, 'dates'));
      if (!gameDate) reject('invalid_date', 'dates', `dates "${cell(record, 'dates')}" is not a m/d/yyyy date`);
      const season = parseSeason(record, gameDate);
      const regular = parseFlag(record, 'regular');
      const playoffs = parseFlag(record, 'playoffs');
      if (regular === playoffs) reject('invalid_value', 'playoffs', `regular and playoffs are both ${regular ? 'TRUE' : 'FALSE'}`);
      const seasonType: SeasonType = playoffs ? 'postseason' : 'regular';

      const home = resolveTeamField(context.teams, 'nba', record, 'home', gameDate, context.format);
      const away = resolveTeamField(context.teams, 'nba', record, 'away', gameDate, context.format);
      if (home === away) reject('same_team', 'home', `home and away are both ${home}`);

      const homeScore = parseScore(record, 'score_home', 'nba');
      const awayScore = parseScore(record, 'score_away', 'nba');
      if ((homeScore === null) !== (awayScore === null)) reject('partial_score', 'score_home', 'only one side has a score');
      if (homeScore !== null && awayScore !== null) {
        // Overtime is played until someone leads: an NBA game cannot end level.
        if (homeScore === awayScore) reject('impossible_score', 'score_home', `a final of ${awayScore}–${homeScore} is a tie, which the NBA does not have`);
        checkQuarters(record, 'away', awayScore);
        checkQuarters(record, 'home', homeScore);
      }

      const key = record.contentHash;
      const game: StagedGame = {
        sourceKey: key,
        sourceGameRef: null,
        sport: 'nba',
        league: 'NBA',
        season,
        seasonType,
        gameDate,
        startAt: null,
        gameNumber: 1,
        homeTeamId: home,
        awayTeamId: away,
        isNeutralSite: false,
        status: homeScore === null ? 'scheduled' : 'final',
        homeScore,
        awayScore,
      };

      const rowQuotes: StagedQuote[] = [];
      const add = (market: StagedQuote['market'], side: StagedQuote['side'], line: number | null, price: { text: string; decimal: number } | null, text: string) => {
        rowQuotes.push({
          sourceKey: key,
          quoteSeq: rowQuotes.length + 1,
          gameSourceKey: key,
          book: 'consensus',
          market,
          side,
          line,
          priceDecimal: price?.decimal ?? null,
          priceText: text,
          observedAt: null,
          isOpening: false,
          isClosing: true,
        });
      };

      const homeMoneyline = parseAmericanPrice(record, 'moneyline_home');
      const awayMoneyline = parseAmericanPrice(record, 'moneyline_away');
      if (homeMoneyline && awayMoneyline) {
        const why = implausiblePairReason(homeMoneyline.decimal, awayMoneyline.decimal);
        if (why) reject('implausible_price', 'moneyline_home', `moneyline_away ${awayMoneyline.text} and moneyline_home ${homeMoneyline.text} ${why}`);
      }
      if (homeMoneyline) add('moneyline', 'home', null, homeMoneyline, homeMoneyline.text);
      if (awayMoneyline) add('moneyline', 'away', null, awayMoneyline, awayMoneyline.text);

      const spread = parseNumber(record, 'spread');
      if (spread !== null) {
        if (spread < 0) reject('invalid_line', 'spread', `spread ${spread} is negative; the file gives the favourite's margin as a positive number`);
        const favoured = cell(record, 'whos_favored').toLowerCase();
        if (favoured !== 'home' && favoured !== 'away') reject('invalid_value', 'whos_favored', `whos_favored "${cell(record, 'whos_favored')}" is not home or away`);
        // 0 − x rather than −x, so a pick'em line is +0, never −0.
        const homeLine = favoured === 'home' ? 0 - spread : spread;
        const awayLine = 0 - homeLine;
        add('spread', 'home', homeLine, null, formatQuoteText(homeLine, null));
        add('spread', 'away', awayLine, null, formatQuoteText(awayLine, null));
      }

      const total = parseNumber(record, 'total');
      if (total !== null) {
        if (total <= 0) reject('invalid_line', 'total', `total ${total} is not positive`);
        add('total', 'over', total, null, cell(record, 'total'));
        add('total', 'under', total, null, cell(record, 'total'));
      }
      return { game, rowQuotes };
    });
    for (const { value } of results) {
      games.push(value.game);
      quotes.push(...value.rowQuotes);
    }
    return { games, quotes, rejects };
  },
};
