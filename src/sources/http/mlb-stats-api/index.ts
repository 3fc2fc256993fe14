/**
 * @module sources/http/mlb-stats-api
 * MLB Stats API (`https://statsapi.mlb.com/api/v1`, no key; community-documented, shapes checked
 * against recorded responses, see test/fixtures/http/README.md):
 *
 * - `/schedule?sportId=1&startDate&endDate&gameType=R,F,D,L,W&hydrate=probablePitcher,linescore` →
 *   `dates[].games[]`, one record per game: `gamePk`, `gameType`, `officialDate` (the local game
 *   date: a 00:40Z start belongs to the day before), `gameDate` (UTC, or with an offset when the
 *   request set `timeZone`), `gameNumber` (doubleheaders), `status.abstractGameState` (Preview,
 *   Live, Final) and `detailedState` → scheduled, in_progress (Live), postponed (Postponed or
 *   Suspended: Final without a result), canceled (Cancelled) or final (scored), `teams.home|away{team{id,name}, score, probablePitcher{id, fullName}}`,
 *   `linescore.innings[]{num, home{runs}, away{runs}}` → periods (innings; 10+ are extra innings).
 * - Probable pitchers of each side → `staging.mlb_stats_api__probable_pitchers`; for final games they
 *   also call for that pitcher's season game log (a follow-up request).
 * - `/people/{id}/stats?stats=gameLog&group=pitching&season=` → `stats[0].splits[]`, one record per
 *   start or relief outing: `date`, `isHome`, `team`, `opponent`, `game.gamePk`, `stat{inningsPitched
 *   ("6.2" = 6⅔ innings = 20 outs), battersFaced, strikeOuts, baseOnBalls, hits, runs, earnedRuns,
 *   homeRuns, numberOfPitches, gamesStarted}` → `staging.player_game_logs`.
 * - `/transactions?startDate&endDate` → `transactions[]`, one record each → 
 *   `staging.mlb_stats_api__transactions`. MLB files injured-list moves as `SC` "Status Change" with
 *   the IL only in `description`, so `is_injured_list` comes from the text ("injured list").
 */
import type { SeasonType } from '../../../domain/sports.js';
import { reject, stageRecords } from '../../fields.js';
import type { SourceFormat, SourceRecord, StagedGame, StagedPeriod, StagedPlayerLog } from '../../types.js';
import { at, instant, itemOf, jsonRecord, num, optStr, parseBody, str, unexpectedShape, unreadableBody } from '../json-fields.js';
import type { DateWindow, HttpRequestSpec, HttpSource, ParsedResponse, StagedExtras, StagedProbablePitcher, StagedTransaction } from '../types.js';

const NAME = 'mlb-stats-api';
const POSTSEASON = new Set(['F', 'D', 'L', 'W']);
/** MLB's big-league team ids (108–158); transactions also name minor-league and college clubs. */
const MLB_TEAM_IDS = { min: 108, max: 158 };

function requests(window: DateWindow): HttpRequestSpec[] {
  return [
    {
      kind: 'schedule',
      path: '/api/v1/schedule',
      query: { sportId: 1, startDate: window.start, endDate: window.end, gameType: 'R,F,D,L,W', hydrate: 'probablePitcher,linescore' },
      context: { sport: 'mlb' },
    },
    { kind: 'transactions', path: '/api/v1/transactions', query: { startDate: window.start, endDate: window.end }, context: { sport: 'mlb' } },
  ];
}

function gameLogRequest(personId: string, season: string): HttpRequestSpec {
  return {
    kind: 'pitcher_game_log',
    path: `/api/v1/people/${personId}/stats`,
    query: { stats: 'gameLog', group: 'pitching', season },
    context: { sport: 'mlb', person_id: personId },
  };
}

