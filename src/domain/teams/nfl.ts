/**
 * @module domain/teams/nfl
 * NFL franchises, keyed by today's code. Moves keep the id (Rams STL→LA 2016, Chargers SD→LAC
 * 2017, Raiders OAK→LV 2020), so ratings carry across them.
 */
import { always, type TeamDefinition } from './registry.js';

const team = (code: string, name: string, aliases: TeamDefinition['aliases'] = []): TeamDefinition => ({
  id: `nfl-${code.toLowerCase()}`,
  sport: 'nfl',
  name,
  aliases: [...always(code, name), ...aliases],
});

export const NFL_TEAMS: readonly TeamDefinition[] = [
  team('ARI', 'Arizona Cardinals', always('Phoenix Cardinals', 'St. Louis Cardinals')),
  team('ATL', 'Atlanta Falcons'),
  team('BAL', 'Baltimore Ravens'),
  team('BUF', 'Buffalo Bills'),
  team('CAR', 'Carolina Panthers'),
  team('CHI', 'Chicago Bears'),
  team('CIN', 'Cincinnati Bengals'),
  team('CLE', 'Cleveland Browns'),
  team('DAL', 'Dallas Cowboys'),
  team('DEN', 'Denver Broncos'),
  team('DET', 'Detroit Lions'),
  team('GB', 'Green Bay Packers', always('GNB')),
  team('HOU', 'Houston Texans'),
  team('IND', 'Indianapolis Colts', always('Baltimore Colts')),
  team('JAX', 'Jacksonville Jaguars', always('JAC')),
  team('KC', 'Kansas City Chiefs', always('KAN')),
  team('LAC', 'Los Angeles Chargers', [
    ...always('San Diego Chargers'),
    { alias: 'SD', until: '2017-03-01' },
    { alias: 'SDG', until: '2017-03-01' },
  ]),
  team('LAR', 'Los Angeles Rams', [
    ...always('St. Louis Rams'),
    { alias: 'STL', from: '1995-03-01', until: '2016-03-01' },
    { alias: 'LA', from: '2016-03-01' },
  ]),
  team('LV', 'Las Vegas Raiders', [
    ...always('Oakland Raiders'),
    { alias: 'OAK', until: '2020-03-01' },
    { alias: 'LVR', from: '2020-03-01' },
  ]),
  team('MIA', 'Miami Dolphins'),
  team('MIN', 'Minnesota Vikings'),
  team('NE', 'New England Patriots', always('NWE')),
  team('NO', 'New Orleans Saints', always('NOR')),
  team('NYG', 'New York Giants'),
  team('NYJ', 'New York Jets'),
  team('PHI', 'Philadelphia Eagles'),
  team('PIT', 'Pittsburgh Steelers'),
  team('SEA', 'Seattle Seahawks'),
  team('SF', 'San Francisco 49ers', always('SFO')),
  team('TB', 'Tampa Bay Buccaneers', always('TAM')),
  team('TEN', 'Tennessee Titans', always('Tennessee Oilers', 'Houston Oilers')),
  team('WAS', 'Washington Football Team', always('WSH', 'Washington Redskins', 'Washington Commanders')),
];
