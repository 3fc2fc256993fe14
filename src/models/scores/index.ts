/**
 * @module models/scores
 * Score-distribution models: pmfs, the score grid and its markets, and the Poisson,
 * negative-binomial, Dixon–Coles and normal-margin team models. Other layers import only this file.
 */
export {
  erf,
  erfc,
  logFactorial,
  logGamma,
  negativeBinomialLogPmf,
  negativeBinomialPmf,
  negativeBinomialPmfArray,
  normalCdf,
  normalPdf,
  normalQuantile,
  poissonCdf,
  poissonLogPmf,
  poissonPmf,
  poissonPmfArray,
  skellamCdf,
  skellamPmf,
} from './distributions.js';
export {
  gridProbability,
  independentScoreGrid,
  marginPmfFromGrid,
  marketsFromGrid,
  marketsFromMargin,
  scoreGridFrom,
  totalPmfFromGrid,
} from './score-grid.js';
export type { IntegerPmf, MarginMarketOptions, MarketLines, ScoreGrid, TieResolution } from './score-grid.js';
export { expectedScores, fitPoisson, poissonScoreGrid, predictPoisson } from './poisson-model.js';
export type { FitDiagnostics, GridPredictionOptions, PoissonModel, TeamStrengthFitOptions, TeamStrengthRatings } from './poisson-model.js';
export { fitNegativeBinomial, negativeBinomialScoreGrid, predictNegativeBinomial } from './negative-binomial-model.js';
export type { NegativeBinomialModel } from './negative-binomial-model.js';
export {
  DIXON_COLES_DEFAULT_XI,
  dixonColesScoreGrid,
  dixonColesTau,
  feasibleRho,
  fitDixonColes,
  predictDixonColes,
} from './dixon-coles.js';
export type { DixonColesFailure, DixonColesFit, DixonColesFitOptions, DixonColesModel } from './dixon-coles.js';
export { discreteNormalPmf, fitNormalMargin, marginPmfFor, marketsFromNormalMargin, predictNormalMargin } from './normal-margin.js';
export type {
  EmpiricalMarginAdjustment,
  NormalMarginFitOptions,
  NormalMarginMarketOptions,
  NormalMarginModel,
} from './normal-margin.js';
