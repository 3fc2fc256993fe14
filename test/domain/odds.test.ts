/**
 * domain/odds: worked conversions (expected values derived by hand from REFERENCE.md "Odds", each
 * derivation written next to it), exact round trips as properties, and every bad-input error.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectSharplineError } from '../helpers/errors.js';
import {
  americanToDecimal,
  americanToProbability,
  decimalToAmerican,
  decimalToFraction,
  decimalToFractional,
  decimalToProbability,
  fractionalToDecimal,
  marketMargin,
  overround,
  parseAmerican,
  parseOdds,
  probabilityToAmerican,
  probabilityToDecimal,
  validateAmerican,
  validateDecimal,
  validateProbability,
} from '../../src/domain/odds.js';


const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Whole-number fraction n/m in lowest terms, terms 1..10,000 (every quoted price is one). */
const fractionArb = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }))
  .map(([n, m]) => [n / gcd(n, m), m / gcd(n, m)] as const);

/** Whole American prices, |A| in [100, 100000], without −100 (which is +100: both are decimal 2). */
const americanArb = fc
  .tuple(fc.integer({ min: 100, max: 100_000 }), fc.boolean())
  .map(([a, negative]) => (negative ? -a : a))
  .filter((a) => a !== -100);

describe('worked conversions (REFERENCE.md "Odds": d = 1 + A/100, d = 1 + 100/|A|, d = 1 + n/m, π = 1/d)', () => {
  it('American → decimal: +150 → 1 + 150/100 = 2.5; −110 → 1 + 100/110 = 21/11; −100 and +100 → 2', () => {
    expect(americanToDecimal(150)).toBe(2.5);
    expect(americanToDecimal(-110)).toBe(21 / 11);
    expect(americanToDecimal(-100)).toBe(2);
    expect(americanToDecimal(100)).toBe(2);
    expect(americanToDecimal(-200)).toBe(1.5); // 1 + 100/200
  });

  it('decimal → American: 2.5 → +150 (100·(d − 1)); 21/11 → −110 (−100/(d − 1) = −100·11/10); 2 → +100', () => {
    expect(decimalToAmerican(2.5)).toBe(150);
    expect(decimalToAmerican(21 / 11)).toBe(-110);
    expect(decimalToAmerican(2)).toBe(100);
    expect(decimalToAmerican(1.5)).toBe(-200);
    expect(decimalToAmerican(1.001)).toBe(-100_000); // d − 1 = 1/1000, −100·1000
  });

  it('decimal → fractional, simplest exact fraction: 2.5 → 3/2; 21/11 (from −110) → 10/11; 2 → 1/1; 2.1 → 11/10', () => {
    expect(decimalToFractional(2.5)).toBe('3/2');
    expect(decimalToFractional(americanToDecimal(-110))).toBe('10/11');
    expect(decimalToFractional(2)).toBe('1/1');
    expect(decimalToFractional(2.1)).toBe('11/10');
    expect(decimalToFractional(1000)).toBe('999/1');
    expect(decimalToFraction(2.37)).toEqual({ numerator: 137, denominator: 100 });
  });

  it('fractional → decimal: 5/2 → 3.5; 11/10 → 2.1; evens and 1/1 → 2', () => {
    expect(fractionalToDecimal('5/2')).toBe(3.5);
    expect(fractionalToDecimal('11/10')).toBe(2.1);
    expect(fractionalToDecimal('evens')).toBe(2);
    expect(fractionalToDecimal('1/1')).toBe(2);
    expect(fractionalToDecimal(' 100 / 30 ')).toBe(1 + 100 / 30);
  });

  it('probability: 2.5 → 0.4; −110 → 110/210 = 11/21; 0.4 → 2.5; 0.5 → +100; 0.2 → +400', () => {
    expect(decimalToProbability(2.5)).toBe(0.4);
    expect(americanToProbability(-110)).toBe(11 / 21);
    expect(americanToProbability(150)).toBe(0.4);
    expect(probabilityToDecimal(0.4)).toBe(2.5);
    expect(probabilityToDecimal(11 / 21)).toBe(21 / 11);
    expect(probabilityToAmerican(0.5)).toBe(100);
    expect(probabilityToAmerican(0.2)).toBe(400); // d = 5, +100·4
    expect(probabilityToAmerican(11 / 21)).toBe(-110);
  });

  it('overround and margin: −110/−110 → B = 2·11/21 = 22/21, margin 1/21; 2.50/3.40/2.90 → 1.038945…', () => {
    const juice = americanToDecimal(-110);
    expect(overround([juice, juice])).toBeCloseTo(22 / 21, 15);
    expect(marketMargin([juice, juice])).toBeCloseTo(1 / 21, 15);
    // 1/2.5 + 1/3.4 + 1/2.9 = 0.4 + 0.2941176… + 0.3448275… = 1.0389452…
    expect(overround([2.5, 3.4, 2.9])).toBeCloseTo(0.4 + 1 / 3.4 + 1 / 2.9, 15);
    expect(marketMargin([2, 2])).toBe(0);
    expect(marketMargin([2.1, 2.1])).toBeLessThan(0); // arbitrage: no error
  });
});

