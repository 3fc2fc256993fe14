/**
 * The `retrosheet` format on both engines: the bundled 2023 excerpts (games incl. a doubleheader,
 * Mexico City, London and the All-Star game; the pitching lines of 2023-04-18), the bundled sample,
 * synthetic bad rows, and the full shared-data files (2019–2021, 2023 game info; 2023 pitching).
 * Retrosheet notice: "The information used here was obtained free of charge from and is
 * copyrighted by Retrosheet. Interested parties may contact Retrosheet at www.retrosheet.org."
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import type { SqlValue } from '../../src/store/database.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/retrosheet');
const GAMEINFO = join(FIXTURES, '2023gameinfo_excerpt.csv');
const PITCHING = join(FIXTURES, '2023pitching_excerpt.csv');
const SAMPLE = join(import.meta.dirname, '../../data/sample/mlb');

const iso = (value: unknown) => new Date(value as string).toISOString();
const count = async (store: TestStore, sql: string, params: SqlValue[] = []) => Number((await store.db.query<{ n: number }>(sql, params))[0]!.n);

describe.each(ENGINES)('retrosheet on %s: bundled 2023 excerpts', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('loads every game of the excerpt; the All-Star game loads but stages no game', async () => {
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: [GAMEINFO] });
    expect(summary).toMatchObject({ rows_in: 47, loaded: 47, quarantined: 0, duplicates: 0 });
    // 47 rows: 43 games of Apr 17–19, 2 in Mexico City, 1 in London, and the All-Star game (ALS/NLS, no clubs).
    expect(summary.curated.games_created).toBe(46);
    expect(await count(store, `SELECT COUNT(*) AS n FROM raw.records WHERE source_format = 'retrosheet'`)).toBe(47);
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.games WHERE game_date = CAST('2023-07-11' AS DATE)`)).toBe(0);

    // Phillies at White Sox, 2023-04-18, doubleheader: PHI 7–4 in game 1 (3:10PM CDT), CHA 3–0 in game 2 (6:40PM CDT).
    const dh = await store.db.query(
      `SELECT g.game_number, g.home_score, g.away_score, g.start_at, g.is_neutral_site, g.season, g.season_type, g.status, s.source_game_ref
       FROM curated.games g JOIN curated.game_sources s ON s.game_id = g.game_id
       WHERE g.game_date = CAST('2023-04-18' AS DATE) AND g.home_team_id = 'mlb-cws' AND g.away_team_id = 'mlb-phi' ORDER BY g.game_number`,
    );
    expect(dh.map((g) => ({ ...g, start_at: iso(g.start_at) }))).toEqual([
      { game_number: 1, home_score: 4, away_score: 7, start_at: '2023-04-18T20:10:00.000Z', is_neutral_site: false, season: 2023, season_type: 'regular', status: 'final', source_game_ref: 'CHA202304181' },
      { game_number: 2, home_score: 3, away_score: 0, start_at: '2023-04-18T23:40:00.000Z', is_neutral_site: false, season: 2023, season_type: 'regular', status: 'final', source_game_ref: 'CHA202304182' },
    ]);

    // Cubs 9, Cardinals 1 in London (the Cardinals were the designated home club), 6:10PM BST.
    const [london] = await store.db.query(
      `SELECT home_team_id, away_team_id, home_score, away_score, start_at, is_neutral_site FROM curated.games WHERE game_date = CAST('2023-06-24' AS DATE)`,
    );
    expect({ ...london, start_at: iso(london!.start_at) }).toEqual({
      home_team_id: 'mlb-stl', away_team_id: 'mlb-chc', home_score: 1, away_score: 9, start_at: '2023-06-24T17:10:00.000Z', is_neutral_site: true,
    });
    // Giants at Padres in Mexico City: 5:05PM local (UTC−6, Mexico has no DST since 2022).
    const [mexico] = await store.db.query(
      `SELECT home_team_id, away_team_id, home_score, away_score, start_at, is_neutral_site FROM curated.games WHERE game_date = CAST('2023-04-29' AS DATE)`,
    );
    expect({ ...mexico, start_at: iso(mexico!.start_at) }).toEqual({
      home_team_id: 'mlb-sd', away_team_id: 'mlb-sf', home_score: 16, away_score: 11, start_at: '2023-04-29T23:05:00.000Z', is_neutral_site: true,
    });
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.games WHERE is_neutral_site`)).toBe(3);
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.games WHERE start_at IS NULL`)).toBe(0);
  });

  it('links every pitching line of 2023-04-18 and London to its game, doubleheaders included', async () => {
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: [PITCHING] });
    expect(summary).toMatchObject({ rows_in: 172, loaded: 172, quarantined: 0, duplicates: 0 });
    // 20 of the 172 lines are All-Star pitchers: loaded, no log.
    expect(summary.curated.player_logs_added).toBe(152);
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE game_id IS NULL`)).toBe(0);
    // 18 games (17 on Apr 18, London), one starter per club.
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE started`)).toBe(36);

    // Eduardo Rodriguez, game 2 of Guardians at Tigers: 8 IP, 4 H, 0 R, 0 BB, 10 K.
    const [rodriguez] = await store.db.query(
      `SELECT l.player_name, l.team_id, l.opponent_team_id, l.is_home, l.game_number, l.started, l.outs, l.batters_faced, l.strikeouts, l.walks,
              l.hits, l.runs, l.earned_runs, l.home_runs, l.pitches, g.game_number AS linked_game_number, g.home_team_id
       FROM curated.player_game_logs l JOIN curated.games g ON g.game_id = l.game_id
       WHERE l.player_ref = 'retro:rodre004' AND l.game_date = CAST('2023-04-18' AS DATE)`,
    );
    expect(rodriguez).toEqual({
      player_name: null, team_id: 'mlb-det', opponent_team_id: 'mlb-cle', is_home: true, game_number: 2, started: true, outs: 24, batters_faced: 27,
      strikeouts: 10, walks: 0, hits: 4, runs: 0, earned_runs: 0, home_runs: 0, pitches: null, linked_game_number: 2, home_team_id: 'mlb-det',
    });
    // Justin Steele in London: 6 IP, 5 H, 1 R, 1 BB, 8 K, as the visitor.
    const [steele] = await store.db.query(
      `SELECT is_home, team_id, opponent_team_id, outs, batters_faced, hits, runs, earned_runs, walks, strikeouts, home_runs
       FROM curated.player_game_logs WHERE player_ref = 'retro:steej002'`,
    );
    expect(steele).toEqual({ is_home: false, team_id: 'mlb-chc', opponent_team_id: 'mlb-stl', outs: 18, batters_faced: 24, hits: 5, runs: 1, earned_runs: 1, walks: 1, strikeouts: 8, home_runs: 0 });
  });

  it('adds nothing when the excerpts are imported again', async () => {
    const again = await importFiles(store.db, { format: 'retrosheet', paths: [GAMEINFO, PITCHING] });
    expect(again).toMatchObject({ rows_in: 219, loaded: 0, quarantined: 0, duplicates: 219 });
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(await count(store, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(46);
    expect(await count(store, 'SELECT COUNT(*) AS n FROM curated.player_game_logs')).toBe(152);
  });

  it('loads the bundled sample (2023 opening days) with every line linked', async () => {
    const summary = await importFiles(store.db, {
      format: 'retrosheet',
      paths: [join(SAMPLE, 'retrosheet_2023_opening_days_gameinfo.csv'), join(SAMPLE, 'retrosheet_2023_opening_days_pitching.csv')],
    });
    expect(summary.files.map((f) => [f.rows_in, f.loaded, f.quarantined])).toEqual([[50, 50, 0], [442, 442, 0]]);
    expect(summary.curated).toMatchObject({ games_created: 50, player_logs_added: 442 });
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE game_id IS NULL`)).toBe(0);
    // Opening Day at Fenway: Orioles 10, Red Sox 9 at 2:10PM EDT; Kyle Gibson started for Baltimore (5 IP, 3 K).
    const [fenway] = await store.db.query(
      `SELECT home_score, away_score, start_at FROM curated.games WHERE game_date = CAST('2023-03-30' AS DATE) AND home_team_id = 'mlb-bos'`,
    );
    expect({ ...fenway, start_at: iso(fenway!.start_at) }).toEqual({ home_score: 9, away_score: 10, start_at: '2023-03-30T18:10:00.000Z' });
    const [gibson] = await store.db.query(
      `SELECT team_id, started, outs, batters_faced, hits, strikeouts FROM curated.player_game_logs WHERE player_ref = 'retro:gibsk002' AND game_date = CAST('2023-03-30' AS DATE)`,
    );
    expect(gibson).toEqual({ team_id: 'mlb-bal', started: true, outs: 15, batters_faced: 21, hits: 6, strikeouts: 3 });
  });
});

/** The fixture's rows as cells (no quoted commas in Retrosheet files). */
function fixtureRows(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));
  return { header: header!, rows };
}

