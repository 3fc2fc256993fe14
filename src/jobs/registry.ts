/**
 * @module jobs/registry
 * The named jobs and their default schedules (cron, UTC), replacing the old crontab: finished games
 * and ratings at 03:00, odds every 15 minutes, the cache every 6 hours, outcomes, quality, training.
 * A job's body takes the store port and returns the rows it wrote plus a note; it throws only for a
 * failure that should mark the run failed (after doing whatever it could).
 */
import { collectLive, type LiveOptions, type LiveReport } from '../collect/live.js';
import { checkCollectionGaps } from '../collect/gaps.js';
import type { SharplineConfig } from '../collect/config.js';
import type { Sport } from '../domain/sports.js';
import { SharplineError, isSharplineError } from '../errors.js';
import { trainSystems } from '../models/train.js';
import { syncOutcomes } from '../pipeline/sync-outcomes.js';
import { runGate } from '../quality/gates.js';
import type { Database } from '../store/database.js';

export type JobName = 'update-games' | 'update-odds' | 'refresh-cache' | 'sync-outcomes' | 'quality-check' | 'train';

/** What a job body gets. */
export interface JobContext {
  readonly db: Database;
  readonly config: SharplineConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Options passed to every live collection (tests: client overrides, synthetic lineage). */
  readonly collect?: Omit<LiveOptions, 'config' | 'env'>;
  /** The cache refresher; absent until a cache is configured. */
  readonly refreshCache?: (db: Database) => Promise<{ rows: number; note?: string }>;
}

/** What a job body returns. */
export interface JobOutcome {
  readonly rows: number;
  readonly note?: string;
}

export interface JobDefinition {
  readonly name: JobName;
  readonly description: string;
  /** Default cron expression (5 fields, UTC); `jobs.<name>.cron` in config overrides it. */
  readonly defaultCron: string;
  run(context: JobContext): Promise<JobOutcome>;
}

/** Sports a source is expected to collect in jobs: the config's list, else its default here. */
function sportsOf(config: SharplineConfig, source: string, fallback: readonly Sport[]): Sport[] {
  return [...(config.sources?.[source]?.sports ?? fallback)];
}

/**
 * Polls the sources side by side (each has its own rate limit, retries and breaker, so a slow or
 * failing one does not hold up the others; writes still go one transaction at a time through the
 * port). The job fails, after collecting everything it could, when any sport failed.
 */
async function collectSources(context: JobContext, sources: { name: string; sports: Sport[] }[]): Promise<{ rows: number; reports: LiveReport[] }> {
  const reports = await Promise.all(
    sources.filter((s) => s.sports.length).map((s) => collectLive(context.db, s.name, { ...context.collect, sports: s.sports, config: context.config, env: context.env })),
  );
  await checkCollectionGaps(context.db, context.config);
  return { rows: reports.reduce((n, r) => n + r.loaded, 0), reports };
}

function failuresOf(reports: LiveReport[]): string[] {
  return reports.flatMap((r) => r.sports.filter((s) => s.status === 'failed').map((s) => s.error ?? `${r.source} ${s.sport} failed`));
}

