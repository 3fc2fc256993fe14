/**
 * @module cli/commands/health
 * `sharpline health`: open alerts (collection gaps), HTTP sources' breakers and quota, and the
 * latest run of each job. `sharpline health sources`: the sources alone.
 */
import type { Command } from 'commander';
import { openAlerts } from '../../collect/gaps.js';
import { listSourceHealth, type SourceHealth } from '../../collect/source-health.js';
import { latestJobRuns } from '../../jobs/job-runs.js';
import { printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

const short = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

function printSources(sources: SourceHealth[]): void {
  printTable(
    ['source', 'breaker', 'opened', 'last success', 'last failure', 'quota left', 'quota used', 'last error'],
    sources.map((s) => [s.source, s.breaker_state, short(s.opened_at), short(s.last_success_at), short(s.last_failure_at), s.quota_remaining, s.quota_used, s.last_error?.slice(0, 80)]),
    'Sources',
  );
}

export function registerHealthCommands(program: Command): void {
  const health = program
    .command('health')
    .description('Alerts (collection gaps), source breakers and quota, latest job runs')
    .option('--json', 'print a JSON document')
    .action(async (opts: { json?: boolean }) => {
      const report = await withStore(async (db) => ({ version: 1 as const, alerts: await openAlerts(db), sources: await listSourceHealth(db), jobs: await latestJobRuns(db) }));
      if (opts.json) return printJson(report);
      printTable(['alert', 'kind', 'source', 'sport', 'raised', 'message'], report.alerts.map((a) => [a.alert_id, a.kind, a.source, a.sport, short(a.raised_at), a.message]), report.alerts.length ? 'Open alerts' : 'Open alerts: none');
      printSources(report.sources);
      printTable(['job', 'last run', 'status', 'started', 'finished', 'rows', 'error'], report.jobs.map((j) => [j.job_name, j.job_run_id, j.status, short(j.started_at), short(j.finished_at), j.rows, j.error?.slice(0, 80)]), 'Jobs');
      if (report.alerts.length || report.sources.some((s) => s.breaker_state !== 'closed') || report.jobs.some((j) => j.status === 'failed')) process.exitCode = 1;
    });
  health
    .command('sources')
    .description("Each HTTP source's circuit breaker (persisted in ops.source_health), last success and failure, quota")
    .option('--json', 'print a JSON document')
    .action(async (_opts: { json?: boolean }, command: Command) => {
      // `--json` may land on `health` itself (commander reads parent options anywhere on the line).
      const opts = command.optsWithGlobals<{ json?: boolean }>();
      const sources = await withStore((db) => listSourceHealth(db));
      if (opts.json) return printJson({ version: 1, sources });
      printSources(sources);
      if (sources.some((s) => s.breaker_state !== 'closed')) process.exitCode = 1;
    });
}
