/**
 * @module jobs/run-job
 * Runs one named job and records it in `ops.job_runs`, whoever triggered it (the CLI, the
 * in-process scheduler, a queue worker). A failure is recorded with its message and returned in
 * the run, not thrown, so a scheduler loop never dies of one job.
 */
import type { Database } from '../store/database.js';
import { isSharplineError } from '../errors.js';
import { failAbandonedJobRuns, finishJobRun, listJobRuns, startJobRun, type JobRun, type JobTrigger } from './job-runs.js';
import { findJobOrThrow, type JobContext } from './registry.js';

export interface RunJobOptions extends Omit<JobContext, 'db'> {
  readonly trigger: JobTrigger;
  readonly scheduledFor?: Date | null;
  readonly queueJobId?: string | null;
}

/** Runs job `name` once; returns its ledger row (status succeeded or failed). */
export async function runJob(db: Database, name: string, options: RunJobOptions): Promise<JobRun> {
  const job = findJobOrThrow(name);
  await failAbandonedJobRuns(db, { queueJobId: options.queueJobId });
  const id = await startJobRun(db, job.name, { trigger: options.trigger, scheduledFor: options.scheduledFor, queueJobId: options.queueJobId });
  try {
    const outcome = await job.run({ ...options, db });
    await finishJobRun(db, id, { status: 'succeeded', rows: outcome.rows, note: outcome.note ?? null });
  } catch (error) {
    const rows = isSharplineError(error) && typeof error.details?.rows === 'number' ? error.details.rows : 0;
    const message = isSharplineError(error) ? `${error.message} [${error.code}]` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await finishJobRun(db, id, { status: 'failed', rows, error: message });
  }
  const [run] = (await listJobRuns(db, { jobName: job.name, limit: 50 })).filter((r) => r.job_run_id === id);
  return run!;
}
