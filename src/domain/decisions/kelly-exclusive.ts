/**
 * @module domain/decisions/kelly-exclusive
 * Simultaneous Kelly for mutually exclusive outcomes of one event (home/draw/away, or the runners
 * of one race), possibly betting several of them at once: the exact log-optimal stakes.
 *
 * Derivation. Bet f_i on outcome i at decimal d_i, keep R = 1 − Σf in hand. If outcome i happens the
 * bankroll becomes W_i = R + f_i·d_i; if an outcome with no stake happens it is R. Maximise
 * G = Σ_i p_i ln W_i (+ p_other ln R for probability mass on outcomes not listed). With
 * μ = Σ_i p_i / W_i, ∂G/∂f_j = p_j d_j / W_j − μ. Where f_j > 0 this is 0, so W_j = p_j d_j / μ.
 * Summing f_j·∂G/∂f_j = 0 over all j gives Σ_j p_j (W_j − R)/W_j − (1 − R)·μ = 0, i.e.
 * 1 − R·μ − (1 − R)·μ = 0, so μ = 1: a staked outcome leaves W_j = p_j·d_j, hence
 * f_j = p_j − R/d_j. Putting W_i = R for the unstaked outcomes into μ = 1 gives
 *   R = (1 − Σ_{S} p_j) / (1 − Σ_{S} 1/d_j)   over the staked set S.
 * The KKT condition for an unstaked outcome, p_i d_i / R − 1 ≤ 0, says: stake i exactly when
 * p_i·d_i > R. Adding an outcome with p_k·d_k > R lowers R (R' < R ⟺ p_k > R/d_k), so taking the
 * outcomes in decreasing order of p·d and adding each while p·d exceeds the current R reaches the
 * fixed point; once one fails every later one fails too. The same result is in Smoczynski and
 * Tomkins (2010), "An explicit solution to the problem of optimizing the allocations of a bettor's
 * wealth when wagering on horse races". Consequences worth knowing: every outcome with an edge is
 * staked, and an outcome with p·d < 1 may be staked too when p·d > R (a hedge that raises growth).
 * The denominator stays positive: an outcome with 1 − Σ1/d ≤ 0 after adding it always has p·d ≤ R.
 * When the listed outcomes carry all the probability and the book is an arbitrage (Σ1/d < 1), every
 * outcome is staked, R = 0 and f_i = p_i.
 */
import { growthAt, type GrowthProblem } from './_growth-optimiser.js';
import type { KellyOptions } from './kelly.js';
import { betInvalid, requireDecimalOdds, requireProbability, requireStakes, resolveKellyOptions } from './_validate.js';
import { applyFractionAndCap, type KellyBet, type SimultaneousKelly } from './simultaneous-kelly.js';

/** Σ p may exceed 1 by this much (rounding in a model's output) and is then read as exactly 1. */
const PROBABILITY_SUM_TOLERANCE = 1e-9;
/** Relative margin by which p·d must exceed the reserve rate R for an outcome to be added. */
const TIE_TOLERANCE = 1e-12;

/** The exclusive-outcomes decision, with the reserve rate R that decides which outcomes are staked. */
export interface ExclusiveKelly extends SimultaneousKelly {
  /**
   * R = 1 − Σ full stakes in the full-Kelly optimum: the share kept back, and the threshold an
   * outcome's p·d must beat to be staked. 1 when nothing is staked.
   */
  readonly reserveRate: number;
}

/**
 * Log-optimal stakes on mutually exclusive outcomes of one event (REFERENCE.md "Decisions":
 * simultaneous bets), closed form, then fractional scaling and the per-bet cap (see
 * `simultaneous-kelly.ts`; a binding cap triggers a numerical re-solve).
 *
 * `outcomes` lists the outcomes you may bet, each with your probability and the price offered;
 * Σ p must be ≤ 1, and any remainder is the probability that none of them happens (outcomes you
 * will not bet at any price can simply be left out). Stakes are shares of bankroll, in input order.
 *
 * @example
 * // p = 0.5 / 0.3 / 0.2 at 2.3 / 3.4 / 3.6: home and draw are staked (0.179245, 0.083019),
 * // away is not (p·d = 0.72 < R = 0.737736).
 * kellyExclusive([{ probability: 0.5, decimalOdds: 2.3 }, { probability: 0.3, decimalOdds: 3.4 },
 *   { probability: 0.2, decimalOdds: 3.6 }]);
 */
