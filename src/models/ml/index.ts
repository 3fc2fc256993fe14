/**
 * @module models/ml
 * Numeric learners for binary outcome probabilities (P(home win)) and the metrics that score them.
 * Every learner takes feature rows without missing values (impute first), is deterministic, and
 * round-trips through plain JSON for the model registry (`toJSON()` / `…FromJSON()`).
 */
export { fitLogistic, logisticFromJSON } from './logistic-regression.js';
export type { LogisticModel, LogisticModelJSON, LogisticOptions } from './logistic-regression.js';
export { fitGradientBoosting, gradientBoostingFromJSON } from './gradient-boosting.js';
export type { GradientBoostingModel, GradientBoostingModelJSON, GradientBoostingOptions, TreeJSON } from './gradient-boosting.js';
export {
  accuracy,
  brierScore,
  calibrationTable,
  expectedCalibrationError,
  logLoss,
  rankedProbabilityScore,
} from './metrics.js';
export type { CalibrationBin, ThreeWayOutcome } from './metrics.js';
export { applyStandardizer, choleskySolve, fitStandardizer, logit, sigmoid, toDenseMatrix } from './matrix.js';
export type { DenseMatrix, FeatureRows, Standardizer } from './matrix.js';
export { fitMarginRegression, marginRegressionFromJSON } from './margin-regression.js';
export type { MarginRegressionJSON, MarginRegressionModel, MarginRegressionOptions } from './margin-regression.js';
