import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GameRecord } from '../../../src/models/types.js';
import {
  ELO_PROFILES,
  EloEngine,
  davidsonProbabilities,
  eloWinProbability,
  movMultiplier,
  runElo,
  validateEloProfile,
  type EloProfile,
} from '../../../src/models/ratings/index.js';

const FLAT: EloProfile = {
  id: 'flat-test',
  sport: 'nfl',
  k: 20,
  hfa: 65,
  mov: 'none',
  seasonCarryOver: 0.75,
  seasonMean: 1505,
  newTeamRating: 1500,
};

let nextId = 1;
function game(home: string, away: string, overrides: Partial<GameRecord> = {}): GameRecord {
  return {
    gameId: nextId++,
    sport: 'nfl',
    league: 'nfl',
    season: 2020,
    seasonType: 'regular',
    date: '2020-09-13',
    startAt: null,
    home,
    away,
    neutral: false,
    homeScore: null,
    awayScore: null,
    ...overrides,
  };
}

describe('worked values', () => {
  it('two 1500 teams with HFA 65: P(home) = 1/(1 + 10^(−65/400))', () => {
    const point = new EloEngine(FLAT).predict(game('A', 'B'));
    expect(point.homeElo).toBe(1500);
    expect(point.eloDiff).toBe(65);
    expect(point.probabilities.home).toBeCloseTo(1 / (1 + 10 ** (-65 / 400)), 15);
    expect(point.probabilities.home).toBeCloseTo(0.592466, 6);
    expect(point.probabilities.draw).toBe(0);
    expect(point.probabilities.away).toBe(1 - point.probabilities.home);
  });

  it('neutral site: no HFA, P = 0.5 between equals', () => {
    expect(new EloEngine(FLAT).predict(game('A', 'B', { neutral: true })).probabilities.home).toBe(0.5);
  });

  it('538 NFL update by hand: 1500 v 1500, home wins 24–17', () => {
    const profile: EloProfile = { ...ELO_PROFILES.nfl, newTeamRating: 1500 };
    const engine = new EloEngine(profile);
    const point = engine.process(game('A', 'B', { homeScore: 24, awayScore: 17 }));
    const p = 1 / (1 + 10 ** (-65 / 400));
    const mult = (Math.log(8) * 2.2) / (65 * 0.001 + 2.2);
    const shift = 20 * mult * (1 - p);
    expect(point.probabilities.home).toBeCloseTo(p, 15);
    expect(shift).toBeCloseTo(16.462, 3);
    expect(engine.rating('A')).toBeCloseTo(1500 + shift, 10);
    expect(engine.rating('B')).toBeCloseTo(1500 - shift, 10);
  });

  it('538 NFL: an away win flips the sign of winner_elo_diff; a tie uses denominator 1', () => {
    const profile: EloProfile = { ...ELO_PROFILES.nfl, newTeamRating: 1500 };
    const away = new EloEngine(profile);
    away.process(game('A', 'B', { homeScore: 10, awayScore: 13 }));
    const p = 1 / (1 + 10 ** (-65 / 400));
    const awayShift = 20 * ((Math.log(4) * 2.2) / (-65 * 0.001 + 2.2)) * (0 - p);
    expect(away.rating('A')).toBeCloseTo(1500 + awayShift, 10);

    const tie = new EloEngine(profile);
    tie.process(game('A', 'B', { homeScore: 0, awayScore: 0 }));
    const tieShift = 20 * Math.log(2) * 2.2 * (0.5 - p);
    expect(tie.rating('A')).toBeCloseTo(1500 + tieShift, 10);
    expect(tie.rating('B')).toBeCloseTo(1500 - tieShift, 10);
  });

  it('MOV multipliers', () => {
    expect(movMultiplier('none', 30, 100)).toBe(1);
    expect(movMultiplier('fivethirtyeight_nba', 10, 100)).toBeCloseTo(13 ** 0.8 / (7.5 + 0.6), 12);
    expect(movMultiplier('fivethirtyeight_nba', 0, 100)).toBeCloseTo(3 ** 0.8 / 7.5, 12);
    expect(movMultiplier('log', 1, 0)).toBe(1);
    expect(movMultiplier('log', 0, 0)).toBe(1);
    expect(movMultiplier('log', -3, 0)).toBeCloseTo(2, 12);
    // The favourite's win counts for less than the underdog's with the same margin.
    expect(movMultiplier('fivethirtyeight_nfl', 7, 200)).toBeLessThan(movMultiplier('fivethirtyeight_nfl', 7, -200));
  });

  it('unscored games get a prediction and no update', () => {
    const engine = new EloEngine(FLAT);
    const point = engine.process(game('A', 'B'));
    expect(point.probabilities.home).toBeGreaterThan(0.5);
    expect(engine.rating('A')).toBe(1500);
    expect(engine.gamesProcessed).toBe(1);
  });

  it('initial ratings map and new-team rating', () => {
    const engine = new EloEngine({ ...FLAT, initialRatings: { A: 1600 }, newTeamRating: 1300 });
    expect(engine.rating('A')).toBe(1600);
    expect(engine.rating('Z')).toBe(1300);
  });
});

