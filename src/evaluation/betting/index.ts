/**
 * @module evaluation/betting
 * The pure betting half of a walk-forward backtest: decide, stake and settle bets from a system's
 * probabilities and the real stored prices, then measure the bankroll (ROI on stake, yield, win
 * rate, CLV, daily bankroll curve, max drawdown, annualised Sharpe, ROI by edge bucket).
 * No store and no files: the caller loads the games and prices and passes them in time order.
 */
export { simulateBets } from './simulate-bets.js';
export {
  bankrollMetrics,
  bettingDaysPerYear,
  DEFAULT_EDGE_BOUNDS,
  maxDrawdown,
  roiByEdge,
  sharpeRatio,
  summariseBets,
} from './bankroll-metrics.js';
export type { MetricsBet } from './bankroll-metrics.js';
export { SKIP_REASONS } from './types.js';
export type {
  BankrollMetrics,
  BankrollPoint,
  BetGroupSummary,
  BetMarket,
  BetOpportunity,
  BetResult,
  BetSide,
  BettingOptions,
  BettingResult,
  Drawdown,
  EdgeBucket,
  FlatStaking,
  KellyStaking,
  OpportunitySide,
  ResolvedBettingOptions,
  SettledBet,
  SkippedOpportunity,
  SkipReason,
  Staking,
} from './types.js';
