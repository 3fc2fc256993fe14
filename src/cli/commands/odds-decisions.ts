/**
 * @module cli/commands/odds-decisions
 * `sharpline odds ev` and `sharpline odds kelly`: value and stakes for a probability and a price.
 * The fair market probability for the edge comes from de-vigging the whole market (`--market`).
 */
import type { Command } from 'commander';
import { breakEvenProbability, edge, expectedValue, kellyExclusive, kellyFraction, kellyIndependent, type KellyBet } from '../../domain/decisions/index.js';
import { removeVig, VIG_METHODS, type VigMethod } from '../../domain/vig/index.js';
import { SharplineError } from '../../errors.js';
import { note, printJson, printTable } from '../output.js';
import { readPrice, round } from './odds.js';


function probabilities(text: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.some((p) => !Number.isFinite(p) || p <= 0 || p >= 1)) throw new SharplineError('SL_BET_INVALID', `--prob must be probabilities in (0, 1), comma-separated; got "${text}"`);
  return values;
}

function method(name: string): VigMethod {
  if (!(VIG_METHODS as readonly string[]).includes(name)) throw new SharplineError('SL_USAGE', `--method must be one of ${VIG_METHODS.join(', ')}; got "${name}"`);
  return name as VigMethod;
}

function numberOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new SharplineError('SL_USAGE', `${name} must be a number; got "${text}"`);
  return value;
}

export function registerDecisionCommands(odds: Command): void {
  odds
    .command('ev')
    .description('Expected value and break-even of a bet; with --market, the edge over the vig-free market')
    .requiredOption('--prob <p>', 'your probability that the bet wins, in (0, 1)')
    .requiredOption('--price <price>', 'the price you can take, e.g. -110, 2.10, 11/10')
    .option('--market <prices>', "the market's prices, comma-separated, the bet's side first (e.g. -110,-110)")
    .option('--method <method>', 'vig-removal method for the fair market probability', 'power')
    .option('--from <format>', 'read prices as american, decimal or fractional')
    .option('--json', 'print a JSON document')
    .action((opts: { prob: string; price: string; market?: string; method: string; from?: string; json?: boolean }) => {
      const [p] = probabilities(opts.prob);
      const decimal = readPrice(opts.price, opts.from);
      const fair = opts.market ? removeVig(opts.market.split(',').map((x) => readPrice(x.trim(), opts.from)), method(opts.method)) : null;
      const report = {
        version: 1,
        probability: p!,
        decimal_odds: decimal,
        expected_value: expectedValue(p!, decimal),
        break_even_probability: breakEvenProbability(decimal),
        fair_market_probability: fair ? fair.probabilities[0]! : null,
        edge: fair ? edge(p!, fair.probabilities[0]!) : null,
        method: fair ? fair.method : null,
      };
      if (opts.json) return printJson(report);
      printTable(
        ['probability', 'decimal', 'EV per unit', 'break-even', 'fair market', 'edge'],
        [[p!, round(decimal, 4), round(report.expected_value), round(report.break_even_probability), report.fair_market_probability === null ? '—' : `${round(report.fair_market_probability)} (${report.method})`, report.edge === null ? '—' : round(report.edge)]],
      );
    });

  odds
    .command('kelly')
    .description('Kelly stake (full, fractional, capped); several bets at once with --exclusive or --independent')
    .requiredOption('--prob <p>', 'probability per bet, comma-separated for several')
    .requiredOption('--price <prices>', 'price per bet, comma-separated for several')
    .option('--fraction <f>', 'fractional Kelly multiplier in (0, 1]', '1')
    .option('--cap <c>', 'largest stake per bet as a share of bankroll, in (0, 1]', '1')
    .option('--bankroll <units>', 'bankroll in units, for stakes in units', '100')
    .option('--exclusive', 'the bets are outcomes of one game (at most one wins)')
    .option('--independent', 'the bets are independent games on one slate')
    .option('--from <format>', 'read prices as american, decimal or fractional')
    .option('--json', 'print a JSON document')
    .action((opts: { prob: string; price: string; fraction: string; cap: string; bankroll: string; exclusive?: boolean; independent?: boolean; from?: string; json?: boolean }) => {
      const ps = probabilities(opts.prob);
      const prices = opts.price.split(',').map((x) => readPrice(x.trim(), opts.from));
      if (ps.length !== prices.length) throw new SharplineError('SL_USAGE', `--prob has ${ps.length} values but --price has ${prices.length}`);
      if (opts.exclusive && opts.independent) throw new SharplineError('SL_USAGE', 'choose --exclusive or --independent, not both');
      if (ps.length > 1 && !opts.exclusive && !opts.independent) throw new SharplineError('SL_USAGE', 'several bets need --exclusive (one game) or --independent (a slate)');
      const options = { fraction: numberOption('--fraction', opts.fraction, 1), cap: numberOption('--cap', opts.cap, 1), bankroll: numberOption('--bankroll', opts.bankroll, 100) };
      const bets: KellyBet[] = ps.map((p, i) => ({ probability: p, decimalOdds: prices[i]! }));
      if (bets.length === 1 && !opts.exclusive && !opts.independent) {
        const k = kellyFraction(bets[0]!.probability, bets[0]!.decimalOdds, options);
        if (opts.json) return printJson({ version: 1, ...k });
        printTable(['EV per unit', 'full Kelly', 'applied', 'stake (units)', 'log growth', 'note'], [[round(k.expectedValue), round(k.full), round(k.applied), round(k.stakeUnits, 2), round(k.growth, 8), k.reason ?? '']]);
        return;
      }
      const result = opts.exclusive ? kellyExclusive(bets, options) : kellyIndependent(bets, options);
      if (opts.json) return printJson({ version: 1, ...result });
      printTable(
        ['bet', 'probability', 'decimal', 'EV per unit', 'full', 'applied', 'stake (units)', 'note'],
        result.bets.map((b, i) => [i + 1, b.probability, round(b.decimalOdds, 4), round(b.expectedValue), round(b.full), round(b.applied), round(b.stakeUnits, 2), b.reason ?? '']),
        `Simultaneous Kelly (${opts.exclusive ? 'outcomes of one game' : 'independent games'}, ${result.method})`,
      );
      note(`total staked ${round(result.totalApplied)} of bankroll · expected log growth ${round(result.growth, 8)} · ${result.iterations} iterations`);
    });
}
