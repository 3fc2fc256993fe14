/**
 * @module domain/vig/types
 * The vig-removal vocabulary: method names, the result record and its warnings.
 */

/**
 * A vig-removal method, by the name users know (penaltyblog's list). Which ones coincide is written
 * in `domain/vig/index.ts`.
 */
export type VigMethod = 'multiplicative' | 'additive' | 'power' | 'shin' | 'differential' | 'odds-ratio' | 'logarithmic';

/** Every `VigMethod`, in REFERENCE.md order ("Vig removal", 1–7). */
export const VIG_METHODS: readonly VigMethod[] = Object.freeze([
  'multiplicative',
  'additive',
  'power',
  'shin',
  'differential',
  'odds-ratio',
  'logarithmic',
] as const);

/**
 * Something the caller should know about a result; never logged, always returned.
 * - `negative_probability`: additive or differential took more margin off an outcome than its implied
 *   probability (a long shot in a high-margin market with n > 2). The probability is returned as
 *   computed (< 0, not clipped, so Σp = 1 still holds) and its fair decimal is NaN; `outcome` is its index.
 * - `zero_probability`: the fair probability underflowed to 0 in doubles (possible only in absurd
 *   markets, e.g. power with k in the thousands when a 1000 long shot shares a market with many 1.001
 *   favourites); its fair decimal is Infinity.
 * - `negative_margin`: the booksum is below 1 − 1e-12 (an arbitrage; closer to 1 is rounding). Every method still returns probabilities
 *   summing to 1, by running its formula the other way (see `domain/vig/index.ts`); `outcome` is null.
 */
export interface VigWarning {
  readonly code: 'negative_probability' | 'zero_probability' | 'negative_margin';
  readonly outcome: number | null;
  readonly message: string;
}

/** Fair (vig-free) view of one market, in the order of the decimal odds given. */
export interface FairMarket {
  readonly method: VigMethod;
  /** Fair probability per outcome; sums to 1 within 1e-12. In (0, 1) except as `warnings` say. */
  readonly probabilities: number[];
  /** Fair decimal odds 1/p per outcome; Infinity where p = 0, NaN where p < 0. */
  readonly fairDecimals: number[];
  /** The market's margin B − 1 (booksum minus one) before removal; negative for an arbitrage. */
  readonly margin: number;
  /** The solved parameter (k for power, z for Shin, c for odds ratio and logarithmic); null for closed forms. */
  readonly parameter: number | null;
  /** 'k', 'z' or 'c', matching `parameter`; null when `parameter` is null. */
  readonly parameterName: 'k' | 'z' | 'c' | null;
  /** Empty for an ordinary market; shared and frozen when empty, so do not push to it. */
  readonly warnings: readonly VigWarning[];
}
