/**
 * @module domain/teams/nfl
 * NFL franchises, keyed by today's code. Moves keep the id (Rams STL→LA 2016, Chargers SD→LAC
 * 2017, Raiders OAK→LV 2020), so ratings carry across them.
 *
 * FiveThirtyEight (`fivethirtyeight-elo`) writes one code per franchise for its whole history: ARI
 * for the Cardinals since 1920 (Chicago, St. Louis), LAR for the Rams since 1937 (Cleveland, St.
 * Louis), LAC for the Chargers, OAK for the Raiders (also in 2020, in Las Vegas), WSH for Washington
 * since 1932 (Boston Braves), TEN for the Oilers, IND for the Colts since 1953, KC for the Dallas
 * Texans of 1960–62, DET for the Portsmouth Spartans. Those codes already resolve below; where one
 * would clash with another source's meaning it is scoped to that format. Defunct franchises, and the
 * non-league clubs 538 counts in 1920–21, are teams of their own (`defunctFranchises538`).
 */
import { always, type TeamDefinition } from './registry.js';

/** The format whose own team codes the 538-only aliases below belong to. */
const FIVETHIRTYEIGHT = 'fivethirtyeight-elo';

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
    { alias: 'Los Angeles Raiders', from: '1982-03-01', until: '1995-03-01' },
    { alias: 'OAK', until: '2020-03-01' },
    { alias: 'LVR', from: '2020-03-01' },
    // 538 still writes OAK for the 2020 (Las Vegas) season.
    { alias: 'OAK', sources: [FIVETHIRTYEIGHT] },
  ]),
  team('MIA', 'Miami Dolphins'),
  team('MIN', 'Minnesota Vikings'),
  team('NE', 'New England Patriots', [...always('NWE'), { alias: 'Boston Patriots', until: '1971-03-01' }]),
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
  ...defunctFranchises538(),
];

/**
 * A franchise that no longer exists, as 538 codes it: id `nfl-<code>`, the code valid in 538's files
 * only (codes like COL, MIL, TOR or HOU mean other teams elsewhere), the name everywhere. When the
 * club could not be identified with confidence its name is its code.
 */
function defunct(code: string, name: string): TeamDefinition {
  return {
    id: `nfl-${code.toLowerCase()}`,
    sport: 'nfl',
    name,
    aliases: [{ alias: code, sources: [FIVETHIRTYEIGHT] }, ...(name === code ? [] : always(name))],
  };
}

/**
 * The 91 codes of 538's NFL file (1920–2020) that are not today's franchises. Names qualify the
 * ones that were reused (two Brooklyn Dodgers, two New York Yankees, …). 1920–21 includes clubs
 * outside the league that league teams played; those marked "code only" could not be identified
 * with confidence, so their name is the code.
 */
