/**
 * The NBA-only parts of the walk-forward on real games (the shared NBA archive): the back-to-back
 * and new-team Elo, the early-period score ratings and the margin-regression member stay strictly
 * as-of, the boosted trees wait for their rows, and the margin member joins the ensemble.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ensembleMembers, GBM_DEFAULTS, gbmMinTrainRows, walkForward } from '../../../src/models/systems/walk-forward.js';
import type { GameRecord } from '../../../src/models/types.js';
import { hasSharedData, sharedPath } from '../../helpers/shared-data.js';
import { walkForwardLeakage } from '../../helpers/walk-forward-leakage.js';

/** NBA games of the archive's seasons `from`–`to` (its season numbers: 2008 is 2007–08). */
function nbaGames(from: number, to: number): GameRecord[] {
  const rows = Papa.parse<Record<string, string>>(readFileSync(sharedPath('nba', 'nba_odds_2008_2018.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const early = (r: Record<string, string>, side: 'home' | 'away') => Number(r[`q1_${side}`]) + Number(r[`q2_${side}`]) + Number(r[`q3_${side}`]);
  return rows
    .filter((r) => Number(r.season) >= from && Number(r.season) <= to)
    .map((r, i) => {
      const [month, day, year] = r.dates!.split('/');
      return {
        gameId: i + 1,
        sport: 'nba' as const,
        league: 'NBA',
        season: Number(r.season) - 1,
        seasonType: r.playoffs === 'TRUE' ? ('postseason' as const) : ('regular' as const),
        date: `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`,
        startAt: null,
        home: r.home!,
        away: r.away!,
        neutral: false,
        homeScore: Number(r.score_home),
        awayScore: Number(r.score_away),
        homeEarly: early(r, 'home'),
        awayEarly: early(r, 'away'),
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.gameId - b.gameId));
}

describe.skipIf(!hasSharedData())('walk-forward on real NBA games (2007–08 to 2009–10)', () => {
  const games = nbaGames(2008, 2010);
  const options = { gbm: { rounds: 20 } };

  it('leaks nothing: altering every game from 2009-01-01 on leaves every earlier prediction of every system unchanged', () => {
    const report = walkForwardLeakage('nba', games, '2009-01-01', options);
    expect(report.compared).toBeGreaterThan(1500);
    expect(report.leaks).toBe(0);
  });

  it('the margin member prices every game and is in the ensemble; the trees answer with Elo until 10 × minSamplesLeaf rows', () => {
    expect(ensembleMembers('nba')).toContain('ml_margin_v1');
    expect(ensembleMembers('nfl')).not.toContain('ml_margin_v1');
    const wf = walkForward('nba', games, options);
    expect(wf.predictions.ml_margin_v1.every((q) => q !== null && Math.abs(q.home + q.away - 1) < 1e-12)).toBe(true);
    expect(wf.state.ensemble!.members).toContain('ml_margin_v1');
    const need = gbmMinTrainRows(GBM_DEFAULTS.minSamplesLeaf);
    expect(need).toBe(1000);
    // The first `need` decided games have no fit behind them: the trees' answer there is Elo's.
    for (let i = 0; i < need; i++) expect(wf.predictions.ml_gbm_v1[i]).toEqual(wf.predictions.elo_v1[i]);
    expect(wf.warmUp.ml_gbm_v1).toBeGreaterThan(wf.warmUp.ml_v1!);
    expect(wf.predictions.ml_gbm_v1.at(-1)).not.toEqual(wf.predictions.elo_v1.at(-1));
  });
});
