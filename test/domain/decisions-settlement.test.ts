/**
 * Settlement of spreads, totals and moneylines (src/domain/decisions): pushes on whole lines,
 * quarter lines split over their two neighbours, draws graded by the source's policy, and the net
 * return of a graded bet. Every hand-worked case says why.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  settleMoneyline,
  settlementReturn,
  settleSpread,
  settleTotal,
  type Settlement,
} from '../../src/domain/decisions/index.js';

const WIN = { win: 1, push: 0, loss: 0 };
const PUSH = { win: 0, push: 1, loss: 0 };
const LOSS = { win: 0, push: 0, loss: 1 };
const HALF_WIN = { win: 0.5, push: 0.5, loss: 0 };
const HALF_LOSS = { win: 0, push: 0.5, loss: 0.5 };

/** Lines from −20 to +20 in steps of 0.25 (k/4 is exact in binary). */
const line = fc.integer({ min: -80, max: 80 }).map((k) => k / 4);
const totalLine = fc.integer({ min: 0, max: 240 }).map((k) => k / 4);
const margin = fc.integer({ min: -30, max: 30 });
const total = fc.integer({ min: 0, max: 70 });
const isQuarter = (l: number) => !Number.isInteger(l * 2);

describe('settleSpread', () => {
  it('whole and half lines grade the whole stake; a whole line landing exactly pushes', () => {
    expect(settleSpread(-3, 4)).toEqual(WIN); // 4 − 3 = 1 > 0
    expect(settleSpread(-3, 3)).toEqual(PUSH); // 3 − 3 = 0: the stake comes back
    expect(settleSpread(-3, 2)).toEqual(LOSS);
    expect(settleSpread(-3.5, 3)).toEqual(LOSS); // half lines never push
    expect(settleSpread(7, -7)).toEqual(PUSH); // the +7 underdog losing by exactly 7
    expect(settleSpread(0, 0)).toEqual(PUSH); // level ball / draw no bet on a draw
  });

  it('quarter lines split the stake over the neighbouring lines (hand-worked)', () => {
    // −0.25 on a draw: half on 0 (0 + 0 = 0, push), half on −0.5 (0 − 0.5 < 0, loss).
    expect(settleSpread(-0.25, 0)).toEqual(HALF_LOSS);
    // −0.25 winning by 1: both halves win (1 + 0 > 0, 1 − 0.5 > 0).
    expect(settleSpread(-0.25, 1)).toEqual(WIN);
    // −0.75 winning by 1: half on −0.5 (1 − 0.5 > 0, win), half on −1 (1 − 1 = 0, push).
    expect(settleSpread(-0.75, 1)).toEqual(HALF_WIN);
    // −0.75 winning by 2: both halves win.
    expect(settleSpread(-0.75, 2)).toEqual(WIN);
    // +0.25 on a draw: half on +0.5 wins, half on 0 pushes.
    expect(settleSpread(0.25, 0)).toEqual(HALF_WIN);
    // +0.75 losing by 1: half on +0.5 (−1 + 0.5 < 0, loss), half on +1 (−1 + 1 = 0, push).
    expect(settleSpread(0.75, -1)).toEqual(HALF_LOSS);
    // −1.25 winning by 1: half on −1 pushes, half on −1.5 loses.
    expect(settleSpread(-1.25, 1)).toEqual(HALF_LOSS);
    // −2.75 winning by 3: half on −2.5 wins, half on −3 pushes.
    expect(settleSpread(-2.75, 3)).toEqual(HALF_WIN);
  });

  it('the opponent at the opposite line, seeing the opposite margin, wins what this side loses', () => {
    fc.assert(
      fc.property(line, margin, (l, m) => {
        const side = settleSpread(l, m);
        const other = settleSpread(-l, -m);
        expect(other).toEqual({ win: side.loss, push: side.push, loss: side.win });
      }),
    );
  });
});

describe('settleTotal', () => {
  it('grades over and under, pushing on a whole line that lands (hand-worked)', () => {
    expect(settleTotal('over', 47, 48)).toEqual(WIN);
    expect(settleTotal('over', 47, 47)).toEqual(PUSH);
    expect(settleTotal('under', 47, 47)).toEqual(PUSH);
    expect(settleTotal('under', 47.5, 47)).toEqual(WIN);
    // Over 2.25 with 2 goals: half on 2 pushes, half on 2.5 loses.
    expect(settleTotal('over', 2.25, 2)).toEqual(HALF_LOSS);
    // Under 2.25 with 2 goals: half on 2 pushes, half on 2.5 wins.
    expect(settleTotal('under', 2.25, 2)).toEqual(HALF_WIN);
    // Over 2.75 with 3 goals: half on 2.5 wins, half on 3 pushes.
    expect(settleTotal('over', 2.75, 3)).toEqual(HALF_WIN);
    // Under 2.75 with 3 goals: half on 2.5 loses, half on 3 pushes.
    expect(settleTotal('under', 2.75, 3)).toEqual(HALF_LOSS);
    // Over 0.25 with no goals: half on 0 pushes, half on 0.5 loses.
    expect(settleTotal('over', 0.25, 0)).toEqual(HALF_LOSS);
  });

  it('over and under at the same line mirror each other', () => {
    fc.assert(
      fc.property(totalLine, total, (l, t) => {
        const over = settleTotal('over', l, t);
        expect(settleTotal('under', l, t)).toEqual({ win: over.loss, push: over.push, loss: over.win });
      }),
    );
  });
});

