/**
 * @module domain/decisions/expected-value
 * Value of a single price: expected value per unit staked, edge over the market, break-even
 * probability (REFERENCE.md "Decisions").
 */
import { requireDecimalOdds, requireProbability } from './_validate.js';

/**
 * Expected net return per unit staked, EV = p·d − 1, for a bet you win with probability `probability`
 * at decimal odds `decimalOdds`. Positive means the price is value.
 *
 * @example expectedValue(0.55, 1.909091) // ≈ 0.05: 5 cents per unit at −110
 */
export function expectedValue(probability: number, decimalOdds: number): number {
  const p = requireProbability(probability, 'expectedValue', 'probability');
  const d = requireDecimalOdds(decimalOdds, 'expectedValue', 'decimalOdds');
  return p * d - 1;
}

/**
 * Edge in probability points, p − p_fair_market: your probability minus the market's fair
 * (de-vigged) probability for the same outcome. The fair probability comes from a vig-removal
 * method (src/domain/vig); this function only subtracts.
 */
export function edge(probability: number, fairMarketProbability: number): number {
  const p = requireProbability(probability, 'edge', 'probability');
  const fair = requireProbability(fairMarketProbability, 'edge', 'fairMarketProbability');
  return p - fair;
}

/** Probability at which a bet at `decimalOdds` has zero expected value: 1/d (the implied probability). */
export function breakEvenProbability(decimalOdds: number): number {
  return 1 / requireDecimalOdds(decimalOdds, 'breakEvenProbability', 'decimalOdds');
}
