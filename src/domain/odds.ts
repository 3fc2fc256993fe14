/**
 * @module domain/odds
 * Price formats: American, decimal, fractional and implied probability, plus the booksum of a market
 * (REFERENCE.md "Odds"): d = 1 + A/100 (A > 0), d = 1 + 100/|A| (A < 0), d = 1 + n/m, π = 1/d,
 * overround B = Σπ, margin = B − 1.
 *
 * Why conversions go through a fraction: every quoted price is a small rational (−110 is 10/11 to
 * one, 5/2 is 2.5), but its decimal is a rounded double (1.9090909090909092). Converting that double
 * with float formulas drifts (−100/0.9090909090909092 is not −110). So conversions out of decimal odds
 * (or a probability) first recover the simplest fraction whose double is exactly the given number, then
 * compute the target from whole numbers with a single rounding. Result: decimal ↔ fractional ↔
 * probability round-trip exactly (`===`) for any price whose fraction has terms below about 10^7,
 * which covers every price a book quotes, and so does American for whole American prices (−110,
 * +150). An American price that is not a terminating decimal (3/7 is −233.33…) is itself rounded,
 * so it comes back to within rounding. Decimal → fractional → decimal is exact for every double up
 * to about 2^52: the fraction is the simplest one that reproduces it. Only when that needs whole
 * numbers beyond 2^53 (decimals above about 2^52; probabilities of odd doubles far below 1e-6) do
 * conversions fall back to the plain float formula.
 *
 * Two flavours of error handling: the original `americanToDecimal` and `parseAmerican` return NaN on
 * bad input (importers quarantine the row); every other function throws a `SharplineError`
 * (`SL_ODDS_INVALID` for a bad price, `SL_MARKET_INVALID` for a bad market).
 */
import { SharplineError } from '../errors.js';

/** A price written as a whole-number fraction: decimal odds = 1 + numerator / denominator. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** The text formats `parseOdds` reads. */
export type OddsFormat = 'american' | 'decimal' | 'fractional';

/** Decimal odds from an American price: +150 → 2.5, −110 → 1.909…; NaN for |A| < 100. */
export function americanToDecimal(american: number): number {
  if (!Number.isFinite(american) || Math.abs(american) < 100) return Number.NaN;
  return american > 0 ? 1 + american / 100 : 1 + 100 / Math.abs(american);
}

/** Parses an American price written as text ("-110", "+150", "150", "EVEN"); NaN when not a price. */
export function parseAmerican(text: string): number {
  const t = text.trim();
  if (/^(even|ev|evs)$/i.test(t)) return 100;
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

// ---------------------------------------------------------------------------------------------
// Validation: each returns its input so calls compose (`americanToDecimal(validateAmerican(a))`).

/** Returns `decimal` if it is valid decimal odds (finite, > 1); throws SL_ODDS_INVALID otherwise. */
export function validateDecimal(decimal: number): number {
  if (Number.isNaN(decimal)) throw oddsError(`decimal odds ${decimal} is not a number`);
  if (!Number.isFinite(decimal)) throw oddsError(`decimal odds ${decimal} is not finite`);
  if (decimal <= 1) throw oddsError(`decimal odds ${decimal} must be above 1 (a winning bet returns more than the stake)`);
  return decimal;
}

/** Returns `american` if it is a valid American price (finite, |A| ≥ 100); throws SL_ODDS_INVALID otherwise. */
export function validateAmerican(american: number): number {
  if (!Number.isFinite(american)) throw oddsError(`American price ${american} is not a finite number`);
  if (Math.abs(american) < 100) throw oddsError(`American price ${american} is between −100 and +100; valid prices are ≤ −100 or ≥ +100`);
  return american;
}

/** Returns `probability` if it lies strictly inside (0, 1); throws SL_ODDS_INVALID otherwise. */
export function validateProbability(probability: number): number {
  if (!(probability > 0 && probability < 1)) {
    throw oddsError(`probability ${probability} must lie strictly between 0 and 1 to be a price`);
  }
  return probability;
}

// ---------------------------------------------------------------------------------------------
// Conversions. All take and return plain numbers; decimal odds are the hub.

/**
 * The simplest whole-number fraction n/m with `1 + n/m === decimal` (2.5 → 3/2, 1.9090909090909092 → 10/11).
 * Throws SL_ODDS_INVALID for invalid odds or a decimal too large for whole numbers below 2^53.
 */
export function decimalToFraction(decimal: number): Fraction {
  const fraction = fractionOfDecimal(validateDecimal(decimal));
  if (fraction === null) throw oddsError(`decimal odds ${decimal} is too large to write as a fraction of whole numbers below 2^53`);
  return fraction;
}

/** Fractional odds as text, "n/m" in lowest terms: 2.5 → "3/2", 2 → "1/1" (evens), 1.9090909090909092 → "10/11". */
export function decimalToFractional(decimal: number): string {
  const { numerator, denominator } = decimalToFraction(decimal);
  return `${numerator}/${denominator}`;
}

/** Decimal odds from fractional text ("5/2" → 3.5, "evens" → 2); throws SL_ODDS_INVALID when malformed. */
export function fractionalToDecimal(text: string): number {
  const t = text.trim();
  if (EVENS.test(t)) return 2;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (match === null) throw oddsError(`fractional odds "${text}" is malformed: expected whole numbers "n/m" such as "5/2", or "evens"`);
  const numerator = Number(match[1]);
  const denominator = Number(match[2]);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw oddsError(`fractional odds "${text}" has a term beyond 2^53, which doubles cannot hold exactly`);
  }
  if (denominator === 0) throw oddsError(`fractional odds "${text}" has denominator 0`);
  if (numerator === 0) throw oddsError(`fractional odds "${text}" has numerator 0, so it pays nothing (decimal 1)`);
  return 1 + numerator / denominator;
}

