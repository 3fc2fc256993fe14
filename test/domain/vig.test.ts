/**
 * domain/vig: REFERENCE.md's worked 3-way example, hand-derived two-way examples (derivations written
 * next to the numbers), the documented equivalences, edge markets (extreme prices, zero margin,
 * arbitrage, negative additive), properties over random markets, and every bad-input error.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectSharplineError } from '../helpers/errors.js';
import { americanToDecimal } from '../../src/domain/odds.js';
import { removeVig, VIG_METHODS, type FairMarket, type VigMethod } from '../../src/domain/vig/index.js';
import { brentRoot, brentRootFromValues } from '../../src/domain/vig/root.js';


function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!), `index ${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const maxAbsDiff = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Methods that subtract an even share of the margin and may go negative on long shots (documented). */
const EVEN_SHARE: ReadonlySet<VigMethod> = new Set(['additive', 'differential']);

describe('REFERENCE.md worked example: 3-way market at decimal 2.50 / 3.40 / 2.90', () => {
  // Expected values are REFERENCE.md's, to its six decimals; differential and logarithmic are not
  // listed there and are expected to equal additive and odds ratio (the equivalences it states).
  const market = [2.5, 3.4, 2.9];
  const expected: Record<VigMethod, number[]> = {
    multiplicative: [0.385006, 0.283093, 0.331902],
    additive: [0.387018, 0.281136, 0.331846],
    power: [0.386912, 0.281336, 0.331752],
    shin: [0.386501, 0.281641, 0.331858],
    differential: [0.387018, 0.281136, 0.331846],
    'odds-ratio': [0.386082, 0.282151, 0.331767],
    logarithmic: [0.386082, 0.282151, 0.331767],
  };
  for (const method of VIG_METHODS) {
    it(`${method} gives ${expected[method].join(' / ')}`, () => {
      const fair = removeVig(market, method);
      expectClose(fair.probabilities, expected[method], 5e-7);
      expect(fair.method).toBe(method);
      expect(fair.margin).toBeCloseTo(0.4 + 1 / 3.4 + 1 / 2.9 - 1, 15);
      expect(fair.warnings).toEqual([]);
      expectClose(fair.fairDecimals, fair.probabilities.map((p) => 1 / p), 1e-12);
    });
  }
});

