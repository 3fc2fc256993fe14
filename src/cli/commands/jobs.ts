/**
 * @module cli/commands/jobs
 * `sharpline jobs list | run <name> | schedule | runs`: the named jobs, their cron schedules, one
 * run now, the long-running scheduler (in-process, or BullMQ schedulers when REDIS_URL and
 * DATABASE_URL are set), and the run ledger.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../collect/config.js';
import { SharplineError } from '../../errors.js';
import { listJobRuns, latestJobRuns, type JobRun } from '../../jobs/job-runs.js';
import { enqueueJob, queueEnvOrThrow, queueName, scheduleOnQueue } from '../../jobs/queue.js';
import { jobSchedules } from '../../jobs/schedules.js';
import { runJob } from '../../jobs/run-job.js';
import { startScheduler } from '../../jobs/scheduler.js';
import { openStore } from '../../store/index.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

const short = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

function printRuns(runs: JobRun[], title?: string): void {
  printTable(
    ['run', 'job', 'trigger', 'status', 'started', 'finished', 'rows', 'error / note'],
    runs.map((r) => [r.job_run_id, r.job_name, r.triggered_by, r.status, short(r.started_at), short(r.finished_at), r.rows, (r.error ?? r.note ?? '').slice(0, 90)]),
    title,
  );
}

export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('Named jobs with cron schedules: list, run one now, run the scheduler, show runs');

  jobs
    .command('list')
    .description('Each job, its schedule (config jobs.<name>.cron overrides the default), next and last run')
    .option('--json', 'print a JSON document')
    .action(async (opts: { json?: boolean }) => {
      const schedules = jobSchedules(loadConfig());
      const latest = await withStore((db) => latestJobRuns(db)).catch(() => [] as JobRun[]);
      const last = new Map(latest.map((r) => [r.job_name, r]));
      if (opts.json) return printJson({ version: 1, jobs: schedules.map((s) => ({ ...s, last_run: last.get(s.name) ?? null })) });
      printTable(
        ['job', 'cron (UTC)', 'enabled', 'next run', 'last run', 'status', 'description'],
        schedules.map((s) => [s.name, s.cron, s.enabled ? 'yes' : 'no', short(s.next_run_at), short(last.get(s.name)?.started_at ?? null), last.get(s.name)?.status, s.description]),
      );
    });

  jobs
    .command('run')
    .description('Run one job now and record it in ops.job_runs (--queue: put it on the BullMQ queue for a worker)')
    .argument('<name>', 'update-games | update-odds | refresh-cache | sync-outcomes | quality-check | train')
    .option('--queue', 'enqueue for `sharpline worker` instead of running here (needs REDIS_URL and DATABASE_URL)')
    .option('--json', 'print a JSON document')
    .action(async (name: string, opts: { queue?: boolean; json?: boolean }) => {
      if (opts.queue) {
        const { redisUrl } = queueEnvOrThrow(process.env);
        const id = await enqueueJob(redisUrl, name, queueName(process.env));
        if (opts.json) printJson({ version: 1, job: name, queue_job_id: id });
        else note(`queued ${name} as job ${id}`);
        return;
      }
      const config = loadConfig();
      const run = await withStore((db) => runJob(db, name, { trigger: 'manual', config, env: process.env }));
      if (opts.json) printJson({ version: 1, run });
      else printRuns([run]);
      if (run.status === 'failed') throw new SharplineError('SL_JOB_FAILED', `${name} failed: ${run.error}`);
    });

  jobs
    .command('runs')
    .description('Recent runs from ops.job_runs, newest first')
    .option('--job <name>', 'only this job')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print a JSON document')
    .action(async (opts: { job?: string; limit: string; json?: boolean }) => {
      const runs = await withStore((db) => listJobRuns(db, { jobName: opts.job, limit: Number(opts.limit) || 20 }));
      if (opts.json) return printJson({ version: 1, runs });
      printRuns(runs);
    });

  jobs
    .command('schedule')
    .description('Run the scheduler: in this process (owning the store) until interrupted, or, with REDIS_URL and DATABASE_URL, as BullMQ schedulers for workers')
    .option('--queue', 'register BullMQ schedulers and exit (the default when REDIS_URL and DATABASE_URL are set)')
    .option('--in-process', 'run the in-process scheduler even when REDIS_URL is set')
    .option('--json', 'print a JSON document')
    .action(async (opts: { queue?: boolean; inProcess?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const useQueue = opts.queue || (!opts.inProcess && !!process.env.REDIS_URL && !!process.env.DATABASE_URL);
      if (useQueue) {
        const { redisUrl } = queueEnvOrThrow(process.env);
        const scheduled = await scheduleOnQueue(redisUrl, config, queueName(process.env));
        if (opts.json) printJson({ version: 1, mode: 'queue', scheduled });
        else printTable(['job', 'cron (UTC)'], scheduled.map((s) => [s.name, s.cron]), 'BullMQ schedulers (run by `sharpline worker`)');
        return;
      }
      const db = await openStore(process.env);
      const scheduler = startScheduler(db, {
        config,
        env: process.env,
        onRun: (run) => note(`${new Date().toISOString()} ${run.job_name}: ${run.status}, ${run.rows ?? 0} rows${run.error ? `: ${run.error}` : run.note ? ` (${run.note})` : ''}`),
      });
      if (opts.json) printJson({ version: 1, mode: 'in-process', jobs: scheduler.jobs });
      else printTable(['job', 'cron (UTC)', 'next run'], scheduler.jobs.map((j) => [j.name, j.cron, short(j.next_run_at)]), `Scheduler running in process ${process.pid} (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await scheduler.stop();
      await db.close();
    });
}
