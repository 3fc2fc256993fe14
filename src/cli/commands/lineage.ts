/**
 * @module cli/commands/lineage
 * `sharpline lineage game <id>`.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { gameLineage } from '../../pipeline/lineage.js';
import { printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerLineageCommand(program: Command): void {
  const lineage = program.command('lineage').description('Trace curated rows back to the raw records behind them');
  lineage
    .command('game')
    .description('The raw rows (file, line, payload) behind a curated game, its quotes per source, score changes and conflicts')
    .argument('<game-id>', 'curated.games.game_id')
    .option('--json', 'print a JSON document')
    .action(async (idText: string, opts: { json?: boolean }) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new SharplineError('SL_USAGE', `game id must be a positive whole number, got "${idText}"`);
      const result = await withStore((db) => gameLineage(db, id));
      if (opts.json) return printJson(result);
      const g = result.game;
      process.stdout.write(`game ${g.game_id}: ${g.game_key} · ${g.status} ${g.home_score ?? '–'}-${g.away_score ?? '–'} (home-away)\n`);
      printTable(
        ['format', 'file:line', 'run', 'score', 'quotes', 'raw payload'],
        result.sources.map((s) => [
          s.source_format,
          `${s.file_path ?? '?'}:${s.row_number ?? '?'}`,
          s.run_id,
          s.home_score === null ? '' : `${s.home_score}-${s.away_score}`,
          s.quotes,
          JSON.stringify(s.payload).slice(0, 120),
        ]),
      );
      if (result.outcome_changes.length) printTable(['change'], result.outcome_changes.map((c) => [JSON.stringify(c)]));
      if (result.outcome_conflicts.length) printTable(['conflict'], result.outcome_conflicts.map((c) => [JSON.stringify(c)]));
    });
}