describe('two-way worked examples (derived by hand)', () => {
  it('−110/−110: every method gives 0.5/0.5; B = 22/21, margin 1/21', () => {
    const juice = americanToDecimal(-110); // 21/11
    for (const method of VIG_METHODS) {
      const fair = removeVig([juice, juice], method);
      expectClose(fair.probabilities, [0.5, 0.5], 1e-15);
      expectClose(fair.fairDecimals, [2, 2], 1e-14);
      expect(fair.margin).toBeCloseTo(1 / 21, 15);
    }
  });

  it('−110/−110 parameters: power k = ln 2 / ln(21/11); Shin z = 1/21; odds ratio c = 1.1; logarithmic c = ln 1.1', () => {
    const juice = americanToDecimal(-110);
    // Power: 2·(11/21)^k = 1 ⇒ k = ln 2 / ln(21/11) = 1.0719425…
    expect(removeVig([juice, juice], 'power')).toMatchObject({ parameterName: 'k' });
    expect(removeVig([juice, juice], 'power').parameter).toBeCloseTo(Math.log(2) / Math.log(21 / 11), 13);
    // Shin, n = 2, π = 11/21, B = 22/21, M = 1/21, p = 1/2: z = M(4π² − MB)/(4B·p²) = (22/441)/(22/21) = 1/21.
    expect(removeVig([juice, juice], 'shin').parameter).toBeCloseTo(1 / 21, 15);
    // Odds ratio: each outcome's odds π/(1 − π) = 11/10, fair odds 1 ⇒ c = 1.1.
    expect(removeVig([juice, juice], 'odds-ratio').parameter).toBeCloseTo(1.1, 15);
    expect(removeVig([juice, juice], 'logarithmic').parameter).toBeCloseTo(Math.log(1.1), 15);
    for (const method of ['multiplicative', 'additive', 'differential'] as const) {
      expect(removeVig([juice, juice], method)).toMatchObject({ parameter: null, parameterName: null });
    }
  });

  it('1.25 / 4.00 (π = 0.8, 0.25, B = 1.05): closed forms by hand', () => {
    const market = [1.25, 4];
    // Multiplicative: 0.8/1.05, 0.25/1.05.
    expectClose(removeVig(market, 'multiplicative').probabilities, [0.8 / 1.05, 0.25 / 1.05], 1e-15);
    // Additive, differential and (n = 2) Shin: π − 0.05/2 = 0.775, 0.225.
    for (const method of ['additive', 'differential', 'shin'] as const) {
      expectClose(removeVig(market, method).probabilities, [0.775, 0.225], 1e-15);
    }
    // Shin z = M(4π₀π₁ − M·B)/(4B·p₀p₁) = 0.05·(0.8 − 0.0525)/(4·1.05·0.775·0.225) = 0.037375/0.732375.
    expect(removeVig(market, 'shin').parameter).toBeCloseTo(0.037375 / 0.732375, 14);
    // Odds ratio: odds 4 and 1/3, c = √(4/3); p₀ = √4/(√4 + √(1/3)) = 2/(2 + 0.5773503) = 0.7760254.
    const oddsRatio = removeVig(market, 'odds-ratio');
    expect(oddsRatio.parameter).toBeCloseTo(Math.sqrt(4 / 3), 15);
    expectClose(oddsRatio.probabilities, [2 / (2 + Math.sqrt(1 / 3)), Math.sqrt(1 / 3) / (2 + Math.sqrt(1 / 3))], 1e-15);
    // Power: k solves 0.8^k + 0.25^k = 1; checked by substitution rather than a quoted decimal.
    const power = removeVig(market, 'power');
    expect(0.8 ** power.parameter! + 0.25 ** power.parameter! - 1).toBeCloseTo(0, 14);
    expectClose(power.probabilities, [0.8 ** power.parameter!, 0.25 ** power.parameter!], 1e-14);
  });
});

describe('methods that coincide (index.ts says which)', () => {
  it('differential equals additive on the worked example and on 5-way markets', () => {
    for (const market of [[2.5, 3.4, 2.9], [1.5, 4, 8, 15, 30]]) {
      expectClose(removeVig(market, 'differential').probabilities, removeVig(market, 'additive').probabilities, 1e-15);
    }
  });

  it('logarithmic equals odds ratio, with c_logarithmic = ln c_odds-ratio', () => {
    for (const market of [[2.5, 3.4, 2.9], [1.8, 2.1], [1.5, 4, 8, 15, 30]]) {
      const log = removeVig(market, 'logarithmic');
      const ratio = removeVig(market, 'odds-ratio');
      expectClose(log.probabilities, ratio.probabilities, 1e-14);
      expect(log.parameter!).toBeCloseTo(Math.log(ratio.parameter!), 12);
    }
  });

  it('two-way Shin equals additive, and its closed-form z solves Shin’s equation', () => {
    const market = [1.45, 2.85];
    const shin = removeVig(market, 'shin');
    expectClose(shin.probabilities, removeVig(market, 'additive').probabilities, 1e-15);
    const implied = market.map((d) => 1 / d);
    const booksum = sum(implied);
    const z = shin.parameter!;
    const fromFormula = implied.map((pi) => (Math.sqrt(z * z + 4 * (1 - z) * (pi * pi) / booksum) - z) / (2 * (1 - z)));
    expectClose(fromFormula, shin.probabilities, 1e-12);
  });
});

