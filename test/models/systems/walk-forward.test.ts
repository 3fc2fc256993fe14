import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { simulateBets, type BetOpportunity } from '../../../src/evaluation/betting/index.js';
import { checkLeakage } from '../../../src/evaluation/leakage-guard.js';
import { americanToDecimal } from '../../../src/domain/odds.js';
import { brierScore } from '../../../src/models/ml/metrics.js';
import { walkForward } from '../../../src/models/systems/walk-forward.js';
import { systemSupports, type SystemId } from '../../../src/models/systems/catalog.js';
import type { GameRecord } from '../../../src/models/types.js';
import { hasSharedData, sharedPath } from '../../helpers/shared-data.js';
import { walkForwardLeakage } from '../../helpers/walk-forward-leakage.js';

/** nflverse's closing moneylines, by the game's position in the file's order. */
const closingPrices = new Map<string, { home: number; away: number }>();

/** Real NFL games (nflverse), as the models see them. */
function nflGames(fromSeason: number): GameRecord[] {
  const rows = Papa.parse<Record<string, string>>(readFileSync(sharedPath('nfl', 'nflverse_games_1999_2020.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows
    .filter((r) => Number(r.season) >= fromSeason)
    .map((r, i) => {
      if (r.home_moneyline && r.away_moneyline) closingPrices.set(`${r.gameday}|${r.home_team}|${r.away_team}`, { home: americanToDecimal(Number(r.home_moneyline)), away: americanToDecimal(Number(r.away_moneyline)) });
      return {
      gameId: i + 1,
      sport: 'nfl' as const,
      league: 'nfl',
      season: Number(r.season),
      seasonType: r.game_type === 'REG' ? ('regular' as const) : ('postseason' as const),
      date: r.gameday!,
      startAt: null,
      home: r.home_team!,
      away: r.away_team!,
      neutral: r.location === 'Neutral',
      homeScore: r.home_score === '' ? null : Number(r.home_score),
      awayScore: r.away_score === '' ? null : Number(r.away_score),
    };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.gameId - b.gameId));
}

describe.skipIf(!hasSharedData())('walk-forward systems on real NFL games (nflverse 2005–2020)', () => {
  const games = nflGames(2005);
  const options = { gbm: { rounds: 40 } };

  it('leaks nothing: altering every game from 2016 on leaves every earlier prediction of every system unchanged', () => {
    const report = walkForwardLeakage('nfl', games, '2016-01-01', options);
    expect(report.compared).toBeGreaterThan(2500);
    expect(report.leaks).toBe(0);
  });

  it('the guard catches a forecaster given the future (each team whole-season win share)', () => {
    // A classic leak: a "strength" feature computed over the whole season, later games included.
    const seasonWinShare = (g: readonly GameRecord[]) => {
      const wins = new Map<string, { w: number; n: number }>();
      for (const x of g) {
        if (x.homeScore === null || x.awayScore === null) continue;
        for (const [team, won] of [[`${x.season}:${x.home}`, x.homeScore > x.awayScore], [`${x.season}:${x.away}`, x.awayScore > x.homeScore]] as const) {
          const t = wins.get(team) ?? { w: 0, n: 0 };
          t.w += won ? 1 : 0;
          t.n += 1;
          wins.set(team, t);
        }
      }
      return (season: number, team: string) => {
        const t = wins.get(`${season}:${team}`);
        return t ? t.w / t.n : 0.5;
      };
    };
    const report = checkLeakage((g) => {
      const wf = walkForward('nfl', g, options);
      const share = seasonWinShare(g);
      return g.map((x, i) => (wf.predictions.elo_v1[i]!.home + share(x.season, x.home) - share(x.season, x.away) + 1) / 3);
    }, games, '2016-01-01');
    expect(report.leaks).toBeGreaterThan(100);
    // The first leak is in the 2015 season, whose last weeks (January 2016) were altered.
    expect(report.firstLeak?.date.startsWith('2015-09')).toBe(true);
  });

  it('bets leak nothing either: Kelly stakes and profits before 2016 are unchanged when every later game is altered', () => {
    let betsBefore = 0;
    const report = checkLeakage((g) => {
      const wf = walkForward('nfl', g, options);
      const opportunities: BetOpportunity[] = [];
      g.forEach((x, i) => {
        const price = closingPrices.get(`${x.date}|${x.home}|${x.away}`);
        const p = wf.predictions.ensemble_v1[i]!;
        if (!price || x.homeScore === null || x.awayScore === null) return;
        opportunities.push({ gameId: x.gameId, date: x.date, season: x.season, market: 'moneyline', line: null, pushProbability: 0, outcome: { homeScore: x.homeScore, awayScore: x.awayScore }, sides: [{ side: 'home', probability: p.home, price: price.home, closePrice: price.home }, { side: 'away', probability: p.away, price: price.away, closePrice: price.away }] });
      });
      const { bets } = simulateBets(opportunities, { staking: { kind: 'kelly', fraction: 0.25, cap: 0.03 }, minEdge: 0.02 });
      const byGame = new Map(bets.map((b) => [b.gameId, [b.side, b.stake, b.profit]]));
      betsBefore = bets.filter((b) => b.date < '2016-01-01').length;
      return g.map((x) => byGame.get(x.gameId) ?? null);
    }, games, '2016-01-01');
    expect(report.compared).toBeGreaterThan(2500);
    expect(betsBefore).toBeGreaterThan(500);
    expect(report.leaks).toBe(0);
  });

  it('every system beats the constant home rate on 2010–2020, and every market sums to 1', () => {
    const wf = walkForward('nfl', games, options);
    const idx = games.map((_, i) => i).filter((i) => games[i]!.season >= 2010 && games[i]!.homeScore !== null && games[i]!.homeScore !== games[i]!.awayScore);
    const y: number[] = idx.map((i) => (games[i]!.homeScore! > games[i]!.awayScore! ? 1 : 0));
    const rate = y.reduce((a, b) => a + b, 0) / y.length;
    const constant = brierScore(y.map(() => rate), y);
    for (const [system, predictions] of Object.entries(wf.predictions)) {
      // Systems the sport does not offer (ml_margin_v1 is NBA-only) have no predictions.
      if (!systemSupports(system as SystemId, 'nfl')) {
        expect(predictions.every((q) => q === null)).toBe(true);
        continue;
      }
      const p = idx.map((i) => predictions[i]!.home);
      expect(brierScore(p, y), system).toBeLessThan(constant - 0.01);
      for (const i of idx) {
        const q = predictions[i]!;
        expect(q.home + q.draw + q.away).toBeCloseTo(1, 12);
      }
    }
    const ensemble = wf.state.ensemble!;
    expect(ensemble.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ensemble.weights.every((w) => w >= 0)).toBe(true);
  });
});
