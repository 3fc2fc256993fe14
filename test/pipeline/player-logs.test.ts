import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { syncOutcomes } from '../../src/pipeline/sync-outcomes.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/mlb');
const GAMEINFO = join(SAMPLE, 'retrosheet_2023_opening_days_gameinfo.csv');
const PITCHING = join(SAMPLE, 'retrosheet_2023_opening_days_pitching.csv');

async function unlinked(store: TestStore): Promise<{ total: number; orphans: number }> {
  const [row] = await store.db.query<{ total: number; orphans: number }>(
    `SELECT COUNT(*) AS total, SUM(CASE WHEN game_id IS NULL THEN 1 ELSE 0 END) AS orphans FROM curated.player_game_logs`,
  );
  return { total: Number(row!.total), orphans: Number(row!.orphans ?? 0) };
}

describe.each(ENGINES)('player lines imported before their games, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('join their games when the games arrive later, in either import order', async () => {
    await importFiles(store.db, { format: 'retrosheet', paths: [PITCHING] });
    const before = await unlinked(store);
    expect(before.total).toBeGreaterThan(400);
    expect(before.orphans).toBe(before.total); // no games yet
    await importFiles(store.db, { format: 'retrosheet', paths: [GAMEINFO] });
    expect(await unlinked(store)).toEqual({ total: before.total, orphans: 0 });
    // Opening day 2023: Gerrit Cole's start for NYY against SF.
    const [cole] = await store.db.query(
      `SELECT g.home_team_id, g.away_team_id, l.strikeouts, l.outs, l.started FROM curated.player_game_logs l JOIN curated.games g USING (game_id)
       WHERE l.player_ref = 'retro:coleg001' AND l.game_date = CAST('2023-03-30' AS DATE)`,
    );
    expect(cole).toEqual({ home_team_id: 'mlb-nyy', away_team_id: 'mlb-sf', strikeouts: 11, outs: 18, started: true });
  });

  it('sync-outcomes links any line still without a game', async () => {
    await store.db.execute('UPDATE curated.player_game_logs SET game_id = NULL WHERE strikeouts > 5');
    const report = await syncOutcomes(store.db, { syncType: 'all', daysBack: 0 });
    expect(report.player_logs_linked).toBeGreaterThan(0);
    expect((await unlinked(store)).orphans).toBe(0);
  });
});
