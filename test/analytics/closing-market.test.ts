/**
 * Golden test of the data platform and the de-vig together: the vig-free closing moneyline's Brier
 * score, computed from the store, reproduces the reference figures that ../shared/data/README.md
 * gives for these files (multiplicative method, ties excluded; constant = the home-win rate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brierScore, closingMarketScores } from '../../src/analytics/closing-market.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

describe('brierScore', () => {
  it('is the mean squared error of the forecasts', () => {
    expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
    expect(brierScore([0.8, 0.3, 1], [1, 0, 1])).toBeCloseTo((0.04 + 0.09 + 0) / 3, 15);
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('the closing market as a forecast, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'nflverse-games', paths: [sharedPath('nfl/nflverse_games_1999_2020.csv')] });
    await importFiles(store.db, { format: 'sbr-mlb', paths: [2014, 2015, 2016, 2017].map((y) => sharedPath(`mlb/mlb_odds_sbr_${y}.csv`)) });
    await importFiles(store.db, { format: 'nba-odds', paths: [sharedPath('nba/nba_odds_2008_2018.csv')] });
  }, 120_000);
  afterAll(async () => store?.cleanup());

  it('reproduces the reference Brier scores: NFL 0.2110, MLB 0.2412, NBA 0.1986', async () => {
    const scores = Object.fromEntries((await closingMarketScores(store.db)).map((s) => [s.sport, s]));
    // NFL 2006–2020: the reference's 3,861 games exactly (nflverse has moneylines from 2006).
    expect(scores.nfl).toMatchObject({ games: 3861, season_from: 2006, season_to: 2020 });
    expect(scores.nfl!.brier.multiplicative).toBeCloseTo(0.211, 3);
    expect(scores.nfl!.constant_brier).toBeCloseTo(0.2461, 4);
    // MLB 2014–2017: 9,840 games here, the reference says 9,844 (the importer quarantines 10 SBR
    // rows, each with its reason in ops.quarantine: a run-line contradiction and three -1 innings).
    expect(scores.mlb!.games).toBe(9840);
    expect(scores.mlb!.brier.multiplicative).toBeCloseTo(0.2412, 3);
    expect(scores.mlb!.constant_brier).toBeCloseTo(0.2487, 4);
    // NBA 2008–2018: 14,198 of the file's 14,209 games (11 quarantined for their scores or codes).
    expect(scores.nba!.games).toBe(14198);
    expect(scores.nba!.brier.multiplicative).toBeCloseTo(0.1986, 4);
    expect(scores.nba!.constant_brier).toBeCloseTo(0.2408, 4);
    // The market beats the constant forecast everywhere, by every method.
    for (const s of Object.values(scores)) for (const b of Object.values(s.brier)) expect(b).toBeLessThan(s.constant_brier);
  });
});
