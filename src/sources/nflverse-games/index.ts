/**
 * @module sources/nflverse-games
 * nflverse `games.csv`: one row per NFL game since 1999 with scores and closing lines.
 * `spread_line` is positive when the HOME team is favoured (so the home handicap is its negative);
 * `gametime` is US Eastern; moneylines start in 2006. Lines are consensus closing numbers.
 */
import { localToUtc, isIsoDate } from '../../domain/time.js';
import type { SeasonType } from '../../domain/sports.js';
import { cell, parseAmericanPrice, parseNumber, parseScore, reject, resolveTeamField, stageRecords } from '../fields.js';
import type { SourceFormat, StagedGame, StagedQuote } from '../types.js';
import { formatQuoteText } from '../quote-text.js';

const SEASON_TYPES: Record<string, SeasonType> = { REG: 'regular', WC: 'postseason', DIV: 'postseason', CON: 'postseason', SB: 'postseason', PRE: 'preseason' };

export const nflverseGames: SourceFormat = {
  name: 'nflverse-games',
  description: 'nflverse games.csv: NFL games 1999– with scores, closing spread/total/moneyline (CC BY 4.0)',
  requiredColumns: ['game_id', 'season', 'game_type', 'gameday', 'away_team', 'home_team', 'away_score', 'home_score', 'location'],
  fileContext: () => ({}),
  stage(records, context) {
    const games: StagedGame[] = [];
    const quotes: StagedQuote[] = [];
    const { results, rejects } = stageRecords(records, (record) => {
      const gameDate = cell(record, 'gameday');
      if (!isIsoDate(gameDate)) reject('invalid_date', 'gameday', `gameday "${gameDate}" is not a YYYY-MM-DD date`);
      const season = Number(cell(record, 'season'));
      if (!Number.isInteger(season) || season < 1920) reject('invalid_season', 'season', `season "${cell(record, 'season')}" is not a year`);
      const seasonType = SEASON_TYPES[cell(record, 'game_type')];
      if (!seasonType) reject('invalid_value', 'game_type', `game_type "${cell(record, 'game_type')}" is not one of ${Object.keys(SEASON_TYPES).join(', ')}`);
      const home = resolveTeamField(context.teams, 'nfl', record, 'home_team', gameDate, context.format);
      const away = resolveTeamField(context.teams, 'nfl', record, 'away_team', gameDate, context.format);
      if (home === away) reject('same_team', 'home_team', `home and away are both ${home}`);
      const homeScore = parseScore(record, 'home_score', 'nfl');
      const awayScore = parseScore(record, 'away_score', 'nfl');
      if ((homeScore === null) !== (awayScore === null)) reject('partial_score', 'home_score', 'only one side has a score');
      const time = cell(record, 'gametime');
      const startAt = /^\d{1,2}:\d{2}$/.test(time) ? localToUtc(gameDate, time.padStart(5, '0'), 'America/New_York') : null;

      const key = record.contentHash;
      const game: StagedGame = {
        sourceKey: key,
        sourceGameRef: cell(record, 'game_id') || null,
        sport: 'nfl',
        league: 'NFL',
        season,
        seasonType,
        gameDate,
        startAt,
        gameNumber: 1,
        homeTeamId: home,
        awayTeamId: away,
        isNeutralSite: cell(record, 'location') === 'Neutral',
        status: homeScore === null ? 'scheduled' : 'final',
        homeScore,
        awayScore,
      };

      const rowQuotes: StagedQuote[] = [];
      const add = (market: StagedQuote['market'], side: StagedQuote['side'], line: number | null, field: string) => {
        const price = parseAmericanPrice(record, field);
        // A closing line without its price is still a real line (ATS outcomes need it); never invent -110.
        if (!price && line === null) return;
        rowQuotes.push({
          sourceKey: key,
          quoteSeq: rowQuotes.length + 1,
          gameSourceKey: key,
          book: 'consensus',
          market,
          side,
          line,
          priceDecimal: price?.decimal ?? null,
          priceText: formatQuoteText(line, price?.text ?? null, { signed: market === 'spread' }),
          observedAt: null,
          isOpening: false,
          isClosing: true,
        });
      };
      add('moneyline', 'home', null, 'home_moneyline');
      add('moneyline', 'away', null, 'away_moneyline');
      const spread = parseNumber(record, 'spread_line');
      if (spread !== null) {
        add('spread', 'home', -spread, 'home_spread_odds');
        add('spread', 'away', spread, 'away_spread_odds');
      }
      const total = parseNumber(record, 'total_line');
      if (total !== null) {
        if (total <= 0) reject('invalid_line', 'total_line', `total_line ${total} is not positive`);
        add('total', 'over', total, 'over_odds');
        add('total', 'under', total, 'under_odds');
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
