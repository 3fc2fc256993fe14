/**
 * @module sources/bref-pitching/teams
 * Baseball-Reference daily logs name clubs by city. Three cities have two clubs (Chicago, New York,
 * Los Angeles): the pitcher's own club follows from `Lev`, his club's league; the opponent's does
 * not (interleague games exist), so it is read from the lines of the opposing club's pitchers in
 * the same file: same date, their city is our opponent's, their opponent is our city, and they sit
 * on the other side of the field. Their `Lev` names their club.
 */
import type { TeamRegistry } from '../../domain/teams/index.js';

/** The two clubs of a shared city, by league, as registry codes. */
const SHARED_CITIES: Readonly<Record<string, { readonly AL: string; readonly NL: string }>> = {
  Chicago: { AL: 'CWS', NL: 'CHC' },
  'New York': { AL: 'NYY', NL: 'NYM' },
  'Los Angeles': { AL: 'LAA', NL: 'LAD' },
};

/** Whether two clubs share this city name (so the name alone does not say which). */
export function isSharedCity(city: string): boolean {
  return Object.hasOwn(SHARED_CITIES, city);
}

/** The club of `city` in `league` (the league matters only for shared cities), or undefined. */
export function resolveCityTeam(teams: TeamRegistry, city: string, league: 'AL' | 'NL', date: string, format: string): string | undefined {
  const shared = Object.hasOwn(SHARED_CITIES, city) ? SHARED_CITIES[city] : undefined;
  return teams.resolve('mlb', shared ? shared[league] : city, date, format);
}

/** What one line says about the game it belongs to, for pairing with the opposing club's lines. */
export interface GameSide {
  readonly date: string;
  readonly teamCity: string;
  readonly oppCity: string;
  readonly isHome: boolean;
  readonly teamId: string;
}

/** The clubs seen on each side of each (date, home city, away city), from the lines of both staffs. */
export class OpponentIndex {
  private readonly sides = new Map<string, { home: Set<string>; away: Set<string> }>();

  constructor(lines: Iterable<GameSide>) {
    for (const line of lines) {
      const entry = this.entry(line);
      (line.isHome ? entry.home : entry.away).add(line.teamId);
    }
  }

  /**
   * The clubs of the opposing side of `line`'s game: for a shared-city opponent, the clubs whose
   * pitchers logged the same date and pairing from the other side. One club → resolved.
   */
  opponentsOf(line: GameSide): ReadonlySet<string> {
    const entry = this.entry(line);
    return line.isHome ? entry.away : entry.home;
  }

  private entry(line: GameSide): { home: Set<string>; away: Set<string> } {
    const [home, away] = line.isHome ? [line.teamCity, line.oppCity] : [line.oppCity, line.teamCity];
    const key = `${line.date}|${home}|${away}`;
    let entry = this.sides.get(key);
    if (!entry) {
      entry = { home: new Set(), away: new Set() };
      this.sides.set(key, entry);
    }
    return entry;
  }
}

/** The other club of a shared city (a club never plays itself: Yankees vs "New York" is the Mets). */
export function otherClubOfCity(teams: TeamRegistry, city: string, league: 'AL' | 'NL', date: string, format: string): string | undefined {
  return resolveCityTeam(teams, city, league === 'AL' ? 'NL' : 'AL', date, format);
}
