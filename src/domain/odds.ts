/**
 * @module domain/odds
 * Price formats: American, decimal, fractional. Exact conversions (REFERENCE.md "Odds").
 */

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
