/**
 * @module store/migrator
 * Numbered SQL migrations (`migrations/NNNN_name.sql`, sections `-- migrate:up` / `-- migrate:down`).
 * Applied versions and their sha256 are kept in `ops.schema_migrations`; a changed or missing file
 * stops the store from opening. Each migration runs in its own transaction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SharplineError } from '../errors.js';
import type { Database } from './database.js';

/** The migrations folder shipped with the package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** One migration file, parsed. */
export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly up: string;
  readonly down: string;
}

/** A migration's state in this store. */
export interface MigrationStatus {
  readonly version: number;
  readonly name: string;
  readonly state: 'applied' | 'pending' | 'changed' | 'missing_file';
  readonly appliedAt: Date | null;
}

/** What `migrate` or `rollback` did (or, with dryRun, would do). */
export interface MigrationPlan {
  readonly direction: 'up' | 'down';
  readonly versions: { version: number; name: string }[];
  readonly dryRun: boolean;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * The SQL of a section for one engine. Lines between `-- if duckdb` (or `-- if postgres`) and
 * `-- end if` run only on that engine: physical design (indexes, constraints) sometimes differs,
 * the logical schema never does. The checksum covers the whole file either way.
 */
export function sqlForEngine(section: string, engine: Database['engine']): string {
  const out: string[] = [];
  let only: string | null = null;
  for (const line of section.split('\n')) {
    const open = /^\s*--\s*if\s+(duckdb|postgres)\s*$/.exec(line);
    if (open) {
      only = open[1]!;
      continue;
    }
    if (/^\s*--\s*end if\s*$/.test(line)) {
      only = null;
      continue;
    }
    if (only === null || only === engine) out.push(line);
  }
  return out.join('\n');
}

/** Reads and parses every migration file in `dir`, ordered by version. */
export function readMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => FILE_PATTERN.test(f)).sort();
  return files.map((file) => {
    const [, version, name] = FILE_PATTERN.exec(file)!;
    const text = readFileSync(join(dir, file), 'utf8');
    const upAt = text.indexOf('-- migrate:up');
    const downAt = text.indexOf('-- migrate:down');
    if (upAt < 0 || downAt < upAt) {
      throw new SharplineError('SL_MIGRATION_FAILED', `${file}: expected a '-- migrate:up' section followed by '-- migrate:down'`);
    }
    return {
      version: Number(version),
      name: name!,
      checksum: createHash('sha256').update(text).digest('hex'),
      up: text.slice(upAt + '-- migrate:up'.length, downAt).trim(),
      down: text.slice(downAt + '-- migrate:down'.length).trim(),
    };
  });
}

async function ensureLedger(db: Database): Promise<void> {
  await db.exec(
    'CREATE SCHEMA IF NOT EXISTS ops; ' +
      'CREATE TABLE IF NOT EXISTS ops.schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, ' +
      'checksum VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
  );
}

async function appliedRows(db: Database) {
  return db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
    'SELECT version, name, checksum, applied_at FROM ops.schema_migrations ORDER BY version',
  );
}

/** Every migration known to files or store, with its state. */
export async function migrationStatus(db: Database, dir?: string): Promise<MigrationStatus[]> {
  await ensureLedger(db);
  const files = readMigrationFiles(dir);
  const applied = new Map((await appliedRows(db)).map((r) => [r.version, r]));
  const out: MigrationStatus[] = files.map((f) => {
    const row = applied.get(f.version);
    if (!row) return { version: f.version, name: f.name, state: 'pending', appliedAt: null };
    return { version: f.version, name: f.name, state: row.checksum === f.checksum ? 'applied' : 'changed', appliedAt: row.applied_at };
  });
  for (const row of applied.values()) {
    if (!files.some((f) => f.version === row.version)) {
      out.push({ version: row.version, name: row.name, state: 'missing_file', appliedAt: row.applied_at });
    }
  }
  return out.sort((a, b) => a.version - b.version);
}

/** Throws when an applied migration's file changed or vanished: the store must not open on drift. */
export function assertNoDrift(status: readonly MigrationStatus[]): void {
  const changed = status.filter((s) => s.state === 'changed');
  if (changed.length) {
    throw new SharplineError(
      'SL_MIGRATION_CHANGED',
      `applied migration ${changed.map((c) => `${pad(c.version)}_${c.name}`).join(', ')} was edited after it ran ` +
        '(its checksum differs from ops.schema_migrations). Restore the file, or add a new migration instead of editing one.',
    );
  }
  const missing = status.filter((s) => s.state === 'missing_file');
  if (missing.length) {
    throw new SharplineError(
      'SL_MIGRATION_MISSING',
      `the store has migration ${missing.map((m) => `${pad(m.version)}_${m.name}`).join(', ')} applied but no such file exists; ` +
        'this store was made by a newer sharpline.',
    );
  }
}

/** Applies every pending migration in order (or only plans it, with dryRun). */
export async function migrate(db: Database, opts: { dryRun?: boolean; dir?: string } = {}): Promise<MigrationPlan> {
  return withMigrationLock(db, async () => {
    const status = await migrationStatus(db, opts.dir);
    assertNoDrift(status);
    const files = readMigrationFiles(opts.dir);
    const pending = files.filter((f) => status.find((s) => s.version === f.version)?.state === 'pending');
    const plan: MigrationPlan = { direction: 'up', versions: pending.map((p) => ({ version: p.version, name: p.name })), dryRun: !!opts.dryRun };
    if (opts.dryRun) return plan;
    for (const file of pending) {
      try {
        await db.transaction(async (tx) => {
          await tx.exec(sqlForEngine(file.up, db.engine));
          await tx.query('INSERT INTO ops.schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
            file.version,
            file.name,
            file.checksum,
            new Date().toISOString(),
          ]);
        });
      } catch (error) {
        throw new SharplineError('SL_MIGRATION_FAILED', `migration ${pad(file.version)}_${file.name} failed and was rolled back: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return plan;
  });
}

/** Reverts applied migrations above `toVersion`, newest first (or only plans it, with dryRun). */
export async function rollback(db: Database, toVersion: number, opts: { dryRun?: boolean; dir?: string } = {}): Promise<MigrationPlan> {
  return withMigrationLock(db, async () => {
    const status = await migrationStatus(db, opts.dir);
    assertNoDrift(status);
    const files = readMigrationFiles(opts.dir);
    const toRevert = status
      .filter((s) => s.state === 'applied' && s.version > toVersion)
      .sort((a, b) => b.version - a.version)
      .map((s) => files.find((f) => f.version === s.version)!);
    const plan: MigrationPlan = { direction: 'down', versions: toRevert.map((f) => ({ version: f.version, name: f.name })), dryRun: !!opts.dryRun };
    if (opts.dryRun) return plan;
    for (const file of toRevert) {
      try {
        await db.transaction(async (tx) => {
          await tx.exec(sqlForEngine(file.down, db.engine));
          await tx.query('DELETE FROM ops.schema_migrations WHERE version = $1', [file.version]);
        });
      } catch (error) {
        throw new SharplineError('SL_MIGRATION_FAILED', `rollback of ${pad(file.version)}_${file.name} failed and was undone: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return plan;
  });
}

// Two processes migrating one PostgreSQL database at once would race; an advisory lock orders them.
async function withMigrationLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  if (!db.capabilities.advisoryLocks) return work();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7226911)');
    return work.call(null);
  });
}

function pad(version: number): string {
  return String(version).padStart(4, '0');
}
