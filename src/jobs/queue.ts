/**
 * @module jobs/queue
 * Scale-out on BullMQ (Redis): with REDIS_URL and DATABASE_URL set, job schedules become BullMQ job
 * schedulers and `sharpline worker` processes on any host run them.
 *
 * - One scheduler per job, upserted by id: BullMQ creates exactly one job per tick (its id is the
 *   scheduler id plus the tick time), so a schedule runs once however many workers listen.
 * - A worker killed mid-job stops renewing its lock; after `lockDuration` another worker's stalled
 *   check moves the job back to waiting and it runs again. Nothing is lost or duplicated in the
 *   store because a job's writes are whole windows in one transaction each and records are
 *   deduplicated by content hash; the killed attempt's ledger row is marked failed on retry.
 * - Workers need PostgreSQL: the embedded DuckDB file has one writer (the scheduler's process).
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { SharplineConfig } from '../collect/config.js';
import { SharplineError } from '../errors.js';
import type { Database } from '../store/database.js';
import type { JobRun } from './job-runs.js';
import { findJobOrThrow } from './registry.js';
import { jobSchedules } from './schedules.js';
import { runJob, type RunJobOptions } from './run-job.js';

/** The queue every job goes on (SHARPLINE_QUEUE overrides it, e.g. to share one Redis between deployments). */
export const QUEUE_NAME = 'sharpline-jobs';

/** The queue name in effect for `env`. */
export function queueName(env: Readonly<Record<string, string | undefined>>): string {
  return env.SHARPLINE_QUEUE || QUEUE_NAME;
}

export interface QueueJobData {
  job: string;
}

/** The Redis URL to queue on, or SL_QUEUE_CONFIG when the environment cannot scale out. */
export function queueEnvOrThrow(env: Readonly<Record<string, string | undefined>>): { redisUrl: string; databaseUrl: string } {
  if (!env.REDIS_URL || !env.DATABASE_URL) {
    throw new SharplineError('SL_QUEUE_CONFIG', `queue workers need REDIS_URL and DATABASE_URL (missing: ${[!env.REDIS_URL && 'REDIS_URL', !env.DATABASE_URL && 'DATABASE_URL'].filter(Boolean).join(', ')}); without them run \`sharpline jobs schedule\` in the process that owns the embedded store`);
  }
  return { redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL };
}

function connect(redisUrl: string): Redis {
  // BullMQ needs blocking commands to wait forever (maxRetriesPerRequest null).
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}

/** Attempts and backoff of every queued job: a failed or stalled job is retried. */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 1000, removeOnFail: 1000 } as const;

/** Upserts one BullMQ scheduler per enabled job (removing those of disabled jobs); returns what is scheduled. */
export async function scheduleOnQueue(redisUrl: string, config: SharplineConfig, queueName = QUEUE_NAME): Promise<{ name: string; cron: string }[]> {
  const connection = connect(redisUrl);
  const queue = new Queue<QueueJobData>(queueName, { connection });
  try {
    const out: { name: string; cron: string }[] = [];
    for (const s of jobSchedules(config)) {
      if (!s.enabled) {
        await queue.removeJobScheduler(s.name);
        continue;
      }
      await queue.upsertJobScheduler(s.name, { pattern: s.cron, tz: 'UTC' }, { name: s.name, data: { job: s.name }, opts: JOB_OPTIONS });
      out.push({ name: s.name, cron: s.cron });
    }
    return out;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Puts one run of job `name` on the queue now; returns the BullMQ job id. */
export async function enqueueJob(redisUrl: string, name: string, queueName = QUEUE_NAME): Promise<string> {
  const job = findJobOrThrow(name);
  const connection = connect(redisUrl);
  const queue = new Queue<QueueJobData>(queueName, { connection });
  try {
    const added = await queue.add(job.name, { job: job.name }, JOB_OPTIONS);
    return added.id!;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export interface WorkerOptions extends Omit<RunJobOptions, 'trigger' | 'scheduledFor' | 'queueJobId'> {
  readonly redisUrl: string;
  readonly queueName?: string;
  /** Jobs run at once by this worker (default 1). */
  readonly concurrency?: number;
  /** How long a job's lock lives without renewal, i.e. how soon a killed worker's job is retried (default 30 000 ms). */
  readonly lockDurationMs?: number;
  readonly onRun?: (run: JobRun) => void;
}

export interface RunningWorker {
  /** Waits for the job in progress, then disconnects. */
  close(): Promise<void>;
}

/** Starts a worker that runs queued jobs against `db` (PostgreSQL). */
export function startWorker(db: Database, options: WorkerOptions): RunningWorker {
  if (db.capabilities.singleWriter) {
    throw new SharplineError('SL_QUEUE_CONFIG', 'a queue worker needs a store many processes can write (PostgreSQL via DATABASE_URL), not the embedded DuckDB file');
  }
  const connection = connect(options.redisUrl);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<QueueJobData>(
    options.queueName ?? QUEUE_NAME,
    async (job: Job<QueueJobData>) => {
      // A scheduler's job carries its tick time; a one-off job its creation time.
      const scheduledFor = new Date(job.opts.prevMillis ?? job.timestamp);
      const run = await runJob(db, job.data.job, { ...options, trigger: 'queue', scheduledFor, queueJobId: job.id ?? null });
      options.onRun?.(run);
      if (run.status === 'failed') throw new Error(run.error ?? `${job.data.job} failed`);
      return { job_run_id: run.job_run_id, rows: run.rows };
    },
    { connection, concurrency: options.concurrency ?? 1, lockDuration, stalledInterval: Math.max(500, Math.floor(lockDuration / 2)), maxStalledCount: 2 },
  );
  worker.on('error', (error) => process.stderr.write(`sharpline worker: ${error.message}\n`));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
