/**
 * The leakage check of a sport's whole walk-forward: every system's prediction of every game, with
 * every game on or after `cutoff` altered (see `checkLeakage`).
 */
import { checkLeakage, type LeakageReport } from '../../src/evaluation/leakage-guard.js';
import type { Sport } from '../../src/domain/sports.js';
import { walkForward, type WalkForwardOptions } from '../../src/models/systems/walk-forward.js';
import type { GameRecord } from '../../src/models/types.js';

export function walkForwardLeakage(sport: Sport, games: readonly GameRecord[], cutoff: string, options: WalkForwardOptions = {}): LeakageReport {
  return checkLeakage((g) => {
    const wf = walkForward(sport, g, options);
    return g.map((_, i) => Object.fromEntries(Object.entries(wf.predictions).map(([s, p]) => [s, p[i]])));
  }, games, cutoff);
}
