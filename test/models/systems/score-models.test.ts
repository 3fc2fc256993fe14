/**
 * The score model waits for enough games per team before it is fitted (a fresh store's first weeks
 * answer with Elo instead of a model resting on a handful of games per team).
 */
import { describe, expect, it } from 'vitest';
import type { Sport } from '../../../src/domain/sports.js';
import { fitNormalMargin } from '../../../src/models/scores/index.js';
import { fitScoreModel, NORMAL_MARGIN_SETTINGS, SCORE_MODEL_SETTINGS } from '../../../src/models/systems/score-models.js';
import type { GameRecord } from '../../../src/models/types.js';

const TEAMS = ['a', 'b', 'c', 'd'];

/** `n` final games between four teams, one a day, scores varying a little. */
function games(sport: Sport, n: number): GameRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const home = TEAMS[i % 4]!;
    const away = TEAMS[(i + 1 + ((i >> 2) % 3)) % 4]!; // offset 1–3: never the home team
    const date = new Date(Date.UTC(2015, 3, 1 + i)).toISOString().slice(0, 10);
    return { gameId: i + 1, sport, league: sport, season: 2015, seasonType: 'regular' as const, date, startAt: null, home, away, neutral: false, homeScore: 3 + (i % 5), awayScore: 2 + ((i * 3) % 4) };
  });
}

describe('fitScoreModel warm-up', () => {
  it.each(['mlb', 'nba'] as const)('%s: no model until the window averages minGamesPerTeam games per team (and 30 games)', (sport) => {
    const needed = Math.max(30, (SCORE_MODEL_SETTINGS[sport].minGamesPerTeam * TEAMS.length) / 2);
    expect(fitScoreModel(sport, games(sport, needed - 1), '2016-01-01')).toBeNull();
    expect(fitScoreModel(sport, games(sport, needed), '2016-01-01')).not.toBeNull();
  });

  it('games on or after the as-of date do not count', () => {
    const g = games('mlb', 60);
    expect(fitScoreModel('mlb', g, g[39]!.date)).toBeNull(); // 39 games before it: 78 team-games < 80
    expect(fitScoreModel('mlb', g, g[40]!.date)).not.toBeNull();
  });
});

describe('NBA normal-margin ratings on the early periods', () => {
  /** Two teams; a wins its early periods by 12 and every game by 2 (a fourth-quarter comeback pattern). */
  function pair(n: number, early: boolean): GameRecord[] {
    return Array.from({ length: n }, (_, i) => {
      const home = i % 2 ? 'a' : 'b';
      const away = i % 2 ? 'b' : 'a';
      const aHome = home === 'a';
      const date = new Date(Date.UTC(2015, 10, 1 + i)).toISOString().slice(0, 10);
      return {
        gameId: i + 1, sport: 'nba' as const, league: 'NBA', season: 2015, seasonType: 'regular' as const, date, startAt: null, home, away, neutral: true,
        homeScore: aHome ? 101 : 99, awayScore: aHome ? 99 : 101,
        ...(early ? { homeEarly: aHome ? 80 : 68, awayEarly: aHome ? 68 : 80 } : {}),
      };
    });
  }

  it('rates on (1 − w)·final + w·early/share where early scores exist, with σ from the final margins', () => {
    const withEarly = fitNormalMargin(pair(40, true), { ridge: 1e-6, early: { weight: 0.5, share: 3 / 4 }, empirical: false });
    const finalOnly = fitNormalMargin(pair(40, false), { ridge: 1e-6, early: { weight: 0.5, share: 3 / 4 }, empirical: false });
    // a − b: final margin 2, early margin 12 → 16 over a game; half and half: 9.
    expect(withEarly.ratings.a! - withEarly.ratings.b!).toBeCloseTo(9, 4);
    expect(finalOnly.ratings.a! - finalOnly.ratings.b!).toBeCloseTo(2, 4);
    // Every final margin is 2 and the fit says 9: σ measures that miss, not the early-period fit's.
    expect(withEarly.sigma).toBeGreaterThan(6.9);
  });

  it('the NBA settings use it (and the NFL does not)', () => {
    expect(NORMAL_MARGIN_SETTINGS.nba.early).toEqual({ weight: 0.3, share: 3 / 4 });
    expect(NORMAL_MARGIN_SETTINGS.nfl.early).toBeUndefined();
    expect(() => fitNormalMargin(pair(40, true), { early: { weight: 2, share: 0.75 } })).toThrow(/early weight/);
  });
});
