/**
 * @module sources/http/the-odds-api
 * The Odds API v4 (https://the-odds-api.com/liveapi/guides/v4/): sports list, current odds,
 * scores, and historical odds snapshots. The key goes in `apiKey` (from `THE_ODDS_API_KEY`); every
 * response carries `x-requests-remaining/used/last`, which the client tracks.
 *
 * How responses are read (shapes checked against the provider's docs examples and recorded
 * responses; see test/fixtures/http/README.md):
 * - `/v4/sports` → one record per sport (`key`, `active`): stages nothing, tells what is in season.
 * - `/v4/sports/{sport}/odds` → one record per event; `/v4/historical/sports/{sport}/odds?date=` →
 *   `{timestamp, previous_timestamp, next_timestamp, data: [event]}`, one record per event of the
 *   snapshot. An event: `id, sport_key, commence_time, home_team, away_team, bookmakers[{key,
 *   last_update, markets[{key, last_update?, outcomes[{name, price, point?}]}]}]`.
 * - Markets: `h2h` → moneyline (outcome named after a team, or `Draw`), `spreads` → spread (`point`
 *   from that team's side), `totals` → total (`Over`/`Under`, `point`). Other market keys (`h2h_lay`,
 *   player props) are not sharpline markets and are skipped; a missing market simply yields no quotes.
 * - Prices follow the request's `oddsFormat` (decimal by default; `american` understood too).
 *   Times may be ISO or unix seconds (`dateFormat=unix`).
 * - `observed_at`: for a historical snapshot, the snapshot's `timestamp`; for current odds, the
 *   market's `last_update`, else the bookmaker's, else the fetch time.
 * - Games: the start's US Eastern date (see `easternDate`), doubleheaders numbered by start time.
 * - `/v4/sports/{sport}/scores` → one record per event; a `completed` event with both scores is a
 *   final; one with scores but not completed is in_progress, without them scheduled (live scores
 *   are not finals and are not stored as scores).
 */
import { americanToDecimal } from '../../../domain/odds.js';
import type { Market, SeasonType, Side, Sport } from '../../../domain/sports.js';
import { reject, stageRecords } from '../../fields.js';
import { formatQuoteText } from '../../quote-text.js';
import type { SourceFormat, SourceRecord, StagedGame, StagedQuote } from '../../types.js';
import { arr, at, easternDate, instant, itemOf, jsonRecord, num, optStr, parseBody, seasonOf, str, unexpectedShape, unreadableBody } from '../json-fields.js';
import type { DateWindow, HttpRequestSpec, HttpSource, ParsedResponse, RequestOptions } from '../types.js';

const NAME = 'the-odds-api';

/** The Odds API's sport keys for sharpline's sports. */
export const ODDS_API_SPORT_KEYS: Readonly<Record<Sport, string>> = {
  nfl: 'americanfootball_nfl',
  nba: 'basketball_nba',
  mlb: 'baseball_mlb',
  nhl: 'icehockey_nhl',
  soccer: 'soccer_epl',
};

const SPORT_BY_KEY = new Map<string, Sport>(Object.entries(ODDS_API_SPORT_KEYS).map(([sport, key]) => [key, sport as Sport]));

function sportOfKey(key: string): Sport | undefined {
  return SPORT_BY_KEY.get(key) ?? (key.startsWith('soccer_') ? 'soccer' : undefined);
}

const MARKETS: Readonly<Record<string, Market>> = { h2h: 'moneyline', spreads: 'spread', totals: 'total' };

