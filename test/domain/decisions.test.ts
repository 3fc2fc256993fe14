/**
 * Expected value, single-bet Kelly and closing line value (src/domain/decisions), plus the
 * SL_BET_INVALID contract of every decision function. Worked numbers say where they come from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { americanToDecimal } from '../../src/domain/odds.js';
import {
  breakEvenProbability,
  clvByPrice,
  clvByProbability,
  edge,
  exclusiveGrowthRate,
  expectedValue,
  growthRate,
  independentGrowthRate,
  kellyExclusive,
  kellyFraction,
  kellyIndependent,
  settleMoneyline,
  settlementReturn,
  settleSpread,
  settleTotal,
  type DrawPolicy,
  type TotalSide,
} from '../../src/domain/decisions/index.js';
import { expectSharplineError } from '../helpers/errors.js';

/** −110 as decimal: 1 + 100/110 = 21/11 = 1.909091 (REFERENCE.md "Odds"). */
const MINUS_110 = 21 / 11;

const probability = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const decimalOdds = fc.double({ min: 1.01, max: 20, noNaN: true });
const kellyMultiplier = fc.double({ min: 0.05, max: 1, noNaN: true });

const expectBetInvalid = (run: () => unknown, ...fragments: string[]) => expectSharplineError(run, 'SL_BET_INVALID', ...fragments);

describe('expected value, edge, break-even', () => {
  it('matches hand-computed values at −110 and +150', () => {
    expect(americanToDecimal(-110)).toBeCloseTo(MINUS_110, 15);
    // 0.55 · 21/11 − 1 = 11.55/11 − 1 = 0.05
    expect(expectedValue(0.55, MINUS_110)).toBeCloseTo(0.05, 14);
    // 1/d at −110 = 11/21 = 0.523810: the familiar "52.4 % to break even at −110"
    expect(breakEvenProbability(MINUS_110)).toBeCloseTo(11 / 21, 15);
    // +150 = 2.5: 0.4 · 2.5 − 1 = 0; break-even 0.4
    expect(expectedValue(0.4, 2.5)).toBeCloseTo(0, 15);
    expect(breakEvenProbability(2.5)).toBe(0.4);
    expect(edge(0.55, 0.5)).toBeCloseTo(0.05, 15);
    expect(edge(0.45, 0.5)).toBeCloseTo(-0.05, 15);
  });

  it('EV is positive exactly when p is above the break-even probability', () => {
    fc.assert(
      fc.property(probability, decimalOdds, (p, d) => {
        const ev = expectedValue(p, d);
        expect(ev).toBeCloseTo(d * (p - breakEvenProbability(d)), 12);
        if (Math.abs(p - 1 / d) > 1e-12) expect(ev > 0).toBe(p > breakEvenProbability(d));
      }),
    );
  });
});

