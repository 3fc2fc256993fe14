/**
 * End to end on each engine with a SYNTHETIC season (lineage `synthetic-test`: made-up pitchers on
 * real club ids, see ./_synthetic.ts) and SYNTHETIC prop lines imported with `synthetic: true`:
 * walk-forward evaluation logged and read back through the monitoring views, a prediction with a
 * decision, and the picks of a slate.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { removeVig } from '../../src/domain/vig/index.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { propPicks } from '../../src/props/picks.js';
import { predictProp } from '../../src/props/predict.js';
import { evaluatePropSeason, type PropSeasonReport } from '../../src/props/season.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { loadSyntheticLines, syntheticSeason } from './_synthetic.js';

const lines = syntheticSeason({ days: 75 });
const SLATE = '2023-06-10';
const nameOf = (id: string) => teamRegistry().teams().find((t) => t.id === id)!.name;

describe.each(ENGINES)('props end to end on a SYNTHETIC season, %s', (engine) => {
  let store: TestStore;
  let dir: string;
  let season: PropSeasonReport;
  beforeAll(async () => {
    store = await createTestStore(engine);
    dir = mkdtempSync(join(tmpdir(), 'sharpline-props-e2e-'));
    await loadSyntheticLines(store.db, lines);
    season = await evaluatePropSeason(store.db, { season: 2023 });
  });
  afterAll(async () => {
    await store?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluate logs every start by every system; the monitoring views agree with the in-memory scores', async () => {
    expect(season.starts).toBe(lines.length);
    expect(season.predictions_logged).toBe(4 * lines.length);
    const rows = await store.db.query<{ system: string; starts: number; mae: number; bias: number }>(`SELECT system, starts, mae, bias FROM analytics.prop_system_comparison ORDER BY system`);
    const bySystem = new Map(season.evaluation.bySystem.map((s) => [s.system, s]));
    expect(rows.map((r) => r.system)).toEqual(['k_baseline', 'k_ensemble', 'k_naive_poisson', 'k_rolling']);
    for (const r of rows) {
      expect(Number(r.starts)).toBe(bySystem.get(r.system)!.starts);
      expect(Number(r.mae)).toBeCloseTo(bySystem.get(r.system)!.mae, 9);
      expect(Number(r.bias)).toBeCloseTo(bySystem.get(r.system)!.bias, 9);
    }
    // Every start of every day is accounted for: predicted or blocked, none missing.
    const coverage = await store.db.query<{ missing: number; starts: number }>(`SELECT missing, starts FROM analytics.prop_daily_coverage`);
    expect(coverage.length).toBe(75 * 4);
    expect(coverage.every((c) => Number(c.missing) === 0 && Number(c.starts) === 30)).toBe(true);
    const performance = await store.db.query(`SELECT * FROM analytics.prop_system_performance WHERE window_days = 30`);
    expect(performance).toHaveLength(4);
    const [agreement] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM analytics.prop_system_agreement WHERE systems = 4`);
    expect(Number(agreement!.n)).toBe(season.evaluation.commonSet[0]!.starts);
    await store.db.query(`SELECT * FROM analytics.prop_todays_picks`);
    // The fits are versioned in the model registry.
    const registry = await store.db.query<{ system: string; version: string }>(`SELECT system, version FROM analytics.model_registry WHERE system LIKE 'k\\_%' ESCAPE '\\' ORDER BY system`);
    expect(registry).toEqual(['k_baseline', 'k_ensemble', 'k_naive_poisson', 'k_rolling'].map((system) => ({ system, version: '1' })));
  });

  it('predicts one start from earlier days with a decision against the book, and logs it at the line', async () => {
    const start = lines.find((l) => l.date === SLATE)!;
    const report = await predictProp(store.db, { pitcher: start.playerName!, date: SLATE, line: 5, overOdds: 2.1, underOdds: 1.8 });
    expect(report.actual).toBe(start.strikeouts);
    expect(report.trained.until! < SLATE).toBe(true);
    expect(report.systems.every((s) => s.ok)).toBe(true);
    const ens = report.systems.find((s) => s.system === 'k_ensemble')!;
    expect(ens.atLine!.over + ens.atLine!.push + ens.atLine!.under).toBeCloseTo(1, 12);
    expect(ens.atLine!.push).toBeGreaterThan(0);
    expect(report.decision!.system).toBe('k_ensemble');
    expect(report.decision!.sides[0].fairProbability + report.decision!.sides[1].fairProbability).toBeCloseTo(1, 12);
    const [row] = await store.db.query<{ line: number; p_push: number }>(`SELECT line, p_push FROM analytics.prop_predictions WHERE run_id = $1 AND system = 'k_ensemble'`, [report.run_id]);
    expect(Number(row!.line)).toBe(5);
    expect(Number(row!.p_push)).toBeCloseTo(ens.atLine!.push, 12);
  });

  it('picks a slate of prop lines: name matched, club found, best side over the books', async () => {
    const starters = lines.filter((l) => l.date === SLATE).slice(0, 3);
    const csv = ['slate_date,event_id,game_time,away_team,home_team,pitcher_name,strikeout_line,book,over_odds,under_odds,last_seen'];
    for (const s of starters) {
      const [home, away] = s.isHome ? [s.teamId, s.opponentTeamId] : [s.opponentTeamId, s.teamId];
      for (const [book, over, under] of [['BookA', '+150', '-180'], ['BookB', '-200', '+165']]) {
        csv.push(`${SLATE},ev-${home},${SLATE}T19:05:00-04:00,${nameOf(away)},${nameOf(home)},${s.playerName},5.5,${book},${over},${under},${SLATE}T18:00:00-04:00`);
      }
    }
    csv.push(`${SLATE},ev-x,${SLATE}T19:05:00-04:00,${nameOf('mlb-nyy')},${nameOf('mlb-bos')},Unknown Pitcher,4.5,BookA,-110,-110,${SLATE}T18:00:00-04:00`);
    const file = join(dir, 'synthetic_prop_lines.csv');
    writeFileSync(file, csv.join('\n') + '\n');
    expect(await importFiles(store.db, { format: 'strikeout-props', paths: [file], synthetic: true })).toMatchObject({ rows_in: 7, loaded: 7 });
    const picks = await propPicks(store.db, { date: SLATE });
    expect(picks).toMatchObject({ quotes: 14, pitchers: 4 });
    const known = picks.rows.filter((r) => r.player_id !== null);
    expect(known).toHaveLength(3);
    for (const r of known) {
      const s = starters.find((x) => x.playerName === r.pitcher)!;
      expect(r).toMatchObject({ team_id: s.teamId, opponent_team_id: s.opponentTeamId, system: 'k_ensemble', books: 2 });
      expect(['BookA', 'BookB']).toContain(r.best!.book);
      expect(r.recommended).toBe(r.best!.recommended);
    }
    expect(picks.rows.find((r) => r.pitcher === 'Unknown Pitcher')!.flags[0]!.reason).toMatch(/not in the player registry/);
    const [logged] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM analytics.prop_predictions WHERE run_id = $1 AND line = 5.5`, [picks.run_id]);
    expect(Number(logged!.n)).toBe(12);

    // With lines in the store, the season's evaluation scores the systems at them, beside the market.
    const again = await evaluatePropSeason(store.db, { season: 2023, dryRun: true });
    expect(again.real_lines).toMatchObject({ starts: 3, decided: 3 });
    const outcomes: number[] = starters.map((s) => (s.strikeouts! > 5.5 ? 1 : 0));
    // Both books' vig-free P(over), averaged: (+150/−180 → 0.4074…, −200/+165 → 0.6389…).
    const fairOver = (removeVig([2.5, 1 + 100 / 180], 'multiplicative').probabilities[0]! + removeVig([1.5, 2.65], 'multiplicative').probabilities[0]!) / 2;
    expect(again.real_lines.market.brier).toBeCloseTo(outcomes.reduce((a, y) => a + (fairOver - y) ** 2, 0) / 3, 12);
    const ens = again.real_lines.bySystem.find((s) => s.system === 'k_ensemble')!;
    expect(ens.n).toBe(3);
    expect(ens.marketBrierSameStarts).toBeCloseTo(again.real_lines.market.brier, 12);
  });
});
