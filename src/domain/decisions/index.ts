/**
 * @module domain/decisions
 * Betting decisions from probabilities and prices: expected value and edge, Kelly staking (single,
 * simultaneous on exclusive outcomes, simultaneous on independent games), closing line value, and
 * settlement of spreads, totals and moneylines with pushes and quarter lines. Pure functions; bad
 * input throws `SharplineError('SL_BET_INVALID')`. Probabilities in (0, 1), odds decimal, stakes
 * as shares of bankroll (units only in `stakeUnits`). Formulas: REFERENCE.md "Decisions".
 */
export { breakEvenProbability, edge, expectedValue } from './expected-value.js';
export { growthRate, kellyFraction } from './kelly.js';
export type { KellyOptions, KellyReason, KellyStake } from './kelly.js';
export { MAX_INDEPENDENT_BETS } from './simultaneous-kelly.js';
export type { KellyBet, SimultaneousKelly, SimultaneousKellyBet } from './simultaneous-kelly.js';
export { exclusiveGrowthRate, kellyExclusive } from './kelly-exclusive.js';
export type { ExclusiveKelly } from './kelly-exclusive.js';
export { independentGrowthRate, kellyIndependent } from './kelly-independent.js';
export { clvByPrice, clvByProbability } from './clv.js';
export { settleMoneyline, settlementReturn, settleSpread, settleTotal } from './settlement.js';
export type { DrawPolicy, Settlement, TotalSide } from './settlement.js';
