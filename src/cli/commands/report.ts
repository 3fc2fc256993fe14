/**
 * @module cli/commands/report
 * `sharpline report systems`: the monitoring views (system comparison, rolling performance, daily
 * coverage, agreement, today's picks) over every prediction logged so far.
 */
import type { Command } from 'commander';
import { systemsReport } from '../../evaluation/system-report.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';
import { parseSport } from '../sport-option.js';

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('Monitoring reports over the prediction log');
  report
    .command('systems')
    .description("System comparison, rolling performance (7/30/365 days), daily coverage, agreement and today's picks")
    .option('--sport <sport>', 'only this sport')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport?: string; json?: boolean }) => {
      if (opts.sport !== undefined) parseSport(opts.sport);
      const r = await withStore((db) => systemsReport(db, { sport: opts.sport }));
      if (opts.json) return printJson(r);
      if (r.comparison.length === 0) {
        note('no scored predictions yet: run sharpline backtest or sharpline predict, then come back when games are final');
        return;
      }
      printTable(['sport', 'system', 'games', 'Brier', 'log loss', 'accuracy', 'from', 'to'], r.comparison.map((c) => [c.sport, c.system, c.games, c.brier, c.log_loss, c.accuracy, c.first_game_date, c.last_game_date]), 'System comparison (moneyline, decided games)');
      printTable(['sport', 'system', 'window', 'to', 'games', 'Brier', 'log loss'], r.performance.map((p) => [p.sport, p.system, `${p.window_days} days`, p.end_date, p.games, p.brier, p.log_loss]), 'Rolling performance');
      printTable(['sport', 'system', 'days with games', 'days complete', 'games', 'missed'], r.coverage.map((c) => [c.sport, c.system, c.days, c.days_complete, c.games, c.missing]), 'Daily coverage: did every system predict every game?');
      printTable(['sport', 'games', 'mean spread of P(home)', 'largest spread', 'unanimous picks'], r.agreement.map((a) => [a.sport, a.games, a.mean_spread, a.max_spread, a.unanimous_share]), 'Agreement between systems');
      if (r.todays_picks.length > 0) printTable(['sport', 'game', 'system', 'P(home)', 'P(draw)', 'P(away)', 'pick'], r.todays_picks.map((p) => [p.sport, `${p.away_team_id} @ ${p.home_team_id} (#${p.game_id})`, p.system, p.p_home, p.p_draw ?? '', p.p_away, p.pick]), "Today's picks");
      else note('no predictions for games today');
    });
}
