/**
 * @module collect/config
 * sharpline's config file (`SHARPLINE_CONFIG`, else `$SHARPLINE_HOME/config.json` when present) and
 * the environment, read once and validated: per-source HTTP settings, job schedules, gap alerts.
 *
 * @example
 * {
 *   "sources": { "the-odds-api": { "baseUrl": "http://127.0.0.1:8080", "ratePerSecond": 1, "sports": ["nba"] } },
 *   "jobs": { "update-odds": { "cron": "* /15 * * * *" } },
 *   "gaps": { "hours": 6 }
 * }
 * Environment overrides: `SHARPLINE_SOURCE_<NAME>_URL`, `_RATE`, `_TIMEOUT_MS` (NAME upper case,
 * dashes as underscores: `SHARPLINE_SOURCE_THE_ODDS_API_URL`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SharplineError } from '../errors.js';
import { SPORTS, type Sport } from '../domain/sports.js';

const sportSchema = z.enum(SPORTS as unknown as [Sport, ...Sport[]]);

const sourceSchema = z
  .object({
    baseUrl: z.string().url().optional(),
    ratePerSecond: z.number().positive().optional(),
    burst: z.number().int().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
    maxAttempts: z.number().int().min(1).max(20).optional(),
    initialDelayMs: z.number().int().nonnegative().optional(),
    maxDelayMs: z.number().int().nonnegative().optional(),
    breakerThreshold: z.number().int().positive().optional(),
    halfOpenAfterMs: z.number().int().positive().optional(),
    windowDays: z.number().int().positive().optional(),
    /** Sports this source collects in jobs (default: all it supports). */
    sports: z.array(sportSchema).optional(),
    /** UTC snapshot times for historical odds (`HH:MM`). */
    snapshotTimes: z.array(z.string().regex(/^\d{2}:\d{2}$/)).optional(),
  })
  .strict();

const jobSchema = z.object({ cron: z.string().optional(), enabled: z.boolean().optional() }).strict();

const configSchema = z
  .object({
    sources: z.record(z.string(), sourceSchema).optional(),
    jobs: z.record(z.string(), jobSchema).optional(),
    gaps: z.object({ hours: z.number().positive().optional() }).strict().optional(),
    /** Quality thresholds: validated by quality/config.ts, which reads the same file. */
    quality: z.unknown().optional(),
  })
  .strict();

export type SourceSettings = z.infer<typeof sourceSchema>;
export type SharplineConfig = z.infer<typeof configSchema>;

/** Environment variables the config reads. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/** The config file path in effect, or null when there is none. */
export function configPath(env: ConfigEnv = process.env): string | null {
  if (env.SHARPLINE_CONFIG) return resolve(env.SHARPLINE_CONFIG);
  const candidate = join(resolve(env.SHARPLINE_HOME || '.sharpline'), 'config.json');
  return existsSync(candidate) ? candidate : null;
}

/** Reads and validates the config file (empty when there is none). */
export function loadConfig(env: ConfigEnv = process.env): SharplineConfig {
  const path = configPath(env);
  if (!path) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SharplineError('SL_CONFIG', `${path}: not readable JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SharplineError('SL_CONFIG', `${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The settings of source `name`: config file, then environment overrides. */
export function sourceSettings(name: string, config: SharplineConfig, env: ConfigEnv = process.env): SourceSettings {
  const prefix = `SHARPLINE_SOURCE_${name.toUpperCase().replaceAll('-', '_')}_`;
  const settings: SourceSettings = { ...(config.sources?.[name] ?? {}) };
  const url = env[`${prefix}URL`];
  if (url) settings.baseUrl = url;
  const number = (key: string) => {
    const text = env[`${prefix}${key}`];
    if (text === undefined || text === '') return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new SharplineError('SL_CONFIG', `${prefix}${key} must be a positive number, got "${text}"`);
    return n;
  };
  const rate = number('RATE');
  if (rate !== undefined) settings.ratePerSecond = rate;
  const timeoutMs = number('TIMEOUT_MS');
  if (timeoutMs !== undefined) settings.timeoutMs = timeoutMs;
  return settings;
}
