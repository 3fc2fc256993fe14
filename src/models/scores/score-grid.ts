/**
 * @module models/scores/score-grid
 * Scores as a grid, markets as functions of it (STYLE.md, after penaltyblog's
 * `FootballProbabilityGrid`): a joint distribution P(home = i, away = j) for i, j = 0..maxScore, and
 * the moneyline, spread and total read off it. Margin-only models (NFL/NBA) use integer pmfs for the
 * margin and the total instead, through `marketsFromMargin`.
 *
 * Settlement (REFERENCE.md "Odds"; whole lines push): a home handicap `line` covers when
 * margin + line > 0, pushes when it is exactly 0 and loses otherwise; a total goes over when
 * home + away > line, pushes when equal. Scores are integers, so half lines never push and whole
 * lines push exactly on one score; quarter lines are priced by the same rule (they never push) and
 * are not split into two half-stakes as Asian books settle them.
 */
import type { MarketProbabilities, OutcomeProbabilities, SpreadProbabilities, TotalProbabilities } from '../types.js';
import { SharplineError } from '../../errors.js';

/**
 * A joint score distribution: `probabilities[i * size + j]` = P(home = i, away = j) with
 * size = maxScore + 1. The grid was renormalised to sum to 1; `tailMass` is the mass the untruncated
 * model put outside it (beyond maxScore on either side) before renormalising.
 */
export interface ScoreGrid {
  readonly maxScore: number;
  readonly size: number;
  readonly probabilities: Float64Array;
  readonly tailMass: number;
}

/** An integer-valued pmf: `probabilities[i]` = P(X = min + i); sums to 1. */
export interface IntegerPmf {
  readonly min: number;
  readonly probabilities: Float64Array;
}

/** Lines to price. Each is optional; a market is in the result only when its line is given. */
export interface MarketLines {
  /** Home handicap, e.g. −1.5 (home gives 1.5 goals). */
  spread?: number;
  /** Total points or goals line, e.g. 2.5. */
  total?: number;
}

/**
 * How `marketsFromMargin` reports the moneyline tie mass. `draw` (default) keeps it as the draw, as
 * for sports with draws or for regulation-time markets; `split` gives half to each side, a simple way
 * to fold NFL/NBA overtime into a two-way moneyline (overtime is then a coin flip).
 */
export type TieResolution = 'draw' | 'split';

function checkLine(name: string, line: number | undefined): void {
  if (line !== undefined && !Number.isFinite(line)) {
    throw new SharplineError('SL_MARKET_INVALID', `${name} line must be a finite number, got ${line}`);
  }
}

/**
 * A score grid from a function of (home, away) scores, truncated at `maxScore` and renormalised.
 * Negative or non-finite cells are an error (a model bug), never silently clipped.
 */
export function scoreGridFrom(maxScore: number, probability: (home: number, away: number) => number, totalMass = 1): ScoreGrid {
  if (!Number.isInteger(maxScore) || maxScore < 0) {
    throw new SharplineError('SL_MARKET_INVALID', `maxScore must be a whole number ≥ 0, got ${maxScore}`);
  }
  const size = maxScore + 1;
  const probabilities = new Float64Array(size * size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const p = probability(i, j);
      if (!(p >= 0) || !Number.isFinite(p)) {
        throw new SharplineError('SL_MARKET_INVALID', `score grid cell (${i}, ${j}) is ${p}: probabilities must be finite and ≥ 0`);
      }
      probabilities[i * size + j] = p;
      sum += p;
    }
  }
  if (!(sum > 0)) throw new SharplineError('SL_MARKET_INVALID', 'score grid has no mass');
  for (let k = 0; k < probabilities.length; k++) probabilities[k]! /= sum;
  return { maxScore, size, probabilities, tailMass: Math.max(0, totalMass - sum) };
}

/** The grid of independent home and away scores from their pmfs over 0..maxScore. */
export function independentScoreGrid(homePmf: Float64Array, awayPmf: Float64Array): ScoreGrid {
  const maxScore = Math.min(homePmf.length, awayPmf.length) - 1;
  return scoreGridFrom(maxScore, (i, j) => homePmf[i]! * awayPmf[j]!);
}

/** P(home = i, away = j) from a grid (0 outside it). */
export function gridProbability(grid: ScoreGrid, home: number, away: number): number {
  if (home < 0 || away < 0 || home > grid.maxScore || away > grid.maxScore) return 0;
  return grid.probabilities[home * grid.size + away]!;
}

/** The margin (home − away) pmf of a grid. */
export function marginPmfFromGrid(grid: ScoreGrid): IntegerPmf {
  const { size, probabilities } = grid;
  const out = new Float64Array(2 * size - 1);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) out[i - j + size - 1]! += probabilities[i * size + j]!;
  return { min: -(size - 1), probabilities: out };
}

