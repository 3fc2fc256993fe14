/**
 * @module collect/live
 * One poll of a source's current data (today's odds and recent scores, or yesterday-and-today's
 * schedule), per sport, without checkpoints: what the scheduled jobs run. Each sport is collected on
 * its own, so one failing (a sport's feed down, the breaker open) never stops the others.
 */
import type { Sport } from '../domain/sports.js';
import { SharplineError } from '../errors.js';
import type { Database } from '../store/database.js';
import { findHttpSourceOrThrow } from '../sources/http/registry.js';
import { loadSeen, openSourceClient, sportsFor } from './backfill.js';
import { collectWindow } from './collect-window.js';
import { loadConfig, type ConfigEnv, type SharplineConfig } from './config.js';
import type { HttpClient, HttpClientOptions } from './http-client.js';
import type { HttpSource } from '../sources/http/types.js';
import { saveSourceHealth } from './source-health.js';

export interface LiveOptions {
  readonly sports?: readonly Sport[];
  readonly config?: SharplineConfig;
  readonly env?: ConfigEnv;
  readonly client?: Partial<HttpClientOptions>;
  readonly synthetic?: boolean;
  /** "Now", for the window (default the clock). */
  readonly now?: Date;
}

export interface LiveReport {
  source: string;
  sports: { sport: Sport; status: 'succeeded' | 'failed' | 'skipped'; run_id: number | null; rows_in: number; loaded: number; quarantined: number; duplicates: number; error: string | null }[];
  loaded: number;
  failed: number;
}

/** Polls `sourceName` once for each sport. Never throws for a failing sport: it is in the report. */
export async function collectLive(db: Database, sourceName: string, options: LiveOptions = {}): Promise<LiveReport> {
  const source = findHttpSourceOrThrow(sourceName);
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(env);
  const sports = sportsFor(source, options.sports, config);
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const report: LiveReport = { source: source.name, sports: [], loaded: 0, failed: 0 };
  if (source.apiKeyEnv && !env[source.apiKeyEnv]) {
    const error = `${source.name} needs an API key in ${source.apiKeyEnv}; nothing was collected`;
    for (const sport of sports) report.sports.push({ sport, status: 'failed', run_id: null, rows_in: 0, loaded: 0, quarantined: 0, duplicates: 0, error });
    report.failed = sports.length;
    return report;
  }
  const client = await openSourceClient(db, source, config, env, options.client);
  const seen = await loadSeen(db, source.name);
  const apiKey = source.apiKeyEnv ? env[source.apiKeyEnv] : undefined;
  const active = await activeSportsOf(client, source, apiKey);
  for (const sport of sports) {
    if (active && !active.includes(sport)) {
      report.sports.push({ sport, status: 'skipped', run_id: null, rows_in: 0, loaded: 0, quarantined: 0, duplicates: 0, error: null });
      continue;
    }
    try {
      const result = await collectWindow(db, client, source, sport, { start: yesterday, end: today }, seen, { live: true, checkpoint: false, synthetic: options.synthetic, apiKey });
      report.sports.push({ sport, status: 'succeeded', run_id: result.runId, rows_in: result.counts.rowsIn, loaded: result.counts.loaded, quarantined: result.counts.quarantined, duplicates: result.counts.duplicates, error: null });
      report.loaded += result.counts.loaded;
    } catch (error) {
      if (!(error instanceof SharplineError) || error.code !== 'SL_SOURCE_HTTP') throw error;
      report.sports.push({ sport, status: 'failed', run_id: null, rows_in: 0, loaded: 0, quarantined: 0, duplicates: 0, error: error.message });
      report.failed++;
    }
  }
  await saveSourceHealth(db, client);
  return report;
}

/** The sports the source says are in season now, or null when it cannot say (then every sport is polled). */
async function activeSportsOf(client: HttpClient, source: HttpSource, key: string | undefined): Promise<Sport[] | null> {
  if (!source.activeSports) return null;
  const { request } = source.activeSports;
  try {
    const response = await client.get(request.path, key && source.apiKeyParam ? { ...request.query, [source.apiKeyParam]: key } : request.query);
    const parsed = source.parse(request, response.body, response.fetchedAt);
    return parsed.unreadable.length ? null : source.activeSports.read(parsed.records);
  } catch (error) {
    if (error instanceof SharplineError && error.code === 'SL_SOURCE_HTTP') return null;
    throw error;
  }
}
