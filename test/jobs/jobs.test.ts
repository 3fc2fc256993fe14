/**
 * Named jobs on each engine: every run lands in ops.job_runs (start, end, status, rows, error);
 * refresh-cache is pluggable; update-odds collects live odds through the replay server and, when a
 * source fails, records the failure without losing what the other sports brought; the in-process
 * scheduler fires on cron ticks; collection gaps raise (and resolve) alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCollectionGaps, openAlerts } from '../../src/collect/gaps.js';
import type { SharplineConfig } from '../../src/collect/config.js';
import { latestJobRuns, listJobRuns } from '../../src/jobs/job-runs.js';
import { runJob } from '../../src/jobs/run-job.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { jobSchedules } from '../../src/jobs/schedules.js';
import { isSharplineError } from '../../src/errors.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { espnHandler, mlbHandler, oddsApiHandler } from '../collect/fixtures.js';
import { startReplayServer, type ReplayServer } from '../collect/replay-server.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer((url) => oddsApiHandler(url) ?? mlbHandler(url) ?? espnHandler(url));
});
afterAll(() => server.close());

const config = (): SharplineConfig => ({
  sources: {
    'the-odds-api': { baseUrl: server.url, sports: ['nba', 'nfl', 'mlb'] },
    'espn-scoreboard': { baseUrl: server.url, sports: ['nba'] },
    'mlb-stats-api': { baseUrl: server.url, sports: ['mlb'] },
  },
  gaps: { hours: 6 },
});
const context = () => ({
  config: config(),
  env: { THE_ODDS_API_KEY: 'test-key' },
  collect: { synthetic: true, client: { ratePerSecond: 1000, burst: 10, timeoutMs: 500, maxAttempts: 2, initialDelayMs: 5, random: () => 0.5 } },
});

describe('job schedules', () => {
  it('uses defaults, config overrides, and refuses bad cron or unknown jobs', () => {
    const schedules = jobSchedules({ jobs: { 'update-odds': { cron: '*/5 * * * *' }, train: { enabled: false } } }, new Date('2026-01-01T02:59:00Z'));
    const byName = new Map(schedules.map((s) => [s.name, s]));
    expect(byName.get('update-games')).toMatchObject({ cron: '0 3 * * *', next_run_at: '2026-01-01T03:00:00.000Z' });
    expect(byName.get('update-odds')).toMatchObject({ cron: '*/5 * * * *', next_run_at: '2026-01-01T03:00:00.000Z' });
    expect(byName.get('refresh-cache')!.cron).toBe('0 */6 * * *');
    expect(byName.get('train')).toMatchObject({ enabled: false, next_run_at: null });
    const bad = (() => { try { jobSchedules({ jobs: { 'update-odds': { cron: 'every day' } } }); } catch (e) { return e; } })();
    expect(isSharplineError(bad) && bad.code).toBe('SL_JOB_UNKNOWN');
    expect(() => jobSchedules({ jobs: { nightly: {} } })).toThrow(/unknown job "nightly"/);
  });
});

