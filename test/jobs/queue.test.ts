/**
 * Scale-out on the local Redis and PostgreSQL with two real `sharpline worker` processes: a
 * repeatable job runs once per schedule tick however many workers listen, and a worker killed
 * mid-job leaves the job retried by the other, with nothing lost or duplicated in the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob, scheduleOnQueue } from '../../src/jobs/queue.js';
import { listJobRuns } from '../../src/jobs/job-runs.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { espnHandler, mlbHandler, oddsApiHandler } from '../collect/fixtures.js';
import { startReplayServer, type ReplayServer } from '../collect/replay-server.js';

const ROOT = join(import.meta.dirname, '../..');
const REDIS_URL = process.env.SHARPLINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE = `sharpline-test-${process.pid}-${Date.now()}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.skipIf(!ENGINES.includes('postgres'))('BullMQ workers on PostgreSQL and Redis', () => {
  let store: TestStore;
  let server: ReplayServer;
  let configPath: string;
  const workers: ChildProcess[] = [];
  const logs: string[] = [];

  function startWorkerProcess(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'worker', '--lock-ms', '2000'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: store.env.DATABASE_URL, REDIS_URL, SHARPLINE_QUEUE: QUEUE, SHARPLINE_CONFIG: configPath, THE_ODDS_API_KEY: 'test-key' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(`[${child.pid}] ${chunk.toString()}`));
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    store = await createTestStore('postgres');
    server = await startReplayServer((url) => oddsApiHandler(url) ?? mlbHandler(url) ?? espnHandler(url));
    configPath = join(mkdtempSync(join(tmpdir(), 'sl-queue-')), 'config.json');
    writeFileSync(configPath, JSON.stringify({ sources: { 'the-odds-api': { baseUrl: server.url, sports: ['nba'], ratePerSecond: 100, burst: 10, timeoutMs: 10_000 } } }));
    startWorkerProcess();
    startWorkerProcess();
    await until('two workers to start', async () => logs.filter((l) => l.includes('waiting for jobs')).length >= 2, 30_000);
  });

  afterAll(async () => {
    const alive = workers.filter((w) => w.exitCode === null && w.signalCode === null);
    const exited = alive.map((w) => new Promise((r) => w.once('exit', r)));
    for (const w of alive) w.kill('SIGTERM');
    await Promise.all(exited);
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await server.close();
    await store.cleanup();
  });

  it('runs a repeatable job once per tick with two workers listening', async () => {
    const only = { jobs: { 'refresh-cache': { cron: '* * * * * *' }, 'update-games': { enabled: false }, 'update-odds': { enabled: false }, 'sync-outcomes': { enabled: false }, 'quality-check': { enabled: false }, train: { enabled: false } } };
    expect(await scheduleOnQueue(REDIS_URL, only, QUEUE)).toEqual([{ name: 'refresh-cache', cron: '* * * * * *' }]);
    await sleep(4500);
    await scheduleOnQueue(REDIS_URL, { jobs: { ...only.jobs, 'refresh-cache': { enabled: false } } }, QUEUE);
    await sleep(500);
    const runs = (await listJobRuns(store.db, { jobName: 'refresh-cache', limit: 100 })).filter((r) => r.triggered_by === 'queue');
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => r.status === 'succeeded' && r.note === 'no cache configured')).toBe(true);
    const ticks = runs.map((r) => r.scheduled_for);
    expect(new Set(ticks).size).toBe(ticks.length); // no tick ran twice
    expect(new Set(runs.map((r) => r.queue_job_id)).size).toBe(runs.length);
  });

  it('retries a job whose worker was killed mid-job on the other worker, losing and duplicating nothing', async () => {
    // The first odds request hangs for 6 s, long enough to kill the worker while it waits.
    server.addFault({ kind: 'delay', ms: 6000, times: 1, match: (u) => u.pathname.endsWith('/basketball_nba/odds') });
    const jobId = await enqueueJob(REDIS_URL, 'update-odds', QUEUE);
    const running = await until('update-odds to start', async () => (await listJobRuns(store.db, { jobName: 'update-odds' })).find((r) => r.status === 'running'));
    expect(running.queue_job_id).toBe(jobId);
    const victim = workers.find((w) => w.pid === running.pid)!;
    expect(victim).toBeDefined();
    victim.kill('SIGKILL');
    const done = await until('the retried run to succeed', async () => (await listJobRuns(store.db, { jobName: 'update-odds' })).find((r) => r.status === 'succeeded'), 30_000);
    expect(done.queue_job_id).toBe(jobId);
    expect(done.pid).not.toBe(running.pid);
    const runs = await listJobRuns(store.db, { jobName: 'update-odds' });
    expect(runs.map((r) => [r.status, r.queue_job_id])).toEqual([
      ['succeeded', jobId],
      ['failed', jobId],
    ]);
    expect(runs[1]!.error).toBe('the worker stopped mid-job; the queue retried the job');
    // Exactly one copy of the data: 2 odds events + 3 score events, 2 books × 6 quotes per odds event.
    const [raw] = await store.db.query<{ n: number; d: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT content_hash) AS d FROM raw.records WHERE source_format = 'the-odds-api'`);
    expect([Number(raw!.n), Number(raw!.d)]).toEqual([5, 5]);
    const [quotes] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM curated.quotes WHERE source_format = 'the-odds-api'`);
    expect(Number(quotes!.n)).toBe(24);
  });
});
