/**
 * Per-period scores (staging.game_periods → curated.game_periods) from nba-odds (quarters, overtime)
 * and sbr-mlb (innings, extra innings derived from Final), on excerpts of the real files: their
 * licenses are not stated, so the excerpts are cut from ../shared/data into a temp dir at test time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import type { Database, SqlValue } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const NBA_FILE = sharedPath('nba', 'nba_odds_2008_2018.csv');
const SBR_2014 = sharedPath('mlb', 'mlb_odds_sbr_2014.csv');

const count = async (db: Database, sql: string, params: SqlValue[] = []) => Number((await db.query<{ n: number }>(sql, params))[0]!.n);

type PeriodRow = { period: number; period_label: string; away_points: number | null; home_points: number | null };

/** The curated periods of the game on `date` between `away` and `home`, in order. */
async function periodsOf(db: Database, date: string, away: string, home: string, gameNumber = 1): Promise<PeriodRow[]> {
  const rows = await db.query<PeriodRow>(
    `SELECT p.period, p.period_label, p.away_points, p.home_points
     FROM curated.game_periods p JOIN curated.games g ON g.game_id = p.game_id
     WHERE g.game_date = CAST($1 AS DATE) AND g.away_team_id = $2 AND g.home_team_id = $3 AND g.game_number = $4
     ORDER BY p.period`,
    [date, away, home, gameNumber],
  );
  const num = (v: unknown) => (v === null ? null : Number(v));
  return rows.map((r) => ({ period: Number(r.period), period_label: r.period_label, away_points: num(r.away_points), home_points: num(r.home_points) }));
}

/** Rows that pair side points with labels, for compact expectations. */
const periods = (labels: string[], away: (number | null)[], home: (number | null)[]): PeriodRow[] =>
  labels.map((label, i) => ({ period: i + 1, period_label: label, away_points: away[i]!, home_points: home[i]! }));