describe('settleMoneyline', () => {
  it('wins and losses by margin; a draw follows the draw policy', () => {
    expect(settleMoneyline(3, { drawPolicy: 'push' })).toEqual(WIN);
    expect(settleMoneyline(-1, { drawPolicy: 'push' })).toEqual(LOSS);
    expect(settleMoneyline(0, { drawPolicy: 'push' })).toEqual(PUSH); // 2-way line whose source refunds ties
    expect(settleMoneyline(0, { drawPolicy: 'loss' })).toEqual(LOSS); // side of a 3-way market
  });

  it('with drawPolicy push equals the spread at 0 (draw no bet)', () => {
    fc.assert(
      fc.property(margin, (m) => {
        expect(settleMoneyline(m, { drawPolicy: 'push' })).toEqual(settleSpread(0, m));
      }),
    );
  });
});

describe('settlement properties', () => {
  const graded = fc.oneof(
    fc.tuple(line, margin).map(([l, m]) => ({ l, s: settleSpread(l, m), neighbours: () => [settleSpread(l - 0.25, m), settleSpread(l + 0.25, m)] })),
    fc.tuple(totalLine.filter((l) => l >= 0.25), total, fc.constantFrom('over' as const, 'under' as const)).map(([l, t, side]) => ({
      l,
      s: settleTotal(side, l, t),
      neighbours: () => [settleTotal(side, l - 0.25, t), settleTotal(side, l + 0.25, t)],
    })),
  );

  it('fractions are 0, ½ or 1 and sum to 1', () => {
    fc.assert(
      fc.property(graded, ({ s }) => {
        expect(s.win + s.push + s.loss).toBe(1);
        for (const part of [s.win, s.push, s.loss]) expect([0, 0.5, 1]).toContain(part);
      }),
    );
  });

  it('a quarter line equals the average of its two neighbouring lines', () => {
    fc.assert(
      fc.property(graded, ({ l, s, neighbours }) => {
        fc.pre(isQuarter(l));
        const [low, high] = neighbours() as [Settlement, Settlement];
        expect(s).toEqual({ win: (low.win + high.win) / 2, push: (low.push + high.push) / 2, loss: (low.loss + high.loss) / 2 });
        // ... and so does its return, at any price
        expect(settlementReturn(1.9, s)).toBeCloseTo((settlementReturn(1.9, low) + settlementReturn(1.9, high)) / 2, 15);
      }),
    );
  });

  it('a half line never pushes; a whole line pushes only when it lands', () => {
    fc.assert(
      fc.property(line, margin, (l, m) => {
        const s = settleSpread(l, m);
        if (!Number.isInteger(l * 2)) return;
        expect(s.push).toBe(m + l === 0 ? 1 : 0);
      }),
    );
  });
});

describe('settlementReturn', () => {
  it('pays d − 1 on the winning share, 0 on the pushed share, −1 on the losing share', () => {
    // At −110 (21/11): a full win returns 10/11 = 0.909091.
    expect(settlementReturn(21 / 11, WIN)).toBeCloseTo(10 / 11, 15);
    expect(settlementReturn(21 / 11, PUSH)).toBe(0);
    expect(settlementReturn(21 / 11, LOSS)).toBe(-1);
    // −0.75 winning by 1 at 1.90: half wins 0.90, half pushes: 0.45 per unit.
    expect(settlementReturn(1.9, settleSpread(-0.75, 1))).toBeCloseTo(0.45, 15);
    // −0.25 on a draw at 1.90: half pushes, half loses: −0.5.
    expect(settlementReturn(1.9, settleSpread(-0.25, 0))).toBe(-0.5);
  });

  it('is linear in the shares and lies between −1 and d − 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 20, noNaN: true }), line, margin, (d, l, m) => {
        const s = settleSpread(l, m);
        const r = settlementReturn(d, s);
        expect(r).toBeCloseTo(s.win * (d - 1) - s.loss, 12);
        expect(r).toBeGreaterThanOrEqual(-1);
        expect(r).toBeLessThanOrEqual(d - 1);
      }),
    );
  });
});
