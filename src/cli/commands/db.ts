/**
 * @module cli/commands/db
 * `sharpline db migrate | status | rollback --to N | verify`.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { migrate, migrationStatus, rollback, type MigrationPlan } from '../../store/index.js';
import { verifyStore } from '../../store/verify.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Manage the store schema: numbered SQL migrations with recorded checksums');

  db.command('migrate')
    .description('Apply pending migrations in order, each in its own transaction')
    .option('--dry-run', 'list what would be applied, change nothing')
    .option('--json', 'print a JSON document')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const plan = await withStore((store) => migrate(store, { dryRun: opts.dryRun }), { migrations: 'none' });
      printPlan(plan, !!opts.json);
    });

  db.command('status')
    .description('Show each migration: applied, pending, changed since applied, or missing its file')
    .option('--json', 'print a JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { status, location, engine } = await withStore(
        async (store) => ({ status: await migrationStatus(store), location: store.location, engine: store.engine }),
        { migrations: 'none' },
      );
      if (opts.json) return printJson({ version: 1, engine, location, migrations: status });
      note(`${engine} store at ${location}`);
      printTable(
        ['version', 'name', 'state', 'applied at'],
        status.map((s) => [String(s.version).padStart(4, '0'), s.name, s.state, s.appliedAt ? new Date(s.appliedAt).toISOString() : '']),
      );
    });

  db.command('rollback')
    .description('Revert applied migrations above version N, newest first (their data goes with them)')
    .requiredOption('--to <N>', 'the version to keep (0 reverts everything)')
    .option('--dry-run', 'list what would be reverted, change nothing')
    .option('--json', 'print a JSON document')
    .action(async (opts: { to: string; dryRun?: boolean; json?: boolean }) => {
      const to = Number(opts.to);
      if (!Number.isInteger(to) || to < 0) throw new SharplineError('SL_USAGE', `--to must be a whole number ≥ 0, got "${opts.to}"`);
      const plan = await withStore((store) => rollback(store, to, { dryRun: opts.dryRun }), { migrations: 'none' });
      printPlan(plan, !!opts.json);
    });

  db.command('verify')
    .description('Check every schema, table, view, key and index the applied migrations create exists, and the migrations match their files (exit 1 if not)')
    .option('--json', 'print a JSON document')
    .action(async (opts: { json?: boolean }) => {
      const report = await withStore((store) => verifyStore(store), { migrations: 'none' });
      if (report.ok === false) process.exitCode = 1;
      if (opts.json) return printJson(report);
      const counts = Object.entries(report.checked).map(([kind, n]) => `${n} ${kind}`).join(', ');
      if (report.ok) return void process.stdout.write(`ok: ${report.engine} store matches its ${report.migrations.length} migrations (${counts})\n`);
      printTable(['problem', 'object', 'detail'], report.problems.map((p) => [p.kind, p.object, p.detail]), `${report.engine} store: ${report.problems.length} problem(s)`);
    });
}

function printPlan(plan: MigrationPlan, json: boolean): void {
  if (json) return printJson({ version: 1, ...plan });
  const verb = plan.direction === 'up' ? (plan.dryRun ? 'would apply' : 'applied') : plan.dryRun ? 'would revert' : 'reverted';
  if (plan.versions.length === 0) return note(plan.direction === 'up' ? 'store is up to date' : 'nothing to revert');
  for (const v of plan.versions) process.stdout.write(`${verb} ${String(v.version).padStart(4, '0')}_${v.name}\n`);
}
