/**
 * @module props/systems/dispersion
 * The negative binomial's dispersion r from earlier (mean, outcome) pairs by the method of moments:
 * Var K = μ + μ²/r, so 1/r = Σ((y − μ)² − μ) / Σ μ². No over-dispersion left → Poisson (r = ∞).
 */

/** Dispersion r > 0 (Infinity for Poisson) from out-of-sample pairs; null when there are none. */
export function fitDispersion(means: readonly number[], outcomes: readonly number[]): number | null {
  if (means.length === 0) return null;
  let num = 0;
  let den = 0;
  for (let i = 0; i < means.length; i++) {
    const m = means[i]!;
    num += (outcomes[i]! - m) ** 2 - m;
    den += m * m;
  }
  const inverse = num / den;
  return inverse > 1e-6 ? 1 / inverse : Number.POSITIVE_INFINITY;
}