function days(window: DateWindow): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${window.start}T00:00:00Z`); t <= Date.parse(`${window.end}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function requests(window: DateWindow, sport: Sport, options: RequestOptions): HttpRequestSpec[] {
  const sportKey = ODDS_API_SPORT_KEYS[sport];
  const common = { regions: options.regions ?? 'us', markets: options.markets ?? 'h2h,spreads,totals', oddsFormat: 'decimal', dateFormat: 'iso' };
  const context = { sport, odds_format: 'decimal' };
  if (options.live) {
    return [
      { kind: 'odds', path: `/v4/sports/${sportKey}/odds`, query: common, context },
      { kind: 'scores', path: `/v4/sports/${sportKey}/scores`, query: { daysFrom: 3, dateFormat: 'iso' }, context },
    ];
  }
  const times = options.snapshotTimes?.length ? options.snapshotTimes : ['16:00'];
  return days(window).flatMap((day) =>
    times.map((time) => ({
      kind: 'historical_odds',
      path: `/v4/historical/sports/${sportKey}/odds`,
      query: { ...common, date: `${day}T${time}:00Z` },
      context: { ...context, requested_at: `${day}T${time}:00Z` },
    })),
  );
}

function parse(spec: HttpRequestSpec, body: string, fetchedAt: string): ParsedResponse {
  const parsed = parseBody(body);
  if (!parsed.ok) return { records: [], unreadable: [unreadableBody(spec, body, parsed.reason)], followUps: [] };
  const value = parsed.value;
  if (spec.kind === 'historical_odds') {
    const data = at(value, ['data']);
    const timestamp = at(value, ['timestamp']);
    if (!Array.isArray(data) || (typeof timestamp !== 'string' && typeof timestamp !== 'number')) {
      return { records: [], unreadable: [unexpectedShape(spec, body, 'a historical snapshot {timestamp, data: [events]}')], followUps: [] };
    }
    const snapshotAt = String(timestamp);
    // Identity: the snapshot time and the event as received; asking twice for one snapshot dedupes.
    return { records: data.map((event, i) => jsonRecord(NAME, spec, i + 1, event, { snapshot_at: snapshotAt }, [snapshotAt])), unreadable: [], followUps: [] };
  }
  if (!Array.isArray(value)) return { records: [], unreadable: [unexpectedShape(spec, body, 'a list')], followUps: [] };
  // Current odds and scores: the event as received is its identity (an unchanged event polled again
  // is a duplicate), the fetch time rides along for quotes without last_update.
  return { records: value.map((item, i) => jsonRecord(NAME, spec, i + 1, item, { fetched_at: fetchedAt }, [])), unreadable: [], followUps: [] };
}

function seasonType(_sport: Sport): SeasonType {
  return 'regular'; // the API does not say; curated keeps the type another source gives the same game
}

interface EventCore {
  sport: Sport;
  startAt: string;
  gameDate: string;
  homeName: string;
  awayName: string;
  homeTeamId: string;
  awayTeamId: string;
}

function readEvent(record: SourceRecord, event: unknown, teams: Parameters<SourceFormat['stage']>[1]['teams']): EventCore {
  const sportKey = str(event, ['sport_key']);
  const sport = sportOfKey(sportKey) ?? reject('unknown_sport', 'sport_key', `sport_key "${sportKey}" is not a sport sharpline collects`);
  if (record.payload.sport && record.payload.sport !== sport) reject('unexpected_sport', 'sport_key', `sport_key "${sportKey}" in a response for ${record.payload.sport}`);
  const startAt = instant(event, ['commence_time']);
  const gameDate = easternDate(startAt);
  const homeName = str(event, ['home_team']);
  const awayName = str(event, ['away_team']);
  const homeTeamId = teams.resolve(sport, homeName, gameDate, NAME) ?? reject('unknown_team', 'home_team', `home_team "${homeName}" is not a known ${sport} team on ${gameDate}`);
  const awayTeamId = teams.resolve(sport, awayName, gameDate, NAME) ?? reject('unknown_team', 'away_team', `away_team "${awayName}" is not a known ${sport} team on ${gameDate}`);
  if (homeTeamId === awayTeamId) reject('same_team', 'home_team', `home and away are both ${homeTeamId}`);
  return { sport, startAt, gameDate, homeName, awayName, homeTeamId, awayTeamId };
}

