/**
 * @module sources/csv-mapped
 * `import csv --map mapping.json`: any CSV of games (and optionally quotes) described by a mapping
 * file. The mapping travels in the file context, so it is part of every record's identity and of
 * its lineage, and `pipeline run` can re-stage the records without the file.
 */
import { americanToDecimal, parseAmerican } from '../../domain/odds.js';
import type { SeasonType, Sport } from '../../domain/sports.js';
import { localToUtc } from '../../domain/time.js';
import { cell, parseScore, reject, resolveTeamField, stageRecords } from '../fields.js';
import { formatQuoteText } from '../quote-text.js';
import type { FileContext, SourceFormat, SourceRecord, StagedGame, StagedQuote } from '../types.js';
import { parseDate, parseMapping, type CsvMapping } from './mapping.js';

const TRUTHY = new Set(['1', 'true', 'yes', 'neutral']);

export const csvMapped: SourceFormat = {
  name: 'csv',
  description: 'any CSV of games and quotes, described by --map mapping.json (see docs/csv-mapping.md)',
  requiredColumns: [],
  requiredColumnsFor(context) {
    return typeof context.mapping === 'string' ? mappingColumns(parseMapping(context.mapping)) : [];
  },
  fileContext(_path, options): FileContext {
    return options.mapping ? { mapping: options.mapping } : {};
  },
  stage(records, context) {
    const mappingText = context.fileContext.mapping;
    if (typeof mappingText !== 'string') {
      // Without a mapping nothing can be read: every row is quarantined with the reason.
      return {
        games: [],
        quotes: [],
        rejects: records.map((record) => ({ record, issue: { code: 'missing_mapping', message: 'import csv needs --map mapping.json' } })),
      };
    }
    const mapping = parseMapping(mappingText);
    const sport = mapping.sport as Sport;
    const games: StagedGame[] = [];
    const quotes: StagedQuote[] = [];
    const { results, rejects } = stageRecords(records, (record) => stageRow(record, mapping, sport, context.teams, context.format));
    for (const { value } of results) {
      games.push(value.game);
      quotes.push(...value.quotes);
    }
    return { games, quotes, rejects };
  },
};

/** Checks, before reading rows, that every column the mapping names is in the header. */
export function mappingColumns(mapping: CsvMapping): string[] {
  const cols = [mapping.date.column, mapping.home_team, mapping.away_team];
  for (const c of [mapping.time?.column, mapping.season.column, mapping.home_score, mapping.away_score, mapping.neutral, mapping.game_id, mapping.season_type?.column]) {
    if (c) cols.push(c);
  }
  for (const q of mapping.quotes) for (const c of [q.price, q.line]) if (c) cols.push(c);
  return [...new Set(cols)];
}

function stageRow(record: SourceRecord, mapping: CsvMapping, sport: Sport, teams: Parameters<typeof resolveTeamField>[0], format: string) {
  const missing = mappingColumns(mapping).filter((c) => !(c in record.payload));
  if (missing.length) reject('missing_column', missing[0], `column ${missing.join(', ')} named by the mapping is not in the file`);
  const dateText = cell(record, mapping.date.column);
  const gameDate = parseDate(dateText, mapping.date.format);
  if (!gameDate) reject('invalid_date', mapping.date.column, `${mapping.date.column} "${dateText}" is not a ${mapping.date.format} date`);
  let season: number;
  if (mapping.season.column) {
    season = Number(cell(record, mapping.season.column));
    if (!Number.isInteger(season) || season < 1850) reject('invalid_season', mapping.season.column, `${mapping.season.column} "${cell(record, mapping.season.column)}" is not a year`);
  } else {
    const [y, m] = gameDate.split('-').map(Number) as [number, number];
    season = m < mapping.season.start_month ? y - 1 : y;
  }
  let seasonType: SeasonType = 'regular';
  if (mapping.season_type) {
    const raw = cell(record, mapping.season_type.column);
    const mapped = mapping.season_type.values[raw];
    if (!mapped) reject('invalid_value', mapping.season_type.column, `${mapping.season_type.column} "${raw}" is not one of ${Object.keys(mapping.season_type.values).join(', ')}`);
    seasonType = mapped;
  }
  const home = resolveTeamField(teams, sport, record, mapping.home_team, gameDate, format);
  const away = resolveTeamField(teams, sport, record, mapping.away_team, gameDate, format);
  if (home === away) reject('same_team', mapping.home_team, `home and away are both ${home}`);
  const homeScore = mapping.home_score ? parseScore(record, mapping.home_score, sport) : null;
  const awayScore = mapping.away_score ? parseScore(record, mapping.away_score, sport) : null;
  if ((homeScore === null) !== (awayScore === null)) reject('partial_score', mapping.home_score, 'only one side has a score');
  let startAt: string | null = null;
  if (mapping.time) {
    const t = cell(record, mapping.time.column);
    if (t) {
      if (!/^\d{1,2}:\d{2}$/.test(t)) reject('invalid_time', mapping.time.column, `${mapping.time.column} "${t}" is not HH:MM`);
      startAt = localToUtc(gameDate, t.padStart(5, '0'), mapping.time.time_zone);
    }
  }
  const key = record.contentHash;
  const game: StagedGame = {
    sourceKey: key,
    sourceGameRef: mapping.game_id ? cell(record, mapping.game_id) || null : null,
    sport,
    league: mapping.league,
    season,
    seasonType,
    gameDate,
    startAt,
    gameNumber: 1,
    homeTeamId: home,
    awayTeamId: away,
    isNeutralSite: mapping.neutral ? TRUTHY.has(cell(record, mapping.neutral).toLowerCase()) : false,
    status: homeScore === null ? 'scheduled' : 'final',
    homeScore,
    awayScore,
  };
  const quotes: StagedQuote[] = [];
  for (const q of mapping.quotes) {
    const priceText = q.price ? cell(record, q.price) : '';
    const lineText = q.line ? cell(record, q.line) : '';
    if (!priceText && !lineText) continue;
    let priceDecimal: number | null = null;
    if (priceText) {
      priceDecimal = q.price_format === 'american' ? americanToDecimal(parseAmerican(priceText)) : Number(priceText);
      if (!Number.isFinite(priceDecimal) || priceDecimal <= 1) reject('invalid_price', q.price, `${q.price} "${priceText}" is not a ${q.price_format} price`);
    }
    let line: number | null = null;
    if (lineText) {
      line = Number(lineText);
      if (!Number.isFinite(line)) reject('invalid_line', q.line, `${q.line} "${lineText}" is not a number`);
      if (q.negate_line) line = -line;
    }
    if (q.market !== 'moneyline' && line === null) continue;
    quotes.push({
      sourceKey: key,
      quoteSeq: quotes.length + 1,
      gameSourceKey: key,
      book: q.book,
      market: q.market,
      side: q.side,
      line: q.market === 'moneyline' ? null : line,
      priceDecimal,
      priceText: formatQuoteText(q.market === 'moneyline' ? null : line, priceText || null, { signed: q.market === 'spread' }),
      observedAt: null,
      isOpening: q.kind === 'opening',
      isClosing: q.kind === 'closing',
    });
  }
  return { game, quotes };
}