describe.each(ENGINES)('retrosheet on %s: bad input', (engine) => {
  let store: TestStore;
  let dir: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    dir = mkdtempSync(join(tmpdir(), 'sharpline-retrosheet-'));
  });
  afterAll(async () => {
    await store?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const quarantine = async (file: string) =>
    (await store.db.query<{ row_number: number; reason_code: string; field: string | null }>(
      `SELECT row_number, reason_code, field FROM ops.quarantine WHERE file_path = $1 ORDER BY row_number`,
      [file],
    )).map((q) => [q.row_number, q.reason_code, q.field]);

  it('quarantines game rows it cannot read, naming the field', async () => {
    const { header, rows } = fixtureRows(GAMEINFO);
    const col = (name: string) => header.indexOf(name);
    const edit = (row: string[], changes: Record<string, string>) => row.map((v, i) => changes[header[i]!] ?? v);
    const lines = [
      edit(rows[0]!, { visteam: 'XYZ' }), // line 2: unknown team
      edit(rows[1]!, { date: '20230431' }), // line 3: no April 31
      edit(rows[2]!, { hruns: '-3' }), // line 4: negative score
      edit(rows[3]!, { vruns: 'x' }), // line 5: non-numeric score
      edit(rows[4]!, { wteam: rows[4]![col('lteam')]! }), // line 6: winner contradicts the runs
      rows[5]!.slice(0, 10), // line 7: truncated
      edit(rows[6]!, { site: 'ZZZ99' }), // line 8: unknown park: loads without a start instant
      edit(rows[7]!, { gametype: 'spring' }), // line 9: not a known game type
      edit(rows[8]!, { gid: `${rows[8]![col('gid')]!.slice(0, 11)}3` }), // line 10: gid names game 3, number says 0
      rows[9]!, // line 11: untouched
    ];
    const file = join(dir, 'gameinfo_bad.csv');
    writeFileSync(file, [header, ...lines].map((r) => r.join(',')).join('\n') + '\n');
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: [file], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 10, loaded: 2, quarantined: 8, duplicates: 0 });
    expect(await quarantine(file)).toEqual([
      [2, 'unknown_team', 'visteam'],
      [3, 'invalid_date', 'date'],
      [4, 'impossible_score', 'hruns'],
      [5, 'invalid_score', 'vruns'],
      [6, 'inconsistent_score', 'wteam'],
      [7, 'missing_columns', null],
      [9, 'invalid_value', 'gametype'],
      [10, 'inconsistent_game_id', 'gid'],
    ]);
    const [unknownPark] = await store.db.query(`SELECT start_at, is_neutral_site FROM curated.games WHERE game_id IN (SELECT game_id FROM curated.game_sources WHERE source_game_ref = $1)`, [rows[6]![0]!]);
    expect(unknownPark).toEqual({ start_at: null, is_neutral_site: false });
  });

  it('quarantines pitching lines with bad or impossible counts; alternative stattype rows stage nothing', async () => {
    const { header, rows } = fixtureRows(PITCHING);
    const edit = (row: string[], changes: Record<string, string>) => row.map((v, i) => changes[header[i]!] ?? v);
    const lines = [
      edit(rows[0]!, { p_k: 'x' }), // line 2
      edit(rows[1]!, { p_bfp: '-1' }), // line 3
      edit(rows[2]!, { p_h: '40' }), // line 4: more hits than batters faced
      edit(rows[3]!, { team: 'XYZ' }), // line 5: a Twins line at Fenway (the gid names the opp as home)
      edit(rows[4]!, { stattype: 'official' }), // line 6: Retrosheet's official-figure variant: loads, no second line
      edit(rows[5]!, { stattype: 'bogus' }), // line 7
      rows[6]!.slice(0, 8), // line 8: truncated
      edit(rows[7]!, { date: '2023-04-18' }), // line 9: ISO instead of YYYYMMDD
      rows[8]!, // line 10: untouched
    ];
    expect(rows[3]![header.indexOf('gid')]!.slice(0, 3)).not.toBe(rows[3]![header.indexOf('team')]);
    const file = join(dir, 'pitching_bad.csv');
    writeFileSync(file, [header, ...lines].map((r) => r.join(',')).join('\n') + '\n');
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: [file], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 9, loaded: 2, quarantined: 7, duplicates: 0 });
    expect(summary.curated.player_logs_added).toBe(1);
    expect(await quarantine(file)).toEqual([
      [2, 'invalid_number', 'p_k'],
      [3, 'impossible_value', 'p_bfp'],
      [4, 'inconsistent_stats', 'p_bfp'],
      [5, 'unknown_team', 'team'],
      [7, 'invalid_value', 'stattype'],
      [8, 'missing_columns', null],
      [9, 'invalid_date', 'date'],
    ]);
  });

  it('refuses other Retrosheet layouts row by row, and files without the shared columns outright', async () => {
    const teamstats = join(dir, 'teamstats.csv');
    writeFileSync(teamstats, 'gid,team,inn1,date,number,gametype\nCHA202304181,PHI,0,20230418,1,regular\n');
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: [teamstats], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 1, loaded: 0, quarantined: 1 });
    expect(await quarantine(teamstats)).toEqual([[2, 'unsupported_layout', null]]);

    const players = join(dir, 'allplayers.csv');
    writeFileSync(players, 'id,last,first,bat,throw,team,pos\narozr001,Arozarena,Randy,R,R,TBA,OF\n');
    const refused = await importFiles(store.db, { format: 'retrosheet', paths: [players], synthetic: true });
    expect(refused.files[0]).toMatchObject({ status: 'failed', rows_in: 0 });
    expect(refused.files[0]!.error).toContain('missing columns gid, date, number, gametype');
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('retrosheet on %s: full shared-data files', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('loads every game of 2019–2021 and 2023; only the All-Star games stage nothing', async () => {
    const years = [2019, 2020, 2021, 2023];
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: years.map((y) => sharedPath('mlb', 'retrosheet', `${y}gameinfo.csv`)) });
    expect(summary.files.map((f) => [f.rows_in, f.loaded, f.quarantined, f.duplicates])).toEqual([
      [2467, 2467, 0, 0],
      [951, 951, 0, 0],
      [2467, 2467, 0, 0],
      [2472, 2472, 0, 0],
    ]);
    // One game per row, less the All-Star games of 2019, 2021 and 2023 (none was played in 2020).
    expect(summary.curated.games_created).toBe(2466 + 951 + 2466 + 2471);
    const bySeason = await store.db.query<{ season: number; games: number; postseason: number; neutral: number; second_games: number; no_start: number }>(
      `SELECT season, COUNT(*) AS games, SUM(CASE WHEN season_type = 'postseason' THEN 1 ELSE 0 END) AS postseason,
              SUM(CASE WHEN is_neutral_site THEN 1 ELSE 0 END) AS neutral, SUM(CASE WHEN game_number = 2 THEN 1 ELSE 0 END) AS second_games,
              SUM(CASE WHEN start_at IS NULL THEN 1 ELSE 0 END) AS no_start
       FROM curated.games GROUP BY season ORDER BY season`,
    );
    expect(bySeason.map((r) => [r.season, Number(r.games), Number(r.postseason), Number(r.neutral), Number(r.second_games), Number(r.no_start)])).toEqual([
      // neutral: 2019 Tokyo 2, Monterrey 4, Omaha 1, London 2, Williamsport 1; 2020 the 35 postseason games in bubble
      // parks that were not the home club's; 2021 Dyersville, Williamsport; 2023 Mexico City 2, London 2, Williamsport.
      [2019, 2466, 37, 10, 33, 0],
      [2020, 951, 53, 35, 56, 0],
      [2021, 2466, 37, 2, 59, 0],
      [2023, 2471, 41, 5, 35, 0],
    ]);
    // 2020: the Blue Jays' 26 home games in Buffalo are home games, not neutral-site ones.
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2020 AND home_team_id = 'mlb-tor' AND NOT is_neutral_site`)).toBe(26);
  });

  it('links all 21,042 club pitching lines of 2023 to their games (the 20 All-Star lines stage nothing)', async () => {
    const summary = await importFiles(store.db, { format: 'retrosheet', paths: [sharedPath('mlb', 'retrosheet', '2023pitching.csv')] });
    expect(summary).toMatchObject({ rows_in: 21062, loaded: 21062, quarantined: 0, duplicates: 0 });
    expect(summary.curated.player_logs_added).toBe(21042);
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE game_id IS NULL`)).toBe(0);
    // Every game of 2023 has exactly one starter per club.
    expect(await count(store, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE started`)).toBe(2 * 2471);
  });
});
