/**
 * @module models/ratings
 * Public surface of the ratings layer: the Elo engine and its profiles, 538's NFL specifics,
 * Pythagorean expectation, MLB game scores and walk-forward tuning. Other layers import only this.
 */
export { EloEngine, runElo, eloWinProbability, davidsonProbabilities, movMultiplier, validateEloProfile } from './elo.js';
export type { EloOptions, EloPoint, EloSnapshot } from './elo.js';
export { ELO_PROFILES, MOV_METHODS } from './profiles.js';
export type { EloProfile, EloPlayoffOptions, EloOutcomeModel, MovMethod } from './profiles.js';
export { FIVETHIRTYEIGHT_NFL_PROFILE, FIVETHIRTYEIGHT_NFL_REVERSIONS, fivethirtyeightNflProfile } from './fivethirtyeight-nfl.js';
export type { InitialElo } from './fivethirtyeight-nfl.js';
export { PYTHAGOREAN_EXPONENTS, pythagoreanWinPct, fitPythagoreanExponent } from './pythagorean.js';
export type { TeamSeasonRecord, PythagoreanFitOptions, PythagoreanFit } from './pythagorean.js';
export { tangoGameScore, GameScoreTracker, pitcherAdjustments } from './game-score.js';
export type { PitchingLine, GameScoreTrackerOptions, StartingPitcher, GameStarters } from './game-score.js';
export { tuneElo } from './tune.js';
export type { EloGrid, EloTunableParameter, EloTuneOptions, EloCandidateScore, EloTuneResult } from './tune.js';
