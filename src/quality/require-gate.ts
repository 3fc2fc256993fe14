/**
 * @module quality/require-gate
 * The guard in front of training, backtesting and publishing: run the gate; when it fails, stop
 * with the failing checks and an example row each, unless `force` is given. A forced run over a
 * failing gate is logged in the runs ledger (`quality override`, with the checks it overrode), so an
 * override is never silent.
 */
import { SharplineError } from '../errors.js';
import { finishRun, startRun, ZERO_COUNTS } from '../pipeline/runs.js';
import type { Database } from '../store/database.js';
import { runGate, type GateName, type GateResult } from './gates.js';

export interface GateVerdict {
  gate: GateName;
  passed: boolean;
  errors_failed: number;
  forced: boolean;
  quality_run_id: number | null;
  /** The error-severity checks that failed. */
  failed_checks: string[];
}

/**
 * Runs `gate` for `sport` before `action` (train, backtest, publish). Throws SL_QUALITY_GATE when it
 * fails and `force` is not set. `dryRun` runs the gate without recording anything.
 */
export async function requireGate(db: Database, gate: GateName, options: { sport?: string; action: string; force?: boolean; dryRun?: boolean }): Promise<GateVerdict> {
  const result = await runGate(db, gate, { sport: options.sport, record: !options.dryRun });
  const failed = result.checks.filter((c) => !c.passed && c.severity === 'error');
  const verdict: GateVerdict = { gate, passed: result.passed, errors_failed: result.errors_failed, forced: false, quality_run_id: result.quality_run_id, failed_checks: failed.map((c) => c.name) };
  if (result.passed) return verdict;
  if (!options.force) {
    throw new SharplineError(
      'SL_QUALITY_GATE',
      `the ${gate} gate failed${options.sport ? ` for ${options.sport}` : ''}, so ${options.action} stopped: ${describeFailures(result)}. ` +
        `See sharpline quality check --gate ${gate}${options.sport ? ` --sport ${options.sport}` : ''}; fix the data, or pass --force (logged)`,
    );
  }
  verdict.forced = true;
  if (!options.dryRun) {
    const runId = await startRun(db, 'quality override', { args: { gate, action: options.action, sport: options.sport ?? null, quality_run_id: result.quality_run_id, failed_checks: verdict.failed_checks } });
    await finishRun(db, runId, 'succeeded', ZERO_COUNTS);
  }
  return verdict;
}

/** `check (N rows, e.g. {…})` for each failing error-severity check. */
function describeFailures(result: GateResult): string {
  return result.checks
    .filter((c) => !c.passed && c.severity === 'error')
    .map((c) => `${c.name} (${c.offending_count} rows${c.examples[0] ? `, e.g. ${JSON.stringify(c.examples[0])}` : ''})`)
    .join('; ');
}
