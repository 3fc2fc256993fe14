/**
 * Test helpers: every store-backed suite runs on each engine in `ENGINES` (default both).
 * DuckDB gets a fresh temp file; PostgreSQL a fresh database, dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Database } from '../../src/store/index.js';

export type Engine = 'duckdb' | 'postgres';

/** Engines under test: `ENGINES=duckdb,postgres` (default both). */
export const ENGINES: Engine[] = (process.env.ENGINES ?? 'duckdb,postgres').split(',').map((e) => e.trim()).filter((e): e is Engine => e === 'duckdb' || e === 'postgres');

/** Admin URL for creating throwaway databases. */
export const PG_ADMIN_URL = process.env.SHARPLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated store for `engine`, plus the environment that names it (for CLI runs). */
export interface TestStore {
  db: Database;
  env: { SHARPLINE_HOME?: string; DATABASE_URL?: string };
  /** Re-opens the same store (after `db.close()`), e.g. to check state survives. */
  reopen(): Promise<Database>;
  cleanup(): Promise<void>;
}

export async function createTestStore(engine: Engine): Promise<TestStore> {
  if (engine === 'duckdb') {
    const home = mkdtempSync(join(tmpdir(), 'sharpline-test-'));
    const env = { SHARPLINE_HOME: home };
    const db = await openStore(env);
    return {
      db,
      env,
      reopen: () => openStore(env),
      cleanup: async () => {
        await db.close();
        rmSync(home, { recursive: true, force: true });
      },
    };
  }
  const name = `sl_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  const db = await openStore(env);
  return {
    db,
    env,
    reopen: () => openStore(env),
    cleanup: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
