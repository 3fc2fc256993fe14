/**
 * The three HTTP adapters read their documented shapes: committed recorded-shape fixtures, the real
 * recorded samples in ../shared/data/api-samples (when present), and schema drift (a renamed field,
 * a new bookmaker, a missing market, truncated JSON), which is quarantined with the field and reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { espnScoreboard } from '../../src/sources/http/espn-scoreboard/index.js';
import { mlbStatsApi, outsFromInnings } from '../../src/sources/http/mlb-stats-api/index.js';
import { activeSports, theOddsApi } from '../../src/sources/http/the-odds-api/index.js';
import type { HttpRequestSpec, HttpSource } from '../../src/sources/http/types.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';
import { fixture } from './fixtures.js';

const FETCHED = '2022-11-22T16:01:00.000Z';

function stage(source: HttpSource, spec: HttpRequestSpec, body: string) {
  const parsed = source.parse(spec, body, FETCHED);
  const output = source.format.stage(parsed.records, { format: source.name, filePath: spec.path, fileContext: {}, teams: teamRegistry() });
  return { parsed, output };
}

const historical: HttpRequestSpec = { kind: 'historical_odds', path: '/v4/historical/sports/basketball_nba/odds', query: {}, context: { sport: 'nba', odds_format: 'decimal' } };
const live: HttpRequestSpec = { kind: 'odds', path: '/v4/sports/basketball_nba/odds', query: {}, context: { sport: 'nba', odds_format: 'decimal' } };
const scores: HttpRequestSpec = { kind: 'scores', path: '/v4/sports/basketball_nba/scores', query: {}, context: { sport: 'nba', odds_format: 'decimal' } };

describe('the-odds-api adapter', () => {
  it('maps a historical snapshot to games and moneyline/spread/total quotes observed at the snapshot time', () => {
    const { parsed, output } = stage(theOddsApi, historical, fixture('the-odds-api/historical_odds_nba_2022-11-22T16-00.json'));
    expect(parsed.records).toHaveLength(3);
    expect(output.rejects).toEqual([]);
    expect(output.games.map((g) => [g.gameDate, g.homeTeamId, g.awayTeamId, g.status, g.season])).toEqual([
      ['2022-11-22', 'nba-phi', 'nba-bkn', 'scheduled', 2022],
      ['2022-11-22', 'nba-mem', 'nba-sac', 'scheduled', 2022],
      ['2022-11-22', 'nba-lac', 'nba-was', 'scheduled', 2022],
    ]);
    // 3 books × (2 moneyline + 2 spread + 2 total) per game
    expect(output.quotes).toHaveLength(3 * 3 * 6);
    const memSpread = output.quotes.find((q) => q.gameSourceKey === output.games[1]!.sourceKey && q.market === 'spread' && q.side === 'home' && q.book === 'draftkings')!;
    expect(memSpread).toMatchObject({ line: -2.5, priceDecimal: 1.91, priceText: '-2.5(1.91)', observedAt: '2022-11-22T15:55:00.000Z' });
    const over = output.quotes.find((q) => q.market === 'total' && q.side === 'over')!;
    expect(over.line).toBe(222.5);
  });

  it('uses market or bookmaker last_update as observed_at for current odds, and reads scores', () => {
    const { output } = stage(theOddsApi, live, fixture('the-odds-api/odds_nba_live.json'));
    expect(output.quotes.every((q) => q.observedAt === '2022-11-22T16:50:12.000Z')).toBe(true);
    const s = stage(theOddsApi, scores, fixture('the-odds-api/scores_nba.json')).output;
    expect(s.games.map((g) => [g.status, g.homeScore, g.awayScore])).toEqual([
      ['final', 115, 106],
      ['in_progress', null, null], // under way: a live score is not a final
      ['scheduled', null, null],
    ]);
  });

  it('reports the active sports of the sports list', () => {
    const spec: HttpRequestSpec = { kind: 'sport', path: '/v4/sports', query: {}, context: {} };
    const { parsed, output } = stage(theOddsApi, spec, fixture('the-odds-api/sports.json'));
    expect(activeSports(parsed.records).sort()).toEqual(['nba', 'nfl', 'nhl']);
    expect(output.rejects).toEqual([]);
  });

  it('survives schema drift: renamed field quarantined with its path, new bookmaker kept, missing market tolerated', () => {
    const snapshot = JSON.parse(fixture('the-odds-api/historical_odds_nba_2022-11-22T16-00.json'));
    const [first, second, third] = snapshot.data;
    first.homeTeam = first.home_team; // renamed by the provider
    delete first.home_team;
    second.bookmakers.push({ ...second.bookmakers[0], key: 'newbook_us', title: 'NewBook' });
    third.bookmakers[0].markets = third.bookmakers[0].markets.filter((m: { key: string }) => m.key !== 'totals');
    third.bookmakers[1].markets[0].outcomes[0].odds = third.bookmakers[1].markets[0].outcomes[0].price; // price renamed
    delete third.bookmakers[1].markets[0].outcomes[0].price;
    const { output } = stage(theOddsApi, historical, JSON.stringify(snapshot));
    expect(output.rejects.map((r) => [r.issue.code, r.issue.field])).toEqual([
      ['missing_field', 'home_team'],
      ['missing_field', 'bookmakers[1].markets[0].outcomes[0].price'],
    ]);
    expect(output.rejects[0]!.issue.message).toMatch(/home_team is missing/);
    expect(output.games).toHaveLength(1);
    expect(new Set(output.quotes.map((q) => q.book))).toEqual(new Set(['draftkings', 'fanduel', 'betmgm', 'newbook_us']));
  });

  it('turns truncated JSON into one unreadable row with the reason', () => {
    const body = fixture('the-odds-api/historical_odds_nba_2022-11-22T16-00.json');
    const parsed = theOddsApi.parse(historical, body.slice(0, 500), FETCHED);
    expect(parsed.records).toEqual([]);
    expect(parsed.unreadable).toHaveLength(1);
    expect(parsed.unreadable[0]!.issue).toMatchObject({ code: 'unparseable_response', field: 'historical_odds' });
    const notShape = theOddsApi.parse(historical, '{"message":"quota exceeded"}', FETCHED);
    expect(notShape.unreadable[0]!.issue.code).toBe('unexpected_shape');
  });
});

describe('mlb-stats-api adapter', () => {
  const schedule: HttpRequestSpec = { kind: 'schedule', path: '/api/v1/schedule', query: {}, context: { sport: 'mlb' } };
  it('maps the schedule to games, innings, probable pitchers and game-log follow-ups', () => {
    const { parsed, output } = stage(mlbStatsApi, schedule, fixture('mlb-stats-api/schedule_2024-07-01.json'));
    expect(output.rejects).toEqual([]);
    expect(output.games.map((g) => [g.sourceGameRef, g.gameDate, g.homeTeamId, g.awayTeamId, g.status, g.homeScore, g.awayScore])).toEqual([
      ['744914', '2024-07-01', 'mlb-tor', 'mlb-hou', 'final', 1, 3],
      ['746535', '2024-07-01', 'mlb-mil', 'mlb-cin', 'scheduled', null, null],
    ]);
    expect(output.periods).toHaveLength(9);
    expect(parsed.followUps.map((f) => f.path).sort()).toEqual(['/api/v1/people/686613/stats', '/api/v1/people/692225/stats']);
    const extras = mlbStatsApi.extras!(parsed.records, teamRegistry());
    expect(extras.probablePitchers.map((p) => [p.sourceGameRef, p.side, p.playerRef, p.playerName])).toEqual([
      ['744914', 'home', 'mlbam:692225', 'Yariel Rodríguez'],
      ['744914', 'away', 'mlbam:686613', 'Hunter Brown'],
      ['746535', 'away', 'mlbam:668881', 'Hunter Greene'],
    ]);
  });

  it('maps status: Live is in progress, Postponed/Suspended postponed, Cancelled canceled, none with a score', () => {
    // The fixture's second game (Preview), re-stated as the API states the other cases.
    const body = JSON.parse(fixture('mlb-stats-api/schedule_2024-07-01.json'));
    const statuses = [
      ['Live', 'In Progress'],
      ['Final', 'Postponed'],
      ['Final', 'Suspended: Rain'],
      ['Final', 'Cancelled'],
    ].map(([abstractGameState, detailedState]) => {
      const game = body.dates[0].games[1];
      game.status = { ...game.status, abstractGameState, detailedState };
      const { output } = stage(mlbStatsApi, schedule, JSON.stringify(body));
      const staged = output.games.find((g) => g.sourceGameRef === '746535')!;
      return [staged.status, staged.homeScore, staged.awayScore];
    });
    expect(statuses).toEqual([
      ['in_progress', null, null],
      ['postponed', null, null],
      ['postponed', null, null],
      ['canceled', null, null],
    ]);
  });

  it('maps pitcher game logs (innings in thirds) and flags injured-list transactions', () => {
    const logSpec: HttpRequestSpec = { kind: 'pitcher_game_log', path: '/api/v1/people/686613/stats', query: {}, context: { sport: 'mlb', person_id: '686613' } };
    const { output } = stage(mlbStatsApi, logSpec, fixture('mlb-stats-api/people_686613_gamelog_pitching_2024.json'));
    expect(output.playerLogs!.map((l) => [l.playerRef, l.gameDate, l.teamId, l.opponentTeamId, l.outs, l.strikeouts, l.started])).toEqual([
      ['mlbam:686613', '2024-06-25', 'mlb-hou', 'mlb-cin', 16, 7, true],
      ['mlbam:686613', '2024-07-01', 'mlb-hou', 'mlb-tor', 18, 5, true],
    ]);
    expect(outsFromInnings('6.2', 'ip')).toBe(20);
    const txSpec: HttpRequestSpec = { kind: 'transactions', path: '/api/v1/transactions', query: {}, context: { sport: 'mlb' } };
    const tx = stage(mlbStatsApi, txSpec, fixture('mlb-stats-api/transactions_2024-07-01.json'));
    const extras = mlbStatsApi.extras!(tx.parsed.records, teamRegistry());
    expect(extras.transactions.map((t) => [t.transactionRef, t.teamId, t.isInjuredList])).toEqual([
      ['780001', 'mlb-mia', true],
      ['780002', 'mlb-mia', true],
      ['780003', null, false],
    ]);
  });
});

describe('espn-scoreboard adapter', () => {
  const spec: HttpRequestSpec = { kind: 'scoreboard', path: '/apis/site/v2/sports/basketball/nba/scoreboard', query: { dates: '20221122' }, context: { sport: 'nba', slate_date: '2022-11-22' } };
  it('maps finals with scores, and in-progress or scheduled games with their status and without scores', () => {
    const { output } = stage(espnScoreboard, spec, fixture('espn-scoreboard/scoreboard_nba_2022-11-22.json'));
    expect(output.rejects).toEqual([]);
    expect(output.games.map((g) => [g.gameDate, g.homeTeamId, g.awayTeamId, g.status, g.homeScore, g.awayScore, g.seasonType, g.season])).toEqual([
      ['2022-11-22', 'nba-phi', 'nba-bkn', 'final', 115, 106, 'regular', 2022],
      ['2022-11-22', 'nba-mem', 'nba-sac', 'in_progress', null, null, 'regular', 2022], // state "in": 7:12 in the 3rd quarter
      ['2022-11-22', 'nba-lac', 'nba-was', 'scheduled', null, null, 'regular', 2022],
    ]);
  });
});

describe('espn-scoreboard status', () => {
  it('reads postponed, suspended and canceled games from status.type, and a "post" game not completed as postponed', () => {
    const spec: HttpRequestSpec = { kind: 'scoreboard', path: '/apis/site/v2/sports/basketball/nba/scoreboard', query: {}, context: { sport: 'nba' } };
    const body = JSON.parse(fixture('espn-scoreboard/scoreboard_nba_2022-11-22.json'));
    const cases: [string, string, boolean][] = [
      ['STATUS_POSTPONED', 'post', false],
      ['STATUS_SUSPENDED', 'in', false],
      ['STATUS_CANCELED', 'post', false],
      ['STATUS_WEIRD', 'post', false],
      ['STATUS_SCHEDULED', 'pre', false],
    ];
    const got = cases.map(([name, state, completed]) => {
      // The fixture's in-progress game, re-stated.
      const event = body.events[1];
      for (const holder of [event.status, event.competitions[0].status]) holder.type = { ...holder.type, name, state, completed };
      const { output } = stage(espnScoreboard, spec, JSON.stringify(body));
      const game = output.games.find((g) => g.homeTeamId === 'nba-mem')!;
      return [game.status, game.homeScore];
    });
    expect(got).toEqual([
      ['postponed', null],
      ['postponed', null],
      ['canceled', null],
      ['postponed', null],
      ['scheduled', null],
    ]);
  });
});

describe.skipIf(!hasSharedData())('real recorded samples (../shared/data/api-samples)', () => {
  const dir = (name: string) => sharedPath('api-samples', name);
  const read = (name: string, file: string) => readFileSync(`${dir(name)}/${file}`, 'utf8');

  it('The Odds API odds, scores and historical samples stage with no unexpected rejects', () => {
    const files = readdirSync(dir('the-odds-api')).filter((f) => /^(odds|scores|historical_odds)_/.test(f) && /_(nba|nfl|mlb)_/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const sport = /_(nba|nfl|mlb)_/.exec(file)![1]!;
      const kind = file.startsWith('historical') ? 'historical_odds' : file.startsWith('scores') ? 'scores' : 'odds';
      const oddsFormat = file.includes('_american_') || kind === 'scores' ? 'american' : 'decimal';
      const { parsed, output } = stage(theOddsApi, { kind, path: file, query: {}, context: { sport, odds_format: oddsFormat } }, read('the-odds-api', file));
      expect(parsed.unreadable, file).toEqual([]);
      expect(output.rejects.map((r) => `${file}: ${r.issue.message}`)).toEqual([]);
      expect(output.games.length, file).toBe(parsed.records.length);
      if (kind !== 'scores' && !file.includes('draftkings')) expect(output.quotes.length, file).toBeGreaterThan(0);
    }
  });

  it('MLB schedules and ESPN scoreboards stage; doubleheaders get game numbers 1 and 2', () => {
    for (const file of readdirSync(dir('mlb-statsapi')).filter((f) => f.startsWith('schedule_'))) {
      const { output } = stage(mlbStatsApi, { kind: 'schedule', path: file, query: {}, context: { sport: 'mlb' } }, read('mlb-statsapi', file));
      expect(output.rejects.map((r) => r.issue.message), file).toEqual([]);
      expect(output.games.length, file).toBeGreaterThan(0);
    }
    const tx = stage(mlbStatsApi, { kind: 'transactions', path: 't', query: {}, context: { sport: 'mlb' } }, read('mlb-statsapi', 'transactions_2024-03-01_trimmed.json'));
    expect(tx.output.rejects).toEqual([]);
    for (const [sport, file] of [['nba', 'scoreboard_nba_2022-11-22.json'], ['nfl', 'scoreboard_nfl_2022-09-11_week1_trimmed.json'], ['mlb', 'scoreboard_mlb_2022-09-17_trimmed.json'], ['nhl', 'scoreboard_nhl_2022-09-25_preseason_trimmed.json']] as const) {
      const { output } = stage(espnScoreboard, { kind: 'scoreboard', path: file, query: {}, context: { sport } }, read('espn', file));
      expect(output.rejects.map((r) => r.issue.message), file).toEqual([]);
      if (sport === 'mlb') {
        const cle = output.games.filter((g) => g.homeTeamId === 'mlb-cle');
        expect(cle.map((g) => g.gameNumber).sort()).toEqual([1, 2]);
      }
      if (sport === 'nhl') expect(output.games.every((g) => g.seasonType === 'preseason')).toBe(true);
    }
  });
});
