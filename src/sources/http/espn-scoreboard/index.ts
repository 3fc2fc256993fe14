/**
 * @module sources/http/espn-scoreboard
 * ESPN's public scoreboard JSON (`/apis/site/v2/sports/{sport}/{league}/scoreboard?dates=YYYYMMDD`),
 * unofficial and undocumented, so read defensively: shapes checked against recorded 2022 responses
 * for NFL, NBA, MLB and NHL (see test/fixtures/http/README.md).
 *
 * - One record per `events[]` item; its game is `competitions[0]`, sides by `homeAway`.
 * - Teams resolve by `displayName`, then `abbreviation`.
 * - `status.type.completed` with both scores → a final. Otherwise the status (`espnStatus`) is
 *   in_progress (`state` "in"), postponed (`STATUS_POSTPONED`, `STATUS_SUSPENDED`, or "post" without
 *   completion), canceled (`STATUS_CANCELED`) or scheduled, always without score: live scores are
 *   not finals. The status text is kept in the raw record.
 * - Scores are strings ("20"); `date` is UTC with minute precision; the game date is its US Eastern
 *   date (see `easternDate`), as for The Odds API, so both meet the same curated game.
 * - `season.type`: 1 preseason, 2 regular, 3 postseason (the event's, else the scoreboard's).
 * - `competitions[0].neutralSite` marks neutral sites.
 */
import type { GameStatus, SeasonType, Sport } from '../../../domain/sports.js';
import { reject, stageRecords } from '../../fields.js';
import type { SourceFormat, StagedGame } from '../../types.js';
import { arr, at, easternDate, instant, itemOf, jsonRecord, num, optStr, parseBody, seasonOf, str, unexpectedShape, unreadableBody } from '../json-fields.js';
import type { DateWindow, HttpRequestSpec, HttpSource, ParsedResponse, RequestOptions } from '../types.js';

const NAME = 'espn-scoreboard';

/** ESPN's path for each sport sharpline collects from it. */
export const ESPN_PATHS: Readonly<Partial<Record<Sport, string>>> = {
  nfl: 'football/nfl',
  nba: 'basketball/nba',
  mlb: 'baseball/mlb',
  nhl: 'hockey/nhl',
};

