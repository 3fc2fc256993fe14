/**
 * @module sources/registry
 * Every importable format by its command-line name.
 */
import { SharplineError } from '../errors.js';
import { csvMapped } from './csv-mapped/index.js';
import { fivethirtyeightElo } from './fivethirtyeight-elo/index.js';
import { footballData } from './football-data/index.js';
import { nbaOdds } from './nba-odds/index.js';
import { nflverseGames } from './nflverse-games/index.js';
import { nhlGames } from './nhl-games/index.js';
import { retrosheet } from './retrosheet/index.js';
import { brefPitching } from './bref-pitching/index.js';
import { sbrMlb } from './sbr-mlb/index.js';
import { oddssharkSplits } from './oddsshark-splits/index.js';
import { strikeoutProps } from './strikeout-props/index.js';
import type { SourceFormat } from './types.js';

const FORMATS: readonly SourceFormat[] = [csvMapped, nflverseGames, fivethirtyeightElo, nbaOdds, nhlGames, retrosheet, brefPitching, sbrMlb, footballData, oddssharkSplits, strikeoutProps];

/** All formats, in the order `import --help` lists them. */
export function sourceFormats(): readonly SourceFormat[] {
  return FORMATS;
}

/** The format called `name`, or a usage error listing the known ones. */
export function findFormatOrThrow(name: string): SourceFormat {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) {
    throw new SharplineError('SL_SOURCE_UNKNOWN_FORMAT', `unknown format "${name}"; known formats: ${FORMATS.map((f) => f.name).join(', ')}`);
  }
  return format;
}
