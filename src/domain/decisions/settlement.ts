/**
 * @module domain/decisions/settlement
 * Grading spreads, totals and moneylines into win / push / loss shares of the stake, including
 * pushes and quarter (Asian) lines, and the net return of a graded bet (REFERENCE.md "Decisions").
 *
 * Rules: a line is a multiple of 0.25. A whole or half line grades the whole stake: the adjusted
 * result above 0 wins, exactly 0 pushes (only possible on a whole line), below 0 loses. A quarter
 * line (x.25, x.75) splits the stake in two halves, one on each neighbouring line 0.25 away: −0.25
 * is half on 0 and half on −0.5; 2.75 is half on 2.5 and half on 3.
 */
import { betInvalid, requireDecimalOdds } from './_validate.js';

/** Shares of the stake that win, push (are refunded) and lose; each 0, 0.5 or 1, summing to 1. */
export interface Settlement {
  readonly win: number;
  readonly push: number;
  readonly loss: number;
}

/** Which side of a total the bet is on. */
export type TotalSide = 'over' | 'under';

/**
 * How a two-way moneyline grades a draw: `push` refunds the stake (the usual rule where a tie is
 * possible but not offered, e.g. NFL at many books); `loss` loses it (a side bet in a three-way
 * market, where the draw is its own outcome). The source of the price decides; there is no default.
 */
export type DrawPolicy = 'push' | 'loss';

const WIN: Settlement = { win: 1, push: 0, loss: 0 };
const PUSH: Settlement = { win: 0, push: 1, loss: 0 };
const LOSS: Settlement = { win: 0, push: 0, loss: 1 };

/**
 * Grades a spread (handicap) bet on one side at `line` (the points added to that side's score:
 * −3.5 gives 3.5, +7 gets 7) given the final `margin` from the same side's view (its score minus
 * the opponent's).
 *
 * @example settleSpread(-0.25, 0) // { win: 0, push: 0.5, loss: 0.5 }: a draw, half on 0 pushes, half on −0.5 loses
 * @example settleSpread(-0.75, 1) // { win: 0.5, push: 0.5, loss: 0 }: winning by 1, −0.5 wins, −1 pushes
 */
export function settleSpread(line: number, margin: number): Settlement {
  const where = 'settleSpread';
  requireQuarterLine(line, where, 'line');
  requireWhole(margin, where, 'margin', false);
  return gradeLine(line, (l) => sign(margin + l));
}

/**
 * Grades a total bet on `side` at `line` (≥ 0) given the final combined `total` score.
 *
 * @example settleTotal('over', 2.25, 2) // { win: 0, push: 0.5, loss: 0.5 }: half on 2 pushes, half on 2.5 loses
 */
export function settleTotal(side: TotalSide, line: number, total: number): Settlement {
  const where = 'settleTotal';
  if (side !== 'over' && side !== 'under') {
    throw betInvalid(where, `side ${String(side)} is neither 'over' nor 'under'`, { field: 'side', value: side });
  }
  requireQuarterLine(line, where, 'line');
  if (line < 0) throw betInvalid(where, `line ${line} is negative: a total line is ≥ 0`, { field: 'line', value: line });
  requireWhole(total, where, 'total', true);
  return gradeLine(line, (l) => (side === 'over' ? sign(total - l) : sign(l - total)));
}

/**
 * Grades a moneyline bet on one side given the final `margin` from that side's view: a win above
 * 0, a loss below, and a draw graded by `drawPolicy` (see `DrawPolicy`).
 */
export function settleMoneyline(margin: number, options: { readonly drawPolicy: DrawPolicy }): Settlement {
  const where = 'settleMoneyline';
  requireWhole(margin, where, 'margin', false);
  const policy = options.drawPolicy;
  if (policy !== 'push' && policy !== 'loss') {
    throw betInvalid(where, `drawPolicy ${String(policy)} is neither 'push' nor 'loss'`, {
      field: 'drawPolicy',
      value: policy,
    });
  }
  if (margin > 0) return WIN;
  if (margin < 0) return LOSS;
  return policy === 'push' ? PUSH : LOSS;
}

/**
 * Net return per unit staked of a graded bet at `decimalOdds`: win·(d − 1) − loss (the pushed share
 * comes back and earns nothing). A half-win at 1.90 returns 0.45; a half-loss −0.5.
 */
export function settlementReturn(decimalOdds: number, settlement: Settlement): number {
  const where = 'settlementReturn';
  const d = requireDecimalOdds(decimalOdds, where, 'decimalOdds');
  const { win, push, loss } = settlement;
  for (const [field, value] of [['win', win], ['push', push], ['loss', loss]] as const) {
    if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
      throw betInvalid(where, `settlement.${field} ${String(value)} is outside [0, 1]`, { field, value });
    }
  }
  const sum = win + push + loss;
  if (Math.abs(sum - 1) > 1e-9) {
    throw betInvalid(where, `settlement shares sum to ${sum}, not 1`, { field: 'settlement', value: sum });
  }
  return win * (d - 1) - loss;
}

function sign(adjusted: number): Settlement {
  if (adjusted > 0) return WIN;
  if (adjusted < 0) return LOSS;
  return PUSH;
}

/** Whole or half line: one grade. Quarter line: the mean of the two neighbouring lines' grades. */
function gradeLine(line: number, grade: (line: number) => Settlement): Settlement {
  if (Number.isInteger(line * 2)) return grade(line);
  const low = grade(line - 0.25);
  const high = grade(line + 0.25);
  return { win: (low.win + high.win) / 2, push: (low.push + high.push) / 2, loss: (low.loss + high.loss) / 2 };
}

function requireQuarterLine(line: number, where: string, field: string): void {
  // Multiples of 0.25 are exact in binary floating point, so the test is exact.
  if (!(Number.isFinite(line) && Number.isInteger(line * 4))) {
    throw betInvalid(where, `${field} ${String(line)} is not a multiple of 0.25: lines are whole, half or quarter points`, {
      field,
      value: line,
    });
  }
}

function requireWhole(value: number, where: string, field: string, nonNegative: boolean): void {
  if (!(Number.isInteger(value) && (!nonNegative || value >= 0))) {
    throw betInvalid(
      where,
      `${field} ${String(value)} is not a ${nonNegative ? 'non-negative ' : ''}whole number: scores are whole points`,
      { field, value },
    );
  }
}
