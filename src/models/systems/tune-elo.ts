/**
 * @module models/systems/tune-elo
 * Chooses the Elo profile a walk-forward uses: the sport's defaults, tuned by walk-forward log loss
 * on seasons strictly before the ones to be predicted (never on them), when at least three such
 * seasons have been played after a burn-in season. Otherwise the defaults stand, and we say so.
 */
import type { Sport } from '../../domain/sports.js';
import { ELO_PROFILES, tuneElo, type EloGrid, type EloProfile } from '../ratings/index.js';
import type { GameRecord } from '../types.js';

export interface TunedProfile {
  profile: EloProfile;
  tuned: boolean;
  /** Seasons scored while tuning, e.g. `2000–2005`; null when untuned. */
  seasons: string | null;
  logLoss: number | null;
  candidates: number;
}

/** Candidate values around each sport's defaults. */
function gridFor(sport: Sport, base: EloProfile): EloGrid {
  const around = (v: number, steps: number[]) => steps.map((s) => Math.round(v * s * 1000) / 1000);
  const grid: { k: number[]; hfa: number[]; seasonCarryOver?: number[] } = { k: around(base.k, [0.7, 1, 1.3]), hfa: around(base.hfa, [0.6, 0.8, 1]) };
  if (sport !== 'nfl') grid.seasonCarryOver = [base.seasonCarryOver, Math.min(0.9, base.seasonCarryOver + 0.1)];
  return grid;
}

/** Tunes on up to six seasons before `beforeSeason` (with one burn-in season before those). */
export function tuneEloProfile(sport: Sport, games: readonly GameRecord[], beforeSeason: number): TunedProfile {
  const base = ELO_PROFILES[sport];
  const past = games.filter((g) => g.season < beforeSeason);
  const seasons = [...new Set(past.map((g) => g.season))].sort((a, b) => a - b);
  if (seasons.length < 4) return { profile: base, tuned: false, seasons: null, logLoss: null, candidates: 0 };
  const first = seasons[Math.max(1, seasons.length - 6)]!;
  const result = tuneElo(past, base, gridFor(sport, base), { firstScoredSeason: first });
  const best = result.best;
  return {
    profile: { ...best.profile, id: `${base.id}-tuned` },
    tuned: true,
    seasons: `${first}–${seasons.at(-1)}`,
    logLoss: best.logLoss,
    candidates: result.candidates.length,
  };
}
