import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR, migrate, migrationStatus, readMigrationFiles, rollback } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const FILES = readMigrationFiles();

async function tablesIn(store: TestStore, schema: string): Promise<string[]> {
  const rows = await store.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  return rows.map((r) => r.table_name);
}

describe('migration files', () => {
  it('are numbered without gaps and each has up and down sections', () => {
    expect(FILES.map((f) => f.version)).toEqual(FILES.map((_, i) => i + 1));
    for (const f of FILES) {
      expect(f.up.length).toBeGreaterThan(0);
      expect(f.down.length).toBeGreaterThan(0);
    }
  });
});

describe.each(ENGINES)('migrations on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('creates the five zone schemas and records every migration with its checksum', async () => {
    const status = await migrationStatus(store.db);
    expect(status.map((s) => s.state)).toEqual(FILES.map(() => 'applied'));
    const ledger = await store.db.query<{ version: number; checksum: string }>('SELECT version, checksum FROM ops.schema_migrations ORDER BY version');
    expect(ledger).toEqual(FILES.map((f) => ({ version: f.version, checksum: f.checksum })));
    for (const schema of ['raw', 'staging', 'curated', 'ops']) expect((await tablesIn(store, schema)).length).toBeGreaterThan(0);
    const schemas = await store.db.query<{ schema_name: string }>(`SELECT schema_name FROM information_schema.schemata`);
    expect(schemas.map((s) => s.schema_name)).toEqual(expect.arrayContaining(['raw', 'staging', 'curated', 'analytics', 'ops']));
  });

  it('rolls back to a version and forward again; --dry-run changes nothing', async () => {
    // Down to 0003: 0004 (player logs) and every later migration are undone, newest first.
    const above = FILES.filter((f) => f.version > 3).map((f) => f.version);
    expect(above.length).toBeGreaterThanOrEqual(2);
    const plan = await rollback(store.db, 3, { dryRun: true });
    expect(plan.versions.map((v) => v.version)).toEqual([...above].reverse());
    expect((await migrationStatus(store.db)).every((s) => s.state === 'applied')).toBe(true);

    await rollback(store.db, 3);
    const status = await migrationStatus(store.db);
    expect(status.filter((s) => s.state === 'pending').map((s) => s.version)).toEqual(above);
    expect(await tablesIn(store, 'curated')).not.toContain('player_game_logs');

    expect((await migrate(store.db, { dryRun: true })).versions.length).toBe(above.length);
    const applied = await migrate(store.db);
    expect(applied.versions.map((v) => v.version)).toEqual(above);
    expect(await tablesIn(store, 'curated')).toContain('player_game_logs');
    expect((await migrate(store.db)).versions).toEqual([]);
  });

  it('refuses to open when an applied migration file was edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const file = join(dir, '0002_raw_and_staging.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('-- Raw keeps', '-- Edited: raw keeps'));
    await expect(migrate(store.db, { dir })).rejects.toMatchObject({ code: 'SL_MIGRATION_CHANGED' });
    await expect(migrate(store.db, { dir })).rejects.toThrow(/0002_raw_and_staging was edited after it ran/);
    rmSync(dir, { recursive: true });
  });

  it('refuses to open a store that has a migration no file describes', async () => {
    await store.db.query(`INSERT INTO ops.schema_migrations (version, name, checksum, applied_at) VALUES (999, 'from_the_future', 'x', $1)`, [new Date().toISOString()]);
    await store.db.close();
    await expect(openStore(store.env)).rejects.toMatchObject({ code: 'SL_MIGRATION_MISSING' });
    store.db = await openStore(store.env, { migrations: 'none' });
    await store.db.query('DELETE FROM ops.schema_migrations WHERE version = 999');
  });
});
