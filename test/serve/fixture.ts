/**
 * One served store per test file: the bundled real sample imported, the NFL systems trained, the
 * 2020 season backtested walk-forward (its predictions logged) and the training gate recorded,
 * as `sharpline demo` leaves a store.
 */
import { logBacktestPredictions, runBacktest } from '../../src/evaluation/backtest.js';
import { trainSystems } from '../../src/models/train.js';
import { runGate } from '../../src/quality/gates.js';
import { createTestStore, type Engine, type TestStore } from '../helpers/engines.js';
import { loadSample } from '../helpers/sample.js';

/** A game day of the sample with stored closing prices: NFL week 1 of 2020. */
export const SAMPLE_DAY = '2020-09-13';

export async function createServedStore(engine: Engine): Promise<TestStore> {
  const store = await createTestStore(engine);
  await loadSample(store);
  await trainSystems(store.db, { sport: 'nfl' });
  const { result, walk } = await runBacktest(store.db, {
    sport: 'nfl',
    from: 2020,
    to: 2020,
    markets: ['moneyline', 'spread', 'total'],
    staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 },
    minEdge: 0.02,
    devig: 'multiplicative',
    price: 'close',
  });
  await logBacktestPredictions(store.db, result, walk);
  await runGate(store.db, 'training');
  return store;
}
