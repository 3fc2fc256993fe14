/**
 * Training, the registry, prediction and the prediction log end to end on the bundled real sample
 * (NFL 2019–2020, EPL 2019–20, MLB opening days 2023), on each engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { mlHealth } from '../../src/models/health.js';
import { predictMatchup } from '../../src/models/predict.js';
import { latestTrainedSystems } from '../../src/models/registry.js';
import { trainSystems } from '../../src/models/train.js';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { expectSharplineRejection } from '../helpers/errors.js';
import { loadSample } from '../helpers/sample.js';

const count = async (store: TestStore, sql: string) => Number((await store.db.query<{ n: number }>(sql))[0]!.n);

describe.each(ENGINES)('train, registry, predict on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('refuses to train without real scored games, naming the sport', async () => {
    await expectSharplineRejection(() => trainSystems(store.db, { sport: 'nfl' }), 'SL_NO_TRAINING_DATA', 'no real scored nfl games');
    expect(await count(store, 'SELECT COUNT(*) AS n FROM analytics.model_registry')).toBe(0);
  });

  it('trains every NFL system on the sample and versions it in the registry', async () => {
    await loadSample(store);
    const report = await trainSystems(store.db, { sport: 'nfl' });
    expect(report.games.scored).toBe(536);
    expect(report.systems.map((s) => s.system)).toEqual(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ensemble_v1']);
    const trained = await latestTrainedSystems(store.db, 'nfl');
    expect(trained).toHaveLength(5);
    for (const t of trained) {
      expect(t.games).toBe(536);
      expect(t.trainedUntil).toBe('2021-02-07');
      expect(t.dataHash).toMatch(/^[0-9a-f]{16}$/);
    }
    const ensemble = trained.find((t) => t.system === 'ensemble_v1')!.params as { weights: number[] | null; members: string[] };
    expect(ensemble.members).toEqual(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1']);
    if (ensemble.weights) expect(ensemble.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('train --until sees nothing after the date', async () => {
    const report = await trainSystems(store.db, { sport: 'nfl', until: '2019-12-31', dryRun: true });
    expect(report.until).toBe('2019-12-31');
    expect(report.games.scored).toBeLessThan(536);
    expect(report.games.seasons).toBe('2019–2019');
    expect(report.run_id).toBeNull();
  });

  it('predicts a matchup with every system, logs each one, and hashes equal inputs equally', async () => {
    const ask = { sport: 'nfl' as const, home: 'KC', away: 'BUF', date: '2021-09-12', spread: -3, total: 54.5, prices: { home: 1.6, away: 2.45 } };
    const first = await predictMatchup(store.db, ask);
    expect(first.game).toMatchObject({ home: 'nfl-kc', away: 'nfl-buf', game_id: null });
    expect(first.systems.map((s) => s.system)).toEqual(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ensemble_v1']);
    for (const s of first.systems) {
      const m = s.probabilities.moneyline;
      expect(m.home + m.draw + m.away).toBeCloseTo(1, 12);
      expect(m.home).toBeGreaterThan(0.3);
      expect(m.home).toBeLessThan(0.9);
    }
    const score = first.systems.find((s) => s.system === 'score_v1')!.probabilities;
    expect(score.spread!.homeCover + score.spread!.push + score.spread!.awayCover).toBeCloseTo(1, 12);
    expect(score.total!.push).toBe(0); // a half-point total never pushes
    const home = first.decisions.find((d) => d.side === 'home')!;
    expect(home.market_probability! + first.decisions.find((d) => d.side === 'away')!.market_probability!).toBeCloseTo(1, 12);
    expect(home.probability).toBe(first.consensus!.moneyline.home);

    // moneyline rows for all 5, spread and total rows for the score model and the ensemble
    const rows = await store.db.query<{ system: string; market: string; inputs_hash: string; run_id: number }>(
      `SELECT system, market, inputs_hash, run_id FROM analytics.predictions WHERE run_id = $1 ORDER BY system, market`,
      [first.run_id!],
    );
    expect(rows.map((r) => `${r.system}:${r.market}`)).toEqual([
      'elo_v1:moneyline',
      'ensemble_v1:moneyline',
      'ensemble_v1:spread',
      'ensemble_v1:total',
      'ml_gbm_v1:moneyline',
      'ml_v1:moneyline',
      'score_v1:moneyline',
      'score_v1:spread',
      'score_v1:total',
    ]);
    const second = await predictMatchup(store.db, ask);
    const again = await store.db.query<{ system: string; inputs_hash: string }>(`SELECT DISTINCT system, inputs_hash FROM analytics.predictions WHERE run_id = $1`, [second.run_id!]);
    const hashes = (list: { system: string; inputs_hash: string }[]) => Object.fromEntries(list.map((r) => [r.system, r.inputs_hash]));
    expect(hashes(again)).toEqual(hashes(rows));
    expect(second.systems).toEqual(first.systems);
  });

  it('unknown teams and untrained sports are clear errors', async () => {
    await expectSharplineRejection(() => predictMatchup(store.db, { sport: 'nfl', home: 'Springfield Atoms', away: 'BUF' }), 'SL_USAGE', '--home "Springfield Atoms"');
    await expectSharplineRejection(() => predictMatchup(store.db, { sport: 'nba', home: 'nba-bos', away: 'nba-lal' }), 'SL_MODEL_NOT_TRAINED', 'sharpline train --sport nba');
  });

  it('refuses to train when the training gate fails; --force trains and records it; rollback removes the training', async () => {
    await store.db.execute(`UPDATE curated.games SET home_score = NULL WHERE game_id = (SELECT MIN(game_id) FROM curated.games WHERE sport = 'nfl')`);
    await expectSharplineRejection(() => trainSystems(store.db, { sport: 'nfl' }), 'SL_QUALITY_GATE', 'games_final_have_scores', '--force');
    const forced = await trainSystems(store.db, { sport: 'nfl', force: true, systems: ['elo_v1'] });
    expect(forced.quality_gate).toMatchObject({ passed: false, forced: true });
    const [latest] = (await latestTrainedSystems(store.db, 'nfl')).filter((t) => t.system === 'elo_v1');
    expect(latest!.metrics.forced).toBe(true);
    expect(latest!.runId).toBe(forced.run_id);
    const before = await count(store, 'SELECT COUNT(*) AS n FROM analytics.model_registry');
    const rollback = await rollbackRun(store.db, forced.run_id!);
    expect(rollback.removed['analytics.model_registry']).toBe(1);
    expect(await count(store, 'SELECT COUNT(*) AS n FROM analytics.model_registry')).toBe(before - 1);
  });

  it('publishing refuses on a failing publish gate; --force publishes and logs the override', async () => {
    // The score removed by the test above still fails the gate.
    const ask = { sport: 'nfl' as const, home: 'KC', away: 'BUF', date: '2021-09-12', publish: true };
    await expectSharplineRejection(() => predictMatchup(store.db, ask), 'SL_QUALITY_GATE', 'games_final_have_scores', '--force');
    const forced = await predictMatchup(store.db, { ...ask, force: true });
    expect(forced).toMatchObject({ published: true, quality_gate: { gate: 'publish', passed: false, forced: true } });
    const runs = await store.db.query<{ command: string; arguments: string | Record<string, unknown> }>(
      `SELECT command, arguments FROM ops.runs WHERE command IN ('publish', 'quality override') ORDER BY run_id`,
    );
    const args = (r: { arguments: string | Record<string, unknown> }) => (typeof r.arguments === 'string' ? JSON.parse(r.arguments) : r.arguments) as Record<string, unknown>;
    // The forced training of the test above logged its override too; publishing logs its own, then the publish run.
    expect(runs.map((r) => `${r.command}${r.command === 'quality override' ? ` (${String(args(r).action)})` : ''}`)).toEqual(['quality override (training)', 'quality override (publishing)', 'publish']);
    expect(args(runs[1]!)).toMatchObject({ gate: 'publish', action: 'publishing', sport: 'nfl', failed_checks: expect.arrayContaining(['games_final_have_scores']) });
    await expectSharplineRejection(() => predictMatchup(store.db, { ...ask, dryRun: true }), 'SL_USAGE', 'contradict');
  });

  it('refuses to publish a forecast for a game already played; predicting it without --publish still answers', async () => {
    const [played] = await store.db.query<{ game_id: number; game_date: string; home_team_id: string; away_team_id: string }>(
      `SELECT game_id, CAST(game_date AS VARCHAR) AS game_date, home_team_id, away_team_id FROM curated.games WHERE sport = 'nfl' AND status = 'final' ORDER BY game_id LIMIT 1`,
    );
    const ask = { sport: 'nfl' as const, home: played!.home_team_id, away: played!.away_team_id, date: played!.game_date };
    await expectSharplineRejection(() => predictMatchup(store.db, { ...ask, publish: true, force: true }), 'SL_GAME_STARTED', 'is final', `game ${played!.game_id}`, 'without --publish');
    const looked = await predictMatchup(store.db, { ...ask, dryRun: true });
    expect(looked.game.game_id).toBe(played!.game_id);
    expect(looked.systems.length).toBeGreaterThan(0);
  });

  it('ml health counts the real scored games per sport and season, and the last training', async () => {
    const health = await mlHealth(store.db, { detailed: true });
    const nfl = health.sports.find((s) => s.sport === 'nfl')!;
    expect(nfl.scored).toBe(await count(store, `SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'nfl' AND status = 'final' AND home_score IS NOT NULL AND away_score IS NOT NULL`));
    expect(nfl.systems_trained.sort()).toEqual(['elo_v1', 'ensemble_v1', 'ml_gbm_v1', 'ml_v1', 'score_v1']);
    expect(health.seasons!.filter((s) => s.sport === 'nfl').map((s) => s.season)).toEqual([2019, 2020]);
    expect(health.seasons!.every((s) => s.synthetic === 0)).toBe(true);
  });

  it('train and predict runs keep the run ledger balanced (rows_in = loaded + quarantined + duplicates)', async () => {
    const runs = await store.db.query<{ command: string; rows_in: number; loaded: number }>(
      `SELECT command, rows_in, loaded FROM ops.runs WHERE status = 'succeeded' AND command IN ('train', 'predict') ORDER BY run_id`,
    );
    expect(runs.map((r) => r.command)).toContain('predict');
    expect(runs.map((r) => r.command)).toContain('train');
    for (const r of runs) expect(Number(r.rows_in)).toBe(Number(r.loaded));
  });

  it.runIf(engine === 'duckdb')('the CLI: backtest --json has the documented shape; predict --help explains itself', async () => {
    await store.db.close();
    // The score removed by an earlier test fails the training gate, which guards backtests too.
    const refused = runCli(['backtest', '--sport', 'nfl', '--from', '2020', '--to', '2020', '--dry-run', '--json'], store.env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('the training gate failed for nfl, so the backtest stopped: games_final_have_scores');
    const backtest = runCli(['backtest', '--sport', 'nfl', '--from', '2020', '--to', '2020', '--dry-run', '--force', '--json'], store.env);
    expect(backtest.stderr).toBe('');
    type Row = { system: string; market: string; n: number; brier: number; log_loss: number; ece: number; bets: number; roi: number | null; clv: number | null; max_drawdown: number | null };
    const report = JSON.parse(backtest.stdout) as { rows: Row[]; forecast: { games_scored: number } };
    expect(report.rows.map((s) => s.system)).toEqual(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ensemble_v1', 'market', 'baseline']);
    for (const s of report.rows) {
      expect(s.market).toBe('moneyline');
      expect(s.n).toBe(report.forecast.games_scored);
      expect(Number.isFinite(s.brier) && Number.isFinite(s.log_loss) && Number.isFinite(s.ece)).toBe(true);
      for (const key of ['bets', 'roi', 'clv', 'max_drawdown'] as const) expect(key in s).toBe(true);
    }
    expect(backtest.stdout).not.toMatch(/NaN/);
    const window = runCli(['backtest', '--sport', 'nfl', '--from', '2020-11-01', '--to', '2020-11-30', '--dry-run', '--force', '--json'], store.env);
    const windowed = JSON.parse(window.stdout) as { date_from: string; date_to: string; season_from: number; forecast: { games_in_range: number } };
    expect(windowed).toMatchObject({ date_from: '2020-11-01', date_to: '2020-11-30', season_from: 2019 });
    expect(windowed.forecast.games_in_range).toBeGreaterThan(50);
    expect(windowed.forecast.games_in_range).toBeLessThan(80);
    const badDate = runCli(['backtest', '--sport', 'nfl', '--from', '2020-13-45', '--to', '2020'], store.env);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--from must be a season year like 2006 or a date YYYY-MM-DD, got "2020-13-45"');
    const help = runCli(['predict', '--help'], store.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--odds <prices>');
    const bad = runCli(['predict', '--sport', 'nfl', '--home', 'KC', '--away', 'BUF', '--odds', 'home=-150'], store.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--odds: "home=-150" is not side:price');
    expect(bad.stderr).not.toContain('    at ');
    store.db = await store.reopen();
  });
});