function defunctFranchises538(): TeamDefinition[] {
  return [
    // APFA/NFL members of the 1920s and 1930s
    defunct('AKR', 'Akron Pros'),
    defunct('BFF', 'Buffalo All-Americans'),
    defunct('BKN', 'Brooklyn Dodgers (NFL, 1930–1944)'),
    defunct('BRL', 'Brooklyn Lions'),
    defunct('CBD', 'Canton Bulldogs'),
    defunct('CCL', 'Cincinnati Celts'),
    defunct('CHT', 'Chicago Tigers'),
    defunct('CIB', 'Cleveland Bulldogs'),
    defunct('CLI', 'Cleveland Indians (1931)'),
    defunct('COL', 'Columbus Panhandles'),
    defunct('CTI', 'Cleveland Tigers'),
    defunct('DAY', 'Dayton Triangles'),
    defunct('DHR', 'Detroit Heralds'),
    defunct('DPN', 'Detroit Panthers'),
    defunct('DTI', 'Detroit Tigers (1921)'),
    defunct('DUL', 'Duluth Eskimos'),
    defunct('DWL', 'Detroit Wolverines'),
    defunct('ECG', 'Evansville Crimson Giants'),
    defunct('FYJ', 'Frankford Yellow Jackets'),
    defunct('GUN', 'St. Louis Gunners'),
    defunct('HAM', 'Hammond Pros'),
    defunct('HRT', 'Hartford Blues'),
    defunct('KCB', 'Kansas City Cowboys'),
    defunct('KEN', 'Kenosha Maroons'),
    defunct('LAB', 'Los Angeles Buccaneers'),
    defunct('LOU', 'Louisville Colonels'),
    defunct('MIL', 'Milwaukee Badgers'),
    defunct('MNN', 'Minneapolis Marines'),
    defunct('MUN', 'Muncie Flyers'),
    defunct('NG1', 'New York Brickley Giants'),
    defunct('NYA', 'New York Yankees (NFL, 1927–1928)'),
    defunct('OOR', 'Oorang Indians'),
    defunct('PRV', 'Providence Steam Roller'),
    defunct('PTB', 'Pottsville Maroons'),
    defunct('RAC', 'Racine Legion'),
    defunct('RCH', 'Rochester Jeffersons'),
    defunct('RED', 'Cincinnati Reds (NFL)'),
    defunct('RII', 'Rock Island Independents'),
    defunct('SEN', 'Washington Senators (NFL, 1921)'),
    defunct('SIS', 'Staten Island Stapletons'),
    defunct('SLA', 'St. Louis All-Stars'),
    defunct('TOL', 'Toledo Maroons'),
    defunct('TON', 'Tonawanda Kardex'),
    defunct('TOR', 'Orange/Newark Tornadoes'),
    // wartime mergers and 1940s–50s franchises
    defunct('BYK', 'Boston Yanks'),
    defunct('CRP', 'Card-Pitt'),
    defunct('DTX', 'Dallas Texans (NFL, 1952)'),
    defunct('NYY', 'New York Yanks'),
    defunct('STG', 'Phil-Pitt Steagles'),
    // All-America Football Conference, 1946–49 (538 counts its games)
    defunct('BBA', 'Buffalo Bills (AAFC)'),
    defunct('BCL', 'Baltimore Colts (1947–1950)'),
    defunct('BDA', 'Brooklyn Dodgers (AAFC)'),
    defunct('CRA', 'Chicago Rockets (AAFC)'),
    defunct('LDA', 'Los Angeles Dons (AAFC)'),
    defunct('MSA', 'Miami Seahawks (AAFC)'),
    defunct('NAA', 'New York Yankees (AAFC)'),
    // clubs outside the league that league teams played in 1920–21
    defunct('ABU', 'All-Buffalo'),
    defunct('ATN', 'All-Tonawanda'),
    defunct('CHL', 'Champaign Legion'),
    defunct('CNC', 'Cincinnati Celts (1920)'),
    defunct('CST', 'Chicago Stayms'),
    defunct('FTP', 'Fort Porter'),
    defunct('FTW', 'Fort Wayne Friars'),
    defunct('KEW', 'Kewanee Walworths'),
    defunct('MNM', 'Minneapolis Marines (1920)'),
    defunct('MUT', 'Moline Universal Tractors'),
    defunct('PTQ', 'Pitcairn Quakers'),
    defunct('STP', 'St. Paul Ideals'),
    defunct('TLM', 'Toledo Maroons (1920)'),
    defunct('UAP', 'Union A.A. of Phoenixville'),
    defunct('WBU', 'West Buffalo'),
    defunct('WHE', 'Wheeling Stogies'),
    defunct('ZAN', 'Zanesville Mark Grays'),
    // code only: 1920 opponents not identified with confidence
    defunct('CHB', 'CHB'),
    defunct('CLP', 'CLP'),
    defunct('CWP', 'CWP'),
    defunct('DTM', 'DTM'),
    defunct('ELY', 'ELY'),
    defunct('GAR', 'GAR'),
    defunct('LAN', 'LAN'),
    defunct('LOG', 'LOG'),
    defunct('MCK', 'MCK'),
    defunct('PUL', 'PUL'),
    defunct('RCK', 'RCK'),
    defunct('RIC', 'RIC'),
    defunct('ROS', 'ROS'),
    defunct('SYR', 'SYR'),
    defunct('THO', 'THO'),
    defunct('UTI', 'UTI'),
    defunct('WGC', 'WGC'),
    defunct('WJA', 'WJA'),
  ];
}
