/**
 * simulateBets (src/evaluation/betting/simulate-bets.ts): hand-worked flat and Kelly sequences,
 * the cap, minEdge, skipped markets, CLV, time order, and properties over random slates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateBets, type BetOpportunity, type BettingOptions, type OpportunitySide } from '../../../src/evaluation/betting/index.js';
import { isSharplineError } from '../../../src/errors.js';

const FLAT: BettingOptions = { staking: { kind: 'flat', units: 1 } };

function side(s: OpportunitySide['side'], probability: number, price: number | null, closePrice: number | null = null): OpportunitySide {
  return { side: s, probability, price, closePrice };
}

/**
 * Home moneyline at 2.10 (away 1.80), system 0.55: multiplicative fair home = (1/2.1) / (1/2.1 +
 * 1/1.8) = 0.461538, edge 0.088462; away's edge is −0.088462. Home wins 24–17.
 */
function winAt210(gameId: number, date: string, closes: [number | null, number | null] = [null, null]): BetOpportunity {
  return {
    gameId,
    date,
    season: 2023,
    market: 'moneyline',
    line: null,
    sides: [side('home', 0.55, 2.1, closes[0]), side('away', 0.45, 1.8, closes[1])],
    pushProbability: 0,
    outcome: { homeScore: 24, awayScore: 17 },
  };
}

/** Home moneyline at 1.95 / 1.95, system 0.60 (edge 0.10); home loses 10–13. */
function lossAt195(gameId: number, date: string): BetOpportunity {
  return {
    gameId,
    date,
    season: 2023,
    market: 'moneyline',
    line: null,
    sides: [side('home', 0.6, 1.95), side('away', 0.4, 1.95)],
    pushProbability: 0,
    outcome: { homeScore: 10, awayScore: 13 },
  };
}

/**
 * Home −3 at 1.91 / 1.91; system P(win) 0.55, push 0.08, so conditional 0.55/0.92 = 0.597826 against
 * fair 0.5. Home wins by exactly 3: a push.
 */
function pushOnWholeLine(gameId: number, date: string): BetOpportunity {
  return {
    gameId,
    date,
    season: 2023,
    market: 'spread',
    line: -3,
    sides: [side('home', 0.55, 1.91), side('away', 0.37, 1.91)],
    pushProbability: 0.08,
    outcome: { homeScore: 20, awayScore: 17 },
  };
}

/**
 * Over 44.5 at 1.80 (under 2.05), system 0.60: fair over = (1/1.8) / (1/1.8 + 1/2.05) = 0.532468,
 * edge 0.067532. Final 24–21 = 45 > 44.5: the over wins.
 */
function winAt180(gameId: number, date: string): BetOpportunity {
  return {
    gameId,
    date,
    season: 2023,
    market: 'total',
    line: 44.5,
    sides: [side('over', 0.6, 1.8), side('under', 0.4, 2.05)],
    pushProbability: 0,
    outcome: { homeScore: 24, awayScore: 21 },
  };
}

/** JSON.stringify writes NaN as null, so look at the values themselves. */
function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

function usageError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isSharplineError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a SharplineError');
}