function parse(spec: HttpRequestSpec, body: string): ParsedResponse {
  const parsed = parseBody(body);
  if (!parsed.ok) return { records: [], unreadable: [unreadableBody(spec, body, parsed.reason)], followUps: [] };
  const value = parsed.value;
  if (spec.kind === 'schedule') {
    const dates = at(value, ['dates']);
    if (!Array.isArray(dates)) return { records: [], unreadable: [unexpectedShape(spec, body, 'a schedule {dates: [{games: [...]}]}')], followUps: [] };
    const games = dates.flatMap((d) => (Array.isArray(at(d, ['games'])) ? (at(d, ['games']) as unknown[]) : []));
    const followUps = new Map<string, HttpRequestSpec>();
    for (const game of games) {
      if (at(game, ['status', 'abstractGameState']) !== 'Final') continue;
      for (const side of ['home', 'away']) {
        const id = at(game, ['teams', side, 'probablePitcher', 'id']);
        const season = at(game, ['season']);
        if ((typeof id === 'number' || typeof id === 'string') && season !== undefined) followUps.set(`${id}:${season}`, gameLogRequest(String(id), String(season)));
      }
    }
    return { records: games.map((g, i) => jsonRecord(NAME, spec, i + 1, g, {}, [])), unreadable: [], followUps: [...followUps.values()] };
  }
  if (spec.kind === 'transactions') {
    const list = at(value, ['transactions']);
    if (!Array.isArray(list)) return { records: [], unreadable: [unexpectedShape(spec, body, 'a {transactions: [...]}')], followUps: [] };
    return { records: list.map((t, i) => jsonRecord(NAME, spec, i + 1, t, {}, [])), unreadable: [], followUps: [] };
  }
  // pitcher_game_log
  const stats = at(value, ['stats']);
  if (!Array.isArray(stats)) return { records: [], unreadable: [unexpectedShape(spec, body, 'a {stats: [{splits: [...]}]}')], followUps: [] };
  const splits = stats.flatMap((block) => {
    const type = at(block, ['type', 'displayName']) ?? at(block, ['type']);
    const group = at(block, ['group', 'displayName']) ?? at(block, ['group']);
    const list = at(block, ['splits']);
    if (!Array.isArray(list)) return [];
    // Blocks say gameLog/pitching at their level; some responses say it per split instead.
    return list.filter((s) => (at(s, ['type']) ?? type) === 'gameLog' && (at(s, ['group']) ?? group) === 'pitching');
  });
  return { records: splits.map((s, i) => jsonRecord(NAME, spec, i + 1, s, {}, [spec.context.person_id ?? ''])), unreadable: [], followUps: [] };
}

/** Outs from innings in thirds notation: "6.2" → 20. */
export function outsFromInnings(text: string, field: string): number {
  const m = /^(\d+)(?:\.([012]))?$/.exec(text.trim());
  if (!m) return reject('invalid_innings', field, `${field} "${text}" is not innings in thirds notation (e.g. 6.2)`);
  return Number(m[1]) * 3 + Number(m[2] ?? 0);
}

function teamId(teams: Parameters<SourceFormat['stage']>[1]['teams'], name: string, date: string, field: string): string {
  return teams.resolve('mlb', name, date, NAME) ?? reject('unknown_team', field, `${field} "${name}" is not a known MLB team on ${date}`);
}

