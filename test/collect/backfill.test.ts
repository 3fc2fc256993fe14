/**
 * Backfill through raw → staging → curated on each engine, against the fault-injecting replay
 * server: a 429 with Retry-After, truncated JSON, a window whose requests keep failing, schema drift.
 * Failed windows are named and checkpointed; `--resume` fetches just those; a backfill killed
 * mid-run and resumed ends identical to an uninterrupted one; sources meet in one curated game.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill, backfillVerdict, type BackfillOptions } from '../../src/collect/backfill.js';
import { listSourceHealth } from '../../src/collect/source-health.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { syncOutcomes } from '../../src/pipeline/sync-outcomes.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { snapshotStore } from '../helpers/snapshot.js';
import { espnHandler, mlbHandler, oddsApiHandler, shiftedSnapshot } from './fixtures.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';

const ROOT = join(import.meta.dirname, '../..');
const KEY_ENV = { THE_ODDS_API_KEY: 'test-key' };

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer((url) => oddsApiHandler(url) ?? mlbHandler(url) ?? espnHandler(url));
});
afterAll(() => server.close());

const oddsOptions = (from: string, to: string, extra: Partial<BackfillOptions> = {}): BackfillOptions => ({
  source: 'the-odds-api',
  from,
  to,
  sports: ['nba'],
  synthetic: true,
  config: { sources: { 'the-odds-api': { baseUrl: server.url } } },
  env: KEY_ENV,
  client: { ratePerSecond: 1000, burst: 10, timeoutMs: 500, maxAttempts: 2, initialDelayMs: 5, random: () => 0.5 },
  ...extra,
});

const onDay = (day: string) => (url: URL) => (url.searchParams.get('date') ?? '').startsWith(day);

describe.each(ENGINES)('collect backfill on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(() => store.cleanup());

  it('survives faults, names failed windows, quarantines what it cannot parse, and --resume retries just those', async () => {
    server.addFault({ kind: 'status', status: 429, retryAfter: '1', times: 1, match: onDay('2023-01-01') });
    server.addFault({ kind: 'truncate', times: 2, match: onDay('2023-01-02') }); // truncated twice: quarantined
    server.addFault({ kind: 'truncate', times: 1, match: onDay('2023-01-05') }); // once: fetched again, loaded
    server.addFault({ kind: 'status', status: 500, times: 2, match: onDay('2023-01-03') });
    const drifted = JSON.parse(shiftedSnapshot('2023-01-04'));
    drifted.data[0].homeTeam = drifted.data[0].home_team;
    delete drifted.data[0].home_team;
    server.addFault({ kind: 'body', body: JSON.stringify(drifted), times: 1, match: onDay('2023-01-04') });

    const start = server.requests.length;
    const report = await backfill(store.db, oddsOptions('2023-01-01', '2023-01-05'));
    const asked = (day: string) => server.requests.slice(start).filter((r) => r.includes(`date=${day}`)).length;
    expect([asked('2023-01-02'), asked('2023-01-05')]).toEqual([2, 2]); // a cut-short body is asked for once more
    expect(report.windows.map((w) => [w.start, w.status])).toEqual([
      ['2023-01-01', 'succeeded'],
      ['2023-01-02', 'succeeded'],
      ['2023-01-03', 'failed'],
      ['2023-01-04', 'succeeded'],
      ['2023-01-05', 'succeeded'],
    ]);
    expect(report.failed_windows[0]!.error).toMatch(/the-odds-api nba 2023-01-03\.\.2023-01-03: .*HTTP 500/);
    expect(backfillVerdict(report)?.message).toMatch(/1 of 5 window\(s\) failed: nba 2023-01-03\.\.2023-01-03; run again with --resume/);
    expect(report.summary).toMatchObject({ succeeded: 4, failed: 1, rows_in: 3 + 1 + 3 + 3, loaded: 8, quarantined: 2, duplicates: 0 });
    expect(report.source_health.quota).toEqual({ remaining: 480, used: 20, last: 3 });

    const quarantine = await store.db.query<{ reason_code: string; field: string | null; reason: string; file_path: string }>(
      `SELECT reason_code, field, reason, file_path FROM ops.quarantine WHERE source_format = 'the-odds-api' ORDER BY reason_code`,
    );
    expect(quarantine.map((q) => [q.reason_code, q.field])).toEqual([
      ['missing_field', 'home_team'],
      ['unparseable_response', 'historical_odds'],
    ]);
    expect(quarantine[1]!.file_path).toMatch(/date=2023-01-02T16:00:00Z/);
    const checkpoints = await store.db.query<{ d: string; status: string; error_message: string | null }>(
      `SELECT CAST(window_start AS VARCHAR) AS d, status, error_message FROM ops.collect_checkpoints WHERE source = 'the-odds-api' ORDER BY 1`,
    );
    expect(checkpoints.map((c) => [c.d, c.status])).toEqual([
      ['2023-01-01', 'succeeded'],
      ['2023-01-02', 'succeeded'],
      ['2023-01-03', 'failed'],
      ['2023-01-04', 'succeeded'],
      ['2023-01-05', 'succeeded'],
    ]);
    // Lineage marks the rows synthetic; rows_in = loaded + quarantined + duplicates per run.
    const [{ n: synthetic } = { n: 0 }] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM raw.records WHERE source_format = 'the-odds-api' AND CAST(context AS VARCHAR) LIKE '%synthetic-test%'`);
    expect(Number(synthetic)).toBe(10); // 3 + 1 unreadable body + 3 (one quarantined) + 3
    const [{ n: off } = { n: 0 }] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ops.runs WHERE command = 'collect' AND rows_in <> loaded + quarantined + duplicates`);
    expect(Number(off)).toBe(0);

    const before = server.requests.length;
    const resumed = await backfill(store.db, oddsOptions('2023-01-01', '2023-01-05', { resume: true }));
    expect(resumed.summary).toMatchObject({ skipped: 4, succeeded: 1, failed: 0, loaded: 3 });
    expect(server.requests.slice(before).map((r) => new URL(r, 'http://x').searchParams.get('date'))).toEqual(['2023-01-03T16:00:00Z']);
    const health = await listSourceHealth(store.db);
    expect(health.find((h) => h.source === 'the-odds-api')).toMatchObject({ breaker_state: 'closed', quota_remaining: 480 });

    // Re-collecting a window without --resume finds every record already there: all duplicates.
    const again = await backfill(store.db, oddsOptions('2023-01-01', '2023-01-01'));
    expect(again.summary).toMatchObject({ loaded: 0, duplicates: 3 });
  });

  it('writes MLB schedule games, innings, probable pitchers, pitcher game logs and transactions', async () => {
    const report = await backfill(store.db, { ...oddsOptions('2024-07-01', '2024-07-01'), source: 'mlb-stats-api', sports: ['mlb'], config: { sources: { 'mlb-stats-api': { baseUrl: server.url } } } });
    // schedule + transactions + a game log for each probable pitcher of the final game
    expect(report.summary).toMatchObject({ succeeded: 1, requests: 4, rows_in: 2 + 3 + 2 + 2, quarantined: 0 });
    const count = async (sql: string) => Number((await store.db.query<{ n: number }>(sql))[0]!.n);
    expect(await count(`SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'mlb' AND status = 'final' AND home_score = 1 AND away_score = 3`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM staging.game_periods WHERE source_format = 'mlb-stats-api'`)).toBe(9);
    expect(await count(`SELECT COUNT(*) AS n FROM staging.mlb_stats_api__probable_pitchers`)).toBe(3);
    expect(await count(`SELECT COUNT(*) AS n FROM staging.mlb_stats_api__transactions WHERE is_injured_list`)).toBe(2);
    expect(await count(`SELECT COUNT(*) AS n FROM staging.player_game_logs WHERE source_format = 'mlb-stats-api' AND player_ref = 'mlbam:686613'`)).toBe(2);
  });

  it('merges odds and scoreboard games into one curated game per matchup', async () => {
    await backfill(store.db, oddsOptions('2022-11-22', '2022-11-22'));
    const espn = await backfill(store.db, { ...oddsOptions('2022-11-22', '2022-11-22'), source: 'espn-scoreboard', config: { sources: { 'espn-scoreboard': { baseUrl: server.url } } } });
    expect(espn.summary).toMatchObject({ succeeded: 1, loaded: 3, quarantined: 0 });
    const games = await store.db.query<{ home_team_id: string; status: string; home_score: number | null; sources: number; quotes: number }>(
      `SELECT g.home_team_id, g.status, g.home_score,
              (SELECT COUNT(DISTINCT gs.source_format) FROM curated.game_sources gs WHERE gs.game_id = g.game_id) AS sources,
              (SELECT COUNT(*) FROM curated.quotes q WHERE q.game_id = g.game_id) AS quotes
       FROM curated.games g WHERE g.game_date = CAST('2022-11-22' AS DATE) ORDER BY g.home_team_id`,
    );
    expect(games.map((g) => [g.home_team_id, g.status, g.home_score, Number(g.sources), Number(g.quotes)])).toEqual([
      ['nba-lac', 'scheduled', null, 2, 18],
      ['nba-mem', 'in_progress', null, 2, 18], // the odds made it scheduled; the scoreboard saw it under way
      ['nba-phi', 'final', 115, 2, 18],
    ]);
    const moved = await store.db.query<{ old_status: string; new_status: string; source_format: string }>(
      `SELECT c.old_status, c.new_status, c.source_format FROM ops.outcome_changes c JOIN curated.games g ON g.game_id = c.game_id
       WHERE c.run_id = $1 AND g.home_team_id = 'nba-mem'`,
      [espn.windows[0]!.run_id!],
    );
    expect(moved).toEqual([{ old_status: 'scheduled', new_status: 'in_progress', source_format: 'espn-scoreboard' }]);
    // A status never moves back: the odds source still says scheduled, and a full sync leaves it.
    const sync = await syncOutcomes(store.db, { syncType: 'all', daysBack: 0 });
    expect(sync.result).toMatchObject({ statusChanges: 0 });
    // Rolling the scoreboard's run back restores what the odds said.
    await rollbackRun(store.db, espn.windows[0]!.run_id!);
    const [mem] = await store.db.query<{ status: string }>(`SELECT status FROM curated.games WHERE game_date = CAST('2022-11-22' AS DATE) AND home_team_id = 'nba-mem'`);
    expect(mem).toEqual({ status: 'scheduled' });
  });
});

/** Runs the child backfill; SIGKILLs it once `window-done N` is printed. */
function runAndKill(env: TestStore['env'], options: BackfillOptions, afterWindows: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/collect/backfill-child.ts'), JSON.stringify({ ...env, ...KEY_ENV }), JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && output.includes(`window-done ${afterWindows}\n`)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

describe.each(ENGINES)('kill and resume a backfill on %s', (engine) => {
  it('ends identical to an uninterrupted backfill', async () => {
    const whole = await createTestStore(engine);
    const killed = await createTestStore(engine);
    try {
      // Slow enough (5 requests/s, two snapshots a day) that the kill lands mid-run.
      const options = oddsOptions('2023-02-01', '2023-02-06', { snapshotTimes: ['12:00', '18:00'], client: { ratePerSecond: 5, burst: 1, timeoutMs: 2000, maxAttempts: 2, initialDelayMs: 5, random: () => 0.5 } });
      const { config: _c, env: _e, ...childOptions } = options;
      await backfill(whole.db, options);

      await killed.db.close();
      const run = await runAndKill(killed.env, { ...childOptions, config: options.config } as BackfillOptions, 2);
      expect(run.killed, run.output).toBe(true);
      const db = await killed.reopen();
      try {
        const partial = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ops.collect_checkpoints WHERE status = 'succeeded'`);
        expect(Number(partial[0]!.n)).toBeGreaterThanOrEqual(2);
        expect(Number(partial[0]!.n)).toBeLessThan(6);
        const resumed = await backfill(db, { ...options, resume: true });
        expect(resumed.summary.failed).toBe(0);
        expect(resumed.summary.skipped).toBe(Number(partial[0]!.n));
        expect(await snapshotStore(db)).toEqual(await snapshotStore(whole.db));
        const cp = (d: typeof db) => d.query(`SELECT source, sport, CAST(window_start AS VARCHAR) AS s, status, rows_in, loaded, quarantined, duplicates FROM ops.collect_checkpoints ORDER BY 3`);
        expect(await cp(db)).toEqual(await cp(whole.db));
      } finally {
        await db.close();
      }
    } finally {
      await whole.cleanup();
      await killed.cleanup().catch(() => undefined);
    }
  });
});
