/**
 * The market-aware systems: `market_open_v1` is the de-vigged OPENING moneyline (never the close it
 * is scored against), `ensemble_market_v1` stacks it with `ensemble_v1` on earlier seasons only.
 * On the real SBR archive (both engines), and as a pure function on the same games.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, logBacktestPredictions } from '../../../src/evaluation/backtest.js';
import { loadGames } from '../../../src/models/load-games.js';
import { marketAwareWalk, openingHomeProbabilities } from '../../../src/models/systems/market-aware.js';
import { walkForward } from '../../../src/models/systems/walk-forward.js';
import type { GameRecord } from '../../../src/models/types.js';
import { importFiles } from '../../../src/pipeline/import-files.js';
import { createTestStore, ENGINES, type TestStore } from '../../helpers/engines.js';
import { hasSharedData, sharedPath } from '../../helpers/shared-data.js';

describe.skipIf(!hasSharedData()).each(ENGINES)('market-aware systems on the SBR MLB archive, %s', (engine) => {
  let store: TestStore;
  let games: GameRecord[];
  let opening: Map<number, number>;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'sbr-mlb', paths: [2014, 2015, 2016].map((y) => sharedPath(`mlb/mlb_odds_sbr_${y}.csv`)) });
    games = await loadGames(store.db, 'mlb');
    opening = await openingHomeProbabilities(store.db, { sport: 'mlb' });
  }, 120_000);
  afterAll(async () => store?.cleanup());

  it('reads the opening moneyline, not the close, and removes the vig', () => {
    // 2014-03-22 Dodgers at Diamondbacks (Sydney): opened LOS −170 / ARI +150 (closed the same here);
    // 1/2.5 against 1/(1 + 100/170), normalised: 0.4 / 1.029630 = 0.388489.
    const first = games.find((g) => g.date === '2014-03-22' && g.home === 'mlb-ari')!;
    expect(opening.get(first.gameId)).toBeCloseTo(0.388489, 6);
    // Every SBR game with both opening prices has a probability, each strictly between 0 and 1.
    expect(opening.size).toBeGreaterThan(7000);
    for (const p of opening.values()) expect(p > 0 && p < 1).toBe(true);
  });

  it('stacks on earlier seasons only, with weights on the simplex, and answers with the opening line until then', () => {
    const walk = walkForward('mlb', games, { learnFrom: '2009-01-01' });
    const run = marketAwareWalk(walk, opening);
    const firstOf2015 = games.findIndex((g) => g.season === 2015);
    // 2014 has no earlier season: ensemble_market_v1 is market_open_v1 there, and only there.
    for (let i = 0; i < firstOf2015; i++) {
      if (!opening.has(games[i]!.gameId)) continue;
      expect(run.warmUp[i]).toBe(true);
      expect(run.predictions.ensemble_market_v1[i]!.home).toBe(run.predictions.market_open_v1[i]!.home);
    }
    expect(run.warmUp.slice(firstOf2015).some(Boolean)).toBe(false);
    expect(run.stack!.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(run.stack!.weights.every((w) => w >= 0)).toBe(true);
    expect(run.stack!.season).toBe(2016);
    // Altering every 2016 result leaves every earlier prediction unchanged (no look-ahead).
    const altered = games.map((g) => (g.season === 2016 && g.homeScore !== null ? { ...g, homeScore: g.awayScore, awayScore: g.homeScore } : g));
    const rerun = marketAwareWalk(walkForward('mlb', altered, { learnFrom: '2009-01-01' }), opening);
    const firstOf2016 = games.findIndex((g) => g.season === 2016);
    expect(rerun.predictions.ensemble_market_v1.slice(0, firstOf2016)).toEqual(run.predictions.ensemble_market_v1.slice(0, firstOf2016));
    // A game without an opening price gets no market-aware prediction.
    const withoutOpening = games.findIndex((g) => !opening.has(g.gameId));
    if (withoutOpening >= 0) expect(run.predictions.market_open_v1[withoutOpening]).toBeNull();
  });

  it('are scored and bet in the backtest beside the default systems, and logged with their versions', async () => {
    const { result, walk } = await runBacktest(store.db, { sport: 'mlb', from: 2016, to: 2016, markets: ['moneyline'], staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 }, minEdge: 0.02, devig: 'multiplicative', price: 'close' });
    const rows = new Map(result.rows.map((r) => [r.system, r]));
    const open = rows.get('market_open_v1')!;
    const stacked = rows.get('ensemble_market_v1')!;
    expect(open.n).toBe(rows.get('ensemble_v1')!.n);
    expect(stacked.n).toBe(open.n);
    // The opening line knows more than the models and less than the close it is scored against.
    expect(open.brier!).toBeLessThan(rows.get('ensemble_v1')!.brier!);
    expect(open.brier!).toBeGreaterThan(rows.get('market')!.brier!);
    expect(Math.abs(stacked.brier! - open.brier!)).toBeLessThan(0.002);
    expect(open.bets).toBeGreaterThan(0); // bet at the close where the line moved past the edge
    const runId = await logBacktestPredictions(store.db, result, walk);
    const logged = await store.db.query<{ system: string; version: string; n: number }>(
      `SELECT system, version, COUNT(*) AS n FROM analytics.predictions WHERE run_id = $1 AND system IN ('market_open_v1', 'ensemble_market_v1') GROUP BY system, version ORDER BY system`,
      [runId],
    );
    expect(logged.map((r) => [r.system, r.version])).toEqual([['ensemble_market_v1', '1'], ['market_open_v1', '1']]);
    // Asked for by name only, they are the only systems scored.
    const only = await runBacktest(store.db, { sport: 'mlb', from: 2016, to: 2016, systems: ['market_open_v1'], markets: ['moneyline'], staking: { kind: 'flat', units: 1 }, minEdge: 0.02, devig: 'multiplicative', price: 'close' });
    expect(only.result.rows.map((r) => r.system)).toEqual(['market_open_v1', 'market', 'baseline']);
  }, 60_000);
});
