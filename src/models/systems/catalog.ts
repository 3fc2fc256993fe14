/**
 * @module models/systems/catalog
 * The prediction systems sharpline ships, with their versions. A version changes whenever a
 * system's method changes, so logged predictions always say which method made them. None of these
 * systems reads market prices.
 */
import type { Sport } from '../../domain/sports.js';

export const SYSTEM_IDS = ['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ml_margin_v1', 'ensemble_v1'] as const;
export type SystemId = (typeof SYSTEM_IDS)[number];

export const SYSTEM_VERSIONS: Readonly<Record<SystemId, string>> = { elo_v1: '1', score_v1: '1', ml_v1: '1', ml_gbm_v1: '1', ml_margin_v1: '1', ensemble_v1: '1' };

export const SYSTEM_DESCRIPTIONS: Readonly<Record<SystemId, string>> = {
  elo_v1: 'Elo ratings with the sport profile (538 constants for NFL/NBA), tuned by walk-forward log loss when earlier seasons allow',
  score_v1: 'score distribution: normal/empirical margins (NFL, NBA), negative binomial (MLB), Poisson (NHL), Dixon–Coles (soccer)',
  ml_v1: 'L2 logistic regression on as-of features (Elo difference, form, season-to-date strength, rest, site, playoffs)',
  ml_gbm_v1: 'gradient-boosted trees on the same as-of features',
  ml_margin_v1: 'NBA: ridge regression of the home points margin on the same as-of features, P(home win) = Φ(μ/σ)',
  ensemble_v1: 'stacking of the members on out-of-sample predictions (weights on the simplex), Platt-calibrated',
};

/** Whether a system is offered for a sport: the binary learners need a two-way moneyline. */
export function systemSupports(system: SystemId, sport: Sport): boolean {
  // The margin regression is offered where it was validated: the NBA (points margins, a normal fits).
  if (system === 'ml_margin_v1') return sport === 'nba';
  return !(sport === 'soccer' && (system === 'ml_v1' || system === 'ml_gbm_v1'));
}

export function isSystemId(value: string): value is SystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value);
}
