/**
 * @module props/decisions
 * A prop bet from a predicted distribution and a book's two prices: fair over/under probabilities
 * by vig removal (domain/vig), the model's win probability with pushes set aside, edge, expected
 * value and a Kelly stake (domain/decisions), and whether it is recommended given the red flags.
 *
 * Pushes (whole lines): the stake comes back, so EV = P(win)·d + P(push) − 1, and the Kelly stake
 * maximising p·ln(1 + b·f) + q·ln(1 − f) is (b·p − q)/(b·(p + q)): Kelly at the win probability
 * given no push, p/(p + q). The book's prices are also for the no-push outcome pair, so the edge
 * compares like with like.
 */
import { kellyFraction, type KellyStake } from '../domain/decisions/index.js';
import { removeVig, type VigMethod } from '../domain/vig/index.js';
import type { OverUnder } from './distribution.js';
import type { RedFlag } from './types.js';

export interface PropPriceInput {
  readonly overDecimal: number;
  readonly underDecimal: number;
  /** Vig removal method (default multiplicative). */
  readonly vigMethod?: VigMethod;
  /** Fractional Kelly λ (default 0.25) and cap per bet (default 0.05 of bankroll). */
  readonly kellyFraction?: number;
  readonly kellyCap?: number;
  /** Least edge (model minus fair, no-push probabilities) to recommend a bet (default 0.02). */
  readonly minEdge?: number;
}

export interface PropSideDecision {
  readonly side: 'over' | 'under';
  readonly decimalOdds: number;
  /** Model P(side wins), P(push). */
  readonly probability: number;
  readonly pushProbability: number;
  /** Model P(side wins | no push). */
  readonly probabilityNoPush: number;
  /** The market's vig-free P(side) from the two prices. */
  readonly fairProbability: number;
  readonly edge: number;
  /** Per unit staked, pushes returning the stake. */
  readonly expectedValue: number;
  readonly kelly: KellyStake;
  readonly recommended: boolean;
  /** Why not recommended (null when recommended). */
  readonly reason: string | null;
}

export interface PropDecision {
  readonly line: number;
  readonly vigMethod: VigMethod;
  readonly margin: number;
  readonly sides: readonly [PropSideDecision, PropSideDecision];
}

/** Both sides of a prop at a line, decided (see module comment). */
export function decideProp(ou: OverUnder, input: PropPriceInput, flags: readonly RedFlag[] = []): PropDecision {
  const method = input.vigMethod ?? 'multiplicative';
  const fair = removeVig([input.overDecimal, input.underDecimal], method);
  const minEdge = input.minEdge ?? 0.02;
  const flagReason = flags.length ? `red flags: ${flags.map((f) => f.code).join(', ')}` : null;
  const side = (name: 'over' | 'under', p: number, d: number, pFair: number): PropSideDecision => {
    const noPush = ou.push < 1 ? p / (1 - ou.push) : 0;
    const clipped = Math.min(1 - 1e-12, Math.max(1e-12, noPush));
    const kelly = kellyFraction(clipped, d, { fraction: input.kellyFraction ?? 0.25, cap: input.kellyCap ?? 0.05 });
    const edge = noPush - pFair;
    const expectedValue = p * d + ou.push - 1;
    const reason = flagReason ?? (expectedValue <= 0 ? 'no positive expected value' : edge < minEdge ? `edge ${edge.toFixed(4)} below ${minEdge}` : null);
    return {
      side: name,
      decimalOdds: d,
      probability: p,
      pushProbability: ou.push,
      probabilityNoPush: noPush,
      fairProbability: pFair,
      edge,
      expectedValue,
      kelly,
      recommended: reason === null,
      reason,
    };
  };
  return {
    line: ou.line,
    vigMethod: method,
    margin: fair.margin,
    sides: [side('over', ou.over, input.overDecimal, fair.probabilities[0]!), side('under', ou.under, input.underDecimal, fair.probabilities[1]!)],
  };
}
