import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl/nflverse_games_2019_2020.csv');

describe.each(ENGINES)('nflverse-games on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('loads every game of the real 2019–2020 excerpt with its closing lines', async () => {
    const summary = await importFiles(store.db, { format: 'nflverse-games', paths: [SAMPLE] });
    expect(summary.rows_in).toBe(536);
    expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);
    expect(summary.quarantined).toBe(0);
    expect(summary.curated.games_created).toBe(536);

    // Super Bowl LV, 2021-02-07: TB 31, KC 9 at a neutral site... TB was the designated home team.
    const [sb] = await store.db.query(
      `SELECT g.*, r.winner, r.margin, r.total FROM curated.games g JOIN curated.game_results r USING (game_id)
       WHERE g.game_date = CAST('2021-02-07' AS DATE)`,
    );
    expect(sb).toMatchObject({ home_team_id: 'nfl-tb', away_team_id: 'nfl-kc', home_score: 31, away_score: 9, winner: 'home', margin: 22, total: 40, season: 2020, season_type: 'postseason', is_neutral_site: true });
    expect(new Date(sb!.start_at as string).toISOString()).toBe('2021-02-07T23:30:00.000Z');

    const lines = await store.db.query<{ market: string; side: string; line: number | null; price_decimal: number; price_text: string }>(
      `SELECT market, side, line, price_decimal, price_text FROM curated.closing_lines WHERE game_id = $1 ORDER BY market, side`,
      [sb!.game_id as number],
    );
    // spread_line -3 means KC (away) favoured by 3: home line +3 at -103, away -3 at -107.
    expect(lines.find((l) => l.market === 'spread' && l.side === 'home')).toMatchObject({ line: 3, price_text: '+3(-103)' });
    expect(lines.find((l) => l.market === 'moneyline' && l.side === 'home')!.price_decimal).toBeCloseTo(2.45, 10);
    const outcomes = await store.db.query(`SELECT * FROM curated.game_outcomes WHERE game_id = $1`, [sb!.game_id as number]);
    expect(outcomes[0]).toMatchObject({ is_home_win: true, is_home_cover: true, is_over: false, total_line: 55 });
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await importFiles(store.db, { format: 'nflverse-games', paths: [SAMPLE] });
    expect(again).toMatchObject({ rows_in: 536, loaded: 0, quarantined: 0, duplicates: 536 });
    expect(again.files[0]!.status).toBe('unchanged');
    const [{ n }] = (await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM curated.games')) as [{ n: number }];
    expect(Number(n)).toBe(536);
  });
});
