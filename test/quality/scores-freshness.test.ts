/**
 * Quality scores (formula, engine SQL, history), freshness and collection-gap checks, the quality
 * report and the gate guard, on a store holding the bundled real sample. Defects are planted in the
 * test's own copy; rows the test makes carry a synthetic origin in their lineage.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findCheck, runCheck } from '../../src/quality/checks.js';
import { loadConfig } from '../../src/collect/config.js';
import { DEFAULT_QUALITY_CONFIG, qualityConfig, type QualityConfig } from '../../src/quality/config.js';
import { collectionGapRows, staleSourceRows } from '../../src/quality/freshness.js';
import { runGate } from '../../src/quality/gates.js';
import { qualityReport } from '../../src/quality/report.js';
import { requireGate } from '../../src/quality/require-gate.js';
import { measureScores, scoreRow, worstRows } from '../../src/quality/scores.js';
import type { SqlValue } from '../../src/store/database.js';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { expectSharplineRejection } from '../helpers/errors.js';
import { loadSample } from '../helpers/sample.js';

describe('the row score formula', () => {
  const item = (ok: boolean) => ({ applies: true, present: ok, holds: ok });
  it('is 1 for a row with everything present and every rule holding, 0 when everything is missing or broken', () => {
    expect(scoreRow({ completeness: [item(true), item(true)], validity: [item(true)], consistency: [item(true)] }).score).toBe(1);
    expect(scoreRow({ completeness: [item(false), item(false)], validity: [], consistency: [] }).score).toBe(0);
    expect(scoreRow({ completeness: [item(true)], validity: [item(false), item(false)], consistency: [item(true)] }).score).toBe(0);
    expect(scoreRow({ completeness: [item(true)], validity: [item(true)], consistency: [item(false)] }).score).toBe(0);
  });

  it('is the product of weighted shares, ignoring what does not apply (a component with nothing to judge is 1)', () => {
    const r = scoreRow({
      completeness: [{ applies: true, present: true }, { applies: true, present: false, weight: 0.25 }, { applies: false, present: false }],
      validity: [{ applies: true, holds: true }, { applies: true, holds: false }, { applies: false, holds: false }],
      consistency: [],
    });
    expect(r.completeness).toBeCloseTo(1 / 1.25, 12);
    expect(r.validity).toBe(0.5);
    expect(r.consistency).toBe(1);
    expect(r.score).toBeCloseTo(0.4, 12);
  });

  it('always lies in [0, 1] (property)', () => {
    const parts = fc.array(fc.record({ applies: fc.boolean(), ok: fc.boolean(), weight: fc.double({ min: 0.01, max: 5, noNaN: true }) }), { maxLength: 8 });
    fc.assert(
      fc.property(parts, parts, parts, (c, v, k) => {
        const r = scoreRow({
          completeness: c.map((x) => ({ applies: x.applies, present: x.ok, weight: x.weight })),
          validity: v.map((x) => ({ applies: x.applies, holds: x.ok })),
          consistency: k.map((x) => ({ applies: x.applies, holds: x.ok })),
        });
        for (const x of [r.completeness, r.validity, r.consistency, r.score]) expect(x >= 0 && x <= 1).toBe(true);
        expect(r.score).toBeCloseTo(r.completeness * r.validity * r.consistency, 12);
      }),
    );
  });
});

describe('the quality config', () => {
  afterEach(() => {
    delete process.env.SHARPLINE_CONFIG;
  });
  it('defaults, overrides from the config file, and names a bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-qconfig-'));
    const file = join(dir, 'sharpline.config.json');
    // One file for everything: the collection's reader accepts the quality section and the other way round.
    writeFileSync(file, JSON.stringify({ quality: { scores: { tableMin: 0.95 }, inSeasonDays: 5 }, jobs: { 'update-odds': { cron: '*/15 * * * *' } } }));
    expect(qualityConfig({ SHARPLINE_CONFIG: file })).toMatchObject({ scores: { rowThreshold: DEFAULT_QUALITY_CONFIG.scores.rowThreshold, tableMin: 0.95 }, inSeasonDays: 5 });
    expect(loadConfig({ SHARPLINE_CONFIG: file }).jobs).toEqual({ 'update-odds': { cron: '*/15 * * * *' } });
    // Without SHARPLINE_CONFIG the file is config.json in the store's folder.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ quality: { inSeasonDays: 9 } }));
    expect(qualityConfig({ SHARPLINE_HOME: dir }).inSeasonDays).toBe(9);
    writeFileSync(file, JSON.stringify({ quality: { scores: { tableMin: 1.5 } } }));
    expect(() => qualityConfig({ SHARPLINE_CONFIG: file })).toThrow(/quality\.scores\.tableMin/);
    writeFileSync(file, '{ not json');
    expect(() => qualityConfig({ SHARPLINE_CONFIG: file })).toThrow(/not readable JSON/);
  });
});

