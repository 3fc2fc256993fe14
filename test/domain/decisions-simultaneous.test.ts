/**
 * Simultaneous Kelly (src/domain/decisions): mutually exclusive outcomes of one event (closed form)
 * and independent bets on one slate (numerical). Both are checked against a deliberately simple
 * optimiser written here (coordinate and pairwise golden-section ascent on E[ln W]), against
 * single-bet Kelly, against the KKT conditions, and against random feasible stakes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exclusiveGrowthRate,
  independentGrowthRate,
  kellyExclusive,
  kellyFraction,
  kellyIndependent,
  MAX_INDEPENDENT_BETS,
  type KellyBet,
} from '../../src/domain/decisions/index.js';
import { SharplineError } from '../../src/errors.js';

const MINUS_110 = 21 / 11;

// ---------------------------------------------------------------------------------------------
// A reference optimiser, independent of the code under test: E[ln W] over explicit scenarios,
// maximised by golden-section line searches along each coordinate, along each pairwise transfer
// (f_i + t, f_j − t), which also moves along the face Σf = 1, along the sweep's net progress
// (Powell's pattern move) and along the ray f → t·f.

interface Scenario {
  readonly probability: number;
  readonly returns: readonly number[];
}

function scenarioGrowth(scenarios: readonly Scenario[], f: readonly number[]): number {
  let g = 0;
  for (const s of scenarios) {
    let w = 1;
    s.returns.forEach((r, i) => {
      w += f[i]! * r;
    });
    if (w <= 0) return Number.NEGATIVE_INFINITY;
    g += s.probability * Math.log(w);
  }
  return g;
}

function goldenMax(h: (t: number) => number, lo: number, hi: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let hc = h(c);
  let hd = h(d);
  for (let k = 0; k < 90 && b - a > 1e-15; k++) {
    if (hc >= hd) {
      b = d;
      d = c;
      hd = hc;
      c = b - ratio * (b - a);
      hc = h(c);
    } else {
      a = c;
      c = d;
      hc = hd;
      d = a + ratio * (b - a);
      hd = h(d);
    }
  }
  const mid = (a + b) / 2;
  // The optimum may sit on an end of the interval (a bound); keep the best of the three.
  return [lo, mid, hi].reduce((best, t) => (h(t) > h(best) ? t : best), mid);
}

function referenceOptimum(scenarios: readonly Scenario[], n: number, upper = 1): { stakes: number[]; growth: number } {
  let f = new Array<number>(n).fill(0);
  /** Golden-section search along f + t·v over the t that keep 0 ≤ f ≤ upper and Σf ≤ 1. */
  const along = (v: readonly number[]) => {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    const limit = (distance: number, rate: number) => {
      if (rate > 0) hi = Math.min(hi, distance / rate);
      else if (rate < 0) lo = Math.max(lo, distance / rate);
    };
    v.forEach((vi, i) => {
      limit(upper - f[i]!, vi);
      limit(f[i]!, -vi);
    });
    limit(1 - f.reduce((a, b) => a + b, 0), v.reduce((a, b) => a + b, 0));
    if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return;
    const point = (t: number) => f.map((x, i) => Math.min(upper, Math.max(0, x + t * v[i]!)));
    const t = goldenMax((t) => scenarioGrowth(scenarios, point(t)), Math.min(0, lo), Math.max(0, hi));
    f = point(t);
  };
  const unit = (i: number) => f.map((_, k) => (k === i ? 1 : 0));
  let previous = Number.NEGATIVE_INFINITY;
  for (let sweep = 0; sweep < 3000; sweep++) {
    const start = [...f];
    for (let i = 0; i < n; i++) along(unit(i));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) along(f.map((_, k) => (k === i ? 1 : k === j ? -1 : 0)));
    // Powell's pattern move: search along this sweep's net progress, which follows the narrow
    // valleys (near-fair books covering every outcome) that single coordinates zig-zag across.
    along(f.map((x, i) => x - start[i]!));
    along([...f]);
    const growth = scenarioGrowth(scenarios, f);
    if (growth - previous < 1e-17 && sweep > 5) break;
    previous = growth;
  }
  return { stakes: f, growth: scenarioGrowth(scenarios, f) };
}

