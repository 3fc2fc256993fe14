/**
 * @module models/ensemble
 * Combining and calibrating member models: stacking weights on the simplex learned from
 * out-of-sample member predictions (walk-forward, so the blend stays out-of-sample too), then a
 * Platt or isotonic calibrator fitted on the blend's out-of-sample output.
 */
export {
  assertOnSimplex,
  blendProbabilities,
  blendProbability,
  equalWeights,
  fitStackingWeights,
  walkForwardStacking,
} from './stacking.js';
export type { StackingFit, StackingFold, StackingOptions, WalkForwardStacking, WalkForwardStackingOptions } from './stacking.js';
export { calibratorFromJSON, fitCalibrator } from './calibration.js';
export type { CalibrationMethod, Calibrator, CalibratorJSON, CalibratorOptions } from './calibration.js';