describe('simulateBets: flat staking, hand-worked', () => {
  const sequence = [winAt210(1, '2023-09-10'), lossAt195(2, '2023-09-11'), pushOnWholeLine(3, '2023-09-12'), winAt180(4, '2023-09-13')];

  it('win at 2.10, loss, push on a whole spread line, win at 1.80: staked 4, profit +0.90, ROI 22.5 %', () => {
    // Profits: +1.10, −1, 0, +0.80.
    const r = simulateBets(sequence, FLAT);
    expect(r.bets.map((b) => [b.gameId, b.side, b.result])).toEqual([
      [1, 'home', 'win'],
      [2, 'home', 'loss'],
      [3, 'home', 'push'],
      [4, 'over', 'win'],
    ]);
    expect(r.bets.map((b) => b.profit)).toEqual([expect.closeTo(1.1, 12), -1, 0, expect.closeTo(0.8, 12)]);
    expect(r.metrics.staked).toBe(4);
    expect(r.metrics.profit).toBeCloseTo(0.9, 12);
    expect(r.metrics.roi).toBeCloseTo(0.225, 12);
    expect(r.metrics.winRate).toBeCloseTo(2 / 3, 12);
    expect(r.metrics.finalBankroll).toBeCloseTo(100.9, 12);
    expect(r.metrics.curve.map((p) => p.bankroll)).toEqual([101.1, 100.1, 100.1, 100.9].map((x) => expect.closeTo(x, 12)));
    // 101.1 → 100.1 is the only fall.
    expect(r.metrics.maxDrawdown!.units).toBeCloseTo(1, 12);
    expect(r.metrics.maxDrawdown!.fraction).toBeCloseTo(1 / 101.1, 12);
  });

  it('records the fair probability, edge and expected value of each bet', () => {
    const [first, , spread, total] = simulateBets(sequence, FLAT).bets;
    expect(first!.fairProbability).toBeCloseTo(0.46153846153846156, 12);
    expect(first!.edge).toBeCloseTo(0.08846153846153848, 12);
    expect(first!.expectedValue).toBeCloseTo(0.55 * 2.1 - 1, 12);
    // The spread's edge is conditional on no push; its EV counts the push as a refund:
    // 0.55 · 0.91 − 0.37 = 0.1305.
    expect(spread!.edge).toBeCloseTo(0.55 / 0.92 - 0.5, 12);
    expect(spread!.expectedValue).toBeCloseTo(0.1305, 12);
    expect(total!.edge).toBeCloseTo(0.06753246753246744, 12);
  });

  it('CLV by price is price/close − 1; by probability it de-vigs the whole closing market', () => {
    // Taken 2.10, closed 2.00 (away 1.90): by price +5 %; fair close home 0.487179 − 1/2.1 = 0.010989.
    const r = simulateBets([winAt210(1, '2023-09-10', [2.0, 1.9]), winAt210(2, '2023-09-11', [2.2, null])], FLAT);
    const [a, b] = r.bets;
    expect(a!.clvPrice).toBeCloseTo(0.05, 12);
    expect(a!.clvProbability).toBeCloseTo(0.010989010989011061, 12);
    // Closing away price missing: CLV by price still known, by probability not.
    expect(b!.clvPrice).toBeCloseTo(2.1 / 2.2 - 1, 12);
    expect(b!.clvProbability).toBeNull();
    expect(r.metrics.betsWithClose).toBe(2);
    expect(r.metrics.averageClvPrice).toBeCloseTo((0.05 + 2.1 / 2.2 - 1) / 2, 12);
    expect(r.metrics.averageClvProbability).toBeCloseTo(0.010989010989011061, 12);
    expect(r.metrics.beatCloseShare).toBe(0.5);
  });

  it('a quarter line is settled as the domain does: home −0.25 on a draw loses half and refunds half', () => {
    const o: BetOpportunity = {
      ...pushOnWholeLine(9, '2023-09-12'),
      line: -0.25,
      sides: [side('home', 0.6, 1.95), side('away', 0.35, 1.95)],
      pushProbability: 0.05,
      outcome: { homeScore: 1, awayScore: 1 },
    };
    const [bet] = simulateBets([o], { staking: { kind: 'flat', units: 2 } }).bets;
    expect(bet!.result).toBe('half_loss');
    expect(bet!.profit).toBe(-1);
  });
});