describe('kellyFraction', () => {
  it('p = 0.55 at −110: f* = (0.55·1.909091 − 1)/0.909091 = 0.05/(10/11) = 0.055', () => {
    const k = kellyFraction(0.55, americanToDecimal(-110));
    expect(k.full).toBeCloseTo(0.055, 14);
    expect(k.applied).toBeCloseTo(0.055, 14);
    expect(k.expectedValue).toBeCloseTo(0.05, 14);
    expect(k.reason).toBeNull();
    // growth = 0.55·ln(1 + 0.055·10/11) + 0.45·ln(1 − 0.055) = 0.001377932123410168 (mpmath at 40 digits, rounded to 16)
    expect(k.growth).toBeCloseTo(0.001377932123410168, 15);
  });

  it('half Kelly halves the stake; a cap below it binds and says so', () => {
    const half = kellyFraction(0.55, MINUS_110, { fraction: 0.5 });
    expect(half.applied).toBeCloseTo(0.0275, 14);
    expect(half.full).toBeCloseTo(0.055, 14);
    const capped = kellyFraction(0.55, MINUS_110, { fraction: 0.5, cap: 0.02, bankroll: 1000 });
    expect(capped).toMatchObject({ applied: 0.02, reason: 'capped', cap: 0.02, fraction: 0.5, bankroll: 1000 });
    expect(capped.stakeUnits).toBeCloseTo(20, 12);
  });

  it('p = 0.45 at +150 (2.5): f* = (0.45·2.5 − 1)/1.5 = 0.125/1.5 = 0.083333', () => {
    expect(kellyFraction(0.45, americanToDecimal(150)).full).toBeCloseTo(0.125 / 1.5, 14);
  });

  it('no edge stakes nothing: p = 0.5 at −110 has EV = −0.045', () => {
    const k = kellyFraction(0.5, MINUS_110);
    expect(k).toMatchObject({ full: 0, applied: 0, stakeUnits: 0, growth: 0, reason: 'no_edge' });
    expect(k.expectedValue).toBeCloseTo(0.5 * MINUS_110 - 1, 15);
  });

  it('the stake is zero if and only if EV ≤ 0, and never negative', () => {
    fc.assert(
      fc.property(probability, decimalOdds, kellyMultiplier, (p, d, lambda) => {
        const k = kellyFraction(p, d, { fraction: lambda });
        expect(k.applied).toBeGreaterThanOrEqual(0);
        expect(k.applied === 0).toBe(p * d - 1 <= 0);
        expect(k.reason === 'no_edge').toBe(p * d - 1 <= 0);
      }),
    );
  });

  it('fractional Kelly scales linearly until the cap, then stays at the cap', () => {
    fc.assert(
      fc.property(probability, decimalOdds, kellyMultiplier, fc.double({ min: 0.001, max: 1, noNaN: true }), (p, d, lambda, cap) => {
        const full = kellyFraction(p, d).applied;
        const k = kellyFraction(p, d, { fraction: lambda, cap });
        expect(k.full).toBe(full);
        if (lambda * full <= cap) {
          expect(k.applied).toBeCloseTo(lambda * full, 15);
          expect(k.reason).toBe(full === 0 ? 'no_edge' : null);
        } else {
          expect(k.applied).toBe(cap);
          expect(k.reason).toBe('capped');
        }
      }),
    );
  });

  it('full Kelly maximises the growth rate: no other stake grows the bankroll faster', () => {
    fc.assert(
      fc.property(probability, decimalOdds, fc.double({ min: 0, max: 0.999, noNaN: true }), (p, d, other) => {
        const k = kellyFraction(p, d);
        expect(k.growth).toBeCloseTo(growthRate(p, d, k.applied), 15);
        expect(k.growth).toBeGreaterThanOrEqual(growthRate(p, d, other) - 1e-15);
      }),
    );
  });

  it('staking everything has growth −Infinity (one loss ends it)', () => {
    expect(growthRate(0.9, 2, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(growthRate(0.9, 2, 0)).toBe(0);
  });
});

describe('closing line value', () => {
  it('matches hand-computed values', () => {
    // Took 2.10, closed 1.95: 2.10/1.95 − 1 = 0.076923
    expect(clvByPrice(2.1, 1.95)).toBeCloseTo(2.1 / 1.95 - 1, 15);
    expect(clvByPrice(2.1, 1.95)).toBeCloseTo(0.076923, 6);
    // Fair close 0.5 (e.g. −110 / −110 de-vigged): 0.5 − 1/2.10 = 0.5 − 0.476190 = 0.023810
    expect(clvByProbability(2.1, 0.5)).toBeCloseTo(0.5 - 1 / 2.1, 15);
    expect(clvByProbability(2.1, 0.5)).toBeCloseTo(0.02381, 5);
    // Taking the closing price is zero CLV by price
    expect(clvByPrice(MINUS_110, MINUS_110)).toBe(0);
  });

  it('by price and by probability agree in sign when the close has no margin', () => {
    fc.assert(
      fc.property(decimalOdds, decimalOdds, (taken, close) => {
        fc.pre(Math.abs(taken - close) > 1e-9 && 1 / close < 1);
        const byPrice = clvByPrice(taken, close);
        const byProbability = clvByProbability(taken, 1 / close);
        expect(Math.sign(byPrice)).toBe(Math.sign(byProbability));
        // p_close − 1/d_taken = (d_taken/d_close − 1)/d_taken
        expect(byProbability).toBeCloseTo(byPrice / taken, 12);
      }),
    );
  });
});

describe('bad input raises SL_BET_INVALID naming the value and the rule', () => {
  it('probabilities outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.2, Number.NaN]) {
      expectBetInvalid(() => expectedValue(p, 2), 'probability', String(p), 'outside (0, 1)');
      expectBetInvalid(() => kellyFraction(p, 2), 'kellyFraction', 'probability', String(p));
    }
    expectBetInvalid(() => edge(0.5, 1.5), 'fairMarketProbability', '1.5');
    expectBetInvalid(() => clvByProbability(2, 0), 'fairCloseProbability', '0');
    expectBetInvalid(() => kellyExclusive([{ probability: 1.1, decimalOdds: 2 }]), 'outcomes[0].probability', '1.1');
    expectBetInvalid(() => kellyIndependent([{ probability: 0.5, decimalOdds: 2 }, { probability: -1, decimalOdds: 2 }]), 'bets[1].probability', '-1');
  });

  it('decimal odds ≤ 1 or not finite', () => {
    for (const d of [1, 0.5, -2, Number.POSITIVE_INFINITY, Number.NaN]) {
      expectBetInvalid(() => expectedValue(0.5, d), 'decimalOdds', String(d), 'greater than 1');
      expectBetInvalid(() => breakEvenProbability(d), 'decimalOdds', String(d));
      expectBetInvalid(() => kellyFraction(0.5, d), 'decimalOdds', String(d));
      expectBetInvalid(() => clvByPrice(d, 2), 'takenDecimal', String(d));
      expectBetInvalid(() => clvByPrice(2, d), 'closeDecimal', String(d));
      expectBetInvalid(() => settlementReturn(d, { win: 1, push: 0, loss: 0 }), 'decimalOdds', String(d));
    }
    expectBetInvalid(() => kellyExclusive([{ probability: 0.5, decimalOdds: 1 }]), 'outcomes[0].decimalOdds', '1');
  });

  it('Kelly fraction and cap outside (0, 1], negative bankroll', () => {
    for (const fraction of [0, -0.5, 1.5, Number.NaN]) {
      expectBetInvalid(() => kellyFraction(0.55, 2, { fraction }), 'fraction', String(fraction), '(0, 1]');
      expectBetInvalid(() => kellyExclusive([], { fraction }), 'fraction', String(fraction));
      expectBetInvalid(() => kellyIndependent([], { fraction }), 'fraction', String(fraction));
    }
    for (const cap of [0, -0.1, 2]) expectBetInvalid(() => kellyFraction(0.55, 2, { cap }), 'cap', String(cap), '(0, 1]');
    for (const bankroll of [-1, Number.NaN]) {
      expectBetInvalid(() => kellyFraction(0.55, 2, { bankroll }), 'bankroll', String(bankroll), 'negative');
    }
    expect(kellyFraction(0.55, 2, { bankroll: 0 }).stakeUnits).toBe(0);
  });

  it('stakes given to the growth functions must be shares of one bankroll', () => {
    const bets = [
      { probability: 0.5, decimalOdds: 2.2 },
      { probability: 0.3, decimalOdds: 3.5 },
    ];
    expectBetInvalid(() => growthRate(0.5, 2, 1.5), 'stake', '1.5');
    expectBetInvalid(() => exclusiveGrowthRate(bets, [0.6, 0.6]), 'stakes sum to 1.2');
    expectBetInvalid(() => independentGrowthRate(bets, [0.1]), '1 stakes given for 2 bets');
    expectBetInvalid(() => independentGrowthRate(bets, [0.1, -0.1]), 'stakes[1]', '-0.1');
  });

  it('settlement input', () => {
    expectBetInvalid(() => settleSpread(-3.1, 2), 'line', '-3.1', 'multiple of 0.25');
    expectBetInvalid(() => settleSpread(-3, 2.5), 'margin', '2.5', 'whole');
    expectBetInvalid(() => settleTotal('over', 2.3, 2), 'line', '2.3');
    expectBetInvalid(() => settleTotal('over', -0.5, 2), 'line', '-0.5', 'negative');
    expectBetInvalid(() => settleTotal('over', 2.5, -1), 'total', '-1');
    expectBetInvalid(() => settleTotal('sideways' as TotalSide, 2.5, 1), 'side', 'sideways');
    expectBetInvalid(() => settleMoneyline(0, { drawPolicy: 'void' as DrawPolicy }), 'drawPolicy', 'void');
    expectBetInvalid(() => settlementReturn(2, { win: 0.5, push: 0, loss: 0 }), 'sum to 0.5');
    expectBetInvalid(() => settlementReturn(2, { win: 1.5, push: 0, loss: -0.5 }), 'settlement.win', '1.5');
  });
});
