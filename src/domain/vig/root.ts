/**
 * @module domain/vig/root
 * A bracketed root finder: Brent's method (R. P. Brent, "Algorithms for Minimization without
 * Derivatives", 1973, ch. 4). Each step tries inverse quadratic interpolation (or the secant), and
 * falls back to bisection whenever the interpolated step would not shrink the bracket fast enough,
 * so it never leaves the bracket and always converges, usually superlinearly. Vig removal needs this
 * guarantee: every valid market must converge, including long shots at 1000 and favourites at 1.001.
 */
import { SharplineError } from '../../errors.js';

/** Stopping rules for `brentRoot`; every field is optional. */
export interface RootOptions {
  /** Stop once the bracket is this narrow (absolute; 2ε·|x| is always added). Default 0: full double precision. */
  readonly xTolerance?: number;
  /** Stop as soon as |f(x)| ≤ this. Default 0: only an exact zero stops early. */
  readonly fTolerance?: number;
  /** Throw after this many evaluations of f. Default 200 (Brent needs at most about 60 at full precision in practice). */
  readonly maxEvaluations?: number;
}

const NO_OPTIONS: RootOptions = {};

/**
 * A root of f in [lo, hi], where f(lo) and f(hi) differ in sign (or one is 0), to full double precision
 * unless `options` loosen it. Throws SL_MARKET_INVALID when the interval does not bracket a root, when
 * f returns NaN, or when the evaluation budget runs out.
 *
 * @example
 * brentRoot((x) => x * x - 2, 0, 2) // 1.4142135623730951
 */
export function brentRoot(f: (x: number) => number, lo: number, hi: number, options: RootOptions = NO_OPTIONS): number {
  return brentRootFromValues(f, lo, f(lo), hi, f(hi), options);
}

/**
 * `brentRoot` when f(lo) and f(hi) are already known (callers that evaluated the ends to choose the
 * bracket pass them on instead of paying for them twice).
 */
export function brentRootFromValues(
  f: (x: number) => number,
  lo: number,
  fLo: number,
  hi: number,
  fHi: number,
  options: RootOptions = NO_OPTIONS,
): number {
  const xTolerance = options.xTolerance ?? 0;
  const fTolerance = options.fTolerance ?? 0;
  const maxEvaluations = options.maxEvaluations ?? 200;
  // a: previous iterate; b: best estimate; c: the contrapoint, so the root always lies between b and c.
  let a = lo;
  let b = hi;
  let fa = fLo;
  let fb = fHi;
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw rootError(`f is NaN at the bracket [${lo}, ${hi}] (f(lo) = ${fa}, f(hi) = ${fb})`);
  if (Math.abs(fa) <= fTolerance) return a;
  if (Math.abs(fb) <= fTolerance) return b;
  if ((fa > 0) === (fb > 0)) {
    throw rootError(`[${lo}, ${hi}] does not bracket a root: f(lo) = ${fa} and f(hi) = ${fb} have the same sign`);
  }
  let c = a;
  let fc = fa;
  let step = b - a; // the step just taken
  let previousStep = step; // the step before it: interpolation must beat half of this
  for (let evaluations = 2; evaluations < maxEvaluations; evaluations++) {
    if ((fb > 0) === (fc > 0)) {
      c = a;
      fc = fa;
      step = b - a;
      previousStep = step;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTolerance;
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tolerance || fb === 0) return b;
    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * half * s; // secant through a and b
        q = 1 - s;
      } else {
        const qa = fa / fc; // inverse quadratic through a, b, c
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Accept the interpolated step only if it lands well inside the bracket and shrinks fast enough.
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(previousStep * q))) {
        previousStep = step;
        step = p / q;
      } else {
        step = half;
        previousStep = half;
      }
    } else {
      step = half;
      previousStep = half;
    }
    a = b;
    fa = fb;
    b += Math.abs(step) > tolerance ? step : half > 0 ? tolerance : -tolerance;
    fb = f(b);
    if (Number.isNaN(fb)) throw rootError(`f is NaN at ${b} inside the bracket [${lo}, ${hi}]`);
    if (Math.abs(fb) <= fTolerance) return b;
  }
  throw rootError(`no convergence in [${lo}, ${hi}] after ${maxEvaluations} evaluations (best ${b}, f = ${fb})`);
}

function rootError(message: string): SharplineError {
  return new SharplineError('SL_MARKET_INVALID', `root finder: ${message}`);
}
