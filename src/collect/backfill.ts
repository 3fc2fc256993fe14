/**
 * @module collect/backfill
 * `sharpline collect <source> --from --to`: plans day windows per sport, skips those already
 * checkpointed when resuming, collects the rest one by one, and reports windows done and failed.
 * A failed window (the source down, the breaker open) is checkpointed as failed and the backfill
 * goes on; `--resume` later retries exactly the failed and missing windows.
 */
import { SharplineError } from '../errors.js';
import type { Sport } from '../domain/sports.js';
import type { Database } from '../store/database.js';
import { findHttpSourceOrThrow } from '../sources/http/registry.js';
import type { DateWindow, HttpSource, RequestOptions } from '../sources/http/types.js';
import { loadCheckpoints, saveCheckpoint } from './checkpoints.js';
import { collectWindow, type WindowResult } from './collect-window.js';
import { loadConfig, sourceSettings, type ConfigEnv, type SharplineConfig } from './config.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.js';
import { loadBreakerState, saveSourceHealth } from './source-health.js';
import { planWindows } from './windows.js';

export interface BackfillOptions extends RequestOptions {
  readonly source: string;
  readonly from: string;
  readonly to: string;
  /** Sports to collect; default every sport the source supports (or the config's list). */
  readonly sports?: readonly Sport[];
  readonly resume?: boolean;
  readonly dryRun?: boolean;
  readonly windowDays?: number;
  readonly synthetic?: boolean;
  /** Overrides of the client settings (tests: tiny delays, seeded jitter). */
  readonly client?: Partial<HttpClientOptions>;
  readonly config?: SharplineConfig;
  readonly env?: ConfigEnv;
  readonly onWindow?: (event: { index: number; total: number; window: WindowReport; rowsSoFar: number }) => void;
}

/** One window in the report. */
export interface WindowReport {
  sport: Sport;
  start: string;
  end: string;
  /** planned (dry run), skipped (already done, --resume), succeeded, failed. */
  status: 'planned' | 'skipped' | 'succeeded' | 'failed';
  run_id: number | null;
  requests: number;
  rows_in: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  error: string | null;
}

/** The JSON shape of a backfill (format version 1). */
export interface BackfillReport {
  version: 1;
  source: string;
  base_url: string;
  from: string;
  to: string;
  sports: Sport[];
  dry_run: boolean;
  resume: boolean;
  windows: WindowReport[];
  summary: { windows: number; succeeded: number; failed: number; skipped: number; planned: number; requests: number; rows_in: number; loaded: number; quarantined: number; duplicates: number; games_created: number; quotes_added: number };
  failed_windows: { sport: Sport; start: string; end: string; error: string }[];
  quarantine_sample: WindowResult['quarantineSample'];
  source_health: { breaker_state: string; requests: number; attempts: number; retries: number; quota: { remaining: number | null; used: number | null; last: number | null } | null };
}

/** The client for `source` with its saved breaker state and configured limits. */
export async function openSourceClient(db: Database | null, source: HttpSource, config: SharplineConfig, env: ConfigEnv, overrides: Partial<HttpClientOptions> = {}): Promise<HttpClient> {
  const settings = sourceSettings(source.name, config, env);
  const breakerState = db ? await loadBreakerState(db, source.name) : undefined;
  return createHttpClient({
    source: source.name,
    baseUrl: settings.baseUrl ?? source.defaultBaseUrl,
    ratePerSecond: settings.ratePerSecond,
    burst: settings.burst,
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    initialDelayMs: settings.initialDelayMs,
    maxDelayMs: settings.maxDelayMs,
    breakerThreshold: settings.breakerThreshold,
    halfOpenAfterMs: settings.halfOpenAfterMs,
    breakerState,
    ...overrides,
  });
}

/** Sports to collect from `source`: the option, else the config's list, else all it supports. */
export function sportsFor(source: HttpSource, requested: readonly Sport[] | undefined, config: SharplineConfig): Sport[] {
  const wanted = requested?.length ? requested : (config.sources?.[source.name]?.sports ?? source.sports);
  const unsupported = wanted.filter((s) => !source.sports.includes(s));
  if (unsupported.length) throw new SharplineError('SL_USAGE', `${source.name} does not cover ${unsupported.join(', ')}; it covers ${source.sports.join(', ')}`);
  return [...wanted];
}

