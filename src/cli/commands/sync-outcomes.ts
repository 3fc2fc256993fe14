/**
 * @module cli/commands/sync-outcomes
 * `sharpline sync-outcomes`: reconciles scores that arrived after games were first loaded.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { syncOutcomes } from '../../pipeline/sync-outcomes.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerSyncOutcomesCommand(program: Command): void {
  program
    .command('sync-outcomes')
    .description('Fill final scores that another file or source reported after a game was loaded, move statuses forward; report conflicts, never overwrite')
    .option('--sync-type <type>', 'all: every game; recent: games in the last --days-back days', 'all')
    .option('--days-back <n>', 'with --sync-type recent: how many days back from today', '7')
    .option('--limit <n>', 'fill at most N games')
    .option('--dry-run', 'count what would change')
    .option('--check-deps', 'only check that the tables it needs exist and are populated')
    .option('--json', 'print a JSON document')
    .action(async (opts: { syncType: string; daysBack: string; limit?: string; dryRun?: boolean; checkDeps?: boolean; json?: boolean }) => {
      if (opts.syncType !== 'all' && opts.syncType !== 'recent') throw new SharplineError('SL_USAGE', `--sync-type must be all or recent, got "${opts.syncType}"`);
      const daysBack = Number(opts.daysBack);
      if (!Number.isInteger(daysBack) || daysBack < 0) throw new SharplineError('SL_USAGE', `--days-back must be a whole number ≥ 0, got "${opts.daysBack}"`);
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new SharplineError('SL_USAGE', `--limit must be a whole number ≥ 0, got "${opts.limit}"`);
      const report = await withStore((db) =>
        syncOutcomes(db, { syncType: opts.syncType as 'all' | 'recent', daysBack, limit, dryRun: opts.dryRun, checkDepsOnly: opts.checkDeps }),
      );
      if (opts.json) printJson(report);
      else {
        printTable(['dependency', 'ok', 'detail'], report.dependencies.map((d) => [d.name, d.ok ? 'yes' : 'NO', d.detail]));
        if (report.result) {
          note(`${report.dry_run ? 'DRY RUN: would fill' : 'filled'} ${report.result.filled} games; ${report.result.conflicts} new score conflicts; ${report.result.statusChanges} games moved status (in progress, postponed, canceled)${report.run_id ? ` (run ${report.run_id})` : ''}`);
        }
        if (report.open_conflicts.length) {
          printTable(['game', 'kept', 'source', 'reported'], report.open_conflicts.map((c) => [c.game_id, `${c.kept_home_score}-${c.kept_away_score}`, c.source_format, `${c.other_home_score}-${c.other_away_score}`]), 'Score conflicts (not overwritten)');
        }
      }
      if (report.dependencies.some((d) => !d.ok)) process.exitCode = 1;
    });
}
