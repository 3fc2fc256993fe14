/**
 * @module cli/commands/odds
 * `sharpline odds convert | devig | ev | kelly`: the market math, from the command line. Prices
 * may be American (`-110`, `+150`), decimal (`2.50`) or fractional (`5/2`); `--from` forces one.
 */
import type { Command } from 'commander';
import {
  decimalToAmerican,
  decimalToFractional,
  decimalToProbability,
  marketMargin,
  overround,
  parseOdds,
  type OddsFormat,
} from '../../domain/odds.js';
import { removeVig, VIG_METHODS, type FairMarket, type VigMethod } from '../../domain/vig/index.js';
import { SharplineError } from '../../errors.js';
import { note, printJson, printTable } from '../output.js';
import { registerDecisionCommands } from './odds-decisions.js';

const FORMATS: readonly OddsFormat[] = ['american', 'decimal', 'fractional'];

/** Reads a price the way a person writes it: a sign means American, a slash fractional, else decimal. */
export function readPrice(text: string, from?: string): number {
  if (from !== undefined && !(FORMATS as readonly string[]).includes(from)) {
    throw new SharplineError('SL_USAGE', `--from must be one of ${FORMATS.join(', ')}; got "${from}"`);
  }
  return parseOdds(text, from as OddsFormat | undefined);
}

export function formatAmerican(decimal: number): string {
  const a = decimalToAmerican(decimal);
  const rounded = Math.round(a * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** Rounds for display: enough digits to check by hand, none of the binary noise. */
export const round = (n: number, digits = 6) => Math.round(n * 10 ** digits) / 10 ** digits;

export function registerOddsCommands(program: Command): void {
  const odds = program.command('odds').description('Odds conversions, vig removal, expected value and Kelly staking');

  odds
    .command('convert')
    .description('Show prices in every format with their implied probability')
    .argument('<prices...>', 'prices like -110 +150 2.50 5/2 evens')
    .option('--from <format>', 'read every price as american, decimal or fractional')
    .option('--json', 'print a JSON document')
    .action((prices: string[], opts: { from?: string; json?: boolean }) => {
      const rows = prices.map((text) => {
        const decimal = readPrice(text, opts.from);
        return { input: text, decimal: round(decimal), american: formatAmerican(decimal), fractional: decimalToFractional(decimal), implied_probability: round(decimalToProbability(decimal)) };
      });
      if (opts.json) return printJson({ version: 1, prices: rows });
      printTable(['input', 'decimal', 'american', 'fractional', 'implied probability'], rows.map((r) => [r.input, r.decimal, r.american, r.fractional, r.implied_probability]));
    });

  odds
    .command('devig')
    .description('Fair probabilities of one market (all its outcomes) by each vig-removal method')
    .argument('<prices...>', 'one price per outcome, e.g. -110 -110, or 2.50 3.40 2.90 for home/draw/away')
    .option('--method <method>', `one of ${VIG_METHODS.join(', ')}, or all`, 'all')
    .option('--from <format>', 'read every price as american, decimal or fractional')
    .option('--json', 'print a JSON document')
    .action((prices: string[], opts: { method: string; from?: string; json?: boolean }) => {
      if (prices.length < 2) throw new SharplineError('SL_MARKET_INVALID', `a market needs at least two outcomes; got ${prices.length}`);
      const methods = opts.method === 'all' ? VIG_METHODS : [opts.method as VigMethod];
      if (!methods.every((m) => VIG_METHODS.includes(m))) throw new SharplineError('SL_USAGE', `--method must be one of ${VIG_METHODS.join(', ')} or all; got "${opts.method}"`);
      const decimals = prices.map((p) => readPrice(p, opts.from));
      const fair: FairMarket[] = methods.map((m) => removeVig(decimals, m));
      if (opts.json) return printJson({ version: 1, prices, decimals, overround: overround(decimals), margin: marketMargin(decimals), methods: fair });
      note(`booksum ${round(overround(decimals))} · margin ${round(marketMargin(decimals) * 100, 3)}%`);
      printTable(
        ['method', ...prices.map((p, i) => `#${i + 1} ${p}`), 'parameter'],
        fair.map((f) => [f.method, ...f.probabilities.map((p, i) => `${round(p)} (${Number.isFinite(f.fairDecimals[i]!) ? round(f.fairDecimals[i]!, 3) : '—'})`), f.parameterName ? `${f.parameterName} = ${round(f.parameter!)}` : '']),
        'Fair probability (fair decimal) per outcome',
      );
      for (const f of fair) for (const w of f.warnings) note(`${f.method}: ${w.message}`);
    });

  registerDecisionCommands(odds);
}
