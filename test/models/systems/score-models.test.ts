/**
 * The score model waits for enough games per team before it is fitted (a fresh store's first weeks
 * answer with Elo instead of a model resting on a handful of games per team).
 */
import { describe, expect, it } from 'vitest';
import type { Sport } from '../../../src/domain/sports.js';
import { fitScoreModel, SCORE_MODEL_SETTINGS } from '../../../src/models/systems/score-models.js';
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