describe.skipIf(!hasSharedData())('per-period scores (quarters, innings) from real excerpts', () => {
  let dir: string;
  let nbaHeader: string[];
  let nbaRows: string[][];
  let sbrHeader: string;
  let sbrRows: string[];
  let nbaExcerpt: string;
  let sbrExcerpt: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sharpline-periods-'));
    const nba = readFileSync(NBA_FILE, 'utf8').split(/\r?\n/);
    nbaHeader = nba[0]!.split(',');
    // The first 20 games (2007-10-30 to 2007-11-01); lines 6 and 8 went to overtime.
    nbaRows = nba.slice(1, 21).map((l) => l.split(','));
    nbaExcerpt = join(dir, 'nba_excerpt.csv');
    writeFileSync(nbaExcerpt, [nbaHeader, ...nbaRows].map((r) => r.join(',')).join('\n') + '\n');
    const sbr = readFileSync(SBR_2014, 'utf8').split('\r\n');
    sbrHeader = sbr[0]!;
    // Data rows 2–21: ten games 03-22 to 03-31, with a home 9th not batted (x) and two in extra innings.
    sbrRows = sbr.slice(1, 21);
    mkdirSync(join(dir, 'clean'));
    sbrExcerpt = join(dir, 'clean', 'mlb_odds_sbr_2014.csv');
    writeFileSync(sbrExcerpt, [sbrHeader, ...sbrRows].join('\r\n') + '\r\n');
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(ENGINES)('on %s', (engine) => {
    let store: TestStore;
    let nbaRun: number;
    let sbrRun: number;
    beforeAll(async () => {
      store = await createTestStore(engine);
      const nba = await importFiles(store.db, { format: 'nba-odds', paths: [nbaExcerpt], synthetic: true });
      const sbr = await importFiles(store.db, { format: 'sbr-mlb', paths: [sbrExcerpt], synthetic: true });
      expect(nba).toMatchObject({ rows_in: 20, loaded: 20, quarantined: 0 });
      expect(sbr).toMatchObject({ rows_in: 20, loaded: 20, quarantined: 0 });
      nbaRun = nba.run_id!;
      sbrRun = sbr.run_id!;
    });
    afterAll(async () => store?.cleanup());

    it('stores the quarters of 2007-10-30 POR @ SA (26 23 28 20 / 29 30 22 25), no overtime', async () => {
      expect(await periodsOf(store.db, '2007-10-30', 'nba-por', 'nba-sas')).toEqual(
        periods(['q1', 'q2', 'q3', 'q4'], [26, 23, 28, 20], [29, 30, 22, 25]),
      );
    });

    it('stores overtime as period 5 (all overtime together) when it was played: 2007-10-31 WSH @ IND', async () => {
      expect(await periodsOf(store.db, '2007-10-31', 'nba-was', 'nba-ind')).toEqual(
        periods(['q1', 'q2', 'q3', 'q4', 'ot'], [23, 22, 25, 33, 7], [28, 20, 22, 33, 16]),
      );
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.game_periods WHERE source_format = 'nba-odds' AND period = 5`)).toBe(2);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.game_periods WHERE source_format = 'nba-odds'`)).toBe(20 * 4 + 2);
    });

    it('stores the innings of the first 2014 SBR game, LAD @ ARI in Sydney, as the file has them', async () => {
      const cells = (line: string) => line.split(',').slice(5, 14).map(Number);
      expect(cells(sbrRows[0]!)).toEqual([0, 1, 0, 2, 0, 0, 0, 0, 0]);
      expect(await periodsOf(store.db, '2014-03-22', 'mlb-lad', 'mlb-ari')).toEqual(
        periods(['1', '2', '3', '4', '5', '6', '7', '8', '9'], cells(sbrRows[0]!), cells(sbrRows[1]!)),
      );
    });

    it('stores a home 9th not batted (x) as null points, and extra innings as one derived period 10', async () => {
      // 2014-03-30 LAD @ SD: SD led after 8½, its 9th is "x".
      const sd = await periodsOf(store.db, '2014-03-30', 'mlb-lad', 'mlb-sd');
      expect(sd.at(-1)).toEqual({ period: 9, period_label: '9', away_points: 0, home_points: null });
      // 2014-03-31 WSH @ NYM: 5–5 after nine, 9–7 final: 4 and 2 runs in extra innings.
      const nym = await periodsOf(store.db, '2014-03-31', 'mlb-wsh', 'mlb-nym');
      expect(nym).toHaveLength(10);
      expect(nym.at(-1)).toEqual({ period: 10, period_label: 'extra', away_points: 4, home_points: 2 });
      // 2014-03-31 CHC @ PIT: 0–0 after nine, 1–0 final.
      expect((await periodsOf(store.db, '2014-03-31', 'mlb-chc', 'mlb-pit')).at(-1)).toEqual({ period: 10, period_label: 'extra', away_points: 0, home_points: 1 });
    });

    it("adds up, for every game of both excerpts, to the game's final score", async () => {
      const rows = await store.db.query<{ n: number; matching: number }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN p.home = g.home_score AND p.away = g.away_score THEN 1 ELSE 0 END) AS matching
         FROM curated.games g
         JOIN (SELECT game_id, SUM(home_points) AS home, SUM(away_points) AS away FROM curated.game_periods GROUP BY game_id) p ON p.game_id = g.game_id`,
      );
      expect(Number(rows[0]!.n)).toBe(30);
      expect(Number(rows[0]!.matching)).toBe(30);
    });

    it('turns home and away round for a source row linked swapped (is_swapped) to its curated game', async () => {
      const flip = (value: boolean) =>
        store.db.execute(
          `UPDATE curated.game_sources SET is_swapped = $1
           WHERE game_id = (SELECT game_id FROM curated.games WHERE game_date = CAST('2007-10-30' AS DATE) AND home_team_id = 'nba-sas')`,
          [value],
        );
      await flip(true);
      try {
        expect((await periodsOf(store.db, '2007-10-30', 'nba-por', 'nba-sas'))[0]).toMatchObject({ away_points: 29, home_points: 26 });
      } finally {
        await flip(false);
      }
      expect((await periodsOf(store.db, '2007-10-30', 'nba-por', 'nba-sas'))[0]).toMatchObject({ away_points: 26, home_points: 29 });
    });

    it('adds nothing when the excerpts are imported again', async () => {
      // 20 NBA games × 4 quarters + 2 overtimes; 10 SBR games × 9 innings + 2 extra-innings periods.
      const total = 'SELECT COUNT(*) AS n FROM staging.game_periods';
      expect(await count(store.db, total)).toBe(82 + 92);
      const nba = await importFiles(store.db, { format: 'nba-odds', paths: [nbaExcerpt], synthetic: true });
      const sbr = await importFiles(store.db, { format: 'sbr-mlb', paths: [sbrExcerpt], synthetic: true });
      expect(nba).toMatchObject({ loaded: 0, duplicates: 20 });
      expect(sbr).toMatchObject({ loaded: 0, duplicates: 20 });
      expect(await count(store.db, total)).toBe(82 + 92);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.game_periods')).toBe(82 + 92);
    });

    it('quarantines a bad period cell naming its column, and innings that cannot make up the Final naming both numbers', async () => {
      const base = nbaRows[0]!;
      const nbaRow = (changes: Record<string, string>) => nbaHeader.map((h, i) => changes[h] ?? base[i]!).join(',');
      const nbaBad = join(dir, 'nba_bad.csv');
      writeFileSync(
        nbaBad,
        [
          nbaHeader.join(','),
          nbaRow({ dates: '11/20/2007', q3_home: 'abc' }),
          nbaRow({ dates: '11/21/2007', q2_away: '-3' }),
          nbaRow({ dates: '11/22/2007', q1_away: '2.5' }),
          nbaRow({ dates: '11/23/2007', q4_home: '26' }), // adds up to 107, score_home says 106
          nbaRow({ dates: '11/24/2007' }), // good
        ].join('\n') + '\n',
      );
      const nba = await importFiles(store.db, { format: 'nba-odds', paths: [nbaBad], synthetic: true });
      expect(nba).toMatchObject({ rows_in: 5, loaded: 1, quarantined: 4 });
      const nbaQ = await store.db.query<{ row_number: number; reason_code: string; field: string; reason: string }>(
        `SELECT row_number, reason_code, field, reason FROM ops.quarantine WHERE file_path = $1 ORDER BY row_number`,
        [nbaBad],
      );
      expect(nbaQ.map((q) => [Number(q.row_number), q.reason_code, q.field])).toEqual([
        [2, 'invalid_period_score', 'q3_home'],
        [3, 'invalid_period_score', 'q2_away'],
        [4, 'invalid_period_score', 'q1_away'],
        [5, 'inconsistent_score', 'score_home'],
      ]);
      expect(nbaQ[0]!.reason).toContain('q3_home "abc"');
      expect(nbaQ[3]!.reason).toMatch(/106.*107/);

      const edit = (i: number, cells: Record<number, string>) => {
        const out = sbrRows[i]!.split(',');
        for (const [col, value] of Object.entries(cells)) out[Number(col)] = value;
        return out.join(',');
      };
      mkdirSync(join(dir, 'bad'), { recursive: true });
      const sbrBad = join(dir, 'bad', 'mlb_odds_sbr_2014.csv');
      writeFileSync(
        sbrBad,
        [
          sbrHeader,
          edit(0, {}), edit(1, { 9: '-1' }), // LAD@ARI #1: the home 5th is -1
          edit(2, { 14: '8' }), sbrRows[3]!, // LAD@ARI #2: the visitor's innings add up to 7, Final says 8
          sbrRows[4]!, edit(5, { 13: '' }), // LAD@SD: the home 9th blank instead of x: loads, null
        ].join('\r\n') + '\r\n',
      );
      const sbr = await importFiles(store.db, { format: 'sbr-mlb', paths: [sbrBad], synthetic: true, season: 2003 });
      expect(sbr).toMatchObject({ rows_in: 6, loaded: 2, quarantined: 4 });
      const sbrQ = await store.db.query<{ row_number: number; reason_code: string; field: string; reason: string }>(
        `SELECT row_number, reason_code, field, reason FROM ops.quarantine WHERE file_path = $1 ORDER BY row_number`,
        [sbrBad],
      );
      expect(sbrQ.map((q) => [Number(q.row_number), q.reason_code, q.field])).toEqual([
        [2, 'partner_rejected', '5th'],
        [3, 'invalid_period_score', '5th'],
        [4, 'inconsistent_score', 'Final'],
        [5, 'partner_rejected', 'Final'],
      ]);
      expect(sbrQ[1]!.reason).toContain('5th "-1"');
      expect(sbrQ[2]!.reason).toContain("the visitor's Final 8 differs from its innings 1st–9th, which add up to 7");
      expect((await periodsOf(store.db, '2003-03-30', 'mlb-lad', 'mlb-sd')).at(-1)).toEqual({ period: 9, period_label: '9', away_points: 0, home_points: null });
      // Quarantined games leave no periods behind.
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM staging.game_periods WHERE run_id = $1`, [sbr.run_id!])).toBe(9);
    });

    it('rollback removes a run’s periods, staging and curated', async () => {
      const nbaPeriods = await count(store.db, 'SELECT COUNT(*) AS n FROM staging.game_periods WHERE run_id = $1', [nbaRun]);
      const report = await rollbackRun(store.db, nbaRun);
      expect(report.removed).toMatchObject({ 'staging.game_periods': nbaPeriods, 'curated.game_periods': nbaPeriods });
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.game_periods WHERE run_id = $1', [nbaRun])).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.game_periods WHERE source_format = 'nba-odds' AND run_id = $1`, [nbaRun])).toBe(0);
      // The other runs' periods stay.
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.game_periods WHERE run_id = $1', [sbrRun])).toBeGreaterThan(0);
    });
  });
});