describe.each(ENGINES)('jobs on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(() => store.cleanup());

  it('records refresh-cache with 0 rows and a note, or what a plugged-in refresher reports', async () => {
    const run = await runJob(store.db, 'refresh-cache', { ...context(), trigger: 'manual' });
    expect(run).toMatchObject({ job_name: 'refresh-cache', status: 'succeeded', rows: 0, note: 'no cache configured', triggered_by: 'manual', error: null });
    expect(run.finished_at! >= run.started_at).toBe(true);
    const plugged = await runJob(store.db, 'refresh-cache', { ...context(), trigger: 'manual', refreshCache: async () => ({ rows: 7, note: 'warmed 7 keys' }) });
    expect(plugged).toMatchObject({ status: 'succeeded', rows: 7, note: 'warmed 7 keys' });
  });

  it('update-odds collects live odds; a failing sport fails the run with its error but keeps the other sport', async () => {
    // NFL has no recording on the replay server (404): it fails; NBA still lands; MLB is not
    // active in /v4/sports, so it is skipped without a request.
    const before = server.requests.length;
    const run = await runJob(store.db, 'update-odds', { ...context(), trigger: 'manual' });
    expect(server.requests.slice(before).filter((r) => r.includes('baseball_mlb'))).toEqual([]);
    expect(server.requests.slice(before).every((r) => r.includes('apiKey=test-key'))).toBe(true);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/americanfootball_nfl\/odds\?\S* failed after 1 attempt\(s\): HTTP 404/);
    expect(run.rows).toBe(2 + 3); // 2 odds events + 3 scores events for NBA
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM staging.quotes WHERE source_format = 'the-odds-api'`);
    expect(Number(n)).toBe(2 * 2 * 6);
    // Polling again: nothing changed at the source, so every record is a duplicate; nothing doubles.
    const again = await runJob(store.db, 'update-odds', { ...context(), config: { ...config(), sources: { ...config().sources, 'the-odds-api': { baseUrl: server.url, sports: ['nba'] } } }, trigger: 'manual' });
    expect(again).toMatchObject({ status: 'succeeded', rows: 0 });
    const [{ n: after } = { n: 0 }] = await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM staging.quotes WHERE source_format = 'the-odds-api'`);
    expect(Number(after)).toBe(Number(n));
  });

  it('update-odds without an API key fails clearly and collects nothing', async () => {
    const run = await runJob(store.db, 'update-odds', { ...context(), env: {}, trigger: 'manual' });
    expect(run).toMatchObject({ status: 'failed', rows: 0 });
    expect(run.error).toMatch(/needs an API key in THE_ODDS_API_KEY/);
  });

  it('the in-process scheduler runs jobs on their cron ticks, one at a time', async () => {
    const runs: string[] = [];
    const scheduler = startScheduler(store.db, {
      ...context(),
      config: { ...config(), jobs: { 'refresh-cache': { cron: '* * * * * *' }, 'update-games': { enabled: false }, 'update-odds': { enabled: false }, 'sync-outcomes': { enabled: false }, 'quality-check': { enabled: false }, train: { enabled: false } } },
      onRun: (run) => runs.push(`${run.job_name}:${run.status}`),
    });
    expect(scheduler.jobs.map((j) => j.name)).toEqual(['refresh-cache']);
    await new Promise((resolve) => setTimeout(resolve, 2300));
    await scheduler.stop();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(runs)).toEqual(new Set(['refresh-cache:succeeded']));
    const scheduled = (await listJobRuns(store.db, { jobName: 'refresh-cache', limit: 50 })).filter((r) => r.triggered_by === 'schedule');
    expect(scheduled.length).toBe(runs.length);
    expect(scheduled.every((r) => r.scheduled_for !== null && r.status === 'succeeded')).toBe(true);
    expect(new Set(scheduled.map((r) => r.scheduled_for)).size).toBe(scheduled.length);
    const latest = await latestJobRuns(store.db);
    expect(latest.map((r) => r.job_name)).toEqual(['refresh-cache', 'update-odds']);
  });

  it('raises a collection-gap alert when an in-season source went quiet, and resolves it when data returns', async () => {
    // Pin the last NBA collection to a known in-season instant, then look from 36 h later.
    await store.db.query(`UPDATE ops.runs SET finished_at = $1 WHERE command = 'collect'`, ['2023-01-09T00:00:00.000Z']);
    const cfg = config();
    const alerts = await checkCollectionGaps(store.db, cfg, new Date('2023-01-10T12:00:00Z'));
    // NBA odds and MLB (off-season in January; never collected here anyway) give one alert only.
    expect(alerts.map((a) => [a.kind, a.source, a.sport])).toEqual([['collection_gap', 'the-odds-api', 'nba']]);
    expect(alerts[0]!.message).toBe('no new nba data from the-odds-api since 2023-01-09T00:00:00.000Z (more than 6 h, in season)');
    await checkCollectionGaps(store.db, cfg, new Date('2023-01-10T13:00:00Z'));
    expect(await openAlerts(store.db)).toHaveLength(1); // still one alert, not two
    // Off-season (July) or fresh data: the gap is closed and the alert resolved.
    expect(await checkCollectionGaps(store.db, cfg, new Date('2023-01-09T03:00:00Z'))).toEqual([]);
  });
});
