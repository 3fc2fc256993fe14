import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GameRecord } from '../../../src/models/types.js';
import { ELO_PROFILES, fivethirtyeightNflProfile, tuneElo } from '../../../src/models/ratings/index.js';
import { hasSharedData, sharedPath } from '../../helpers/shared-data.js';

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(sharedPath('nfl', file), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

function match(gameId: number, season: number, home: string, away: string, homeScore: number, awayScore: number): GameRecord {
  return { gameId, sport: 'soccer', league: 'test', season, seasonType: 'regular', date: `${season}-01-01`, startAt: null, home, away, neutral: false, homeScore, awayScore };
}

describe('tuneElo', () => {
  it('expands the grid, scores three-way games with multiclass metrics and keeps grid order', () => {
    const games: GameRecord[] = [];
    let id = 0;
    for (let season = 2000; season < 2004; season += 1) {
      for (let round = 0; round < 10; round += 1) {
        games.push(match(id++, season, 'S', 'W', 2, 0));
        games.push(match(id++, season, 'M', 'S', 1, 1));
        games.push(match(id++, season, 'W', 'M', 0, 1));
      }
    }
    const result = tuneElo(games, ELO_PROFILES.soccer, { k: [5, 30], drawParameter: [0.3, 0.9] }, { firstScoredSeason: 2002 });
    expect(result.candidates).toHaveLength(4);
    expect(result.candidates.map((c) => c.overrides)).toEqual([
      { k: 5, drawParameter: 0.3 },
      { k: 5, drawParameter: 0.9 },
      { k: 30, drawParameter: 0.3 },
      { k: 30, drawParameter: 0.9 },
    ]);
    expect(result.candidates.every((c) => c.n === 60)).toBe(true);
    expect(result.candidates.every((c) => c.brier > 0 && c.brier < 2)).toBe(true);
    expect(result.best.logLoss).toBe(Math.min(...result.candidates.map((c) => c.logLoss)));
    expect(result.best.profile.id).toContain('soccer-default+k=');
  });

  it('refuses an empty evaluation window', () => {
    expect(() => tuneElo([match(1, 2000, 'A', 'B', 1, 0)], ELO_PROFILES.soccer, {}, { firstScoredSeason: 2001 })).toThrow(/no final game/);
  });
});

describe.skipIf(!hasSharedData())('tuneElo on FiveThirtyEight NFL 1920–2020', () => {
  const rows = readCsv('fivethirtyeight_nfl_elo_1920_2020.csv');
  const profile = fivethirtyeightNflProfile(readCsv('fivethirtyeight_nfl_initial_elos.csv').map((r) => ({ team: r.team!, elo: Number(r.elo) })));
  const games: GameRecord[] = rows.map((r, i) => ({
    gameId: i,
    sport: 'nfl',
    league: 'nfl',
    season: Number(r.season),
    seasonType: r.playoff === '0' ? 'regular' : 'postseason',
    date: r.date!,
    startAt: null,
    home: r.team1!,
    away: r.team2!,
    neutral: r.neutral === '1',
    homeScore: Number(r.score1),
    awayScore: Number(r.score2),
  }));

  it('prefers 538’s K 20 to K 60 on 1970–2020 (ties excluded)', () => {
    const result = tuneElo(games, profile, { k: [60, 20] }, { firstScoredSeason: 1970 });
    const [k60, k20] = result.candidates;
    console.log(`NFL 1970–2020: K 20 log loss ${k20!.logLoss.toFixed(4)} Brier ${k20!.brier.toFixed(4)}; K 60 log loss ${k60!.logLoss.toFixed(4)} Brier ${k60!.brier.toFixed(4)} (n ${k20!.n})`);
    expect(result.best.overrides).toEqual({ k: 20 });
    expect(k20!.logLoss).toBeLessThan(k60!.logLoss);
    expect(k20!.brier).toBeLessThan(k60!.brier);
    expect(k20!.logLoss).toBeLessThan(0.66);
    const ties = games.filter((g) => g.season >= 1970 && g.homeScore === g.awayScore).length;
    expect(k20!.n).toBe(games.filter((g) => g.season >= 1970).length - ties);
  });
});
