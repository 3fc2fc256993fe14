/**
 * @module jobs/scheduler
 * The in-process scheduler: one croner timer per enabled job, in the long-running process that
 * owns the embedded store (DuckDB has one writer). Ticks are queued and run one at a time, so two
 * jobs never write at once through the single connection, and a job still running when its next
 * tick comes is not started twice (croner's `protect`).
 */
import { Cron } from 'croner';
import type { Database } from '../store/database.js';
import type { JobRun } from './job-runs.js';
import { jobSchedules } from './schedules.js';
import { runJob, type RunJobOptions } from './run-job.js';

export interface SchedulerOptions extends Omit<RunJobOptions, 'trigger' | 'scheduledFor' | 'queueJobId'> {
  /** Called after each run (for logs). */
  readonly onRun?: (run: JobRun) => void;
}

export interface Scheduler {
  readonly jobs: { name: string; cron: string; next_run_at: string | null }[];
  /** Stops the timers and waits for the job in progress. */
  stop(): Promise<void>;
}

/** Starts timers for every enabled job. */
export function startScheduler(db: Database, options: SchedulerOptions): Scheduler {
  const schedules = jobSchedules(options.config).filter((s) => s.enabled);
  let chain: Promise<unknown> = Promise.resolve();
  const timers = schedules.map(
    (s) =>
      new Cron(s.cron, { name: s.name, timezone: 'UTC', protect: true, catch: true }, async (self: Cron) => {
        const scheduledFor = self.currentRun() ?? new Date();
        const run = (chain = chain.then(() => runJob(db, s.name, { ...options, trigger: 'schedule', scheduledFor })));
        options.onRun?.((await run) as JobRun);
      }),
  );
  return {
    jobs: schedules.map((s) => ({ name: s.name, cron: s.cron, next_run_at: s.next_run_at })),
    async stop() {
      for (const t of timers) t.stop();
      await chain.catch(() => undefined);
    },
  };
}