function stageGame(record: SourceRecord, game: unknown, teams: Parameters<SourceFormat['stage']>[1]['teams']): { game: StagedGame; periods: StagedPeriod[] } {
  const gamePk = str(game, ['gamePk']);
  const gameDate = str(game, ['officialDate']);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(gameDate)) reject('invalid_date', 'officialDate', `officialDate "${gameDate}" is not YYYY-MM-DD`);
  const startAt = instant(game, ['gameDate']);
  const homeTeamId = teamId(teams, str(game, ['teams', 'home', 'team', 'name']), gameDate, 'teams.home.team.name');
  const awayTeamId = teamId(teams, str(game, ['teams', 'away', 'team', 'name']), gameDate, 'teams.away.team.name');
  const gameType = str(game, ['gameType']);
  const seasonType: SeasonType = gameType === 'R' ? 'regular' : POSTSEASON.has(gameType) ? 'postseason' : gameType === 'S' || gameType === 'E' ? 'preseason' : reject('unsupported_game_type', 'gameType', `gameType "${gameType}" (all-star or exhibition) is not a team game sharpline stores`);
  const state = str(game, ['status', 'abstractGameState']);
  const detailed = optStr(game, ['status', 'detailedState']) ?? '';
  const isFinal = state === 'Final' && !/postponed|cancel|suspended/i.test(detailed);
  let homeScore: number | null = null;
  let awayScore: number | null = null;
  if (isFinal) {
    homeScore = num(game, ['teams', 'home', 'score']);
    awayScore = num(game, ['teams', 'away', 'score']);
    if (homeScore === awayScore && at(game, ['isTie']) !== true) reject('impossible_score', 'teams.home.score', `a final of ${awayScore}–${homeScore} is a tie`);
  }
  const periods: StagedPeriod[] = [];
  const innings = at(game, ['linescore', 'innings']);
  if (isFinal && Array.isArray(innings)) {
    innings.forEach((_, i) => {
      const n = num(game, ['linescore', 'innings', i, 'num']);
      const runs = (side: string) => {
        const v = at(game, ['linescore', 'innings', i, side, 'runs']);
        return v === undefined || v === null ? null : num(game, ['linescore', 'innings', i, side, 'runs']);
      };
      periods.push({ sourceKey: record.contentHash, period: n, periodLabel: String(n), homePoints: runs('home'), awayPoints: runs('away') });
    });
  }
  return {
    game: {
      sourceKey: record.contentHash,
      sourceGameRef: gamePk,
      sport: 'mlb',
      league: 'MLB',
      season: Number(str(game, ['season'])),
      seasonType,
      gameDate,
      startAt,
      gameNumber: at(game, ['gameNumber']) === undefined ? 1 : num(game, ['gameNumber']),
      homeTeamId,
      awayTeamId,
      isNeutralSite: false,
      status: isFinal ? 'final' : /cancel/i.test(detailed) ? 'canceled' : /postponed|suspended/i.test(detailed) ? 'postponed' : state === 'Live' ? 'in_progress' : 'scheduled',
      homeScore,
      awayScore,
    },
    periods,
  };
}

function stageGameLog(record: SourceRecord, split: unknown, teams: Parameters<SourceFormat['stage']>[1]['teams']): StagedPlayerLog {
  const gameDate = str(split, ['date']);
  const personId = record.payload.person_id ?? str(split, ['player', 'id']);
  const stat = (name: string) => (at(split, ['stat', name]) === undefined ? null : num(split, ['stat', name]));
  const started = stat('gamesStarted');
  return {
    sourceKey: record.contentHash,
    sport: 'mlb',
    playerRef: `mlbam:${personId}`,
    playerName: optStr(split, ['player', 'fullName']),
    teamId: teamId(teams, str(split, ['team', 'name']), gameDate, 'team.name'),
    opponentTeamId: teamId(teams, str(split, ['opponent', 'name']), gameDate, 'opponent.name'),
    isHome: typeof at(split, ['isHome']) === 'boolean' ? (at(split, ['isHome']) as boolean) : null,
    gameDate,
    gameNumber: 1,
    sourceGameRef: optStr(split, ['game', 'gamePk']),
    started: started === null ? null : started > 0,
    outs: outsFromInnings(str(split, ['stat', 'inningsPitched']), 'stat.inningsPitched'),
    battersFaced: stat('battersFaced'),
    strikeouts: stat('strikeOuts'),
    walks: stat('baseOnBalls'),
    hits: stat('hits'),
    runs: stat('runs'),
    earnedRuns: stat('earnedRuns'),
    homeRuns: stat('homeRuns'),
    pitches: stat('numberOfPitches'),
  };
}

