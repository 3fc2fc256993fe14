/**
 * @module cli/commands/pipeline
 * `sharpline pipeline run [--zone] [--dry-run]` and `sharpline pipeline rollback <run-id>`.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { rollbackRun } from '../../pipeline/rollback-run.js';
import { runPipeline, type PipelineZone } from '../../pipeline/run-pipeline.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

const ZONES: PipelineZone[] = ['raw', 'staging', 'curated', 'all'];

export function registerPipelineCommands(program: Command): void {
  const pipeline = program.command('pipeline').description('Run or undo the raw → staging → curated pipeline');

  pipeline
    .command('run')
    .description('Bring zones up to date: stage pending raw records, curate pending staging rows, then validate')
    .option('--zone <zone>', `one of ${ZONES.join(', ')}`, 'all')
    .option('--dry-run', 'pre-flight only: show what would change')
    .option('--json', 'print a JSON document')
    .action(async (opts: { zone: string; dryRun?: boolean; json?: boolean }) => {
      if (!ZONES.includes(opts.zone as PipelineZone)) throw new SharplineError('SL_USAGE', `--zone must be one of ${ZONES.join(', ')}, got "${opts.zone}"`);
      const report = await withStore((db) => runPipeline(db, { zone: opts.zone as PipelineZone, dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      const { plan } = report;
      printTable(
        ['zone', 'pending'],
        [
          ['staging', plan.staging_pending.map((p) => `${p.source_format}: ${p.records} records in ${p.files} files`).join('\n') || 'nothing'],
          ['curated', plan.curated_pending_runs.length ? `staging rows of runs ${plan.curated_pending_runs.join(', ')}` : 'nothing'],
        ],
        report.dry_run ? 'DRY RUN (nothing written): pre-flight' : `pipeline run ${report.run_id} · pre-flight`,
      );
      if (report.dry_run) return;
      note(`staged: ${report.staged.rowsIn} records → ${report.staged.loaded} loaded, ${report.staged.quarantined} quarantined`);
      note(`curated: ${report.curated.runs} runs merged, ${report.curated.games_created} games created, ${report.curated.quotes_added} quotes`);
      printTable(['validation', 'ok', 'detail'], report.validation.map((v) => [v.check, v.ok ? 'yes' : 'NO', v.detail]));
      if (report.validation.some((v) => !v.ok)) process.exitCode = 1;
    });

  pipeline
    .command('rollback')
    .description('Remove exactly what one run added (raw, staging, quarantine, curated rows; score changes restored)')
    .argument('<run-id>', 'the run to undo (see: sharpline status)')
    .option('--dry-run', 'count what would be removed, change nothing')
    .option('--json', 'print a JSON document')
    .action(async (runIdText: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const runId = Number(runIdText);
      if (!Number.isInteger(runId) || runId < 1) throw new SharplineError('SL_USAGE', `run id must be a positive whole number, got "${runIdText}"`);
      const report = await withStore((db) => rollbackRun(db, runId, { dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      printTable(['table', report.dry_run ? 'would remove' : 'removed'], Object.entries(report.removed).map(([t, n]) => [t, n]),
        `${report.dry_run ? 'DRY RUN (nothing written): ' : ''}rollback of run ${runId}`);
    });
}
