/**
 * `sharpline odds …` as a user runs it: JSON for scripts, typed errors for bad prices. The
 * numbers are REFERENCE.md's worked 3-way example and hand-checked two-way cases.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const json = (args: string[]) => {
  const result = runCli([...args, '--json'], {});
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

describe('sharpline odds', () => {
  it('converts American, decimal and fractional prices, negative ones included', () => {
    const out = json(['odds', 'convert', '-110', '+150', '5/2']) as { prices: { decimal: number; american: string; fractional: string }[] };
    expect(out.prices.map((p) => [p.american, p.fractional])).toEqual([['-110', '10/11'], ['+150', '3/2'], ['+250', '5/2']]);
    expect(out.prices[0]!.decimal).toBeCloseTo(1.909091, 6);
  });

  it('de-vigs a 3-way market by all seven methods (REFERENCE.md worked example)', () => {
    const out = json(['odds', 'devig', '2.50', '3.40', '2.90']) as { methods: { method: string; probabilities: number[] }[] };
    const byMethod = Object.fromEntries(out.methods.map((m) => [m.method, m.probabilities]));
    expect(Object.keys(byMethod)).toHaveLength(7);
    const expected: Record<string, number[]> = {
      multiplicative: [0.385006, 0.283093, 0.331902],
      additive: [0.387018, 0.281136, 0.331846],
      power: [0.386912, 0.281336, 0.331752],
      shin: [0.386501, 0.281641, 0.331858],
      'odds-ratio': [0.386082, 0.282151, 0.331767],
    };
    for (const [method, probs] of Object.entries(expected)) probs.forEach((p, i) => expect(byMethod[method]![i]).toBeCloseTo(p, 6));
  });

  it('prices a bet: EV, break-even and the edge over the vig-free market', () => {
    const out = json(['odds', 'ev', '--prob', '0.55', '--price', '-110', '--market', '-110,-110', '--method', 'multiplicative']);
    expect(out.expected_value as number).toBeCloseTo(0.55 * (1 + 100 / 110) - 1, 12);
    expect(out.break_even_probability as number).toBeCloseTo(110 / 210, 12);
    expect(out.edge as number).toBeCloseTo(0.05, 12);
  });

  it('stakes Kelly: 0.55 at −110 is f* = 0.055, half Kelly 0.0275 of the bankroll', () => {
    const out = json(['odds', 'kelly', '--prob', '0.55', '--price', '-110', '--fraction', '0.5', '--bankroll', '1000']);
    expect(out.full as number).toBeCloseTo(0.055, 12);
    expect(out.applied as number).toBeCloseTo(0.0275, 12);
    expect(out.stakeUnits as number).toBeCloseTo(27.5, 9);
  });

  it('refuses bad prices and usage with a typed message, no stack trace', () => {
    const bad = runCli(['odds', 'devig', '1.0', '2'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/SL_ODDS_INVALID/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const one = runCli(['odds', 'devig', '2.0'], {});
    expect(one.stderr).toMatch(/SL_MARKET_INVALID/);
    const several = runCli(['odds', 'kelly', '--prob', '0.5,0.4', '--price', '2.2,3'], {});
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/--exclusive .* or --independent/);
  });
});
