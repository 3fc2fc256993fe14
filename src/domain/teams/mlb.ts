/**
 * @module domain/teams/mlb
 * MLB franchises, keyed by today's common code. Sources disagree on codes: SportsbookReview writes
 * CUB/KAN/LOS/SDG/SFO/TAM/WAS, FiveThirtyEight CHW/FLA/KCR/SDP/SFG/TBD/WSN/ANA, Retrosheet
 * CHA/CHN/KCA/LAN/NYA/NYN/SDN/SFN/SLN/TBA/ANA. Baseball-Reference's city names ("Chicago",
 * "New York", "Los Angeles") are ambiguous and are resolved by that importer with the league.
 */
import { always, type TeamDefinition } from './registry.js';

const team = (code: string, name: string, ...aliases: string[]): TeamDefinition => ({
  id: `mlb-${code.toLowerCase()}`,
  sport: 'mlb',
  name,
  aliases: always(code, name, ...aliases),
});

export const MLB_TEAMS: readonly TeamDefinition[] = [
  team('ARI', 'Arizona Diamondbacks', 'AZ', 'Arizona'),
  team('ATL', 'Atlanta Braves', 'Atlanta'),
  team('BAL', 'Baltimore Orioles', 'Baltimore'),
  team('BOS', 'Boston Red Sox', 'Boston'),
  team('CHC', 'Chicago Cubs', 'CUB', 'CHN'),
  team('CWS', 'Chicago White Sox', 'CHW', 'CHA'),
  team('CIN', 'Cincinnati Reds', 'Cincinnati'),
  team('CLE', 'Cleveland Guardians', 'Cleveland Indians', 'Cleveland'),
  team('COL', 'Colorado Rockies', 'Colorado'),
  team('DET', 'Detroit Tigers', 'Detroit'),
  team('HOU', 'Houston Astros', 'Houston'),
  team('KC', 'Kansas City Royals', 'KAN', 'KCR', 'KCA', 'Kansas City'),
  team('LAA', 'Los Angeles Angels', 'ANA', 'CAL', 'Anaheim Angels'),
  team('LAD', 'Los Angeles Dodgers', 'LOS', 'LAN'),
  team('MIA', 'Miami Marlins', 'FLA', 'Florida Marlins', 'Miami'),
  team('MIL', 'Milwaukee Brewers', 'Milwaukee'),
  team('MIN', 'Minnesota Twins', 'Minnesota'),
  team('NYM', 'New York Mets', 'NYN'),
  team('NYY', 'New York Yankees', 'NYA'),
  // The club plays as plain "Athletics" since it left Oakland (2025); prop lines of 2025–26 name it so.
  team('OAK', 'Oakland Athletics', 'Oakland', 'ATH', 'Athletics'),
  team('PHI', 'Philadelphia Phillies', 'Philadelphia'),
  team('PIT', 'Pittsburgh Pirates', 'Pittsburgh'),
  team('SD', 'San Diego Padres', 'SDG', 'SDP', 'SDN', 'San Diego'),
  team('SEA', 'Seattle Mariners', 'Seattle'),
  team('SF', 'San Francisco Giants', 'SFO', 'SFG', 'SFN', 'San Francisco'),
  team('STL', 'St. Louis Cardinals', 'SLN', 'St. Louis'),
  team('TB', 'Tampa Bay Rays', 'TAM', 'TBD', 'TBA', 'TBR', 'Tampa Bay Devil Rays', 'Tampa Bay'),
  team('TEX', 'Texas Rangers', 'Texas'),
  team('TOR', 'Toronto Blue Jays', 'Toronto'),
  team('WSH', 'Washington Nationals', 'WAS', 'WSN', 'Washington'),
];
