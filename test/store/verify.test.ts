import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR, readMigrationFiles } from '../../src/store/migrator.js';
import { describeObject, expectedSchema, verifyStore } from '../../src/store/verify.js';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

/** A copy of the migrations folder, to edit one file or add one without touching the real ones. */
function migrationsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-verify-migrations-'));
  for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
  return dir;
}

describe('expectedSchema (derived from the migration files)', () => {
  const files = readMigrationFiles();

  it('follows -- if duckdb blocks, DROP and RENAME: staging.quotes has no key or index on DuckDB only', () => {
    const duck = expectedSchema(files, 'duckdb').objects.map(describeObject);
    const pg = expectedSchema(files, 'postgres').objects.map(describeObject);
    expect(duck).toContain('table staging.quotes');
    expect(duck).not.toContain('table staging.quotes_heap');
    expect(duck.filter((o) => o.includes('staging.quotes'))).toEqual(['table staging.quotes']);
    expect(pg).toContain('primary_key staging.quotes (source_format, source_key, quote_seq)');
    expect(pg).toContain('index staging_quotes_game_idx on staging.quotes');
    // Inline keys and table-level keys both count; the ledger the migrator creates is included.
    expect(pg).toContain('unique curated.games (game_key)');
    expect(pg).toContain('primary_key curated.teams (team_id)');
    expect(pg).toContain('primary_key ops.schema_migrations (version)');
    expect(pg).toContain('view curated.game_outcomes');
    expect(pg).toContain('sequence ops.run_id_seq');
  });

  it('reports schema DDL it cannot read instead of ignoring it', () => {
    const fake = { version: 99, name: 'fake', checksum: '', up: 'CREATE TYPE mood AS ENUM (\'a\');\nCREATE TABLE x.t (a INT);', down: '' };
    const { objects, unparsed } = expectedSchema([fake], 'postgres');
    expect(unparsed).toHaveLength(1);
    expect(unparsed[0]).toContain('CREATE TYPE mood');
    expect(objects.map(describeObject)).toContain('table x.t');
  });
});

describe.each(ENGINES)('db verify on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('passes on a fresh store, and every expected object was looked for', async () => {
    const report = await verifyStore(store.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.migrations.every((m) => m.state === 'applied')).toBe(true);
    expect(report.checked.table).toBeGreaterThanOrEqual(20);
    expect(report.checked.index).toBeGreaterThanOrEqual(engine === 'postgres' ? 18 : 16);
    expect(report.checked.primary_key).toBeGreaterThanOrEqual(20);
  });

  it('names a changed and a pending migration file', async () => {
    const dir = migrationsCopy();
    const first = readdirSync(dir).find((f) => f.startsWith('0002_'))!;
    writeFileSync(join(dir, first), readFileSync(join(dir, first), 'utf8') + '\n-- edited\n');
    writeFileSync(join(dir, '0999_extra.sql'), '-- migrate:up\nCREATE TABLE ops.extra (a INTEGER);\n-- migrate:down\nDROP TABLE ops.extra;\n');
    const report = await verifyStore(store.db, { dir });
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.kind === 'migration').map((p) => p.object)).toEqual([first.replace('.sql', ''), '0999_extra']);
    // A pending migration's objects are not expected yet.
    expect(report.problems.filter((p) => p.kind === 'missing')).toEqual([]);
  });

  it('lists exactly a dropped index and a dropped table (with its key), via the CLI, exit 1', async () => {
    await store.db.close(); // DuckDB: one process holds the file
    const ok = runCli(['db', 'verify', '--json'], store.env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);

    const db = await store.reopen();
    try {
      await db.exec('DROP INDEX staging.staging_games_run_idx');
      await db.exec('DROP TABLE ops.outcome_conflicts');
    } finally {
      await db.close();
    }
    const bad = runCli(['db', 'verify', '--json'], store.env);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; problems: { kind: string; object: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => `${p.kind}: ${p.object}`).sort()).toEqual([
      'missing: index staging_games_run_idx on staging.games',
      'missing: primary_key ops.outcome_conflicts (source_format, source_key)',
      'missing: table ops.outcome_conflicts',
    ]);
    const human = runCli(['db', 'verify'], store.env);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('3 problem(s)');
    expect(human.stdout).toContain('staging_games_run_idx');
    store.db = await store.reopen();
  });
});
