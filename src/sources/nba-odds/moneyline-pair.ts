/**
 * @module sources/nba-odds/moneyline-pair
 * Whether two closing moneylines can be one two-way market. A book's pair implies probabilities
 * that add up to a little over 1 (its margin): 1.00–1.07 across the 14,209 real NBA pairs
 * 2007–2018, apart from ten misrecorded rows (equal negative prices such as −650/−650 that add up to
 * 1.73, one pair with both signs flipped that adds up to 0.96, i.e. a sure profit).
 */

/**
 * Highest plausible sum of the two implied probabilities (1 + margin). Sportsbook two-way margins
 * are a few percent; 1.2 leaves a wide berth and still catches a favourite's price copied to the
 * underdog.
 */
export const MAX_IMPLIED_SUM = 1.2;

/** Lowest plausible sum: below 1 the pair would pay whoever backs both sides. */
export const MIN_IMPLIED_SUM = 1;

/** Implied probabilities (1/decimal) of a home and an away price added up. */
export function impliedSum(homeDecimal: number, awayDecimal: number): number {
  return 1 / homeDecimal + 1 / awayDecimal;
}

/** Why a pair of decimal prices cannot be one market, or null when it can. */
export function implausiblePairReason(homeDecimal: number, awayDecimal: number): string | null {
  const sum = impliedSum(homeDecimal, awayDecimal);
  if (sum > MAX_IMPLIED_SUM) return `imply ${(sum * 100).toFixed(1)}% together, more than a two-way market's ${MAX_IMPLIED_SUM * 100}% at most: one side is misrecorded`;
  if (sum < MIN_IMPLIED_SUM) return `imply ${(sum * 100).toFixed(1)}% together, under 100% (a sure profit): the signs are misrecorded`;
  return null;
}