const JOBS: readonly JobDefinition[] = [
  {
    name: 'update-games',
    description: 'Finished games and schedules (MLB Stats API, ESPN scoreboards), then outcomes and Elo ratings',
    defaultCron: '0 3 * * *',
    async run(context) {
      const { rows, reports } = await collectSources(context, [
        { name: 'mlb-stats-api', sports: sportsOf(context.config, 'mlb-stats-api', ['mlb']) },
        { name: 'espn-scoreboard', sports: sportsOf(context.config, 'espn-scoreboard', ['nfl', 'nba', 'mlb', 'nhl']) },
      ]);
      await syncOutcomes(context.db, { syncType: 'recent', daysBack: 3 });
      const rated: string[] = [];
      const sports = new Set(reports.flatMap((r) => r.sports.filter((s) => s.loaded > 0).map((s) => s.sport)));
      for (const sport of sports) {
        try {
          await trainSystems(context.db, { sport, systems: ['elo_v1'] });
          rated.push(sport);
        } catch (error) {
          if (!isSharplineError(error) || (error.code !== 'SL_NO_TRAINING_DATA' && error.code !== 'SL_QUALITY_GATE')) throw error;
          rated.push(`${sport} (not rated: ${error.code})`);
        }
      }
      const failures = failuresOf(reports);
      if (failures.length) throw new SharplineError('SL_JOB_FAILED', `update-games collected ${rows} rows but: ${failures.join('; ')}`, { details: { rows } });
      return { rows, note: rated.length ? `ratings updated: ${rated.join(', ')}` : 'no new games to rate' };
    },
  },
  {
    name: 'update-odds',
    description: 'Current odds and recent scores from The Odds API (key in THE_ODDS_API_KEY)',
    defaultCron: '*/15 * * * *',
    async run(context) {
      const { rows, reports } = await collectSources(context, [{ name: 'the-odds-api', sports: sportsOf(context.config, 'the-odds-api', ['nfl', 'nba', 'mlb', 'nhl']) }]);
      const failures = failuresOf(reports);
      if (failures.length) throw new SharplineError('SL_JOB_FAILED', `update-odds collected ${rows} rows but: ${failures.join('; ')}`, { details: { rows } });
      return { rows };
    },
  },
  {
    name: 'refresh-cache',
    description: 'Refresh the serving cache (pluggable; records 0 rows until a cache is configured)',
    defaultCron: '0 */6 * * *',
    async run(context) {
      if (!context.refreshCache) return { rows: 0, note: 'no cache configured' };
      return context.refreshCache(context.db);
    },
  },
  {
    name: 'sync-outcomes',
    description: 'Reconcile final scores of the last 7 days across sources',
    defaultCron: '30 3 * * *',
    async run(context) {
      const report = await syncOutcomes(context.db, { syncType: 'recent', daysBack: 7 });
      return { rows: report.result?.filled ?? 0, note: `${report.result?.conflicts ?? 0} new conflicts; ${report.player_logs_linked} player lines linked` };
    },
  },
  {
    name: 'quality-check',
    description: 'Run the ingest quality gate and check collection gaps',
    defaultCron: '0 4 * * *',
    async run(context) {
      const gate = await runGate(context.db, 'ingest', { record: true });
      const alerts = await checkCollectionGaps(context.db, context.config);
      const note = `ingest gate ${gate.passed ? 'passed' : 'FAILED'} (${gate.errors_failed} errors, ${gate.warnings_failed} warnings); ${alerts.length} open alerts`;
      if (!gate.passed) throw new SharplineError('SL_JOB_FAILED', note);
      return { rows: gate.checks.length, note };
    },
  },
  {
    name: 'train',
    description: 'Retrain every system for each sport that has scored games',
    defaultCron: '0 5 * * 1',
    async run(context) {
      const sports = (await context.db.query<{ sport: Sport }>(`SELECT DISTINCT sport FROM curated.games WHERE status = 'final' ORDER BY sport`)).map((r) => r.sport);
      const trained: string[] = [];
      for (const sport of sports) {
        const report = await trainSystems(context.db, { sport });
        trained.push(`${sport}: ${report.systems.length} systems on ${report.games.scored} games`);
      }
      return { rows: trained.length, note: trained.length ? trained.join('; ') : 'no scored games to train on' };
    },
  },
];

/** Every job, in the order `jobs list` prints them. */
export function jobDefinitions(): readonly JobDefinition[] {
  return JOBS;
}

/** The job called `name`, or SL_JOB_UNKNOWN listing the known ones. */
export function findJobOrThrow(name: string): JobDefinition {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new SharplineError('SL_JOB_UNKNOWN', `unknown job "${name}"; known jobs: ${JOBS.map((j) => j.name).join(', ')}`);
  return job;
}
