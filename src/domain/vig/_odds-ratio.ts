/**
 * @module domain/vig/_odds-ratio
 * Odds ratio (Cheung) and logarithmic (logit shift) methods, REFERENCE.md "Vig removal" 6 and 7.
 * They are one model: pᵢ = πᵢ / (c + πᵢ − c·πᵢ) divides each outcome's odds πᵢ/(1 − πᵢ) by c, and
 * logit(pᵢ) = logit(πᵢ) − c subtracts c from its log-odds; so c_logarithmic = ln c_odds-ratio and
 * the probabilities agree. Both are kept and computed from their own formula. Folder-private.
 *
 * Odds are taken as oᵢ = πᵢ/(1 − πᵢ) = 1/(dᵢ − 1), exact to one rounding since dᵢ − 1 is exact;
 * 1 − 1/dᵢ would cancel for favourites near 1.
 */
import { brentRoot } from './root.js';
import { normalize, ROOT_OPTIONS } from './_solver.js';

/**
 * Odds ratio: returns c. Two outcomes use the closed form c = √(o₀·o₁) (p₀ + p₁ = 1 forces
 * o₀/c = c/o₁). More outcomes solve g(c) = Σ oᵢ/(c + oᵢ) − 1, strictly falling in c: a margin
 * puts c in [1, Σ oᵢ] (g(Σo) < Σ oᵢ/Σo − 1 = 0); an arbitrage puts c in [0, 1) (g(0) = n − 1).
 */
export function oddsRatio(decimals: readonly number[], probabilities: number[], _booksum: number): number {
  const n = decimals.length;
  if (n === 2) {
    const odds0 = 1 / (decimals[0]! - 1);
    const odds1 = 1 / (decimals[1]! - 1);
    const c = Math.sqrt(odds0) * Math.sqrt(odds1); // no overflow for odds near 1e308
    probabilities[0] = odds0 / (c + odds0);
    probabilities[1] = odds1 / (c + odds1);
    return c;
  }
  // probabilities[i] ← oᵢ while solving.
  let oddsSum = 0;
  for (let i = 0; i < n; i++) {
    const odds = 1 / (decimals[i]! - 1);
    probabilities[i] = odds;
    oddsSum += odds;
  }
  const g = (c: number): number => {
    let sum = -1;
    for (let i = 0; i < n; i++) sum += probabilities[i]! / (c + probabilities[i]!);
    return sum;
  };
  const atOne = g(1);
  let c = 1;
  if (atOne > 0) c = brentRoot(g, 1, oddsSum, ROOT_OPTIONS);
  else if (atOne < 0) c = brentRoot(g, 0, 1, ROOT_OPTIONS);
  for (let i = 0; i < n; i++) probabilities[i] = probabilities[i]! / (c + probabilities[i]!);
  normalize(probabilities);
  return c;
}

/**
 * Logarithmic: returns the logit shift c (= ln of the odds-ratio c). Two outcomes use the closed
 * form c = (ℓ₀ + ℓ₁)/2 with ℓᵢ = logit(πᵢ) = −ln(dᵢ − 1), since σ(x) + σ(y) = 1 exactly when
 * y = −x. More outcomes solve g(c) = Σ σ(ℓᵢ − c) − 1, strictly falling: a margin puts c in
 * [0, ln Σ oᵢ]; an arbitrage in [min ℓᵢ + ln(n − 1) − 1, 0], where every σ(ℓᵢ − c) > 1/n.
 */
export function logarithmic(decimals: readonly number[], probabilities: number[], _booksum: number): number {
  const n = decimals.length;
  if (n === 2) {
    const logit0 = -Math.log(decimals[0]! - 1);
    const logit1 = -Math.log(decimals[1]! - 1);
    const c = (logit0 + logit1) / 2;
    probabilities[0] = sigmoid(logit0 - c);
    probabilities[1] = sigmoid(logit1 - c);
    return c;
  }
  // probabilities[i] ← ℓᵢ while solving.
  let minLogit = Infinity;
  let oddsSum = 0;
  for (let i = 0; i < n; i++) {
    const oddsMinusOne = decimals[i]! - 1;
    const logit = -Math.log(oddsMinusOne);
    probabilities[i] = logit;
    oddsSum += 1 / oddsMinusOne;
    if (logit < minLogit) minLogit = logit;
  }
  const g = (c: number): number => {
    let sum = -1;
    for (let i = 0; i < n; i++) sum += sigmoid(probabilities[i]! - c);
    return sum;
  };
  const atZero = g(0);
  let c = 0;
  if (atZero > 0) c = brentRoot(g, 0, Math.log(oddsSum), ROOT_OPTIONS);
  else if (atZero < 0) c = brentRoot(g, minLogit + Math.log(n - 1) - 1, 0, ROOT_OPTIONS);
  for (let i = 0; i < n; i++) probabilities[i] = sigmoid(probabilities[i]! - c);
  normalize(probabilities);
  return c;
}

/** The logistic function 1/(1 + e^(−x)). */
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
