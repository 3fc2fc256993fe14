/**
 * @module props
 * Player props (MLB pitcher strikeouts), the public surface: the player registry, the walk-forward
 * systems and their evaluation, one-start predictions, a slate's picks, and the pure pieces
 * (distributions, red flags, decisions) other layers may reuse.
 */
export { refreshPlayerRegistry, ensurePlayerRegistry, findPlayerOrThrow, registeredPlayers, type RegisteredPlayer } from './players.js';
export type { PlayerRegistryReport } from './player-registry.js';
export { loadPitchingLines } from './load-lines.js';
export { walkForward, predictStart, PROP_SYSTEMS, MIN_TRAINING, REFIT_DAYS, type PropParams, type StartPrediction, type WalkResult } from './walk-forward.js';
export { evaluatePropPredictions, type PropEvaluation, type SystemScore } from './evaluate.js';
export { evaluatePropSeason, type PropSeasonReport } from './season.js';
export { predictProp, type PropPredictReport } from './predict.js';
export { propPicks, type PropPicksReport } from './picks.js';
export { decideProp, type PropDecision, type PropSideDecision } from './decisions.js';
export { negativeBinomialK, poissonK, linearPool, overUnder, type OverUnder } from './distribution.js';
export { redFlags, RED_FLAG_THRESHOLDS } from './red-flags.js';
export type { KDistribution, PitchingLine, RedFlag, RedFlagCode, StartFeatures, StartSpec, SystemPrediction } from './types.js';