describe('simulateBets: Kelly staking', () => {
  const slate = [winAt210(1, '2023-09-10'), lossAt195(2, '2023-09-10'), winAt180(3, '2023-09-11')];

  it('stakes a share of the bankroll at the start of the day, blind to the same day’s results', () => {
    // Half Kelly. Day 1 from 100: game 1 f* = (0.55·2.1 − 1)/1.1 = 0.140909 → 7.045455 units;
    // game 2 f* = (0.6·1.95 − 1)/0.95 = 0.178947 → 8.947368 units (from 100, not from 107.75).
    // End of day 1: 100 + 7.75 − 8.947368 = 98.802632. Day 2: f* = (0.6·1.8 − 1)/0.8 = 0.1 →
    // 0.05 × 98.802632 = 4.940132 units, winning 3.952105.
    const r = simulateBets(slate, { staking: { kind: 'kelly', fraction: 0.5 } });
    expect(r.bets.map((b) => b.stake)).toEqual([
      expect.closeTo(7.0454545454545565, 10),
      expect.closeTo(8.947368421052628, 10),
      expect.closeTo(4.940131578947369, 10),
    ]);
    expect(r.bets.map((b) => b.bankrollAtStartOfDay)).toEqual([100, 100, expect.closeTo(98.80263157894738, 10)]);
    expect(r.metrics.curve.map((p) => p.bankroll)).toEqual([expect.closeTo(98.80263157894738, 10), expect.closeTo(102.75473684210527, 10)]);
    expect(r.metrics.roi).toBeCloseTo(r.metrics.profit / r.metrics.staked, 12);
  });

  it('the cap limits each stake to that share of the start-of-day bankroll', () => {
    // Full Kelly would stake 14.09 % and 17.89 %; both are cut to 5 %.
    const r = simulateBets(slate.slice(0, 2), { staking: { kind: 'kelly', fraction: 1, cap: 0.05 } });
    expect(r.bets.map((b) => b.stake)).toEqual([5, 5]);
  });

  it('a day whose Kelly shares exceed the bankroll is scaled down to stake it all, in proportion', () => {
    // Ten copies of game 2 at full Kelly: 10 × 0.178947 > 1, so each stakes a tenth of 100.
    const day = Array.from({ length: 10 }, (_, i) => lossAt195(i + 1, '2023-09-10'));
    const r = simulateBets(day, { staking: { kind: 'kelly', fraction: 1 } });
    for (const b of r.bets) expect(b.stake).toBeCloseTo(10, 10);
    expect(r.metrics.finalBankroll).toBeCloseTo(0, 10);
  });

  it('an edge over the fair market but no edge over the vig has no Kelly stake: skipped as no_stake', () => {
    // System 0.51 against fair 0.50 at 1.91 / 1.91: edge 0.01, yet EV = 0.51 · 1.91 − 1 < 0.
    const o: BetOpportunity = { ...lossAt195(5, '2023-09-10'), sides: [side('home', 0.51, 1.91), side('away', 0.49, 1.91)] };
    const kelly = simulateBets([o], { staking: { kind: 'kelly', fraction: 1 } });
    expect(kelly.bets).toHaveLength(0);
    expect(kelly.skipped.no_stake).toBe(1);
    // Flat staking bets on edge alone, as asked.
    expect(simulateBets([o], FLAT).bets).toHaveLength(1);
  });
});

describe('simulateBets: which markets are bet', () => {
  it('minEdge filters: an edge of 0.0885 is bet above 0.05 and skipped as no_edge at 0.10', () => {
    const o = [winAt210(1, '2023-09-10')];
    expect(simulateBets(o, { ...FLAT, minEdge: 0.05 }).bets).toHaveLength(1);
    const r = simulateBets(o, { ...FLAT, minEdge: 0.1 });
    expect(r.bets).toHaveLength(0);
    expect(r.skipped.no_edge).toBe(1);
  });

  it('a market with a missing side price is skipped and counted; so are unpriced and incomplete markets', () => {
    const base = winAt210(1, '2023-09-10');
    const missingSide: BetOpportunity = { ...base, gameId: 2, sides: [side('home', 0.55, 2.1), side('away', 0.45, null)] };
    const noPrice: BetOpportunity = { ...base, gameId: 3, sides: [side('home', 0.55, null), side('away', 0.45, null)] };
    const oneSided: BetOpportunity = { ...base, gameId: 4, sides: [side('home', 0.55, 2.1)] };
    const noLine: BetOpportunity = { ...winAt180(5, '2023-09-10'), line: null };
    const r = simulateBets([base, missingSide, noPrice, oneSided, noLine], FLAT);
    expect(r.bets.map((b) => b.gameId)).toEqual([1]);
    expect(r.skipped).toEqual({ incomplete_market: 2, no_price: 1, missing_side_price: 1, no_edge: 0, no_stake: 0 });
    expect(r.skips.map((s) => [s.gameId, s.reason])).toEqual([
      [2, 'missing_side_price'],
      [3, 'no_price'],
      [4, 'incomplete_market'],
      [5, 'incomplete_market'],
    ]);
  });

  it('a three-way moneyline takes the side with the largest edge; a draw loses home and away bets', () => {
    // Fair at 2.5 / 3.4 / 2.9 (multiplicative): 0.385006 / 0.283093 / 0.331902. Edges: −0.035,
    // +0.066907, −0.031902: the draw is bet, and a 1–1 draw wins it at 3.4.
    const o: BetOpportunity = {
      gameId: 7,
      date: '2023-09-10',
      season: 2023,
      market: 'moneyline',
      line: null,
      sides: [side('home', 0.35, 2.5), side('draw', 0.35, 3.4), side('away', 0.3, 2.9)],
      pushProbability: 0,
      outcome: { homeScore: 1, awayScore: 1 },
    };
    const [bet] = simulateBets([o], FLAT).bets;
    expect(bet!.side).toBe('draw');
    expect(bet!.fairProbability).toBeCloseTo(0.283093, 6);
    expect(bet!.profit).toBeCloseTo(2.4, 12);
  });

  it('zero bets: every ratio is null and nothing is NaN', () => {
    for (const r of [simulateBets([], FLAT), simulateBets([winAt210(1, '2023-09-10')], { ...FLAT, minEdge: 0.5 })]) {
      expect(r.bets).toHaveLength(0);
      expect(r.metrics.roi).toBeNull();
      expect(r.metrics.winRate).toBeNull();
      expect(r.metrics.sharpe).toBeNull();
      expect(r.metrics.maxDrawdown).toBeNull();
      expect(hasNaN(r)).toBe(false);
    }
  });
});

