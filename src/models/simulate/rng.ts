/**
 * @module models/simulate/rng
 * A fast seeded pseudo-random generator and the samplers the Monte Carlo engine needs.
 *
 * Generator: xoshiro128** (Blackman & Vigna), 32-bit state words so every step is plain int32
 * arithmetic in V8 (no BigInt), seeded through splitmix32 so nearby seeds give unrelated streams.
 * `uniform()` returns (k + ½)/2³² for a 32-bit k: never 0 or 1, so logs and inverse cdfs are safe.
 *
 * Samplers: normal by Marsaglia's polar method (the second value of each pair is cached); Poisson by
 * sequential inversion for λ < 10 and Hörmann's PTRS transformed rejection (1993) above, which is
 * exact and O(1); gamma by Marsaglia–Tsang (2000), with the u^{1/a} boost for shape < 1; negative
 * binomial as a gamma–Poisson mixture (λ ~ Gamma(r, μ/r), X ~ Poisson(λ)).
 */
import { logFactorial } from '../scores/distributions.js';

const TWO_POW_32 = 4294967296;

/** splitmix32 step: spreads a seed into well-mixed 32-bit words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seeded random stream (xoshiro128**). The same seed always gives the same sequence. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    const state = { s: Math.trunc(seed) | 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform on (0, 1), 32-bit resolution, never exactly 0 or 1. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Standard normal (Marsaglia polar; the pair's second value is returned by the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Poisson(λ): inversion below λ = 10, PTRS transformed rejection above. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 10) {
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      const u = this.uniform();
      while (u > cdf && k < 1000) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const logLam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLam - logFactorial(k)) return k;
    }
  }

  /** Gamma with the given shape and scale (mean shape·scale). */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Negative binomial with mean μ and dispersion r (variance μ + μ²/r), as a gamma–Poisson mixture. */
  negativeBinomial(mean: number, dispersion: number): number {
    if (!Number.isFinite(dispersion)) return this.poisson(mean);
    return this.poisson(this.gamma(dispersion, mean / dispersion));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A new seeded stream. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}
