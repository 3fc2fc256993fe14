/**
 * @module cli/commands/backtest
 * `sharpline backtest`: walk-forward evaluation of every prediction system against the closing
 * market and a constant home-rate baseline, on the same games. This is the forecast half of the
 * backtest (Brier, log loss, calibration, accuracy, per season); staking and bankroll simulation
 * build on it.
 */
import type { Command } from 'commander';
import { evaluateForecasts } from '../../evaluation/forecast-evaluation.js';
import { isSport } from '../../domain/sports.js';
import { SharplineError } from '../../errors.js';
import { logPredictions } from '../../models/prediction-log.js';
import { hashInputs } from '../../models/registry.js';
import { isSystemId, SYSTEM_VERSIONS, type SystemId } from '../../models/systems/catalog.js';
import { finishRun, startRun } from '../../pipeline/runs.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('Walk-forward evaluation of the prediction systems against the closing market and a home-rate baseline')
    .requiredOption('--sport <sport>', 'nfl, mlb, nba, nhl or soccer')
    .requiredOption('--from <season>', 'first season scored (seasons are named by the year they start)')
    .requiredOption('--to <season>', 'last season scored')
    .option('--league <league>', 'only this league (soccer, e.g. E0)')
    .option('--systems <list>', 'comma-separated subset of the systems')
    .option('--dry-run', 'evaluate without logging the predictions to analytics.predictions')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport: string; from: string; to: string; league?: string; systems?: string; dryRun?: boolean; json?: boolean }) => {
      if (!isSport(opts.sport)) throw new SharplineError('SL_USAGE', `--sport must be one of nfl, mlb, nba, nhl, soccer; got "${opts.sport}"`);
      const sport = opts.sport;
      const from = season(opts.from, '--from');
      const to = season(opts.to, '--to');
      if (to < from) throw new SharplineError('SL_USAGE', `--to (${to}) is before --from (${from})`);
      const systems = opts.systems?.split(',').map((s) => s.trim());
      for (const s of systems ?? []) if (!isSystemId(s)) throw new SharplineError('SL_USAGE', `--systems: unknown system "${s}"`);

      const { report, runId } = await withStore(async (db) => {
        const { walk, ...report } = await evaluateForecasts(db, { sport, from, to, league: opts.league, systems: systems as SystemId[] | undefined });
        if (opts.dryRun || report.games_in_range === 0) return { report, runId: null };
        // Every walk-forward prediction in range is logged: what each system said before each game.
        const runId = await startRun(db, 'backtest', { args: { sport, from, to, league: opts.league ?? null } });
        const logged = [];
        for (let i = 0; i < walk.games.length; i++) {
          const g = walk.games[i]!;
          if (g.season < from || g.season > to) continue;
          for (const s of report.scores) {
            if (!isSystemId(s.system)) continue;
            const p = walk.predictions[s.system][i];
            if (!p) continue;
            const asOf = `${g.date}T00:00:00.000Z`;
            logged.push({ system: s.system, version: SYSTEM_VERSIONS[s.system], sport, gameId: g.gameId, gameDate: g.date, home: g.home, away: g.away, probabilities: { moneyline: p }, asOf, inputsHash: hashInputs({ system: s.system, version: SYSTEM_VERSIONS[s.system], game: g.gameId, asOf }) });
          }
        }
        const rows = await logPredictions(db, runId, logged);
        await finishRun(db, runId, 'succeeded', { rowsIn: logged.length, loaded: rows, quarantined: 0, duplicates: 0 });
        return { report, runId };
      });

      if (opts.json) return printJson({ ...report, run_id: runId });
      printTable(
        ['system', 'games', 'Brier', 'log loss', 'ECE', 'accuracy'],
        report.scores.map((s) => [s.system, s.n, s.brier, s.log_loss, s.ece, s.accuracy]),
        `Walk-forward ${sport}${report.league ? ` ${report.league}` : ''} ${from}–${to}: moneyline, home win vs away win (draws and ties left out)`,
      );
      note(`${report.games_scored.toLocaleString('en-US')} games scored · ${report.games_without_market} in range without a closing moneyline · Elo ${report.elo_profile.profile.id}${report.elo_profile.tuned ? ` (tuned on ${report.elo_profile.seasons})` : ''} · walk-forward ${report.seconds.walk_forward} s`);
      for (const [system, n] of Object.entries(report.warm_up)) note(`${system}: ${n} games in range answered with the Elo probability (not enough history to fit yet)`);
      for (const n of report.notes) note(n);
      if (runId !== null) note(`predictions logged to analytics.predictions · run ${runId}`);
    });
}

function season(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d{4}$/.test(value) || !Number.isInteger(n)) throw new SharplineError('SL_USAGE', `${flag} must be a season year like 2006, got "${value}"`);
  return n;
}
