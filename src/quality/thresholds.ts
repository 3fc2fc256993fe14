/**
 * @module quality/thresholds
 * The fixed numbers the checks and the row scores compare against (plausible scores per sport,
 * price bounds, booksum band, coverage share), in one place. What a deployment tunes lives in
 * `quality/config.ts`.
 */
import type { Sport } from '../domain/sports.js';

/** Every number a check compares against, in one place. */
export const QUALITY_THRESHOLDS = {
  /**
   * Plausible final score per side, per sport: [lowest, highest]. Lowest is 0 except in the NBA,
   * where a team scoring under 40 in a finished game has never happened in the modern era.
   */
  scoreRange: { nfl: [0, 80], nba: [40, 200], mlb: [0, 40], nhl: [0, 15], soccer: [0, 15] } satisfies Record<Sport, [number, number]>,
  /** A decimal price must be above `min` (1.0 returns only the stake) and below `max`. */
  price: { min: 1, max: 1000 },
  /** Sum of implied probabilities (1/decimal) over a closing moneyline market at one book. */
  booksum: { min: 0.9, max: 1.3 },
  /** Sports whose moneyline has a draw outcome (three-way): a complete market has 3 sides. */
  threeWaySports: ['soccer'] as readonly Sport[],
  /** Sports that play doubleheaders: the same teams twice on one date with game numbers 1 and 2. */
  doubleheaderSports: ['mlb'] as readonly Sport[],
  /** Least share of final games with a closing moneyline, per sport and season. */
  closingMoneylineCoverage: 0.8,
} as const;