function checkTransaction(t: unknown): void {
  str(t, ['id']);
  str(t, ['date']);
  str(t, ['typeCode']);
}

export const mlbStatsApiFormat: SourceFormat = {
  name: NAME,
  description: 'MLB Stats API: schedule with probable pitchers and linescore, finals, pitcher game logs, transactions',
  requiredColumns: [],
  fileContext: () => ({}),
  stage(records, context) {
    const games: StagedGame[] = [];
    const periods: StagedPeriod[] = [];
    const playerLogs: StagedPlayerLog[] = [];
    const { rejects } = stageRecords(records, (record) => {
      const item = itemOf(record);
      switch (record.payload.kind) {
        case 'schedule': {
          const staged = stageGame(record, item, context.teams);
          games.push(staged.game);
          periods.push(...staged.periods);
          break;
        }
        case 'pitcher_game_log':
          playerLogs.push(stageGameLog(record, item, context.teams));
          break;
        case 'transactions':
          checkTransaction(item);
          break;
        default:
          reject('unknown_kind', 'kind', `record kind "${record.payload.kind}" is not one this source stages`);
      }
      return true;
    });
    return { games, quotes: [], periods, playerLogs, rejects };
  },
};

function extras(records: readonly SourceRecord[], teams: Parameters<SourceFormat['stage']>[1]['teams']): StagedExtras {
  const probablePitchers: StagedProbablePitcher[] = [];
  const transactions: StagedTransaction[] = [];
  for (const record of records) {
    const item = itemOf(record);
    if (record.payload.kind === 'schedule') {
      const gameDate = String(at(item, ['officialDate']));
      for (const side of ['home', 'away'] as const) {
        const id = at(item, ['teams', side, 'probablePitcher', 'id']);
        const team = teams.resolve('mlb', String(at(item, ['teams', side, 'team', 'name'])), gameDate, NAME);
        if (id === undefined || id === null || !team) continue;
        probablePitchers.push({
          sourceKey: record.contentHash,
          side,
          sourceGameRef: String(at(item, ['gamePk'])),
          gameDate,
          teamId: team,
          playerRef: `mlbam:${id}`,
          playerName: optStr(item, ['teams', side, 'probablePitcher', 'fullName']),
        });
      }
    } else if (record.payload.kind === 'transactions') {
      const club = at(item, ['toTeam']) ?? at(item, ['fromTeam']);
      const clubId = Number(at(club, ['id']));
      const clubName = optStr(club, ['name']);
      const date = String(at(item, ['date']));
      const isBigLeague = clubId >= MLB_TEAM_IDS.min && clubId <= MLB_TEAM_IDS.max;
      const description = optStr(item, ['description']);
      transactions.push({
        sourceKey: record.contentHash,
        transactionRef: String(at(item, ['id'])),
        playerRef: at(item, ['person', 'id']) === undefined ? null : `mlbam:${at(item, ['person', 'id'])}`,
        playerName: optStr(item, ['person', 'fullName']),
        teamId: isBigLeague && clubName ? (teams.resolve('mlb', clubName, date, NAME) ?? null) : null,
        teamName: clubName,
        transactionDate: date,
        effectiveDate: optStr(item, ['effectiveDate']),
        typeCode: String(at(item, ['typeCode'])),
        description,
        isInjuredList: /injured list/i.test(description ?? ''),
      });
    }
  }
  return { probablePitchers, transactions };
}

/** The MLB Stats API adapter. */
export const mlbStatsApi: HttpSource = {
  name: NAME,
  description: 'MLB Stats API (schedule, probable pitchers, linescores, finals, pitcher game logs, transactions; no key)',
  sports: ['mlb'],
  defaultBaseUrl: 'https://statsapi.mlb.com',
  defaultWindowDays: 7,
  requests,
  parse,
  format: mlbStatsApiFormat,
  extras,
};

