/**
 * @module cli/commands/status
 * `sharpline status [--json]`.
 */
import type { Command } from 'commander';
import { storeStatus } from '../../pipeline/status.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Rows per zone and table, games per sport and season, quarantine counts, last runs')
    .option('--runs <n>', 'how many recent runs to list', '10')
    .option('--json', 'print a JSON document')
    .action(async (opts: { runs: string; json?: boolean }) => {
      const status = await withStore((db) => storeStatus(db, { runs: Number(opts.runs) || 10 }));
      if (opts.json) return printJson(status);
      note(`${status.engine} store at ${status.location}`);
      printTable(['table', 'rows'], status.tables.map((t) => [t.table, t.rows]), 'Rows per zone');
      printTable(['sport', 'season', 'games', 'final', 'with closing moneyline'], status.games.map((g) => [g.sport, String(g.season), g.games, g.final, g.with_closing_moneyline]), 'Curated games');
      if (status.quarantine.length) printTable(['format', 'reason', 'rows'], status.quarantine.map((q) => [q.source_format, q.reason_code, q.rows]), 'Quarantine');
      printTable(
        ['run', 'command', 'format', 'status', 'started', 'rows in', 'loaded', 'quarantined', 'duplicates'],
        status.runs.map((r) => [r.run_id, r.command, r.source_format, r.status, r.started_at.slice(0, 19).replace('T', ' '), r.rows_in, r.loaded, r.quarantined, r.duplicates]),
        'Last runs',
      );
    });
}
