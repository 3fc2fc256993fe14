/**
 * @module models/scores/distributions
 * Probability mass and distribution functions for scores (REFERENCE.md "Score distributions"):
 * Poisson, negative binomial (mean/dispersion), Skellam (the margin of two independent Poissons)
 * and the normal (through an erf accurate to about 1e-15).
 *
 * Numerics: every pmf is evaluated in log space and exponentiated once, so large counts or rates
 * neither overflow (λ^k, k!) nor underflow before the final step. Skellam is summed outward from the
 * largest term of its convolution, which keeps it accurate to about 1e-14 relative for λ up to
 * several hundred (the brief asks 1e-12 up to ~30); no Bessel function is needed.
 */

const LOG_FACTORIAL_TABLE_SIZE = 1024;
const logFactorialTable = (() => {
  const table = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
  for (let k = 1; k < LOG_FACTORIAL_TABLE_SIZE; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
})();

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7): relative error about 1e-15. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln k! for a whole k ≥ 0 (exact table below 1024, Lanczos above). */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE_SIZE) return logFactorialTable[k] ?? Number.NaN;
  return logGamma(k + 1);
}

/** ln P(X = k) for X ~ Poisson(λ), λ ≥ 0; −Infinity off the support. */
export function poissonLogPmf(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) return Number.NEGATIVE_INFINITY;
  if (lambda === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return k * Math.log(lambda) - lambda - logFactorial(k);
}

/** P(X = k) for X ~ Poisson(λ). */
export function poissonPmf(k: number, lambda: number): number {
  return Math.exp(poissonLogPmf(k, lambda));
}

/** P(X ≤ k) for X ~ Poisson(λ), summed from the pmf (exact to rounding for the counts of a game). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  let sum = 0;
  for (let i = 0; i <= Math.floor(k); i++) sum += poissonPmf(i, lambda);
  return Math.min(1, sum);
}

/** P(X = 0..maxK) for X ~ Poisson(λ) as one array (the caller decides what to do with the tail). */
export function poissonPmfArray(lambda: number, maxK: number): Float64Array {
  const out = new Float64Array(maxK + 1);
  for (let k = 0; k <= maxK; k++) out[k] = poissonPmf(k, lambda);
  return out;
}

/**
 * ln P(X = k) for a negative binomial with mean μ and dispersion (size) r: Var X = μ + μ²/r, so
 * r → ∞ is the Poisson. P(k) = Γ(k + r) / (Γ(r) k!) · (r/(r+μ))^r · (μ/(r+μ))^k.
 */
export function negativeBinomialLogPmf(k: number, mean: number, dispersion: number): number {
  if (!Number.isInteger(k) || k < 0) return Number.NEGATIVE_INFINITY;
  if (mean === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (!Number.isFinite(dispersion)) return poissonLogPmf(k, mean);
  const r = dispersion;
  // Γ(k+r)/Γ(r) as a product for small k: exact, and avoids cancelling two large logGammas when r is big.
  let logRatio = 0;
  if (k <= 64) for (let i = 0; i < k; i++) logRatio += Math.log(r + i);
  else logRatio = logGamma(k + r) - logGamma(r);
  // log(r/(r+μ)) = −log1p(μ/r) keeps precision when r ≫ μ (the near-Poisson case).
  return logRatio - logFactorial(k) - r * Math.log1p(mean / r) + k * (Math.log(mean) - Math.log(r + mean));
}

/** P(X = k) for the negative binomial with mean μ and dispersion r (variance μ + μ²/r). */
export function negativeBinomialPmf(k: number, mean: number, dispersion: number): number {
  return Math.exp(negativeBinomialLogPmf(k, mean, dispersion));
}

/** P(X = 0..maxK) for the negative binomial with mean μ and dispersion r. */
export function negativeBinomialPmfArray(mean: number, dispersion: number, maxK: number): Float64Array {
  const out = new Float64Array(maxK + 1);
  for (let k = 0; k <= maxK; k++) out[k] = negativeBinomialPmf(k, mean, dispersion);
  return out;
}

/**
 * P(X − Y = k) for independent X ~ Poisson(λ1), Y ~ Poisson(λ2) (Skellam): Σ_j P(X = j + k) P(Y = j).
 * The sum starts at its largest term j* (where the term ratio λ1λ2 / ((j+1)(j+k+1)) crosses 1) and
 * walks both ways with that ratio until terms stop mattering, so only one exp is taken.
 */
export function skellamPmf(k: number, lambda1: number, lambda2: number): number {
  if (!Number.isInteger(k)) return 0;
  if (lambda1 === 0) return poissonPmf(-k, lambda2);
  if (lambda2 === 0) return poissonPmf(k, lambda1);
  const j0 = Math.max(0, -k);
  const product = lambda1 * lambda2;
  const jStar = Math.max(j0, Math.floor((-k + Math.sqrt(k * k + 4 * product)) / 2));
  const logPeak = poissonLogPmf(jStar + k, lambda1) + poissonLogPmf(jStar, lambda2);
  let sum = 1;
  let term = 1;
  for (let j = jStar; ; j++) {
    term *= product / ((j + 1) * (j + k + 1));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  term = 1;
  for (let j = jStar; j > j0; j--) {
    term *= (j * (j + k)) / product;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.exp(logPeak) * sum;
}

/** P(X − Y ≤ k) for the Skellam difference, summed over k' from far below the mean. */
export function skellamCdf(k: number, lambda1: number, lambda2: number): number {
  const sd = Math.sqrt(lambda1 + lambda2);
  const low = Math.floor(lambda1 - lambda2 - 12 * sd - 10);
  let sum = 0;
  for (let i = low; i <= Math.floor(k); i++) sum += skellamPmf(i, lambda1, lambda2);
  return Math.min(1, sum);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erfc(x) for x ≥ 2.5 by its continued fraction (modified Lentz): all-positive, fast to converge. */
function erfcLarge(x: number): number {
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated as a K-fraction.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** erf(x) for |x| < 2.5 by the all-positive series 2/√π · e^{−x²} Σ 2ⁿ x^{2n+1} / (2n+1)!!. */
function erfSmall(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** The error function, accurate to about 1e-15. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) < 2.5) return erfSmall(x);
  return x > 0 ? 1 - erfcLarge(x) : erfcLarge(-x) - 1;
}

/** The complementary error function 1 − erf(x), without cancellation in the upper tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 2.5) return erfcLarge(x);
  if (x <= -2.5) return 2 - erfcLarge(-x);
  return 1 - erfSmall(x);
}

/** Density of N(mean, sd²) at x. */
export function normalPdf(x: number, mean = 0, sd = 1): number {
  const z = (x - mean) / sd;
  return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
}

/** P(X ≤ x) for X ~ N(mean, sd²), via erfc so the lower tail keeps its relative precision. */
export function normalCdf(x: number, mean = 0, sd = 1): number {
  return 0.5 * erfc(-(x - mean) / (sd * Math.SQRT2));
}

/**
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1): Acklam's rational start refined by two Halley
 * steps on `normalCdf`, so it inverts `normalCdf` to about 1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? Number.NEGATIVE_INFINITY : p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  for (let i = 0; i < 2; i++) {
    const e = normalCdf(x) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
