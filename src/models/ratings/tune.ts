/**
 * @module models/ratings/tune
 * Walk-forward tuning of an Elo profile over a small grid. Elo is walk-forward by construction
 * (each game's probability comes from earlier games only), so scoring its pre-game probabilities on
 * the evaluation seasons is leak-free; earlier seasons are burn-in that lets ratings settle.
 * Metrics (REFERENCE.md "Forecast metrics"): two-way sports score decided games only (ties have no
 * binary label), with binary log loss and Brier on P(home); three-way sports score every final game
 * with multiclass log loss −ln p(outcome) and the multiclass Brier Σ_k (p_k − o_k)² (range 0–2).
 */
import type { GameRecord } from '../types.js';
import { SharplineError } from '../../errors.js';
import { runElo, type EloOptions } from './elo.js';
import type { EloProfile } from './profiles.js';

/** Profile fields a grid may vary. */
export type EloTunableParameter = 'k' | 'hfa' | 'seasonCarryOver' | 'seasonMean' | 'newTeamRating' | 'drawParameter';

/** Values to try per parameter; candidates are the Cartesian product (an absent parameter keeps the base value). */
export type EloGrid = Readonly<Partial<Record<EloTunableParameter, readonly number[]>>>;

/** Where scoring starts, plus engine options (e.g. the MLB pitcher adjustment). */
export interface EloTuneOptions extends EloOptions {
  /** First season whose games are scored; earlier ones are burn-in. */
  readonly firstScoredSeason: number;
}

/** One candidate's score on the evaluation window. */
export interface EloCandidateScore {
  readonly overrides: Readonly<Partial<Record<EloTunableParameter, number>>>;
  readonly profile: EloProfile;
  readonly logLoss: number;
  readonly brier: number;
  /** Games scored. */
  readonly n: number;
}

/** Every candidate in grid order, and the one with the lowest log loss (first wins a tie). */
export interface EloTuneResult {
  readonly candidates: readonly EloCandidateScore[];
  readonly best: EloCandidateScore;
}

const CLIP = 1e-15;

function clip(p: number): number {
  return Math.min(Math.max(p, CLIP), 1 - CLIP);
}

function expandGrid(grid: EloGrid): Partial<Record<EloTunableParameter, number>>[] {
  let combos: Partial<Record<EloTunableParameter, number>>[] = [{}];
  for (const [name, values] of Object.entries(grid) as [EloTunableParameter, readonly number[] | undefined][]) {
    if (values === undefined) continue;
    if (values.length === 0) throw new SharplineError('SL_USAGE', `tuneElo: grid value list for ${name} is empty`);
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos;
}

/**
 * Scores every grid candidate built on `base` over `games` (sorted by date, then gameId) from
 * `options.firstScoredSeason` on, and returns all scores plus the best by log loss. Throws
 * `SL_USAGE` when no final game falls in the evaluation window.
 */
export function tuneElo(games: readonly GameRecord[], base: EloProfile, grid: EloGrid, options: EloTuneOptions): EloTuneResult {
  const threeWay = (base.outcomes ?? 'two_way') === 'three_way';
  const candidates: EloCandidateScore[] = [];
  for (const overrides of expandGrid(grid)) {
    const suffix = Object.entries(overrides).map(([name, value]) => `${name}=${value}`).join(',');
    const profile: EloProfile = { ...base, ...overrides, id: suffix ? `${base.id}+${suffix}` : base.id };
    const points = runElo(games, profile, options);
    let logLoss = 0;
    let brier = 0;
    let n = 0;
    for (let i = 0; i < games.length; i += 1) {
      const game = games[i] as GameRecord;
      if (game.season < options.firstScoredSeason || game.homeScore === null || game.awayScore === null) continue;
      const p = points[i]!.probabilities;
      const diff = game.homeScore - game.awayScore;
      if (threeWay) {
        const observed = diff > 0 ? p.home : diff < 0 ? p.away : p.draw;
        logLoss -= Math.log(clip(observed));
        const oh = diff > 0 ? 1 : 0;
        const od = diff === 0 ? 1 : 0;
        const oa = diff < 0 ? 1 : 0;
        brier += (p.home - oh) ** 2 + (p.draw - od) ** 2 + (p.away - oa) ** 2;
      } else {
        if (diff === 0) continue;
        const y = diff > 0 ? 1 : 0;
        const q = clip(p.home);
        logLoss -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
        brier += (p.home - y) ** 2;
      }
      n += 1;
    }
    if (n === 0) throw new SharplineError('SL_USAGE', `tuneElo: no final game from season ${options.firstScoredSeason} on to score`);
    candidates.push({ overrides, profile, logLoss: logLoss / n, brier: brier / n, n });
  }
  let best = candidates[0]!;
  for (const candidate of candidates) if (candidate.logLoss < best.logLoss) best = candidate;
  return { candidates, best };
}