describe('parseOdds', () => {
  it('reads the formats the brief names: "+150", "-110", "2.50", "5/2", "evens"', () => {
    expect(parseOdds('+150')).toBe(2.5);
    expect(parseOdds('-110')).toBe(21 / 11);
    expect(parseOdds('2.50')).toBe(2.5);
    expect(parseOdds('5/2')).toBe(3.5);
    expect(parseOdds('evens')).toBe(2);
  });

  it('detects format from the text and honours an explicit one', () => {
    expect(parseOdds('EVS')).toBe(2);
    expect(parseOdds(' 11/10 ')).toBe(2.1);
    expect(parseOdds('\u2212110')).toBe(21 / 11); // Unicode minus sign, as typeset tables print it
    expect(parseOdds('150')).toBe(150); // unsigned: decimal by default
    expect(parseOdds('150', 'american')).toBe(2.5);
    expect(parseOdds('EVEN', 'american')).toBe(2);
    expect(parseOdds('3', 'decimal')).toBe(3);
    expect(parseOdds('5/2', 'fractional')).toBe(3.5);
  });
});

describe('the lenient originals keep their contract (importers rely on NaN)', () => {
  it('americanToDecimal and parseAmerican return NaN instead of throwing', () => {
    expect(americanToDecimal(50)).toBeNaN();
    expect(americanToDecimal(Number.NaN)).toBeNaN();
    expect(americanToDecimal(Infinity)).toBeNaN();
    expect(parseAmerican('abc')).toBeNaN();
    expect(parseAmerican('EVEN')).toBe(100);
    expect(parseAmerican('+150')).toBe(150);
  });
});

