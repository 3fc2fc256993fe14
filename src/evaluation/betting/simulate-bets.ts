/**
 * @module evaluation/betting/simulate-bets
 * The betting half of a walk-forward backtest: for each market opportunity, in time order, decide
 * whether to bet (edge over the de-vigged market above `minEdge`, one side per market), stake it
 * (flat units or fractional Kelly), settle it against the real result with the domain settlement
 * rules, and add up the bankroll metrics. Pure: no store, no files, no clock, no randomness.
 *
 * Decisions, and why:
 * - Edge compares like with like. De-vigging a spread or total's two prices gives fair
 *   probabilities summing to 1 over the graded outcomes, i.e. conditional on no push; so the
 *   system's side is read the same way, p / (1 − pushProbability), before subtracting. With no
 *   push possible (most moneylines) that is just p − fair.
 * - Expected value counts a push as a refund: EV = p·(d − 1) − (1 − p − r) = (p_c·d − 1)(1 − r)
 *   with p_c the conditional probability. Kelly uses p_c too: maximising p·ln(1 + f·b) +
 *   q·ln(1 − f) (the push term is ln 1 = 0) gives f = (p·b − q) / ((p + q)·b), which is the
 *   single-bet Kelly fraction at p_c. On quarter lines the inputs are read as expected shares and
 *   the stake is that same approximation.
 * - Kelly stakes are a share of the bankroll at the START of the bet's day. Games of one day are
 *   bet before any of them is settled (the slate's prices are taken before the games finish), so
 *   a stake that saw the running bankroll would be using results that were not known yet, and the
 *   outcome would depend on the arbitrary order of games within a day. If one day's Kelly shares
 *   add up to more than the whole bankroll (possible with many bets at full Kelly) they are scaled
 *   down together so the day can at most stake everything; proportional scaling keeps the result
 *   independent of the order within the day. Each share is the single-bet Kelly fraction: the
 *   joint optimum over a slate (domain `kellyIndependent`) is a refinement left to the caller.
 * - Flat stakes are units whatever the bankroll: flat staking measures the picks, not money
 *   management, so it keeps betting even when the notional bankroll is below zero.
 * - Moneyline draws: with a draw side the market is three-way, so a draw loses home and away bets;
 *   without one a tie refunds them (the common rule where a tie can happen but is not offered).
 */
import {
  clvByPrice,
  clvByProbability,
  edge as edgeOver,
  expectedValue,
  kellyFraction,
  settleMoneyline,
  settlementReturn,
  settleSpread,
  settleTotal,
  type Settlement,
} from '../../domain/decisions/index.js';
import { removeVig, VIG_METHODS } from '../../domain/vig/index.js';
import { SharplineError } from '../../errors.js';
import { bankrollMetrics, dayNumber } from './bankroll-metrics.js';
import {
  SKIP_REASONS,
  type BetMarket,
  type BetOpportunity,
  type BetResult,
  type BetSide,
  type BettingOptions,
  type BettingResult,
  type ResolvedBettingOptions,
  type SettledBet,
  type SkippedOpportunity,
  type SkipReason,
} from './types.js';

const DEFAULT_STARTING_BANKROLL = 100;
/** Σ side probabilities + push may exceed 1 by this much (a model's rounding) and still be read as a distribution. */
const PROBABILITY_SUM_TOLERANCE = 1e-9;

const SIDES_BY_MARKET: Readonly<Record<BetMarket, readonly BetSide[]>> = {
  moneyline: ['home', 'away', 'draw'],
  spread: ['home', 'away'],
  total: ['over', 'under'],
};
const REQUIRED_BY_MARKET: Readonly<Record<BetMarket, readonly BetSide[]>> = {
  moneyline: ['home', 'away'],
  spread: ['home', 'away'],
  total: ['over', 'under'],
};

const WIN: Settlement = { win: 1, push: 0, loss: 0 };
const LOSS: Settlement = { win: 0, push: 0, loss: 1 };

/** The side chosen in one opportunity, before staking. */
interface Pick {
  readonly opportunity: BetOpportunity;
  readonly sideIndex: number;
  readonly price: number;
  readonly conditionalProbability: number;
  readonly fairProbability: number;
  readonly edge: number;
  readonly expectedValue: number;
}

type Decision = { readonly kind: 'bet'; readonly pick: Pick } | { readonly kind: 'skip'; readonly reason: SkipReason };

