/**
 * @module cli/commands/quality
 * `sharpline quality check [--gate ingest|training|publish] [--sport S] [--json]`: runs a gate's
 * checks, records the run in ops, lists failing checks with example rows; exit code 1 when the gate
 * fails (an error-severity check found rows).
 * `sharpline quality scores [--table T --worst N] [--record] [--json]`: quality scores of the staged
 * tables (completeness × validity × consistency), or a table's worst rows with what each misses.
 * `sharpline quality report [--gate G] [--runs N] [--json]`: gate and score history, as trends.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { GATE_NAMES, isGateName, runGate } from '../../quality/gates.js';
import { qualityReport } from '../../quality/report.js';
import { measureScores, recordScores, SCORE_SPECS, scoreSpec, worstRows } from '../../quality/scores.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerQualityCommands(program: Command): void {
  const quality = program.command('quality').description('Data-quality checks and gates');
  quality
    .command('check')
    .description('Run a quality gate (default: publish, the strictest) and list the checks that fail, with example rows')
    .option('--gate <gate>', `gate to run: ${GATE_NAMES.join(' | ')}`, 'publish')
    .option('--sport <sport>', 'only rows of this sport')
    .option('--json', 'print a JSON document')
    .action(async (opts: { gate: string; sport?: string; json?: boolean }) => {
      if (!isGateName(opts.gate)) throw new SharplineError('SL_USAGE', `unknown gate "${opts.gate}" (expected one of: ${GATE_NAMES.join(', ')})`);
      const result = await withStore((db) => runGate(db, opts.gate, { sport: opts.sport }));
      if (!result.passed) process.exitCode = 1;
      if (opts.json) return printJson(result);
      note(`gate ${result.gate}${result.sport ? ` (${result.sport})` : ''}: ${result.passed ? 'PASSED' : 'FAILED'} — ${result.checks.length} checks, ${result.errors_failed} errors, ${result.warnings_failed} warnings (quality run ${result.quality_run_id})`);
      printTable(
        ['check', 'severity', 'result', 'offending rows', 'ms'],
        result.checks.map((c) => [c.name, c.severity, c.passed ? 'ok' : c.severity === 'error' ? 'FAIL' : 'warn', c.offending_count, c.duration_ms.toFixed(1)]),
        `Gate ${result.gate}: ${result.passed ? 'passed' : 'FAILED'}`,
      );
      for (const c of result.checks.filter((x) => !x.passed)) {
        const columns = Object.keys(c.examples[0] ?? {});
        printTable(
          columns,
          c.examples.map((e) => columns.map((k) => (e[k] === null || e[k] === undefined ? null : String(e[k])))),
          `${c.severity === 'error' ? 'FAIL' : 'warn'} ${c.name}: ${c.offending_count} rows (first ${c.examples.length})`,
        );
      }
    });

  quality
    .command('scores')
    .description('Quality scores of the staged tables (completeness × validity × consistency, each 0..1), or the worst rows of one table')
    .option('--table <table>', `a staged table: ${SCORE_SPECS.map((x) => x.table).join(' | ')}`)
    .option('--worst <n>', 'with --table: list its N lowest-scoring rows and what each misses or breaks', (v) => parseCount(v, '--worst'))
    .option('--run <id>', 'only the rows one import run staged', (v) => parseCount(v, '--run'))
    .option('--record', 'keep the table scores in ops.quality_scores (history for quality report)')
    .option('--json', 'print a JSON document')
    .action(async (opts: { table?: string; worst?: number; run?: number; record?: boolean; json?: boolean }) => {
      if (opts.table !== undefined && !scoreSpec(opts.table)) throw new SharplineError('SL_USAGE', `unknown table "${opts.table}" (expected one of: ${SCORE_SPECS.map((x) => x.table).join(', ')})`);
      if (opts.worst !== undefined) {
        if (!opts.table) throw new SharplineError('SL_USAGE', '--worst needs --table');
        const rows = await withStore((db) => worstRows(db, opts.table!, { limit: opts.worst, runId: opts.run }));
        if (opts.json) return printJson({ version: 1, table: opts.table, rows });
        const columns = Object.keys(rows[0] ?? { score: null });
        return printTable(columns, rows.map((r) => columns.map((c) => fmt(r[c]))), `${opts.table}: the ${rows.length} lowest-scoring rows (rows scoring 1 are not listed)`);
      }
      const summaries = await withStore(async (db) => {
        const all = await measureScores(db, { runId: opts.run, tables: opts.table ? [opts.table] : undefined });
        const shown = opts.run === undefined ? all.filter((x) => x.scope === 'table') : all;
        if (opts.record) await recordScores(db, shown);
        return shown;
      });
      if (opts.json) return printJson({ version: 1, scores: summaries });
      printTable(
        ['table', 'rows', 'completeness', 'validity', 'consistency', 'score', 'worst row', `rows < ${summaries[0]?.row_threshold ?? ''}`],
        summaries.map((x) => [x.table, x.rows, fmt(x.completeness), fmt(x.validity), fmt(x.consistency), fmt(x.score), fmt(x.min_score), x.rows_below]),
        opts.run === undefined ? 'Staged tables' : `Rows staged by run ${opts.run}`,
      );
      if (opts.record) note('recorded in ops.quality_scores');
    });

  quality
    .command('report')
    .description('Quality history: the last gate runs, each check against the previous run, staged table scores over time, the latest import runs')
    .option('--gate <gate>', `only this gate: ${GATE_NAMES.join(' | ')}`)
    .option('--runs <n>', 'how many gate runs (and import-run scores) to look back over (default 20)', (v) => parseCount(v, '--runs'))
    .option('--json', 'print a JSON document')
    .action(async (opts: { gate?: string; runs?: number; json?: boolean }) => {
      if (opts.gate !== undefined && !isGateName(opts.gate)) throw new SharplineError('SL_USAGE', `unknown gate "${opts.gate}" (expected one of: ${GATE_NAMES.join(', ')})`);
      const report = await withStore((db) => qualityReport(db, { gate: opts.gate, runs: opts.runs }));
      if (opts.json) return printJson(report);
      if (report.gate_runs.length === 0 && report.table_scores.length === 0) return note('no quality history yet: run sharpline quality check');
      printTable(
        ['run', 'gate', 'sport', 'started', 'result', 'errors', 'warnings'],
        report.gate_runs.map((r) => [r.quality_run_id, r.gate, r.sport ?? 'all', r.started_at.slice(0, 19).replace('T', ' '), r.passed ? 'passed' : 'FAILED', r.errors_failed, r.warnings_failed]),
        'Gate runs (newest first)',
      );
      const moving = report.check_trends.filter((t) => t.latest > 0 || (t.change ?? 0) !== 0);
      printTable(
        ['gate', 'check', 'severity', 'offending now', 'before', 'change', 'failed in runs'],
        moving.map((t) => [t.gate, t.check, t.severity, t.latest, t.previous ?? '', t.change === null ? '' : signed(t.change), `${t.failed_runs}/${t.runs}`]),
        `Checks with findings or changes since the gate's previous run (${report.check_trends.length - moving.length} others clean and unchanged)`,
      );
      printTable(
        ['table', 'measurements', 'first', 'previous', 'latest', 'change', 'lowest', 'measured'],
        report.table_scores.map((t) => [t.table, t.measurements, fmt(t.first), fmt(t.previous), fmt(t.latest), t.change === null ? '' : signed(t.change), fmt(t.lowest), t.latest_at.slice(0, 19).replace('T', ' ')]),
        'Staged table scores over time',
      );
      printTable(
        ['run', 'table', 'rows', 'score', 'rows under threshold'],
        report.run_scores.map((r) => [r.run_id, r.table, r.rows, fmt(r.score), r.rows_below]),
        'Latest import runs',
      );
    });
}

function parseCount(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SharplineError('SL_USAGE', `${flag} must be a whole number of at least 1 (got "${value}")`);
  return n;
}

function fmt(x: unknown): string | number | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return Number.isInteger(x) ? x : x.toFixed(4);
  return String(x);
}

function signed(x: number): string {
  return x > 0 ? `+${Number.isInteger(x) ? x : x.toFixed(4)}` : String(Number.isInteger(x) ? x : x.toFixed(4));
}
