/**
 * MLB starting pitchers: the SBR archive spells a pitcher's name differently from season to season
 * (`BUMGARNER`, `MBUMGARNR`, `MBUMGARNER`), so a new ref is read as the earlier record of the same
 * team's pitcher of that name; and the score model's expected runs move with the starters faced,
 * its moneyline with the home edge of innings 1–5 (final scores cut the home side's ninth short).
 */
import { describe, expect, it } from 'vitest';
import { FeatureTracker, samePitcherName } from '../../../src/models/features/game-features.js';
import { earlyHomeAdvantage, fitScoreModel, scoreMarkets } from '../../../src/models/systems/score-models.js';
import type { GameRecord } from '../../../src/models/types.js';

let id = 0;
function game(date: string, home: string, away: string, homeStarter: string | null, awayStarter: string | null, homeEarly: number, awayEarly: number): GameRecord {
  const season = Number(date.slice(0, 4));
  return { gameId: ++id, sport: 'mlb', league: 'MLB', season, seasonType: 'regular', date, startAt: null, home, away, neutral: false, homeScore: homeEarly + 1, awayScore: awayEarly + 2, homeStarter, awayStarter, homeEarly, awayEarly };
}

describe('samePitcherName', () => {
  it.each([
    ['sbr:BUMGARNER', 'sbr:MBUMGARNR'],
    ['sbr:MBUMGARNR', 'sbr:MBUMGARNER'],
    ['sbr:VERLANDER', 'sbr:JVERLANDER'],
    ['sbr:JZIMMERMA', 'sbr:JZIMMERMANN'],
    ['sbr:FOLTYNEWCZ', 'sbr:MFOLTYNEWICZ'],
  ])('%s and %s are one pitcher', (a, b) => {
    expect(samePitcherName(a, b)).toBe(true);
    expect(samePitcherName(b, a)).toBe(true);
  });

  it.each([
    ['sbr:CGONZALEZ', 'sbr:AGONZALEZ'], // two initials: two pitchers of one surname
    ['sbr:CLEE', 'sbr:CLEESMAN'], // too short to tell
    ['sbr:CKERSHAW', 'sbr:MSCHERZER'],
  ])('%s and %s are not', (a, b) => {
    expect(samePitcherName(a, b)).toBe(false);
  });
});

describe('FeatureTracker pitcher records across spellings', () => {
  /** Team x: an ace (no early runs in 10 starts) and other starters (4 early runs each); y's starters are new each game (short made-up names: never read as one another). */
  function history(): FeatureTracker {
    const t = new FeatureTracker('mlb');
    for (let d = 1; d <= 20; d++) {
      const ace = d % 2 === 1;
      const g = game(`2015-05-${String(d).padStart(2, '0')}`, 'x', 'y', ace ? 'sbr:BUMGARNER' : `sbr:X${String.fromCharCode(64 + d)}`, `sbr:Y${String.fromCharCode(64 + d)}`, 1, ace ? 0 : 4);
      t.features(g, 0);
      t.observe(g);
    }
    return t;
  }

  it("a new spelling on the same team reads the old record; on another team it does not", () => {
    const t = history();
    const next = game('2016-04-05', 'x', 'y', 'sbr:MBUMGARNR', 'sbr:NEWGUY', 0, 0);
    expect(t.pitcherKey('sbr:MBUMGARNR', 'x')).toBe('sbr:BUMGARNER');
    expect(t.pitcherKey('sbr:MBUMGARNR', 'y')).toBe('sbr:MBUMGARNR');
    // The ace's record counts: y's new starter is y's average, the ace far better than x's.
    expect(t.starterEdge(next)).toBeGreaterThan(0.2);
    const unlinked = game('2016-04-05', 'x', 'y', 'sbr:SOMEBODYELSE', 'sbr:NEWGUY', 0, 0);
    expect(t.starterEdge(next)).toBeGreaterThan(t.starterEdge(unlinked));
  });

  it('the alias is kept once learned and survives a snapshot', () => {
    const t = history();
    const g = game('2016-04-05', 'x', 'y', 'sbr:MBUMGARNR', 'sbr:NEWGUY', 0, 0);
    t.features(g, 0);
    t.observe(g);
    const back = FeatureTracker.fromSnapshot(JSON.parse(JSON.stringify(t.snapshot())));
    expect(back.snapshot().aliases).toEqual({ 'sbr:MBUMGARNR': 'sbr:BUMGARNER' });
    expect(back.pitcherKey('sbr:MBUMGARNR', 'z')).toBe('sbr:BUMGARNER');
  });

  it("starterRunShift: the side facing a better-than-usual starter expects fewer runs", () => {
    const t = history();
    const shift = t.starterRunShift(game('2015-06-01', 'x', 'y', 'sbr:BUMGARNER', 'sbr:NEWGUY', 0, 0));
    expect(shift.away).toBeLessThan(0); // y faces the ace
    expect(shift.home).toBeCloseTo(0, 10); // x faces y's average
    expect(t.starterRunShift(game('2015-06-01', 'x', 'y', null, null, 0, 0))).toEqual({ home: 0, away: 0 });
  });
});

