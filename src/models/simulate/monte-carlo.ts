/**
 * @module models/simulate/monte-carlo
 * Monte Carlo pricing of one game: simulate scores under a model spec and read the same markets
 * the analytic models give (`MarketProbabilities`), with a standard error for every probability.
 *
 * Sampling:
 * - Count models (`poisson`, `dixon-coles`, `negative-binomial`), default `sampler: 'inversion'`:
 *   the model's score grid (the same one the analytic model prices, tail < 1e-12) is inverted
 *   twice: the home score from its marginal cdf with a uniform u₁, the away score from the cdf of
 *   its row (conditional on the home score) with u₂. Two guide-table walks per game (Chen–Asau
 *   guide tables start each walk near its answer), no allocation.
 *   `sampler: 'direct'` draws from the generators instead (Poisson, gamma–Poisson; Dixon–Coles by
 *   rejection with acceptance τ/max τ): slower, but independent of the grid, for cross-checks.
 * - `normal-margin`: margin = round(μ + σZ), total = round(μ_T + σ_T Z'), matching the analytic
 *   model's continuity-corrected discretisation.
 *
 * Variance reduction: antithetic variates (default on). Each draw is paired with its mirror —
 * (1 − u₁, 1 − u₂) for inversion, (−Z, −Z') for the normal model — and the pair average is the unit
 * of estimation. Every market indicator is monotone in the uniforms (more home goals never hurts the
 * home side or the over), so the pair members are negatively correlated and the variance falls; the
 * standard errors are computed from the spread of the pair averages, so they reflect the reduction.
 * The direct sampler has no antithetic form and ignores the flag.
 */
import type { MarketProbabilities, OutcomeProbabilities } from '../types.js';
import { SharplineError } from '../../errors.js';
import {
  discreteNormalPmf,
  dixonColesScoreGrid,
  feasibleRho,
  dixonColesTau,
  marketsFromGrid,
  marketsFromMargin,
  negativeBinomialScoreGrid,
  poissonScoreGrid,
  type MarketLines,
  type ScoreGrid,
} from '../scores/index.js';
import { Rng } from './rng.js';

/** What to simulate. Rates and means are expected scores; sds in points. */
export type GameSpec =
  | { kind: 'poisson'; lambdaHome: number; lambdaAway: number }
  | { kind: 'dixon-coles'; lambdaHome: number; lambdaAway: number; rho: number }
  | { kind: 'negative-binomial'; meanHome: number; meanAway: number; dispersion: number }
  | { kind: 'normal-margin'; marginMean: number; marginSd: number; totalMean: number; totalSd: number };

/** Options of `simulateGame`. */
export interface SimulationOptions extends MarketLines {
  /** Number of simulated games (rounded up to even with antithetic pairs). */
  n: number;
  seed: number;
  /** Antithetic pairs. Default true. */
  antithetic?: boolean;
  /** Count models: `inversion` (default) or `direct` (see the module doc). */
  sampler?: 'inversion' | 'direct';
}

/** Standard errors of every probability in a simulated `MarketProbabilities`. */
export interface MarketStandardErrors {
  moneyline: OutcomeProbabilities;
  spread?: { homeCover: number; push: number; awayCover: number };
  total?: { over: number; push: number; under: number };
}

/** Simulated market probabilities with their standard errors and how they were made. */
export interface SimulationResult extends MarketProbabilities {
  standardErrors: MarketStandardErrors;
  n: number;
  seed: number;
  antithetic: boolean;
  sampler: 'inversion' | 'direct' | 'normal';
}

/** The score grid of a count spec (the one inversion samples from). */
export function gridForSpec(spec: Exclude<GameSpec, { kind: 'normal-margin' }>): ScoreGrid {
  switch (spec.kind) {
    case 'poisson':
      return poissonScoreGrid(spec.lambdaHome, spec.lambdaAway);
    case 'dixon-coles':
      return dixonColesScoreGrid(spec.lambdaHome, spec.lambdaAway, spec.rho);
    case 'negative-binomial':
      return negativeBinomialScoreGrid(spec.meanHome, spec.meanAway, spec.dispersion);
  }
}

/** The analytic markets of a spec: what the simulation estimates. */
export function analyticMarkets(spec: GameSpec, lines: MarketLines = {}): MarketProbabilities {
  if (spec.kind === 'normal-margin') {
    return marketsFromMargin(discreteNormalPmf(spec.marginMean, spec.marginSd), discreteNormalPmf(spec.totalMean, spec.totalSd), lines);
  }
  return marketsFromGrid(gridForSpec(spec), lines);
}

/**
 * Each simulated game is reduced to one code 0..26 = moneyline + 3·spread + 9·total, where each
 * market's outcome is 0 (home / cover / over), 1 (draw / push) or 2 (away / away cover / under).
 * Lines not asked for are NaN, every comparison is false and the outcome is 2 (dropped later).
 */
