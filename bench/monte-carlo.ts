/**
 * Benchmark: 100,000 Monte Carlo simulations of one game per spec kind, and model fit times.
 * Writes bench/results/monte-carlo.json and prints it (one JSON line).
 *
 *   node --import tsx bench/monte-carlo.ts
 *   node --import tsx bench/monte-carlo.ts --runs 50
 *
 * Each measurement gets warm-up calls first, then the median of `--runs` (default 20) timed calls.
 * Fit inputs are synthetic seeded leagues (a 380-game 20-team season; 1,000 games of 40 teams) so the
 * benchmark needs no shared data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GameRecord } from '../src/models/types.js';
import { fitDixonColes, fitNegativeBinomial, fitNormalMargin, fitPoisson } from '../src/models/scores/index.js';
import { Rng, simulateGame, type GameSpec } from '../src/models/simulate/index.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const RUNS = Number(arg('--runs') ?? 20);
const SIMULATIONS = 100_000;
const WARMUP = 5;
const OUT = join(import.meta.dirname, 'results', 'monte-carlo.json');

const SPECS: GameSpec[] = [
  { kind: 'poisson', lambdaHome: 1.6, lambdaAway: 1.1 },
  { kind: 'dixon-coles', lambdaHome: 1.4, lambdaAway: 1.2, rho: -0.13 },
  { kind: 'negative-binomial', meanHome: 4.6, meanAway: 4.3, dispersion: 6 },
  { kind: 'normal-margin', marginMean: 2.7, marginSd: 13.4, totalMean: 45.5, totalSd: 13.5 },
];

function medianMs(fn: () => unknown): { median_ms: number; min_ms: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median_ms: Number(times[Math.floor(times.length / 2)]!.toFixed(3)), min_ms: Number(times[0]!.toFixed(3)) };
}

/** A seeded synthetic league: double round robins of Poisson (or scaled, for NFL-like) scores. */
function league(teamCount: number, rounds: number, seed: number, scale = 1): GameRecord[] {
  const rng = new Rng(seed);
  const attack = Array.from({ length: teamCount }, () => 0.25 * rng.normal());
  const defence = Array.from({ length: teamCount }, () => 0.25 * rng.normal());
  const games: GameRecord[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let h = 0; h < teamCount; h++) {
      for (let a = 0; a < teamCount; a++) {
        if (h === a) continue;
        const lh = scale * Math.exp(0.35 + attack[h]! - defence[a]!);
        const la = scale * Math.exp(0.1 + attack[a]! - defence[h]!);
        games.push({
          gameId: games.length,
          sport: 'soccer',
          league: 'bench',
          season: 2020,
          seasonType: 'regular',
          date: new Date(Date.UTC(2020, 0, 1 + r)).toISOString().slice(0, 10),
          startAt: null,
          home: `T${h}`,
          away: `T${a}`,
          neutral: false,
          homeScore: rng.poisson(lh),
          awayScore: rng.poisson(la),
        });
      }
    }
  }
  return games;
}

function main(): void {
  let checksum = 0; // consumed below so the calls cannot be optimised away
  const simulations: Record<string, { median_ms: number; min_ms: number; simulations_per_second: number }> = {};
  for (const spec of SPECS) {
    let seed = 0;
    const lines = spec.kind === 'normal-margin' ? { spread: -3, total: 45 } : { spread: -1.5, total: 2.5 };
    const timing = medianMs(() => (checksum += simulateGame(spec, { n: SIMULATIONS, seed: seed++, ...lines }).moneyline.home));
    simulations[spec.kind] = { ...timing, simulations_per_second: Math.round(SIMULATIONS / (timing.median_ms / 1000)) };
  }
  const season = league(20, 1, 1);
  const thousand = league(40, 1, 2).slice(0, 1000);
  const nfl = league(32, 1, 3, 12).slice(0, 272);
  const fits = {
    poisson_380_games: medianMs(() => (checksum += fitPoisson(season).homeAdvantage)),
    poisson_1000_games_40_teams: medianMs(() => (checksum += fitPoisson(thousand).homeAdvantage)),
    negative_binomial_380_games: medianMs(() => (checksum += fitNegativeBinomial(season).dispersion)),
    dixon_coles_380_games: medianMs(() => {
      const fit = fitDixonColes(season);
      checksum += fit.ok ? fit.model.rho : 0;
    }),
    normal_margin_272_games_with_empirical: medianMs(() => (checksum += fitNormalMargin(nfl).sigma)),
  };
  if (!Number.isFinite(checksum)) process.exitCode = 1;
  const result = { bench: 'monte-carlo', node: process.version, date: new Date().toISOString(), simulations_per_game: SIMULATIONS, runs: RUNS, simulations, fits };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
