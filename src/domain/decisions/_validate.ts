/**
 * @module domain/decisions/_validate
 * Folder-private input checks for the decision functions. Every failure is a
 * `SharplineError('SL_BET_INVALID')` whose message names the field, the bad value and the rule.
 */
import { SharplineError } from '../../errors.js';

function invalid(where: string, field: string, value: unknown, rule: string): SharplineError {
  return new SharplineError('SL_BET_INVALID', `${where}: ${field} ${String(value)} ${rule}`, {
    details: { field, value },
  });
}

/** A probability strictly inside (0, 1): 0 and 1 are certainties, on which no staking rule makes sense. */
export function requireProbability(value: number, where: string, field: string): number {
  if (!(Number.isFinite(value) && value > 0 && value < 1)) {
    throw invalid(where, field, value, 'is outside (0, 1): a probability must be strictly between 0 and 1');
  }
  return value;
}

/** Decimal odds above 1 (a price of 1 or less returns nothing or less than the stake). */
export function requireDecimalOdds(value: number, where: string, field: string): number {
  if (!(Number.isFinite(value) && value > 1)) {
    throw invalid(where, field, value, 'is not valid decimal odds: decimal odds must be finite and greater than 1');
  }
  return value;
}

/** The fractional-Kelly multiplier λ in (0, 1]. */
export function requireKellyFraction(value: number, where: string): number {
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) {
    throw invalid(where, 'fraction', value, 'is outside (0, 1]: the Kelly multiplier must be above 0 and at most 1');
  }
  return value;
}

/** The per-bet cap, as a share of bankroll in (0, 1]. */
export function requireCap(value: number, where: string): number {
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) {
    throw invalid(where, 'cap', value, 'is outside (0, 1]: the stake cap is a share of bankroll above 0 and at most 1');
  }
  return value;
}

/** A bankroll in units: finite and not negative (0 is allowed and stakes nothing). */
export function requireBankroll(value: number, where: string): number {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw invalid(where, 'bankroll', value, 'is negative or not finite: a bankroll must be a finite number ≥ 0');
  }
  return value;
}

/** A stake as a share of bankroll in [0, 1]. */
export function requireStakeShare(value: number, where: string, field: string): number {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw invalid(where, field, value, 'is outside [0, 1]: a stake is a share of bankroll');
  }
  return value;
}

/** Kelly options with defaults applied and each value checked. */
export interface ResolvedKellyOptions {
  readonly fraction: number;
  readonly cap: number;
  readonly bankroll: number;
}

/** Applies the defaults (fraction 1, cap 1, bankroll 1) and checks each value. */
export function resolveKellyOptions(
  options: { readonly fraction?: number; readonly cap?: number; readonly bankroll?: number } | undefined,
  where: string,
): ResolvedKellyOptions {
  return {
    fraction: requireKellyFraction(options?.fraction ?? 1, where),
    cap: requireCap(options?.cap ?? 1, where),
    bankroll: requireBankroll(options?.bankroll ?? 1, where),
  };
}

/** Fails with SL_BET_INVALID; for rules the helpers above do not cover. */
export function betInvalid(where: string, message: string, details?: Record<string, unknown>): SharplineError {
  return new SharplineError('SL_BET_INVALID', `${where}: ${message}`, details === undefined ? {} : { details });
}

/** Stakes for `count` bets: one share in [0, 1] each, summing to at most the whole bankroll. */
export function requireStakes(stakes: readonly number[], count: number, where: string): void {
  if (stakes.length !== count) {
    throw betInvalid(where, `${stakes.length} stakes given for ${count} bets`, { field: 'stakes', value: stakes.length });
  }
  stakes.forEach((s, i) => requireStakeShare(s, where, `stakes[${i}]`));
  const total = stakes.reduce((a, b) => a + b, 0);
  if (total > 1 + 1e-12) {
    throw betInvalid(where, `stakes sum to ${total}, above the whole bankroll (1)`, { field: 'stakes', value: total });
  }
}