describe.each(ENGINES)('scores, freshness, report and gates on %s', (engine) => {
  let store: TestStore;
  const exec = (sql: string, params: SqlValue[] = []) => store.db.execute(sql, params);

  beforeAll(async () => {
    store = await createTestStore(engine);
    await loadSample(store);
  }, 60_000);
  afterAll(async () => store?.cleanup());

  it('scores every staged table of the real sample, records each import run, and passes the score checks', async () => {
    const tables = (await measureScores(store.db)).filter((s) => s.scope === 'table' && s.rows > 0);
    expect(tables.map((t) => t.table).sort()).toEqual(['staging.games', 'staging.player_game_logs', 'staging.quotes']);
    for (const t of tables) {
      expect(t.score!).toBeGreaterThan(DEFAULT_QUALITY_CONFIG.scores.tableMin);
      expect(t.score!).toBeLessThanOrEqual(1);
      expect(t.validity).toBe(1);
      expect(t.consistency).toBe(1);
    }
    // Each import run of the sample left its scores.
    const recorded = await store.db.query<{ run_id: number; table_name: string; row_count: number }>(`SELECT run_id, table_name, row_count FROM ops.quality_scores WHERE scope = 'run'`);
    const staged = await store.db.query<{ run_id: number; n: number }>('SELECT run_id, COUNT(*) AS n FROM staging.games GROUP BY run_id');
    for (const s of staged) expect(recorded.find((r) => Number(r.run_id) === Number(s.run_id) && r.table_name === 'staging.games')?.row_count).toBe(Number(s.n));
    expect((await runCheck(store.db, findCheck('staged_row_quality')!)).offending_count).toBe(0);
    expect((await runCheck(store.db, findCheck('staged_table_quality')!)).offending_count).toBe(0);
  });

  it('rolling back an import run removes the quality scores it recorded', async () => {
    const [run] = await store.db.query<{ run_id: number }>(`SELECT MAX(run_id) AS run_id FROM ops.quality_scores WHERE scope = 'run'`);
    const runId = Number(run!.run_id);
    const count = async () => Number((await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ops.quality_scores WHERE run_id = $1`, [runId]))[0]!.n);
    expect(await count()).toBeGreaterThan(0);
    const { rollbackRun } = await import('../../src/pipeline/rollback-run.js');
    const dry = await rollbackRun(store.db, runId, { dryRun: true });
    expect(dry.removed['ops.quality_scores']).toBe(await count());
    // Restore by re-importing: a store with the sample loaded again afterwards keeps later tests honest.
    await rollbackRun(store.db, runId);
    expect(await count()).toBe(0);
    await loadSample(store);
    expect(Number((await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ops.quality_scores WHERE scope = 'run' AND run_id > $1`, [runId]))[0]!.n)).toBeGreaterThan(0);
  });

  it('a broken staged row scores lower, names what it breaks, and is listed first', async () => {
    const [log] = await store.db.query<{ source_format: string; source_key: string; batters_faced: number; strikeouts: number }>(
      `SELECT source_format, source_key, batters_faced, strikeouts FROM staging.player_game_logs WHERE batters_faced IS NOT NULL AND strikeouts IS NOT NULL ORDER BY source_key LIMIT 1`,
    );
    await exec('UPDATE staging.player_game_logs SET strikeouts = $1, outs = NULL, hits = NULL, walks = NULL, runs = NULL WHERE source_key = $2', [Number(log!.batters_faced) + 5, log!.source_key]);
    try {
      const [worst] = await worstRows(store.db, 'staging.player_game_logs', { limit: 1 });
      expect(worst).toMatchObject({ source_key: log!.source_key });
      expect(String(worst!.failed)).toContain('inconsistent:strikeouts_within_batters');
      expect(String(worst!.failed)).toContain('missing:outs');
      // Of the consistency rules only two can be judged without hits, walks and runs: distinct teams (holds), strikeouts within batters (breaks).
      expect(Number(worst!.consistency)).toBeCloseTo(1 / 2, 12);
      expect(Number(worst!.score)).toBeLessThan(DEFAULT_QUALITY_CONFIG.scores.rowThreshold);
      const check = await runCheck(store.db, findCheck('staged_row_quality')!);
      expect(check.offending_count).toBe(1);
      expect(check.examples[0]).toMatchObject({ table_name: 'staging.player_game_logs', row_key: `${log!.source_format}/${log!.source_key}` });
    } finally {
      await exec('UPDATE staging.player_game_logs SET strikeouts = $1 WHERE source_key = $2', [log!.strikeouts, log!.source_key]);
    }
  });

  it('staged_table_quality fails a table whose mean score drops under the minimum', async () => {
    // Every staged quote of the sample loses its price: completeness of a moneyline quote halves.
    await exec('CREATE TABLE ops.test_prices AS SELECT source_format, source_key, quote_seq, price_decimal FROM staging.quotes');
    await exec('UPDATE staging.quotes SET price_decimal = NULL');
    try {
      const outcome = await runCheck(store.db, findCheck('staged_table_quality')!);
      expect(outcome.examples).toEqual([expect.objectContaining({ table_name: 'staging.quotes', validity: 1, consistency: 1 })]);
      expect(Number(outcome.examples[0]!.score)).toBeLessThan(DEFAULT_QUALITY_CONFIG.scores.tableMin);
    } finally {
      await exec(`UPDATE staging.quotes SET price_decimal = t.price_decimal FROM ops.test_prices t WHERE t.source_format = staging.quotes.source_format AND t.source_key = staging.quotes.source_key AND t.quote_seq = staging.quotes.quote_seq`);
      await exec('DROP TABLE ops.test_prices');
    }
    expect((await runCheck(store.db, findCheck('staged_table_quality')!)).offending_count).toBe(0);
  });

  describe('freshness of a live source', () => {
    // "Now" is a Sunday of the sample's NFL season, so the NFL is in season.
    const now = new Date('2020-11-15T20:00:00Z');
    const config: QualityConfig = { ...DEFAULT_QUALITY_CONFIG, freshness: { 'espn-scoreboard': { maxHours: 26, sports: ['nfl'] } } };
    const deliver = async (at: string, n: number) =>
      exec(
        `INSERT INTO raw.records (source_format, content_hash, run_id, file_path, row_number, context, payload, ingested_at)
         VALUES ('espn-scoreboard', $1, 0, 'synthetic://freshness-test', $2, '{"origin":"synthetic-test"}', '{}', $3)`,
        [`synthetic-${n}`, n, at],
      );
    afterEach(async () => {
      await exec(`DELETE FROM raw.records WHERE file_path = 'synthetic://freshness-test'`);
    });

    it('is quiet for a source that delivered within its limit, and for archives (never live)', async () => {
      await deliver('2020-11-15T08:00:00Z', 1);
      expect(await staleSourceRows(store.db, { now, config })).toEqual([]);
      expect(await collectionGapRows(store.db, { now, config })).toEqual([]);
      // The defaults name no archive format: the sample's file imports are never stale.
      expect(await staleSourceRows(store.db, { now })).toEqual([]);
    });

    it('flags a source silent for longer than its limit while its sport is in season, not out of season', async () => {
      await deliver('2020-11-13T08:00:00Z', 1);
      expect(await staleSourceRows(store.db, { now, config })).toEqual([{ source: 'espn-scoreboard', sport: 'nfl', last_data_at: '2020-11-13T08:00:00.000Z', hours_since: 60, max_hours: 26 }]);
      expect(await staleSourceRows(store.db, { now: new Date('2020-07-01T00:00:00Z'), config })).toEqual([]);
      expect(await staleSourceRows(store.db, { now, config, sport: 'mlb' })).toEqual([]);
    });

    it('finds a gap in deliveries with games played in it, and none when no game fell in the gap', async () => {
      await deliver('2020-11-05T12:00:00Z', 1);
      await deliver('2020-11-10T12:00:00Z', 2);
      await deliver('2020-11-15T12:00:00Z', 3);
      const gaps = await collectionGapRows(store.db, { now, config });
      // 2020-11-08 (week 9 Sunday) lies in the first gap; 2020-11-12/15 in the second (Thursday game on the 12th).
      const nflGames = async (from: string, to: string) => Number((await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'nfl' AND game_date > CAST($1 AS DATE) AND game_date < CAST($2 AS DATE)`, [from, to]))[0]!.n);
      expect(gaps).toEqual([
        { source: 'espn-scoreboard', sport: 'nfl', gap_from: '2020-11-05T12:00:00.000Z', gap_to: '2020-11-10T12:00:00.000Z', hours: 120, max_hours: 26, games_in_gap: await nflGames('2020-11-05', '2020-11-10') },
        { source: 'espn-scoreboard', sport: 'nfl', gap_from: '2020-11-10T12:00:00.000Z', gap_to: '2020-11-15T12:00:00.000Z', hours: 120, max_hours: 26, games_in_gap: await nflGames('2020-11-10', '2020-11-15') },
      ]);
      expect(gaps[0]!.games_in_gap).toBeGreaterThan(10);
      // With a limit longer than the gaps, nothing is reported.
      expect(await collectionGapRows(store.db, { now, config: { ...config, freshness: { 'espn-scoreboard': { maxHours: 200, sports: ['nfl'] } } } })).toEqual([]);
    });
  });

  it('quality report shows gate runs, each check against the previous run, and table scores over time', async () => {
    await runGate(store.db, 'training');
    const [game] = await store.db.query<{ game_id: number }>(`SELECT game_id FROM curated.games WHERE sport = 'nfl' AND status = 'final' ORDER BY game_id LIMIT 1`);
    await exec('UPDATE curated.games SET home_score = -1 WHERE game_id = $1', [game!.game_id]);
    try {
      await runGate(store.db, 'training');
    } finally {
      await exec('UPDATE curated.games SET home_score = (SELECT MAX(s.home_score) FROM curated.game_sources s WHERE s.game_id = curated.games.game_id) WHERE game_id = $1', [game!.game_id]);
    }
    const report = await qualityReport(store.db, { gate: 'training' });
    expect(report.gate_runs.slice(0, 2).map((r) => r.passed)).toEqual([false, true]);
    expect(report.check_trends.find((t) => t.check === 'games_scores_plausible')).toMatchObject({ latest: 1, previous: 0, change: 1, failed_runs: 1 });
    const games = report.table_scores.find((t) => t.table === 'staging.games')!;
    expect(games.measurements).toBeGreaterThanOrEqual(2);
    expect(games.latest).toBe(games.previous);
    expect(report.run_scores.length).toBeGreaterThan(0);
  });

  it('requireGate stops an action on a failing gate, naming check and row; force runs it and logs the override', async () => {
    const [game] = await store.db.query<{ game_id: number; home_score: number }>(`SELECT game_id, home_score FROM curated.games WHERE sport = 'nfl' AND status = 'final' ORDER BY game_id LIMIT 1`);
    await exec('UPDATE curated.games SET home_score = 500 WHERE game_id = $1', [game!.game_id]);
    try {
      await expectSharplineRejection(() => requireGate(store.db, 'training', { sport: 'nfl', action: 'the backtest' }), 'SL_QUALITY_GATE', 'so the backtest stopped', 'games_scores_plausible (1 rows', `"game_id":${game!.game_id}`, '--force');
      const forced = await requireGate(store.db, 'training', { sport: 'nfl', action: 'the backtest', force: true });
      expect(forced).toMatchObject({ passed: false, forced: true, failed_checks: ['games_scores_plausible'] });
      const [override] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ops.runs WHERE command = 'quality override' AND status = 'succeeded'`);
      expect(Number(override!.n)).toBe(1);
      // A dry run neither records the gate run nor the override.
      const before = Number((await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM ops.quality_runs'))[0]!.n);
      await requireGate(store.db, 'training', { sport: 'nfl', action: 'training', force: true, dryRun: true });
      expect(Number((await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM ops.quality_runs'))[0]!.n)).toBe(before);
    } finally {
      await exec('UPDATE curated.games SET home_score = $1 WHERE game_id = $2', [game!.home_score, game!.game_id]);
    }
  });

  it.runIf(engine === 'duckdb')('the CLI: quality scores, --worst, report, and clear usage errors', async () => {
    await store.db.close();
    try {
      const scores = runCli(['quality', 'scores', '--json'], store.env);
      expect(scores.code).toBe(0);
      const parsed = JSON.parse(scores.stdout) as { scores: { table: string; score: number | null }[] };
      expect(parsed.scores.map((s) => s.table)).toContain('staging.games');
      const worst = runCli(['quality', 'scores', '--table', 'staging.games', '--worst', '3', '--json'], store.env);
      expect(JSON.parse(worst.stdout)).toMatchObject({ table: 'staging.games' });
      const report = runCli(['quality', 'report'], store.env);
      expect(report.code).toBe(0);
      expect(report.stdout).toContain('Staged table scores over time');
      const bad = runCli(['quality', 'scores', '--table', 'staging.nope'], store.env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('unknown table "staging.nope"');
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    } finally {
      store.db = await store.reopen();
    }
  });
});
