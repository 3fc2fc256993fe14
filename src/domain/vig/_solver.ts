/**
 * @module domain/vig/_solver
 * What every method implementation looks like, and helpers they share. Folder-private.
 */

/**
 * One vig-removal method. On entry `probabilities[i]` holds the implied probability 1/dᵢ and
 * `booksum` their sum; the method overwrites `probabilities` in place with fair probabilities (the
 * array is the result's, so no scratch array is allocated) and returns its solved parameter, or
 * null for a closed form without one. `decimals` have been validated (finite, > 1, at least two).
 */
export type MethodImpl = (decimals: readonly number[], probabilities: number[], booksum: number) => number | null;

/** Divides by the sum: removes a root finder's residual (|Σ − 1| below ~1e-15 before) so Σp = 1 to rounding. */
export function normalize(probabilities: number[]): void {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += probabilities[i]!;
  for (let i = 0; i < probabilities.length; i++) probabilities[i]! /= sum;
}

/** Root-finder settings for every method: stop once Σp is within 4ε of 1, then `normalize`. */
export const ROOT_OPTIONS = { fTolerance: 4 * Number.EPSILON } as const;
