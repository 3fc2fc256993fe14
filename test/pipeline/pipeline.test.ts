import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { gameLineage } from '../../src/pipeline/lineage.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { storeStatus } from '../../src/pipeline/status.js';
import { syncOutcomes } from '../../src/pipeline/sync-outcomes.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { snapshotStore } from '../helpers/snapshot.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl/nflverse_games_2019_2020.csv');
const tmp = mkdtempSync(join(tmpdir(), 'sl-pipeline-'));

/** A second, schedule-only reading of the same real file through `csv --map` (no scores, no odds). */
const SCHEDULE_MAP = join(tmp, 'schedule.map.json');
writeFileSync(
  SCHEDULE_MAP,
  JSON.stringify({
    sport: 'nfl',
    league: 'NFL',
    date: { column: 'gameday', format: 'YYYY-MM-DD' },
    season: { column: 'season' },
    season_type: { column: 'game_type', values: { REG: 'regular', WC: 'postseason', DIV: 'postseason', CON: 'postseason', SB: 'postseason' } },
    home_team: 'home_team',
    away_team: 'away_team',
    neutral: 'location',
    game_id: 'game_id',
  }),
);

async function count(store: TestStore, sql: string, params: (string | number)[] = []): Promise<number> {
  const [row] = await store.db.query<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

describe.each(ENGINES)('pipeline on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('import --zone raw, then pipeline run, equals a direct import', async () => {
    const reference = await createTestStore(engine);
    await importFiles(reference.db, { format: 'nflverse-games', paths: [SAMPLE] });
    const expected = await snapshotStore(reference.db);
    await reference.cleanup();

    const rawOnly = await importFiles(store.db, { format: 'nflverse-games', paths: [SAMPLE], zone: 'raw' });
    expect(rawOnly.rows_in).toBe(536);
    expect(await count(store, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(0);

    const plan = await runPipeline(store.db, { dryRun: true });
    expect(plan.plan.staging_pending).toEqual([{ source_format: 'nflverse-games', files: 1, records: 536 }]);
    expect(await count(store, 'SELECT COUNT(*) AS n FROM staging.games')).toBe(0);

    const staged = await runPipeline(store.db, { zone: 'staging' });
    expect(staged.staged).toMatchObject({ rowsIn: 536, loaded: 536, quarantined: 0 });
    expect(await count(store, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(0);

    const curated = await runPipeline(store.db, { zone: 'curated' });
    expect(curated.curated.games_created).toBe(536);
    expect(curated.validation.every((v) => v.ok)).toBe(true);
    expect(await snapshotStore(store.db)).toEqual(expected);
    expect((await runPipeline(store.db)).plan).toEqual({ staging_pending: [], curated_pending_runs: [] });
  });

  it('rolls back exactly what a run added, restoring scores it filled', async () => {
    const fresh = await createTestStore(engine);
    try {
      const schedule = await importFiles(fresh.db, { format: 'csv', paths: [SAMPLE], mappingPath: SCHEDULE_MAP });
      expect(schedule.curated.games_created).toBe(536);
      expect(await count(fresh, `SELECT COUNT(*) AS n FROM curated.games WHERE status = 'scheduled'`)).toBe(536);
      const afterSchedule = await snapshotStore(fresh.db);

      const scores = await importFiles(fresh.db, { format: 'nflverse-games', paths: [SAMPLE] });
      expect(scores.curated).toMatchObject({ games_created: 0, game_sources_linked: 536, outcomes_filled: 536 });
      expect(await count(fresh, `SELECT COUNT(*) AS n FROM curated.games WHERE status = 'final'`)).toBe(536);
      const [game] = await fresh.db.query<{ game_id: number }>(`SELECT game_id FROM curated.games WHERE game_key = 'nfl:2021-02-07:nfl-tb:nfl-kc:1'`);
      const lineage = await gameLineage(fresh.db, game!.game_id);
      expect(lineage.sources.map((s) => s.source_format).sort()).toEqual(['csv', 'nflverse-games']);
      expect(lineage.sources.find((s) => s.source_format === 'nflverse-games')).toMatchObject({ file_path: SAMPLE, row_number: 537, quotes: 6 });
      expect(lineage.outcome_changes).toHaveLength(1);

      const dry = await rollbackRun(fresh.db, scores.run_id!, { dryRun: true });
      expect(dry.removed).toMatchObject({ 'raw.records': 536, 'curated.quotes': 3216, 'ops.outcome_changes': 536, 'curated.games': 0 });
      const report = await rollbackRun(fresh.db, scores.run_id!);
      expect(report.removed).toEqual(dry.removed);
      expect(await snapshotStore(fresh.db)).toEqual(afterSchedule);
      await expect(rollbackRun(fresh.db, scores.run_id!)).rejects.toMatchObject({ code: 'SL_RUN_NOT_FOUND' });

      // Re-import, then roll back the run that CREATED the games: they survive on the other source.
      await importFiles(fresh.db, { format: 'nflverse-games', paths: [SAMPLE] });
      await rollbackRun(fresh.db, schedule.run_id!);
      const onlyScores = await createTestStore(engine);
      await importFiles(onlyScores.db, { format: 'nflverse-games', paths: [SAMPLE] });
      expect(await snapshotStore(fresh.db)).toEqual(await snapshotStore(onlyScores.db));
      await onlyScores.cleanup();
    } finally {
      await fresh.cleanup();
    }
  });

  it('sync-outcomes fills scores from sources, honours --limit and --sync-type recent, and never overwrites a conflict', async () => {
    const fresh = await createTestStore(engine);
    try {
      await importFiles(fresh.db, { format: 'nflverse-games', paths: [SAMPLE] });
      // As if the games had first been loaded from a schedule: no scores yet, sources still holding theirs.
      await fresh.db.execute(`UPDATE curated.games SET status = 'scheduled', home_score = NULL, away_score = NULL WHERE season = 2020`);
      const deps = await syncOutcomes(fresh.db, { syncType: 'all', daysBack: 0, checkDepsOnly: true });
      expect(deps.dependencies.every((d) => d.ok)).toBe(true);
      expect(deps.result).toBeNull();

      const dry = await syncOutcomes(fresh.db, { syncType: 'all', daysBack: 0, dryRun: true });
      expect(dry.result).toEqual({ filled: 269, conflicts: 0, statusChanges: 0 });
      expect(await count(fresh, `SELECT COUNT(*) AS n FROM curated.games WHERE status = 'scheduled'`)).toBe(269);

      const recent = await syncOutcomes(fresh.db, { syncType: 'recent', daysBack: 17, today: '2021-02-10' });
      expect(recent.result).toEqual({ filled: 3, conflicts: 0, statusChanges: 0 }); // 2021-01-24 on: the two conference finals and the Super Bowl
      const limited = await syncOutcomes(fresh.db, { syncType: 'all', daysBack: 0, limit: 10 });
      expect(limited.result!.filled).toBe(10);
      const rest = await syncOutcomes(fresh.db, { syncType: 'all', daysBack: 0 });
      expect(rest.result!.filled).toBe(256);
      expect(await count(fresh, `SELECT COUNT(*) AS n FROM curated.games WHERE status = 'scheduled'`)).toBe(0);

      // A second source reporting another score for the Super Bowl is recorded, not applied.
      const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
      const sb = lines.find((l) => l.startsWith('2020_21_KC_TB'))!;
      const conflicting = join(tmp, `conflict-${engine}.csv`);
      writeFileSync(conflicting, `gameday,season,game_type,home_team,away_team,home_score,away_score\n2021-02-07,2020,SB,TB,KC,30,9\n`);
      const conflictMap = join(tmp, 'conflict.map.json');
      writeFileSync(conflictMap, JSON.stringify({ sport: 'nfl', league: 'NFL', date: { column: 'gameday', format: 'YYYY-MM-DD' }, season: { column: 'season' }, home_team: 'home_team', away_team: 'away_team', home_score: 'home_score', away_score: 'away_score' }));
      const conflict = await importFiles(fresh.db, { format: 'csv', paths: [conflicting], mappingPath: conflictMap, synthetic: true });
      expect(sb).toContain(',KC,9,TB,31,');
      expect(conflict.curated.outcome_conflicts).toBe(1);
      const [kept] = await fresh.db.query(`SELECT home_score, away_score FROM curated.games WHERE game_key = 'nfl:2021-02-07:nfl-tb:nfl-kc:1'`);
      expect(kept).toEqual({ home_score: 31, away_score: 9 });
      const report = await syncOutcomes(fresh.db, { syncType: 'all', daysBack: 0 });
      expect(report.result).toEqual({ filled: 0, conflicts: 0, statusChanges: 0 });
      expect(report.open_conflicts).toEqual([expect.objectContaining({ source_format: 'csv', kept_home_score: 31, other_home_score: 30 })]);
    } finally {
      await fresh.cleanup();
    }
  });

  it('reports rows per zone, games per season and runs', async () => {
    const status = await storeStatus(store.db);
    expect(status.tables.find((t) => t.table === 'curated.games')!.rows).toBe(536);
    expect(status.games).toEqual([
      { sport: 'nfl', season: 2019, games: 267, final: 267, with_closing_moneyline: 267 },
      { sport: 'nfl', season: 2020, games: 269, final: 269, with_closing_moneyline: 269 },
    ]);
    expect(status.runs[0]).toMatchObject({ command: 'pipeline run', status: 'succeeded' });
  });
});
