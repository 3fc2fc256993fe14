/**
 * @module cli/commands/quality
 * `sharpline quality check [--gate ingest|training|publish] [--sport S] [--json]`: runs a gate's
 * checks, records the run in ops, lists failing checks with example rows; exit code 1 when the gate
 * fails (an error-severity check found rows).
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { GATE_NAMES, isGateName, runGate } from '../../quality/gates.js';
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
}
