/**
 * @module sources/retrosheet/sites
 * Retrosheet ballpark codes → the IANA time zone of the park and the clubs that call it home.
 * Retrosheet's `starttime` is the local wall-clock time at the park, so a start instant needs the
 * park's zone; a game whose park is not the home club's own park was played at a neutral site
 * (Tokyo, London, Monterrey, Mexico City, Williamsport, Dyersville, Omaha, the 2020 postseason
 * bubbles). Covers every park in the 2019–2021 and 2023 files; an unknown park gives no start
 * time and no neutral-site flag.
 */

/** A ballpark: its time zone and the Retrosheet codes of the clubs whose home park it is. */
export interface Ballpark {
  readonly name: string;
  readonly timeZone: string;
  /** Retrosheet team codes (e.g. `NYA`) that play their home games here; empty for neutral parks. */
  readonly homeOf: readonly string[];
}

const park = (name: string, timeZone: string, ...homeOf: string[]): Ballpark => ({ name, timeZone, homeOf });
const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

/** Ballparks by Retrosheet site code. */
export const BALLPARKS: Readonly<Record<string, Ballpark>> = {
  ANA01: park('Angel Stadium', PT, 'ANA'),
  ARL02: park('Globe Life Park in Arlington', CT, 'TEX'),
  ARL03: park('Globe Life Field', CT, 'TEX'),
  ATL03: park('Truist Park', ET, 'ATL'),
  BAL12: park('Oriole Park at Camden Yards', ET, 'BAL'),
  BOS07: park('Fenway Park', ET, 'BOS'),
  // The Blue Jays' home while Canada's border was closed (2020, part of 2021): home, not neutral.
  BUF05: park('Sahlen Field, Buffalo', ET, 'TOR'),
  CHI11: park('Wrigley Field', CT, 'CHN'),
  CHI12: park('Guaranteed Rate Field', CT, 'CHA'),
  CIN09: park('Great American Ball Park', ET, 'CIN'),
  CLE08: park('Progressive Field', ET, 'CLE'),
  DEN02: park('Coors Field', MT, 'COL'),
  DET05: park('Comerica Park', 'America/Detroit', 'DET'),
  DUN01: park('TD Ballpark, Dunedin', ET, 'TOR'),
  DYE01: park('Field of Dreams, Dyersville', CT),
  HOU03: park('Minute Maid Park', CT, 'HOU'),
  KAN06: park('Kauffman Stadium', CT, 'KCA'),
  LON01: park('London Stadium', 'Europe/London'),
  LOS03: park('Dodger Stadium', PT, 'LAN'),
  MEX02: park('Estadio Alfredo Harp Helú, Mexico City', 'America/Mexico_City'),
  MIA02: park('loanDepot park', ET, 'MIA'),
  MIL06: park('American Family Field', CT, 'MIL'),
  MIN04: park('Target Field', CT, 'MIN'),
  MNT01: park('Estadio de Béisbol Monterrey', 'America/Monterrey'),
  NYC20: park('Citi Field', ET, 'NYN'),
  NYC21: park('Yankee Stadium', ET, 'NYA'),
  OAK01: park('Oakland Coliseum', PT, 'OAK'),
  OMA01: park('TD Ameritrade Park, Omaha', CT),
  PHI13: park('Citizens Bank Park', ET, 'PHI'),
  PHO01: park('Chase Field', 'America/Phoenix', 'ARI'),
  PIT08: park('PNC Park', ET, 'PIT'),
  SAN02: park('Petco Park', PT, 'SDN'),
  SEA03: park('T-Mobile Park', PT, 'SEA'),
  SFO03: park('Oracle Park', PT, 'SFN'),
  STL10: park('Busch Stadium', CT, 'SLN'),
  STP01: park('Tropicana Field', ET, 'TBA'),
  TOK01: park('Tokyo Dome', 'Asia/Tokyo'),
  TOR02: park('Rogers Centre', 'America/Toronto', 'TOR'),
  WAS11: park('Nationals Park', ET, 'WAS'),
  WIL02: park('Bowman Field, Williamsport', ET),
};

/** The ballpark for a Retrosheet site code, or undefined when the code is not in the map. */
export function findBallpark(site: string): Ballpark | undefined {
  return Object.hasOwn(BALLPARKS, site) ? BALLPARKS[site] : undefined;
}
