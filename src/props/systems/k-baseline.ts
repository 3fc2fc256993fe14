/**
 * @module props/systems/k-baseline
 * `k_baseline` v1: strikeouts per batter faced (half season, half the last 5 starts) × expected
 * batters faced (mean of the last 5 starts), negative binomial with a dispersion fitted on earlier
 * out-of-sample starts (REFERENCE.md "Player props"). With fewer than 3 starts the recent form IS
 * the season, so the season rate stands for both.
 */
import { negativeBinomialK } from '../distribution.js';
import { missingData } from '../red-flags.js';
import type { KDistribution, RedFlag, StartFeatures } from '../types.js';

export const K_BASELINE = { id: 'k_baseline', version: '1' } as const;

/** Weight of the last-5-starts rate against the season rate. */
export const BASELINE_RECENT_WEIGHT = 0.5;

export const BASELINE_NEEDS = ['seasonKRate', 'expectedBattersFaced'] as const satisfies readonly (keyof StartFeatures)[];

/** The baseline's mean strikeouts, or null with the missing features flagged. */
export function baselineMean(f: StartFeatures): { mean: number | null; flags: RedFlag[] } {
  const flags = missingData(f, BASELINE_NEEDS);
  if (flags.length) return { mean: null, flags };
  const season = f.seasonKRate!;
  const recent = f.kRate5 ?? season;
  return { mean: (BASELINE_RECENT_WEIGHT * recent + (1 - BASELINE_RECENT_WEIGHT) * season) * f.expectedBattersFaced!, flags };
}

/** The distribution for a mean and the fitted dispersion (a mean of 0 is floored at 0.05 strikeouts). */
export function baselineDistribution(mean: number, dispersion: number): KDistribution {
  return negativeBinomialK(Math.max(0.05, mean), dispersion);
}
