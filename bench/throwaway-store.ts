/**
 * The store a benchmark runs on: a fresh temporary DuckDB home, or a fresh PostgreSQL database
 * (dropped afterwards) when the engine is postgres. Returns the environment that names it, for
 * openStore or for child processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ThrowawayStore {
  env: { SHARPLINE_HOME?: string; DATABASE_URL?: string };
  cleanup: () => Promise<void>;
}

/** `label` names the temp folder or database (e.g. `collect` → sl_bench_collect_<pid>). */
export async function throwawayStore(engine: string, label: string, adminUrl = process.env.SHARPLINE_TEST_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'): Promise<ThrowawayStore> {
  if (engine !== 'postgres') {
    const home = mkdtempSync(join(tmpdir(), `sharpline-bench-${label}-`));
    return { env: { SHARPLINE_HOME: home }, cleanup: async () => rmSync(home, { recursive: true, force: true }) };
  }
  const name = `sl_bench_${label.replace(/[^a-z0-9_]/gi, '_')}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
