/**
 * @module jobs/job-runs
 * The job-run ledger `ops.job_runs`: every run of a named job, manual, scheduled or from a queue,
 * with start, end, status (running | succeeded | failed), rows and error. The HTTP API reads it.
 */
import { hostname } from 'node:os';
import type { Database } from '../store/database.js';
import { isAlive } from '../pipeline/runs.js';

export type JobTrigger = 'manual' | 'schedule' | 'queue';
export type JobRunStatus = 'running' | 'succeeded' | 'failed';

export interface JobRun {
  job_run_id: number;
  job_name: string;
  started_at: string;
  finished_at: string | null;
  status: JobRunStatus;
  rows: number | null;
  error: string | null;
  triggered_by: JobTrigger;
  scheduled_for: string | null;
  queue_job_id: string | null;
  host: string | null;
  pid: number | null;
  note: string | null;
}

/** Opens a run of `jobName` and returns its id. */
export async function startJobRun(db: Database, jobName: string, options: { trigger: JobTrigger; scheduledFor?: Date | null; queueJobId?: string | null; now?: Date }): Promise<number> {
  const [row] = await db.query<{ job_run_id: number }>(
    `INSERT INTO ops.job_runs (job_run_id, job_name, started_at, status, triggered_by, scheduled_for, queue_job_id, host, pid)
     VALUES (nextval('ops.job_run_id_seq'), $1, $2, 'running', $3, $4, $5, $6, $7) RETURNING job_run_id`,
    [jobName, (options.now ?? new Date()).toISOString(), options.trigger, options.scheduledFor?.toISOString() ?? null, options.queueJobId ?? null, hostname(), process.pid],
  );
  return Number(row!.job_run_id);
}

/** Closes a run. */
export async function finishJobRun(db: Database, id: number, result: { status: 'succeeded' | 'failed'; rows: number; error?: string | null; note?: string | null }): Promise<void> {
  await db.query('UPDATE ops.job_runs SET status = $2, finished_at = $3, rows = $4, error = $5, note = $6 WHERE job_run_id = $1', [
    id,
    result.status,
    new Date().toISOString(),
    result.rows,
    result.error ?? null,
    result.note ?? null,
  ]);
}

/**
 * Runs left `running` by a process that is gone become `failed`: on this host when their pid is
 * dead, and, for a queue job being retried, every earlier attempt of the same queue job id.
 */
export async function failAbandonedJobRuns(db: Database, options: { queueJobId?: string | null } = {}): Promise<number> {
  const running = await db.query<{ job_run_id: number; host: string | null; pid: number | null; queue_job_id: string | null }>(
    `SELECT job_run_id, host, pid, queue_job_id FROM ops.job_runs WHERE status = 'running'`,
  );
  const here = hostname();
  let failed = 0;
  for (const run of running) {
    const sameQueueJob = options.queueJobId && run.queue_job_id === options.queueJobId;
    const deadHere = run.host === here && run.pid !== null && Number(run.pid) !== process.pid && !isAlive(Number(run.pid));
    if (!sameQueueJob && !deadHere) continue;
    await db.query(`UPDATE ops.job_runs SET status = 'failed', finished_at = $2, error = $3 WHERE job_run_id = $1 AND status = 'running'`, [
      run.job_run_id,
      new Date().toISOString(),
      sameQueueJob ? 'the worker stopped mid-job; the queue retried the job' : 'the process ended before the job finished',
    ]);
    failed++;
  }
  return failed;
}

function toRun(r: Record<string, unknown>): JobRun {
  const iso = (v: unknown) => (v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString());
  return {
    job_run_id: Number(r.job_run_id),
    job_name: String(r.job_name),
    started_at: iso(r.started_at)!,
    finished_at: iso(r.finished_at),
    status: r.status as JobRunStatus,
    rows: r.rows === null || r.rows === undefined ? null : Number(r.rows),
    error: (r.error as string | null) ?? null,
    triggered_by: r.triggered_by as JobTrigger,
    scheduled_for: iso(r.scheduled_for),
    queue_job_id: (r.queue_job_id as string | null) ?? null,
    host: (r.host as string | null) ?? null,
    pid: r.pid === null || r.pid === undefined ? null : Number(r.pid),
    note: (r.note as string | null) ?? null,
  };
}

/** Recent runs, newest first (of one job when `jobName` is given). */
export async function listJobRuns(db: Database, options: { jobName?: string; limit?: number } = {}): Promise<JobRun[]> {
  const limit = Math.max(1, Math.min(1000, options.limit ?? 20));
  const rows = options.jobName
    ? await db.query(`SELECT * FROM ops.job_runs WHERE job_name = $1 ORDER BY started_at DESC, job_run_id DESC LIMIT ${limit}`, [options.jobName])
    : await db.query(`SELECT * FROM ops.job_runs ORDER BY started_at DESC, job_run_id DESC LIMIT ${limit}`);
  return rows.map(toRun);
}

/** The latest run of each job. */
export async function latestJobRuns(db: Database): Promise<JobRun[]> {
  const rows = await db.query(
    `SELECT r.* FROM ops.job_runs r
     WHERE r.job_run_id = (SELECT MAX(x.job_run_id) FROM ops.job_runs x WHERE x.job_name = r.job_name)
     ORDER BY r.job_name`,
  );
  return rows.map(toRun);
}
