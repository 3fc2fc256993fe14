import { describe, expect, it } from 'vitest';
import { americanToDecimal } from '../../src/domain/odds.js';
import { decideProp } from '../../src/props/decisions.js';
import { overUnder, poissonK } from '../../src/props/distribution.js';

describe('prop decisions', () => {
  it('-110 / -110: fair 0.5 / 0.5, margin 4.76%, edge and EV as REFERENCE.md defines them', () => {
    const ou = { line: 6.5, over: 0.56, push: 0, under: 0.44 };
    const d = decideProp(ou, { overDecimal: americanToDecimal(-110), underDecimal: americanToDecimal(-110) });
    const [over, under] = d.sides;
    expect(d.margin).toBeCloseTo(2 / 1.9090909 - 1, 6);
    expect(over.fairProbability).toBeCloseTo(0.5, 12);
    expect(over.edge).toBeCloseTo(0.06, 12);
    expect(over.expectedValue).toBeCloseTo(0.56 * 1.9090909090909 - 1, 9);
    // Quarter Kelly of f* = (p·d − 1)/(d − 1) = 0.0760, capped at 5% of bankroll.
    expect(over.kelly.full).toBeCloseTo((0.56 * 1.9090909090909 - 1) / 0.9090909090909, 9);
    expect(over.kelly.applied).toBeCloseTo(0.25 * over.kelly.full, 12);
    expect(over.recommended).toBe(true);
    expect(under.recommended).toBe(false);
    expect(under.kelly.applied).toBe(0);
  });

  it('with a push, the stake maximises expected log wealth over win, push and loss', () => {
    const ou = overUnder(poissonK(6.4), 6);
    const d = 2.05;
    const over = decideProp(ou, { overDecimal: d, underDecimal: 1.8, kellyFraction: 1, kellyCap: 1 }).sides[0];
    const growth = (f: number) => ou.over * Math.log(1 + (d - 1) * f) + ou.under * Math.log(1 - f);
    let best = 0;
    for (let f = 0; f < 0.5; f += 1e-5) if (growth(f) > growth(best)) best = f;
    expect(over.kelly.applied).toBeCloseTo(best, 4);
    expect(over.expectedValue).toBeCloseTo(ou.over * d + ou.push - 1, 12);
  });

  it('red flags keep a bet with an edge out of the recommendations, with the reason', () => {
    const ou = { line: 6.5, over: 0.7, push: 0, under: 0.3 };
    const d = decideProp(ou, { overDecimal: 2, underDecimal: 1.8 }, [{ code: 'short_rest', severity: 'downgrade', reason: '3 days' }]);
    expect(d.sides[0].recommended).toBe(false);
    expect(d.sides[0].reason).toBe('red flags: short_rest');
  });

  it('a price that is not odds is refused with a coded error', () => {
    expect(() => decideProp({ line: 5.5, over: 0.5, push: 0, under: 0.5 }, { overDecimal: 0.9, underDecimal: 1.9 })).toThrow(expect.objectContaining({ code: 'SL_ODDS_INVALID' }));
  });
});