/**
 * Simulates betting `opportunities` (in non-decreasing date order) with `options`: which side of
 * each market to bet, how much, and what it returned, with the bankroll metrics of the result.
 * Throws SL_USAGE, naming the game, when dates decrease or an opportunity is malformed (probability
 * outside (0, 1), unknown side, line not a multiple of 0.25, price not decimal odds, …), and for
 * invalid options.
 */
export function simulateBets(opportunities: readonly BetOpportunity[], options: BettingOptions): BettingResult {
  const resolved = resolveOptions(options);
  checkOrder(opportunities);
  opportunities.forEach(checkOpportunity);

  const bets: SettledBet[] = [];
  const skips: SkippedOpportunity[] = [];
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const skip = (opportunity: BetOpportunity, reason: SkipReason): void => {
    skipped[reason]++;
    skips.push({ gameId: opportunity.gameId, date: opportunity.date, market: opportunity.market, reason });
  };

  let bankroll = resolved.startingBankroll;
  let start = 0;
  while (start < opportunities.length) {
    const date = opportunities[start]!.date;
    let end = start;
    while (end < opportunities.length && opportunities[end]!.date === date) end++;
    const day = opportunities.slice(start, end);
    start = end;

    const startOfDay = bankroll;
    const decisions = day.map((o) => decide(o, resolved));
    const stakes = stakeDay(decisions, resolved, startOfDay);
    decisions.forEach((decision, i) => {
      const opportunity = day[i]!;
      if (decision.kind === 'skip') return skip(opportunity, decision.reason);
      const stake = stakes[i]!;
      if (!(stake > 0)) return skip(opportunity, 'no_stake');
      const bet = settle(decision.pick, stake, startOfDay, resolved);
      bets.push(bet);
      bankroll += bet.profit;
    });
  }

  return {
    options: resolved,
    opportunities: opportunities.length,
    bets,
    skipped,
    skips,
    metrics: bankrollMetrics(bets, resolved.startingBankroll),
  };
}

function usage(message: string, details?: Record<string, unknown>): SharplineError {
  return new SharplineError('SL_USAGE', `simulateBets: ${message}`, details === undefined ? {} : { details });
}

function resolveOptions(options: BettingOptions): ResolvedBettingOptions {
  const staking = options.staking;
  if (staking?.kind === 'flat') {
    if (!(Number.isFinite(staking.units) && staking.units > 0)) {
      throw usage(`flat staking units ${String(staking.units)} must be a finite number > 0`);
    }
  } else if (staking?.kind === 'kelly') {
    if (!(Number.isFinite(staking.fraction) && staking.fraction > 0 && staking.fraction <= 1)) {
      throw usage(`Kelly fraction ${String(staking.fraction)} must be in (0, 1]`);
    }
    if (staking.cap !== undefined && !(Number.isFinite(staking.cap) && staking.cap > 0 && staking.cap <= 1)) {
      throw usage(`Kelly cap ${String(staking.cap)} must be a share of bankroll in (0, 1]`);
    }
  } else {
    throw usage(`staking must be { kind: 'flat', units } or { kind: 'kelly', fraction, cap? }`);
  }
  const minEdge = options.minEdge ?? 0;
  if (!(Number.isFinite(minEdge) && minEdge > -1 && minEdge < 1)) {
    throw usage(`minEdge ${String(minEdge)} must be a finite edge in probability points, in (−1, 1)`);
  }
  const devig = options.devig ?? 'multiplicative';
  if (!VIG_METHODS.includes(devig)) {
    throw usage(`devig "${String(devig)}" is not one of ${VIG_METHODS.join(', ')}`);
  }
  const startingBankroll = options.startingBankroll ?? DEFAULT_STARTING_BANKROLL;
  if (!(Number.isFinite(startingBankroll) && startingBankroll > 0)) {
    throw usage(`startingBankroll ${String(startingBankroll)} must be a finite number of units > 0`);
  }
  if (options.oneBetPerMarket !== undefined && options.oneBetPerMarket !== true) {
    throw usage('oneBetPerMarket must be true: one bet per market is the only policy');
  }
  return { staking, minEdge, devig, startingBankroll, oneBetPerMarket: true };
}

