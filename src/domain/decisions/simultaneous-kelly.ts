/**
 * @module domain/decisions/simultaneous-kelly
 * What the simultaneous Kelly functions take and return, and how they turn a joint full-Kelly
 * optimum into applied stakes (fraction λ, per-bet cap). Used by `kelly-exclusive.ts` and
 * `kelly-independent.ts`.
 *
 * Scaling rule, the same for both and consistent with single-bet `kellyFraction`:
 *   applied = λ · argmax { G(f) : 0 ≤ f_i ≤ cap/λ, Σf ≤ 1 }.
 * When λ·f*_i ≤ cap for every bet this is just λ·f* (the usual fractional Kelly); when a cap binds
 * the other stakes are re-optimised with that bet held at its cap, so no applied stake exceeds the
 * cap and the rest are the best response to it. With one bet this is min(λ·f*, cap).
 */
import { maximiseGrowth, type GrowthOptimum, type GrowthProblem } from './_growth-optimiser.js';
import type { KellyReason } from './kelly.js';
import type { ResolvedKellyOptions } from './_validate.js';

/** One bet offered: your probability of it winning and its decimal odds. */
export interface KellyBet {
  readonly probability: number;
  readonly decimalOdds: number;
}

/** The stake on one bet of a simultaneous set, in input order. */
export interface SimultaneousKellyBet {
  readonly probability: number;
  readonly decimalOdds: number;
  /** p·d − 1 per unit staked on this bet alone. */
  readonly expectedValue: number;
  /** This bet's share of bankroll in the joint full-Kelly optimum (λ = 1, no cap). */
  readonly full: number;
  /** The share to stake after fractional scaling and the cap. */
  readonly applied: number;
  /** bankroll × applied, in units. */
  readonly stakeUnits: number;
  /** Set when the stake is 0 or at the cap (see `KellyReason`); null otherwise. */
  readonly reason: KellyReason | null;
}

/** A joint staking decision: stakes per bet, total, growth rate at the applied stakes, effort. */
export interface SimultaneousKelly {
  readonly bets: readonly SimultaneousKellyBet[];
  /** Σ applied, share of bankroll at risk in this round (≤ 1). */
  readonly totalApplied: number;
  /** Expected log growth of the bankroll per round at the applied stakes (natural log). */
  readonly growth: number;
  /** Newton iterations of the numerical optimiser (all solves added up); 0 for a pure closed form. */
  readonly iterations: number;
  /** `closed_form` when no numerical solve was needed, otherwise `active_set_newton`. */
  readonly method: 'closed_form' | 'active_set_newton';
  readonly fraction: number;
  readonly cap: number;
  readonly bankroll: number;
}

/** Largest number of independent bets solved jointly: 2^16 = 65,536 joint outcomes. */
export const MAX_INDEPENDENT_BETS = 16;

/**
 * Applies the scaling rule above to a full-Kelly optimum. `solveCapped` is called only when some
 * λ·f*_i exceeds the cap, with the upper bound cap/λ on every stake.
 */
export function applyFractionAndCap(
  bets: readonly KellyBet[],
  full: readonly number[],
  problem: (upper: number) => GrowthProblem,
  options: ResolvedKellyOptions,
  fullIterations: number,
): { bets: SimultaneousKellyBet[]; applied: number[]; iterations: number; solvedNumerically: boolean } {
  const { fraction, cap, bankroll } = options;
  let capped: GrowthOptimum | undefined;
  if (full.some((x) => fraction * x > cap)) capped = maximiseGrowth(problem(cap / fraction));
  const applied = bets.map((_, i) => {
    if (capped === undefined) return fraction * full[i]!;
    return capped.atUpper[i] ? cap : Math.min(cap, fraction * capped.stakes[i]!);
  });
  const out = bets.map((bet, i): SimultaneousKellyBet => {
    const ev = bet.probability * bet.decimalOdds - 1;
    const stake = applied[i]!;
    let reason: KellyReason | null = null;
    if (stake === 0) reason = ev > 0 ? 'not_in_optimum' : 'no_edge';
    else if (capped?.atUpper[i] === true) reason = 'capped';
    return {
      probability: bet.probability,
      decimalOdds: bet.decimalOdds,
      expectedValue: ev,
      full: full[i]!,
      applied: stake,
      stakeUnits: stake * bankroll,
      reason,
    };
  });
  return {
    bets: out,
    applied,
    iterations: fullIterations + (capped?.iterations ?? 0),
    solvedNumerically: capped !== undefined,
  };
}
