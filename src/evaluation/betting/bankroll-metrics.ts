/**
 * @module evaluation/betting/bankroll-metrics
 * Bankroll metrics of settled bets (REFERENCE.md "Forecast metrics"):
 *
 * - ROI = profit / total staked: the return on the money put at risk. Not profit / starting
 *   bankroll, which would depend on an arbitrary choice of bankroll size.
 * - Yield per bet = (mean profit per bet) / (mean stake). Dividing both totals by the same count
 *   cancels, so it always equals ROI; it is reported because bettors quote "yield". The per-bet
 *   view that does differ is `meanReturnPerBet`, the unweighted mean of profit_i / stake_i.
 * - Win rate = Σ win shares / Σ (win + loss) shares, so full pushes drop out and a quarter-line
 *   half win counts half.
 * - CLV: means of the per-bet closing line values over the bets that have them; the share that
 *   beat the close is the share with price > close price.
 * - Bankroll curve: the bankroll at the end of each betting day (days without bets are absent).
 * - Max drawdown: the largest fall of that curve from its running peak, the starting bankroll
 *   being the first peak; reported both as a share of the peak and in units, each its own maximum.
 * - Sharpe: daily return r_d = the day's profit / the bankroll at the start of the day; Sharpe =
 *   mean(r) / sd(r) × √(betting days per year), sd with n − 1. Betting days per year is the observed
 *   number of betting days divided by the years spanned, (last − first betting day + 1 day) /
 *   365.25: a season-bound sport bets on fewer days than the calendar has, and annualising by 365
 *   or 252 would overstate or understate how many such returns a year holds. The daily returns
 *   are not risk-free-adjusted (no risk-free rate; stakes are not capital with a funding cost).
 *
 * No NaN: with nothing to divide by, a ratio is null.
 */
import { SharplineError } from '../../errors.js';
import type {
  BankrollMetrics,
  BankrollPoint,
  BetGroupSummary,
  BetMarket,
  Drawdown,
  EdgeBucket,
  SettledBet,
} from './types.js';

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.25;

/** Edge bucket bounds in probability points; below the first is its own bucket (only when minEdge < 0). */
export const DEFAULT_EDGE_BOUNDS: readonly number[] = Object.freeze([0, 0.02, 0.04, 0.06, 0.1]);

/** The fields of a bet the metrics read; `SettledBet` has them all. */
export type MetricsBet = Pick<
  SettledBet,
  'date' | 'market' | 'price' | 'closePrice' | 'stake' | 'profit' | 'edge' | 'settlement' | 'result' | 'clvPrice' | 'clvProbability'
>;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date, or null when the text is not a real calendar date.
 */
