/**
 * `quarantine list | show | retry` on a copy of the real nflverse sample (536 games).
 *
 * Two quarantined rows, both real scenarios:
 * - Line 11 (CIN at SEA) has its home team renamed to "ZZZ", a code the team registry does not
 *   know: today's importer quarantines it (unknown_team), and a retry must keep it quarantined,
 *   with its reason, and count it as still quarantined.
 * - Line 21 (LAC at DET) is a valid row whose quarantine verdict was written by an *older*
 *   importer: the file is imported into raw only, then that record's verdict is recorded the way
 *   `writeStaging` records one (outcome `quarantined` + an ops.quarantine row, reason
 *   `invalid_value`), and `pipeline run` stages the rest with today's rules. This is exactly the
 *   state a store is in after an importer fix ships; a test cannot change the importer's rules or
 *   the built-in team registry, so planting the old verdict is the honest way to get a row that
 *   "now loads". Retry must stage and curate it as a new run, which `pipeline rollback` undoes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { listQuarantine, retryQuarantine, showQuarantine } from '../../src/pipeline/quarantine.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { runPipeline, validateZones } from '../../src/pipeline/run-pipeline.js';
import type { Database } from '../../src/store/database.js';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl/nflverse_games_2019_2020.csv');
const tmp = mkdtempSync(join(tmpdir(), 'sl-quarantine-'));
const FILE = join(tmp, 'nflverse_games_2019_2020.csv');
const lines = readFileSync(SAMPLE, 'utf8').split('\n');
const HOME_TEAM = lines[0]!.split(',').indexOf('home_team');
const UNKNOWN_LINE = 11; // 1-based, header is line 1
const LEGACY_LINE = 21;
{
  const cells = lines[UNKNOWN_LINE - 1]!.split(',');
  expect(cells[HOME_TEAM]).toBe('SEA');
  cells[HOME_TEAM] = 'ZZZ';
  lines[UNKNOWN_LINE - 1] = cells.join(',');
  expect(lines[LEGACY_LINE - 1]).toContain('2019_02_LAC_DET');
  writeFileSync(FILE, lines.join('\n'));
}

async function n(db: Database, sql: string, params: (string | number)[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

describe.each(ENGINES)('quarantine on %s', (engine) => {
  let store: TestStore;
  let legacyHash: string;
  let unknownHash: string;
  let retryRun: number;

  beforeAll(async () => {
    store = await createTestStore(engine);
    const { db } = store;
    const raw = await importFiles(db, { format: 'nflverse-games', paths: [FILE], zone: 'raw', synthetic: true });
    expect(raw.rows_in).toBe(536);
    const [legacy] = await db.query<{ content_hash: string; run_id: number; payload: string }>(
      'SELECT content_hash, run_id, CAST(payload AS VARCHAR) AS payload FROM raw.records WHERE row_number = $1',
      [LEGACY_LINE],
    );
    legacyHash = legacy!.content_hash;
    // The verdict an older importer left (see the module comment).
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO staging.processed_records (source_format, content_hash, run_id, outcome) VALUES ('nflverse-games', $1, $2, 'quarantined')`, [legacyHash, legacy!.run_id]);
      await tx.query(
        `INSERT INTO ops.quarantine (source_format, content_hash, run_id, file_path, row_number, reason_code, field, reason, payload, quarantined_at)
         VALUES ('nflverse-games', $1, $2, $3, $4, 'invalid_value', 'home_score', 'home_score "13" rejected by an older importer', $5, $6)`,
        [legacyHash, legacy!.run_id, FILE, LEGACY_LINE, legacy!.payload, new Date().toISOString()],
      );
    });
    const staged = await runPipeline(db);
    expect(staged.staged).toEqual({ rowsIn: 535, loaded: 534, quarantined: 1, duplicates: 0 });
    const [unknown] = await db.query<{ content_hash: string }>('SELECT content_hash FROM ops.quarantine WHERE reason_code = $1', ['unknown_team']);
    unknownHash = unknown!.content_hash;
  });
  afterAll(async () => store?.cleanup());

  it('list: grouped counts and rows with file, line, reason code, field and message; filters and limit', async () => {
    const list = await listQuarantine(store.db);
    expect(list.total).toBe(2);
    expect(list.groups).toEqual([
      { source_format: 'nflverse-games', reason_code: 'invalid_value', rows: 1 },
      { source_format: 'nflverse-games', reason_code: 'unknown_team', rows: 1 },
    ]);
    expect(list.rows.map((r) => [r.file, r.line, r.reason_code, r.field])).toEqual([
      [FILE, UNKNOWN_LINE, 'unknown_team', 'home_team'],
      [FILE, LEGACY_LINE, 'invalid_value', 'home_score'],
    ]);
    expect(list.rows[0]!.reason).toContain('"ZZZ"');
    const filtered = await listQuarantine(store.db, { reason: 'unknown_team' });
    expect(filtered.total).toBe(1);
    expect(filtered.rows[0]!.content_hash).toBe(unknownHash);
    const limited = await listQuarantine(store.db, { limit: 1 });
    expect([limited.rows.length, limited.left_off]).toEqual([1, 1]);
    expect((await listQuarantine(store.db, { format: 'retrosheet' })).total).toBe(0);
  });

  it('show: the payload as received and the reason; a hash prefix works; an unknown hash is a usage error', async () => {
    const row = await showQuarantine(store.db, 'nflverse-games', unknownHash.slice(0, 10));
    expect(row.content_hash).toBe(unknownHash);
    expect(row.reason_code).toBe('unknown_team');
    expect((row.payload as Record<string, string>).home_team).toBe('ZZZ');
    expect((row.payload as Record<string, string>).game_id).toBe('2019_01_CIN_SEA');
    expect((row.context as Record<string, string>).origin).toBe('synthetic-test');
    await expect(showQuarantine(store.db, 'nflverse-games', 'ffff0000')).rejects.toThrow(/no quarantined nflverse-games row/);
  });

  it('retry --dry-run reports what would load and writes nothing', async () => {
    const runs = await n(store.db, 'SELECT COUNT(*) AS n FROM ops.runs');
    const report = await retryQuarantine(store.db, { dryRun: true });
    expect([report.retried, report.now_loaded, report.still_quarantined, report.run_id]).toEqual([2, 1, 1, null]);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM ops.quarantine')).toBe(2);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM ops.runs')).toBe(runs);
  });

  it('retry: the row that now stages is loaded and curated as a new run; the unknown team stays quarantined', async () => {
    const gamesBefore = await n(store.db, 'SELECT COUNT(*) AS n FROM curated.games');
    expect(gamesBefore).toBe(534);
    const report = await retryQuarantine(store.db);
    expect([report.retried, report.now_loaded, report.still_quarantined]).toEqual([2, 1, 1]);
    expect(report.still_by_reason).toEqual([{ source_format: 'nflverse-games', reason_code: 'unknown_team', rows: 1 }]);
    expect(report.loaded_rows).toEqual([{ source_format: 'nflverse-games', content_hash: legacyHash, file: FILE, line: LEGACY_LINE, was: 'invalid_value' }]);
    expect(report.curated.games_created).toBe(1);
    retryRun = report.run_id!;

    const [run] = await store.db.query<{ command: string; status: string; rows_in: number; loaded: number; quarantined: number }>(
      'SELECT command, status, rows_in, loaded, quarantined FROM ops.runs WHERE run_id = $1',
      [retryRun],
    );
    expect({ ...run, rows_in: Number(run!.rows_in), loaded: Number(run!.loaded), quarantined: Number(run!.quarantined) }).toEqual({
      command: 'quarantine retry', status: 'succeeded', rows_in: 2, loaded: 1, quarantined: 1,
    });
    // The recovered game is in the ONE games table with its quotes, linked to the retry run.
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(535);
    const [game] = await store.db.query<{ game_id: number; home_team_id: string; home_score: number; created_run_id: number }>(
      `SELECT g.game_id, g.home_team_id, g.home_score, g.created_run_id FROM curated.game_sources gs JOIN curated.games g ON g.game_id = gs.game_id
       WHERE gs.source_key = $1`,
      [legacyHash],
    );
    expect([game!.home_team_id, Number(game!.home_score), Number(game!.created_run_id)]).toEqual(['nfl-det', 13, retryRun]);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM curated.quotes WHERE game_id = $1', [game!.game_id])).toBeGreaterThan(0);
    expect(await n(store.db, `SELECT COUNT(*) AS n FROM staging.processed_records WHERE content_hash = $1 AND outcome = 'loaded' AND run_id = $2`, [legacyHash, retryRun])).toBe(1);

    // Still failing: same row, same original run and line, today's reason, and the retry recorded.
    const list = await listQuarantine(store.db);
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ content_hash: unknownHash, line: UNKNOWN_LINE, reason_code: 'unknown_team', field: 'home_team', retried_run_id: retryRun });
    expect((await validateZones(store.db)).every((v) => v.ok)).toBe(true);

    // Nothing left that loads: a second retry (filtered by reason) counts it again and loads nothing.
    const again = await retryQuarantine(store.db, { reason: 'unknown_team' });
    expect([again.retried, again.now_loaded, again.still_quarantined]).toEqual([1, 0, 1]);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(535);
  });

  it('pipeline rollback of the retry run takes the recovered game out again', async () => {
    await rollbackRun(store.db, retryRun);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(534);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM curated.game_sources WHERE source_key = $1', [legacyHash])).toBe(0);
    // The record is back to raw without a staging outcome: the next pipeline run stages it.
    const plan = (await runPipeline(store.db, { dryRun: true })).plan;
    expect(plan.staging_pending).toEqual([{ source_format: 'nflverse-games', files: 1, records: 1 }]);
    expect(await n(store.db, 'SELECT COUNT(*) AS n FROM ops.quarantine')).toBe(1);
  });

  it('CLI: quarantine list / show / retry --dry-run, human and JSON', async () => {
    await store.db.close(); // DuckDB: one process holds the file
    const list = runCli(['quarantine', 'list', '--json'], store.env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ version: 1, total: 1, groups: [{ reason_code: 'unknown_team', rows: 1 }] });
    const human = runCli(['quarantine', 'list', '--format', 'nflverse-games'], store.env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${FILE}:${UNKNOWN_LINE}`);
    const show = runCli(['quarantine', 'show', 'nflverse-games', unknownHash.slice(0, 12)], store.env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('"home_team": "ZZZ"');
    expect(show.stdout).toContain('unknown_team (home_team)');
    const retry = runCli(['quarantine', 'retry', '--dry-run', '--json'], store.env);
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ dry_run: true, retried: 1, now_loaded: 0, still_quarantined: 1 });
    const missing = runCli(['quarantine', 'show', 'nflverse-games', 'ffff0000'], store.env);
    expect(missing.code).toBe(2);
    store.db = await store.reopen();
  });
});
