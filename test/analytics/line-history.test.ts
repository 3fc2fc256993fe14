/**
 * Line movement from the curated quote history, on the bundled real Premier League 2019-20 file:
 * each book's pre-match price opens, its closing price closes. Expected values are the file's own
 * cells for Liverpool v Norwich, 9 August 2019 (PSH/PSCH, PSA/PSCA, AHh/PAHH, AHCh/PCAHH).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gameLineMovements } from '../../src/analytics/line-history.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/soccer/football-data_E0_2019-2020.csv');

describe.each(ENGINES)('line movement from curated quotes, %s', (engine) => {
  let store: TestStore;
  let gameId: number;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'football-data', paths: [SAMPLE] });
    const [game] = await store.db.query<{ game_id: number }>(
      `SELECT game_id FROM curated.games WHERE game_date = CAST('2019-08-09' AS DATE) AND home_team_id = 'soccer-eng-liverpool'`,
    );
    gameId = Number(game!.game_id);
  });
  afterAll(async () => store?.cleanup());

  it("opens at each book's pre-match price and closes at its closing price", async () => {
    const movements = await gameLineMovements(store.db, gameId);
    const find = (market: string, book: string, side: string) => movements.find((m) => m.market === market && m.book === book && m.side === side)!;

    const home = find('moneyline', 'pinnacle', 'home');
    expect([home.movement.open.priceDecimal, home.movement.close.priceDecimal]).toEqual([1.15, 1.14]);
    expect(home.movement.moves).toBe(1);
    // 1.15 → 1.14 is −666.67 → −714.29 American: 47.6 cents shorter.
    expect(home.movement.priceChangeCents).toBeCloseTo(-100 / 0.14 + 100 / 0.15, 6);

    const away = find('moneyline', 'pinnacle', 'away');
    expect([away.movement.open.priceDecimal, away.movement.close.priceDecimal]).toEqual([18.05, 19.63]);

    // Asian handicap: −2.25 at 1.97 pre-match, −2.25 at 1.94 at the close: price moved, line did not.
    const ah = find('spread', 'pinnacle', 'home');
    expect([ah.movement.open.line, ah.movement.close.line, ah.movement.lineChange]).toEqual([-2.25, -2.25, 0]);
    expect([ah.movement.open.priceDecimal, ah.movement.close.priceDecimal]).toEqual([1.97, 1.94]);

    // No timestamps in this source: no velocity, and nothing invented.
    expect(movements.every((m) => m.movement.velocity === null)).toBe(true);
  });
});
