/**
 * @module cli/commands/signals
 * `sharpline signals`: computes market signals from betting splits and quote histories, stores
 * them in analytics.market_signals (replacing the scope's previous ones) and prints them.
 */
import type { Command } from 'commander';
import { refreshSignals } from '../../analytics/market-signals.js';
import { SharplineError } from '../../errors.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';
import { parseSport } from '../sport-option.js';

export function registerSignalsCommand(program: Command): void {
  program
    .command('signals')
    .description('Sharp action, reverse line movement, steam and public-heavy sides, from betting splits and quote histories')
    .option('--sport <sport>', 'only this sport (nfl, mlb, nba, nhl, soccer)')
    .option('--date <YYYY-MM-DD>', 'only games on this local date')
    .option('--game <id>', 'only this curated game')
    .option('--dry-run', 'compute and print, store nothing')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport?: string; date?: string; game?: string; dryRun?: boolean; json?: boolean }) => {
      if (opts.sport !== undefined) parseSport(opts.sport);
      if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new SharplineError('SL_USAGE', `--date must be YYYY-MM-DD, got "${opts.date}"`);
      const gameId = opts.game === undefined ? undefined : Number(opts.game);
      if (gameId !== undefined && (!Number.isInteger(gameId) || gameId <= 0)) throw new SharplineError('SL_USAGE', `--game must be a game id, got "${opts.game}"`);
      const report = await withStore((db) => refreshSignals(db, { sport: opts.sport, date: opts.date, gameId }, { dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      printTable(
        ['date', 'game', 'market', 'signal', 'side', 'strength', 'value', 'as of'],
        report.signals.map((s) => [
          s.game_date,
          `${s.away_team_id} @ ${s.home_team_id}${s.game_id ? ` (#${s.game_id})` : ''}`,
          s.market,
          s.signal,
          s.side,
          s.strength ?? '',
          s.value === null ? '' : String(Math.round(s.value * 1000) / 1000),
          s.as_of.slice(0, 16).replace('T', ' '),
        ]),
        `Market signals${report.dry_run ? ' (DRY RUN: nothing stored)' : ` · run ${report.run_id}`}`,
      );
      const c = report.counts;
      note(`${report.observations} observations read · sharp action ${c.sharp_action} · reverse line movement ${c.reverse_line_movement} · steam ${c.steam} · public-heavy ${c.public_heavy}`);
      if (report.observations === 0) note('no betting splits or timestamped quotes in scope: import some, e.g. sharpline import oddsshark-splits <file>');
    });
}
