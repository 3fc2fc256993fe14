/**
 * @module cli/commands/worker
 * `sharpline worker`: runs queued jobs (BullMQ on REDIS_URL) against PostgreSQL (DATABASE_URL)
 * until interrupted. Start as many as you like, on any host.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../collect/config.js';
import { SharplineError } from '../../errors.js';
import { queueEnvOrThrow, queueName, startWorker } from '../../jobs/queue.js';
import { openStore } from '../../store/index.js';
import { note } from '../output.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run queued jobs (BullMQ) against PostgreSQL until interrupted; needs REDIS_URL and DATABASE_URL')
    .option('--concurrency <n>', 'jobs at once in this process', '1')
    .option('--lock-ms <ms>', "how long a job's lock lives without renewal: how soon a killed worker's job is retried", '30000')
    .action(async (opts: { concurrency: string; lockMs: string }) => {
      const { redisUrl } = queueEnvOrThrow(process.env);
      const concurrency = Number(opts.concurrency);
      const lockDurationMs = Number(opts.lockMs);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new SharplineError('SL_USAGE', `--concurrency must be a whole number ≥ 1, got "${opts.concurrency}"`);
      if (!Number.isInteger(lockDurationMs) || lockDurationMs < 1000) throw new SharplineError('SL_USAGE', `--lock-ms must be a whole number ≥ 1000, got "${opts.lockMs}"`);
      const config = loadConfig();
      const db = await openStore(process.env);
      const worker = startWorker(db, {
        redisUrl,
        queueName: queueName(process.env),
        config,
        env: process.env,
        concurrency,
        lockDurationMs,
        onRun: (run) => note(`${new Date().toISOString()} worker ${process.pid} ${run.job_name} (run ${run.job_run_id}): ${run.status}, ${run.rows ?? 0} rows${run.error ? `: ${run.error}` : ''}`),
      });
      note(`worker ${process.pid} waiting for jobs (concurrency ${concurrency})`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await worker.close();
      await db.close();
    });
}
