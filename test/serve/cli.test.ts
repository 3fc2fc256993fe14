/**
 * The serving commands as a user runs them (the real CLI in a child process): `apikey create |
 * list | revoke` and `cache warm` filling the shared Redis tier for a game day.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFingerprint } from '../../src/cache/index.js';
import { verifyApiKey } from '../../src/serve/api-keys.js';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { createServedStore, SAMPLE_DAY } from './fixture.js';

const REDIS_URL = process.env.SHARPLINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.runIf(ENGINES.includes('duckdb'))('sharpline apikey', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore('duckdb');
    await store.db.close(); // the CLI process needs the file
  });
  afterAll(async () => store?.cleanup());

  it('creates a key shown once, lists it without the secret, and revokes it', async () => {
    const created = runCli(['apikey', 'create', '--name', 'dashboard admin'], store.env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('shown only now');
    const id = key.slice(3, 15);
    const listed = runCli(['apikey', 'list', '--json'], store.env);
    expect(JSON.parse(listed.stdout)).toMatchObject({ keys: [{ api_key_id: id, name: 'dashboard admin', revoked_at: null }] });
    expect(listed.stdout).not.toContain(key.slice(16));
    expect(runCli(['apikey', 'revoke', id], store.env).code).toBe(0);
    const db = await store.reopen();
    try {
      expect(await verifyApiKey(db, key)).toBeNull();
    } finally {
      await db.close();
    }
  });
});

describe.runIf(ENGINES.includes('postgres'))('sharpline cache warm', () => {
  let store: TestStore;
  let redis: Redis;
  beforeAll(async () => {
    store = await createServedStore('postgres');
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await store?.cleanup();
  });

  it("fills Redis with a game day's predictions and picks, under the store's generation", async () => {
    const warmed = runCli(['cache', 'warm', '--date', SAMPLE_DAY, '--json'], { ...store.env, REDIS_URL });
    expect(warmed.code).toBe(0);
    const report = JSON.parse(warmed.stdout) as { games: number; predicted: number; generation: string };
    expect(report.games).toBeGreaterThan(10);
    expect(report.predicted).toBe(report.games);
    expect(report.generation).toBe(await storeFingerprint(store.db));
    const keys = await redis.keys(`sl:${report.generation}:prediction:*`);
    expect(keys.filter((k) => k.includes(':prediction:prediction:')).length).toBe(report.games);
    expect(keys.some((k) => k.includes(`:picks:${SAMPLE_DAY}:`))).toBe(true);
    await redis.del(...keys);
  });
});

describe.runIf(ENGINES.includes('duckdb'))('sharpline serve --scheduler', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore('duckdb');
    await store.db.close(); // the server process owns the file
  });
  afterAll(async () => store?.cleanup());

  it('runs the named jobs on their schedules in the process that owns the embedded store', async () => {
    const { startServer } = await import('../../src/serve/index.js');
    const notes: string[] = [];
    const server = await startServer({ ...store.env, SHARPLINE_RATE_LIMIT_MAX: '0' }, { port: 0, scheduler: true, logger: false, note: (m) => notes.push(m) });
    try {
      const names = server.jobs!.map((j) => j.name);
      expect(names).toContain('refresh-cache');
      for (const n of names) expect(['update-games', 'update-odds', 'refresh-cache', 'sync-outcomes', 'quality-check', 'train']).toContain(n);
      for (const j of server.jobs!) expect(j.cron).toMatch(/\S+ \S+ \S+ \S+ \S+/);
      expect(notes.join('\n')).toMatch(/scheduler: .*refresh-cache/);
      const live = await fetch(`${server.url}/health/live`);
      expect(live.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
