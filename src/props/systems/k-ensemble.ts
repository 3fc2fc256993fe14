/**
 * @module props/systems/k-ensemble
 * `k_ensemble` v1: the linear pool w·P_baseline + (1 − w)·P_rolling, with w chosen on earlier
 * out-of-sample predictions of both members to maximise the mean log score (grid of 0.01). The
 * weights are returned as a pair that sums to 1 by construction, and `linearPool` refuses any
 * other (the replaced system's weights summed to 0.8: every prediction 20% low).
 */
import { linearPool } from '../distribution.js';
import type { KDistribution } from '../types.js';

export const K_ENSEMBLE = { id: 'k_ensemble', version: '1' } as const;

/** Members, in weight order. */
export const ENSEMBLE_MEMBERS = ['k_baseline', 'k_rolling'] as const;

/** Weights [w_baseline, w_rolling] maximising Σ ln(w·p_b + (1 − w)·p_r) over earlier outcomes; null without data. */
export function fitEnsembleWeights(pBaseline: readonly number[], pRolling: readonly number[]): [number, number] | null {
  if (pBaseline.length === 0) return null;
  let best = { w: 0.5, score: Number.NEGATIVE_INFINITY };
  for (let step = 0; step <= 100; step++) {
    const w = step / 100;
    let s = 0;
    for (let i = 0; i < pBaseline.length; i++) s += Math.log(Math.max(1e-15, w * pBaseline[i]! + (1 - w) * pRolling[i]!));
    if (s > best.score) best = { w, score: s };
  }
  return [best.w, 1 - best.w];
}

/** The pooled distribution. */
export function ensembleDistribution(baseline: KDistribution, rolling: KDistribution, weights: readonly [number, number]): KDistribution {
  return linearPool([baseline, rolling], weights);
}
