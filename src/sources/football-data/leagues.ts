/**
 * @module sources/football-data/leagues
 * football-data.co.uk division codes (the `Div` column) sharpline has clubs for. The code itself is
 * stored as the league (`E0`, `SP1`, …): it is stable across the leagues' sponsor renames, while the
 * English codes kept their tier when the names changed (E1 was "Division 1" until 2004, then
 * "Championship"; EC is the Conference, now the National League).
 */
import type { SoccerCountry } from '../../domain/teams/soccer.js';

/** One division: its country (the team-id namespace) and a readable name. */
export interface FootballDataLeague {
  readonly code: string;
  readonly country: SoccerCountry;
  readonly name: string;
}

const LEAGUES: readonly FootballDataLeague[] = [
  { code: 'E0', country: 'eng', name: 'Premier League' },
  { code: 'E1', country: 'eng', name: 'Championship (Division 1 before 2004)' },
  { code: 'E2', country: 'eng', name: 'League One (Division 2 before 2004)' },
  { code: 'E3', country: 'eng', name: 'League Two (Division 3 before 2004)' },
  { code: 'EC', country: 'eng', name: 'National League (Conference)' },
  { code: 'D1', country: 'ger', name: 'Bundesliga' },
  { code: 'D2', country: 'ger', name: '2. Bundesliga' },
  { code: 'I1', country: 'ita', name: 'Serie A' },
  { code: 'I2', country: 'ita', name: 'Serie B' },
  { code: 'SP1', country: 'esp', name: 'La Liga' },
  { code: 'SP2', country: 'esp', name: 'Segunda División' },
];

const BY_CODE = new Map(LEAGUES.map((l) => [l.code, l]));

/** The division for a `Div` cell, or undefined when sharpline has no clubs for it. */
export function findLeague(code: string): FootballDataLeague | undefined {
  return BY_CODE.get(code);
}

/** Every supported division code, for messages. */
export function leagueCodes(): string[] {
  return LEAGUES.map((l) => l.code);
}