describe('simulateBets: input errors', () => {
  it('dates that go back in time are SL_USAGE naming the offending game', () => {
    const e = usageError(() => simulateBets([winAt210(11, '2023-09-10'), lossAt195(12, '2023-09-09')], FLAT));
    expect(e.code).toBe('SL_USAGE');
    expect(e.message).toContain('game 12 (2023-09-09)');
    expect(e.message).toContain('game 11 (2023-09-10)');
  });

  it('malformed input and options fail loudly instead of being skipped', () => {
    const o = winAt210(21, '2023-09-10');
    const bad: [string, () => unknown][] = [
      ['date', () => simulateBets([{ ...o, date: '2023-9-10' }], FLAT)],
      ['probability', () => simulateBets([{ ...o, sides: [side('home', 1, 2.1), side('away', 0.45, 1.8)] }], FLAT)],
      ['sum', () => simulateBets([{ ...pushOnWholeLine(21, '2023-09-10'), pushProbability: 0.2 }], FLAT)],
      ['side', () => simulateBets([{ ...o, sides: [side('over', 0.55, 2.1), side('away', 0.45, 1.8)] }], FLAT)],
      ['price', () => simulateBets([{ ...o, sides: [side('home', 0.55, 1), side('away', 0.45, 1.8)] }], FLAT)],
      ['line', () => simulateBets([{ ...winAt180(21, '2023-09-10'), line: 44.3 }], FLAT)],
      ['fraction', () => simulateBets([o], { staking: { kind: 'kelly', fraction: 1.5 } })],
      ['units', () => simulateBets([o], { staking: { kind: 'flat', units: 0 } })],
    ];
    for (const [what, run] of bad) {
      const e = usageError(run);
      expect(e.code, what).toBe('SL_USAGE');
      if (what !== 'fraction' && what !== 'units') expect(e.message, what).toContain('game 21');
    }
  });
});

// ---- properties -------------------------------------------------------------------------------

const price = fc.integer({ min: 130, max: 350 }).map((k) => k / 100);
const maybePrice = fc.oneof({ weight: 9, arbitrary: price }, { weight: 1, arbitrary: fc.constant(null) });
const score = fc.integer({ min: 0, max: 40 });

