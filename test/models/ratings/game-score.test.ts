import { describe, expect, it } from 'vitest';
import { ELO_PROFILES, GameScoreTracker, pitcherAdjustments, runElo, tangoGameScore, type GameStarters } from '../../../src/models/ratings/index.js';
import type { GameRecord } from '../../../src/models/types.js';

describe('tangoGameScore', () => {
  it('worked value: 6 IP, 7 K, 2 BB, 5 H, 2 R, 1 HR → 57.4', () => {
    // 47.4 + 7 + 1.5·18 − 2·2 − 2·5 − 3·2 − 4·1
    expect(tangoGameScore({ strikeouts: 7, outs: 18, walks: 2, hits: 5, runs: 2, homeRuns: 1 })).toBeCloseTo(57.4, 12);
  });

  it('a complete-game shutout with 10 K and 2 hits', () => {
    expect(tangoGameScore({ strikeouts: 10, outs: 27, walks: 0, hits: 2, runs: 0, homeRuns: 0 })).toBeCloseTo(47.4 + 10 + 40.5 - 4, 12);
  });

  it('rejects negative counts', () => {
    expect(() => tangoGameScore({ strikeouts: -1, outs: 18, walks: 0, hits: 0, runs: 0, homeRuns: 0 })).toThrow(/strikeouts/);
  });
});

describe('GameScoreTracker', () => {
  it('debut → adjustment 0; afterwards 4.7 × (pitcher rolling − team rolling) from earlier starts only', () => {
    const tracker = new GameScoreTracker();
    expect(tracker.adjustment('NYY', 'ace')).toBe(0);
    expect(tracker.teamRolling('NYY')).toBe(50);
    tracker.record('NYY', 'ace', 70);
    // Pitcher starts at the team's 50, then moves 10% toward 70; the team moves 5%.
    expect(tracker.pitcherRolling('ace')).toBeCloseTo(52, 12);
    expect(tracker.teamRolling('NYY')).toBeCloseTo(51, 12);
    expect(tracker.adjustment('NYY', 'ace')).toBeCloseTo(4.7 * (52 - 51), 12);
    expect(tracker.adjustment('NYY', 'rookie')).toBe(0);
  });

  it('an ace keeps a positive adjustment over a run of strong starts', () => {
    const tracker = new GameScoreTracker();
    for (let i = 0; i < 30; i += 1) {
      tracker.record('BOS', 'ace', 65);
      tracker.record('BOS', 'fifth', 40);
    }
    expect(tracker.adjustment('BOS', 'ace')).toBeGreaterThan(20);
    expect(tracker.adjustment('BOS', 'fifth')).toBeLessThan(-20);
  });

  it('rejects bad options', () => {
    expect(() => new GameScoreTracker({ pitcherAlpha: 0 })).toThrow(/pitcherAlpha/);
  });
});

describe('pitcherAdjustments', () => {
  const starts: GameStarters[] = [
    { gameId: 1, home: { team: 'H', pitcher: 'h1', gameScore: 80 }, away: { team: 'A', pitcher: 'a1', gameScore: 30 } },
    { gameId: 2, home: { team: 'H', pitcher: 'h1', gameScore: null }, away: { team: 'A', pitcher: 'a1', gameScore: null } },
  ];

  it('uses only earlier starts and feeds the Elo engine as an adjustment', () => {
    const adjustments = pitcherAdjustments(starts, { weight: ELO_PROFILES.mlb.pitcherAdjustmentWeight! });
    expect(adjustments.get(1)).toBe(0);
    // h1: 50 + 0.1·30 = 53 v team 51.5; a1: 50 − 2 = 48 v team 49.
    expect(adjustments.get(2)).toBeCloseTo(4.7 * (53 - 51.5) - 4.7 * (48 - 49), 12);
    const changedLater = pitcherAdjustments([starts[0]!, { ...starts[1]!, home: { team: 'H', pitcher: 'h1', gameScore: 10 } }]);
    expect(changedLater.get(2)).toBe(adjustments.get(2));

    const games: GameRecord[] = [1, 2].map((gameId) => ({
      gameId,
      sport: 'mlb',
      league: 'mlb',
      season: 2022,
      seasonType: 'regular',
      date: '2022-04-0' + gameId,
      startAt: null,
      home: 'H',
      away: 'A',
      neutral: false,
      homeScore: gameId === 1 ? 5 : null,
      awayScore: gameId === 1 ? 2 : null,
    }));
    const points = runElo(games, ELO_PROFILES.mlb, { adjustment: (g) => adjustments.get(g.gameId) ?? 0 });
    expect(points[1]!.eloDiff).toBeCloseTo(points[1]!.homeElo - points[1]!.awayElo + 24 + adjustments.get(2)!, 10);
  });
});
