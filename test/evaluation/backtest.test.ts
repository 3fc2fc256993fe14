/**
 * The walk-forward backtest end to end on the bundled real sample (NFL 2019–2020, EPL 2019–20), on
 * each engine: bets at real stored prices, honest figures (never NaN), the HTML report, the
 * prediction log and the monitoring views over it; bad input gets a message, not a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logBacktestPredictions, runBacktest, type BacktestOptions } from '../../src/evaluation/backtest.js';
import { renderHtmlReport } from '../../src/evaluation/report/index.js';
import { systemsReport } from '../../src/evaluation/system-report.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { loadSample } from '../helpers/sample.js';

const NFL_2020: BacktestOptions = { sport: 'nfl', from: 2020, to: 2020, markets: ['moneyline', 'spread', 'total'], staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 }, minEdge: 0.02, devig: 'multiplicative', price: 'close' };

describe.each(ENGINES)('backtest on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await loadSample(store);
  });
  afterAll(async () => store?.cleanup());

  it('bets NFL 2020 at the stored closing prices and reports every figure, never NaN', async () => {
    const { result, report, walk } = await runBacktest(store.db, NFL_2020);
    expect(result.book).toBe('consensus');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    const moneyline = result.rows.filter((r) => r.market === 'moneyline');
    expect(moneyline.map((r) => r.system)).toEqual(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ensemble_v1', 'market', 'baseline']);
    const ensemble = moneyline.find((r) => r.system === 'ensemble_v1')!;
    expect(ensemble.n).toBe(268);
    expect(ensemble.bets).toBeGreaterThan(20);
    expect(ensemble.roi).not.toBeNull();
    expect(ensemble.profit).toBeCloseTo(ensemble.roi! * ensemble.staked, 1);
    // Every priced game is either bet or skipped for a counted reason.
    const skipped = Object.values(ensemble.skipped).reduce((a, b) => a + b, 0);
    expect(ensemble.bets + skipped).toBe(268 + 1); // the tie was priced too
    // Lines are priced only by the score model and the ensemble that uses it.
    expect(result.rows.filter((r) => r.market !== 'moneyline').map((r) => `${r.system}:${r.market}`).sort()).toEqual(['ensemble_v1:spread', 'ensemble_v1:total', 'score_v1:spread', 'score_v1:total']);
    // The ensemble's lines are the score model's recalibrated on 2019's results: better calibrated.
    for (const market of ['spread', 'total']) {
      const raw = result.rows.find((r) => r.system === 'score_v1' && r.market === market)!;
      const calibrated = result.rows.find((r) => r.system === 'ensemble_v1' && r.market === market)!;
      expect(calibrated.n).toBe(raw.n);
      expect(calibrated.brier!).toBeLessThan(raw.brier!);
      expect(calibrated.ece!).toBeLessThan(raw.ece!);
    }
    // The market row bets nothing and is the Brier bar.
    const market = moneyline.find((r) => r.system === 'market')!;
    expect(market.bets).toBe(0);
    expect(market.brier!).toBeLessThan(ensemble.brier!);
    // The bankroll curve ends where profit says.
    const bankroll = result.bankroll.ensemble_v1!;
    expect(bankroll.curve.at(-1)!.bankroll).toBeCloseTo(bankroll.final_bankroll, 9);
    const html = await renderHtmlReport(report);
    expect(html).toContain('ensemble_v1');
    expect(html).not.toMatch(/NaN|undefined/);

    const runId = await logBacktestPredictions(store.db, result, walk);
    const logged = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM analytics.predictions WHERE run_id = $1 AND market = 'moneyline'`, [runId]);
    // All 269 games of 2020 (268 decided and one tie), five systems each.
    expect(Number(logged[0]!.n)).toBe(269 * 5);
    const [run] = await store.db.query<{ rows_in: number; loaded: number }>('SELECT rows_in, loaded FROM ops.runs WHERE run_id = $1', [runId]);
    expect(Number(run!.rows_in)).toBe(Number(run!.loaded));
  });

  it('the monitoring views agree with the backtest that logged the predictions', async () => {
    const { result } = await runBacktest(store.db, { ...NFL_2020, markets: ['moneyline'] });
    const r = await systemsReport(store.db, { sport: 'nfl' });
    for (const row of result.rows.filter((x) => x.system.endsWith('_v1'))) {
      const c = r.comparison.find((x) => x.system === row.system)!;
      // Every 2020 game has a closing line in the sample, so both score the same 268 decided games.
      expect(c.games).toBe(row.n);
      expect(c.brier).toBeCloseTo(row.brier!, 4);
      expect(c.log_loss).toBeCloseTo(row.log_loss!, 4);
    }
    expect(r.coverage.every((c) => c.missing === 0)).toBe(true);
    const year = r.performance.filter((p) => p.window_days === 365);
    expect(year).toHaveLength(5);
    expect(r.performance.find((p) => p.window_days === 7)!.games).toBeLessThan(20);
    expect(r.agreement[0]!.games).toBe(269);
    expect(r.agreement[0]!.mean_spread).toBeGreaterThan(0);
    expect(r.todays_picks).toEqual([]);
  });

  it('soccer: three-way forecasts get a ranked probability score, draws included, beside the market', async () => {
    const { result } = await runBacktest(store.db, { ...NFL_2020, sport: 'soccer', from: 2019, to: 2019, markets: ['moneyline'] });
    const rows = Object.fromEntries(result.rows.map((r) => [r.system, r]));
    expect(Object.keys(rows)).toEqual(['elo_v1', 'score_v1', 'ensemble_v1', 'market', 'baseline']);
    for (const system of ['elo_v1', 'score_v1', 'ensemble_v1', 'market']) {
      expect(rows[system]!.rps!).toBeGreaterThan(0.15);
      expect(rows[system]!.rps!).toBeLessThan(0.3);
    }
    // The first season of an archive starts cold; the market does not.
    expect(rows.market!.rps!).toBeLessThan(rows.elo_v1!.rps!);
    expect(rows.baseline!.rps).toBeNull();
    expect(result.calibration.elo_v1).toHaveLength(10);
    expect(result.calibration.elo_v1!.reduce((n, b) => n + b.n, 0)).toBe(rows.elo_v1!.n);
  });

  it('a date window scores and bets only the games inside it', async () => {
    const { result, walk } = await runBacktest(store.db, { ...NFL_2020, from: 2019, to: 2020, fromDate: '2020-11-01', toDate: '2020-11-30' });
    const inWindow = walk.games.filter((g) => g.date >= '2020-11-01' && g.date <= '2020-11-30' && g.homeScore !== g.awayScore).length;
    expect(inWindow).toBeGreaterThan(50);
    expect(result.forecast.games_in_range).toBe(inWindow);
    expect(result.rows.find((r) => r.system === 'elo_v1' && r.market === 'moneyline')!.n).toBe(inWindow);
    expect(result.bankroll.elo_v1!.curve.every((p) => p.date >= '2020-11-01' && p.date <= '2020-11-30')).toBe(true);
  });

  it('a season range with no games or no prices says so instead of failing', async () => {
    const { result } = await runBacktest(store.db, { ...NFL_2020, from: 2030, to: 2031 });
    expect(result.forecast.games_in_range).toBe(0);
    expect(result.notes.join(' ')).toContain('no finished nfl games in seasons 2030–2031');
    expect(JSON.stringify(result)).not.toMatch(/NaN/);
    const mlb = await runBacktest(store.db, { ...NFL_2020, sport: 'mlb', from: 2023, to: 2023 });
    expect(mlb.result.book).toBeNull();
    expect(mlb.result.notes.join(' ')).toContain('no bettable prices for mlb 2023–2023');
    expect(mlb.result.rows.every((r) => r.bets === 0)).toBe(true);
  });
});