describe('round trips (properties)', () => {
  it('American → decimal → American is exact for whole prices', () => {
    fc.assert(fc.property(americanArb, (a) => decimalToAmerican(americanToDecimal(a)) === a));
  });

  it('American → probability → American is exact for whole prices', () => {
    fc.assert(fc.property(americanArb, (a) => probabilityToAmerican(americanToProbability(a)) === a));
  });

  it('fractional → decimal → fractional gives the fraction in lowest terms', () => {
    fc.assert(
      fc.property(fractionArb, ([n, m]) => decimalToFractional(fractionalToDecimal(`${n}/${m}`)) === `${n}/${m}`),
    );
  });

  it('decimal → probability → decimal is exact, and the probability is m/(n + m) to one rounding', () => {
    fc.assert(
      fc.property(fractionArb, ([n, m]) => {
        const decimal = fractionalToDecimal(`${n}/${m}`);
        const probability = decimalToProbability(decimal);
        return probability === m / (n + m) && probabilityToDecimal(probability) === decimal;
      }),
    );
  });

  it('fraction → decimal → American → decimal agrees to rounding (American of 3/7 is −233.33…)', () => {
    fc.assert(
      fc.property(fractionArb, ([n, m]) => {
        const decimal = 1 + n / m;
        const back = americanToDecimal(decimalToAmerican(decimal));
        return Math.abs(back - decimal) <= 4 * Number.EPSILON * decimal;
      }),
    );
  });

  it('any double decimal in (1, 1e6] → fractional → decimal is exact', () => {
    const decimalArb = fc.double({ min: 1, max: 1e6, noNaN: true, minExcluded: true });
    fc.assert(fc.property(decimalArb, (d) => fractionalToDecimal(decimalToFractional(d)) === d));
  });

  it('any double decimal in (1, 1e6] → probability → decimal agrees to rounding', () => {
    const decimalArb = fc.double({ min: 1.000001, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(decimalArb, (d) => Math.abs(probabilityToDecimal(decimalToProbability(d)) - d) <= 4 * Number.EPSILON * d),
    );
  });
});

describe('bad input throws SL_ODDS_INVALID or SL_MARKET_INVALID, naming the value', () => {
  it('decimal ≤ 1, NaN, Infinity', () => {
    expectSharplineError(() => validateDecimal(1), 'SL_ODDS_INVALID', 'decimal odds 1 ');
    expectSharplineError(() => validateDecimal(0.5), 'SL_ODDS_INVALID', '0.5');
    expectSharplineError(() => validateDecimal(-2), 'SL_ODDS_INVALID', '-2');
    expectSharplineError(() => validateDecimal(Number.NaN), 'SL_ODDS_INVALID', 'NaN');
    expectSharplineError(() => validateDecimal(Infinity), 'SL_ODDS_INVALID', 'Infinity');
    expectSharplineError(() => decimalToAmerican(1), 'SL_ODDS_INVALID', 'must be above 1');
    expectSharplineError(() => decimalToFractional(Number.NaN), 'SL_ODDS_INVALID', 'NaN');
    expectSharplineError(() => decimalToProbability(0.9), 'SL_ODDS_INVALID', '0.9');
    expectSharplineError(() => parseOdds('1.00'), 'SL_ODDS_INVALID', 'decimal odds 1 ');
    expectSharplineError(() => parseOdds('0.5'), 'SL_ODDS_INVALID', '0.5');
    expectSharplineError(() => decimalToFractional(1e17), 'SL_ODDS_INVALID', 'too large');
  });

  it('American with |A| < 100 and malformed American text', () => {
    expectSharplineError(() => validateAmerican(99), 'SL_ODDS_INVALID', '99');
    expectSharplineError(() => validateAmerican(-50), 'SL_ODDS_INVALID', '-50');
    expectSharplineError(() => validateAmerican(Number.NaN), 'SL_ODDS_INVALID', 'NaN');
    expectSharplineError(() => americanToProbability(0), 'SL_ODDS_INVALID', 'American price 0');
    expectSharplineError(() => parseOdds('-50'), 'SL_ODDS_INVALID', '-50');
    expectSharplineError(() => parseOdds('+99'), 'SL_ODDS_INVALID', '99');
    expectSharplineError(() => parseOdds('-1x0'), 'SL_ODDS_INVALID', '"-1x0"');
    expectSharplineError(() => parseOdds('2.5', 'american'), 'SL_ODDS_INVALID', '2.5');
  });

  it('malformed fractions', () => {
    for (const text of ['5/', '/2', 'a/b', '5/2/1', '2.5/1', '-5/2', '5 2']) {
      expectSharplineError(() => fractionalToDecimal(text), 'SL_ODDS_INVALID', text);
    }
    expectSharplineError(() => fractionalToDecimal('5/0'), 'SL_ODDS_INVALID', 'denominator 0');
    expectSharplineError(() => fractionalToDecimal('0/1'), 'SL_ODDS_INVALID', 'numerator 0');
    expectSharplineError(() => fractionalToDecimal('99999999999999999/1'), 'SL_ODDS_INVALID', '2^53');
    expectSharplineError(() => parseOdds('5/0'), 'SL_ODDS_INVALID', '5/0');
  });

  it('unparseable text', () => {
    expectSharplineError(() => parseOdds(''), 'SL_ODDS_INVALID', 'empty');
    expectSharplineError(() => parseOdds('abc'), 'SL_ODDS_INVALID', '"abc"');
    expectSharplineError(() => parseOdds('+2.5', 'decimal'), 'SL_ODDS_INVALID', '+2.5');
    expectSharplineError(() => parseOdds('1e3'), 'SL_ODDS_INVALID', '1e3');
  });

  it('probability outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.2, Number.NaN, Infinity]) {
      expectSharplineError(() => validateProbability(p), 'SL_ODDS_INVALID', `probability ${p}`);
      expectSharplineError(() => probabilityToDecimal(p), 'SL_ODDS_INVALID', `probability ${p}`);
    }
    expectSharplineError(() => probabilityToAmerican(1), 'SL_ODDS_INVALID', 'probability 1');
  });

  it('a market with fewer than two outcomes, or a bad price in it', () => {
    expectSharplineError(() => overround([]), 'SL_MARKET_INVALID', 'got 0');
    expectSharplineError(() => overround([2.5]), 'SL_MARKET_INVALID', '[2.5]');
    expectSharplineError(() => marketMargin([1.9]), 'SL_MARKET_INVALID', 'at least two');
    expectSharplineError(() => overround([2.5, 1]), 'SL_ODDS_INVALID', 'decimal odds 1 ');
  });
});