describe('season rollover', () => {
  it('regresses keep·elo + (1 − keep)·mean on a season change, without mutating in rating()', () => {
    const engine = new EloEngine({ ...FLAT, initialRatings: { A: 1600, B: 1400 } });
    engine.process(game('A', 'B', { homeScore: null, awayScore: null }));
    expect(engine.rating('A', 2021)).toBeCloseTo(0.75 * 1600 + 0.25 * 1505, 10);
    expect(engine.rating('A')).toBe(1600);
    const point = engine.process(game('A', 'B', { season: 2021, date: '2021-09-12' }));
    expect(point.homeElo).toBeCloseTo(1576.25, 10);
    expect(point.awayElo).toBeCloseTo(0.75 * 1400 + 0.25 * 1505, 10);
  });

  it('fixed season starts replace the regression (keyed team + season)', () => {
    const engine = new EloEngine({ ...FLAT, initialRatings: { A: 1600 }, fixedSeasonStarts: { A2021: 1450 } });
    engine.process(game('A', 'B'));
    expect(engine.rating('A', 2021)).toBe(1450);
    expect(engine.rating('A', 2022)).toBeCloseTo(1576.25, 10);
  });

  it('fixed season starts do not apply at a first appearance (as in 538)', () => {
    const engine = new EloEngine({ ...FLAT, fixedSeasonStarts: { A2020: 1450 } });
    expect(engine.process(game('A', 'B')).homeElo).toBe(1500);
  });
});

describe('playoffs and adjustments', () => {
  it('postseason multiplies the Elo difference and K', () => {
    const profile: EloProfile = { ...FLAT, playoff: { eloDiffMultiplier: 1.2, kMultiplier: 2 } };
    const engine = new EloEngine(profile);
    const point = engine.process(game('A', 'B', { seasonType: 'postseason', homeScore: 20, awayScore: 10 }));
    expect(point.eloDiff).toBeCloseTo(78, 12);
    expect(engine.rating('A')).toBeCloseTo(1500 + 40 * (1 - eloWinProbability(78)), 10);
    expect(new EloEngine(profile).predict(game('A', 'B')).eloDiff).toBe(65);
  });

  it('the adjustment hook adds Elo points to the home side and shows in eloDiff', () => {
    const engine = new EloEngine(FLAT, { adjustment: (g) => (g.home === 'A' ? 30 : -30) });
    expect(engine.predict(game('A', 'B')).eloDiff).toBe(95);
    expect(engine.predict(game('B', 'A')).eloDiff).toBe(35);
    expect(() => new EloEngine(FLAT, { adjustment: () => Number.NaN }).predict(game('A', 'B'))).toThrow(/finite/);
  });
});

