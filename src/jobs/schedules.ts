/**
 * @module jobs/schedules
 * Each job's cron schedule in effect: the default in the registry, or `jobs.<name>.cron` /
 * `enabled` in the config file. Expressions are checked with croner (5 fields, or 6 with seconds),
 * in UTC, so the whole fleet agrees on when 03:00 is.
 */
import { Cron } from 'croner';
import type { SharplineConfig } from '../collect/config.js';
import { SharplineError } from '../errors.js';
import { findJobOrThrow, jobDefinitions, type JobName } from './registry.js';

export interface JobSchedule {
  name: JobName;
  description: string;
  cron: string;
  enabled: boolean;
  /** The next tick (ISO, UTC); null when disabled. */
  next_run_at: string | null;
}

/** Every job's schedule; unknown job names or bad expressions in config are errors. */
export function jobSchedules(config: SharplineConfig, now = new Date()): JobSchedule[] {
  for (const name of Object.keys(config.jobs ?? {})) findJobOrThrow(name);
  return jobDefinitions().map((job) => {
    const override = config.jobs?.[job.name];
    const cron = override?.cron ?? job.defaultCron;
    const enabled = override?.enabled ?? true;
    let next: Date | null;
    try {
      const parsed = new Cron(cron, { timezone: 'UTC', paused: true });
      next = parsed.nextRun(now);
      parsed.stop();
    } catch (error) {
      throw new SharplineError('SL_JOB_UNKNOWN', `jobs.${job.name}.cron "${cron}" is not a valid cron expression: ${(error as Error).message}`, { cause: error });
    }
    return { name: job.name, description: job.description, cron, enabled, next_run_at: enabled && next ? next.toISOString() : null };
  });
}