function exclusiveScenarios(bets: readonly KellyBet[]): Scenario[] {
  const out: Scenario[] = bets.map((b, i) => ({
    probability: b.probability,
    returns: bets.map((o, j) => (i === j ? o.decimalOdds - 1 : -1)),
  }));
  const other = 1 - bets.reduce((a, b) => a + b.probability, 0);
  if (other > 1e-15) out.push({ probability: other, returns: bets.map(() => -1) });
  return out;
}

function independentScenarios(bets: readonly KellyBet[]): Scenario[] {
  const out: Scenario[] = [];
  for (let s = 0; s < 2 ** bets.length; s++) {
    let probability = 1;
    const returns = bets.map((b, i) => {
      const wins = ((s >> i) & 1) === 1;
      probability *= wins ? b.probability : 1 - b.probability;
      return wins ? b.decimalOdds - 1 : -1;
    });
    out.push({ probability, returns });
  }
  return out;
}

/** ∂E[ln W]/∂f_i at f, by the explicit scenarios. */
function scenarioGradient(scenarios: readonly Scenario[], f: readonly number[]): number[] {
  const g = f.map(() => 0);
  for (const s of scenarios) {
    const w = 1 + s.returns.reduce((a, r, i) => a + f[i]! * r, 0);
    s.returns.forEach((r, i) => {
      g[i] = g[i]! + (s.probability * r) / w;
    });
  }
  return g;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: your probability, and a price that is sometimes value and sometimes not.

const lambda = fc.double({ min: 0.05, max: 1, noNaN: true });
const cap = fc.double({ min: 0.005, max: 1, noNaN: true });

function priced(p: number, m: number): KellyBet {
  return { probability: p, decimalOdds: Math.max(1.01, m / p) };
}

const independentBet = fc
  .tuple(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.8, max: 1.25, noNaN: true }))
  .map(([p, m]) => priced(p, m));

/** n mutually exclusive outcomes whose probabilities sum to 1, or to less (an unlisted remainder). */
const exclusiveBook = (maxOutcomes: number) =>
  fc
    .tuple(
      fc.array(
        fc.tuple(fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 0.8, max: 1.25, noNaN: true })),
        { minLength: 1, maxLength: maxOutcomes },
      ),
      fc.oneof(fc.constant(1), fc.double({ min: 0.3, max: 0.99, noNaN: true })),
    )
    .map(([raw, mass]) => {
      const total = raw.reduce((a, [w]) => a + w, 0);
      const share = raw.length === 1 ? Math.min(mass, 0.95) : mass;
      return raw.map(([w, m]) => priced(Math.min(0.99, (w / total) * share), m));
    });

/**
 * A book covering all the probability whose prices are within 2 % of fair: G is then nearly flat
 * along f ∝ 1/d (staking in proportion to 1/d returns almost the same whatever happens), and a
 * coordinate-search reference cannot resolve it in reasonable time. The KKT test covers these.
 */
function nearlyFlat(bets: readonly KellyBet[]): boolean {
  const mass = bets.reduce((a, b) => a + b.probability, 0);
  const booksum = bets.reduce((a, b) => a + 1 / b.decimalOdds, 0);
  return mass > 1 - 1e-9 && Math.abs(1 - booksum) < 0.02;
}

// ---------------------------------------------------------------------------------------------