function requests(window: DateWindow, sport: Sport, options: RequestOptions): HttpRequestSpec[] {
  const path = ESPN_PATHS[sport];
  if (!path) return [];
  const base = { kind: 'scoreboard', path: `/apis/site/v2/sports/${path}/scoreboard` };
  if (options.live) return [{ ...base, query: {}, context: { sport } }];
  const out: HttpRequestSpec[] = [];
  for (let t = Date.parse(`${window.start}T00:00:00Z`); t <= Date.parse(`${window.end}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ ...base, query: { dates: day.replaceAll('-', '') }, context: { sport, slate_date: day } });
  }
  return out;
}

function parse(spec: HttpRequestSpec, body: string): ParsedResponse {
  const parsed = parseBody(body);
  if (!parsed.ok) return { records: [], unreadable: [unreadableBody(spec, body, parsed.reason)], followUps: [] };
  const events = at(parsed.value, ['events']);
  if (!Array.isArray(events)) return { records: [], unreadable: [unexpectedShape(spec, body, 'a scoreboard {events: [...]}')], followUps: [] };
  const seasonType = at(parsed.value, ['season', 'type']);
  const extra: Record<string, string> = seasonType === undefined ? {} : { scoreboard_season_type: String(seasonType) };
  return { records: events.map((event, i) => jsonRecord(NAME, spec, i + 1, event, extra, [])), unreadable: [], followUps: [] };
}

/** A game ESPN does not call completed: where it stands, from `status.type` (name, then state). */
export function espnStatus(event: unknown): Exclude<GameStatus, 'final'> {
  const type = at(event, ['competitions', 0, 'status', 'type']) ?? at(event, ['status', 'type']);
  const name = String(at(type, ['name']) ?? '');
  if (/CANCEL/.test(name)) return 'canceled';
  if (/POSTPONED|SUSPENDED/.test(name)) return 'postponed';
  const state = at(type, ['state']);
  if (state === 'in') return 'in_progress';
  return state === 'post' ? 'postponed' : 'scheduled';
}

const SEASON_TYPES: Record<string, SeasonType> = { '1': 'preseason', '2': 'regular', '3': 'postseason' };

export const espnScoreboardFormat: SourceFormat = {
  name: NAME,
  description: 'ESPN public scoreboard JSON: NFL, NBA, MLB, NHL scores and status',
  requiredColumns: [],
  fileContext: () => ({}),
  stage(records, context) {
    const { results, rejects } = stageRecords(records, (record) => {
      const sport = record.payload.sport as Sport;
      if (!ESPN_PATHS[sport]) reject('unknown_sport', 'sport', `sport "${record.payload.sport}" is not on ESPN's scoreboard list`);
      const event = itemOf(record);
      const competitors = arr(event, ['competitions', 0, 'competitors']);
      const side = (homeAway: 'home' | 'away') => {
        const i = competitors.findIndex((c) => at(c, ['homeAway']) === homeAway);
        if (i < 0) reject('missing_field', `competitions[0].competitors.homeAway`, `no competitor has homeAway "${homeAway}"`);
        return i;
      };
      const startAt = instant(event, ['date']);
      const gameDate = easternDate(startAt);
      const team = (i: number, field: string) => {
        const display = str(event, ['competitions', 0, 'competitors', i, 'team', 'displayName']);
        const abbreviation = optStr(event, ['competitions', 0, 'competitors', i, 'team', 'abbreviation']);
        const id = context.teams.resolve(sport, display, gameDate, NAME) ?? (abbreviation ? context.teams.resolve(sport, abbreviation, gameDate, NAME) : undefined);
        return id ?? reject('unknown_team', field, `${field} "${display}"${abbreviation ? ` (${abbreviation})` : ''} is not a known ${sport} team on ${gameDate}`);
      };
      const h = side('home');
      const a = side('away');
      const homeTeamId = team(h, 'home team');
      const awayTeamId = team(a, 'away team');
      if (homeTeamId === awayTeamId) reject('same_team', 'home team', `home and away are both ${homeTeamId}`);
      const completed = at(event, ['competitions', 0, 'status', 'type', 'completed']) ?? at(event, ['status', 'type', 'completed']);
      let homeScore: number | null = null;
      let awayScore: number | null = null;
      if (completed === true) {
        homeScore = num(event, ['competitions', 0, 'competitors', h, 'score']);
        awayScore = num(event, ['competitions', 0, 'competitors', a, 'score']);
        for (const [s, field] of [[homeScore, 'home score'], [awayScore, 'away score']] as const) {
          if (!Number.isInteger(s) || s < 0) reject('invalid_score', field, `${field} ${s} is not a whole number ≥ 0`);
        }
      }
      const typeText = String(at(event, ['season', 'type']) ?? record.payload.scoreboard_season_type ?? '2');
      const game: StagedGame = {
        sourceKey: record.contentHash,
        sourceGameRef: str(event, ['id']),
        sport,
        league: sport.toUpperCase(),
        season: seasonOf(sport, gameDate),
        seasonType: SEASON_TYPES[typeText] ?? 'regular',
        gameDate,
        startAt,
        gameNumber: 1,
        homeTeamId,
        awayTeamId,
        isNeutralSite: at(event, ['competitions', 0, 'neutralSite']) === true,
        status: completed === true ? 'final' : espnStatus(event),
        homeScore,
        awayScore,
      };
      return game;
    });
    // Doubleheaders (MIN@CLE twice on 2022-09-17): numbered by start time within the response.
    const games = results.map((r) => r.value);
    const starts = new Map<string, string[]>();
    for (const g of games) {
      const key = `${g.gameDate}:${g.homeTeamId}:${g.awayTeamId}`;
      starts.set(key, [...new Set([...(starts.get(key) ?? []), g.startAt!])].sort());
    }
    return {
      games: games.map((g) => ({ ...g, gameNumber: starts.get(`${g.gameDate}:${g.homeTeamId}:${g.awayTeamId}`)!.indexOf(g.startAt!) + 1 })),
      quotes: [],
      rejects,
    };
  },
};

/** The ESPN scoreboard adapter. */
export const espnScoreboard: HttpSource = {
  name: NAME,
  description: 'ESPN public scoreboard (NFL, NBA, MLB, NHL scores and status; no key)',
  sports: ['nfl', 'nba', 'mlb', 'nhl'],
  defaultBaseUrl: 'https://site.api.espn.com',
  defaultWindowDays: 7,
  requests,
  parse,
  format: espnScoreboardFormat,
};
