/**
 * @module domain/teams/nba
 * NBA franchises, keyed by today's official code (nba-gsw, nba-nop, …). Moves and renames keep the
 * id, so ratings carry across them. Codes that meant a team only for a while are limited to that
 * period (`until` exclusive), so a "SEA" row after the SuperSonics left resolves to nothing rather
 * than to Oklahoma City:
 * - Seattle SuperSonics → Oklahoma City Thunder: the move was settled on 2008-07-02 (last Seattle
 *   game April 2008, first Oklahoma City game October 2008).
 * - New Jersey Nets → Brooklyn Nets on 2012-04-30 (last New Jersey game 2012-04-26).
 * - New Orleans Hornets (2002–, "New Orleans/Oklahoma City Hornets" 2005–07) → New Orleans Pelicans
 *   on 2013-04-18, the day after the 2012–13 regular season.
 * - Charlotte: the Hornets of 1988–2002 left for New Orleans, the Bobcats began in 2004, and became
 *   the Hornets again on 2014-05-20. Since then the NBA credits the 1988–2002 Charlotte history to
 *   today's Charlotte Hornets (nba-cha), not to New Orleans, and so does this registry.
 * Short codes used by odds sites (GS, SA, NY, NO, UTAH, WSH) and Basketball-Reference (BRK, CHO,
 * CHH, PHO) are aliases.
 */
import { always, type TeamAlias, type TeamDefinition } from './registry.js';

const SONICS_MOVE = '2008-07-02';
const NETS_TO_BROOKLYN = '2012-04-30';
const PELICANS_RENAME = '2013-04-18';
const HORNETS_RETURN = '2014-05-20';

/** A franchise whose own code is valid at every date, plus other aliases. */
const team = (code: string, name: string, aliases: readonly TeamAlias[] = []): TeamDefinition => ({
  id: `nba-${code.toLowerCase()}`,
  sport: 'nba',
  name,
  aliases: [...always(code, name), ...aliases],
});

/** A franchise whose code or name only holds from a date (it is given as dated aliases). */
const movedTeam = (code: string, name: string, aliases: readonly TeamAlias[]): TeamDefinition => ({
  id: `nba-${code.toLowerCase()}`,
  sport: 'nba',
  name,
  aliases,
});

export const NBA_TEAMS: readonly TeamDefinition[] = [
  team('ATL', 'Atlanta Hawks'),
  team('BOS', 'Boston Celtics'),
  movedTeam('BKN', 'Brooklyn Nets', [
    { alias: 'BKN', from: NETS_TO_BROOKLYN },
    { alias: 'BRK', from: NETS_TO_BROOKLYN },
    { alias: 'Brooklyn Nets', from: NETS_TO_BROOKLYN },
    { alias: 'NJ', until: NETS_TO_BROOKLYN },
    { alias: 'NJN', until: NETS_TO_BROOKLYN },
    { alias: 'New Jersey Nets', until: NETS_TO_BROOKLYN },
    // The nba-odds file labels the New Jersey years with today's code.
    { alias: 'bkn', sources: ['nba-odds'] },
  ]),
  movedTeam('CHA', 'Charlotte Hornets', [
    { alias: 'CHA', until: '2002-07-01' },
    { alias: 'CHA', from: '2004-07-01' },
    { alias: 'CHH', until: '2002-07-01' },
    { alias: 'Charlotte Hornets', until: '2002-07-01' },
    { alias: 'Charlotte Bobcats', from: '2004-07-01', until: HORNETS_RETURN },
    { alias: 'CHO', from: HORNETS_RETURN },
    { alias: 'Charlotte Hornets', from: HORNETS_RETURN },
  ]),
  team('CHI', 'Chicago Bulls'),
  team('CLE', 'Cleveland Cavaliers'),
  team('DAL', 'Dallas Mavericks'),
  team('DEN', 'Denver Nuggets'),
  team('DET', 'Detroit Pistons'),
  team('GSW', 'Golden State Warriors', always('GS')),
  team('HOU', 'Houston Rockets'),
  team('IND', 'Indiana Pacers'),
  team('LAC', 'Los Angeles Clippers', always('LA Clippers')),
  team('LAL', 'Los Angeles Lakers'),
  team('MEM', 'Memphis Grizzlies', [
    { alias: 'VAN', until: '2001-07-01' },
    { alias: 'Vancouver Grizzlies', until: '2001-07-01' },
  ]),
  team('MIA', 'Miami Heat'),
  team('MIL', 'Milwaukee Bucks'),
  team('MIN', 'Minnesota Timberwolves'),
  movedTeam('NOP', 'New Orleans Pelicans', [
    { alias: 'NO', from: '2002-07-01' },
    { alias: 'NOH', from: '2002-07-01', until: PELICANS_RENAME },
    { alias: 'New Orleans Hornets', from: '2002-07-01', until: PELICANS_RENAME },
    { alias: 'NOK', from: '2005-07-01', until: '2007-07-01' },
    { alias: 'New Orleans/Oklahoma City Hornets', from: '2005-07-01', until: '2007-07-01' },
    { alias: 'NOP', from: PELICANS_RENAME },
    { alias: 'New Orleans Pelicans', from: PELICANS_RENAME },
  ]),
  team('NYK', 'New York Knicks', always('NY')),
  movedTeam('OKC', 'Oklahoma City Thunder', [
    { alias: 'OKC', from: SONICS_MOVE },
    { alias: 'Oklahoma City Thunder', from: SONICS_MOVE },
    { alias: 'SEA', until: SONICS_MOVE },
    { alias: 'Seattle SuperSonics', until: SONICS_MOVE },
    // The nba-odds file starts in 2007–08 and labels Seattle's last season with today's code.
    { alias: 'okc', from: '2007-07-01', sources: ['nba-odds'] },
  ]),
  team('ORL', 'Orlando Magic'),
  team('PHI', 'Philadelphia 76ers'),
  team('PHX', 'Phoenix Suns', always('PHO')),
  team('POR', 'Portland Trail Blazers'),
  team('SAC', 'Sacramento Kings'),
  team('SAS', 'San Antonio Spurs', always('SA')),
  team('TOR', 'Toronto Raptors'),
  team('UTA', 'Utah Jazz', always('UTAH')),
  team('WAS', 'Washington Wizards', [
    ...always('WSH'),
    { alias: 'Washington Bullets', until: '1997-07-01' },
  ]),
];
