/**
 * @module domain/line-movement
 * How one book's line for one market and side moved: the history reduced by REFERENCE.md's noise
 * filter, then summarised (open, close, moves, size, velocity). Pure: callers bring the points,
 * from curated quotes or split snapshots.
 *
 * Noise filter (REFERENCE.md "Market signals"): keep the first and last points, every point whose
 * line moved ≥ 0.5 or whose American price moved ≥ 5 cents from the last kept point, and every
 * point after a gap of more than an hour.
 */

/** One observation of a quote. `at` is null when the source gives only open/close flags. */
export interface LinePoint {
  readonly at: Date | null;
  /** Spread from the side's view, or the total; null for moneyline. */
  readonly line: number | null;
  /** Decimal odds; null when the source gives the line without its price. */
  readonly priceDecimal: number | null;
}

export interface LineMovement {
  readonly open: LinePoint;
  readonly close: LinePoint;
  /** Points kept by the noise filter, first and last included. */
  readonly kept: readonly LinePoint[];
  /** Kept points whose line or price differs from the kept point before them. */
  readonly moves: number;
  /** close.line − open.line (null without lines). */
  readonly lineChange: number | null;
  /** Change of the American price in cents (−105 → +105 is 10 cents); null without prices. */
  readonly priceChangeCents: number | null;
  /** Hours from open to close; null unless both are timestamped. */
  readonly hours: number | null;
  /** |lineChange| per hour (spread/total), else |priceChangeCents| per hour; null without hours. */
  readonly velocity: number | null;
}

export const NOISE_FILTER = { minLineMove: 0.5, minPriceCents: 5, maxGapMs: 60 * 60 * 1000 } as const;

/**
 * A decimal price on the American "cents" scale, continuous across even money: −110 → −10,
 * +100/−100 → 0, +120 → +20. Differences on this scale are the cents bettors talk about.
 */
export function americanCents(priceDecimal: number): number {
  return priceDecimal >= 2 ? (priceDecimal - 1) * 100 - 100 : 100 - 100 / (priceDecimal - 1);
}

/** The points the noise filter keeps, in order (the input must already be in time order). */
export function filterLineNoise(points: readonly LinePoint[], filter = NOISE_FILTER): LinePoint[] {
  if (points.length <= 2) return [...points];
  const kept: LinePoint[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const point = points[i]!;
    const last = kept[kept.length - 1]!;
    const lineMoved = point.line !== null && last.line !== null && Math.abs(point.line - last.line) >= filter.minLineMove - 1e-9;
    const priceMoved =
      point.priceDecimal !== null && last.priceDecimal !== null && Math.abs(americanCents(point.priceDecimal) - americanCents(last.priceDecimal)) >= filter.minPriceCents - 1e-9;
    const gap = point.at !== null && last.at !== null && point.at.getTime() - last.at.getTime() > filter.maxGapMs;
    if (lineMoved || priceMoved || gap) kept.push(point);
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

/** Summarises a time-ordered history; null when it is empty. */
export function lineMovement(points: readonly LinePoint[], filter = NOISE_FILTER): LineMovement | null {
  if (points.length === 0) return null;
  const kept = filterLineNoise(points, filter);
  const open = kept[0]!;
  const close = kept[kept.length - 1]!;
  let moves = 0;
  for (let i = 1; i < kept.length; i++) {
    const a = kept[i - 1]!;
    const b = kept[i]!;
    if (a.line !== b.line || a.priceDecimal !== b.priceDecimal) moves++;
  }
  const lineChange = open.line !== null && close.line !== null ? round(close.line - open.line) : null;
  const priceChangeCents =
    open.priceDecimal !== null && close.priceDecimal !== null ? round(americanCents(close.priceDecimal) - americanCents(open.priceDecimal)) : null;
  const hours = open.at !== null && close.at !== null ? (close.at.getTime() - open.at.getTime()) / 3_600_000 : null;
  const size = lineChange !== null && (lineChange !== 0 || priceChangeCents === null) ? Math.abs(lineChange) : priceChangeCents !== null ? Math.abs(priceChangeCents) : null;
  const velocity = hours !== null && hours > 0 && size !== null ? size / hours : null;
  return { open, close, kept, moves, lineChange, priceChangeCents, hours, velocity };
}

/** Rounds away binary noise (−3.5 − −3 must print 0.5, not 0.4999999). */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
