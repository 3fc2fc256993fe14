/**
 * @module cli/commands/props
 * `sharpline props …`: pitcher-strikeout props. `players` rebuilds the player registry across the
 * pitcher-log sources and reports where they disagree; `predict` one start with every system (and a
 * decision against a book's two prices); `picks` for every prop line of a date; `evaluate` the
 * walk-forward of a season against the naive Poisson baseline.
 */
import type { Command } from 'commander';
import { VIG_METHODS, type VigMethod } from '../../domain/vig/index.js';
import { SharplineError } from '../../errors.js';
import { evaluatePropSeason, predictProp, propPicks, refreshPlayerRegistry } from '../../props/index.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';
import { formatAmerican, readPrice } from './odds.js';
import { checkDate, parseNumber } from '../option-parsers.js';

export function registerPropsCommands(program: Command): void {
  const props = program.command('props').description('Player props (MLB pitcher strikeouts): player registry, predictions, picks and walk-forward evaluation');

  props
    .command('players')
    .description('Rebuild the player registry (Retrosheet ids ↔ MLBAM ids, matched on identical lines) and report where the sources disagree')
    .option('--json', 'print a JSON document')
    .action(async (opts: { json?: boolean }) => {
      const report = await withStore((db) => refreshPlayerRegistry(db));
      if (opts.json) return printJson({ version: 1, ...report });
      printTable(
        ['players', 'Retrosheet ids matched to MLBAM', 'Retrosheet only', 'Baseball-Reference only', 'ambiguous'],
        [[report.players, report.matched, report.retrosheetOnly, report.brefOnly, report.ambiguous]],
        `Player registry · run ${report.runId}`,
      );
      if (report.disagreements.length) {
        printTable(['field', 'games where the sources disagree'], report.disagreements.map((d) => [d.field, d.count]), 'Cross-source disagreements (ops.player_log_disagreements)');
        printTable(['player', 'date', 'field', 'values'], report.examples.map((e) => [`${e.playerName ?? '?'} (${e.playerId})`, e.gameDate, e.field, e.values]), 'First examples');
      } else note('the sources agree on every game both have');
    });

  props
    .command('predict')
    .description('Predict one pitcher start with every system (from earlier days only): strikeout distribution, P(over/under), red flags, and edge and Kelly stake against a book\'s prices')
    .requiredOption('--pitcher <name>', 'pitcher name ("Gerrit Cole") or id (mlbam:543037, retro:coleg001)')
    .requiredOption('--date <YYYY-MM-DD>', 'date of the start')
    .option('--line <strikeouts>', 'prop line, e.g. 6.5 (whole lines can push)', parseNumber('--line'))
    .option('--over-odds <price>', 'over price (American +120 / decimal 2.2 / fractional 6/5)', (v: string) => readPrice(v))
    .option('--under-odds <price>', 'under price', (v: string) => readPrice(v))
    .option('--opponent <team>', 'for a start not in the logs: the opposing club')
    .option('--home', 'for a start not in the logs: the pitcher is at home')
    .option('--away', 'for a start not in the logs: the pitcher is away')
    .option('--vig-method <method>', `vig removal: ${VIG_METHODS.join(', ')} (default multiplicative)`)
    .option('--kelly <fraction>', 'fractional Kelly (default 0.25)', parseNumber('--kelly'))
    .option('--min-edge <p>', 'least edge to recommend a bet (default 0.02)', parseNumber('--min-edge'))
    .option('--dry-run', 'predict without logging to analytics.prop_predictions')
    .option('--json', 'print a JSON document')
    .action(async (opts: { pitcher: string; date: string; line?: number; overOdds?: number; underOdds?: number; opponent?: string; home?: boolean; away?: boolean; vigMethod?: string; kelly?: number; minEdge?: number; dryRun?: boolean; json?: boolean }) => {
      checkDate(opts.date, '--date');
      if (opts.home && opts.away) throw new SharplineError('SL_USAGE', '--home and --away exclude each other');
      const report = await withStore((db) =>
        predictProp(db, {
          pitcher: opts.pitcher,
          date: opts.date,
          line: opts.line,
          overOdds: opts.overOdds,
          underOdds: opts.underOdds,
          opponent: opts.opponent,
          home: opts.home ? true : opts.away ? false : undefined,
          vigMethod: vigMethodOf(opts.vigMethod),
          kellyFraction: opts.kelly,
          minEdge: opts.minEdge,
          dryRun: opts.dryRun,
        }),
      );
      if (opts.json) return printJson(report);
      const s = report.start;
      const line = opts.line;
      printTable(
        ['system', 'mean K', 'p10–p50–p90', ...(line !== undefined ? [`P(over ${line})`, 'P(push)', `P(under ${line})`] : []), 'red flags'],
        report.systems.map((v) => [
          `${v.system} v${v.version}`,
          v.mean ?? 'no prediction',
          v.quantiles ? `${v.quantiles.p10}–${v.quantiles.p50}–${v.quantiles.p90}` : '',
          ...(line !== undefined ? [v.atLine?.over ?? '', v.atLine?.push ?? '', v.atLine?.under ?? ''] : []),
          v.flags.map((f) => `${f.code} (${f.severity}): ${f.reason}`).join('; '),
        ]),
        `${report.pitcher.name ?? report.pitcher.player_id} · ${s.teamId} ${s.isHome ? 'vs' : '@'} ${s.opponentTeamId} · ${s.date} · as of ${report.as_of} · fitted on ${report.trained.starts.k_baseline} earlier starts until ${report.trained.until ?? '–'}`,
      );
      if (report.decision) {
        const d = report.decision;
        printTable(
          ['side', 'price', 'P(win | no push)', 'fair P (no vig)', 'edge', 'EV per unit', 'Kelly stake', 'verdict'],
          d.sides.map((x) => [x.side, `${formatAmerican(x.decimalOdds)} (${x.decimalOdds.toFixed(3)})`, x.probabilityNoPush, x.fairProbability, x.edge, x.expectedValue, x.kelly.applied, x.recommended ? 'BET' : `no: ${x.reason}`]),
          `Against the book at ${d.line} (${d.system}; vig ${d.vigMethod}, margin ${(d.margin * 100).toFixed(2)}%; Kelly as a share of bankroll)`,
        );
      }
      if (report.actual !== null) note(`recorded: ${report.actual} strikeouts (not seen by the prediction)`);
      note(report.run_id === null ? 'not logged (--dry-run)' : `logged to analytics.prop_predictions · run ${report.run_id}`);
    });

  props
    .command('picks')
    .description('Every pitcher with a strikeout prop line on a date: prediction from earlier days, best side over the books, edge, Kelly stake, red flags')
    .requiredOption('--date <YYYY-MM-DD>', 'slate date')
    .option('--vig-method <method>', `vig removal: ${VIG_METHODS.join(', ')} (default multiplicative)`)
    .option('--kelly <fraction>', 'fractional Kelly (default 0.25)', parseNumber('--kelly'))
    .option('--min-edge <p>', 'least edge to recommend a bet (default 0.02)', parseNumber('--min-edge'))
    .option('--dry-run', 'do not log the predictions')
    .option('--json', 'print a JSON document')
    .action(async (opts: { date: string; vigMethod?: string; kelly?: number; minEdge?: number; dryRun?: boolean; json?: boolean }) => {
      checkDate(opts.date, '--date');
      const report = await withStore((db) => propPicks(db, { date: opts.date, vigMethod: vigMethodOf(opts.vigMethod), kellyFraction: opts.kelly, minEdge: opts.minEdge, dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      printTable(
        ['pitcher', 'matchup', 'system', 'mean K', 'best side', 'book', 'P(win | no push)', 'fair P', 'edge', 'Kelly', 'verdict'],
        report.rows.map((r) => [
          r.pitcher,
          r.team_id ? `${r.team_id} v ${r.opponent_team_id}` : '',
          r.system ?? '',
          r.mean ?? '',
          r.best ? `${r.best.side} ${r.best.line} ${r.best.price_text}` : '',
          r.best?.book ?? '',
          r.best?.probabilityNoPush ?? '',
          r.best?.fairProbability ?? '',
          r.best?.edge ?? '',
          r.best?.kelly.applied ?? '',
          r.recommended ? 'BET' : r.best?.reason ?? `skip: ${r.flags.map((f) => f.code).join(', ')}`,
        ]),
        `Strikeout props ${report.date}: ${report.quotes} quotes, ${report.pitchers} pitchers, ${report.picks} picks`,
      );
      const reasons = [...new Set(report.rows.filter((r) => !r.best).flatMap((r) => r.flags.map((f) => `${f.code}: ${f.reason.replace(/\d+ days since/, 'N days since')}`)))];
      if (reasons.length) note(`skipped because (reasons in --json per pitcher):\n  ${reasons.slice(0, 8).join('\n  ')}`);
      if (report.quotes === 0) note(`no prop lines for ${report.date} in curated.prop_quotes (import them: sharpline import strikeout-props <file>)`);
      note(report.run_id === null ? 'not logged' : `logged to analytics.prop_predictions · run ${report.run_id}`);
    });

  props
    .command('evaluate')
    .description('Walk-forward over a season (every start predicted from earlier starts only): MAE, CRPS, log score, PIT, interval coverage and over/under calibration per system, against the naive Poisson')
    .option('--season <year>', 'season (default 2023)', parseNumber('--season'))
    .option('--dry-run', 'evaluate without logging predictions or versioning the fits')
    .option('--json', 'print a JSON document')
    .action(async (opts: { season?: number; dryRun?: boolean; json?: boolean }) => {
      const report = await withStore((db) => evaluatePropSeason(db, { season: opts.season ?? 2023, dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      const e = report.evaluation;
      const head = ['system', 'starts', 'MAE', 'CRPS', 'log score', 'bias', '50% / 80% / 90% coverage', 'O/U Brier', 'O/U ECE'];
      const row = (s: (typeof e.bySystem)[number]) => [s.system, s.starts, s.mae, s.crps, s.logScore, s.bias, `${fmt(s.coverage['0.5'])} / ${fmt(s.coverage['0.8'])} / ${fmt(s.coverage['0.9'])}`, s.overUnder.brier, s.overUnder.ece];
      printTable(head, e.bySystem.map(row), `Walk-forward ${report.season}: ${report.starts} starts (${e.from} to ${e.to}) · each system on the starts it predicted`);
      printTable(head, e.commonSet.map(row), 'On the starts every system predicted (the fair comparison; k_naive_poisson is the baseline)');
      printTable(['system', 'PIT histogram (tenths of [0, 1]; 0.100 each when calibrated)'], e.bySystem.map((s) => [s.system, s.pitHistogram.map(fmt).join(' ')]));
      printTable(['system', 'blocked starts by reason'], Object.entries(e.blocked).map(([sys, by]) => [sys, Object.entries(by).map(([k, n]) => `${k} ${n}`).join(', ')]));
      const real = report.real_lines;
      if (real.decided > 0) {
        printTable(
          ['system', 'starts', 'Brier of P(over)', 'ECE', 'market Brier, same starts'],
          [...real.bySystem.map((s) => [s.system, s.n, s.brier, s.ece, s.marketBrierSameStarts]), ['market (vig-free, books averaged)', real.decided, real.market.brier, real.market.ece, '']],
          `At the real prop lines (${real.starts} starts with lines, ${real.decided} not pushed; the line most books offered)`,
        );
      }
      note(`O/U calibration above is at the half lines ${e.bySystem[0]?.overUnder.lines.join(', ')} for every start; ${real.starts} starts of ${report.season} have a real prop line in the store`);
      note(`walk-forward ${report.walk_seconds} s · ${report.run_id === null ? 'not logged (--dry-run)' : `${report.predictions_logged} predictions logged, fits versioned in analytics.model_registry · run ${report.run_id}`}`);
    });
}

function fmt(x: number | undefined): string {
  return x === undefined || Number.isNaN(x) ? '' : x.toFixed(3);
}

function vigMethodOf(value: string | undefined): VigMethod | undefined {
  if (value === undefined) return undefined;
  if (!(VIG_METHODS as readonly string[]).includes(value)) throw new SharplineError('SL_USAGE', `--vig-method must be one of ${VIG_METHODS.join(', ')}, got "${value}"`);
  return value as VigMethod;
}
