/**
 * @module pipeline/runs
 * The run ledger in `ops.runs`: every command that changes data opens a run, and closes it with
 * rows_in = loaded + quarantined + duplicates.
 */
import type { Database } from '../store/database.js';

/** The row counts every run reports. */
export interface RunCounts {
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
}

export const ZERO_COUNTS: Readonly<RunCounts> = { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 };

/** Adds `b` into `a`. */
export function addCounts(a: RunCounts, b: RunCounts): void {
  a.rowsIn += b.rowsIn;
  a.loaded += b.loaded;
  a.quarantined += b.quarantined;
  a.duplicates += b.duplicates;
}

/** Opens a run and returns its id. Earlier runs left `running` by a killed process become `aborted`. */
export async function startRun(db: Database, command: string, options: { sourceFormat?: string; args?: unknown; dryRun?: boolean } = {}): Promise<number> {
  await markAbandonedRuns(db);
  const [row] = await db.query<{ run_id: number }>(
    `INSERT INTO ops.runs (run_id, command, source_format, status, is_dry_run, started_at, arguments)
     VALUES (nextval('ops.run_id_seq'), $1, $2, 'running', $3, $4, $5) RETURNING run_id`,
    [command, options.sourceFormat ?? null, !!options.dryRun, new Date().toISOString(), JSON.stringify({ ...(options.args ?? {}), pid: process.pid })],
  );
  return row!.run_id;
}

/** Closes a run with its counts and final status. */
export async function finishRun(db: Database, runId: number, status: 'succeeded' | 'failed', counts: RunCounts, errorMessage?: string): Promise<void> {
  await db.query(
    `UPDATE ops.runs SET status = $2, finished_at = $3, rows_in = $4, loaded = $5, quarantined = $6, duplicates = $7, error_message = $8
     WHERE run_id = $1`,
    [runId, status, new Date().toISOString(), counts.rowsIn, counts.loaded, counts.quarantined, counts.duplicates, errorMessage ?? null],
  );
}

// A run still `running` whose process is gone was killed; its uncommitted work was rolled back by the
// engine, and what it committed (whole files) stays. Same-host pids only: the ledger says so.
async function markAbandonedRuns(db: Database): Promise<void> {
  const running = await db.query<{ run_id: number; arguments: string | null }>(`SELECT run_id, arguments FROM ops.runs WHERE status = 'running'`);
  for (const run of running) {
    const pid = Number((JSON.parse(run.arguments ?? '{}') as { pid?: number }).pid);
    if (pid === process.pid || (!db.capabilities.singleWriter && pid && isAlive(pid))) continue;
    await db.query(`UPDATE ops.runs SET status = 'aborted', finished_at = $2, error_message = $3 WHERE run_id = $1`, [
      run.run_id,
      new Date().toISOString(),
      'the process ended before the run finished; files it had committed are kept, the rest was rolled back',
    ]);
  }
}

/** True when a process with this pid runs on this host (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
