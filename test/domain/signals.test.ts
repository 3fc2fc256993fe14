import { describe, expect, it } from 'vitest';
import { detectSteam, publicHeavy, reverseLineMovement, sharpAction, SIGNAL_CONFIG, type BookMove } from '../../src/domain/signals.js';

describe('sharp action (money% − bets% ≥ tier, tiers 10/15/20/25)', () => {
  it('names the strongest tier reached, and nothing below 10 points or without money shares', () => {
    expect(sharpAction({ side: 'home', betsShare: 0.35, moneyShare: 0.47 })).toMatchObject({ tier: 'light', gap: 12 });
    expect(sharpAction({ side: 'home', betsShare: 0.3, moneyShare: 0.45 })).toMatchObject({ tier: 'moderate', gap: 15 });
    expect(sharpAction({ side: 'home', betsShare: 0.3, moneyShare: 0.52 })).toMatchObject({ tier: 'strong' });
    expect(sharpAction({ side: 'away', betsShare: 0.2, moneyShare: 0.5 })).toMatchObject({ tier: 'very-strong', gap: 30 });
    expect(sharpAction({ side: 'home', betsShare: 0.4, moneyShare: 0.49 })).toBeNull();
    expect(sharpAction({ side: 'home', betsShare: 0.6, moneyShare: 0.4 })).toBeNull();
    expect(sharpAction({ side: 'home', betsShare: 0.3, moneyShare: null })).toBeNull();
    expect(SIGNAL_CONFIG.sharpTiers.map((t) => t.minGap)).toEqual([10, 15, 20, 25]);
  });
});

describe('public-heavy (≥ 85% of bets)', () => {
  it('finds the side at or over 85%', () => {
    expect(publicHeavy([{ side: 'over', betsShare: 0.85, moneyShare: null }, { side: 'under', betsShare: 0.15, moneyShare: null }])?.side).toBe('over');
    expect(publicHeavy([{ side: 'home', betsShare: 0.84, moneyShare: null }, { side: 'away', betsShare: 0.16, moneyShare: null }])).toBeNull();
  });
});

describe('reverse line movement: the line moves toward the MINORITY of bets', () => {
  const majority = (side: 'home' | 'away' | 'over' | 'under', betsShare: number) => ({ side, betsShare, moneyShare: null });

  it('70% of bets on a −3 favourite, yet the line drops to −2.5: RLM toward the underdog', () => {
    const rlm = reverseLineMovement({ market: 'spread', majority: majority('home', 0.7), minority: 'away', lineChange: 0.5, priceChangeCents: 0 });
    expect(rlm).toMatchObject({ side: 'away', majoritySide: 'home', majorityBetsShare: 0.7 });
  });

  it('the line moving WITH the majority (−3 → −3.5) is not RLM; nor is a move under half a point', () => {
    expect(reverseLineMovement({ market: 'spread', majority: majority('home', 0.7), minority: 'away', lineChange: -0.5, priceChangeCents: 0 })).toBeNull();
    expect(reverseLineMovement({ market: 'spread', majority: majority('home', 0.7), minority: 'away', lineChange: 0, priceChangeCents: 2 })).toBeNull();
  });

  it('totals: bets on the over but the total falls (and the reverse for the under)', () => {
    expect(reverseLineMovement({ market: 'total', majority: majority('over', 0.64), minority: 'under', lineChange: -1, priceChangeCents: null })?.side).toBe('under');
    expect(reverseLineMovement({ market: 'total', majority: majority('under', 0.6), minority: 'over', lineChange: 0.5, priceChangeCents: null })?.side).toBe('over');
    expect(reverseLineMovement({ market: 'total', majority: majority('over', 0.64), minority: 'under', lineChange: 1, priceChangeCents: null })).toBeNull();
  });

  it('moneylines: the majority side’s price lengthens by 5 cents or more', () => {
    expect(reverseLineMovement({ market: 'moneyline', majority: majority('away', 0.75), minority: 'home', lineChange: null, priceChangeCents: 10 })?.side).toBe('home');
    expect(reverseLineMovement({ market: 'moneyline', majority: majority('away', 0.75), minority: 'home', lineChange: null, priceChangeCents: -10 })).toBeNull();
  });

  it('needs a majority: a 50/50 market has none', () => {
    expect(reverseLineMovement({ market: 'spread', majority: majority('home', 0.5), minority: 'away', lineChange: 1, priceChangeCents: 0 })).toBeNull();
  });
});

describe('steam (≥ 3 books, same direction, within 5 minutes)', () => {
  const t = (mmss: string) => new Date(`2022-11-20T18:${mmss}Z`);
  const move = (book: string, mmss: string, direction: 'up' | 'down' = 'down'): BookMove => ({ book, at: t(mmss), direction });

  it('finds three books moving down within five minutes, merged into one burst', () => {
    const steam = detectSteam([move('pinnacle', '00:00'), move('circa', '02:30'), move('bookmaker', '04:59'), move('draftkings', '06:00'), move('fanduel', '30:00', 'up')]);
    expect(steam).toHaveLength(1);
    expect(steam[0]).toMatchObject({ direction: 'down', books: ['bookmaker', 'circa', 'draftkings', 'pinnacle'] });
    expect(steam[0]!.start).toEqual(t('00:00'));
    expect(steam[0]!.end).toEqual(t('06:00'));
  });

  it('does not count one book twice, opposite directions, or moves spread over more than five minutes', () => {
    expect(detectSteam([move('pinnacle', '00:00'), move('pinnacle', '01:00'), move('circa', '02:00')])).toEqual([]);
    expect(detectSteam([move('a', '00:00'), move('b', '01:00', 'up'), move('c', '02:00')])).toEqual([]);
    expect(detectSteam([move('a', '00:00'), move('b', '03:00'), move('c', '05:01')])).toEqual([]);
  });
});