function outcomeCode(margin: number, total: number, spreadLine: number, totalLine: number): number {
  const moneyline = margin > 0 ? 0 : margin === 0 ? 1 : 2;
  const covered = margin + spreadLine;
  const spread = covered > 0 ? 0 : covered === 0 ? 1 : 2;
  const totals = total > totalLine ? 0 : total === totalLine ? 1 : 2;
  return moneyline + 3 * spread + 9 * totals;
}

const CODES = 27;

/**
 * Estimates and standard errors from code histograms: `singles[c]` counts lone draws, `pairs[c₁·27 + c₂]`
 * antithetic pairs. The unit of estimation is the pair average y ∈ {0, ½, 1} (or the lone indicator).
 */
function estimate(singles: Float64Array, pairs: Float64Array, units: number, market: 0 | 1 | 2, outcome: number): { p: number; se: number } {
  const divisor = market === 0 ? 1 : market === 1 ? 3 : 9;
  const outcomeOf = (code: number) => Math.floor(code / divisor) % 3;
  let sum = 0;
  let sumSq = 0;
  for (let c = 0; c < CODES; c++) {
    if (outcomeOf(c) === outcome) {
      sum += singles[c]!;
      sumSq += singles[c]!;
    }
  }
  for (let c1 = 0; c1 < CODES; c1++) {
    for (let c2 = 0; c2 < CODES; c2++) {
      const count = pairs[c1 * CODES + c2]!;
      if (count === 0) continue;
      const hits = (outcomeOf(c1) === outcome ? 1 : 0) + (outcomeOf(c2) === outcome ? 1 : 0);
      sum += (count * hits) / 2;
      sumSq += (count * hits * hits) / 4;
    }
  }
  const p = sum / units;
  const variance = Math.max(0, (sumSq - units * p * p) / Math.max(1, units - 1));
  return { p, se: Math.sqrt(variance / units) };
}

/** Guide-table resolution: a uniform's bucket gives the first index worth testing (Chen & Asau). */
const GUIDE = 64;

/** Cumulative tables (with guide tables) for two-step inversion of a grid: home marginal, then rows. */
function inversionTables(grid: ScoreGrid): { home: Float64Array; rows: Float64Array; guide: Int32Array } {
  const { size, probabilities } = grid;
  const home = new Float64Array(size);
  const rows = new Float64Array(size * size);
  let cumulative = 0;
  for (let i = 0; i < size; i++) {
    let rowSum = 0;
    for (let j = 0; j < size; j++) rowSum += probabilities[i * size + j]!;
    cumulative += rowSum;
    home[i] = cumulative;
    let c = 0;
    for (let j = 0; j < size; j++) {
      c += probabilities[i * size + j]!;
      rows[i * size + j] = rowSum > 0 ? c / rowSum : 1;
    }
    rows[i * size + size - 1] = 1; // rounding must never let u walk off the row
  }
  home[size - 1] = 1;
  // guide[(row + 1)·GUIDE + b] for row ≥ 0, guide[b] for the home marginal: first k with cdf[k] ≥ b/GUIDE.
  const guide = new Int32Array((size + 1) * GUIDE);
  const fill = (cdf: Float64Array, offset: number, at: number) => {
    let k = 0;
    for (let b = 0; b < GUIDE; b++) {
      while (k < size - 1 && cdf[offset + k]! < b / GUIDE) k++;
      guide[at + b] = k;
    }
  };
  fill(home, 0, 0);
  for (let i = 0; i < size; i++) fill(rows, i * size, (i + 1) * GUIDE);
  return { home, rows, guide };
}

function invert(cdf: Float64Array, offset: number, size: number, u: number, start: number): number {
  let k = start;
  while (k < size - 1 && u > cdf[offset + k]!) k++;
  return k;
}

function checkSpec(spec: GameSpec): void {
  const values = Object.entries(spec).filter(([key]) => key !== 'kind');
  for (const [key, value] of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new SharplineError('SL_MARKET_INVALID', `${spec.kind} spec: ${key} must be finite, got ${String(value)}`);
  }
}

/**
 * Simulates one game `n` times and returns the market probabilities with standard errors. The same
 * seed (and options) always returns the identical result.
 *
 * @example
 *   simulateGame({ kind: 'poisson', lambdaHome: 1.6, lambdaAway: 1.1 }, { n: 100_000, seed: 7, total: 2.5 });
 */
