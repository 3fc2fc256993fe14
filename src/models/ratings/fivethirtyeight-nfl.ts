/**
 * @module models/ratings/fivethirtyeight-nfl
 * FiveThirtyEight's NFL Elo as in fivethirtyeight/nfl-elo-game `forecast.py` (REFERENCE.md
 * "Ratings"): K 20, HFA 65, the 538 NFL margin multiplier, 2/3 carried over toward 1505, and a
 * table of team-season ratings 538's code sets by hand. With the initial ratings from
 * `initial_elos.csv` the engine reproduces every published `elo_prob1` from 1920 to 2020.
 */
import { SharplineError } from '../../errors.js';
import type { EloProfile } from './profiles.js';

/**
 * Season-start ratings 538's code fixes instead of regressing ("reversions of unknown origin",
 * mostly franchises that moved or merged), keyed by team code + season. Without them the
 * reproduced probabilities drift by up to 0.22.
 */
export const FIVETHIRTYEIGHT_NFL_REVERSIONS: Readonly<Record<string, number>> = {
  CBD1925: 1502.032,
  RAC1926: 1403.384,
  LOU1926: 1307.201,
  CIB1927: 1362.919,
  MNN1929: 1306.702,
  BFF1929: 1331.943,
  LAR1944: 1373.977,
  PHI1944: 1497.988,
  ARI1945: 1353.939,
  PIT1945: 1353.939,
  CLE1999: 1300.0,
};

/** 538's NFL constants without initial ratings (every team not in `initialRatings` starts at 1300). */
export const FIVETHIRTYEIGHT_NFL_PROFILE: EloProfile = {
  id: 'nfl-538',
  sport: 'nfl',
  k: 20,
  hfa: 65,
  mov: 'fivethirtyeight_nfl',
  seasonCarryOver: 2 / 3,
  seasonMean: 1505,
  newTeamRating: 1300,
  fixedSeasonStarts: FIVETHIRTYEIGHT_NFL_REVERSIONS,
  description: 'FiveThirtyEight NFL Elo (nfl-elo-game forecast.py): K 20, HFA 65, 538 NFL MOV, keep 2/3 toward 1505, new teams 1300.',
};

/** One row of 538's `initial_elos.csv`: a team code and its first-seen rating in Elo points. */
export interface InitialElo {
  readonly team: string;
  readonly elo: number;
}

/**
 * The 538 NFL profile with first-seen ratings from a parsed `initial_elos.csv` (list of rows or a
 * team → elo map). Throws `SL_USAGE` on a non-finite rating or a team listed twice.
 */
export function fivethirtyeightNflProfile(initialElos: readonly InitialElo[] | Readonly<Record<string, number>>): EloProfile {
  const rows: readonly InitialElo[] = Array.isArray(initialElos)
    ? (initialElos as readonly InitialElo[])
    : Object.entries(initialElos as Readonly<Record<string, number>>).map(([team, elo]) => ({ team, elo }));
  const initialRatings: Record<string, number> = {};
  for (const { team, elo } of rows) {
    if (!Number.isFinite(elo)) throw new SharplineError('SL_USAGE', `fivethirtyeightNflProfile: initial elo of ${team} is ${String(elo)}, not a finite number`);
    if (Object.hasOwn(initialRatings, team)) throw new SharplineError('SL_USAGE', `fivethirtyeightNflProfile: team ${team} is listed twice`);
    initialRatings[team] = elo;
  }
  return { ...FIVETHIRTYEIGHT_NFL_PROFILE, initialRatings };
}
