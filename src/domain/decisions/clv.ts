/**
 * @module domain/decisions/clv
 * Closing line value: how the price you took compares with the closing price (REFERENCE.md
 * "Decisions"). Positive CLV means you beat the close.
 */
import { requireDecimalOdds, requireProbability } from './_validate.js';

/**
 * CLV by price, d_taken / d_close − 1, as a share: taking 2.10 when the line closes at 1.95 is
 * +0.0769 (7.7 % more return per winning unit than the close offered). Both prices are decimal odds
 * of the same outcome; the close includes the book's margin, so this measure does too.
 */
export function clvByPrice(takenDecimal: number, closeDecimal: number): number {
  const taken = requireDecimalOdds(takenDecimal, 'clvByPrice', 'takenDecimal');
  const close = requireDecimalOdds(closeDecimal, 'clvByPrice', 'closeDecimal');
  return taken / close - 1;
}

/**
 * CLV by probability, p_fair_close − 1/d_taken, in probability points: the closing line's fair
 * probability of the outcome minus the probability implied by the price you took. Equivalently the
 * expected value of the bet, per unit, if the fair close is the truth, divided by d_taken.
 *
 * `fairCloseProbability` is an input: remove the vig from the closing market with the method of
 * your choice (src/domain/vig) and pass the outcome's fair probability here. This function does no
 * de-vigging, so the measure is only as good as the method chosen.
 */
export function clvByProbability(takenDecimal: number, fairCloseProbability: number): number {
  const taken = requireDecimalOdds(takenDecimal, 'clvByProbability', 'takenDecimal');
  const fair = requireProbability(fairCloseProbability, 'clvByProbability', 'fairCloseProbability');
  return fair - 1 / taken;
}