/** Runs (or, with `dryRun`, plans) a backfill. Never throws for failed windows: they are in the report. */
export async function backfill(db: Database, options: BackfillOptions): Promise<BackfillReport> {
  const source = findHttpSourceOrThrow(options.source);
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(env);
  const settings = sourceSettings(source.name, config, env);
  const sports = sportsFor(source, options.sports, config);
  const windowDays = options.windowDays ?? settings.windowDays ?? source.defaultWindowDays;
  const windows = planWindows(options.from, options.to, windowDays);
  const requestOptions: RequestOptions = { ...options, snapshotTimes: options.snapshotTimes ?? settings.snapshotTimes };
  if (source.apiKeyEnv && !env[source.apiKeyEnv] && !options.dryRun) {
    throw new SharplineError('SL_CONFIG', `${source.name} needs an API key in ${source.apiKeyEnv}`);
  }

  const plan: { sport: Sport; window: DateWindow; skip: boolean }[] = [];
  for (const sport of sports) {
    const done = options.resume ? await loadCheckpoints(db, source.name, sport, options.from, options.to) : new Map();
    for (const window of windows) plan.push({ sport, window, skip: done.get(`${window.start}|${window.end}`)?.status === 'succeeded' });
  }

  const client = await openSourceClient(options.dryRun ? null : db, source, config, env, options.client);
  const reports: WindowReport[] = [];
  const sample: WindowResult['quarantineSample'] = [];
  let gamesCreated = 0;
  let quotesAdded = 0;
  let rowsSoFar = 0;
  const seen = options.dryRun ? new Set<string>() : await loadSeen(db, source.name);
  for (const [index, item] of plan.entries()) {
    const base = { sport: item.sport, start: item.window.start, end: item.window.end, run_id: null, requests: 0, rows_in: 0, loaded: 0, quarantined: 0, duplicates: 0, error: null };
    let report: WindowReport;
    if (item.skip) report = { ...base, status: 'skipped' };
    else if (options.dryRun) report = { ...base, status: 'planned', requests: source.requests(item.window, item.sport, requestOptions).length };
    else {
      try {
        const result = await collectWindow(db, client, source, item.sport, item.window, seen, { ...requestOptions, synthetic: options.synthetic, apiKey: source.apiKeyEnv ? env[source.apiKeyEnv] : undefined });
        report = { ...base, status: 'succeeded', run_id: result.runId, requests: result.requests, rows_in: result.counts.rowsIn, loaded: result.counts.loaded, quarantined: result.counts.quarantined, duplicates: result.counts.duplicates };
        gamesCreated += result.gamesCreated;
        quotesAdded += result.quotesAdded;
        sample.push(...result.quarantineSample.slice(0, Math.max(0, 20 - sample.length)));
      } catch (error) {
        if (!(error instanceof SharplineError) || error.code !== 'SL_SOURCE_HTTP') throw error;
        const message = `${source.name} ${item.sport} ${item.window.start}..${item.window.end}: ${error.message}`;
        report = { ...base, status: 'failed', error: message };
        await saveCheckpoint(db, { source: source.name, sport: item.sport, window: item.window, status: 'failed', runId: null, requests: 0, rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0, error: message });
      }
      await saveSourceHealth(db, client);
    }
    reports.push(report);
    rowsSoFar += report.rows_in;
    options.onWindow?.({ index: index + 1, total: plan.length, window: report, rowsSoFar });
  }

  const count = (status: WindowReport['status']) => reports.filter((r) => r.status === status).length;
  const sum = (key: 'requests' | 'rows_in' | 'loaded' | 'quarantined' | 'duplicates') => reports.reduce((n, r) => n + r[key], 0);
  return {
    version: 1,
    source: source.name,
    base_url: client.baseUrl,
    from: options.from,
    to: options.to,
    sports,
    dry_run: !!options.dryRun,
    resume: !!options.resume,
    windows: reports,
    summary: {
      windows: reports.length,
      succeeded: count('succeeded'),
      failed: count('failed'),
      skipped: count('skipped'),
      planned: count('planned'),
      requests: sum('requests'),
      rows_in: sum('rows_in'),
      loaded: sum('loaded'),
      quarantined: sum('quarantined'),
      duplicates: sum('duplicates'),
      games_created: gamesCreated,
      quotes_added: quotesAdded,
    },
    failed_windows: reports.filter((r) => r.status === 'failed').map((r) => ({ sport: r.sport, start: r.start, end: r.end, error: r.error! })),
    quarantine_sample: sample,
    source_health: { breaker_state: client.breakerState(), requests: client.stats.requests, attempts: client.stats.attempts, retries: client.stats.retries, quota: client.stats.quota },
  };
}

/** Content hashes this source already has in raw (dedupe across runs). */
export async function loadSeen(db: Database, format: string): Promise<Set<string>> {
  return new Set((await db.query<{ content_hash: string }>('SELECT content_hash FROM raw.records WHERE source_format = $1', [format])).map((r) => r.content_hash));
}

/** The verdict for a backfill: an error naming the failed windows, or null. */
export function backfillVerdict(report: BackfillReport): SharplineError | null {
  if (!report.failed_windows.length) return null;
  const names = report.failed_windows.map((w) => `${w.sport} ${w.start}..${w.end}`).join(', ');
  return new SharplineError('SL_COLLECT_PARTIAL', `${report.failed_windows.length} of ${report.summary.windows} window(s) failed: ${names}; run again with --resume to retry just those`);
}