function priceOf(record: SourceRecord, value: unknown, path: (string | number)[]): { decimal: number; text: string } {
  const n = num(value, path);
  const text = String(at(value, path));
  const decimal = record.payload.odds_format === 'american' ? americanToDecimal(n) : n;
  if (!Number.isFinite(decimal) || decimal <= 1) reject('invalid_price', path.join('.'), `price ${text} is not valid odds`);
  return { decimal, text };
}

function readQuotes(record: SourceRecord, event: unknown, core: EventCore): StagedQuote[] {
  const quotes: StagedQuote[] = [];
  const bookmakers = arr(event, ['bookmakers']);
  const snapshotAt = record.payload.snapshot_at ? instant(record.payload, ['snapshot_at']) : null;
  bookmakers.forEach((_, b) => {
    const book = str(event, ['bookmakers', b, 'key']);
    const markets = arr(event, ['bookmakers', b, 'markets']);
    markets.forEach((__, m) => {
      const marketKey = str(event, ['bookmakers', b, 'markets', m, 'key']);
      const market = MARKETS[marketKey];
      if (!market) return;
      const observedAt =
        snapshotAt ??
        (optStr(event, ['bookmakers', b, 'markets', m, 'last_update']) !== null
          ? instant(event, ['bookmakers', b, 'markets', m, 'last_update'])
          : optStr(event, ['bookmakers', b, 'last_update']) !== null
            ? instant(event, ['bookmakers', b, 'last_update'])
            : instant(record.payload, ['fetched_at']));
      const outcomes = arr(event, ['bookmakers', b, 'markets', m, 'outcomes']);
      outcomes.forEach((___, o) => {
        const base = ['bookmakers', b, 'markets', m, 'outcomes', o];
        const name = str(event, [...base, 'name']);
        const price = priceOf(record, event, [...base, 'price']);
        let side: Side;
        let line: number | null = null;
        if (market === 'total') {
          const lower = name.toLowerCase();
          if (lower !== 'over' && lower !== 'under') reject('unknown_outcome', `${base.join('.')}.name`, `totals outcome "${name}" is not Over or Under`);
          side = lower as Side;
          line = num(event, [...base, 'point']);
        } else {
          if (name === core.homeName) side = 'home';
          else if (name === core.awayName) side = 'away';
          else if (market === 'moneyline' && name.toLowerCase() === 'draw') side = 'draw';
          else return reject('unknown_outcome', `${base.join('.')}.name`, `${marketKey} outcome "${name}" is neither ${core.homeName} nor ${core.awayName}`);
          if (market === 'spread') line = num(event, [...base, 'point']);
        }
        quotes.push({
          sourceKey: record.contentHash,
          quoteSeq: quotes.length + 1,
          gameSourceKey: record.contentHash,
          book,
          market,
          side,
          line,
          priceDecimal: price.decimal,
          priceText: formatQuoteText(line, price.text, { signed: market === 'spread' }),
          observedAt,
          isOpening: false,
          isClosing: false,
        });
      });
    });
  });
  return quotes;
}

function readScores(event: unknown, core: EventCore): { homeScore: number | null; awayScore: number | null; final: boolean; live: boolean } {
  const completed = at(event, ['completed']) === true;
  const scores = at(event, ['scores']);
  // Not completed but scored: the game is under way (its running score is not a result).
  const started = scores !== null && scores !== undefined;
  if (!completed || !started) return { homeScore: null, awayScore: null, final: false, live: started && !completed };
  const list = arr(event, ['scores']);
  const scoreFor = (team: string) => {
    const i = list.findIndex((s) => at(s, ['name']) === team);
    if (i < 0) return reject('missing_field', 'scores', `scores has no entry for ${team}`);
    const n = num(event, ['scores', i, 'score']);
    if (!Number.isInteger(n) || n < 0) reject('invalid_score', `scores[${i}].score`, `score ${n} for ${team} is not a whole number ≥ 0`);
    return n;
  };
  return { homeScore: scoreFor(core.homeName), awayScore: scoreFor(core.awayName), final: true, live: false };
}

