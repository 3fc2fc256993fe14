/**
 * Scale-out: two `sharpline serve` processes (the real CLI, in child processes) on one PostgreSQL
 * store and one Redis give the same answers, share cached entries through Redis, and a retrain
 * through one process reaches the other's cache at once (pub/sub; polling is set to an hour here,
 * so nothing else could explain it). PostgreSQL only: DuckDB is one process per file by design.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/serve/api-keys.js';
import type { GamePrediction } from '../../src/serve/data/predictions.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';
import { createServedStore, SAMPLE_DAY } from './fixture.js';

const ROOT = join(import.meta.dirname, '../..');
const REDIS_URL = process.env.SHARPLINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Served {
  child: ChildProcess;
  url: string;
}

function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, SHARPLINE_HOME: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${err}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += String(chunk);
      const m = /listening on (http:\/\/[^\s]+) /.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${err}`));
    });
  });
}

async function stop(s: Served | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

describe.runIf(ENGINES.includes('postgres'))('two serve processes on one PostgreSQL and Redis', () => {
  let store: TestStore;
  let a: Served;
  let b: Served;
  let key: string;

  beforeAll(async () => {
    store = await createServedStore('postgres');
    key = (await createApiKey(store.db, 'two-process test')).key;
    const env = { DATABASE_URL: store.env.DATABASE_URL!, REDIS_URL, SHARPLINE_CACHE_CHECK_MS: '3600000', SHARPLINE_LOG_LEVEL: 'warn', SHARPLINE_RATE_LIMIT_MAX: '0' };
    [a, b] = await Promise.all([serve(env), serve(env)]);
  });
  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await store?.cleanup();
  });

  it('gives the same answers from both, sharing the computed entry through Redis', async () => {
    const games = (await (await fetch(`${a.url}/v1/games?date=${SAMPLE_DAY}&sport=nfl`)).json()) as { games: { game_id: number }[] };
    const id = games.games[5]!.game_id;
    const url = `/v1/games/${id}/predictions?kelly=0.2`;
    const ra = await fetch(a.url + url);
    const rb = await fetch(b.url + url);
    expect(ra.status).toBe(200);
    expect(ra.headers.get('x-cache')).toBe('computed');
    expect(rb.headers.get('x-cache')).toBe('redis');
    expect(await rb.text()).toBe(await ra.text());
    const ready = (await (await fetch(`${b.url}/health/ready`)).json()) as { cache: string; engine: string };
    expect(ready).toMatchObject({ cache: 'memory+redis', engine: 'postgres' });
  });

  it('a retrain through one process invalidates the other at once', async () => {
    const games = (await (await fetch(`${a.url}/v1/games?date=${SAMPLE_DAY}&sport=nfl`)).json()) as { games: { game_id: number }[] };
    const url = `/v1/games/${games.games[2]!.game_id}/predictions`;
    const before = (await (await fetch(b.url + url)).json()) as GamePrediction;
    expect((await fetch(b.url + url)).headers.get('x-cache')).toBe('memory');
    const retrain = await fetch(`${a.url}/v1/admin/jobs/retrain`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ sport: 'nfl' }) });
    expect(retrain.status).toBe(200);
    const latest = (await store.db.query<{ trained_at: Date | string }>(`SELECT MAX(trained_at) AS trained_at FROM analytics.model_registry WHERE sport = 'nfl'`))[0]!.trained_at;
    // B's cached answer named the old training; after the announcement it names the new one.
    await expect
      .poll(async () => ((await (await fetch(b.url + url)).json()) as GamePrediction).systems[0]!.trained_at, { timeout: 5000, interval: 50 })
      .toBe(new Date(latest).toISOString());
    expect(before.systems[0]!.trained_at).not.toBe(new Date(latest).toISOString());
    const [ga, gb] = await Promise.all([a, b].map(async (s) => ((await (await fetch(`${s.url}/health/ready`)).json()) as { generation: string }).generation));
    expect(ga).toBe(gb);
  });
});
