/**
 * A killed import (SIGKILL at any point) followed by a re-run ends in exactly the state of an
 * uninterrupted run: each group of whole files is one transaction, and the re-run skips what was
 * committed. Groups are kept small here (one or two season files) so kills land between commits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, type ImportOptions } from '../../src/pipeline/import-files.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';
import { snapshotStore } from '../helpers/snapshot.js';

const ROOT = join(import.meta.dirname, '../..');

/** The real nflverse file split into one file per season (rows untouched). */
function seasonFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sl-kill-'));
  const [header, ...rows] = readFileSync(sharedPath('nfl/nflverse_games_1999_2020.csv'), 'utf8').trim().split(/\r?\n/);
  const bySeason = new Map<string, string[]>();
  for (const row of rows) {
    const season = row.split(',')[1]!;
    bySeason.set(season, [...(bySeason.get(season) ?? []), row]);
  }
  return [...bySeason.entries()].map(([season, lines]) => {
    const path = join(dir, `nflverse_${season}.csv`);
    writeFileSync(path, [header, ...lines].join('\n') + '\n');
    return path;
  });
}

/** Starts the child import; resolves once it was killed at `killWhen`, or finished. */
function runAndKill(env: TestStore['env'], options: ImportOptions, killWhen: { afterFiles?: number; afterMs?: number }): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/import-child.ts'), JSON.stringify(env), JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const kill = () => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (killWhen.afterFiles !== undefined && output.includes(`file-done ${killWhen.afterFiles}\n`)) kill();
      if (killWhen.afterMs !== undefined && output.includes('opened\n')) setTimeout(kill, killWhen.afterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

describe.skipIf(!hasSharedData()).each(ENGINES)('kill and resume on %s', (engine) => {
  let files: string[];
  let reference: Record<string, string[]>;
  let referenceStore: TestStore;

  beforeAll(async () => {
    files = seasonFiles();
    referenceStore = await createTestStore(engine);
    await importFiles(referenceStore.db, { format: 'nflverse-games', paths: files });
    reference = await snapshotStore(referenceStore.db);
    expect(reference.games!.length).toBe(5852);
  });
  afterAll(async () => referenceStore?.cleanup());

  const killPoints: { afterFiles?: number; afterMs?: number }[] = [{ afterMs: 0 }, { afterFiles: 1 }, { afterFiles: 7 }, { afterMs: 40 }, { afterMs: 120 }, { afterFiles: 19 }];
  it.each(killPoints)('killed at %o, a re-run reaches the uninterrupted state', async (killWhen) => {
    const store = await createTestStore(engine);
    await store.db.close(); // the child must be the only writer (DuckDB locks the file)
    try {
      const { killed, output } = await runAndKill(store.env, { format: 'nflverse-games', paths: files, groupRows: 3000 }, killWhen);
      expect(output).not.toMatch(/Error/);
      const db = await store.reopen();
      try {
        expect(killed).toBe(true);
        const aborted = await db.query(`SELECT run_id FROM ops.runs WHERE status = 'running'`);
        const [{ n: before }] = (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM raw.records')) as [{ n: number }];
        // What survived the kill is whole files only: a multiple of nothing, or the files reported done.
        const committedFiles = (output.match(/file-done/g) ?? []).length;
        expect(Number(before)).toBeLessThan(5852);
        if (killWhen.afterFiles) expect(committedFiles).toBeGreaterThanOrEqual(killWhen.afterFiles);
        const resumed = await importFiles(db, { format: 'nflverse-games', paths: files });
        expect(resumed.rows_in).toBe(5852);
        expect(resumed.loaded + resumed.quarantined + resumed.duplicates).toBe(5852);
        expect(await snapshotStore(db)).toEqual(reference);
        // The killed run is no longer "running": it was marked aborted when the next run started.
        for (const { run_id } of aborted) {
          const [run] = await db.query<{ status: string }>('SELECT status FROM ops.runs WHERE run_id = $1', [run_id as number]);
          expect(run!.status).toBe('aborted');
        }
      } finally {
        await db.close();
      }
    } finally {
      await store.cleanup().catch(() => undefined);
    }
  });
});