describe('score model with a run shift', () => {
  it('fewer expected runs for a side lowers its win probability; no shift is the plain model', () => {
    const teams = ['a', 'b', 'c', 'd'];
    const games: GameRecord[] = Array.from({ length: 80 }, (_, i) => ({
      ...game(new Date(Date.UTC(2015, 3, 1 + i)).toISOString().slice(0, 10), teams[i % 4]!, teams[(i + 1 + ((i >> 2) % 3)) % 4]!, null, null, 2, 2),
      homeScore: 3 + (i % 5),
      awayScore: 2 + ((i * 3) % 4),
    }));
    const model = fitScoreModel('mlb', games, '2016-01-01')!;
    const g = { league: 'MLB', home: 'a', away: 'b', neutral: false };
    const plain = scoreMarkets(model, g)!.moneyline.home;
    expect(scoreMarkets(model, g, {}, { home: 0, away: 0 })!.moneyline.home).toBeCloseTo(plain, 12);
    expect(scoreMarkets(model, g, {}, { home: 0, away: -1 })!.moneyline.home).toBeGreaterThan(plain);
    expect(scoreMarkets(model, g, {}, { home: -1, away: 0 })!.moneyline.home).toBeLessThan(plain);
  });
});

describe('MLB score model: home edge from innings 1–5', () => {
  const teams = ['a', 'b', 'c', 'd'];
  /** Home sides score 3 early runs to the away side's 2, but finals are level on average (a cut-short ninth). */
  function season(): GameRecord[] {
    return Array.from({ length: 80 }, (_, i) => ({
      ...game(new Date(Date.UTC(2015, 3, 1 + i)).toISOString().slice(0, 10), teams[i % 4]!, teams[(i + 1 + ((i >> 2) % 3)) % 4]!, null, null, 3, 2),
      homeScore: 3 + (i % 5),
      awayScore: 3 + ((i * 3) % 5),
    }));
  }

  it('is the time-weighted log ratio of early runs; none without early scores', () => {
    const g = season();
    expect(earlyHomeAdvantage(g, '2016-01-01', 0)).toBeCloseTo(Math.log(3 / 2), 12);
    expect(earlyHomeAdvantage(g.map((x) => ({ ...x, homeEarly: null, awayEarly: null })), '2016-01-01', 0.003)).toBeUndefined();
  });

  it('raises the moneyline P(home), leaves the total alone, and not at a neutral site', () => {
    const model = fitScoreModel('mlb', season(), '2016-01-01')!;
    expect(model.kind === 'negative-binomial' && model.winHomeAdvantage).toBeGreaterThan(0.3);
    const plain = model.kind === 'negative-binomial' ? { ...model, winHomeAdvantage: undefined } : model;
    const g = { league: 'MLB', home: 'a', away: 'b', neutral: false };
    const withEdge = scoreMarkets(model, g, { total: 7.5 })!;
    const without = scoreMarkets(plain, g, { total: 7.5 })!;
    expect(withEdge.moneyline.home).toBeGreaterThan(without.moneyline.home + 0.03);
    expect(withEdge.total!.over).toBeCloseTo(without.total!.over, 12);
    const neutral = { ...g, neutral: true };
    expect(scoreMarkets(model, neutral)!.moneyline.home).toBeCloseTo(scoreMarkets(plain, neutral)!.moneyline.home, 12);
  });
});
