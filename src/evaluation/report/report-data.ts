/**
 * @module evaluation/report/report-data
 * The input of a backtest report: everything the HTML page and the chart images show, already
 * computed. The report renders these figures and never recomputes them, so a report can be rebuilt
 * from a saved JSON file long after the store that produced it is gone.
 *
 * Shares (ROI, CLV, drawdown, accuracy) are fractions (0.031 = 3.1 %); the report formats them.
 * `null` means "not measurable here" (no bets in a bucket, no closing prices for CLV) and renders
 * as a blank cell, never as a made-up zero.
 */

/** One reliability bin: forecasts whose probability fell in [lower, upper). */
export interface CalibrationBin {
  bin: number;
  lower: number;
  upper: number;
  n: number;
  /** Mean forecast probability in the bin; null when the bin is empty. */
  mean_p: number | null;
  /** Observed home-win rate in the bin; null when the bin is empty. */
  mean_y: number | null;
}

export interface BankrollPoint {
  /** ISO date (YYYY-MM-DD) of the settled bets this point includes. */
  date: string;
  bankroll: number;
}

export interface EdgeBucket {
  /** Label of the edge range, e.g. "2–4 %"; buckets are shown in the order given. */
  bucket: string;
  bets: number;
  staked: number;
  profit: number;
  roi: number | null;
}

export interface BettingReport {
  bets: number;
  staked: number;
  profit: number;
  /** profit / staked; null without stakes. */
  roi: number | null;
  /** Mean closing line value by price, as a share; null without closing prices. */
  clv: number | null;
  /** Largest fall from a bankroll peak, as a share of that peak. */
  max_drawdown: number | null;
  sharpe: number | null;
  bankroll_curve: BankrollPoint[];
  roi_by_edge: EdgeBucket[];
}

export interface SystemReport {
  /** System id: elo_v1, ensemble_v1, market, baseline, … */
  system: string;
  n: number;
  brier: number;
  log_loss: number;
  ece: number;
  accuracy: number;
  calibration: CalibrationBin[];
  /** Brier score keyed by season ("2019"). */
  brier_by_season: Record<string, number>;
  /** Null for a system that does not bet (the market, the baseline) or was not simulated. */
  betting: BettingReport | null;
}

export interface BacktestReportData {
  title: string;
  /** ISO timestamp. */
  generated_at: string;
  sport: string;
  league: string | null;
  season_from: number;
  season_to: number;
  games: number;
  /** The CLI command that produced the report, so a reader can reproduce it. */
  command: string;
  /** What is missing or degraded (a season without prices, a system that failed to train…). */
  notes: string[];
  systems: SystemReport[];
}
