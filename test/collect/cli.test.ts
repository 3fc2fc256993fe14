/**
 * The commands end to end, as a user runs them, on each engine: `collect` with a failing window
 * (exit 3, the window named), `collect --resume --json`, `health sources --json`, `jobs run`;
 * plus usage errors (exit 2).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { oddsApiHandler } from './fixtures.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';

const ROOT = join(import.meta.dirname, '../..');

/** Runs the CLI without blocking this process (the replay server lives here). */
function cli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, SHARPLINE_HOME: undefined, DATABASE_URL: undefined, REDIS_URL: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(oddsApiHandler);
});
afterAll(() => server.close());

describe.each(ENGINES)('collect, health and jobs commands on %s', (engine) => {
  let store: TestStore;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await store.db.close(); // the CLI process owns the store (DuckDB has one writer)
    const config = join(mkdtempSync(join(tmpdir(), 'sl-cli-')), 'config.json');
    writeFileSync(config, JSON.stringify({ sources: { 'the-odds-api': { baseUrl: server.url, ratePerSecond: 100, maxAttempts: 2, initialDelayMs: 5 } } }));
    env = { ...store.env, SHARPLINE_CONFIG: config, THE_ODDS_API_KEY: 'test-key' };
  });
  afterAll(async () => {
    store.db = await store.reopen();
    await store.cleanup();
  });

  it('collects, names the failed window (exit 3), resumes just that one, and shows source health', async () => {
    server.addFault({ kind: 'status', status: 503, times: 2, match: (u) => (u.searchParams.get('date') ?? '').startsWith('2023-03-02') });
    const first = await cli(['collect', 'the-odds-api', '--from', '2023-03-01', '--to', '2023-03-02', '--sport', 'nba'], env);
    expect(first.code).toBe(3);
    expect(first.stdout).toMatch(/2023-03-01 │ succeeded/);
    expect(first.stderr).toMatch(/1 of 2 window\(s\) failed: nba 2023-03-02\.\.2023-03-02; run again with --resume to retry just those \[SL_COLLECT_PARTIAL\]/);
    const resumed = await cli(['collect', 'the-odds-api', '--from', '2023-03-01', '--to', '2023-03-02', '--sport', 'nba', '--resume', '--json'], env);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout);
    expect(report.windows.map((w: { status: string }) => w.status)).toEqual(['skipped', 'succeeded']);
    expect(report.summary).toMatchObject({ loaded: 3, quarantined: 0 });
    const health = await cli(['health', 'sources', '--json'], env);
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout).sources).toEqual([expect.objectContaining({ source: 'the-odds-api', breaker_state: 'closed', quota_remaining: 480 })]);
  });

  it('runs a job and records it', async () => {
    const run = await cli(['jobs', 'run', 'refresh-cache', '--json'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).run).toMatchObject({ job_name: 'refresh-cache', status: 'succeeded', rows: 0, note: 'no cache configured' });
  });
});

/** Runs the CLI in this process (no store is opened for usage errors): exit code and stderr. */
async function cliInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  const saved = { exitCode: process.exitCode, REDIS_URL: process.env.REDIS_URL, DATABASE_URL: process.env.DATABASE_URL };
  delete process.env.REDIS_URL;
  delete process.env.DATABASE_URL;
  try {
    process.exitCode = 0;
    await main(['node', 'sharpline', ...args]);
    return { code: Number(process.exitCode ?? 0), stderr };
  } finally {
    process.stderr.write = write;
    process.exitCode = saved.exitCode;
    if (saved.REDIS_URL !== undefined) process.env.REDIS_URL = saved.REDIS_URL;
    if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
  }
}

describe('usage errors', () => {
  it('refuses an unknown source, a backfill without --to, and a worker without Redis (exit 2)', async () => {
    const source = await cliInProcess(['collect', 'pinnacle', '--from', '2023-01-01', '--to', '2023-01-01', '--dry-run']);
    expect([source.code, source.stderr]).toEqual([2, expect.stringMatching(/unknown source "pinnacle"; known sources: the-odds-api, mlb-stats-api, espn-scoreboard/)]);
    const usage = await cliInProcess(['collect', 'the-odds-api', '--from', '2023-03-01']);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/collect needs --from and --to \(or --live\) \[SL_USAGE\]/)]);
    const worker = await cliInProcess(['worker']);
    expect([worker.code, worker.stderr]).toEqual([2, expect.stringMatching(/queue workers need REDIS_URL and DATABASE_URL \(missing: REDIS_URL, DATABASE_URL\)/)]);
    const job = await cliInProcess(['jobs', 'run', 'nightly', '--queue']);
    expect(job.code).toBe(2);
  });
});