describe('edge markets', () => {
  it('extreme prices converge for every method: 1.001 vs 1000, and a 1.001 favourite among 1000 long shots', () => {
    for (const market of [[1.001, 1000], [1000, 1.001], [1.001, 1000, 1000], [1.001, ...Array<number>(19).fill(1000)], [1000, 1000], [1.001, 1.001]]) {
      for (const method of VIG_METHODS) {
        const fair = removeVig(market, method);
        expect(Math.abs(sum(fair.probabilities) - 1), `${method} on ${market.length}-way`).toBeLessThanOrEqual(1e-12);
        for (const p of fair.probabilities) {
          if (!EVEN_SHARE.has(method)) expect(p > 0 && p < 1, `${method}: ${p}`).toBe(true);
        }
      }
    }
  });

  it('zero margin (B = 1 exactly: 2/2 and 1.5/3): every method returns π and its neutral parameter', () => {
    const neutral: Record<VigMethod, number | null> = {
      multiplicative: null, additive: null, power: 1, shin: 0, differential: null, 'odds-ratio': 1, logarithmic: 0,
    };
    for (const market of [[2, 2], [1.5, 3], [4, 4, 4, 4]]) {
      for (const method of VIG_METHODS) {
        const fair = removeVig(market, method);
        expectClose(fair.probabilities, market.map((d) => 1 / d), 1e-15);
        expect(fair.margin).toBe(0);
        if (neutral[method] === null) expect(fair.parameter).toBeNull();
        else expect(fair.parameter!).toBeCloseTo(neutral[method], 14);
      }
    }
  });

  it('arbitrage (2.10/2.10, 2.2/3.6/4.5): sums to 1, warns negative_margin; k < 1, z < 0, c < 1, log c < 0', () => {
    for (const market of [[2.1, 2.1], [2.2, 3.6, 4.5]]) {
      expect(sum(market.map((d) => 1 / d))).toBeLessThan(1);
      for (const method of VIG_METHODS) {
        const fair = removeVig(market, method);
        expect(Math.abs(sum(fair.probabilities) - 1)).toBeLessThanOrEqual(1e-12);
        expect(fair.margin).toBeLessThan(0);
        expect(fair.warnings.map((w) => w.code)).toEqual(['negative_margin']);
        for (const [i, p] of fair.probabilities.entries()) expect(p).toBeGreaterThan(1 / market[i]!); // lifted
      }
      expect(removeVig(market, 'power').parameter!).toBeLessThan(1);
      expect(removeVig(market, 'shin').parameter!).toBeLessThan(0);
      expect(removeVig(market, 'odds-ratio').parameter!).toBeLessThan(1);
      expect(removeVig(market, 'logarithmic').parameter!).toBeLessThan(0);
    }
    // 2.10/2.10: symmetric, so every method gives 0.5/0.5.
    for (const method of VIG_METHODS) expectClose(removeVig([2.1, 2.1], method).probabilities, [0.5, 0.5], 1e-15);
  });

  it('additive and differential go negative on a long shot, unclipped, with a warning and NaN fair decimal', () => {
    // π = 1/1.2, 1/5, 1/100 = 0.8333…, 0.2, 0.01; B = 1.04333…; share M/3 = 0.014444… > 0.01.
    const market = [1.2, 5, 100];
    for (const method of ['additive', 'differential'] as const) {
      const fair = removeVig(market, method);
      expect(fair.probabilities[2]).toBeCloseTo(0.01 - (1 / 1.2 + 0.2 + 0.01 - 1) / 3, 15);
      expect(fair.probabilities[2]).toBeLessThan(0);
      expect(fair.fairDecimals[2]).toBeNaN();
      expect(Math.abs(sum(fair.probabilities) - 1)).toBeLessThanOrEqual(1e-15);
      expect(fair.warnings).toEqual([expect.objectContaining({ code: 'negative_probability', outcome: 2 })]);
    }
    for (const method of ['multiplicative', 'power', 'shin', 'odds-ratio', 'logarithmic'] as const) {
      expect(removeVig(market, method).warnings).toEqual([]);
    }
  });

  it('is pure: the input is not modified (a frozen array works)', () => {
    const market = Object.freeze([2.5, 3.4, 2.9]);
    for (const method of VIG_METHODS) removeVig(market, method);
    expect(market).toEqual([2.5, 3.4, 2.9]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

/**
 * A market with a known margin: true probabilities q from random weights (squared, so long shots
 * down to about 1e-4 appear), then a margin m ∈ [0, 0.3] added either proportionally (π = q(1 + m))
 * or evenly (π = q + m/n); markets where some πᵢ ≥ 1 are discarded.
 */
const marginMarketArb = fc
  .record({
    weights: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
    margin: fc.double({ min: 0, max: 0.3, noNaN: true }),
    proportional: fc.boolean(),
  })
  .map(({ weights, margin, proportional }) => {
    const squares = weights.map((w) => w * w);
    const total = sum(squares);
    const n = weights.length;
    const implied = squares.map((s) => (proportional ? (s / total) * (1 + margin) : s / total + margin / n));
    return implied.map((pi) => 1 / pi);
  })
  .filter((decimals) => decimals.every((d) => d > 1 && Number.isFinite(d)));

/** Any 2–20 prices between 1.001 and 1000: margins from arbitrage to absurd. */
const extremeMarketArb = fc.array(fc.double({ min: 1.001, max: 1000, noNaN: true }), { minLength: 2, maxLength: 20 });

/** Fair markets: decimals 1/q for probabilities q summing to 1 (B = 1 up to rounding). */
const fairMarketArb = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }).map((weights) => {
  const total = sum(weights);
  return weights.map((w) => total / w);
});

function checkInvariants(fair: FairMarket, method: VigMethod): void {
  expect(Math.abs(sum(fair.probabilities) - 1)).toBeLessThanOrEqual(1e-12);
  for (const [i, p] of fair.probabilities.entries()) {
    if (p > 0 && p < 1) {
      expect(fair.fairDecimals[i]).toBe(1 / p);
      continue;
    }
    // Outside (0, 1) only where documented, and then always with a warning for that outcome.
    expect(p).toBeLessThanOrEqual(0);
    expect(fair.warnings.some((w) => w.outcome === i)).toBe(true);
    if (p < 0) expect(EVEN_SHARE.has(method)).toBe(true);
  }
}

describe('properties (fast-check)', () => {
  it('every method: Σp = 1 within 1e-12 and p in (0, 1) (additive/differential: ≤ 0 only with a warning), margins 0–30%', () => {
    fc.assert(
      fc.property(marginMarketArb, fc.constantFrom(...VIG_METHODS), (decimals, method) => {
        const fair = removeVig(decimals, method);
        checkInvariants(fair, method);
        if (!EVEN_SHARE.has(method)) expect(fair.warnings).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('every method converges on any prices in [1.001, 1000] (arbitrage to absurd margins), keeping the invariants', () => {
    fc.assert(
      fc.property(extremeMarketArb, fc.constantFrom(...VIG_METHODS), (decimals, method) => {
        checkInvariants(removeVig(decimals, method), method);
      }),
      { numRuns: 1000 },
    );
  });

  it('all methods agree with π when the margin is zero', () => {
    fc.assert(
      fc.property(fairMarketArb, (decimals) => {
        const implied = decimals.map((d) => 1 / d);
        for (const method of VIG_METHODS) {
          expect(maxAbsDiff(removeVig(decimals, method).probabilities, implied)).toBeLessThanOrEqual(1e-12);
        }
      }),
    );
  });

  it('equivalences hold on random markets: differential = additive, logarithmic = odds ratio, two-way Shin = additive', () => {
    fc.assert(
      fc.property(marginMarketArb, (decimals) => {
        const additive = removeVig(decimals, 'additive').probabilities;
        expect(maxAbsDiff(removeVig(decimals, 'differential').probabilities, additive)).toBeLessThanOrEqual(1e-14);
        const log = removeVig(decimals, 'logarithmic');
        const ratio = removeVig(decimals, 'odds-ratio');
        expect(maxAbsDiff(log.probabilities, ratio.probabilities)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(log.parameter! - Math.log(ratio.parameter!))).toBeLessThanOrEqual(1e-9);
        if (decimals.length === 2) expect(maxAbsDiff(removeVig(decimals, 'shin').probabilities, additive)).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 300 },
    );
  });

  it('each solved parameter reproduces the probabilities through REFERENCE.md’s own formula', () => {
    fc.assert(
      fc.property(marginMarketArb, (decimals) => {
        const implied = decimals.map((d) => 1 / d);
        const booksum = sum(implied);
        const k = removeVig(decimals, 'power').parameter!;
        expect(maxAbsDiff(removeVig(decimals, 'power').probabilities, implied.map((pi) => pi ** k))).toBeLessThanOrEqual(1e-12);
        const z = removeVig(decimals, 'shin').parameter!;
        const shin = implied.map((pi) => (Math.sqrt(z * z + (4 * (1 - z) * pi * pi) / booksum) - z) / (2 * (1 - z)));
        expect(maxAbsDiff(removeVig(decimals, 'shin').probabilities, shin)).toBeLessThanOrEqual(1e-9);
        const c = removeVig(decimals, 'odds-ratio').parameter!;
        expect(maxAbsDiff(removeVig(decimals, 'odds-ratio').probabilities, implied.map((pi) => pi / (c + pi - c * pi)))).toBeLessThanOrEqual(1e-12);
        const shift = removeVig(decimals, 'logarithmic').parameter!;
        const logistic = implied.map((pi) => 1 / (1 + Math.exp(-(logit(pi) - shift))));
        expect(maxAbsDiff(removeVig(decimals, 'logarithmic').probabilities, logistic)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('bad input', () => {
  it('fewer than two outcomes → SL_MARKET_INVALID', () => {
    expectSharplineError(() => removeVig([], 'shin'), 'SL_MARKET_INVALID', 'got 0');
    expectSharplineError(() => removeVig([1.9], 'power'), 'SL_MARKET_INVALID', '[1.9]');
  });

  it('a bad price → SL_ODDS_INVALID naming the outcome and value', () => {
    expectSharplineError(() => removeVig([2, 1], 'multiplicative'), 'SL_ODDS_INVALID', 'outcome 1 of market [2, 1]: decimal odds 1 must be above 1');
    expectSharplineError(() => removeVig([0.5, 3], 'additive'), 'SL_ODDS_INVALID', 'outcome 0');
    expectSharplineError(() => removeVig([2, Number.NaN], 'power'), 'SL_ODDS_INVALID', 'NaN');
    expectSharplineError(() => removeVig([2, Infinity], 'shin'), 'SL_ODDS_INVALID', 'Infinity');
    expectSharplineError(() => removeVig([2, -3], 'odds-ratio'), 'SL_ODDS_INVALID', '-3');
  });

  it('an unknown method → SL_MARKET_INVALID listing the known ones', () => {
    expectSharplineError(() => removeVig([2, 2], 'balanced' as VigMethod), 'SL_MARKET_INVALID', '"balanced"');
    expectSharplineError(() => removeVig([2, 2], 'toString' as VigMethod), 'SL_MARKET_INVALID', 'multiplicative, additive');
  });

  it('VIG_METHODS lists the seven methods once each', () => {
    expect([...VIG_METHODS].sort()).toEqual(['additive', 'differential', 'logarithmic', 'multiplicative', 'odds-ratio', 'power', 'shin']);
  });
});

describe('root finder (Brent)', () => {
  it('finds √2 on [0, 2] and π on [3, 4] to full precision', () => {
    expect(brentRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 15);
    expect(brentRoot(Math.sin, 3, 4)).toBeCloseTo(Math.PI, 15);
    expect(brentRoot((x) => x - 1, 1, 5)).toBe(1); // a root at the end
    expect(brentRootFromValues((x) => Math.exp(x) - 2, 0, -1, 1, Math.E - 2)).toBeCloseTo(Math.LN2, 15);
  });

  it('handles a function flat near the root and a step', () => {
    expect(Math.abs(brentRoot((x) => (x - 1) ** 3, 0, 3) - 1)).toBeLessThan(1e-5);
    const step = brentRoot((x) => (x < 0.3 ? -1 : 1), 0, 1);
    expect(Math.abs(step - 0.3)).toBeLessThan(1e-15);
  });

  it('throws a clear SL_MARKET_INVALID when the interval does not bracket a root, or f is NaN', () => {
    expectSharplineError(() => brentRoot((x) => x * x + 1, -1, 1), 'SL_MARKET_INVALID', 'does not bracket a root');
    expectSharplineError(() => brentRoot(() => Number.NaN, 0, 1), 'SL_MARKET_INVALID', 'NaN');
    expectSharplineError(() => brentRoot((x) => x - 0.5, 0, 1, { maxEvaluations: 3, xTolerance: 0 }) + brentRoot((x) => Math.cbrt(x - 0.123456789), 0, 1, { maxEvaluations: 4 }), 'SL_MARKET_INVALID', 'no convergence');
  });
});
