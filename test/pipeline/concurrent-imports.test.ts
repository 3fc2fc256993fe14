/**
 * Imports from several processes into one PostgreSQL store (workers, a collector beside a backfill)
 * curate one at a time: two sources of the same new games, committed at once, end as one games
 * table with each game once, both sources linked, as if imported one after the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { openStore, type Database } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl');
const NFLVERSE = join(SAMPLE, 'nflverse_games_2019_2020.csv');
const ELO = join(SAMPLE, 'fivethirtyeight_nfl_elo_2019_2020.csv');

describe.runIf(ENGINES.includes('postgres'))('concurrent imports on PostgreSQL', () => {
  let store: TestStore;
  let other: Database;
  beforeAll(async () => {
    store = await createTestStore('postgres');
    other = await openStore(store.env); // a second pool: another process's connections
  });
  afterAll(async () => {
    await other?.close();
    await store?.cleanup();
  });

  it('two sources of the same new games, imported at the same moment, give each game once with both sources', async () => {
    const [a, b] = await Promise.all([
      importFiles(store.db, { format: 'nflverse-games', paths: [NFLVERSE] }),
      importFiles(other, { format: 'fivethirtyeight-elo', paths: [ELO] }),
    ]);
    expect(a.loaded).toBeGreaterThan(500);
    expect(b.loaded).toBeGreaterThan(500);
    // Every 2019–2020 game is in both files: created once, by whichever curated first.
    expect(a.curated.games_created + b.curated.games_created).toBe(a.loaded);
    const [games] = await store.db.query<{ n: number; keys: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT game_key) AS keys FROM curated.games`);
    expect(games).toEqual({ n: a.loaded, keys: a.loaded });
    const bySources = await store.db.query<{ sources: number; n: number }>(
      `SELECT sources, COUNT(*) AS n FROM (SELECT game_id, COUNT(DISTINCT source_format) AS sources FROM curated.game_sources GROUP BY game_id) x GROUP BY sources`,
    );
    expect(bySources).toEqual([{ sources: 2, n: a.loaded }]);
  });
});
