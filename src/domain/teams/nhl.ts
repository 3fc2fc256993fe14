/**
 * @module domain/teams/nhl
 * NHL franchises, keyed by today's code (nhl-wpg, nhl-vgk, …). Moves and renames keep the id:
 * - Atlanta Thrashers → Winnipeg Jets: the move was approved on 2011-06-21 (nhl-wpg). The first
 *   Winnipeg Jets (1979–96) are a different franchise: today's nhl-ari, so "WPG" before 1996 means
 *   the Coyotes' franchise.
 * - Winnipeg Jets (1979–96) → Phoenix Coyotes → Arizona Coyotes on 2014-06-27 (nhl-ari). The Utah
 *   club of 2024 is a new franchise in the NHL's records, so it has its own id (nhl-uta).
 * - Atlanta Flames → Calgary 1980, Quebec Nordiques → Colorado 1995, Minnesota North Stars → Dallas
 *   1993, Hartford Whalers → Carolina 1997.
 *
 * The `nhl-games` format (the NHL stats API as mirrored on Kaggle) names teams by the API's numeric
 * team id (its team_info.csv); those ids are aliases scoped to that format, valid for the years the
 * id named that team (11 = Atlanta Thrashers, 52 = Winnipeg Jets; 27 = Phoenix, 53 = Arizona).
 */
import { always, type TeamAlias, type TeamDefinition } from './registry.js';

const NHL_GAMES = ['nhl-games'];
const THRASHERS_MOVE = '2011-06-21';
const COYOTES_RENAME = '2014-06-27';

/** An NHL stats API team id, as an alias that only the nhl-games format uses. */
const apiId = (id: number, period: { from?: string; until?: string } = {}): TeamAlias => ({ alias: String(id), sources: NHL_GAMES, ...period });

/** A franchise whose code is valid at every date, plus other aliases. */
const team = (code: string, name: string, aliases: readonly TeamAlias[] = []): TeamDefinition => ({
  id: `nhl-${code.toLowerCase()}`,
  sport: 'nhl',
  name,
  aliases: [...always(code, name), ...aliases],
});

/** A franchise whose own code only holds for a period (it is given as dated aliases). */
const movedTeam = (code: string, name: string, aliases: readonly TeamAlias[]): TeamDefinition => ({
  id: `nhl-${code.toLowerCase()}`,
  sport: 'nhl',
  name,
  aliases,
});

export const NHL_TEAMS: readonly TeamDefinition[] = [
  team('ANA', 'Anaheim Ducks', [...always('Mighty Ducks of Anaheim'), apiId(24)]),
  movedTeam('ARI', 'Arizona Coyotes', [
    { alias: 'WPG', until: '1996-07-01' },
    { alias: 'Winnipeg Jets', until: '1996-07-01' },
    { alias: 'PHX', from: '1996-07-01', until: COYOTES_RENAME },
    { alias: 'Phoenix Coyotes', from: '1996-07-01', until: COYOTES_RENAME },
    { alias: 'ARI', from: COYOTES_RENAME },
    { alias: 'Arizona Coyotes', from: COYOTES_RENAME },
    apiId(27, { until: COYOTES_RENAME }),
    apiId(53, { from: COYOTES_RENAME }),
  ]),
  team('BOS', 'Boston Bruins', [apiId(6)]),
  team('BUF', 'Buffalo Sabres', [apiId(7)]),
  team('CGY', 'Calgary Flames', [{ alias: 'ATL', until: '1980-07-01' }, { alias: 'Atlanta Flames', until: '1980-07-01' }, apiId(20)]),
  team('CAR', 'Carolina Hurricanes', [{ alias: 'HFD', until: '1997-07-01' }, { alias: 'Hartford Whalers', until: '1997-07-01' }, apiId(12)]),
  team('CHI', 'Chicago Blackhawks', [apiId(16)]),
  team('COL', 'Colorado Avalanche', [{ alias: 'QUE', until: '1995-07-01' }, { alias: 'Quebec Nordiques', until: '1995-07-01' }, apiId(21)]),
  team('CBJ', 'Columbus Blue Jackets', [apiId(29)]),
  team('DAL', 'Dallas Stars', [{ alias: 'MNS', until: '1993-07-01' }, { alias: 'Minnesota North Stars', until: '1993-07-01' }, apiId(25)]),
  team('DET', 'Detroit Red Wings', [apiId(17)]),
  team('EDM', 'Edmonton Oilers', [apiId(22)]),
  team('FLA', 'Florida Panthers', [apiId(13)]),
  team('LAK', 'Los Angeles Kings', [...always('LA'), apiId(26)]),
  team('MIN', 'Minnesota Wild', [apiId(30)]),
  team('MTL', 'Montreal Canadiens', [...always('MON'), apiId(8)]),
  team('NSH', 'Nashville Predators', [apiId(18)]),
  team('NJD', 'New Jersey Devils', [...always('NJ'), apiId(1)]),
  team('NYI', 'New York Islanders', [apiId(2)]),
  team('NYR', 'New York Rangers', [apiId(3)]),
  team('OTT', 'Ottawa Senators', [apiId(9)]),
  team('PHI', 'Philadelphia Flyers', [apiId(4)]),
  team('PIT', 'Pittsburgh Penguins', [apiId(5)]),
  team('SJS', 'San Jose Sharks', [...always('SJ'), apiId(28)]),
  team('SEA', 'Seattle Kraken'),
  team('STL', 'St. Louis Blues', [apiId(19)]),
  team('TBL', 'Tampa Bay Lightning', [...always('TB'), apiId(14)]),
  team('TOR', 'Toronto Maple Leafs', [apiId(10)]),
  team('UTA', 'Utah Mammoth', always('Utah Hockey Club')),
  team('VAN', 'Vancouver Canucks', [apiId(23)]),
  team('VGK', 'Vegas Golden Knights', [...always('VEG'), apiId(54)]),
  team('WSH', 'Washington Capitals', [...always('WAS'), apiId(15)]),
  movedTeam('WPG', 'Winnipeg Jets', [
    { alias: 'ATL', from: '1999-07-01', until: THRASHERS_MOVE },
    { alias: 'Atlanta Thrashers', from: '1999-07-01', until: THRASHERS_MOVE },
    { alias: 'WPG', from: THRASHERS_MOVE },
    { alias: 'Winnipeg Jets', from: THRASHERS_MOVE },
    apiId(11, { until: THRASHERS_MOVE }),
    apiId(52, { from: THRASHERS_MOVE }),
  ]),
];
