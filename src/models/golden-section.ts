/**
 * @module models/golden-section
 * Golden-section search: the minimum of a unimodal function of one variable on [lo, hi], without
 * derivatives (a Pythagorean exponent, a negative-binomial dispersion). Returns the middle of the
 * last bracket, within `tolerance` of the minimum.
 */
export function goldenSectionMinimum(f: (x: number) => number, lo: number, hi: number, tolerance: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}