describe('soccer: three-way Davidson model', () => {
  const soccer = ELO_PROFILES.soccer;

  it('draw is most likely between equal teams and P(draw) = ν/(2 + ν) at d = 0', () => {
    const nu = soccer.drawParameter!;
    const even = davidsonProbabilities(0, nu);
    expect(even.draw).toBeCloseTo(nu / (2 + nu), 15);
    expect(even.home).toBeCloseTo(even.away, 15);
    for (const d of [50, 150, 400]) {
      expect(davidsonProbabilities(d, nu).draw).toBeLessThan(even.draw);
      expect(davidsonProbabilities(-d, nu).draw).toBeCloseTo(davidsonProbabilities(d, nu).draw, 15);
    }
    expect(even.draw).toBeGreaterThan(0.2);
    expect(even.draw).toBeLessThan(0.32);
  });

  it('ν = 0 gives back the two-way logistic', () => {
    expect(davidsonProbabilities(120, 0).home).toBeCloseTo(eloWinProbability(120), 14);
  });

  it('engine gives home/draw/away; a draw between equals at a neutral site changes nothing', () => {
    const engine = new EloEngine({ ...soccer, newTeamRating: 1500 });
    const home = engine.predict(game('X', 'Y', { sport: 'soccer' }));
    expect(home.probabilities.home).toBeGreaterThan(home.probabilities.away);
    expect(home.probabilities.home + home.probabilities.draw + home.probabilities.away).toBeCloseTo(1, 14);
    engine.process(game('X', 'Y', { sport: 'soccer', neutral: true, homeScore: 1, awayScore: 1 }));
    expect(engine.rating('X')).toBeCloseTo(1500, 12);
  });

  it('a home draw costs the favoured home side points (result 0.5 < expected)', () => {
    const engine = new EloEngine({ ...soccer, newTeamRating: 1500 });
    engine.process(game('X', 'Y', { sport: 'soccer', homeScore: 0, awayScore: 0 }));
    expect(engine.rating('X')).toBeLessThan(1500);
    expect(engine.rating('Y')).toBeGreaterThan(1500);
  });
});

describe('snapshot', () => {
  it('round-trips through JSON and continues exactly like an uninterrupted engine', () => {
    const games = [
      game('A', 'B', { homeScore: 21, awayScore: 14 }),
      game('C', 'A', { homeScore: 3, awayScore: 30 }),
      game('B', 'C', { homeScore: 17, awayScore: 17, season: 2021, date: '2021-09-12' }),
      game('A', 'C', { homeScore: 10, awayScore: 13, season: 2021, date: '2021-09-19' }),
    ];
    const whole = runElo(games, ELO_PROFILES.nfl);
    const first = new EloEngine(ELO_PROFILES.nfl);
    first.process(games[0]!);
    first.process(games[1]!);
    const resumed = EloEngine.fromSnapshot(JSON.parse(JSON.stringify(first.snapshot())));
    expect(resumed.gamesProcessed).toBe(2);
    expect(resumed.snapshot()).toEqual(first.snapshot());
    expect(resumed.process(games[2]!)).toEqual(whole[2]);
    expect(resumed.process(games[3]!)).toEqual(whole[3]);
  });

  it('rejects something that is not a snapshot', () => {
    expect(() => EloEngine.fromSnapshot({ format: 'other' } as never)).toThrow(/snapshot/);
  });
});

describe('validation', () => {
  it('rejects bad profiles, games and ordering', () => {
    expect(() => validateEloProfile({ ...FLAT, k: -1 })).toThrow(/k -1/);
    expect(() => validateEloProfile({ ...FLAT, seasonCarryOver: 1.5 })).toThrow(/seasonCarryOver/);
    expect(() => validateEloProfile({ ...FLAT, mov: 'huge' as never })).toThrow(/mov/);
    expect(() => new EloEngine(FLAT).predict(game('A', 'A'))).toThrow(/home and away/);
    expect(() => new EloEngine(FLAT).process(game('A', 'B', { homeScore: 1 }))).toThrow(/one score null/);
    const late = game('A', 'B', { date: '2020-09-20' });
    const early = game('A', 'B', { date: '2020-09-13' });
    expect(() => runElo([late, early], FLAT)).toThrow(/sorted/);
    for (const profile of Object.values(ELO_PROFILES)) expect(validateEloProfile(profile)).toBe(profile);
  });
});

