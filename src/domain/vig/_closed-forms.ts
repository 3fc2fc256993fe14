/**
 * @module domain/vig/_closed-forms
 * Methods without a parameter to solve for (REFERENCE.md "Vig removal" 1, 2, 5). Folder-private.
 */

/** Multiplicative (basic): pᵢ = πᵢ / B. Never negative; an arbitrage (B < 1) is scaled up the same way. */
export function multiplicative(_decimals: readonly number[], probabilities: number[], booksum: number): null {
  for (let i = 0; i < probabilities.length; i++) probabilities[i]! /= booksum;
  return null;
}

/**
 * Additive: pᵢ = πᵢ − (B − 1)/n, the margin split evenly. A long shot whose πᵢ is below the share
 * comes out ≤ 0 and is returned as such (the caller gets a warning); for n = 2 that cannot happen.
 */
export function additive(_decimals: readonly number[], probabilities: number[], booksum: number): null {
  const share = (booksum - 1) / probabilities.length;
  for (let i = 0; i < probabilities.length; i++) probabilities[i]! -= share;
  return null;
}

/**
 * Differential margin weighting (Buchdahl, margin proportional to odds): fair dᵢ = n·dᵢ / (n − M·dᵢ)
 * with M = B − 1, so pᵢ = (n − M·dᵢ)/(n·dᵢ) = 1/dᵢ − M/n: algebraically the additive method, kept
 * under its own name and computed from its own formula (results agree to rounding).
 */
export function differential(decimals: readonly number[], probabilities: number[], booksum: number): null {
  const n = decimals.length;
  const margin = booksum - 1;
  for (let i = 0; i < n; i++) {
    const decimal = decimals[i]!;
    probabilities[i] = (n - margin * decimal) / (n * decimal);
  }
  return null;
}
