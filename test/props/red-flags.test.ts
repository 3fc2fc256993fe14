import { describe, expect, it } from 'vitest';
import { isBlocked, missingData, redFlags } from '../../src/props/red-flags.js';
import type { StartFeatures } from '../../src/props/types.js';

/** SYNTHETIC features of an ordinary start, varied one field at a time. */
const ordinary: StartFeatures = {
  start: { playerId: 'synthetic:p1', playerName: 'Synthetic Pitcher', date: '2023-06-10', gameNumber: 1, teamId: 'mlb-nyy', opponentTeamId: 'mlb-bos', isHome: true },
  priorStarts: 12,
  restDays: 5,
  seasonKRate: 0.25,
  kRate3: 0.27,
  kRate5: 0.26,
  kRate10: 0.25,
  expectedBattersFaced: 24,
  recentOutsPerStart: 17,
  recentPitches: 95,
  seasonKPerStart: 6,
  opponentKFactor: 1.02,
  parkKFactor: 0.99,
  leagueKRate: 0.227,
  latestDataDate: '2023-06-09',
};

const codes = (f: Partial<StartFeatures>) => redFlags({ ...ordinary, ...f }).map((x) => `${x.code}:${x.severity}`);

describe('red flags', () => {
  it('an ordinary start has none', () => {
    expect(redFlags(ordinary)).toEqual([]);
  });

  it('each flag, with its severity', () => {
    expect(codes({ priorStarts: 0 })).toEqual(['first_start:block']);
    expect(codes({ restDays: 20 })).toEqual(['injured_list:block']);
    expect(codes({ restDays: 19 })).toEqual([]);
    expect(codes({ recentOutsPerStart: 11.8 })).toEqual(['short_outings:downgrade']);
    expect(codes({ restDays: 3 })).toEqual(['short_rest:downgrade']);
    expect(codes({ latestDataDate: '2023-06-02' })).toEqual(['stale_data:block']);
    expect(codes({ latestDataDate: null })).toEqual(['stale_data:block']);
  });

  it('the injured-list flag says it is derived, since no injured-list data exists', () => {
    expect(redFlags({ ...ordinary, restDays: 30 })[0]!.reason).toMatch(/derived, no injured-list data: 30 days/);
  });

  it('a missing feature blocks instead of being filled with a default', () => {
    const flags = missingData({ ...ordinary, recentPitches: null }, ['recentPitches', 'kRate3']);
    expect(flags).toEqual([{ code: 'missing_data', severity: 'block', reason: expect.stringContaining('recentPitches') }]);
    expect(isBlocked(flags)).toBe(true);
    expect(isBlocked(redFlags({ ...ordinary, restDays: 3 }))).toBe(false);
  });
});