interface GameSpec {
  home: number;
  awayOffset: number;
  homeScore: number;
  awayScore: number;
  neutral: boolean;
  scored: boolean;
  postseason: boolean;
  newSeason: boolean;
}

const specArb: fc.Arbitrary<GameSpec> = fc.record({
  home: fc.integer({ min: 0, max: 5 }),
  awayOffset: fc.integer({ min: 1, max: 5 }),
  homeScore: fc.integer({ min: 0, max: 60 }),
  awayScore: fc.integer({ min: 0, max: 60 }),
  neutral: fc.boolean(),
  scored: fc.boolean(),
  postseason: fc.boolean(),
  newSeason: fc.boolean(),
});

function buildGames(specs: readonly GameSpec[], rollSeasons: boolean): GameRecord[] {
  let season = 2000;
  return specs.map((s, i) => {
    if (rollSeasons && s.newSeason) season += 1;
    return {
      gameId: i,
      sport: 'nfl',
      league: 'nfl',
      season,
      seasonType: s.postseason ? 'postseason' : 'regular',
      date: `${season}-01-01`,
      startAt: null,
      home: `T${s.home}`,
      away: `T${(s.home + s.awayOffset) % 6}`,
      neutral: s.neutral,
      homeScore: s.scored ? s.homeScore : null,
      awayScore: s.scored ? s.awayScore : null,
    };
  });
}

const profileArb: fc.Arbitrary<EloProfile> = fc.constantFrom<EloProfile>(
  ELO_PROFILES.nfl,
  ELO_PROFILES.nba,
  ELO_PROFILES.mlb,
  ELO_PROFILES.nhl,
  ELO_PROFILES.soccer,
  { ...ELO_PROFILES.nfl, playoff: { kMultiplier: 1.5, eloDiffMultiplier: 1.2 } },
);

describe('properties (fast-check)', () => {
  it('probabilities are in (0, 1) and sum to 1 (two-way: draw 0, away = 1 − home)', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 120 }), profileArb, (specs, profile) => {
        for (const point of runElo(buildGames(specs, true), profile)) {
          const { home, draw, away } = point.probabilities;
          for (const p of [home, away]) expect(p > 0 && p < 1).toBe(true);
          expect(Math.abs(home + draw + away - 1)).toBeLessThan(1e-12);
          if ((profile.outcomes ?? 'two_way') === 'two_way') {
            expect(draw).toBe(0);
            expect(away).toBe(1 - home);
          } else {
            expect(draw > 0 && draw < 1).toBe(true);
          }
        }
      }),
    );
  });

  it('updates are zero-sum: within a season the ratings total is conserved', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 120 }), profileArb, (specs, raw) => {
        const profile: EloProfile = { ...raw, initialRatings: undefined, newTeamRating: 1500 };
        const engine = new EloEngine(profile);
        for (const g of buildGames(specs, false)) engine.process(g);
        const teams = Object.values(engine.snapshot().teams);
        const total = teams.reduce((sum, t) => sum + t.elo, 0);
        expect(Math.abs(total - 1500 * teams.length)).toBeLessThan(1e-8);
      }),
    );
  });

  it('the pre-game output for game i does not change when later games change', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 2, maxLength: 80 }),
        fc.array(specArb, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        profileArb,
        (specs, replacement, cut, profile) => {
          const i = cut % specs.length;
          const original = runElo(buildGames(specs, true), profile);
          const altered = runElo(buildGames([...specs.slice(0, i + 1), ...replacement], true), profile);
          expect(altered.slice(0, i + 1)).toEqual(original.slice(0, i + 1));
        },
      ),
    );
  });

  it('a win never lowers the winner, a loss never raises the loser', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2000 }), fc.integer({ min: 1000, max: 2000 }), fc.integer({ min: 1, max: 40 }), profileArb, (a, b, margin, profile) => {
        const engine = new EloEngine({ ...profile, initialRatings: { A: a, B: b } });
        engine.process(game('A', 'B', { homeScore: margin, awayScore: 0 }));
        expect(engine.rating('A')).toBeGreaterThanOrEqual(a);
        expect(engine.rating('B')).toBeLessThanOrEqual(b);
      }),
    );
  });
});
