/**
 * @module sources/registry
 * Every importable format by its command-line name.
 */
import { SharplineError } from '../errors.js';
import { nflverseGames } from './nflverse-games/index.js';
import type { SourceFormat } from './types.js';

const FORMATS: readonly SourceFormat[] = [nflverseGames];

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
