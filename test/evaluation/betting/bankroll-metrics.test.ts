/**
 * Bankroll metrics (src/evaluation/betting/bankroll-metrics.ts) on hand-worked series: drawdown of
 * a known curve, Sharpe of a known daily series, ROI on stake, and nulls (never NaN) with no bets.
 */
import { describe, expect, it } from 'vitest';
import {
  bankrollMetrics,
  bettingDaysPerYear,
  maxDrawdown,
  roiByEdge,
  sharpeRatio,
  type MetricsBet,
} from '../../../src/evaluation/betting/index.js';
import { isSharplineError } from '../../../src/errors.js';

/** A moneyline bet at 2.00 whose profit is given: > 0 a win, < 0 a loss, 0 a push. */
function bet(date: string, stake: number, profit: number, edge = 0.03): MetricsBet {
  const result = profit > 0 ? 'win' : profit < 0 ? 'loss' : 'push';
  const settlement =
    result === 'win' ? { win: 1, push: 0, loss: 0 } : result === 'loss' ? { win: 0, push: 0, loss: 1 } : { win: 0, push: 1, loss: 0 };
  return { date, market: 'moneyline', price: 2, closePrice: null, stake, profit, edge, settlement, result, clvPrice: null, clvProbability: null };
}

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

describe('maxDrawdown', () => {
  it('100 → 110 → 88 → 95 → 120 → 108: the fall from 110 to 88 is 22 units, 20 % of the peak', () => {
    // The later fall 120 → 108 is 12 units and 10 %: smaller on both measures.
    const dd = maxDrawdown([100, 110, 88, 95, 120, 108])!;
    expect(dd.fraction).toBeCloseTo(0.2, 12);
    expect(dd.units).toBeCloseTo(22, 12);
  });

  it('a rising curve has no drawdown; an empty one has none to report', () => {
    expect(maxDrawdown([100, 101, 105])).toEqual({ fraction: 0, units: 0 });
    expect(maxDrawdown([])).toBeNull();
  });

  it('the largest share and the largest units can come from different falls', () => {
    // 100 → 50 is 50 % and 50 units; 1000 → 900 is 10 % and 100 units.
    const dd = maxDrawdown([100, 50, 1000, 900])!;
    expect(dd.fraction).toBeCloseTo(0.5, 12);
    expect(dd.units).toBeCloseTo(100, 12);
  });

  it('bankrollMetrics draws the same curve from daily profits, the start being the first peak', () => {
    const bets = [
      bet('2023-01-01', 10, 10),
      bet('2023-01-02', 22, -22),
      bet('2023-01-03', 7, 7),
      bet('2023-01-04', 25, 25),
      bet('2023-01-05', 12, -12),
    ];
    const m = bankrollMetrics(bets, 100);
    expect(m.curve.map((p) => p.bankroll)).toEqual([110, 88, 95, 120, 108]);
    expect(m.maxDrawdown!.fraction).toBeCloseTo(0.2, 12);
    expect(m.maxDrawdown!.units).toBeCloseTo(22, 12);
    expect(m.finalBankroll).toBe(108);
  });
});

describe('sharpeRatio', () => {
  it('daily returns 1 %, −2 %, 3 %, 0 %: mean 0.005, sample sd 0.0208167, ×√252 = 3.812933', () => {
    // sd² = (0.005² + 0.025² + 0.025² + 0.005²) / 3 = 0.0013 / 3.
    expect(sharpeRatio([0.01, -0.02, 0.03, 0], 252)).toBeCloseTo(3.812933455813454, 10);
  });

  it('is null with fewer than two returns or no spread', () => {
    expect(sharpeRatio([0.01], 252)).toBeNull();
    expect(sharpeRatio([0.01, 0.01, 0.01], 252)).toBeNull();
    expect(sharpeRatio([], 252)).toBeNull();
  });

  it('bankrollMetrics annualises by observed betting days per year (4 days over 4 days spanned: 365.25)', () => {
    // Start-of-day bankrolls 100, 101, 98.98, 101.9494 give returns 1 %, −2 %, 3 %, 0 %.
    const bets = [
      bet('2023-01-01', 1, 1),
      bet('2023-01-02', 2.02, -2.02),
      bet('2023-01-03', 2.9694, 2.9694),
      bet('2023-01-04', 5, 0),
    ];
    const m = bankrollMetrics(bets, 100);
    expect(m.bettingDays).toBe(4);
    expect(m.bettingDaysPerYear).toBeCloseTo(365.25, 12);
    expect(m.sharpe).toBeCloseTo(0.24019223070763063 * Math.sqrt(365.25), 9);
  });

  it('betting days per year: 3 days spread over two calendar years (730 days inclusive) is 3 / (730 / 365.25)', () => {
    expect(bettingDaysPerYear(['2021-01-01', '2021-06-01', '2021-06-01', '2022-12-31'])).toBeCloseTo(3 / (730 / 365.25), 12);
  });
});

