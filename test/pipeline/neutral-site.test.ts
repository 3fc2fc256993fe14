/**
 * Sources disagree on the designated home team at neutral sites (Super Bowls, London games):
 * nflverse lists Super Bowl XXXIV as Titans "home", spreadspoke as Rams home. One game must come
 * out, with the second source's scores and quote sides turned round to the curated orientation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { findCheck, runCheck } from '../../src/quality/checks.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const MAP = join(import.meta.dirname, '../../examples/spreadspoke.map.json');

describe.skipIf(!hasSharedData()).each(ENGINES)('neutral-site games from sources that disagree on home, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'nflverse-games', paths: [sharedPath('nfl/nflverse_games_1999_2020.csv')] });
    await importFiles(store.db, { format: 'csv', paths: [sharedPath('nfl/spreadspoke_scores_1966_2020.csv')], mappingPath: MAP });
  }, 120_000);
  afterAll(async () => store?.cleanup());

  it('lands Super Bowl XXXIV once, the spreadspoke row turned round to the curated orientation', async () => {
    const rows = await store.db.query<{ game_id: number; home_team_id: string; source_format: string; is_swapped: boolean; home_score: number; away_score: number }>(
      `SELECT g.game_id, g.home_team_id, gs.source_format, gs.is_swapped, gs.home_score, gs.away_score
       FROM curated.games g JOIN curated.game_sources gs USING (game_id)
       WHERE g.game_date = CAST('2000-01-30' AS DATE) ORDER BY gs.source_format`,
    );
    expect(new Set(rows.map((r) => Number(r.game_id))).size).toBe(1);
    expect(rows.map((r) => [r.source_format, !!r.is_swapped, r.home_score, r.away_score])).toEqual([
      ['csv', true, 16, 23], // spreadspoke: Rams 23 (home there) – Titans 16, stored as Titans–Rams
      ['nflverse-games', false, 16, 23],
    ]);
    expect(rows[0]!.home_team_id).toBe('nfl-ten');
  });

  it('leaves one duplicate pair in 1999–2020, a game no source marks neutral (Saints v Giants, 2005, after Katrina)', async () => {
    const outcome = await runCheck(store.db, findCheck('games_no_duplicates')!);
    expect(outcome.offending_count).toBe(1);
    expect(outcome.examples[0]).toMatchObject({ game_key: 'nfl:2005-09-19:nfl-no:nfl-nyg:1' });
    const conflicts = await store.db.query('SELECT game_id FROM ops.outcome_conflicts');
    // The one real disagreement: Seahawks–Colts 2017-10-01, 46-18 (nflverse) vs 46-17 (spreadspoke).
    expect(conflicts).toHaveLength(1);
  });
});