function checkOrder(opportunities: readonly BetOpportunity[]): void {
  let previous: BetOpportunity | undefined;
  let previousDay = Number.NEGATIVE_INFINITY;
  for (const o of opportunities) {
    const day = dayNumber(o.date);
    if (day === null) {
      throw usage(`game ${o.gameId}: date "${o.date}" is not a YYYY-MM-DD calendar date`, { gameId: o.gameId, date: o.date });
    }
    if (day < previousDay) {
      throw usage(
        `opportunities must be in time order: game ${o.gameId} (${o.date}) comes after game ${previous!.gameId} (${previous!.date})`,
        { gameId: o.gameId, date: o.date, previousGameId: previous!.gameId, previousDate: previous!.date },
      );
    }
    previous = o;
    previousDay = day;
  }
}

/** Malformed input is a caller's bug, not a market to skip: fail loudly, naming the game. */
function checkOpportunity(o: BetOpportunity): void {
  const game = `game ${o.gameId} (${o.date}, ${o.market})`;
  const allowed = SIDES_BY_MARKET[o.market];
  if (allowed === undefined) throw usage(`${game}: unknown market "${String(o.market)}"`, { gameId: o.gameId });
  const seen = new Set<BetSide>();
  let probabilitySum = 0;
  for (const s of o.sides) {
    if (!allowed.includes(s.side)) {
      throw usage(`${game}: side "${String(s.side)}" does not belong to a ${o.market} market (${allowed.join(', ')})`, {
        gameId: o.gameId,
      });
    }
    if (seen.has(s.side)) throw usage(`${game}: side "${s.side}" is listed twice`, { gameId: o.gameId });
    seen.add(s.side);
    if (!(Number.isFinite(s.probability) && s.probability > 0 && s.probability < 1)) {
      throw usage(`${game}: ${s.side} probability ${String(s.probability)} is outside (0, 1)`, { gameId: o.gameId });
    }
    probabilitySum += s.probability;
    for (const [field, value] of [['price', s.price], ['closePrice', s.closePrice]] as const) {
      if (value !== null && !(Number.isFinite(value) && value > 1)) {
        throw usage(`${game}: ${s.side} ${field} ${String(value)} is not decimal odds above 1`, { gameId: o.gameId });
      }
    }
  }
  const push = o.pushProbability;
  if (!(Number.isFinite(push) && push >= 0 && push < 1)) {
    throw usage(`${game}: pushProbability ${String(push)} is outside [0, 1)`, { gameId: o.gameId });
  }
  if (seen.has('draw') && push > 0) {
    throw usage(`${game}: a three-way moneyline has a draw side, so a tie is not a push; pushProbability must be 0`, {
      gameId: o.gameId,
    });
  }
  if (probabilitySum + push > 1 + PROBABILITY_SUM_TOLERANCE) {
    throw usage(
      `${game}: side probabilities plus pushProbability sum to ${probabilitySum + push}, above 1 (are the sides' P(win) conditional on no push?)`,
      { gameId: o.gameId },
    );
  }
  if (o.market !== 'moneyline' && o.line !== null) {
    if (!(Number.isFinite(o.line) && Number.isInteger(o.line * 4))) {
      throw usage(`${game}: line ${String(o.line)} is not a multiple of 0.25`, { gameId: o.gameId });
    }
    if (o.market === 'total' && o.line < 0) throw usage(`${game}: total line ${o.line} is negative`, { gameId: o.gameId });
  }
  const { homeScore, awayScore } = o.outcome;
  if (!(Number.isInteger(homeScore) && Number.isInteger(awayScore) && homeScore >= 0 && awayScore >= 0)) {
    throw usage(`${game}: score ${String(homeScore)}–${String(awayScore)} is not two whole numbers ≥ 0`, { gameId: o.gameId });
  }
}

