import { describe, expect, it } from 'vitest';
import { americanToDecimal } from '../../src/domain/odds.js';
import { americanCents, filterLineNoise, lineMovement, type LinePoint } from '../../src/domain/line-movement.js';

const at = (hhmm: string) => new Date(`2022-11-20T${hhmm}:00Z`);
const p = (time: string | null, line: number | null, american: number | null): LinePoint => ({
  at: time === null ? null : at(time),
  line,
  priceDecimal: american === null ? null : americanToDecimal(american),
});

describe('americanCents', () => {
  it('is continuous across even money, so −105 to +105 is 10 cents', () => {
    expect(americanCents(americanToDecimal(-110))).toBeCloseTo(-10, 9);
    expect(americanCents(americanToDecimal(100))).toBeCloseTo(0, 9);
    expect(americanCents(americanToDecimal(-100))).toBeCloseTo(0, 9);
    expect(americanCents(americanToDecimal(105)) - americanCents(americanToDecimal(-105))).toBeCloseTo(10, 9);
    expect(americanCents(americanToDecimal(-150)) - americanCents(americanToDecimal(-140))).toBeCloseTo(-10, 9);
  });
});

describe('the noise filter (REFERENCE.md: first, last, ≥ 5 cents, ≥ 0.5 of line, gaps > 1 h)', () => {
  it('drops 2-cent wiggles and quarter-point flickers, keeps real moves and long gaps', () => {
    const history = [
      p('10:00', -3, -110), // first: kept
      p('10:05', -3, -112), // 2 cents: noise
      p('10:10', -3.25, -110), // 0.25 of line: noise (not a real number here, but a flicker)
      p('10:20', -3, -116), // 6 cents from the last kept (-110): kept
      p('10:30', -3.5, -116), // half a point: kept
      p('12:00', -3.5, -115), // 1 cent, but 90 minutes after the last kept point: kept
      p('12:05', -3.5, -114), // 1 cent: noise
      p('12:10', -3.5, -113), // last: kept
    ];
    const kept = filterLineNoise(history);
    expect(kept.map((k) => k.at!.toISOString().slice(11, 16))).toEqual(['10:00', '10:20', '10:30', '12:00', '12:10']);
  });

  it('summarises open, close, moves, size and velocity', () => {
    const m = lineMovement([p('10:00', -3, -110), p('10:05', -3, -112), p('11:00', -3.5, -110), p('14:00', -4, -105)])!;
    expect(m.open.line).toBe(-3);
    expect(m.close.line).toBe(-4);
    expect(m.moves).toBe(2);
    expect(m.lineChange).toBe(-1);
    expect(m.priceChangeCents).toBeCloseTo(5, 9); // −110 → −105
    expect(m.hours).toBe(4);
    expect(m.velocity).toBeCloseTo(0.25, 12); // 1 point in 4 hours
  });

  it('measures a moneyline in cents, and gives no velocity without timestamps (open/close flags only)', () => {
    const m = lineMovement([p(null, null, -120), p(null, null, -135)])!;
    expect(m.lineChange).toBeNull();
    expect(m.priceChangeCents).toBeCloseTo(-15, 9);
    expect(m.moves).toBe(1);
    expect([m.hours, m.velocity]).toEqual([null, null]);
    expect(lineMovement([])).toBeNull();
    expect(lineMovement([p('10:00', 44.5, -110)])).toMatchObject({ moves: 0, lineChange: 0, velocity: null });
  });
});
