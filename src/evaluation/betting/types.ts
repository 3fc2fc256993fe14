/**
 * @module evaluation/betting/types
 * The vocabulary of the betting half of a walk-forward backtest: what one market opportunity looks
 * like (a system's probabilities next to the real stored prices and the real result), the staking
 * options, and the settled bets and bankroll metrics that come out. Pure data; no store, no files.
 */
import type { Settlement } from '../../domain/decisions/index.js';
import type { VigMethod } from '../../domain/vig/index.js';

/** The market an opportunity belongs to. */
export type BetMarket = 'moneyline' | 'spread' | 'total';

/**
 * A side of a market. Moneyline: home, away and, in a three-way market, draw. Spread: home and
 * away. Total: over and under.
 */
export type BetSide = 'home' | 'away' | 'draw' | 'over' | 'under';

/** One side of an opportunity: the system's view and the prices the market offered. */
export interface OpportunitySide {
  readonly side: BetSide;
  /**
   * The system's probability, strictly in (0, 1), that a bet on this side wins. For spreads and
   * totals this is the unconditional P(win); the chance that the bet is refunded is the market's
   * `pushProbability`. On a quarter line, read both as the expected win and push shares of the stake.
   */
  readonly probability: number;
  /** Decimal odds available to bet (opening or closing, as the caller chooses); null when not offered. */
  readonly price: number | null;
  /** Closing decimal odds of the same side, for closing line value; null when unknown. */
  readonly closePrice: number | null;
}

/** One market of one game, in the time order the bets would have been placed. */
export interface BetOpportunity {
  readonly gameId: number;
  /** Game date, YYYY-MM-DD; opportunities must come in non-decreasing date order. */
  readonly date: string;
  readonly season: number;
  readonly market: BetMarket;
  /**
   * Spread: the home side's handicap (−3.5 means home gives 3.5; away's line is its negation).
   * Total: the total line. Moneyline: null (ignored). Lines are multiples of 0.25.
   */
  readonly line: number | null;
  readonly sides: readonly OpportunitySide[];
  /**
   * The system's probability that a bet in this market is refunded: a whole spread or total line
   * landing exactly, or a tie in a two-way moneyline. 0 for a moneyline without draws and for a
   * three-way moneyline (there the draw is a side).
   */
  readonly pushProbability: number;
  /** The real final score. */
  readonly outcome: { readonly homeScore: number; readonly awayScore: number };
}

/** Flat staking: the same number of units on every bet, whatever the bankroll. */
export interface FlatStaking {
  readonly kind: 'flat';
  /** Units per bet, > 0. */
  readonly units: number;
}

/** Fractional Kelly on the bankroll at the start of the bet's day. */
export interface KellyStaking {
  readonly kind: 'kelly';
  /** The Kelly multiplier λ in (0, 1]. */
  readonly fraction: number;
  /** The largest stake on one bet as a share of the start-of-day bankroll, in (0, 1]; default 1 (none). */
  readonly cap?: number;
}

export type Staking = FlatStaking | KellyStaking;

/** How `simulateBets` decides and stakes. */
export interface BettingOptions {
  readonly staking: Staking;
  /** Bet only when edge > minEdge (probability points, e.g. 0.02). Default 0. */
  readonly minEdge?: number;
  /** The vig-removal method that turns a market's offered prices into fair probabilities. Default 'multiplicative'. */
  readonly devig?: VigMethod;
  /** Starting bankroll in units, > 0. Default 100. */
  readonly startingBankroll?: number;
  /**
   * At most one bet per opportunity: the side with the largest edge above `minEdge`. The only
   * supported policy, spelled out so a caller reading the options knows it.
   */
  readonly oneBetPerMarket?: true;
}

/** `BettingOptions` with the defaults applied. */
export interface ResolvedBettingOptions {
  readonly staking: Staking;
  readonly minEdge: number;
  readonly devig: VigMethod;
  readonly startingBankroll: number;
  readonly oneBetPerMarket: true;
}

/**
 * Why an opportunity produced no bet:
 * - `incomplete_market`: a side the market needs is missing (home or away; over or under), or a
 *   spread or total has no line;
 * - `no_price`: no side has a price (the market was not offered);
 * - `missing_side_price`: some side lacks a price, so the market cannot be de-vigged and no fair
 *   probability (hence no edge) exists;
 * - `no_edge`: no side's edge is above `minEdge`;
 * - `no_stake`: Kelly only: the chosen side's Kelly stake is 0, because its expected value at the
 *   offered price is not positive (edge over the fair market, yet not over the vig) or the
 *   bankroll is exhausted.
 */
export type SkipReason = 'incomplete_market' | 'no_price' | 'missing_side_price' | 'no_edge' | 'no_stake';

/** Every `SkipReason`, in the order the checks run. */
export const SKIP_REASONS: readonly SkipReason[] = Object.freeze([
  'incomplete_market',
  'no_price',
  'missing_side_price',
  'no_edge',
  'no_stake',
] as const);

/** An opportunity that produced no bet, and why. */
export interface SkippedOpportunity {
  readonly gameId: number;
  readonly date: string;
  readonly market: BetMarket;
  readonly reason: SkipReason;
}