function decide(o: BetOpportunity, options: ResolvedBettingOptions): Decision {
  const present = new Set(o.sides.map((s) => s.side));
  if (!REQUIRED_BY_MARKET[o.market].every((s) => present.has(s)) || (o.market !== 'moneyline' && o.line === null)) {
    return { kind: 'skip', reason: 'incomplete_market' };
  }
  const prices = o.sides.map((s) => s.price);
  const priced = prices.filter((p): p is number => p !== null);
  if (priced.length === 0) return { kind: 'skip', reason: 'no_price' };
  if (priced.length < prices.length) return { kind: 'skip', reason: 'missing_side_price' };

  const fair = removeVig(priced, options.devig).probabilities;
  const graded = 1 - o.pushProbability;
  let best: Pick | undefined;
  o.sides.forEach((s, i) => {
    const fairProbability = fair[i]!;
    const conditionalProbability = s.probability / graded;
    // Additive and differential de-vigging can leave a long shot at p ≤ 0: no fair probability to
    // beat, so that side is not bettable (the others still are).
    if (!(fairProbability > 0 && fairProbability < 1 && conditionalProbability < 1)) return;
    const e = edgeOver(conditionalProbability, fairProbability);
    if (!(e > options.minEdge) || (best !== undefined && e <= best.edge)) return;
    const price = priced[i]!;
    best = {
      opportunity: o,
      sideIndex: i,
      price,
      conditionalProbability,
      fairProbability,
      edge: e,
      expectedValue: expectedValue(conditionalProbability, price) * graded,
    };
  });
  return best === undefined ? { kind: 'skip', reason: 'no_edge' } : { kind: 'bet', pick: best };
}

/** Units per decision (0 for skips), all from the start-of-day bankroll. */
function stakeDay(decisions: readonly Decision[], options: ResolvedBettingOptions, startOfDay: number): number[] {
  const staking = options.staking;
  if (staking.kind === 'flat') return decisions.map((d) => (d.kind === 'bet' ? staking.units : 0));
  if (!(startOfDay > 0)) return decisions.map(() => 0);
  const shares = decisions.map((d) =>
    d.kind === 'bet'
      ? kellyFraction(d.pick.conditionalProbability, d.pick.price, { fraction: staking.fraction, cap: staking.cap ?? 1 }).applied
      : 0,
  );
  const total = shares.reduce((a, b) => a + b, 0);
  const scale = total > 1 ? 1 / total : 1;
  return shares.map((share) => share * scale * startOfDay);
}

function settle(pick: Pick, stake: number, startOfDay: number, options: ResolvedBettingOptions): SettledBet {
  const o = pick.opportunity;
  const side = o.sides[pick.sideIndex]!;
  const settlement = grade(o, side.side);
  const profit = stake * settlementReturn(pick.price, settlement);
  return {
    gameId: o.gameId,
    date: o.date,
    season: o.season,
    market: o.market,
    side: side.side,
    line: o.market === 'moneyline' ? null : o.line,
    price: pick.price,
    closePrice: side.closePrice,
    stake,
    bankrollAtStartOfDay: startOfDay,
    probability: side.probability,
    pushProbability: o.pushProbability,
    fairProbability: pick.fairProbability,
    edge: pick.edge,
    expectedValue: pick.expectedValue,
    result: resultOf(settlement),
    settlement,
    profit,
    clvPrice: side.closePrice === null ? null : clvByPrice(pick.price, side.closePrice),
    clvProbability: closingClv(o, pick, options),
  };
}

function grade(o: BetOpportunity, side: BetSide): Settlement {
  const margin = o.outcome.homeScore - o.outcome.awayScore;
  if (o.market === 'moneyline') {
    const drawPolicy = o.sides.some((s) => s.side === 'draw') ? 'loss' : 'push';
    if (side === 'draw') return margin === 0 ? WIN : LOSS;
    return settleMoneyline(side === 'home' ? margin : -margin, { drawPolicy });
  }
  // decide() only picks from complete markets, so the line is there.
  const line = o.line!;
  if (o.market === 'spread') return side === 'home' ? settleSpread(line, margin) : settleSpread(-line, -margin);
  return settleTotal(side === 'over' ? 'over' : 'under', line, o.outcome.homeScore + o.outcome.awayScore);
}

function resultOf(s: Settlement): BetResult {
  if (s.win === 1) return 'win';
  if (s.loss === 1) return 'loss';
  if (s.push === 1) return 'push';
  return s.win > 0 ? 'half_win' : 'half_loss';
}

/** CLV by probability needs the whole closing market, to de-vig it the same way as the offer. */
function closingClv(o: BetOpportunity, pick: Pick, options: ResolvedBettingOptions): number | null {
  const closes = o.sides.map((s) => s.closePrice);
  if (closes.some((c) => c === null)) return null;
  const fairClose = removeVig(closes as number[], options.devig).probabilities[pick.sideIndex]!;
  if (!(fairClose > 0 && fairClose < 1)) return null;
  return clvByProbability(pick.price, fairClose);
}
