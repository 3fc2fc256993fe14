/**
 * @module cli/commands/quarantine
 * `sharpline quarantine list | show <format> <content-hash> | retry`.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { listQuarantine, retryQuarantine, showQuarantine } from '../../pipeline/quarantine.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerQuarantineCommands(program: Command): void {
  const quarantine = program.command('quarantine').description('Rows the importers refused, with their reasons; retry them with today\'s rules');

  quarantine
    .command('list')
    .description('Counts by format and reason, then the rows (file, line, reason code, field, message)')
    .option('--format <format>', 'only this source format')
    .option('--reason <code>', 'only this reason code, e.g. unknown_team')
    .option('--limit <N>', 'rows to show', '50')
    .option('--json', 'print a JSON document')
    .action(async (opts: { format?: string; reason?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 0) throw new SharplineError('SL_USAGE', `--limit must be a whole number ≥ 0, got "${opts.limit}"`);
      const list = await withStore((db) => listQuarantine(db, { format: opts.format, reason: opts.reason, limit }));
      if (opts.json) return printJson(list);
      if (list.total === 0) return note('nothing is quarantined' + (opts.format || opts.reason ? ' (with these filters)' : ''));
      printTable(['format', 'reason', 'rows'], list.groups.map((g) => [g.source_format, g.reason_code, g.rows]), `${list.total} quarantined row(s)`);
      printTable(
        ['format', 'hash', 'file:line', 'reason', 'field', 'message'],
        list.rows.map((r) => [r.source_format, r.content_hash.slice(0, 12), `${r.file}:${r.line}`, r.reason_code, r.field, r.reason]),
      );
      if (list.left_off > 0) note(`${list.left_off} more row(s); raise --limit or filter with --format / --reason`);
    });

  quarantine
    .command('show')
    .description('One quarantined row: its reason and the payload as received')
    .argument('<format>', 'the source format')
    .argument('<content-hash>', 'the row\'s content hash (a unique prefix will do)')
    .option('--json', 'print a JSON document')
    .action(async (format: string, hash: string, opts: { json?: boolean }) => {
      const row = await withStore((db) => showQuarantine(db, format, hash));
      if (opts.json) return printJson(row);
      printTable(
        ['', ''],
        [
          ['format', row.source_format],
          ['content hash', row.content_hash],
          ['file:line', `${row.file}:${row.line}`],
          ['run', row.run_id],
          ['reason', `${row.reason_code}${row.field ? ` (${row.field})` : ''}: ${row.reason}`],
          ['quarantined at', row.quarantined_at],
          ['last retried by run', row.retried_run_id ?? ''],
          ['context', row.context === null ? '' : JSON.stringify(row.context)],
        ],
      );
      process.stdout.write(`payload:\n${JSON.stringify(row.payload, null, 2)}\n`);
    });

  quarantine
    .command('retry')
    .description('Re-stage quarantined raw records with today\'s importers and team registry, as a new run (undo with pipeline rollback)')
    .option('--format <format>', 'only this source format')
    .option('--reason <code>', 'only this reason code')
    .option('--dry-run', 'report what would load, change nothing')
    .option('--json', 'print a JSON document')
    .action(async (opts: { format?: string; reason?: string; dryRun?: boolean; json?: boolean }) => {
      const report = await withStore((db) => retryQuarantine(db, { format: opts.format, reason: opts.reason, dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      printTable(
        ['retried', 'now loaded', 'still quarantined'],
        [[report.retried, report.now_loaded, report.still_quarantined]],
        report.dry_run ? 'DRY RUN (nothing written): quarantine retry' : report.run_id === null ? 'quarantine retry: nothing to retry' : `quarantine retry · run ${report.run_id}`,
      );
      if (report.still_by_reason.length) printTable(['format', 'reason now', 'rows'], report.still_by_reason.map((r) => [r.source_format, r.reason_code, r.rows]));
      if (report.run_id !== null && report.now_loaded > 0) note(`undo with: sharpline pipeline rollback ${report.run_id}`);
    });
}
