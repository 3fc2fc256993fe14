/**
 * @module domain/vig/_shin
 * Shin's method (REFERENCE.md "Vig removal" 4; H. S. Shin, Economic Journal 1993):
 * pᵢ = (√(z² + 4(1 − z)·πᵢ²/B) − z) / (2(1 − z)), z solving Σ pᵢ = 1. Folder-private.
 */
import { brentRoot } from './root.js';
import { normalize, ROOT_OPTIONS } from './_solver.js';

/**
 * Returns z, the estimated share of insider money. Two outcomes use the closed form: there Shin's
 * probabilities equal the additive method's, pᵢ = πᵢ − M/2 with M = B − 1, and solving the formula
 * for z gives z = M·(4π₀π₁ − M·B) / (4·B·p₀·p₁), written to avoid cancellation. More outcomes solve
 * with Brent's method: each pᵢ falls strictly as z rises (so the root is unique), Σp = √B at z = 0
 * and Σ πᵢ²/B < 1 as z → 1. An arbitrage (B < 1) has its root at z < 0 (no insider reading; it
 * lifts the probabilities), bracketed by [−1, 0] because every pᵢ ≥ 1/2 at z = −1.
 */
export function shin(decimals: readonly number[], probabilities: number[], booksum: number): number {
  return decimals.length === 2 ? twoWay(probabilities, booksum) : nWay(probabilities, booksum);
}

function twoWay(probabilities: number[], booksum: number): number {
  const implied0 = probabilities[0]!;
  const implied1 = probabilities[1]!;
  const margin = booksum - 1;
  const p0 = implied0 - margin / 2;
  const p1 = implied1 - margin / 2;
  probabilities[0] = p0;
  probabilities[1] = p1;
  return (margin * (4 * implied0 * implied1 - margin * booksum)) / (4 * booksum * p0 * p1);
}

function nWay(probabilities: number[], booksum: number): number {
  const n = probabilities.length;
  // probabilities[i] ← cᵢ = πᵢ²/B while solving.
  for (let i = 0; i < n; i++) probabilities[i] = (probabilities[i]! * probabilities[i]!) / booksum;
  const g = (z: number): number => {
    let sum = -1;
    for (let i = 0; i < n; i++) sum += shinProbability(probabilities[i]!, z);
    return sum;
  };
  const atZero = g(0);
  let z = 0;
  if (atZero < 0) z = brentRoot(g, -1, 0, ROOT_OPTIONS);
  // g(1) ≥ 0 only when rounding erases a vanishing margin (a favourite within ~1e-13 of 1): the
  // root is then z = 1 to double precision, where pᵢ = πᵢ²/B.
  else if (atZero > 0) z = g(1) < 0 ? brentRoot(g, 0, 1, ROOT_OPTIONS) : 1;
  for (let i = 0; i < n; i++) probabilities[i] = shinProbability(probabilities[i]!, z);
  normalize(probabilities);
  return z;
}

/**
 * Shin's pᵢ for cᵢ = πᵢ²/B, in the form free of cancellation: for z ≥ 0 the numerator is
 * rationalised, 2c / (√(z² + 4(1 − z)c) + z), which also gives the limit c at z = 1; for z < 0 the
 * textbook form has no cancellation.
 */
function shinProbability(c: number, z: number): number {
  const root = Math.sqrt(z * z + 4 * (1 - z) * c);
  return z >= 0 ? (2 * c) / (root + z) : (root - z) / (2 * (1 - z));
}
