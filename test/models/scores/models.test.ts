import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GameRecord } from '../../../src/models/types.js';
import { Rng } from '../../../src/models/simulate/index.js';
import {
  discreteNormalPmf,
  dixonColesScoreGrid,
  fitDixonColes,
  fitNegativeBinomial,
  fitNormalMargin,
  fitPoisson,
  marginPmfFor,
  marketsFromGrid,
  marketsFromNormalMargin,
  predictDixonColes,
  predictNegativeBinomial,
  predictPoisson,
} from '../../../src/models/scores/index.js';
import { hasSharedData, sharedPath } from '../../helpers/shared-data.js';


interface SyntheticLeague {
  teams: string[];
  attack: number[];
  defence: number[];
  intercept: number;
  homeAdvantage: number;
}

function syntheticLeague(teamCount: number, seed: number): SyntheticLeague {
  const rng = new Rng(seed);
  const teams = Array.from({ length: teamCount }, (_, i) => `T${String(i).padStart(2, '0')}`);
  const centre = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return xs.map((x) => x - m);
  };
  return {
    teams,
    attack: centre(teams.map(() => 0.25 * rng.normal())),
    defence: centre(teams.map(() => 0.25 * rng.normal())),
    intercept: 0.1,
    homeAdvantage: 0.25,
  };
}

/** Double round robins; scores drawn by `draw(λh, λa)`. Dates one day apart per round. */
function syntheticGames(league: SyntheticLeague, rounds: number, seed: number, draw: (rng: Rng, lh: number, la: number) => [number, number]): GameRecord[] {
  const rng = new Rng(seed);
  const games: GameRecord[] = [];
  const start = Date.UTC(2020, 0, 1);
  let id = 0;
  for (let r = 0; r < rounds; r++) {
    for (let h = 0; h < league.teams.length; h++) {
      for (let a = 0; a < league.teams.length; a++) {
        if (h === a) continue;
        const lh = Math.exp(league.intercept + league.homeAdvantage + league.attack[h]! - league.defence[a]!);
        const la = Math.exp(league.intercept + league.attack[a]! - league.defence[h]!);
        const [x, y] = draw(rng, lh, la);
        games.push({
          gameId: id++,
          sport: 'soccer',
          league: 'synthetic',
          season: 2020,
          seasonType: 'regular',
          date: new Date(start + r * 86_400_000).toISOString().slice(0, 10),
          startAt: null,
          home: league.teams[h]!,
          away: league.teams[a]!,
          neutral: false,
          homeScore: x,
          awayScore: y,
        });
      }
    }
  }
  return games;
}

const poissonDraw = (rng: Rng, lh: number, la: number): [number, number] => [rng.poisson(lh), rng.poisson(la)];

/** Draws from the Dixon–Coles grid by inversion (flattened). */
function dixonColesDraw(rho: number) {
  return (rng: Rng, lh: number, la: number): [number, number] => {
    const grid = dixonColesScoreGrid(lh, la, rho);
    const u = rng.uniform();
    let c = 0;
    for (let k = 0; k < grid.probabilities.length; k++) {
      c += grid.probabilities[k]!;
      if (u <= c) return [Math.floor(k / grid.size), k % grid.size];
    }
    return [grid.maxScore, grid.maxScore];
  };
}