describe('bankrollMetrics', () => {
  it('ROI is profit over total staked, not over the starting bankroll; yield per bet equals it', () => {
    const m = bankrollMetrics([bet('2023-01-01', 2, 2), bet('2023-01-01', 4, -4), bet('2023-01-02', 4, 4)], 1000);
    expect(m.staked).toBe(10);
    expect(m.profit).toBe(2);
    expect(m.roi).toBeCloseTo(0.2, 12);
    expect(m.yieldPerBet).toBeCloseTo(0.2, 12);
    // Each bet's own return: +1, −1, +1; unweighted mean 1/3.
    expect(m.meanReturnPerBet).toBeCloseTo(1 / 3, 12);
    expect(m.winRate).toBeCloseTo(2 / 3, 12);
    expect(m.curve).toEqual([
      { date: '2023-01-01', bankroll: 998 },
      { date: '2023-01-02', bankroll: 1002 },
    ]);
  });

  it('zero bets: every ratio is null, nothing is NaN', () => {
    const m = bankrollMetrics([], 100);
    expect(m.bets).toBe(0);
    expect(m.staked).toBe(0);
    expect(m.profit).toBe(0);
    expect(m.finalBankroll).toBe(100);
    for (const key of ['roi', 'yieldPerBet', 'profitPerBet', 'meanReturnPerBet', 'winRate', 'averageClvPrice', 'averageClvProbability', 'beatCloseShare', 'maxDrawdown', 'bettingDaysPerYear', 'sharpe'] as const) {
      expect(m[key], key).toBeNull();
    }
    expect(m.curve).toEqual([]);
    expect(m.byEdge.every((b) => b.bets === 0 && b.roi === null)).toBe(true);
    expect(hasNaN(m)).toBe(false);
  });

  it('all pushes: win rate has no graded stake, so it is null; ROI is 0', () => {
    const m = bankrollMetrics([bet('2023-01-01', 1, 0), bet('2023-01-02', 1, 0)], 100);
    expect(m.winRate).toBeNull();
    expect(m.roi).toBe(0);
    expect(m.sharpe).toBeNull();
    expect(hasNaN(m)).toBe(false);
  });

  it('ROI by edge bucket: [0, 2 %), [2, 4 %), [4, 6 %), [6, 10 %), ≥ 10 %', () => {
    const buckets = roiByEdge([
      bet('2023-01-01', 1, 1, 0.01),
      bet('2023-01-01', 1, -1, 0.019),
      bet('2023-01-02', 2, 2, 0.02),
      bet('2023-01-02', 1, -1, 0.07),
      bet('2023-01-03', 1, 0.5, 0.25),
    ]);
    const byLabel = Object.fromEntries(buckets.map((b) => [b.label, b]));
    expect(Object.keys(byLabel)).toEqual(['<0%', '0%–2%', '2%–4%', '4%–6%', '6%–10%', '≥10%']);
    expect(byLabel['0%–2%']).toMatchObject({ bets: 2, staked: 2, profit: 0, roi: 0 });
    expect(byLabel['2%–4%']).toMatchObject({ bets: 1, staked: 2, profit: 2, roi: 1 });
    expect(byLabel['4%–6%']).toMatchObject({ bets: 0, staked: 0, profit: 0, roi: null });
    expect(byLabel['6%–10%']).toMatchObject({ bets: 1, roi: -1 });
    expect(byLabel['≥10%']).toMatchObject({ bets: 1, roi: 0.5 });
  });

  it('bets out of date order are a usage error', () => {
    try {
      bankrollMetrics([bet('2023-01-02', 1, 1), bet('2023-01-01', 1, 1)], 100);
      expect.unreachable();
    } catch (error) {
      expect(isSharplineError(error) && error.code).toBe('SL_USAGE');
    }
  });
});
