/**
 * @module domain/vig/remove-vig
 * The one entry point: validate the market, dispatch to the method, assemble a `FairMarket`.
 */
import { SharplineError } from '../../errors.js';
import { validateDecimal } from '../odds.js';
import type { FairMarket, VigMethod, VigWarning } from './types.js';
import { VIG_METHODS } from './types.js';
import type { MethodImpl } from './_solver.js';
import { additive, differential, multiplicative } from './_closed-forms.js';
import { power } from './_power.js';
import { shin } from './_shin.js';
import { logarithmic, oddsRatio } from './_odds-ratio.js';

const IMPLEMENTATIONS: Readonly<Record<VigMethod, MethodImpl>> = {
  multiplicative,
  additive,
  power,
  shin,
  differential,
  'odds-ratio': oddsRatio,
  logarithmic,
};

const PARAMETER_NAMES: Readonly<Record<VigMethod, 'k' | 'z' | 'c' | null>> = {
  multiplicative: null,
  additive: null,
  power: 'k',
  shin: 'z',
  differential: null,
  'odds-ratio': 'c',
  logarithmic: 'c',
};

/**
 * How far below 1 a booksum must be to count as an arbitrage: fair prices computed from probabilities
 * often sum to 1 − 1e-16, which is rounding, not an opportunity.
 */
const ARBITRAGE_TOLERANCE = 1e-12;

/** Shared by every result without warnings, so an ordinary market allocates no warnings array. */
const NO_WARNINGS: readonly VigWarning[] = Object.freeze([]);

/**
 * Fair probabilities and fair decimal odds for one market's decimal odds (any n ≥ 2, in outcome
 * order) by the named method; see `domain/vig/index.ts` for the methods and which coincide.
 * Throws SL_MARKET_INVALID for fewer than two outcomes or an unknown method, SL_ODDS_INVALID for a
 * price that is not finite decimal odds above 1. Pure: `decimals` is not modified.
 *
 * @example
 * removeVig([1.909090909090909, 1.909090909090909], 'shin').probabilities // [0.5, 0.5]
 */
export function removeVig(decimals: readonly number[], method: VigMethod): FairMarket {
  const n = decimals.length;
  if (n < 2) {
    throw new SharplineError('SL_MARKET_INVALID', `a market needs at least two outcomes to remove the vig, got ${n} ([${decimals.join(', ')}])`);
  }
  const implementation = IMPLEMENTATIONS[method];
  if (implementation === undefined || !Object.hasOwn(IMPLEMENTATIONS, method)) {
    throw new SharplineError('SL_MARKET_INVALID', `unknown vig method "${String(method)}"; expected one of ${VIG_METHODS.join(', ')}`);
  }
  const probabilities: number[] = [];
  let booksum = 0;
  for (let i = 0; i < n; i++) {
    const decimal = decimals[i]!;
    if (!(decimal > 1 && decimal < Infinity)) throw invalidPrice(decimals, i);
    const implied = 1 / decimal;
    probabilities.push(implied);
    booksum += implied;
  }
  const parameter = implementation(decimals, probabilities, booksum);
  const fairDecimals: number[] = [];
  let warnings = NO_WARNINGS;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!;
    fairDecimals.push(p >= 0 ? 1 / p : Number.NaN);
    if (!(p > 0)) warnings = [...warnings, nonPositiveProbability(method, i, p)];
  }
  if (booksum < 1 - ARBITRAGE_TOLERANCE) warnings = [...warnings, negativeMargin(method, booksum)];
  return {
    method,
    probabilities,
    fairDecimals,
    margin: booksum - 1,
    parameter,
    parameterName: parameter === null ? null : PARAMETER_NAMES[method],
    warnings,
  };
}

function invalidPrice(decimals: readonly number[], index: number): SharplineError {
  const where = `outcome ${index} of market [${decimals.join(', ')}]`;
  try {
    validateDecimal(decimals[index]!);
  } catch (error) {
    return new SharplineError('SL_ODDS_INVALID', `${where}: ${(error as Error).message}`, { cause: error });
  }
  return new SharplineError('SL_ODDS_INVALID', `${where}: decimal odds ${String(decimals[index])} is not a number above 1`);
}

function nonPositiveProbability(method: VigMethod, outcome: number, probability: number): VigWarning {
  if (probability === 0) {
    return {
      code: 'zero_probability',
      outcome,
      message: `${method} gave outcome ${outcome} a fair probability below the smallest double (0), fair decimal Infinity`,
    };
  }
  return {
    code: 'negative_probability',
    outcome,
    message: `${method} took more margin off outcome ${outcome} than its implied probability: fair probability ${probability} (not clipped), fair decimal NaN`,
  };
}

function negativeMargin(method: VigMethod, booksum: number): VigWarning {
  return {
    code: 'negative_margin',
    outcome: null,
    message: `booksum ${booksum} is below 1 (an arbitrage); ${method} scaled the probabilities up to sum to 1`,
  };
}
