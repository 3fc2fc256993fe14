/**
 * @module domain/decisions/kelly
 * Kelly staking for one bet: full, fractional and capped (REFERENCE.md "Decisions").
 */
import { requireDecimalOdds, requireProbability, requireStakeShare, resolveKellyOptions } from './_validate.js';

/** Staking options shared by every Kelly function. */
export interface KellyOptions {
  /** Fractional-Kelly multiplier λ in (0, 1]; the stake is λ·f*. Default 1 (full Kelly). */
  readonly fraction?: number;
  /** Largest stake allowed on one bet, as a share of bankroll in (0, 1]. Default 1 (no cap). */
  readonly cap?: number;
  /** Bankroll in units, ≥ 0, used only to turn shares into `stakeUnits`. Default 1. */
  readonly bankroll?: number;
}

/**
 * Why a stake is what it is, when it is not simply λ·f*:
 * - `no_edge`: expected value ≤ 0, so the stake is 0;
 * - `capped`: λ·f* was above the cap, so the stake is the cap;
 * - `not_in_optimum` (simultaneous bets only): the bet has an edge, yet the joint optimum stakes
 *   nothing on it, because given the other stakes it would lower the growth rate.
 */
export type KellyReason = 'no_edge' | 'capped' | 'not_in_optimum';

/** A Kelly stake that explains itself: inputs echoed, full and applied shares, growth, reason. */
export interface KellyStake {
  readonly probability: number;
  readonly decimalOdds: number;
  /** p·d − 1 per unit staked. */
  readonly expectedValue: number;
  /** Full Kelly share f* = (p·d − 1)/(d − 1), or 0 when there is no edge. Never negative, always < 1. */
  readonly full: number;
  /** The multiplier λ used. */
  readonly fraction: number;
  /** The cap used. */
  readonly cap: number;
  /** The share of bankroll to stake: min(λ·f*, cap). */
  readonly applied: number;
  /** bankroll × applied, in units. */
  readonly stakeUnits: number;
  readonly bankroll: number;
  /** Expected log growth of the bankroll per bet at the applied stake (natural log). */
  readonly growth: number;
  /** Set when the stake is 0 (`no_edge`) or the cap (`capped`); null otherwise. */
  readonly reason: KellyReason | null;
}

/**
 * Kelly stake for one bet won with probability `probability` at `decimalOdds`, as a share of
 * bankroll: f* = (p·d − 1)/(d − 1) = (b·p − q)/b with b = d − 1 (REFERENCE.md "Decisions"), 0 when
 * p·d ≤ 1, then scaled by `fraction` and capped at `cap`.
 *
 * @example kellyFraction(0.55, americanToDecimal(-110)).full // 0.055
 * @example kellyFraction(0.55, 1.909091, { fraction: 0.5, cap: 0.02 }) // applied 0.02, reason 'capped'
 */
export function kellyFraction(probability: number, decimalOdds: number, options: KellyOptions = {}): KellyStake {
  const where = 'kellyFraction';
  const p = requireProbability(probability, where, 'probability');
  const d = requireDecimalOdds(decimalOdds, where, 'decimalOdds');
  const { fraction, cap, bankroll } = resolveKellyOptions(options, where);
  const ev = p * d - 1;
  const full = ev > 0 ? ev / (d - 1) : 0;
  const scaled = fraction * full;
  let applied: number;
  let reason: KellyReason | null;
  if (full === 0) {
    applied = 0;
    reason = 'no_edge';
  } else if (scaled > cap) {
    applied = cap;
    reason = 'capped';
  } else {
    applied = scaled;
    reason = null;
  }
  return {
    probability: p,
    decimalOdds: d,
    expectedValue: ev,
    full,
    fraction,
    cap,
    applied,
    stakeUnits: applied * bankroll,
    bankroll,
    growth: logGrowth(p, d, applied),
    reason,
  };
}

/**
 * Expected log growth of the bankroll, p·ln(1 + f·(d − 1)) + (1 − p)·ln(1 − f), when staking the
 * share `stake` ∈ [0, 1] on one bet; −Infinity at stake 1 (the loss wipes the bankroll out).
 */
export function growthRate(probability: number, decimalOdds: number, stake: number): number {
  const where = 'growthRate';
  return logGrowth(
    requireProbability(probability, where, 'probability'),
    requireDecimalOdds(decimalOdds, where, 'decimalOdds'),
    requireStakeShare(stake, where, 'stake'),
  );
}

function logGrowth(p: number, d: number, f: number): number {
  // log1p keeps small stakes accurate; ln(0) = −Infinity is the honest answer at f = 1.
  return p * Math.log1p(f * (d - 1)) + (1 - p) * Math.log1p(-f);
}
