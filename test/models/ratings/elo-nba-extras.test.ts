/**
 * The NBA profile's two additions to 538's Elo: a back-to-back penalty read from the engine's own
 * game dates, and a faster K while teams are new to the store (zero-sum either way).
 */
import { describe, expect, it } from 'vitest';
import { ELO_PROFILES, EloEngine, eloWinProbability, runElo, type EloProfile } from '../../../src/models/ratings/index.js';
import type { GameRecord } from '../../../src/models/types.js';

const BASE: EloProfile = { id: 'nba-extras-test', sport: 'nba', k: 20, hfa: 100, mov: 'none', seasonCarryOver: 0.75, seasonMean: 1505, newTeamRating: 1500 };

let nextId = 1;
function game(date: string, home: string, away: string, homeScore: number | null = 100, awayScore: number | null = 90, season = 2015): GameRecord {
  return { gameId: nextId++, sport: 'nba', league: 'NBA', season, seasonType: 'regular', date, startAt: null, home, away, neutral: false, homeScore, awayScore };
}

describe('back-to-back penalty', () => {
  const profile: EloProfile = { ...BASE, backToBackPenalty: 40 };

  it('costs the side that played (a final game) the day before, and only that day', () => {
    const engine = new EloEngine(profile);
    engine.process(game('2015-10-31', 'C', 'D'));
    engine.process(game('2015-11-01', 'A', 'B'));
    const ratings = { A: engine.rating('A'), C: engine.rating('C') };
    // A played yesterday, C did not play yesterday (two days ago is not a back-to-back).
    const next = engine.process(game('2015-11-02', 'C', 'A'));
    expect(next.eloDiff).toBeCloseTo(ratings.C - ratings.A + 100 + 40, 10);
    const later = new EloEngine(profile);
    later.process(game('2015-11-01', 'A', 'B'));
    const rested = later.predict(game('2015-11-03', 'C', 'A', null, null));
    expect(rested.eloDiff).toBeCloseTo(1500 - later.rating('A') + 100, 10);
  });

  it('the home side on a back-to-back loses the points; both on one cancel out', () => {
    const engine = new EloEngine(profile);
    engine.process(game('2015-11-01', 'A', 'B'));
    const hA = engine.rating('A');
    const hB = engine.rating('B');
    expect(engine.predict(game('2015-11-02', 'A', 'C', null, null)).eloDiff).toBeCloseTo(hA - 1500 + 100 - 40, 10);
    expect(engine.predict(game('2015-11-02', 'A', 'B', null, null)).eloDiff).toBeCloseTo(hA - hB + 100, 10);
  });

  it('an unplayed (scheduled) game is not a game played', () => {
    const engine = new EloEngine(profile);
    engine.process(game('2015-11-01', 'A', 'B', null, null));
    expect(engine.predict(game('2015-11-02', 'C', 'A', null, null)).eloDiff).toBeCloseTo(100, 10);
  });

  it('survives a snapshot: a restored engine sees the same back-to-backs', () => {
    const engine = new EloEngine(profile);
    engine.process(game('2015-11-01', 'A', 'B'));
    const restored = EloEngine.fromSnapshot(JSON.parse(JSON.stringify(engine.snapshot())));
    const next = game('2015-11-02', 'C', 'A', null, null);
    expect(restored.predict(next)).toEqual(engine.predict(next));
  });

  it('probabilities follow the adjusted difference', () => {
    const engine = new EloEngine(profile);
    engine.process(game('2015-11-01', 'A', 'B'));
    const p = engine.predict(game('2015-11-02', 'C', 'A', null, null));
    expect(p.probabilities.home).toBeCloseTo(eloWinProbability(p.eloDiff), 15);
  });
});

describe('new-team K', () => {
  const profile: EloProfile = { ...BASE, newTeamK: { boost: 2, games: 10 } };

  it('a first game between new teams moves ratings by K × (1 + boost)', () => {
    const plain = new EloEngine(BASE);
    const fast = new EloEngine(profile);
    plain.process(game('2015-11-01', 'A', 'B'));
    fast.process(game('2015-11-01', 'A', 'B'));
    expect(fast.rating('A') - 1500).toBeCloseTo(3 * (plain.rating('A') - 1500), 10);
  });

  it('uses the mean of both teams’ factors, so updates stay zero-sum, and fades with games', () => {
    const engine = new EloEngine(profile);
    const games: GameRecord[] = [];
    for (let i = 0; i < 40; i++) games.push(game(`2015-11-${String(1 + (i % 28)).padStart(2, '0')}`, i % 2 ? 'A' : 'B', i % 2 ? 'B' : 'A', 100 + (i % 7), 95 + (i % 5)));
    games.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const g of games) engine.process(g);
    engine.process(game('2015-12-01', 'A', 'NEW'));
    const total = ['A', 'B', 'NEW'].reduce((s, t) => s + engine.rating(t), 0);
    expect(total).toBeCloseTo(3 * 1500, 8);
    // After 40 games each the factor is within 4% of 1 (mean with a new opponent: (1 + 2e^−4 + 3)/2).
    const snap = engine.snapshot();
    expect(snap.teams.A!.games).toBe(41);
    expect(snap.teams.NEW!.games).toBe(1);
  });

  it('a snapshot written without game counts restores as settled teams (no extra K)', () => {
    const engine = new EloEngine(profile);
    engine.process(game('2015-11-01', 'A', 'B'));
    const snap = engine.snapshot();
    const legacy = { ...snap, teams: Object.fromEntries(Object.entries(snap.teams).map(([t, s]) => [t, { elo: s.elo, season: s.season }])) };
    const restored = EloEngine.fromSnapshot(legacy);
    const plain = EloEngine.fromSnapshot({ ...legacy, profile: BASE });
    const next = game('2015-11-03', 'A', 'B', 90, 100);
    restored.process(next);
    plain.process({ ...next });
    expect(restored.rating('A')).toBeCloseTo(plain.rating('A'), 10);
  });

  it('rejects a negative boost or a non-positive decay', () => {
    expect(() => new EloEngine({ ...profile, newTeamK: { boost: -1, games: 10 } })).toThrow(/newTeamK.boost/);
    expect(() => new EloEngine({ ...profile, newTeamK: { boost: 1, games: 0 } })).toThrow(/newTeamK.games/);
  });
});

describe('NBA default profile', () => {
  it('has the back-to-back penalty with the HFA it was paired with, and new-team K', () => {
    expect(ELO_PROFILES.nba).toMatchObject({ hfa: 94, backToBackPenalty: 40, newTeamK: { boost: 1, games: 20 } });
  });

  it('is still walk-forward: earlier points do not change when later games change', () => {
    const base = [game('2015-11-01', 'A', 'B'), game('2015-11-02', 'A', 'C'), game('2015-11-02', 'B', 'D'), game('2015-11-03', 'C', 'B')];
    const original = runElo(base, ELO_PROFILES.nba);
    const altered = runElo([...base.slice(0, 2), { ...base[2]!, homeScore: 80, awayScore: 120 }, base[3]!], ELO_PROFILES.nba);
    expect(altered.slice(0, 3)).toEqual(original.slice(0, 3));
    expect(altered[3]).not.toEqual(original[3]);
  });
});
