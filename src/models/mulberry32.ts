/**
 * @module models/mulberry32
 * mulberry32: a tiny seeded 32-bit PRNG returning floats in [0, 1). Enough for choosing rows to
 * subsample and for simulated test data; Monte Carlo uses the stronger generator in `simulate/rng`.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