/**
 * How a bet graded. `half_win` and `half_loss` occur only on quarter lines (half the stake pushes);
 * `push` refunds the whole stake.
 */
export type BetResult = 'win' | 'loss' | 'push' | 'half_win' | 'half_loss';

/** One placed and settled bet. */
export interface SettledBet {
  readonly gameId: number;
  readonly date: string;
  readonly season: number;
  readonly market: BetMarket;
  readonly side: BetSide;
  /** The market's line as given (home handicap for spreads, the total for totals); null for moneylines. */
  readonly line: number | null;
  /** Decimal odds taken. */
  readonly price: number;
  /** Closing decimal odds of the side; null when unknown. */
  readonly closePrice: number | null;
  /** Units staked. */
  readonly stake: number;
  /** The bankroll at the start of the bet's day, in units (what Kelly stakes are a share of). */
  readonly bankrollAtStartOfDay: number;
  /** The system's P(win) for the side, as given. */
  readonly probability: number;
  /** The market's push probability, as given. */
  readonly pushProbability: number;
  /** The side's fair probability from the offered prices of all sides (de-vigged with `devig`). */
  readonly fairProbability: number;
  /** probability / (1 − pushProbability) − fairProbability: see `simulate-bets.ts` for why conditional. */
  readonly edge: number;
  /** Expected net return per unit staked, counting pushes as refunds. */
  readonly expectedValue: number;
  readonly result: BetResult;
  /** The shares of the stake that won, pushed and lost. */
  readonly settlement: Settlement;
  /** Net profit in units (negative on a loss, 0 on a push). */
  readonly profit: number;
  /** price / closePrice − 1 (domain `clvByPrice`); null without a close price. */
  readonly clvPrice: number | null;
  /**
   * Fair closing probability − 1/price (domain `clvByProbability`), the close de-vigged with the
   * same method; null unless every side of the market has a close price.
   */
  readonly clvProbability: number | null;
}

/** Totals over a group of bets; `roi` is null when nothing was staked. */
export interface BetGroupSummary {
  readonly bets: number;
  readonly staked: number;
  readonly profit: number;
  readonly roi: number | null;
}

/** One edge bucket: edges in [from, to); null bounds are open. */
export interface EdgeBucket extends BetGroupSummary {
  readonly label: string;
  readonly from: number | null;
  readonly to: number | null;
}

/** One point of the bankroll curve: the bankroll at the end of a betting day. */
export interface BankrollPoint {
  readonly date: string;
  readonly bankroll: number;
}

/** The largest fall of the bankroll curve from a running peak. */
export interface Drawdown {
  /** The largest fall as a share of the peak it fell from (may exceed 1 if a flat-staked bankroll goes negative). */
  readonly fraction: number;
  /** The largest fall in units (not necessarily the same fall as `fraction`). */
  readonly units: number;
}

/** What the settled bets add up to. Every ratio is null when its denominator is empty or zero. */
export interface BankrollMetrics {
  readonly bets: number;
  readonly wins: number;
  readonly losses: number;
  readonly pushes: number;
  /** Quarter-line bets with half the stake refunded. */
  readonly halfWins: number;
  readonly halfLosses: number;
  readonly staked: number;
  readonly profit: number;
  readonly startingBankroll: number;
  readonly finalBankroll: number;
  /** profit / staked. */
  readonly roi: number | null;
  /** (profit / bets) / (staked / bets): algebraically equal to `roi`; quoted under this name by bettors. */
  readonly yieldPerBet: number | null;
  /** Mean profit per bet, in units. */
  readonly profitPerBet: number | null;
  /** Mean of each bet's own profit / stake, every bet weighted equally (differs from `roi` when stakes vary). */
  readonly meanReturnPerBet: number | null;
  /** Won share of the graded stake: Σ win shares / Σ (win + loss) shares; pushes are left out. */
  readonly winRate: number | null;
  /** Bets with a close price, over which the CLV means and `beatCloseShare` are taken. */
  readonly betsWithClose: number;
  readonly averageClvPrice: number | null;
  /** Over bets whose whole market had close prices. */
  readonly averageClvProbability: number | null;
  /** Share of bets with a close price whose price beat it (price > closePrice). */
  readonly beatCloseShare: number | null;
  /** The bankroll at the end of each betting day. */
  readonly curve: readonly BankrollPoint[];
  /** Over the curve with the starting bankroll as the first peak; null without bets. */
  readonly maxDrawdown: Drawdown | null;
  readonly bettingDays: number;
  /** Betting days / years spanned (first to last betting day, inclusive, over 365.25 days). */
  readonly bettingDaysPerYear: number | null;
  /** Annualised Sharpe of daily returns (see `bankroll-metrics.ts`); null with under 2 days, zero spread or a non-positive start-of-day bankroll. */
  readonly sharpe: number | null;
  readonly byEdge: readonly EdgeBucket[];
  readonly byMarket: Readonly<Record<BetMarket, BetGroupSummary>>;
}

/** What `simulateBets` returns. */
export interface BettingResult {
  readonly options: ResolvedBettingOptions;
  readonly opportunities: number;
  readonly bets: readonly SettledBet[];
  readonly skipped: Readonly<Record<SkipReason, number>>;
  readonly skips: readonly SkippedOpportunity[];
  readonly metrics: BankrollMetrics;
}