export const theOddsApiFormat: SourceFormat = {
  name: NAME,
  description: 'The Odds API v4: odds (h2h, spreads, totals) per bookmaker, historical snapshots, scores',
  requiredColumns: [],
  fileContext: () => ({}),
  stage(records, context) {
    const games: StagedGame[] = [];
    const quotes: StagedQuote[] = [];
    const { results, rejects } = stageRecords(records, (record) => {
      const kind = record.payload.kind;
      if (kind === 'sport') return null;
      const event = itemOf(record);
      const core = readEvent(record, event, context.teams);
      const scores = kind === 'scores' ? readScores(event, core) : { homeScore: null, awayScore: null, final: false, live: false };
      const game: StagedGame = {
        sourceKey: record.contentHash,
        sourceGameRef: str(event, ['id']),
        sport: core.sport,
        league: core.sport.toUpperCase(),
        season: seasonOf(core.sport, core.gameDate),
        seasonType: seasonType(core.sport),
        gameDate: core.gameDate,
        startAt: core.startAt,
        gameNumber: 1,
        homeTeamId: core.homeTeamId,
        awayTeamId: core.awayTeamId,
        isNeutralSite: false,
        status: scores.final ? 'final' : scores.live ? 'in_progress' : 'scheduled',
        homeScore: scores.homeScore,
        awayScore: scores.awayScore,
      };
      return { game, quotes: kind === 'scores' ? [] : readQuotes(record, event, core) };
    });
    // Doubleheaders: the same teams twice on one date are games 1 and 2 by start time.
    const staged = results.flatMap((r) => (r.value ? [r.value] : []));
    const byMatchup = new Map<string, StagedGame[]>();
    for (const { game } of staged) {
      const key = `${game.sport}:${game.gameDate}:${game.homeTeamId}:${game.awayTeamId}`;
      byMatchup.set(key, [...(byMatchup.get(key) ?? []), game]);
    }
    const numbered = new Map<StagedGame, number>();
    for (const list of byMatchup.values()) {
      const starts = [...new Set(list.map((g) => g.startAt!))].sort();
      for (const g of list) numbered.set(g, starts.indexOf(g.startAt!) + 1);
    }
    for (const value of staged) {
      games.push({ ...value.game, gameNumber: numbered.get(value.game) ?? 1 });
      quotes.push(...value.quotes);
    }
    return { games, quotes, rejects };
  },
};

/** The Odds API adapter. */
export const theOddsApi: HttpSource = {
  name: NAME,
  description: 'The Odds API v4 (odds per bookmaker, historical snapshots, scores; key in THE_ODDS_API_KEY)',
  sports: ['nfl', 'nba', 'mlb', 'nhl', 'soccer'],
  defaultBaseUrl: 'https://api.the-odds-api.com',
  apiKeyEnv: 'THE_ODDS_API_KEY',
  apiKeyParam: 'apiKey',
  defaultWindowDays: 1,
  requests,
  parse,
  format: theOddsApiFormat,
  // `/v4/sports` does not count against the quota (the recorded quota-header sequence shows it).
  activeSports: { request: { kind: 'sport', path: '/v4/sports', query: {}, context: {} }, read: (records) => activeSports(records) },
};

/** Sports the `/v4/sports` records say are active now. */
export function activeSports(records: readonly SourceRecord[]): Sport[] {
  const out = new Set<Sport>();
  for (const r of records) {
    const item = itemOf(r);
    const sport = typeof at(item, ['key']) === 'string' ? sportOfKey(String(at(item, ['key']))) : undefined;
    if (sport && at(item, ['active']) === true) out.add(sport);
  }
  return [...out];
}