function correlation(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function loadEnglandSeason(season: string, division = 'Premier'): GameRecord[] {
  const text = readFileSync(sharedPath('soccer', 'england', season, `${division}.csv`), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  return rows
    .filter((r) => r.HomeTeam && r.FTHG !== undefined && r.FTHG !== '')
    .map((r, i) => {
      const [d, m, y] = r.Date!.split('/');
      const year = y!.length === 2 ? `20${y}` : y!;
      return {
        gameId: i,
        sport: 'soccer',
        league: 'epl',
        season: Number(season.slice(0, 4)),
        seasonType: 'regular',
        date: `${year}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`,
        startAt: null,
        home: r.HomeTeam!,
        away: r.AwayTeam!,
        neutral: false,
        homeScore: Number(r.FTHG),
        awayScore: Number(r.FTAG),
      } satisfies GameRecord;
    });
}

/** Reads nflverse games (1999–2020) as GameRecords. */
function loadNflGames(): GameRecord[] {
  const text = readFileSync(sharedPath('nfl', 'nflverse_games_1999_2020.csv'), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  return rows
    .filter((r) => r.home_score !== undefined && r.home_score !== '' && r.away_score !== '')
    .map((r, i) => ({
      gameId: i,
      sport: 'nfl',
      league: 'nfl',
      season: Number(r.season),
      seasonType: r.game_type === 'REG' ? 'regular' : 'postseason',
      date: r.gameday!,
      startAt: null,
      home: r.home_team!,
      away: r.away_team!,
      neutral: r.location === 'Neutral',
      homeScore: Number(r.home_score),
      awayScore: Number(r.away_score),
    }));
}

describe('Poisson team-strength model', () => {
  it('recovers known parameters from synthetic data', () => {
    const league = syntheticLeague(20, 1);
    const games = syntheticGames(league, 6, 2, poissonDraw);
    const model = fitPoisson(games, { ridge: 0.1 });
    expect(model.converged).toBe(true);
    expect(model.homeAdvantage).toBeCloseTo(league.homeAdvantage, 1);
    expect(model.intercept).toBeCloseTo(league.intercept, 1);
    expect(correlation(league.teams.map((t) => model.attack[t]!), league.attack)).toBeGreaterThan(0.85);
    expect(correlation(league.teams.map((t) => model.defence[t]!), league.defence)).toBeGreaterThan(0.85);
  });

  it('down-weights old games with time decay and respects asOf', () => {
    const games = syntheticGames(syntheticLeague(10, 8), 4, 9, poissonDraw);
    const model = fitPoisson(games, { xi: 0.01, asOf: '2020-01-03' });
    expect(model.games).toBe(2 * 90);
    expect(model.asOf).toBe('2020-01-03');
    const grid = predictPoisson(model, 'T00', 'T01');
    expect(grid.tailMass).toBeLessThan(1e-12);
  });
});

describe('negative-binomial model', () => {
  it('recovers the dispersion of over-dispersed synthetic runs', () => {
    const league = { ...syntheticLeague(16, 11), intercept: Math.log(4.5), homeAdvantage: 0.05 };
    const r = 4;
    const games = syntheticGames(league, 10, 12, (rng, lh, la) => [rng.negativeBinomial(lh, r), rng.negativeBinomial(la, r)]);
    const model = fitNegativeBinomial(games, { ridge: 0.1 });
    expect(model.converged).toBe(true);
    expect(model.dispersion).toBeGreaterThan(r * 0.7);
    expect(model.dispersion).toBeLessThan(r * 1.4);
    expect(model.intercept).toBeCloseTo(league.intercept, 1);
    const m = marketsFromGrid(predictNegativeBinomial(model, 'T00', 'T01'), { total: 8.5 });
    expect(m.total!.over + m.total!.under).toBeCloseTo(1, 12);
  });

  it('ends at the Poisson bound on Poisson data (synthetic)', () => {
    const games = syntheticGames(syntheticLeague(12, 13), 6, 14, poissonDraw);
    const model = fitNegativeBinomial(games);
    expect(model.dispersion).toBeGreaterThan(20);
  });
});

describe('Dixon–Coles', () => {
  it('recovers ρ from synthetic Dixon–Coles data', () => {
    const league = syntheticLeague(20, 21);
    const games = syntheticGames(league, 16, 22, dixonColesDraw(-0.12));
    const fit = fitDixonColes(games, { xi: 0, ridge: 0.1 });
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.model.rho).toBeGreaterThan(-0.2);
    expect(fit.model.rho).toBeLessThan(-0.04);
    expect(fit.model.homeAdvantage).toBeCloseTo(league.homeAdvantage, 1);
  });

  it('never crashes or returns NaN on small synthetic samples, and ρ stays in bounds', () => {
    for (let seed = 0; seed < 20; seed++) {
      const games = syntheticGames(syntheticLeague(10, 100 + seed), 1, 200 + seed, dixonColesDraw(-0.1)).slice(0, 30);
      const fit = fitDixonColes(games);
      const model = fit.ok ? fit.model : fit.fallback;
      expect(model).not.toBeNull();
      expect(Number.isFinite(model!.rho)).toBe(true);
      expect(Math.abs(model!.rho)).toBeLessThanOrEqual(0.35);
      for (const team of model!.teams) expect(Number.isFinite(model!.attack[team]!) && Number.isFinite(model!.defence[team]!)).toBe(true);
      const grid = predictDixonColes(model!, games[0]!.home, games[0]!.away);
      for (const p of grid.probabilities) expect(p >= 0 && Number.isFinite(p)).toBe(true);
    }
  });

  it('returns a typed failure for no games, and the Poisson fallback when it cannot converge', () => {
    const none = fitDixonColes([]);
    expect(none).toMatchObject({ ok: false, reason: 'no_games', fallback: null });
    const games = syntheticGames(syntheticLeague(10, 31), 2, 32, dixonColesDraw(-0.1));
    const capped = fitDixonColes(games, { maxOuterIterations: 1, maxIterations: 1 });
    expect(capped.ok).toBe(false);
    if (!capped.ok) {
      expect(capped.reason).toBe('not_converged');
      expect(capped.fallback!.rho).toBe(0);
    }
  });

  it('grid cells are τ-adjusted Poisson and still sum to 1', () => {
    const grid = dixonColesScoreGrid(1.4, 1.1, -0.1);
    let sum = 0;
    for (const p of grid.probabilities) sum += p;
    expect(sum).toBeCloseTo(1, 13);
    expect(grid.probabilities[0]).toBeCloseTo(Math.exp(-2.5) * (1 + 1.4 * 1.1 * 0.1), 12);
  });
});

describe.skipIf(!hasSharedData())('real EPL season (shared data)', () => {
  const games = loadEnglandSeason('2018-2019');

  it('Poisson and Dixon–Coles give a positive home advantage; DC log likelihood ≥ Poisson', () => {
    expect(games).toHaveLength(380);
    const poisson = fitPoisson(games, { xi: 0.0018 });
    const fit = fitDixonColes(games, { xi: 0.0018 });
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(poisson.homeAdvantage).toBeGreaterThan(0.05);
    expect(fit.model.homeAdvantage).toBeGreaterThan(0.05);
    expect(fit.model.penalisedLogLikelihood).toBeGreaterThanOrEqual(poisson.penalisedLogLikelihood - 1e-9);
    expect(fit.model.logLikelihood).toBeGreaterThanOrEqual(poisson.logLikelihood - 1e-6);
    expect(Math.abs(fit.model.rho)).toBeLessThan(0.3);
    const m = marketsFromGrid(predictDixonColes(fit.model, 'Liverpool', 'Fulham'), { spread: -1.5, total: 2.5 });
    expect(m.moneyline.home).toBeGreaterThan(0.6);
  });

});

describe('normal-margin model', () => {
  it('recovers ratings, home advantage and σ from synthetic margins', () => {
    const rng = new Rng(41);
    const teams = Array.from({ length: 16 }, (_, i) => `N${i}`);
    const ratings = teams.map(() => 5 * rng.normal());
    const games: GameRecord[] = [];
    for (let r = 0; r < 8; r++) {
      for (let h = 0; h < 16; h++) {
        for (let a = 0; a < 16; a++) {
          if (h === a) continue;
          const margin = Math.round(2.5 + ratings[h]! - ratings[a]! + 13 * rng.normal());
          const total = Math.round(44 + 10 * rng.normal());
          games.push({ gameId: games.length, sport: 'nfl', league: 'nfl', season: 2020, seasonType: 'regular', date: '2020-10-01', startAt: null, home: teams[h]!, away: teams[a]!, neutral: false, homeScore: Math.max(0, Math.round((total + margin) / 2)), awayScore: Math.max(0, Math.round((total - margin) / 2)) });
        }
      }
    }
    const model = fitNormalMargin(games, { empirical: false });
    expect(model.homeAdvantage).toBeGreaterThan(1.5);
    expect(model.homeAdvantage).toBeLessThan(3.5);
    expect(model.sigma).toBeGreaterThan(12);
    expect(model.sigma).toBeLessThan(14);
    expect(correlation(teams.map((t) => model.ratings[t]!), ratings)).toBeGreaterThan(0.9);
  });
});

describe.skipIf(!hasSharedData())('real NFL games 1999–2020 (shared data)', () => {
  const games = loadNflGames();

  it('σ of the margin is 12–15 (seasons on average, and pooled); the empirical variant puts more mass on 3', () => {
    const seasons = [...new Set(games.map((g) => g.season))];
    const sigmas = seasons.map((season) => fitNormalMargin(games.filter((g) => g.season === season), { empirical: false }).sigma);
    // Single seasons range 11.7–14.5 (2016 is the low one); their average and the pooled fit sit in 12–15.
    const meanSigma = sigmas.reduce((a, b) => a + b, 0) / sigmas.length;
    expect(meanSigma).toBeGreaterThan(12);
    expect(meanSigma).toBeLessThan(15);
    const model = fitNormalMargin(games, { xi: 0.0005 });
    expect(model.homeAdvantage).toBeGreaterThan(1);
    expect(model.sigma).toBeGreaterThan(12);
    expect(model.sigma).toBeLessThan(15);
    const normal = marginPmfFor(model, 'KC', 'DEN');
    const empirical = marginPmfFor(model, 'KC', 'DEN', { variant: 'empirical' });
    const at = (pmf: { min: number; probabilities: Float64Array }, m: number) => pmf.probabilities[m - pmf.min]!;
    expect(at(empirical, 3)).toBeGreaterThan(at(normal, 3) * 1.5);
    expect(at(empirical, 7)).toBeGreaterThan(at(normal, 7));
    const m = marketsFromNormalMargin(model, 'KC', 'DEN', { spread: -3, total: 47.5, variant: 'empirical', tieResolution: 'split' });
    expect(m.spread!.push).toBeGreaterThan(0.05);
    expect(m.moneyline.draw).toBe(0);
    expect(discreteNormalPmf(0, 13).probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
