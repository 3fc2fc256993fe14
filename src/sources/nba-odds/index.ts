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
 * - Quarter and overtime points (`q1_away`…`q4_home`, `ot_away`, `ot_home`) are stored as periods
 *   1–5 (`q1`…`q4`, `ot`; see `readPeriods`): `ot` is all overtime periods together, and a game
 *   decided in regulation has no `ot` period. Each side's periods add up to its final score
 *   (checked; on the real file they always do).
 * - `moneyline_away`/`moneyline_home` are American prices (900, −1400, 100, −120).
 * - `h2_spread`/`h2_total` (second-half lines) are not stored: sharpline's markets are full-game.
 *   `id_spread`/`id_total` (did the favourite cover, did it go over) are derived from the scores
 *   and lines, so they are not stored either.
 */
import type { SeasonType } from '../../domain/sports.js';
import { cell, parseAmericanPrice, parseNumber, parsePeriodPoints, parseScore, reject, resolveTeamField, stageRecords } from '../fields.js';
import { formatQuoteText } from '../quote-text.js';
import type { SourceFormat, SourceRecord, StagedGame, StagedPeriod, StagedQuote } from '../types.js';
import { implausiblePairReason } from './moneyline-pair.js';
import { usDateToIso } from './us-date.js';

const FORMAT = 'nba-odds';
/** The file's period columns in order (`q1_home`, …, `ot_away`): four quarters, then all overtime. */
const PERIODS = ['q1', 'q2', 'q3', 'q4', 'ot'] as const;

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

/**
 * The game's quarters (periods 1–4, `q1`…`q4`) and overtime (period 5, `ot`: every overtime period
 * together, as the file has one column for them), oriented home/away. Each cell must be a whole
 * number ≥ 0 (blank: not recorded → null). Overtime is stored only when it was played (a side
 * scored in it); the file writes 0/0 for games decided in regulation. Where a side's five cells are
 * all given, they must add up to its final score.
 */
function readPeriods(record: SourceRecord, key: string, homeScore: number | null, awayScore: number | null): StagedPeriod[] {
  const points = (period: string, side: 'home' | 'away') => parsePeriodPoints(record, `${period}_${side}`);
  const home = PERIODS.map((p) => points(p, 'home'));
  const away = PERIODS.map((p) => points(p, 'away'));
  for (const [side, cells, final] of [['away', away, awayScore], ['home', home, homeScore]] as const) {
    if (final === null || cells.some((c) => c === null)) continue;
    const sum = cells.reduce<number>((total, c) => total + c!, 0);
    if (sum !== final) {
      reject('inconsistent_score', `score_${side}`, `score_${side} ${final} differs from its quarters and overtime, which add up to ${sum}`);
    }
  }
  const periods: StagedPeriod[] = [];
  PERIODS.forEach((label, i) => {
    const [h, a] = [home[i]!, away[i]!];
    if (h === null && a === null) return;
    if (label === 'ot' && !h && !a) return; // 0/0: no overtime was played
    periods.push({ sourceKey: key, period: i + 1, periodLabel: label, homePoints: h, awayPoints: a });
  });
  return periods;
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
      }
      const key = record.contentHash;
      const periods = readPeriods(record, key, homeScore, awayScore);

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
      return { game, rowQuotes, periods };
    });
    const periods: StagedPeriod[] = [];
    for (const { value } of results) {
      games.push(value.game);
      quotes.push(...value.rowQuotes);
      periods.push(...value.periods);
    }
    return { games, quotes, periods, rejects };
  },
};
