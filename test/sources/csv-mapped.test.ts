import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { parseDate, parseMapping } from '../../src/sources/csv-mapped/mapping.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const ROOT = join(import.meta.dirname, '../..');
const NFLVERSE_SAMPLE = join(ROOT, 'data/sample/nfl/nflverse_games_2019_2020.csv');
const SPREADSPOKE_MAP = join(ROOT, 'examples/spreadspoke.map.json');

describe('csv mapping validation', () => {
  it('names the JSON path of each mistake', () => {
    expect(() => parseMapping('{"sport":"cricket","league":"X"}')).toThrow(/sport: .*date: .*/s);
    expect(() => parseMapping('{ not json')).toThrow(/not valid JSON/);
    const base = { sport: 'nfl', league: 'NFL', date: { column: 'd', format: 'YYYY-MM-DD' }, home_team: 'h', away_team: 'a' };
    expect(() => parseMapping(JSON.stringify({ ...base, quotes: [{ book: 'x', market: 'spread', side: 'home', price: 'p' }] }))).toThrow(
      /quotes.0: spread and total quotes need a line column/,
    );
    expect(() => parseMapping(JSON.stringify({ ...base, home_score: 'hs' }))).toThrow(/home_score and away_score go together/);
    expect(() => parseMapping(JSON.stringify({ ...base, extra: 1 }))).toThrow(/Unrecognized key/);
    expect(parseMapping(JSON.stringify(base)).season.start_month).toBe(1);
  });

  it('parses every date layout and refuses impossible dates', () => {
    expect(parseDate('9/5/2019', 'MM/DD/YYYY')).toBe('2019-09-05');
    expect(parseDate('05/09/19', 'DD/MM/YY')).toBe('2019-09-05');
    expect(parseDate('05/09/93', 'DD/MM/YY')).toBe('1993-09-05');
    expect(parseDate('20230330', 'YYYYMMDD')).toBe('2023-03-30');
    expect(parseDate('2019-02-29', 'YYYY-MM-DD')).toBeNull();
    expect(parseDate('31/04/2020', 'DD/MM/YYYY')).toBeNull();
    expect(parseDate('next tuesday', 'M/D/YY')).toBeNull();
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('import csv --map on the real spreadspoke file, %s', (engine) => {
  let store: TestStore;
  let excerpt: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    // The 2019–2020 seasons of the real file (rows as published, header kept).
    const lines = readFileSync(sharedPath('nfl/spreadspoke_scores_1966_2020.csv'), 'utf8').split(/\r?\n/);
    const kept = lines.filter((l, i) => i === 0 || /^[^,]*,(2019|2020),/.test(l));
    excerpt = join(mkdtempSync(join(tmpdir(), 'sl-spreadspoke-')), 'spreadspoke_2019_2020.csv');
    writeFileSync(excerpt, kept.join('\n') + '\n');
  });
  afterAll(async () => store?.cleanup());

  it('lands every game on the games nflverse already loaded: one games table, two sources', async () => {
    await importFiles(store.db, { format: 'nflverse-games', paths: [NFLVERSE_SAMPLE] });
    const summary = await importFiles(store.db, { format: 'csv', paths: [excerpt], mappingPath: SPREADSPOKE_MAP });
    expect(summary.rows_in).toBe(536);
    expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(536);
    expect(summary.quarantined).toBe(0);
    const [{ n }] = (await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM curated.games')) as [{ n: number }];
    // Every spreadspoke game matched an nflverse game on (date, home, away): no new game, no score conflict.
    expect(summary.curated).toMatchObject({ games_created: 0, game_sources_linked: 536, outcome_conflicts: 0 });
    expect(Number(n)).toBe(536);
    // Week 1 2019: GB 10 at CHI 3, total 46.5 in both sources.
    const rows = await store.db.query<{ source_format: string; home_score: number }>(
      `SELECT gs.source_format, gs.home_score FROM curated.game_sources gs JOIN curated.games g USING (game_id)
       WHERE g.game_date = CAST('2019-09-05' AS DATE) AND g.home_team_id = 'nfl-chi' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { source_format: 'csv', home_score: 3 },
      { source_format: 'nflverse-games', home_score: 3 },
    ]);
  });

  it('reads the whole 1966–2020 file: every historical team name resolves (Boston Patriots, Los Angeles Raiders)', async () => {
    const summary = await importFiles(store.db, { format: 'csv', paths: [sharedPath('nfl/spreadspoke_scores_1966_2020.csv')], mappingPath: SPREADSPOKE_MAP, dryRun: true });
    expect(summary).toMatchObject({ rows_in: 12_947, quarantined: 0 });
    // The 536 rows of the 2019–2020 excerpt loaded above are the same records: duplicates here.
    expect([summary.loaded, summary.duplicates]).toEqual([12_947 - 536, 536]);
  });

  it('quarantines bad rows with the column and reason, loads the rest', async () => {
    const lines = readFileSync(excerpt, 'utf8').trim().split('\n');
    const bad = [
      lines[0],
      lines[1]!.replace('9/5/2019', '13/45/2019'),
      lines[2]!.replace('Arizona Cardinals', 'Team_H_00'),
      lines[3]!.replace(',27,30,', ',-27,30,'),
      lines[4]!.split(',').slice(0, 5).join(','),
      lines[5],
    ].join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'sl-bad-')), 'bad.csv');
    writeFileSync(path, bad);
    const summary = await importFiles(store.db, { format: 'csv', paths: [path], mappingPath: SPREADSPOKE_MAP, synthetic: true });
    expect(summary).toMatchObject({ rows_in: 5, quarantined: 4 });
    expect(summary.loaded + summary.duplicates).toBe(1);
    const reasons = summary.quarantine_sample.map((q) => `${q.line}:${q.code}:${q.field ?? ''}`).sort();
    expect(reasons).toEqual(['2:invalid_date:schedule_date', '3:unknown_team:team_home', '4:impossible_score:score_home', '5:missing_columns:']);
    const [ctx] = await store.db.query<{ context: string }>(`SELECT CAST(context AS VARCHAR) AS context FROM raw.records WHERE file_path = $1 LIMIT 1`, [path]);
    expect(JSON.parse(ctx!.context).origin).toBe('synthetic-test');
  });
});
