/**
 * @module cli/main
 * The `sharpline` command: registers each command group, then one catch at the top maps errors to
 * exit codes (0 done, 1 verdict "no", 2 usage, 3 known failure, 70 bug).
 */
import { Command, CommanderError } from 'commander';
import { isSharplineError } from '../errors.js';
import { registerBacktestCommand } from './commands/backtest.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerImportCommand } from './commands/import.js';
import { registerLineageCommand } from './commands/lineage.js';
import { registerLinesCommand } from './commands/lines.js';
import { registerModelCommands } from './commands/models.js';
import { registerOddsCommands } from './commands/odds.js';
import { registerPipelineCommands } from './commands/pipeline.js';
import { registerQuarantineCommands } from './commands/quarantine.js';
import { registerReportCommands } from './commands/report.js';
import { registerQualityCommands } from './commands/quality.js';
import { registerSignalsCommand } from './commands/signals.js';
import { registerStatusCommand } from './commands/status.js';
import { registerSyncOutcomesCommand } from './commands/sync-outcomes.js';
import { registerServeCommand } from './commands/serve.js';
import { registerCacheCommands } from './commands/cache.js';
import { registerApiKeyCommands } from './commands/apikey.js';
import { registerPropsCommands } from './commands/props.js';
import { registerCollectCommand } from './commands/collect.js';
import { registerJobsCommands } from './commands/jobs.js';
import { registerHealthCommands } from './commands/health.js';
import { registerWorkerCommand } from './commands/worker.js';

/** Builds the command tree (exported so tests can parse without spawning). */
export function buildProgram(): Command {
  const program = new Command('sharpline')
    .description('Sports-betting data and prediction platform: real data in, calibrated predictions and honest evaluations out.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemoCommand(program);
  registerImportCommand(program);
  registerPipelineCommands(program);
  registerSyncOutcomesCommand(program);
  registerLineageCommand(program);
  registerLinesCommand(program);
  registerOddsCommands(program);
  registerSignalsCommand(program);
  registerModelCommands(program);
  registerBacktestCommand(program);
  registerReportCommands(program);
  registerStatusCommand(program);
  registerQuarantineCommands(program);
  registerQualityCommands(program);
  registerDbCommands(program);
  registerServeCommand(program);
  registerCacheCommands(program);
  registerApiKeyCommands(program);
  registerPropsCommands(program);
  registerCollectCommand(program);
  registerJobsCommands(program);
  registerHealthCommands(program);
  registerWorkerCommand(program);
  program.commands.forEach(function inherit(cmd: Command) {
    cmd.exitOverride();
    cmd.commands.forEach(inherit);
  });
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`), setting `process.exitCode`. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander already printed the usage message otherwise.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isSharplineError(error)) {
    process.stderr.write(`sharpline: ${error.message} [${error.code}]\n`);
    return error.exitCode;
  }
  process.stderr.write('sharpline: unexpected error (this is a bug; please report it with the output below)\n');
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  return 70;
}
