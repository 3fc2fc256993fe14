/**
 * @module store/open-store
 * Picks the engine from the environment (PostgreSQL when `DATABASE_URL` is set, else DuckDB in
 * `SHARPLINE_HOME`), then checks migrations: drift refuses to open; pending ones are applied
 * unless the caller manages migrations itself (`db` commands).
 */
import { join, resolve } from 'node:path';
import type { Database } from './database.js';
import { openDuckDb } from './duckdb/duckdb-database.js';
import { assertNoDrift, migrate, migrationStatus } from './migrator.js';
import { openPostgres } from './postgres/postgres-database.js';

export interface StoreEnv {
  readonly SHARPLINE_HOME?: string;
  readonly DATABASE_URL?: string;
}

export interface OpenStoreOptions {
  /** `auto` applies pending migrations (default); `check` only refuses drift; `none` skips both. */
  readonly migrations?: 'auto' | 'check' | 'none';
}

/** The DuckDB file for `env`: `$SHARPLINE_HOME/sharpline.duckdb`, default `./.sharpline/`. */
export function duckDbPath(env: StoreEnv = process.env): string {
  return join(resolve(env.SHARPLINE_HOME || '.sharpline'), 'sharpline.duckdb');
}

/** Opens the store `env` points at. */
export async function openStore(env: StoreEnv = process.env, options: OpenStoreOptions = {}): Promise<Database> {
  const db = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openDuckDb(duckDbPath(env));
  try {
    const mode = options.migrations ?? 'auto';
    if (mode === 'auto') await migrate(db);
    else if (mode === 'check') assertNoDrift(await migrationStatus(db));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
