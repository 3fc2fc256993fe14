/**
 * @module domain/decisions/kelly-independent
 * Simultaneous Kelly for independent bets on one slate (different games settling in the same round):
 * maximise E[ln wealth] over all 2^n joint win/lose outcomes, numerically.
 *
 * With n bets there are 2^n joint outcomes; scenario s has bet i winning when bit i of s is set,
 * probability Π p_i or (1 − p_i), and wealth 1 + Σ_i f_i·r_si (r = d − 1 on a win, −1 on a loss).
 * The objective is concave; `_growth-optimiser.ts` solves it with an active-set Newton method under
 * 0 ≤ f_i, Σf ≤ 1 (and f_i ≤ cap/λ when a cap binds), converged far below 1e-9. n is limited to
 * `MAX_INDEPENDENT_BETS` (16, i.e. 65,536 scenarios) so one call stays well under a second.
 *
 * At f_i = 0 the other stakes do not depend on bet i, so ∂G/∂f_i = EV_i · E[1/W]: a bet is staked
 * exactly when it has an edge, and correlated bets (same game) must not be passed here as if
 * independent.
 */
import { growthAt, maximiseGrowth, type GrowthProblem } from './_growth-optimiser.js';
import type { KellyOptions } from './kelly.js';
import { betInvalid, requireDecimalOdds, requireProbability, requireStakes, resolveKellyOptions } from './_validate.js';
import {
  applyFractionAndCap,
  MAX_INDEPENDENT_BETS,
  type KellyBet,
  type SimultaneousKelly,
} from './simultaneous-kelly.js';

/**
 * Log-optimal stakes on independent bets placed at the same time (REFERENCE.md "Decisions":
 * simultaneous bets), then fractional scaling and the per-bet cap (see `simultaneous-kelly.ts`).
 * Stakes are shares of bankroll, in input order; at most 16 bets.
 *
 * @example
 * // Two independent bets, each p = 0.55 at −110: 0.054848 each (single Kelly would be 0.055).
 * kellyIndependent([{ probability: 0.55, decimalOdds: 21 / 11 }, { probability: 0.55, decimalOdds: 21 / 11 }]);
 */
export function kellyIndependent(bets: readonly KellyBet[], options: KellyOptions = {}): SimultaneousKelly {
  const where = 'kellyIndependent';
  const resolved = resolveKellyOptions(options, where);
  const checked = checkBets(bets, where);
  const scenarios = independentScenarios(checked);
  const problem = (upper: number): GrowthProblem => ({
    ...scenarios,
    upper: new Array<number>(checked.length).fill(upper),
  });
  const full = maximiseGrowth(problem(Number.POSITIVE_INFINITY));
  const scaled = applyFractionAndCap(checked, full.stakes, problem, resolved, full.iterations);
  return {
    bets: scaled.bets,
    totalApplied: scaled.applied.reduce((a, b) => a + b, 0),
    growth: growthAt(problem(Number.POSITIVE_INFINITY), scaled.applied),
    iterations: scaled.iterations,
    method: 'active_set_newton',
    fraction: resolved.fraction,
    cap: resolved.cap,
    bankroll: resolved.bankroll,
  };
}

/**
 * Expected log growth Σ_s π_s ln(1 + Σ_i f_i·r_si) of staking the shares `stakes` (input order,
 * each in [0, 1], Σ ≤ 1) on independent `bets`; −Infinity when the all-lose outcome leaves nothing.
 */
export function independentGrowthRate(bets: readonly KellyBet[], stakes: readonly number[]): number {
  const where = 'independentGrowthRate';
  const checked = checkBets(bets, where);
  requireStakes(stakes, checked.length, where);
  return growthAt({ ...independentScenarios(checked), upper: [] }, stakes);
}

function checkBets(bets: readonly KellyBet[], where: string): KellyBet[] {
  if (bets.length > MAX_INDEPENDENT_BETS) {
    throw betInvalid(
      where,
      `${bets.length} bets is more than ${MAX_INDEPENDENT_BETS}: the exact objective has 2^n joint outcomes ` +
        `(2^${bets.length} here); split the slate or stake the bets one at a time`,
      { field: 'bets', value: bets.length },
    );
  }
  return bets.map((b, i) => ({
    probability: requireProbability(b.probability, where, `bets[${i}].probability`),
    decimalOdds: requireDecimalOdds(b.decimalOdds, where, `bets[${i}].decimalOdds`),
  }));
}

function independentScenarios(bets: readonly KellyBet[]): { bets: number; weights: Float64Array; returns: Float64Array } {
  const n = bets.length;
  const count = 2 ** n;
  const weights = new Float64Array(count);
  const returns = new Float64Array(count * n);
  for (let s = 0; s < count; s++) {
    let probability = 1;
    for (let i = 0; i < n; i++) {
      const bet = bets[i]!;
      const wins = ((s >>> i) & 1) === 1;
      probability *= wins ? bet.probability : 1 - bet.probability;
      returns[s * n + i] = wins ? bet.decimalOdds - 1 : -1;
    }
    weights[s] = probability;
  }
  return { bets: n, weights, returns };
}
