/**
 * Every shared-data file a benchmark imports, by the format that reads it (`SHARPLINE_SHARED_DATA`
 * or ../shared/data).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const DATA = resolve(process.env.SHARPLINE_SHARED_DATA ?? join(ROOT, '../shared/data'));

export function files(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...files(path, pattern));
    else if (pattern.test(entry)) out.push(path);
  }
  return out.sort();
}

/** Every shared-data file, by the format that reads it. */
export const PLAN: { format: string; paths: string[]; mappingPath?: string }[] = [
  { format: 'nflverse-games', paths: [join(DATA, 'nfl/nflverse_games_1999_2020.csv')] },
  { format: 'fivethirtyeight-elo', paths: [join(DATA, 'nfl/fivethirtyeight_nfl_elo_1920_2020.csv'), join(DATA, 'mlb/mlb_elo_2021.csv'), join(DATA, 'mlb/mlb_elo_2022_partial.csv')] },
  { format: 'csv', paths: [join(DATA, 'nfl/spreadspoke_scores_1966_2020.csv')], mappingPath: join(ROOT, 'examples/spreadspoke.map.json') },
  { format: 'sbr-mlb', paths: files(join(DATA, 'mlb'), /^mlb_odds_sbr_\d{4}\.csv$/) },
  { format: 'retrosheet', paths: files(join(DATA, 'mlb/retrosheet'), /^\d{4}(gameinfo|pitching)\.csv$/) },
  { format: 'bref-pitching', paths: [join(DATA, 'mlb/bref_pitcher_logs_2023_partial.csv')] },
  { format: 'nba-odds', paths: [join(DATA, 'nba/nba_odds_2008_2018.csv')] },
  { format: 'nhl-games', paths: [join(DATA, 'nhl/game.csv')] },
  { format: 'football-data', paths: files(join(DATA, 'soccer'), /\.csv$/).filter((p) => !p.includes('players-')) },
  { format: 'strikeout-props', paths: [join(DATA, 'mlb/strikeout_prop_lines_last_pregame.csv')] },
  { format: 'oddsshark-splits', paths: [join(DATA, 'splits/nfl_oddsshark_splits_2022.csv')] },
];
