/**
 * @module cli/commands/models
 * `sharpline train`, `sharpline predict` and `sharpline ml health`: the model registry's front door.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { mlHealth } from '../../models/health.js';
import { PRICE_SIDES, predictMatchup, type PriceSide } from '../../models/predict.js';
import { isSystemId, SYSTEM_DESCRIPTIONS, type SystemId } from '../../models/systems/catalog.js';
import { trainSystems } from '../../models/train.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';
import { formatAmerican, readPrice } from './odds.js';
import { parseSport } from '../sport-option.js';
import { checkDate, parseNumber } from '../option-parsers.js';

export function registerModelCommands(program: Command): void {
  program
    .command('train')
    .description('Train every prediction system of a sport on the real scored games in the store, and version them in the registry')
    .requiredOption('--sport <sport>', 'nfl, mlb, nba, nhl or soccer')
    .option('--until <YYYY-MM-DD>', 'train only on games up to this date')
    .option('--systems <list>', `comma-separated subset of: ${Object.keys(SYSTEM_DESCRIPTIONS).join(', ')}`)
    .option('--force', 'train even when the training quality gate fails (recorded with the run)')
    .option('--dry-run', 'train and report, store nothing')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport: string; until?: string; systems?: string; force?: boolean; dryRun?: boolean; json?: boolean }) => {
      const sport = parseSport(opts.sport);
      if (opts.until !== undefined) checkDate(opts.until, '--until');
      const report = await withStore((db) => trainSystems(db, { sport, until: opts.until, systems: systemsOf(opts.systems), force: opts.force, dryRun: opts.dryRun }));
      if (opts.json) return printJson(report);
      printTable(
        ['system', 'version', 'walk-forward seasons', 'games', 'Brier', 'log loss', 'detail'],
        report.systems.map((s) => [s.system, s.version, s.walk_forward?.seasons ?? '', s.walk_forward?.n ?? '', s.walk_forward?.brier ?? '', s.walk_forward?.log_loss ?? '', detailText(s.detail)]),
        `Trained ${report.sport} on ${report.games.scored.toLocaleString('en-US')} real scored games (${report.games.seasons}, until ${report.until})${report.dry_run ? ' · DRY RUN: nothing stored' : ` · run ${report.run_id}`}`,
      );
      note(`Elo profile ${report.elo_profile.id}: K ${report.elo_profile.k}, home advantage ${report.elo_profile.hfa}${report.elo_profile.tuned ? ` (tuned on ${report.elo_profile.seasons})` : ' (defaults)'} · ${report.seconds} s`);
      if (report.quality_gate.forced) note('WARNING: the training quality gate failed and --force was given; recorded with the run');
    });

  program
    .command('predict')
    .description('Predict one matchup with every trained system: probabilities, ensemble, fair odds, and edge and Kelly stake against given prices')
    .requiredOption('--sport <sport>', 'nfl, mlb, nba, nhl or soccer')
    .requiredOption('--home <team>', 'home team: id (nfl-kc), abbreviation or name')
    .requiredOption('--away <team>', 'away team')
    .option('--date <YYYY-MM-DD>', 'game date (default today)')
    .option('--neutral', 'neutral site (no home advantage)')
    .option('--home-starter <pitcher>', 'MLB: home starting pitcher (player ref like sbr:CKERSHAW, or the name as a source wrote it)')
    .option('--away-starter <pitcher>', 'MLB: away starting pitcher')
    .option('--spread <line>', 'home handicap, e.g. -3.5', parseNumber('--spread'))
    .option('--total <line>', 'total points/goals/runs line, e.g. 47.5', parseNumber('--total'))
    .option('--odds <prices>', `prices by side, e.g. home:-150,away:+130 (sides: ${PRICE_SIDES.join(', ')}; any odds format)`)
    .option('--kelly <fraction>', 'Kelly fraction for stakes (default 0.25)', parseNumber('--kelly'))
    .option('--publish', 'publish the predictions (a `publish` run) — refused when the publish quality gate fails')
    .option('--force', 'with --publish: publish even though the publish gate fails (logged in the runs ledger)')
    .option('--dry-run', 'predict without logging to analytics.predictions')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport: string; home: string; away: string; date?: string; neutral?: boolean; homeStarter?: string; awayStarter?: string; spread?: number; total?: number; odds?: string; kelly?: number; publish?: boolean; force?: boolean; dryRun?: boolean; json?: boolean }) => {
      const sport = parseSport(opts.sport);
      if (opts.date !== undefined) checkDate(opts.date, '--date');
      const prices = opts.odds === undefined ? undefined : pricesOf(opts.odds);
      const report = await withStore((db) =>
        predictMatchup(db, { sport, home: opts.home, away: opts.away, date: opts.date, neutral: opts.neutral, homeStarter: opts.homeStarter, awayStarter: opts.awayStarter, spread: opts.spread, total: opts.total, prices, kelly: opts.kelly, dryRun: opts.dryRun, publish: opts.publish, force: opts.force }),
      );
      if (opts.json) return printJson(report);
      const g = report.game;
      const hasDraw = report.systems.some((s) => s.probabilities.moneyline.draw > 0);
      printTable(
        ['system', 'P(home)', ...(hasDraw ? ['P(draw)'] : []), 'P(away)', 'fair home', 'fair away', ...(g.spread !== null ? [`P(home ${signed(g.spread)} covers)`] : []), ...(g.total !== null ? [`P(over ${g.total})`] : [])],
        report.systems.map((s) => {
          const m = s.probabilities.moneyline;
          return [
            s.system,
            m.home,
            ...(hasDraw ? [m.draw] : []),
            m.away,
            fair(m.home),
            fair(m.away),
            ...(g.spread !== null ? [s.probabilities.spread ? s.probabilities.spread.homeCover : ''] : []),
            ...(g.total !== null ? [s.probabilities.total ? s.probabilities.total.over : ''] : []),
          ];
        }),
        `${g.away} @ ${g.home}${g.neutral ? ' (neutral site)' : ''} · ${g.date}${g.game_id ? ` · game #${g.game_id}` : ''}`,
      );
      if (report.decisions.length > 0) {
        printTable(
          ['market', 'side', 'price', 'P(win)', 'fair price', 'market P (no vig)', 'edge', 'EV per unit', 'Kelly stake'],
          report.decisions.map((d) => [d.market, d.side, `${formatAmerican(d.price)} (${d.price.toFixed(3)})`, d.probability, fair(d.probability), d.market_probability ?? '', d.edge ?? '', d.ev, d.kelly_stake]),
          'Against the given prices (ensemble probabilities; Kelly stake as a share of bankroll)',
        );
      }
      if (report.quality_gate?.forced) note(`WARNING: the publish quality gate failed (${report.quality_gate.failed_checks.join(', ')}) and --force was given; logged in the runs ledger`);
      note(report.run_id === null ? 'not logged (--dry-run)' : `${report.published ? 'published and ' : ''}logged to analytics.predictions · run ${report.run_id}`);
    });

  const ml = program.command('ml').description('Model registry and training data');
  ml.command('health')
    .description('Training data per sport (real scored games, feature completeness) and the last training of each system')
    .option('--sport <sport>', 'only this sport')
    .option('--detailed', 'per season as well')
    .option('--json', 'print a JSON document')
    .action(async (opts: { sport?: string; detailed?: boolean; json?: boolean }) => {
      const sport = opts.sport === undefined ? undefined : parseSport(opts.sport);
      const report = await withStore((db) => mlHealth(db, { detailed: opts.detailed, sport }));
      if (opts.json) return printJson(report);
      printTable(
        ['sport', 'games', 'real scored games', 'seasons', 'last trained', 'systems trained'],
        report.sports.map((s) => [s.sport, s.games, s.scored, s.seasons, s.last_trained ?? 'never', s.systems_trained.join(', ')]),
        'Training data',
      );
      if (report.seasons) {
        printTable(
          ['sport', 'season', 'games', 'scored', 'synthetic', 'with team history', 'with closing moneyline'],
          report.seasons.map((s) => [s.sport, String(s.season), s.games, s.scored, s.synthetic, s.with_history, s.with_closing_moneyline]),
          'Per season',
        );
      }
      if (report.sports.every((s) => s.scored === 0)) note('no real scored games: import some (sharpline demo, or sharpline import <format> <files>)');
    });
}

function systemsOf(value: string | undefined): SystemId[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!isSystemId(s)) throw new SharplineError('SL_USAGE', `--systems: unknown system "${s}" (known: ${Object.keys(SYSTEM_DESCRIPTIONS).join(', ')})`);
  return list as SystemId[];
}

function pricesOf(text: string): Partial<Record<PriceSide, number>> {
  const out: Partial<Record<PriceSide, number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [side, price] = part.split(':').map((x) => x.trim());
    if (!side || price === undefined || !(PRICE_SIDES as readonly string[]).includes(side)) {
      throw new SharplineError('SL_USAGE', `--odds: "${part}" is not side:price with side one of ${PRICE_SIDES.join(', ')}`);
    }
    out[side as PriceSide] = readPrice(price);
  }
  return out;
}

function fair(p: number): string {
  return p > 0 && p < 1 ? formatAmerican(1 / p) : '';
}

function signed(x: number): string {
  return x > 0 ? `+${x}` : String(x);
}

function detailText(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    if (v === null || v === undefined || Array.isArray(v)) continue;
    parts.push(typeof v === 'object' ? `${k} ${Object.entries(v as Record<string, number>).map(([a, b]) => `${a}=${b}`).join(' ')}` : `${k} ${v}`);
  }
  return parts.join(', ');
}