export function kellyExclusive(outcomes: readonly KellyBet[], options: KellyOptions = {}): ExclusiveKelly {
  const where = 'kellyExclusive';
  const resolved = resolveKellyOptions(options, where);
  const bets = checkOutcomes(outcomes, where);
  const { stakes: full, reserveRate } = exclusiveClosedForm(bets);
  const scaled = applyFractionAndCap(bets, full, (upper) => exclusiveProblem(bets, upper), resolved, 0);
  return {
    bets: scaled.bets,
    totalApplied: scaled.applied.reduce((a, b) => a + b, 0),
    growth: growthAt(exclusiveProblem(bets, Number.POSITIVE_INFINITY), scaled.applied),
    iterations: scaled.iterations,
    method: scaled.solvedNumerically ? 'active_set_newton' : 'closed_form',
    fraction: resolved.fraction,
    cap: resolved.cap,
    bankroll: resolved.bankroll,
    reserveRate,
  };
}

/**
 * Expected log growth Σ p_i ln(1 − Σf + f_i·d_i) + (1 − Σp)·ln(1 − Σf) of staking the shares
 * `stakes` (input order, each in [0, 1], Σ ≤ 1) on mutually exclusive `outcomes`.
 */
export function exclusiveGrowthRate(outcomes: readonly KellyBet[], stakes: readonly number[]): number {
  const where = 'exclusiveGrowthRate';
  const bets = checkOutcomes(outcomes, where);
  requireStakes(stakes, bets.length, where);
  return growthAt(exclusiveProblem(bets, Number.POSITIVE_INFINITY), stakes);
}

function checkOutcomes(outcomes: readonly KellyBet[], where: string): KellyBet[] {
  const bets = outcomes.map((o, i) => ({
    probability: requireProbability(o.probability, where, `outcomes[${i}].probability`),
    decimalOdds: requireDecimalOdds(o.decimalOdds, where, `outcomes[${i}].decimalOdds`),
  }));
  const total = bets.reduce((a, b) => a + b.probability, 0);
  if (total > 1 + PROBABILITY_SUM_TOLERANCE) {
    throw betInvalid(where, `outcome probabilities sum to ${total}, above 1: mutually exclusive outcomes cannot`, {
      field: 'outcomes',
      value: total,
    });
  }
  return bets;
}

function exclusiveClosedForm(bets: readonly KellyBet[]): { stakes: number[]; reserveRate: number } {
  const order = bets
    .map((b, i) => ({ i, value: b.probability * b.decimalOdds }))
    .sort((a, b) => b.value - a.value || a.i - b.i);
  const staked: number[] = [];
  let probabilitySum = 0;
  let inverseOddsSum = 0;
  let reserve = 1;
  for (const { i, value } of order) {
    const bet = bets[i]!;
    const denominator = 1 - inverseOddsSum - 1 / bet.decimalOdds;
    // p·d must beat R by more than rounding: at a tie the outcome's stake p − R/d is 0 anyway, and
    // in a fair book covering every outcome (Σp = Σ1/d = 1) the last outcome ties exactly, where a
    // rounding win would flip R to 0 and stake f = p on everything (equally optimal, but needless).
    // The proof says value > reserve implies denominator > 0; the guard covers rounding.
    if (!(value > reserve * (1 + TIE_TOLERANCE)) || !(denominator > 0)) break;
    probabilitySum += bet.probability;
    inverseOddsSum += 1 / bet.decimalOdds;
    reserve = Math.max(0, 1 - probabilitySum) / denominator;
    staked.push(i);
  }
  const stakes = new Array<number>(bets.length).fill(0);
  for (const i of staked) stakes[i] = Math.max(0, bets[i]!.probability - reserve / bets[i]!.decimalOdds);
  return { stakes, reserveRate: reserve };
}

/** Scenario i: outcome i happens (bet i returns d_i − 1, the others −1); last, none of them does. */
function exclusiveProblem(bets: readonly KellyBet[], upper: number): GrowthProblem {
  const n = bets.length;
  const other = 1 - bets.reduce((a, b) => a + b.probability, 0);
  const scenarios = n + (other > 1e-15 ? 1 : 0);
  const weights = new Float64Array(scenarios);
  const returns = new Float64Array(scenarios * n).fill(-1);
  bets.forEach((bet, i) => {
    weights[i] = bet.probability;
    returns[i * n + i] = bet.decimalOdds - 1;
  });
  if (scenarios > n) weights[n] = other;
  return { bets: n, weights, returns, upper: new Array<number>(n).fill(upper) };
}