/**
 * American price from decimal odds: 2.5 → +150, 1.9090909090909092 → −110, 2 → +100 (never −100).
 * Computed from the fraction so quoted prices come back as the whole numbers they were.
 */
export function decimalToAmerican(decimal: number): number {
  const fraction = fractionOfDecimal(validateDecimal(decimal));
  if (fraction === null) return decimal >= 2 ? 100 * (decimal - 1) : -100 / (decimal - 1);
  const { numerator: n, denominator: m } = fraction;
  return n >= m ? (100 * n) / m : -(100 * m) / n;
}

/** Implied probability π = 1/d of decimal odds, in (0, 1); exact to one rounding of the price's fraction m/(n + m). */
export function decimalToProbability(decimal: number): number {
  const fraction = fractionOfDecimal(validateDecimal(decimal));
  if (fraction === null) return 1 / decimal;
  const total = fraction.numerator + fraction.denominator;
  return Number.isSafeInteger(total) ? fraction.denominator / total : 1 / decimal;
}

/** Decimal odds d = 1/π of an implied probability in (0, 1): 0.4 → 2.5, 11/21 → 1.9090909090909092. */
export function probabilityToDecimal(probability: number): number {
  validateProbability(probability);
  const fraction = simplestFraction(probability, (r, s) => r / s === probability);
  if (fraction === null) return 1 / probability;
  // π = r/s means d = s/r = 1 + (s − r)/r: the same expression fractionalToDecimal uses.
  return 1 + (fraction.denominator - fraction.numerator) / fraction.numerator;
}

/** Implied probability of an American price: −110 → 0.5238…, +150 → 0.4. Throws SL_ODDS_INVALID for |A| < 100. */
export function americanToProbability(american: number): number {
  return decimalToProbability(americanToDecimal(validateAmerican(american)));
}

/** American price of a probability in (0, 1): 0.4 → +150, 0.5 → +100. */
export function probabilityToAmerican(probability: number): number {
  return decimalToAmerican(probabilityToDecimal(probability));
}

// ---------------------------------------------------------------------------------------------
// Parsing.

/**
 * Decimal odds from price text: "+150" → 2.5, "-110" → 1.909…, "2.50" → 2.5, "5/2" → 3.5, "evens" → 2.
 * Without `format`, text with "/" is fractional, text starting with + or − (or the Unicode minus) is
 * American, and any other number is decimal: pass `'american'` for unsigned American text ("150").
 * Throws SL_ODDS_INVALID for anything that is not a valid price.
 */
export function parseOdds(text: string, format?: OddsFormat): number {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') throw oddsError('odds text is empty');
  if (EVENS.test(t)) return 2;
  switch (format ?? detectFormat(t)) {
    case 'fractional':
      return fractionalToDecimal(t);
    case 'american':
      return parseAmericanStrict(t, text);
    case 'decimal':
      return parseDecimalStrict(t, text);
  }
}

