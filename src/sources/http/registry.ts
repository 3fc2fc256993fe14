/**
 * @module sources/http/registry
 * Every HTTP source by its command-line name (`sharpline collect <source>`).
 */
import { SharplineError } from '../../errors.js';
import { espnScoreboard } from './espn-scoreboard/index.js';
import { mlbStatsApi } from './mlb-stats-api/index.js';
import { theOddsApi } from './the-odds-api/index.js';
import type { HttpSource } from './types.js';

const SOURCES: readonly HttpSource[] = [theOddsApi, mlbStatsApi, espnScoreboard];

/** All HTTP sources, in the order `collect --help` lists them. */
export function httpSources(): readonly HttpSource[] {
  return SOURCES;
}

/** The source called `name`, or a usage error listing the known ones. */
export function findHttpSourceOrThrow(name: string): HttpSource {
  const source = SOURCES.find((s) => s.name === name);
  if (!source) throw new SharplineError('SL_USAGE', `unknown source "${name}"; known sources: ${SOURCES.map((s) => s.name).join(', ')}`);
  return source;
}