export function simulateGame(spec: GameSpec, options: SimulationOptions): SimulationResult {
  checkSpec(spec);
  if (!Number.isInteger(options.n) || options.n < 2) throw new SharplineError('SL_MARKET_INVALID', `n must be a whole number ≥ 2, got ${options.n}`);
  const rng = new Rng(options.seed);
  const sampler = spec.kind === 'normal-margin' ? 'normal' : (options.sampler ?? 'inversion');
  const antithetic = sampler !== 'direct' && (options.antithetic ?? true);
  const spreadLine = options.spread ?? Number.NaN;
  const totalLine = options.total ?? Number.NaN;
  const units = antithetic ? Math.ceil(options.n / 2) : options.n;
  // Histograms, not per-draw records: the hot loops only compute a code and bump one counter.
  const singles = new Float64Array(CODES);
  const pairs = new Float64Array(CODES * CODES);

  if (spec.kind === 'normal-margin') {
    const { marginMean, marginSd, totalMean, totalSd } = spec;
    for (let k = 0; k < units; k++) {
      const z = rng.normal();
      const zt = rng.normal();
      const c1 = outcomeCode(Math.round(marginMean + marginSd * z), Math.round(totalMean + totalSd * zt), spreadLine, totalLine);
      if (antithetic) {
        const c2 = outcomeCode(Math.round(marginMean - marginSd * z), Math.round(totalMean - totalSd * zt), spreadLine, totalLine);
        pairs[c1 * CODES + c2]!++;
      } else singles[c1]!++;
    }
  } else if (sampler === 'inversion') {
    const grid = gridForSpec(spec);
    const { home, rows, guide } = inversionTables(grid);
    const size = grid.size;
    const cellCode = new Uint8Array(size * size);
    for (let h = 0; h < size; h++) for (let a = 0; a < size; a++) cellCode[h * size + a] = outcomeCode(h - a, h + a, spreadLine, totalLine);
    for (let k = 0; k < units; k++) {
      const u1 = rng.uniform();
      const u2 = rng.uniform();
      const h = invert(home, 0, size, u1, guide[(u1 * GUIDE) | 0]!);
      const c1 = cellCode[h * size + invert(rows, h * size, size, u2, guide[(h + 1) * GUIDE + ((u2 * GUIDE) | 0)]!)]!;
      if (antithetic) {
        const v1 = 1 - u1;
        const v2 = 1 - u2;
        const h2 = invert(home, 0, size, v1, guide[(v1 * GUIDE) | 0]!);
        const c2 = cellCode[h2 * size + invert(rows, h2 * size, size, v2, guide[(h2 + 1) * GUIDE + ((v2 * GUIDE) | 0)]!)]!;
        pairs[c1 * CODES + c2]!++;
      } else singles[c1]!++;
    }
  } else {
    simulateDirect(spec, rng, units, singles, spreadLine, totalLine);
  }

  const market = (m: 0 | 1 | 2) => [0, 1, 2].map((outcome) => estimate(singles, pairs, units, m, outcome));
  const [home, draw, away] = market(0);
  const result: SimulationResult = {
    moneyline: { home: home!.p, draw: draw!.p, away: away!.p },
    standardErrors: { moneyline: { home: home!.se, draw: draw!.se, away: away!.se } },
    n: antithetic ? 2 * units : units,
    seed: options.seed,
    antithetic,
    sampler,
  };
  if (options.spread !== undefined) {
    const [cover, push, awayCover] = market(1);
    result.spread = { line: options.spread, homeCover: cover!.p, push: push!.p, awayCover: awayCover!.p };
    result.standardErrors.spread = { homeCover: cover!.se, push: push!.se, awayCover: awayCover!.se };
  }
  if (options.total !== undefined) {
    const [over, push, under] = market(2);
    result.total = { line: options.total, over: over!.p, push: push!.p, under: under!.p };
    result.standardErrors.total = { over: over!.se, push: push!.se, under: under!.se };
  }
  return result;
}

function simulateDirect(
  spec: Exclude<GameSpec, { kind: 'normal-margin' }>,
  rng: Rng,
  n: number,
  singles: Float64Array,
  spreadLine: number,
  totalLine: number,
): void {
  if (spec.kind === 'negative-binomial') {
    for (let k = 0; k < n; k++) {
      const h = rng.negativeBinomial(spec.meanHome, spec.dispersion);
      const a = rng.negativeBinomial(spec.meanAway, spec.dispersion);
      singles[outcomeCode(h - a, h + a, spreadLine, totalLine)]!++;
    }
    return;
  }
  const { lambdaHome, lambdaAway } = spec;
  let rho = 0;
  let tauMax = 1;
  if (spec.kind === 'dixon-coles') {
    const { min, max } = feasibleRho(lambdaHome, lambdaAway);
    rho = Math.min(max, Math.max(min, spec.rho));
    for (const [x, y] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) tauMax = Math.max(tauMax, dixonColesTau(x, y, lambdaHome, lambdaAway, rho));
  }
  for (let k = 0; k < n; k++) {
    let h: number;
    let a: number;
    do {
      h = rng.poisson(lambdaHome);
      a = rng.poisson(lambdaAway);
      // Rejection: a Poisson pair is kept with probability τ(h, a)/max τ, which yields the DC grid.
    } while (rho !== 0 && rng.uniform() * tauMax > dixonColesTau(h, a, lambdaHome, lambdaAway, rho));
    singles[outcomeCode(h - a, h + a, spreadLine, totalLine)]!++;
  }
}