function detectFormat(text: string): OddsFormat {
  if (text.includes('/')) return 'fractional';
  if (text.startsWith('+') || text.startsWith('-')) return 'american';
  return 'decimal';
}

function parseAmericanStrict(text: string, original: string): number {
  const american = parseAmerican(text);
  if (Number.isNaN(american)) throw oddsError(`American price "${original}" is malformed: expected a signed number such as "-110" or "+150"`);
  return americanToDecimal(validateAmerican(american));
}

function parseDecimalStrict(text: string, original: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw oddsError(`decimal odds "${original}" is malformed: expected a number such as "2.50"`);
  return validateDecimal(Number(text));
}

const EVENS = /^(evens|even|evs|ev)$/i;

// ---------------------------------------------------------------------------------------------
// Markets.

/**
 * Booksum B = Σ 1/dᵢ of one market's decimal odds (1.0476… for −110/−110); above 1 the book keeps a
 * margin, below 1 the prices are an arbitrage. Throws SL_MARKET_INVALID for fewer than two outcomes
 * and SL_ODDS_INVALID for a bad price.
 */
export function overround(decimals: readonly number[]): number {
  if (decimals.length < 2) {
    throw new SharplineError('SL_MARKET_INVALID', `a market needs at least two outcomes, got ${decimals.length} ([${decimals.join(', ')}])`);
  }
  let booksum = 0;
  for (const decimal of decimals) booksum += 1 / validateDecimal(decimal);
  return booksum;
}

/** The book's margin B − 1 as a fraction (0.0476… for −110/−110); negative for an arbitrage. */
export function marketMargin(decimals: readonly number[]): number {
  return overround(decimals) - 1;
}

// ---------------------------------------------------------------------------------------------
// Exact fractions.

/** The fraction of decimal odds d: simplest n/m with 1 + n/m === d (d − 1 is exact in doubles for d ≥ 1). */
function fractionOfDecimal(decimal: number): Fraction | null {
  return simplestFraction(decimal - 1, (n, m) => 1 + n / m === decimal);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The simplest fraction (first met going down the Stern–Brocot tree) that `accepts`, where the set
 * `accepts` admits must be an interval containing x > 0. The walk toward x visits the semiconvergents
 * of x's continued fraction; the first one inside the interval is its simplest fraction, and within
 * one run of semiconvergents acceptance is monotone, so each run is binary-searched. x's continued
 * fraction is computed exactly with BigInt from its binary value. Null when the answer needs terms
 * beyond 2^53 (`accepts` is only evaluated on exact whole numbers).
 */
function simplestFraction(x: number, accepts: (numerator: number, denominator: number) => boolean): Fraction | null {
  let [num, den] = exactRatio(x);
  // Convergents: previous (h0/k0) and current (h1/k1), seeded with 0/1 and 1/0.
  let h0 = 0n, k0 = 1n, h1 = 1n, k1 = 0n;
  while (den !== 0n) {
    const term = num / den;
    [num, den] = [den, num - term * den];
    const jMax = minBig(term, safeSteps(h0, h1), safeSteps(k0, k1));
    const at = (j: bigint): boolean => accepts(Number(h0 + j * h1), Number(k0 + j * k1));
    if (jMax >= 1n && at(jMax)) {
      let lo = 1n, hi = jMax;
      while (lo < hi) {
        const mid = (lo + hi) / 2n;
        if (at(mid)) hi = mid;
        else lo = mid + 1n;
      }
      return { numerator: Number(h0 + lo * h1), denominator: Number(k0 + lo * k1) };
    }
    if (jMax < term) return null;
    [h0, k0, h1, k1] = [h1, k1, h0 + term * h1, k0 + term * k1];
  }
  return null;
}

/** x as num/den exactly (den a power of two): doubling a double is exact until it is whole. */
function exactRatio(x: number): [bigint, bigint] {
  let value = x;
  let den = 1n;
  while (!Number.isInteger(value)) {
    value *= 2;
    den *= 2n;
  }
  return [BigInt(value), den];
}

/** The largest j with base + j·step ≤ 2^53 − 1. */
function safeSteps(base: bigint, step: bigint): bigint {
  return step === 0n ? MAX_SAFE : (MAX_SAFE - base) / step;
}

function minBig(a: bigint, b: bigint, c: bigint): bigint {
  const ab = a < b ? a : b;
  return ab < c ? ab : c;
}

function oddsError(message: string): SharplineError {
  return new SharplineError('SL_ODDS_INVALID', message);
}
