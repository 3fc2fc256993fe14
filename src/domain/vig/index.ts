/**
 * @module domain/vig
 * Vig removal: fair probabilities from one market's decimal odds (REFERENCE.md "Vig removal").
 * With implied πᵢ = 1/dᵢ, booksum B = Σπᵢ and margin M = B − 1 over n outcomes:
 *
 * | method           | formula                                          | parameter |
 * | ---------------- | ------------------------------------------------ | --------- |
 * | `multiplicative` | pᵢ = πᵢ / B                                      | none      |
 * | `additive`       | pᵢ = πᵢ − M/n                                    | none      |
 * | `power`          | pᵢ = πᵢ^k, Σ πᵢ^k = 1                            | k         |
 * | `shin`           | pᵢ = (√(z² + 4(1 − z)πᵢ²/B) − z) / (2(1 − z))    | z         |
 * | `differential`   | fair dᵢ = n·dᵢ / (n − M·dᵢ)                       | none      |
 * | `odds-ratio`     | pᵢ = πᵢ / (c + πᵢ − c·πᵢ)                        | c         |
 * | `logarithmic`    | logit pᵢ = logit πᵢ − c                          | c         |
 *
 * Which coincide (every name is kept, because users know them; tests check each equivalence):
 * - `differential` equals `additive` for every n: n·dᵢ/(n − M·dᵢ) inverts to 1/dᵢ − M/n.
 * - `logarithmic` equals `odds-ratio` for every n: dividing odds by c shifts log-odds by ln c, so
 *   the probabilities agree and `parameter` (logarithmic) = ln(`parameter` (odds ratio)).
 * - `shin` equals `additive` for two outcomes (it still reports its z).
 *
 * Solving: power, Shin (n > 2), odds ratio (n > 2) and logarithmic (n > 2) find their parameter with
 * Brent's method (`root.ts`) on an analytic bracket, so every valid market converges, long shots at
 * 1000 and favourites at 1.001 included; the other cases have closed forms (fast path for n = 2).
 * Solved probabilities are divided by their sum at the end, so they sum to 1 within 1e-15.
 *
 * Edge cases, decided:
 * - Zero margin (B = 1): every method returns pᵢ = πᵢ (k = 1, z = 0, c = 1 for odds ratio, 0 for
 *   logarithmic).
 * - Arbitrage (B < 1): no method throws. Each runs its formula the other way and lifts the
 *   probabilities to sum to 1: multiplicative divides by B < 1, additive adds |M|/n, power has
 *   k < 1, Shin has z < 0 (no insider reading), odds ratio c < 1, logarithmic c < 0. The result
 *   carries a `negative_margin` warning, since such prices usually mean stale or mixed books.
 * - Additive and differential subtract an even share of the margin, so with n > 2 a long shot whose
 *   πᵢ < M/n gets pᵢ ≤ 0. It is returned unclipped (clipping would break Σp = 1 and hide the
 *   problem), its fair decimal is NaN, and a `negative_probability` warning names the outcome.
 *   Every other method gives pᵢ in (0, 1); only in absurd markets can one underflow to 0 in doubles
 *   (power with k in the thousands), which a `zero_probability` warning reports.
 */
export { removeVig } from './remove-vig.js';
export { VIG_METHODS } from './types.js';
export type { FairMarket, VigMethod, VigWarning } from './types.js';
