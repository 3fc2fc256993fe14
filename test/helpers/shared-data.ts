/**
 * Access to ../shared/data (real public datasets). Suites that need it skip with a clear message
 * when it is absent, but must run in CI (CI=true), where its absence is an error.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DATA = resolve(process.env.SHARPLINE_SHARED_DATA ?? join(import.meta.dirname, '../../../shared/data'));

/** True when the shared data is present. In CI its absence throws, so it is never silently skipped. */
export function hasSharedData(): boolean {
  const present = existsSync(join(SHARED_DATA, 'README.md'));
  if (!present && process.env.CI === 'true') throw new Error(`CI=true but ${SHARED_DATA} is missing: the shared data must be present in CI`);
  if (!present) console.warn(`skipping shared-data tests: ${SHARED_DATA} not found (set SHARPLINE_SHARED_DATA to point at it)`);
  return present;
}

/** Path of a file under the shared data. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}
