/**
 * @module domain/signals
 * Market signals, one definition each (REFERENCE.md "Market signals"), every threshold in
 * `SIGNAL_CONFIG` so no second module can disagree:
 * - sharp action: money share − bets share on a side ≥ a tier's threshold (points of percent);
 * - reverse line movement: the line moves toward the side with the MINORITY of bets;
 * - steam: ≥ 3 books move one market the same way within 5 minutes;
 * - public-heavy: ≥ 85% of bets on one side.
 * Each detector returns the inputs it judged, so a stored signal can be explained.
 */
import type { Market, Side } from './sports.js';

export interface SharpTier {
  readonly name: string;
  /** Minimum money% − bets%, in percentage points. */
  readonly minGap: number;
}

export interface SignalConfig {
  /** Ascending thresholds; the strongest tier reached names the signal. */
  readonly sharpTiers: readonly SharpTier[];
  /** Share of bets at or above which a side is public-heavy. */
  readonly publicHeavyShare: number;
  /** Share of bets above which a side holds the majority, for reverse line movement. */
  readonly rlmMajorityShare: number;
  /** Smallest line move (points) that counts for reverse line movement on spreads and totals. */
  readonly rlmMinLineMove: number;
  /** Smallest price move (American cents) that counts on moneylines. */
  readonly rlmMinPriceCents: number;
  readonly steamMinBooks: number;
  readonly steamWindowMs: number;
}

export const SIGNAL_CONFIG: SignalConfig = {
  sharpTiers: [
    { name: 'light', minGap: 10 },
    { name: 'moderate', minGap: 15 },
    { name: 'strong', minGap: 20 },
    { name: 'very-strong', minGap: 25 },
  ],
  publicHeavyShare: 0.85,
  rlmMajorityShare: 0.5,
  rlmMinLineMove: 0.5,
  rlmMinPriceCents: 5,
  steamMinBooks: 3,
  steamWindowMs: 5 * 60 * 1000,
};

/** Bets and money shares of one side of a market (0..1; money may be unknown). */
export interface SideSplit {
  readonly side: Side;
  readonly betsShare: number;
  readonly moneyShare: number | null;
}

export interface SharpAction {
  readonly side: Side;
  readonly tier: string;
  /** money% − bets%, in percentage points. */
  readonly gap: number;
  readonly betsShare: number;
  readonly moneyShare: number;
}

/** Sharp action on `split`'s side, or null (also when the source publishes no money share). */
export function sharpAction(split: SideSplit, config: SignalConfig = SIGNAL_CONFIG): SharpAction | null {
  if (split.moneyShare === null) return null;
  const gap = Math.round((split.moneyShare - split.betsShare) * 100 * 1e9) / 1e9;
  let tier: string | null = null;
  for (const t of config.sharpTiers) if (gap >= t.minGap) tier = t.name;
  return tier === null ? null : { side: split.side, tier, gap, betsShare: split.betsShare, moneyShare: split.moneyShare };
}

/** The public-heavy side of a market, or null. */
export function publicHeavy(splits: readonly SideSplit[], config: SignalConfig = SIGNAL_CONFIG): SideSplit | null {
  return splits.find((s) => s.betsShare >= config.publicHeavyShare - 1e-12) ?? null;
}

/**
 * How the market moved for the majority side, in its own terms. `lineChange` is the change of
 * the majority side's line from its own view (spread −3 → −2.5 is +0.5: it now gives fewer points,
 * so the market moved away from it); for totals it is the change of the total; for moneylines the
 * change of the majority side's price in American cents (positive = its price lengthened).
 */
export interface MajorityMove {
  readonly market: Market;
  readonly majority: SideSplit;
  readonly minority: Side;
  readonly lineChange: number | null;
  readonly priceChangeCents: number | null;
}

export interface ReverseLineMovement {
  readonly market: Market;
  /** The side the line moved toward: the one with the minority of bets. */
  readonly side: Side;
  readonly majoritySide: Side;
  readonly majorityBetsShare: number;
  readonly lineChange: number | null;
  readonly priceChangeCents: number | null;
}

/** Reverse line movement: the line moved toward the minority side despite the majority's bets. */
export function reverseLineMovement(move: MajorityMove, config: SignalConfig = SIGNAL_CONFIG): ReverseLineMovement | null {
  if (move.majority.betsShare <= config.rlmMajorityShare) return null;
  let against = false;
  if (move.market === 'total') {
    // Bets on the over should push the total up; it fell instead (or the reverse for the under).
    const change = move.lineChange ?? 0;
    against = move.majority.side === 'over' ? change <= -config.rlmMinLineMove + 1e-9 : change >= config.rlmMinLineMove - 1e-9;
  } else if (move.market === 'spread' && move.lineChange !== null && move.lineChange !== 0) {
    against = move.lineChange >= config.rlmMinLineMove - 1e-9;
  } else {
    against = (move.priceChangeCents ?? 0) >= config.rlmMinPriceCents - 1e-9;
  }
  if (!against) return null;
  return {
    market: move.market,
    side: move.minority,
    majoritySide: move.majority.side,
    majorityBetsShare: move.majority.betsShare,
    lineChange: move.lineChange,
    priceChangeCents: move.priceChangeCents,
  };
}

/** One book's move of one market: up (line or price rose) or down, at a time. */
export interface BookMove {
  readonly book: string;
  readonly at: Date;
  readonly direction: 'up' | 'down';
}

export interface Steam {
  readonly direction: 'up' | 'down';
  readonly start: Date;
  readonly end: Date;
  readonly books: readonly string[];
}

/**
 * Steam: windows in which at least `steamMinBooks` different books moved the same way within
 * `steamWindowMs`. Overlapping detections merge into one steam move per burst.
 */
export function detectSteam(moves: readonly BookMove[], config: SignalConfig = SIGNAL_CONFIG): Steam[] {
  const out: Steam[] = [];
  for (const direction of ['up', 'down'] as const) {
    const same = moves.filter((m) => m.direction === direction).sort((a, b) => a.at.getTime() - b.at.getTime());
    let from = 0;
    for (let to = 0; to < same.length; to++) {
      while (same[to]!.at.getTime() - same[from]!.at.getTime() > config.steamWindowMs) from++;
      const window = same.slice(from, to + 1);
      const books = [...new Set(window.map((m) => m.book))];
      if (books.length < config.steamMinBooks) continue;
      const last = out[out.length - 1];
      if (last && last.direction === direction && window[0]!.at.getTime() <= last.end.getTime()) {
        out[out.length - 1] = { direction, start: last.start, end: same[to]!.at, books: [...new Set([...last.books, ...books])].sort() };
      } else {
        out.push({ direction, start: window[0]!.at, end: same[to]!.at, books: books.sort() });
      }
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}