export function dayNumber(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over to March; a round trip catches it.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/**
 * Largest fall from a running peak of `curve` (bankroll values in time order, the starting
 * bankroll first), as a share of that peak and in units; null for an empty curve. A curve that
 * never falls has drawdown 0. A peak of 0 or less gives no share (fraction taken over positive peaks).
 *
 * @example maxDrawdown([100, 110, 88, 95, 120, 108]) // { fraction: 0.2, units: 22 }
 */
export function maxDrawdown(curve: readonly number[]): Drawdown | null {
  if (curve.length === 0) return null;
  let peak = curve[0]!;
  let fraction = 0;
  let units = 0;
  for (const value of curve) {
    if (value > peak) peak = value;
    const fall = peak - value;
    if (fall > units) units = fall;
    if (peak > 0 && fall / peak > fraction) fraction = fall / peak;
  }
  return { fraction, units };
}

/**
 * Annualised Sharpe ratio mean(r) / sd(r) × √periodsPerYear of per-period returns (sample sd,
 * n − 1, no risk-free rate). Null with fewer than two returns, a zero spread or a
 * non-positive `periodsPerYear`.
 */
export function sharpeRatio(returns: readonly number[], periodsPerYear: number): number | null {
  const n = returns.length;
  if (n < 2 || !(periodsPerYear > 0) || !Number.isFinite(periodsPerYear)) return null;
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  if (!(sd > 0) || !Number.isFinite(sd)) return null;
  return (mean / sd) * Math.sqrt(periodsPerYear);
}

/**
 * Observed betting days per year: the number of distinct `dates` over the years they span, (last −
 * first + 1 day) / 365.25. Null without dates. Dates must be YYYY-MM-DD in non-decreasing order.
 */
export function bettingDaysPerYear(dates: readonly string[]): number | null {
  if (dates.length === 0) return null;
  const first = requireDay(dates[0]!, 'bettingDaysPerYear');
  const last = requireDay(dates[dates.length - 1]!, 'bettingDaysPerYear');
  const distinct = new Set(dates).size;
  return distinct / ((last - first + 1) / DAYS_PER_YEAR);
}

/** Bets, staked, profit and ROI of a group of bets (ROI null when nothing was staked). */
export function summariseBets(bets: readonly Pick<SettledBet, 'stake' | 'profit'>[]): BetGroupSummary {
  let staked = 0;
  let profit = 0;
  for (const bet of bets) {
    staked += bet.stake;
    profit += bet.profit;
  }
  return { bets: bets.length, staked, profit, roi: ratio(profit, staked) };
}

/** ROI per edge bucket; `bounds` ascending, buckets [b_i, b_i+1), the last open above, plus one below b_0. */
export function roiByEdge(bets: readonly MetricsBet[], bounds: readonly number[] = DEFAULT_EDGE_BOUNDS): EdgeBucket[] {
  const buckets: { label: string; from: number | null; to: number | null }[] = [];
  if (bounds.length === 0) {
    buckets.push({ label: 'all', from: null, to: null });
  } else {
    buckets.push({ label: `<${percent(bounds[0]!)}`, from: null, to: bounds[0]! });
    bounds.forEach((from, i) => {
      const to = bounds[i + 1] ?? null;
      buckets.push({ label: to === null ? `≥${percent(from)}` : `${percent(from)}–${percent(to)}`, from, to });
    });
  }
  return buckets.map((b) => ({
    ...b,
    ...summariseBets(bets.filter((bet) => (b.from === null || bet.edge >= b.from) && (b.to === null || bet.edge < b.to))),
  }));
}

/**
 * Every metric of `bets` (settled, in non-decreasing date order) for a bankroll that started at
 * `startingBankroll` units. Throws SL_USAGE when the dates are out of order or malformed.
 */
export function bankrollMetrics(
  bets: readonly MetricsBet[],
  startingBankroll: number,
  edgeBounds: readonly number[] = DEFAULT_EDGE_BOUNDS,
): BankrollMetrics {
  const where = 'bankrollMetrics';
  if (!(Number.isFinite(startingBankroll) && startingBankroll > 0)) {
    throw new SharplineError('SL_USAGE', `${where}: startingBankroll ${String(startingBankroll)} must be a finite number > 0`);
  }
  const total = summariseBets(bets);
  const n = bets.length;

  let wins = 0;
  let losses = 0;
  let pushes = 0;
  let halfWins = 0;
  let halfLosses = 0;
  let winShares = 0;
  let lossShares = 0;
  let returnSum = 0;
  let returnCount = 0;
  const clvPrices: number[] = [];
  const clvProbabilities: number[] = [];
  let beatClose = 0;
  for (const bet of bets) {
    if (bet.result === 'win') wins++;
    else if (bet.result === 'loss') losses++;
    else if (bet.result === 'push') pushes++;
    else if (bet.result === 'half_win') halfWins++;
    else halfLosses++;
    winShares += bet.settlement.win;
    lossShares += bet.settlement.loss;
    if (bet.stake > 0) {
      returnSum += bet.profit / bet.stake;
      returnCount++;
    }
    if (bet.closePrice !== null) {
      if (bet.clvPrice !== null) clvPrices.push(bet.clvPrice);
      if (bet.price > bet.closePrice) beatClose++;
    }
    if (bet.clvProbability !== null) clvProbabilities.push(bet.clvProbability);
  }
  const betsWithClose = bets.filter((b) => b.closePrice !== null).length;

  const { curve, dailyReturns, returnsDefined } = dailyCurve(bets, startingBankroll, where);
  const dates = curve.map((p) => p.date);
  const perYear = bettingDaysPerYear(dates);

  return {
    bets: n,
    wins,
    losses,
    pushes,
    halfWins,
    halfLosses,
    staked: total.staked,
    profit: total.profit,
    startingBankroll,
    finalBankroll: startingBankroll + total.profit,
    roi: total.roi,
    yieldPerBet: n === 0 ? null : ratio(total.profit / n, total.staked / n),
    profitPerBet: n === 0 ? null : total.profit / n,
    meanReturnPerBet: returnCount === 0 ? null : returnSum / returnCount,
    winRate: ratio(winShares, winShares + lossShares),
    betsWithClose,
    averageClvPrice: mean(clvPrices),
    averageClvProbability: mean(clvProbabilities),
    beatCloseShare: betsWithClose === 0 ? null : beatClose / betsWithClose,
    curve,
    maxDrawdown: n === 0 ? null : maxDrawdown([startingBankroll, ...curve.map((p) => p.bankroll)]),
    bettingDays: curve.length,
    bettingDaysPerYear: perYear,
    sharpe: returnsDefined && perYear !== null ? sharpeRatio(dailyReturns, perYear) : null,
    byEdge: roiByEdge(bets, edgeBounds),
    byMarket: byMarket(bets),
  };
}

/**
 * End-of-day bankrolls and daily returns. A day's return is undefined when it starts with no
 * bankroll (possible under flat staking), and then so is the Sharpe ratio.
 */
function dailyCurve(
  bets: readonly MetricsBet[],
  startingBankroll: number,
  where: string,
): { curve: BankrollPoint[]; dailyReturns: number[]; returnsDefined: boolean } {
  const curve: BankrollPoint[] = [];
  const dailyReturns: number[] = [];
  let returnsDefined = true;
  let bankroll = startingBankroll;
  let i = 0;
  let previousDay = Number.NEGATIVE_INFINITY;
  while (i < bets.length) {
    const date = bets[i]!.date;
    const day = requireDay(date, where);
    if (day < previousDay) {
      throw new SharplineError('SL_USAGE', `${where}: bets must be in date order, but a bet dated ${date} follows one dated ${bets[i - 1]!.date}`, {
        details: { date, previous: bets[i - 1]!.date },
      });
    }
    previousDay = day;
    let dayProfit = 0;
    while (i < bets.length && bets[i]!.date === date) {
      dayProfit += bets[i]!.profit;
      i++;
    }
    if (bankroll > 0) dailyReturns.push(dayProfit / bankroll);
    else returnsDefined = false;
    bankroll += dayProfit;
    curve.push({ date, bankroll });
  }
  return { curve, dailyReturns, returnsDefined };
}

function byMarket(bets: readonly MetricsBet[]): Record<BetMarket, BetGroupSummary> {
  const markets: readonly BetMarket[] = ['moneyline', 'spread', 'total'];
  return Object.fromEntries(markets.map((m) => [m, summariseBets(bets.filter((b) => b.market === m))])) as Record<
    BetMarket,
    BetGroupSummary
  >;
}

function requireDay(date: string, where: string): number {
  const day = dayNumber(date);
  if (day === null) {
    throw new SharplineError('SL_USAGE', `${where}: date "${date}" is not a YYYY-MM-DD calendar date`, { details: { date } });
  }
  return day;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 || !Number.isFinite(denominator) ? null : numerator / denominator;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function percent(x: number): string {
  // Rounding to 1e-9 keeps 0.06 × 100 = 6.000000000000001 from reaching the label.
  return `${Math.round(x * 100 * 1e9) / 1e9}%`;
}
