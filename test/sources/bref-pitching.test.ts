/**
 * The `bref-pitching` format. Baseball-Reference states no license, so nothing is bundled: the
 * store-backed suites read the shared-data file (skipping when it is absent) and write synthetic bad
 * variants to a temp dir at test time. Games come from Retrosheet's 2023 game info (shared data).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { importFiles } from '../../src/pipeline/import-files.js';
import { decodeByteEscapes, parseBrefDate, parseInningsAsOuts } from '../../src/sources/bref-pitching/cells.js';
import { RowIssueError } from '../../src/sources/fields.js';
import type { SourceRecord } from '../../src/sources/types.js';
import type { SqlValue } from '../../src/store/database.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const BREF = sharedPath('mlb', 'bref_pitcher_logs_2023_partial.csv');
const GAMEINFO_2023 = sharedPath('mlb', 'retrosheet', '2023gameinfo.csv');
const PITCHING_2023 = sharedPath('mlb', 'retrosheet', '2023pitching.csv');

const count = async (store: TestStore, sql: string, params: SqlValue[] = []) => Number((await store.db.query<{ n: number }>(sql, params))[0]!.n);
const record = (payload: Record<string, string>): SourceRecord => ({ rowNumber: 2, payload, contentHash: 'x' });
const issueOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RowIssueError) return error.issue.code;
    throw error;
  }
  return undefined;
};

describe('bref-pitching cells', () => {
  it('reads innings as outs: the digit after the point counts outs', () => {
    expect(parseInningsAsOuts(record({ IP: '5.2' }), 'IP')).toBe(17);
    expect(parseInningsAsOuts(record({ IP: '0.1' }), 'IP')).toBe(1);
    expect(parseInningsAsOuts(record({ IP: '9.0' }), 'IP')).toBe(27);
    expect(parseInningsAsOuts(record({ IP: '' }), 'IP')).toBeNull();
    expect(issueOf(() => parseInningsAsOuts(record({ IP: '5.3' }), 'IP'))).toBe('invalid_number');
    expect(issueOf(() => parseInningsAsOuts(record({ IP: 'five' }), 'IP'))).toBe('invalid_number');
  });

  it('reads dates like "Mar 30, 2023" and refuses impossible ones', () => {
    expect(parseBrefDate(record({ Date: 'Mar 30, 2023' }), 'Date')).toBe('2023-03-30');
    expect(parseBrefDate(record({ Date: 'Aug 1, 2023' }), 'Date')).toBe('2023-08-01');
    expect(issueOf(() => parseBrefDate(record({ Date: 'Feb 30, 2023' }), 'Date'))).toBe('invalid_date');
    expect(issueOf(() => parseBrefDate(record({ Date: '2023-03-30' }), 'Date'))).toBe('invalid_date');
  });

  it('decodes the UTF-8 byte escapes the export wrote for accents', () => {
    expect(decodeByteEscapes('Yimi Garc\\xc3\\xada')).toBe('Yimi García');
    expect(decodeByteEscapes('Adri\\xc3\\xa1n Morej\\xc3\\xb3n')).toBe('Adrián Morejón');
    expect(decodeByteEscapes('Gerrit Cole')).toBe('Gerrit Cole');
    expect(decodeByteEscapes('bad \\xc3 escape')).toBe('bad \\xc3 escape');
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('bref-pitching on %s: the real 2023 file', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'retrosheet', paths: [GAMEINFO_2023] });
  });
  afterAll(async () => store?.cleanup());

  it('loads every single-game line and links all of them to Retrosheet games', async () => {
    const summary = await importFiles(store.db, { format: 'bref-pitching', paths: [BREF] });
    // 15,779 rows: the Jul 9 page appears 5 times and Aug 15 twice (599 identical rows = duplicates);
    // 313 lines fall on a club's doubleheader day (no game number in a daily log) and 7 add up both games (G = 2).
    expect(summary).toMatchObject({ rows_in: 15779, loaded: 14860, quarantined: 320, duplicates: 599 });
    expect(summary.curated.player_logs_added).toBe(14860);
    const reasons = await store.db.query<{ reason_code: string; field: string; n: number }>(
      `SELECT reason_code, field, COUNT(*) AS n FROM ops.quarantine WHERE source_format = 'bref-pitching' GROUP BY reason_code, field ORDER BY reason_code`,
    );
    expect(reasons.map((r) => [r.reason_code, r.field, Number(r.n)])).toEqual([
      ['ambiguous_game_number', 'Date', 313],
      ['combined_games', 'G', 7],
    ]);
    // No line needed quarantining for its club: every two-club-city opponent was found from the other staff's lines.
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE source_format = 'bref-pitching' AND game_id IS NULL`)).toBe(0);

    // Gerrit Cole at Citi Field, 2023-06-14 (Yankees at Mets: "New York" vs "New York"): 6 IP, 4 H, 1 R, 0 BB, 8 K, 95 pitches.
    const [cole] = await store.db.query(
      `SELECT l.player_name, l.team_id, l.opponent_team_id, l.is_home, l.started, l.outs, l.batters_faced, l.hits, l.runs, l.earned_runs, l.walks,
              l.strikeouts, l.home_runs, l.pitches, g.home_team_id, g.away_team_id, g.game_number
       FROM curated.player_game_logs l JOIN curated.games g ON g.game_id = l.game_id
       WHERE l.player_ref = 'mlbam:543037' AND l.game_date = CAST('2023-06-14' AS DATE)`,
    );
    expect(cole).toEqual({
      player_name: 'Gerrit Cole', team_id: 'mlb-nyy', opponent_team_id: 'mlb-nym', is_home: false, started: true, outs: 18, batters_faced: 22, hits: 4, runs: 1,
      earned_runs: 1, walks: 0, strikeouts: 8, home_runs: 0, pitches: 95, home_team_id: 'mlb-nym', away_team_id: 'mlb-nyy', game_number: 1,
    });
    const opponent = async (mlbId: string, date: string) =>
      (await store.db.query<{ opponent_team_id: string }>(
        `SELECT opponent_team_id FROM curated.player_game_logs WHERE player_ref = $1 AND game_date = CAST($2 AS DATE)`,
        [`mlbam:${mlbId}`, date],
      ))[0]?.opponent_team_id;
    expect(await opponent('453286', '2023-06-13')).toBe('mlb-nyy'); // Scherzer (Mets, NL) vs "New York": the other club
    expect(await opponent('650556', '2023-03-30')).toBe('mlb-cws'); // Abreu (Astros) vs "Chicago": White Sox pitchers logged "Houston"
    expect(await opponent('657006', '2023-04-14')).toBe('mlb-lad'); // Steele (Cubs) at "Los Angeles": Dodgers pitchers logged "Chicago"
    const [garcia] = await store.db.query(`SELECT player_name FROM curated.player_game_logs WHERE player_ref = 'mlbam:554340' AND game_date = CAST('2023-03-30' AS DATE)`);
    expect(garcia).toEqual({ player_name: 'Yimi García' });
  });

  it('agrees with Retrosheet on strikeouts, outs and batters faced for every start both sources have', async () => {
    await importFiles(store.db, { format: 'retrosheet', paths: [PITCHING_2023] });
    const [row] = await store.db.query<{ pairs: number; same_k: number; same_outs: number; same_bf: number; same_all: number }>(
      `SELECT COUNT(*) AS pairs,
              SUM(CASE WHEN b.strikeouts = r.strikeouts THEN 1 ELSE 0 END) AS same_k,
              SUM(CASE WHEN b.outs = r.outs THEN 1 ELSE 0 END) AS same_outs,
              SUM(CASE WHEN b.batters_faced = r.batters_faced THEN 1 ELSE 0 END) AS same_bf,
              SUM(CASE WHEN b.hits = r.hits AND b.earned_runs = r.earned_runs AND b.walks = r.walks AND b.runs = r.runs THEN 1 ELSE 0 END) AS same_all
       FROM curated.player_game_logs b
       JOIN curated.player_game_logs r ON r.game_id = b.game_id AND r.team_id = b.team_id AND r.started AND r.source_format = 'retrosheet'
       WHERE b.source_format = 'bref-pitching' AND b.started`,
    );
    // 3,522 starts from Mar 30 to Aug 15 outside doubleheaders; 4 differ only in hits/earned runs (scoring changes).
    expect([row!.pairs, row!.same_k, row!.same_outs, row!.same_bf, row!.same_all].map(Number)).toEqual([3522, 3522, 3522, 3522, 3518]);
    // Justin Steele in London, 2023-06-24: both sources say 8 K in 18 outs.
    const steele = await store.db.query<{ source_format: string; strikeouts: number; outs: number }>(
      `SELECT source_format, strikeouts, outs FROM curated.player_game_logs WHERE player_ref IN ('retro:steej002', 'mlbam:657006') AND game_date = CAST('2023-06-24' AS DATE) ORDER BY source_format`,
    );
    expect(steele).toEqual([
      { source_format: 'bref-pitching', strikeouts: 8, outs: 18 },
      { source_format: 'retrosheet', strikeouts: 8, outs: 18 },
    ]);
  });

  it('adds nothing when imported again', async () => {
    const again = await importFiles(store.db, { format: 'bref-pitching', paths: [BREF] });
    expect(again).toMatchObject({ rows_in: 15779, loaded: 0, quarantined: 0, duplicates: 15779 });
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE source_format = 'bref-pitching'`)).toBe(14860);
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('bref-pitching on %s: synthetic bad variants of real rows', (engine) => {
  let store: TestStore;
  let dir: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    dir = mkdtempSync(join(tmpdir(), 'sharpline-bref-'));
  });
  afterAll(async () => {
    await store?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('quarantines unknown clubs, bad dates, bad counts, truncated rows and opponents the file cannot name', async () => {
    const [header, ...rows] = parse(readFileSync(BREF, 'utf8'), { relax_column_count: true }) as string[][];
    const at = (name: string) => header!.indexOf(name);
    // Opening day without the Los Angeles staffs: their opponents (Oakland, Arizona) can no longer tell which LA club.
    const day = rows.filter((r) => r[at('Date')] === 'Mar 30, 2023' && r[at('Tm')] !== 'Los Angeles');
    expect(day).toHaveLength(136);
    const row = (name: string) => day.find((r) => r[at('Name')] === name)!;
    const set = (name: string, column: string, value: string) => {
      row(name)[at(column)] = value;
    };
    set('Bryan Abreu', 'Tm', 'Gotham');
    set('Jason Adam', 'Date', 'Feb 30, 2023');
    set('Keegan Akin', 'SO', '-1');
    set('Zac Gallen', 'Lev', 'AAA'); // an Arizona line: refused for its league before its opponent is sought
    set('Zach Jackson', 'IP', '5.4');
    set('Kyle Muller', 'SO', 'x');
    set('Gerrit Cole', 'H', '40'); // more hits than batters faced
    const truncated = row('Corbin Burnes');
    truncated.splice(12);
    const csv = [header!, ...day].map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')).join('\n') + '\n';
    const file = join(dir, 'bref_bad.csv');
    writeFileSync(file, csv);

    const summary = await importFiles(store.db, { format: 'bref-pitching', paths: [file], synthetic: true });
    const reasons = await store.db.query<{ reason_code: string; field: string | null; n: number }>(
      `SELECT reason_code, field, COUNT(*) AS n FROM ops.quarantine WHERE file_path = $1 GROUP BY reason_code, field ORDER BY reason_code, field`,
      [file],
    );
    expect(reasons.map((r) => [r.reason_code, r.field, Number(r.n)])).toEqual([
      // Oakland 5 lines, Arizona 5, less the three edited above for another reason.
      ['ambiguous_team', 'Opp', 7],
      ['impossible_value', 'SO', 1],
      ['inconsistent_stats', 'BF', 1],
      ['invalid_date', 'Date', 1],
      ['invalid_number', 'IP', 1],
      ['invalid_number', 'SO', 1],
      ['invalid_value', 'Lev', 1],
      ['missing_columns', null, 1],
      ['unknown_team', 'Tm', 1],
    ]);
    expect(summary).toMatchObject({ rows_in: 136, quarantined: 15, loaded: 121, duplicates: 0 });
  });
});
