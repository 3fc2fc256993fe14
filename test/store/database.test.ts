import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const ROOT = join(import.meta.dirname, '../..');

describe.each(ENGINES)('Database port on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await store.db.exec('CREATE TABLE analytics.port_check (id INTEGER PRIMARY KEY, name VARCHAR, price DOUBLE PRECISION, seen_at TIMESTAMPTZ, d DATE, ok BOOLEAN, j JSON)');
  });
  afterAll(async () => store?.cleanup());

  it('returns the same value shapes from both engines', async () => {
    await store.db.query('INSERT INTO analytics.port_check VALUES ($1, $2, $3, $4, $5, $6, $7)', [1, 'a "quoted", comma', 1.909090909, '2021-02-07T23:30:00Z', '2021-02-07', true, '{"k":[1,2]}']);
    const [row] = await store.db.query('SELECT * FROM analytics.port_check WHERE id = 1');
    expect(row).toEqual({ id: 1, name: 'a "quoted", comma', price: 1.909090909, seen_at: new Date('2021-02-07T23:30:00Z'), d: '2021-02-07', ok: true, j: '{"k":[1,2]}' });
    const [{ n }] = (await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM analytics.port_check')) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('bulk-loads quotes, commas, newlines, empty strings and NULLs faithfully', async () => {
    const rows = [
      [2, '', null, null, null, null, null],
      [3, 'line1\nline2, "x"', 2.5, '2020-01-01T00:00:00.000Z', '2020-01-01', false, '{"a":"b,c"}'],
      [4, '\\N is text here', 1e-9, null, null, true, null],
    ] as const;
    const n = await store.db.bulkLoad('analytics.port_check', ['id', 'name', 'price', 'seen_at', 'd', 'ok', 'j'], rows);
    expect(n).toBe(3);
    const got = await store.db.query('SELECT id, name, price, ok FROM analytics.port_check WHERE id > 1 ORDER BY id');
    expect(got).toEqual([
      { id: 2, name: '', price: null, ok: null },
      { id: 3, name: 'line1\nline2, "x"', price: 2.5, ok: false },
      { id: 4, name: '\\N is text here', price: 1e-9, ok: true },
    ]);
  });

  it('bulk-loads some of a table\'s columns (the rest NULL) and in any column order', async () => {
    // DuckDB: whole rows go through its appender, partial ones through CSV + COPY; both must agree.
    expect(await store.db.bulkLoad('analytics.port_check', ['name', 'id'], [['partial, "quoted"', 20]])).toBe(1);
    const reordered = ['ok', 'j', 'd', 'seen_at', 'price', 'name', 'id'];
    expect(await store.db.bulkLoad('analytics.port_check', reordered, [[true, '{"x":1}', '2020-02-29', '2020-02-29T12:00:00.000Z', 0.5, 'reordered', 21]])).toBe(1);
    const got = await store.db.query('SELECT * FROM analytics.port_check WHERE id IN (20, 21) ORDER BY id');
    expect(got).toEqual([
      { id: 20, name: 'partial, "quoted"', price: null, seen_at: null, d: null, ok: null, j: null },
      { id: 21, name: 'reordered', price: 0.5, seen_at: new Date('2020-02-29T12:00:00Z'), d: '2020-02-29', ok: true, j: '{"x":1}' },
    ]);
    await store.db.execute('DELETE FROM analytics.port_check WHERE id IN (20, 21)');
  });

  it('rolls back a bulk load with its transaction; a load that fails is an SL_STORE_QUERY error', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.bulkLoad('analytics.port_check', ['id', 'name', 'price', 'seen_at', 'd', 'ok', 'j'], [[30, 'rolled back', null, null, null, null, null]]);
        await tx.bulkLoad('analytics.port_check', ['id', 'name', 'price', 'seen_at', 'd', 'ok', 'j'], [[31, 'a', null, null, null, null, null], [31, 'same key', null, null, null, null, null]]);
      }),
    ).rejects.toMatchObject({ code: 'SL_STORE_QUERY' });
    expect(await store.db.query('SELECT id FROM analytics.port_check WHERE id IN (30, 31)')).toEqual([]);
  });

  it('rolls a failed transaction back whole and reports the engine error with a code', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query('INSERT INTO analytics.port_check (id, name) VALUES (10, $1)', ['kept?']);
        await tx.query('INSERT INTO analytics.port_check (id, name) VALUES (10, $1)', ['duplicate key']);
      }),
    ).rejects.toMatchObject({ code: 'SL_STORE_QUERY' });
    expect(await store.db.query('SELECT id FROM analytics.port_check WHERE id = 10')).toEqual([]);
    expect(await store.db.execute('UPDATE analytics.port_check SET ok = TRUE WHERE id IN (2, 3)')).toBe(2);
  });
});

describe.runIf(ENGINES.includes('duckdb'))('DuckDB single writer', () => {
  it('gives a second process a clear SL_STORE_LOCKED error and keeps the first one’s data', async () => {
    const store = await createTestStore('duckdb');
    await store.db.query(`INSERT INTO ops.runs (run_id, command, status, started_at) VALUES (nextval('ops.run_id_seq'), 'held', 'succeeded', $1)`, [new Date().toISOString()]);
    // A second process tries the real CLI against the same SHARPLINE_HOME while we hold the file.
    const result = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'status'], {
        cwd: ROOT,
        env: { ...process.env, SHARPLINE_HOME: store.env.SHARPLINE_HOME, DATABASE_URL: '' },
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('exit', (code) => resolve({ code, stderr, stdout }));
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/is open for writing in another process \(PID \d+\).*\[SL_STORE_LOCKED\]/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const runs = await store.db.query(`SELECT command FROM ops.runs WHERE command = 'held'`);
    expect(runs).toHaveLength(1);
    await store.cleanup();
    // And once released, the store opens normally.
    const again = await createTestStore('duckdb');
    expect((await again.db.query('SELECT 1 AS one'))[0]).toEqual({ one: 1 });
    await again.cleanup();
    void openStore;
  });
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL planner statistics', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore('postgres');
  });
  afterAll(async () => store?.cleanup());

  const measured = async (table: string) =>
    (await store.db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE oid = $1::regclass`, [table]))[0]!.reltuples;

  it('are taken on tables never analyzed or grown since, before analytic reads', async () => {
    // Test-made rows in a scratch table: the planner's row count is what is checked, not the data.
    await store.db.exec('CREATE TABLE curated.plan_check (id INTEGER PRIMARY KEY, market VARCHAR)');
    await store.db.bulkLoad('curated.plan_check', ['id', 'market'], Array.from({ length: 5000 }, (_, i) => [i, i % 3 ? 'spread' : 'moneyline']));
    expect(await measured('curated.plan_check')).toBe(-1); // never analyzed
    await store.db.refreshStatistics();
    expect(await measured('curated.plan_check')).toBe(5000);
    // Grown fourfold: measured again at once, without waiting for the activity counters.
    await store.db.bulkLoad('curated.plan_check', ['id', 'market'], Array.from({ length: 15000 }, (_, i) => [5000 + i, 'total']));
    await store.db.refreshStatistics();
    expect(await measured('curated.plan_check')).toBe(20000);
  });
});
