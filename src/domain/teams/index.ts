/**
 * @module domain/teams
 * The default team registry: every sport's franchises and their aliases.
 */
import { MLB_TEAMS } from './mlb.js';
import { NBA_TEAMS } from './nba.js';
import { NFL_TEAMS } from './nfl.js';
import { NHL_TEAMS } from './nhl.js';
import { SOCCER_TEAMS } from './soccer.js';
import { TeamRegistry, type TeamDefinition } from './registry.js';

export { TeamRegistry, normaliseAlias, always, type TeamAlias, type TeamDefinition } from './registry.js';

/** All built-in team definitions. Each sport's file owns its teams. */
export const ALL_TEAMS: readonly TeamDefinition[] = [
  ...NFL_TEAMS,
  ...MLB_TEAMS,
  ...NBA_TEAMS,
  ...NHL_TEAMS,
  ...SOCCER_TEAMS,
];

let defaultRegistry: TeamRegistry | undefined;

/** The registry built from `ALL_TEAMS` (built once, on first use). */
export function teamRegistry(): TeamRegistry {
  defaultRegistry ??= new TeamRegistry(ALL_TEAMS);
  return defaultRegistry;
}
