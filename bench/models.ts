/**
 * Benchmark: the prediction systems on the full shared-data archives. Imports what it needs into a
 * temporary embedded store (or uses SHARPLINE_HOME with --reuse), then measures:
 *   - training every system on NFL 1999–2020 (a store holding only nflverse games),
 *   - predicting one game with every system once the trained parameters are loaded,
 *   - the walk-forward evaluation tables of the README (NFL 2006–2020, MLB 2014–2017, NBA
 *     2007–2017 = the file's seasons 2008–2018, EPL 2010–2019), beside the closing market,
 * and writes bench/results/models.json.
 *
 *   node --max-semi-space-size=64 --import tsx bench/models.ts [--skip-soccer]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest, type BacktestOptions } from '../src/evaluation/backtest.js';
import { predictWith } from '../src/models/predict.js';
import { latestTrainedSystems } from '../src/models/registry.js';
import { trainSystems } from '../src/models/train.js';
import type { GameRecord } from '../src/models/types.js';
import { importFiles } from '../src/pipeline/import-files.js';
import { openStore } from '../src/store/open-store.js';
import { DATA, files } from './plan.js';

const skipSoccer = process.argv.includes('--skip-soccer');
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const homes: string[] = [];
const tempStore = () => {
  const home = mkdtempSync(join(tmpdir(), 'sharpline-bench-models-'));
  homes.push(home);
  return openStore({ SHARPLINE_HOME: home });
};

try {
  // 1. Train every system on NFL 1999–2020 (nflverse only).
  const nfl = await tempStore();
  await importFiles(nfl, { format: 'nflverse-games', paths: [join(DATA, 'nfl/nflverse_games_1999_2020.csv')] });
  await trainSystems(nfl, { sport: 'nfl', force: true, dryRun: true }); // warm-up (JIT)
  const t0 = performance.now();
  const trained = await trainSystems(nfl, { sport: 'nfl', force: true });
  const trainSeconds = (performance.now() - t0) / 1000;

  // 2. Predict one game with every system once loaded.
  const systems = await latestTrainedSystems(nfl, 'nfl');
  const game: GameRecord = { gameId: 0, sport: 'nfl', league: 'nfl', season: 2021, seasonType: 'regular', date: '2021-09-12', startAt: null, home: 'nfl-kc', away: 'nfl-buf', neutral: false, homeScore: null, awayScore: null };
  for (let i = 0; i < 50; i++) for (const s of systems) predictWith(s, game, { spread: -3, total: 54.5 });
  const reps = 200;
  const t1 = performance.now();
  for (let i = 0; i < reps; i++) for (const s of systems) predictWith(s, game, { spread: -3, total: 54.5 });
  const predictMs = (performance.now() - t1) / reps;
  await nfl.close();

  // 3. Walk-forward tables on every archive with closing odds.
  const db = await tempStore();
  const imports: [string, string[], string?][] = [
    ['nflverse-games', [join(DATA, 'nfl/nflverse_games_1999_2020.csv')]],
    ['fivethirtyeight-elo', [join(DATA, 'nfl/fivethirtyeight_nfl_elo_1920_2020.csv')]],
    ['sbr-mlb', files(join(DATA, 'mlb'), /^mlb_odds_sbr_\d{4}\.csv$/)],
    ['nba-odds', [join(DATA, 'nba/nba_odds_2008_2018.csv')]],
  ];
  if (!skipSoccer) imports.push(['football-data', files(join(DATA, 'soccer/england'), /^Premier\.csv$/)]);
  for (const [format, paths] of imports) await importFiles(db, { format, paths });
  // Moneylines bet at each archive's closing prices when the edge over the vig-free close exceeds
  // 2 points, quarter Kelly capped at 2% of the bankroll; soccer at Pinnacle's closing odds; MLB
  // also at the opening prices (where closing-line value means something).
  const bets = { markets: ['moneyline'], staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 }, minEdge: 0.02, devig: 'multiplicative', price: 'close' } as const;
  const runs: [string, BacktestOptions][] = [
    ['nfl_2006_2020', { sport: 'nfl', from: 2006, to: 2020, ...bets }],
    ['mlb_2014_2017', { sport: 'mlb', from: 2014, to: 2017, ...bets }],
    ['nba_2007_2017', { sport: 'nba', from: 2007, to: 2017, ...bets }],
    ['mlb_2014_2017_open', { sport: 'mlb', from: 2014, to: 2017, ...bets, price: 'open' }],
  ];
  if (!skipSoccer) runs.push(['epl_2010_2019', { sport: 'soccer', league: 'E0', from: 2010, to: 2019, ...bets, book: 'pinnacle' }]);
  const evaluations: Record<string, unknown> = {};
  for (const [name, options] of runs) {
    const t = performance.now();
    const { result } = await runBacktest(db, options);
    const e = result.forecast;
    const moneyline = result.rows.filter((r) => r.market === 'moneyline');
    evaluations[name] = {
      seconds: round((performance.now() - t) / 1000, 2),
      book: result.book,
      bets: Object.fromEntries(moneyline.filter((r) => r.bets > 0).map((r) => [r.system, { bets: r.bets, roi: r.roi, clv: r.clv, beat_close: r.beat_close, max_drawdown: r.max_drawdown, sharpe: r.sharpe }])),
      final_bankroll: Object.fromEntries(Object.entries(result.bankroll).map(([s, b]) => [s, Math.round(b.final_bankroll * 100) / 100])),
      walk_forward_seconds: e.seconds.walk_forward,
      games: e.games_scored,
      elo_profile: e.elo_profile,
      warm_up: e.warm_up,
      brier: Object.fromEntries(e.scores.map((s) => [s.system, s.brier])),
      log_loss: Object.fromEntries(e.scores.map((s) => [s.system, s.log_loss])),
      ece: Object.fromEntries(e.scores.map((s) => [s.system, s.ece])),
      notes: result.notes,
    };
    console.error(`${name}: ${JSON.stringify((evaluations[name] as { brier: unknown }).brier)}`);
  }
  await db.close();

  const result = {
    bench: 'models',
    node: process.version,
    date: new Date().toISOString(),
    train_nfl_1999_2020: { seconds: round(trainSeconds, 2), games: trained.games.scored, systems: trained.systems.map((s) => s.system) },
    predict_one_game_every_system_ms: round(predictMs, 3),
    walk_forward: evaluations,
  };
  writeFileSync(join(import.meta.dirname, 'results/models.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result));
} finally {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
}