/** A two-sided market whose system probabilities plus push sum to 1. */
const opportunityOnDay = fc
  .record({
    gameId: fc.integer({ min: 1, max: 1_000_000 }),
    day: fc.integer({ min: 1, max: 9 }),
    market: fc.constantFrom('moneyline' as const, 'spread' as const, 'total' as const),
    share: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    halfPoints: fc.integer({ min: -20, max: 20 }),
    totalHalfPoints: fc.integer({ min: 60, max: 100 }),
    prices: fc.tuple(maybePrice, maybePrice),
    closes: fc.tuple(maybePrice, maybePrice),
    homeScore: score,
    awayScore: score,
  })
  .map((r): BetOpportunity => {
    const line = r.market === 'spread' ? r.halfPoints / 2 : r.market === 'total' ? r.totalHalfPoints / 2 : null;
    const push = line !== null && Number.isInteger(line) ? 0.06 : 0;
    const names = r.market === 'total' ? (['over', 'under'] as const) : (['home', 'away'] as const);
    return {
      gameId: r.gameId,
      date: `2023-10-0${r.day}`,
      season: 2023,
      market: r.market,
      line,
      sides: [
        side(names[0], r.share * (1 - push), r.prices[0], r.closes[0]),
        side(names[1], (1 - r.share) * (1 - push), r.prices[1], r.closes[1]),
      ],
      pushProbability: push,
      outcome: { homeScore: r.homeScore, awayScore: r.awayScore },
    };
  });

/** Opportunities in date order (ties keep their generated order). */
const slate = fc.array(opportunityOnDay, { maxLength: 40 }).map((os) => [...os].sort((a, b) => a.date.localeCompare(b.date)));

const staking = fc.oneof(
  fc.record({ kind: fc.constant('flat' as const), units: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    kind: fc.constant('kelly' as const),
    fraction: fc.double({ min: 0.1, max: 1, noNaN: true }),
    cap: fc.option(fc.double({ min: 0.01, max: 0.3, noNaN: true }), { nil: undefined }),
  }),
);

describe('simulateBets: properties', () => {
  it('ROI equals profit / staked (null when nothing is staked), with any staking', () => {
    fc.assert(
      fc.property(slate, staking, (os, s) => {
        const { metrics } = simulateBets(os, { staking: s });
        if (metrics.staked === 0) expect(metrics.roi).toBeNull();
        else expect(metrics.roi).toBeCloseTo(metrics.profit / metrics.staked, 12);
      }),
    );
  });

  it('flat staking’s profit does not depend on the order of bets within a day', () => {
    fc.assert(
      fc.property(slate, fc.array(fc.integer(), { minLength: 40, maxLength: 40 }), (os, keys) => {
        const shuffled = os
          .map((o, i) => ({ o, key: keys[i]! }))
          .sort((a, b) => a.o.date.localeCompare(b.o.date) || a.key - b.key)
          .map((x) => x.o);
        const a = simulateBets(os, FLAT).metrics;
        const b = simulateBets(shuffled, FLAT).metrics;
        expect(b.profit).toBeCloseTo(a.profit, 9);
        expect(b.staked).toBe(a.staked);
      }),
    );
  });

  it('Kelly stakes depend only on the start-of-day bankroll, so they too ignore the order within a day', () => {
    fc.assert(
      fc.property(slate, (os) => {
        const kelly: BettingOptions = { staking: { kind: 'kelly', fraction: 0.5, cap: 0.1 } };
        const reversed = [...os].reverse().sort((a, b) => a.date.localeCompare(b.date));
        expect(simulateBets(reversed, kelly).metrics.profit).toBeCloseTo(simulateBets(os, kelly).metrics.profit, 9);
      }),
    );
  });

  it('the bankroll curve ends at the starting bankroll plus the total profit', () => {
    fc.assert(
      fc.property(slate, staking, fc.integer({ min: 10, max: 1000 }), (os, s, start) => {
        const { metrics } = simulateBets(os, { staking: s, startingBankroll: start });
        const last = metrics.curve.at(-1)?.bankroll ?? start;
        expect(last).toBeCloseTo(start + metrics.profit, 9);
      }),
    );
  });

  it('every bet’s edge is above minEdge, and no metric is NaN', () => {
    fc.assert(
      fc.property(slate, staking, fc.double({ min: 0, max: 0.1, noNaN: true }), (os, s, minEdge) => {
        const r = simulateBets(os, { staking: s, minEdge });
        for (const b of r.bets) expect(b.edge).toBeGreaterThan(minEdge);
        expect(r.bets.length + Object.values(r.skipped).reduce((x, y) => x + y, 0)).toBe(os.length);
        expect(hasNaN(r)).toBe(false);
      }),
    );
  });
});
