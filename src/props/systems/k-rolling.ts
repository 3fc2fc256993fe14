/**
 * @module props/systems/k-rolling
 * `k_rolling` v1: recent form as features of a Poisson regression on strikeouts with offset
 * log(expected batters faced × league rate): log rates of the last 3, 5 and 10 starts and of the
 * opponent and park (all relative to the league), home, recent pitch count, short and long rest.
 * The mean then feeds a negative binomial whose dispersion is fitted on the training residuals.
 * Refitted on earlier starts only (see `walk-forward.ts`).
 */
import { negativeBinomialK } from '../distribution.js';
import { missingData } from '../red-flags.js';
import type { KDistribution, RedFlag, StartFeatures } from '../types.js';
import { poissonRegressionMean } from './poisson-regression.js';

export const K_ROLLING = { id: 'k_rolling', version: '1' } as const;

export const ROLLING_NEEDS = [
  'kRate3',
  'kRate5',
  'kRate10',
  'expectedBattersFaced',
  'opponentKFactor',
  'parkKFactor',
  'recentPitches',
  'restDays',
  'leagueKRate',
] as const satisfies readonly (keyof StartFeatures)[];

/** Names of the design columns, in order (column 0 is the intercept). */
export const ROLLING_COLUMNS = ['intercept', 'log_k3', 'log_k5', 'log_k10', 'log_opponent', 'log_park', 'home', 'pitches_10', 'rest_short', 'rest_long'] as const;

/** A rate of 0 over three starts happens; its log is floored at a 2% strikeout rate. */
const RATE_FLOOR = 0.02;

/** The design row and offset of a start, or the missing-data flag. */
export function rollingDesign(f: StartFeatures): { x: number[]; offset: number; flags: RedFlag[] } | { x: null; offset: null; flags: RedFlag[] } {
  const flags = missingData(f, ROLLING_NEEDS);
  if (flags.length) return { x: null, offset: null, flags };
  const L = f.leagueKRate!;
  const rel = (r: number) => Math.log(Math.max(RATE_FLOOR, r) / L);
  const x = [
    1,
    rel(f.kRate3!),
    rel(f.kRate5!),
    rel(f.kRate10!),
    Math.log(f.opponentKFactor!),
    Math.log(f.parkKFactor!),
    f.start.isHome ? 1 : 0,
    (f.recentPitches! - 90) / 10,
    f.restDays! <= 4 ? 1 : 0,
    f.restDays! >= 7 ? 1 : 0,
  ];
  return { x, offset: Math.log(Math.max(1, f.expectedBattersFaced!) * L), flags };
}

/** The distribution for a design row under fitted coefficients and dispersion. */
export function rollingDistribution(beta: readonly number[], x: readonly number[], offset: number, dispersion: number): KDistribution {
  return negativeBinomialK(Math.max(0.05, poissonRegressionMean(beta, x, offset)), dispersion);
}
