/**
 * Golden test: the engine with 538's NFL profile reproduces every published `elo_prob1`, `elo1` and
 * `elo2` in fivethirtyeight_nfl_elo_1920_2020.csv (REFERENCE.md "Ratings": the file's own rounding
 * leaves at most 1.66e-6 on the probability, hence the 2e-6 tolerance).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GameRecord } from '../../../src/models/types.js';
import {
  ELO_PROFILES,
  FIVETHIRTYEIGHT_NFL_REVERSIONS,
  fivethirtyeightNflProfile,
  runElo,
  type EloPoint,
  type EloProfile,
} from '../../../src/models/ratings/index.js';
import { hasSharedData, sharedPath } from '../../helpers/shared-data.js';

interface EloRow {
  date: string;
  season: string;
  neutral: string;
  playoff: string;
  team1: string;
  team2: string;
  elo1: string;
  elo2: string;
  elo_prob1: string;
  score1: string;
  score2: string;
  result1: string;
}

function readCsv<T>(file: string): T[] {
  const parsed = Papa.parse<T>(readFileSync(sharedPath('nfl', file), 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]?.message}`);
  return parsed.data;
}

function toGame(row: EloRow, index: number): GameRecord {
  return {
    gameId: index,
    sport: 'nfl',
    league: 'nfl',
    season: Number(row.season),
    seasonType: row.playoff === '0' ? 'regular' : 'postseason',
    date: row.date,
    startAt: null,
    home: row.team1,
    away: row.team2,
    neutral: row.neutral === '1',
    homeScore: row.score1 === '' ? null : Number(row.score1),
    awayScore: row.score2 === '' ? null : Number(row.score2),
  };
}

interface Deviation {
  prob: number;
  elo: number;
  worst: string;
}

function deviation(rows: readonly EloRow[], points: readonly EloPoint[]): Deviation {
  let prob = 0;
  let elo = 0;
  let worst = '';
  rows.forEach((row, i) => {
    const point = points[i]!;
    const dp = Math.abs(point.probabilities.home - Number(row.elo_prob1));
    if (dp > prob) {
      prob = dp;
      worst = `${row.date} ${row.team1}-${row.team2}`;
    }
    elo = Math.max(elo, Math.abs(point.homeElo - Number(row.elo1)), Math.abs(point.awayElo - Number(row.elo2)));
  });
  return { prob, elo, worst };
}

describe.skipIf(!hasSharedData())('FiveThirtyEight NFL Elo 1920–2020 (golden)', () => {
  const rows = readCsv<EloRow>('fivethirtyeight_nfl_elo_1920_2020.csv');
  const initial = readCsv<{ team: string; elo: string }>('fivethirtyeight_nfl_initial_elos.csv').map((r) => ({ team: r.team, elo: Number(r.elo) }));
  const games = rows.map(toGame);
  const profile = fivethirtyeightNflProfile(initial);

  it('reads the whole file', () => {
    expect(rows).toHaveLength(16_810);
    expect(initial).toHaveLength(123);
    expect(games.some((g) => g.homeScore === g.awayScore)).toBe(true);
  });

  it('reproduces every elo_prob1 within 2e-6 and every pre-game elo within 1e-3', () => {
    const coldStart = performance.now();
    const points = runElo(games, profile);
    const coldMs = performance.now() - coldStart;
    const warmStart = performance.now();
    runElo(games, profile);
    const warmMs = performance.now() - warmStart;
    const { prob, elo, worst } = deviation(rows, points);
    console.log(
      `538 NFL golden: max |Δ elo_prob1| = ${prob.toExponential(3)} (${worst}), max |Δ elo| = ${elo.toExponential(3)}; ` +
        `${games.length} games in ${coldMs.toFixed(1)} ms cold, ${warmMs.toFixed(1)} ms warm`,
    );
    expect(prob).toBeLessThan(2e-6);
    // The file's early elo columns are cut (not rounded) to three decimals, so up to 1e-3 apart.
    expect(elo).toBeLessThan(1e-3);
    expect(points.every((p) => p.probabilities.draw === 0 && p.probabilities.away === 1 - p.probabilities.home)).toBe(true);
  });

  it('neutral-site games get no home-field advantage', () => {
    const points = runElo(games, profile);
    let worst = 0;
    rows.forEach((row, i) => {
      const p = points[i]!;
      worst = Math.max(worst, Math.abs(p.eloDiff - (p.homeElo - p.awayElo + (row.neutral === '1' ? 0 : 65))));
    });
    expect(rows.filter((row) => row.neutral === '1').length).toBeGreaterThan(50);
    expect(worst).toBeLessThan(1e-9);
  });

  it('fails without the fixed reversions (error about 0.22), so the golden test can fail', () => {
    const { fixedSeasonStarts: _dropped, ...rest } = profile;
    const points = runElo(games, rest);
    const { prob } = deviation(rows, points);
    console.log(`538 NFL without fixed reversions: max |Δ elo_prob1| = ${prob.toFixed(4)}`);
    expect(prob).toBeGreaterThan(0.2);
    expect(prob).toBeLessThan(0.25);
  });

  it('fails when regressing toward 1500 instead of 1505 (error about 0.007)', () => {
    const points = runElo(games, { ...profile, seasonMean: 1500 });
    const { prob } = deviation(rows, points);
    expect(prob).toBeGreaterThan(0.005);
    expect(prob).toBeLessThan(0.01);
  });
});

describe('538 NFL profile', () => {
  it('is the default NFL profile, with the reversions table from REFERENCE.md', () => {
    const nfl: EloProfile = ELO_PROFILES.nfl;
    expect(nfl).toMatchObject({ k: 20, hfa: 65, mov: 'fivethirtyeight_nfl', seasonCarryOver: 2 / 3, seasonMean: 1505, newTeamRating: 1300 });
    expect(Object.keys(FIVETHIRTYEIGHT_NFL_REVERSIONS)).toHaveLength(11);
    expect(FIVETHIRTYEIGHT_NFL_REVERSIONS.CBD1925).toBe(1502.032);
    expect(FIVETHIRTYEIGHT_NFL_REVERSIONS.CLE1999).toBe(1300.0);
  });

  it('builds from a list or a map, and rejects duplicates and non-numbers', () => {
    const fromList = fivethirtyeightNflProfile([{ team: 'GB', elo: 1600 }]);
    const fromMap = fivethirtyeightNflProfile({ GB: 1600 });
    expect(fromList.initialRatings).toEqual({ GB: 1600 });
    expect(fromMap).toEqual(fromList);
    expect(() => fivethirtyeightNflProfile([{ team: 'GB', elo: 1600 }, { team: 'GB', elo: 1500 }])).toThrow(/twice/);
    expect(() => fivethirtyeightNflProfile({ GB: Number.NaN })).toThrow(/finite/);
  });
});
