/**
 * @module cli/commands/backtest
 * `sharpline backtest`: the walk-forward backtest. Every system predicts each game from earlier
 * games only; forecasts are scored beside the closing market and a home-rate baseline on the same
 * games; bets go on one book's real stored prices where a system's edge over the vig-free market
 * exceeds the minimum, staked flat or by fractional Kelly. Optionally writes a self-contained HTML
 * report with charts.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VIG_METHODS, type VigMethod } from '../../domain/vig/index.js';
import { SharplineError } from '../../errors.js';
import { logBacktestPredictions, runBacktest, type BacktestResult } from '../../evaluation/backtest.js';
import type { BetMarket, Staking } from '../../evaluation/betting/index.js';
import { renderHtmlReport, writeReportPngs } from '../../evaluation/report/index.js';
import { isSystemId, SYSTEM_IDS } from '../../models/systems/catalog.js';
import { isMarketAwareSystemId, MARKET_AWARE_SYSTEM_IDS } from '../../models/systems/market-aware.js';
import type { EvaluatedSystemId } from '../../evaluation/forecast-evaluation.js';
import { requireGate } from '../../quality/require-gate.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';
import { parseSport } from '../sport-option.js';

const MARKETS: readonly BetMarket[] = ['moneyline', 'spread', 'total'];

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('Walk-forward backtest of the prediction systems on real closing odds: forecast scores beside the market and a baseline, and bets on stored prices')
    .requiredOption('--sport <sport>', 'nfl, mlb, nba, nhl or soccer')
    .requiredOption('--from <season|date>', 'first season (named by the year it starts) or first date YYYY-MM-DD')
    .requiredOption('--to <season|date>', 'last season or last date')
    .option('--league <league>', 'only this league (soccer, e.g. E0)')
    .option('--systems <list>', 'comma-separated subset of the systems')
    .option('--markets <list>', 'markets to bet: moneyline,spread,total', 'moneyline')
    .option('--staking <spec>', 'flat:UNITS or kelly:FRACTION[,cap:SHARE]', 'flat:1')
    .option('--min-edge <e>', 'bet only when the edge over the vig-free market exceeds this (e.g. 0.02)', '0.02')
    .option('--devig <method>', `vig removal for the market's fair probability (${VIG_METHODS.join(', ')})`, 'multiplicative')
    .option('--price <kind>', 'bet at the close or the open price', 'close')
    .option('--book <book>', 'the book whose prices to bet (default: the one that priced most games; Pinnacle where it did)')
    .option('--report <file.html>', 'also write a self-contained HTML report with charts')
    .option('--charts <dir>', 'also write the charts as PNG files (calibration, bankroll, ROI by edge, Brier by season)')
    .option('--force', 'run even when the training quality gate fails for the sport (logged in the runs ledger)')
    .option('--dry-run', 'do not log the predictions to analytics.predictions')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport: string; from: string; to: string; league?: string; systems?: string; markets: string; staking: string; minEdge: string; devig: string; price: string; book?: string; report?: string; charts?: string; force?: boolean; dryRun?: boolean; json?: boolean }) => {
      const sport = parseSport(opts.sport);
      const start = seasonOrDate(opts.from, '--from');
      const end = seasonOrDate(opts.to, '--to');
      // A date names the seasons that can hold it (a season starts in one year and may end in the next).
      const from = start.date ? Number(start.date.slice(0, 4)) - 1 : start.season!;
      const to = end.date ? Number(end.date.slice(0, 4)) : end.season!;
      if (to < from || (start.date && end.date && end.date < start.date)) throw new SharplineError('SL_USAGE', `--to (${opts.to}) is before --from (${opts.from})`);
      const systems = opts.systems?.split(',').map((s) => s.trim());
      for (const s of systems ?? []) {
        if (!isSystemId(s) && !isMarketAwareSystemId(s)) throw new SharplineError('SL_USAGE', `--systems: unknown system "${s}" (known: ${[...SYSTEM_IDS, ...MARKET_AWARE_SYSTEM_IDS].join(', ')})`);
      }
      const markets = opts.markets.split(',').map((m) => m.trim());
      for (const m of markets) if (!(MARKETS as readonly string[]).includes(m)) throw new SharplineError('SL_USAGE', `--markets: "${m}" is not one of ${MARKETS.join(', ')}`);
      const minEdge = Number(opts.minEdge);
      if (opts.minEdge.trim() === '' || !Number.isFinite(minEdge) || minEdge < 0 || minEdge >= 1) throw new SharplineError('SL_USAGE', `--min-edge must be a number in [0, 1), got "${opts.minEdge}"`);
      if (!(VIG_METHODS as readonly string[]).includes(opts.devig)) throw new SharplineError('SL_USAGE', `--devig must be one of ${VIG_METHODS.join(', ')}; got "${opts.devig}"`);
      if (opts.price !== 'close' && opts.price !== 'open') throw new SharplineError('SL_USAGE', `--price must be close or open, got "${opts.price}"`);
      const staking = stakingOf(opts.staking);
      const command = `sharpline ${process.argv.slice(2).join(' ')}`;

      const { result, report, runId, gate } = await withStore(async (db) => {
        // A backtest scores systems on the same data they train on: the training gate guards it.
        const gate = await requireGate(db, 'training', { sport, action: 'the backtest', force: opts.force, dryRun: opts.dryRun });
        const { result, report, walk } = await runBacktest(db, {
          sport,
          from,
          to,
          league: opts.league,
          fromDate: start.date,
          toDate: end.date,
          systems: systems as EvaluatedSystemId[] | undefined,
          markets: markets as BetMarket[],
          staking,
          minEdge,
          devig: opts.devig as VigMethod,
          price: opts.price as 'close' | 'open',
          book: opts.book,
        });
        report.command = command;
        const runId = opts.dryRun || result.forecast.games_in_range === 0 ? null : await logBacktestPredictions(db, result, walk);
        return { result, report, runId, gate };
      });
      if (opts.report) writeFileSync(opts.report, await renderHtmlReport(report));
      const charts = opts.charts ? await writeReportPngs(report, opts.charts) : [];

      if (opts.json) return printJson({ ...result, run_id: runId, quality_gate: gate, report_file: opts.report ?? null, chart_files: charts });
      if (gate.forced) note(`WARNING: the training quality gate failed (${gate.failed_checks.join(', ')}) and --force was given; logged in the runs ledger`);
      printResult(result);
      if (opts.report) note(`report written to ${opts.report}`);
      if (charts.length > 0) note(`charts written: ${charts.join(', ')}`);
      if (runId !== null) note(`predictions logged to analytics.predictions · run ${runId}`);
    });
}

function printResult(result: BacktestResult): void {
  const f = result.forecast;
  const threeWay = result.rows.some((r) => r.rps !== null);
  printTable(
    ['system', 'market', 'games', 'Brier', 'log loss', 'ECE', ...(threeWay ? ['RPS (3-way)'] : []), 'bets', 'ROI', 'CLV', 'max drawdown', 'Sharpe'],
    result.rows.map((r) => [r.system, r.market, r.n, r.brier ?? '', r.log_loss ?? '', r.ece ?? '', ...(threeWay ? [r.rps ?? ''] : []), r.bets || '', pct(r.roi), pct(r.clv), pct(r.max_drawdown), r.sharpe ?? '']),
    `Walk-forward ${result.sport}${result.league ? ` ${result.league}` : ''} ${result.date_from || result.date_to ? `${result.date_from ?? result.season_from}–${result.date_to ?? result.season_to}` : `${result.season_from}–${result.season_to}`} · ${result.book ? `bets at ${result.book} ${result.price} prices` : 'no prices'} · ${stakingText(result.staking)} · min edge ${result.min_edge} · de-vig ${result.devig}`,
  );
  note(`${f.games_scored.toLocaleString('en-US')} games scored (moneyline: home vs away, draws and ties left out) · ${f.games_without_market} in range without a closing moneyline · Elo ${f.elo_profile} · walk-forward ${f.seconds.walk_forward} s`);
  for (const [system, n] of Object.entries(f.warm_up)) note(`${system}: ${n} games in range answered with the Elo probability (not enough history to fit yet)`);
  for (const n of result.notes) note(n);
}

function stakingOf(text: string): Staking {
  const [kind, ...rest] = text.split(/[:,]/).map((x) => x.trim());
  const value = Number(rest[0]);
  if (kind === 'flat' && rest.length === 1 && value > 0) return { kind: 'flat', units: value };
  if (kind === 'kelly' && value > 0 && value <= 1) {
    if (rest.length === 1) return { kind: 'kelly', fraction: value };
    if (rest.length === 3 && rest[1] === 'cap' && Number(rest[2]) > 0 && Number(rest[2]) <= 1) return { kind: 'kelly', fraction: value, cap: Number(rest[2]) };
  }
  throw new SharplineError('SL_USAGE', `--staking must be flat:UNITS or kelly:FRACTION[,cap:SHARE] (e.g. kelly:0.25,cap:0.02); got "${text}"`);
}

function stakingText(s: Staking): string {
  return s.kind === 'flat' ? `flat ${s.units} unit${s.units === 1 ? '' : 's'}` : `Kelly × ${s.fraction}${s.cap ? `, cap ${s.cap}` : ''}`;
}

function pct(x: number | null): string {
  return x === null ? '' : `${(x * 100).toFixed(2)}%`;
}

function seasonOrDate(value: string, flag: string): { season?: number; date?: string } {
  if (/^\d{4}$/.test(value)) return { season: Number(value) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return { date: value };
  throw new SharplineError('SL_USAGE', `${flag} must be a season year like 2006 or a date YYYY-MM-DD, got "${value}"`);
}
