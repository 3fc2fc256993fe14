/**
 * @module props/systems/k-naive-poisson
 * `k_naive_poisson` v1: the yardstick of the evaluation: Poisson with the pitcher's season-average
 * strikeouts per start so far. Any system worth its name must beat it.
 */
import { poissonK } from '../distribution.js';
import { missingData } from '../red-flags.js';
import type { KDistribution, RedFlag, StartFeatures } from '../types.js';

export const K_NAIVE_POISSON = { id: 'k_naive_poisson', version: '1' } as const;

/** The naive distribution, or the missing-data flag (a pitcher's 0-strikeout season so far is floored at 0.05). */
export function naivePoisson(f: StartFeatures): { distribution: KDistribution | null; flags: RedFlag[] } {
  const flags = missingData(f, ['seasonKPerStart']);
  if (flags.length) return { distribution: null, flags };
  return { distribution: poissonK(Math.max(0.05, f.seasonKPerStart!)), flags };
}