/** The total (home + away) pmf of a grid. */
export function totalPmfFromGrid(grid: ScoreGrid): IntegerPmf {
  const { size, probabilities } = grid;
  const out = new Float64Array(2 * size - 1);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) out[i + j]! += probabilities[i * size + j]!;
  return { min: 0, probabilities: out };
}

/** Three probabilities scaled to sum to exactly 1 up to rounding (sums can drift by an ulp). */
function normalise3(a: number, b: number, c: number): [number, number, number] {
  const s = a + b + c;
  return [a / s, b / s, c / s];
}

/** Spread market from a margin pmf: covers when margin + line > 0, pushes when it is 0. */
function spreadFromMargin(margin: IntegerPmf, line: number): SpreadProbabilities {
  let homeCover = 0;
  let push = 0;
  let awayCover = 0;
  const { min, probabilities } = margin;
  for (let k = 0; k < probabilities.length; k++) {
    const adjusted = min + k + line;
    const p = probabilities[k]!;
    if (adjusted > 0) homeCover += p;
    else if (adjusted === 0) push += p;
    else awayCover += p;
  }
  const [h, pu, a] = normalise3(homeCover, push, awayCover);
  return { line, homeCover: h, push: pu, awayCover: a };
}

/** Totals market from a total pmf: over when total > line, push when equal. */
function totalFromPmf(total: IntegerPmf, line: number): TotalProbabilities {
  let over = 0;
  let push = 0;
  let under = 0;
  const { min, probabilities } = total;
  for (let k = 0; k < probabilities.length; k++) {
    const value = min + k;
    const p = probabilities[k]!;
    if (value > line) over += p;
    else if (value === line) push += p;
    else under += p;
  }
  const [o, pu, u] = normalise3(over, push, under);
  return { line, over: o, push: pu, under: u };
}

function moneylineFromMargin(margin: IntegerPmf, tieResolution: TieResolution): OutcomeProbabilities {
  let home = 0;
  let draw = 0;
  let away = 0;
  const { min, probabilities } = margin;
  for (let k = 0; k < probabilities.length; k++) {
    const m = min + k;
    const p = probabilities[k]!;
    if (m > 0) home += p;
    else if (m === 0) draw += p;
    else away += p;
  }
  if (tieResolution === 'split') {
    home += draw / 2;
    away += draw / 2;
    draw = 0;
  }
  const [h, d, a] = normalise3(home, draw, away);
  return { home: h, draw: d, away: a };
}

/**
 * Moneyline, spread and total probabilities from a score grid. Each market sums to 1.
 *
 * @example
 *   const grid = independentScoreGrid(poissonPmfArray(1.6, 15), poissonPmfArray(1.1, 15));
 *   marketsFromGrid(grid, { spread: -0.5, total: 2.5 });
 */
export function marketsFromGrid(grid: ScoreGrid, lines: MarketLines = {}): MarketProbabilities {
  checkLine('spread', lines.spread);
  checkLine('total', lines.total);
  const margin = marginPmfFromGrid(grid);
  const result: MarketProbabilities = { moneyline: moneylineFromMargin(margin, 'draw') };
  if (lines.spread !== undefined) result.spread = spreadFromMargin(margin, lines.spread);
  if (lines.total !== undefined) result.total = totalFromPmf(totalPmfFromGrid(grid), lines.total);
  return result;
}

/** Options of `marketsFromMargin`. */
export interface MarginMarketOptions extends MarketLines {
  /** Default `draw`; see `TieResolution`. Affects only the moneyline (spread pushes stay pushes). */
  tieResolution?: TieResolution;
}

/**
 * Markets for a margin-only model (NFL/NBA): moneyline and spread from the margin pmf, the total
 * from a separate total pmf (required when a total line is asked for). Margin and total are treated
 * as separate marginals, which is all a single spread or total market needs.
 */
export function marketsFromMargin(margin: IntegerPmf, total?: IntegerPmf, options: MarginMarketOptions = {}): MarketProbabilities {
  checkLine('spread', options.spread);
  checkLine('total', options.total);
  const result: MarketProbabilities = { moneyline: moneylineFromMargin(margin, options.tieResolution ?? 'draw') };
  if (options.spread !== undefined) result.spread = spreadFromMargin(margin, options.spread);
  if (options.total !== undefined) {
    if (!total) throw new SharplineError('SL_MARKET_INVALID', 'a total line needs a total pmf');
    result.total = totalFromPmf(total, options.total);
  }
  return result;
}