describe('kellyExclusive (mutually exclusive outcomes, closed form)', () => {
  it('worked example: p = 0.5 / 0.3 / 0.2 at 2.3 / 3.4 / 3.6', () => {
    // By hand: p·d = 1.15, 1.02, 0.72. Home first: R = (1 − 0.5)/(1 − 1/2.3) = 0.884615.
    // Draw 1.02 > 0.884615, add: R = (1 − 0.8)/(1 − 1/2.3 − 1/3.4) = 0.2·391/106 = 391/530 = 0.737736.
    // Away 0.72 < 0.737736: stop. f_home = 0.5 − R/2.3 = 19/106, f_draw = 0.3 − R/3.4 = 22/265.
    // Growth Σ p_i ln W_i = 0.01498787006427291 (mpmath at 40 digits, rounded to 16).
    const k = kellyExclusive([
      { probability: 0.5, decimalOdds: 2.3 },
      { probability: 0.3, decimalOdds: 3.4 },
      { probability: 0.2, decimalOdds: 3.6 },
    ]);
    expect(k.method).toBe('closed_form');
    expect(k.reserveRate).toBeCloseTo(391 / 530, 14);
    expect(k.bets.map((b) => b.applied)).toEqual([
      expect.closeTo(19 / 106, 14),
      expect.closeTo(22 / 265, 14),
      0,
    ]);
    expect(k.bets.map((b) => b.reason)).toEqual([null, null, 'no_edge']);
    expect(k.totalApplied).toBeCloseTo(1 - 391 / 530, 14);
    expect(k.growth).toBeCloseTo(0.01498787006427291, 14);
    expect(k.iterations).toBe(0);
  });

  it('stakes a negative-EV outcome when it hedges: p = 0.5 / 0.3 / 0.2 at 2.5 / 3.2 / 3.0', () => {
    // p·d = 1.25, 0.96, 0.6. R after home = 0.5/(1 − 0.4) = 0.833333; the draw's 0.96 beats it,
    // so it is added although its EV is −0.04: R = 0.2/(1 − 0.4 − 0.3125) = 0.695652,
    // f_draw = 0.3 − 0.695652/3.2 = 0.082609, f_home = 0.5 − 0.695652/2.5 = 0.221739.
    const bets = [
      { probability: 0.5, decimalOdds: 2.5 },
      { probability: 0.3, decimalOdds: 3.2 },
      { probability: 0.2, decimalOdds: 3.0 },
    ];
    const k = kellyExclusive(bets);
    expect(k.reserveRate).toBeCloseTo(0.2 / 0.2875, 14);
    expect(k.bets[0]!.applied).toBeCloseTo(0.5 - 0.2 / 0.2875 / 2.5, 14);
    expect(k.bets[1]!.applied).toBeCloseTo(0.3 - 0.2 / 0.2875 / 3.2, 14);
    expect(k.bets[1]!.expectedValue).toBeLessThan(0);
    // ... and this beats staking the home win alone at its single Kelly 1/6:
    const homeOnly = exclusiveGrowthRate(bets, [kellyFraction(0.5, 2.5).applied, 0, 0]);
    expect(k.growth).toBeGreaterThan(homeOnly + 1e-4);
  });

  it('an arbitrage book with all outcomes listed: every outcome staked, R = 0, f = p', () => {
    // 1/2.1 + 1/2.1 = 0.952 < 1. W_i = p_i·d_i = 1.05 whatever happens: growth ln 1.05.
    const k = kellyExclusive([
      { probability: 0.5, decimalOdds: 2.1 },
      { probability: 0.5, decimalOdds: 2.1 },
    ]);
    expect(k.reserveRate).toBe(0);
    expect(k.bets.map((b) => b.applied)).toEqual([expect.closeTo(0.5, 14), expect.closeTo(0.5, 14)]);
    expect(k.growth).toBeCloseTo(Math.log(1.05), 14);
  });

  it('nothing is staked when no outcome has p·d > 1, and an empty list stakes nothing', () => {
    const k = kellyExclusive([
      { probability: 0.45, decimalOdds: 2.1 },
      { probability: 0.55, decimalOdds: 1.75 },
    ]);
    expect(k.bets.map((b) => b.applied)).toEqual([0, 0]);
    expect(k.reserveRate).toBe(1);
    expect(k.growth).toBe(0);
    expect(kellyExclusive([])).toMatchObject({ bets: [], totalApplied: 0, growth: 0 });
  });

  it('with one outcome equals single Kelly, including fraction and cap', () => {
    fc.assert(
      fc.property(independentBet, lambda, cap, (bet, fraction, c) => {
        const single = kellyFraction(bet.probability, bet.decimalOdds, { fraction, cap: c });
        const joint = kellyExclusive([bet], { fraction, cap: c });
        expect(joint.bets[0]!.full).toBeCloseTo(single.full, 12);
        expect(joint.bets[0]!.applied).toBeCloseTo(single.applied, 12);
        expect(joint.bets[0]!.reason).toBe(single.reason);
        expect(joint.growth).toBeCloseTo(single.growth, 12);
      }),
    );
  });

  it('the closed form equals a numerical optimum of E[ln W]', () => {
    fc.assert(
      fc.property(exclusiveBook(4), (bets) => {
        fc.pre(!nearlyFlat(bets));
        const k = kellyExclusive(bets);
        const reference = referenceOptimum(exclusiveScenarios(bets), bets.length);
        expect(k.growth).toBeGreaterThanOrEqual(reference.growth - 1e-12);
        expect(k.growth).toBeCloseTo(reference.growth, 9);
        k.bets.forEach((b, i) => expect(b.applied).toBeCloseTo(reference.stakes[i]!, 4));
      }),
      { numRuns: 60 },
    );
  });

  it('with a binding cap, equals the numerical optimum under f ≤ cap (then scaled by λ)', () => {
    fc.assert(
      fc.property(exclusiveBook(4), cap, lambda, (bets, c, fraction) => {
        fc.pre(!nearlyFlat(bets));
        const k = kellyExclusive(bets, { cap: c, fraction });
        const reference = referenceOptimum(exclusiveScenarios(bets), bets.length, Math.min(1, c / fraction));
        k.bets.forEach((b, i) => {
          expect(b.applied).toBeLessThanOrEqual(c);
          expect(b.applied).toBeCloseTo(fraction * reference.stakes[i]!, 4);
        });
        if (k.method === 'active_set_newton') expect(k.bets.some((b) => b.reason === 'capped')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('meets the KKT conditions: stake exactly the outcomes with p·d > R, at f = p − R/d', () => {
    fc.assert(
      fc.property(exclusiveBook(8), (bets) => {
        const k = kellyExclusive(bets);
        const R = k.reserveRate;
        // First-order conditions from the explicit scenarios, not from the derivation: staked
        // outcomes share one marginal growth ν (0 unless the whole bankroll is staked), and no
        // unstaked outcome has a higher one.
        const stakes = k.bets.map((b) => b.applied);
        const gradient = scenarioGradient(exclusiveScenarios(bets), stakes);
        const staked = gradient.filter((_, i) => stakes[i]! > 0);
        const nu = stakes.reduce((a, b) => a + b, 0) < 1 - 1e-9 ? 0 : Math.max(...staked);
        expect(nu).toBeGreaterThanOrEqual(-1e-9);
        gradient.forEach((g, i) => {
          if (stakes[i]! > 0) expect(Math.abs(g - nu)).toBeLessThan(1e-9);
          else expect(g).toBeLessThan(nu + 1e-9);
        });
        k.bets.forEach((b, i) => {
          const pd = bets[i]!.probability * bets[i]!.decimalOdds;
          if (b.applied > 0) {
            expect(pd).toBeGreaterThan(R);
            expect(b.applied).toBeCloseTo(bets[i]!.probability - R / bets[i]!.decimalOdds, 14);
          } else expect(pd).toBeLessThanOrEqual(R + 1e-12);
          // every outcome with an edge is staked
          if (pd > 1 + 1e-12) expect(b.applied).toBeGreaterThan(0);
        });
        expect(1 - k.bets.reduce((a, b) => a + b.full, 0)).toBeCloseTo(R, 12);
      }),
    );
  });

  it('growth at the optimum ≥ growth at random feasible stakes (with and without a cap)', () => {
    fc.assert(
      fc.property(exclusiveBook(5), cap, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }), (bets, c, raw) => {
        const k = kellyExclusive(bets, { cap: c });
        let stakes = bets.map((_, i) => Math.min(c, raw[i]!));
        const total = stakes.reduce((a, b) => a + b, 0);
        if (total > 1) stakes = stakes.map((s) => s / total);
        expect(k.growth).toBeGreaterThanOrEqual(exclusiveGrowthRate(bets, stakes) - 1e-12);
        expect(k.growth).toBeCloseTo(exclusiveGrowthRate(bets, k.bets.map((b) => b.applied)), 14);
      }),
    );
  });

  it('fractional Kelly without a binding cap is λ times the full stakes', () => {
    fc.assert(
      fc.property(exclusiveBook(5), lambda, (bets, fraction) => {
        const k = kellyExclusive(bets, { fraction, bankroll: 250 });
        expect(k.method).toBe('closed_form');
        k.bets.forEach((b) => {
          expect(b.applied).toBeCloseTo(fraction * b.full, 15);
          expect(b.stakeUnits).toBeCloseTo(250 * b.applied, 12);
        });
      }),
    );
  });

  it('rejects probabilities that sum to more than 1', () => {
    const run = () =>
      kellyExclusive([
        { probability: 0.6, decimalOdds: 2 },
        { probability: 0.5, decimalOdds: 2.2 },
      ]);
    expect(run).toThrow(SharplineError);
    expect(run).toThrow(/sum to 1\.1, above 1/);
  });
});

describe('kellyIndependent (independent bets on one slate, numerical)', () => {
  it('worked example: two independent bets at p = 0.55, −110', () => {
    // By symmetry f₁ = f₂ = f maximising 0.3025·ln(1 + 2bf) + 0.495·ln(1 + (b − 1)f) + 0.2025·ln(1 − 2f),
    // b = 10/11. Root of the derivative (mpmath findroot at 40 digits, rounded to 16): f = 0.05484764968029485,
    // growth 0.002752044900817216. Slightly below single Kelly 0.055 each.
    const bet = { probability: 0.55, decimalOdds: MINUS_110 };
    const k = kellyIndependent([bet, bet]);
    for (const b of k.bets) expect(b.applied).toBeCloseTo(0.05484764968029485, 13);
    expect(k.growth).toBeCloseTo(0.002752044900817216, 15);
    expect(k.method).toBe('active_set_newton');
    expect(k.iterations).toBeGreaterThan(0);
  });

  it('with one bet equals single Kelly, including fraction and cap', () => {
    fc.assert(
      fc.property(independentBet, lambda, cap, (bet, fraction, c) => {
        const single = kellyFraction(bet.probability, bet.decimalOdds, { fraction, cap: c });
        const joint = kellyIndependent([bet], { fraction, cap: c });
        expect(joint.bets[0]!.full).toBeCloseTo(single.full, 11);
        expect(joint.bets[0]!.applied).toBeCloseTo(single.applied, 11);
        expect(joint.bets[0]!.reason).toBe(single.reason);
        expect(joint.growth).toBeCloseTo(single.growth, 12);
      }),
    );
  });

  it('stakes a bet exactly when it has an edge', () => {
    fc.assert(
      fc.property(fc.array(independentBet, { minLength: 1, maxLength: 6 }), (bets) => {
        const k = kellyIndependent(bets);
        k.bets.forEach((b) => {
          if (b.expectedValue <= 0) expect(b).toMatchObject({ applied: 0, reason: 'no_edge' });
          if (b.expectedValue > 1e-6) expect(b.applied).toBeGreaterThan(0);
        });
      }),
    );
  });

  it('equals a numerical optimum found another way, with and without a cap', () => {
    fc.assert(
      fc.property(fc.array(independentBet, { minLength: 1, maxLength: 4 }), fc.option(cap, { nil: undefined }), (bets, c) => {
        const k = kellyIndependent(bets, c === undefined ? {} : { cap: c });
        const reference = referenceOptimum(independentScenarios(bets), bets.length, c ?? 1);
        expect(k.growth).toBeGreaterThanOrEqual(reference.growth - 1e-12);
        expect(k.growth).toBeCloseTo(reference.growth, 9);
        k.bets.forEach((b, i) => expect(b.applied).toBeCloseTo(reference.stakes[i]!, 4));
      }),
      { numRuns: 60 },
    );
  });

  it('is converged to 1e-9: the gradient vanishes on staked bets and is ≤ 0 on the others', () => {
    fc.assert(
      fc.property(fc.array(independentBet, { minLength: 1, maxLength: 8 }), (bets) => {
        const k = kellyIndependent(bets);
        const stakes = k.bets.map((b) => b.applied);
        const gradient = scenarioGradient(independentScenarios(bets), stakes);
        gradient.forEach((g, i) => {
          if (stakes[i]! > 0) expect(Math.abs(g)).toBeLessThan(1e-9);
          else expect(g).toBeLessThan(1e-9);
        });
      }),
    );
  });

  it('growth at the optimum ≥ growth at random feasible stakes (with and without a cap)', () => {
    fc.assert(
      fc.property(
        fc.array(independentBet, { minLength: 1, maxLength: 5 }),
        cap,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (bets, c, raw) => {
          const k = kellyIndependent(bets, { cap: c });
          let stakes = bets.map((_, i) => Math.min(c, raw[i]!));
          const total = stakes.reduce((a, b) => a + b, 0);
          if (total > 0.999) stakes = stakes.map((s) => (0.999 * s) / total);
          expect(k.growth).toBeGreaterThanOrEqual(independentGrowthRate(bets, stakes) - 1e-12);
          k.bets.forEach((b) => expect(b.applied).toBeLessThanOrEqual(c));
        },
      ),
    );
  });

  it('fractional Kelly without a binding cap is λ times the full stakes', () => {
    fc.assert(
      fc.property(fc.array(independentBet, { minLength: 1, maxLength: 5 }), lambda, (bets, fraction) => {
        const k = kellyIndependent(bets, { fraction });
        const full = kellyIndependent(bets);
        k.bets.forEach((b, i) => {
          expect(b.full).toBe(full.bets[i]!.full);
          expect(b.applied).toBeCloseTo(fraction * full.bets[i]!.applied, 15);
        });
      }),
    );
  });

  it('solves a full slate of 16 deterministically and refuses 17', () => {
    const slate = Array.from({ length: MAX_INDEPENDENT_BETS }, (_, i) => {
      const p = 0.3 + 0.025 * i;
      return { probability: p, decimalOdds: (i % 3 === 0 ? 0.97 : 1.06) / p };
    });
    const first = kellyIndependent(slate, { fraction: 0.5, cap: 0.03 });
    const again = kellyIndependent(slate, { fraction: 0.5, cap: 0.03 });
    expect(again).toEqual(first);
    first.bets.forEach((b) => {
      expect(b.applied).toBeLessThanOrEqual(0.03);
      expect(b.applied === 0).toBe(b.expectedValue <= 0);
    });
    const full = kellyIndependent(slate);
    const gradient = scenarioGradient(independentScenarios(slate), full.bets.map((b) => b.applied));
    full.bets.forEach((b, i) => {
      if (b.applied > 0) expect(Math.abs(gradient[i]!)).toBeLessThan(1e-9);
    });

    const run = () => kellyIndependent([...slate, slate[0]!]);
    expect(run).toThrow(SharplineError);
    expect(run).toThrow(/17 bets is more than 16.*2\^17/);
  });
});
