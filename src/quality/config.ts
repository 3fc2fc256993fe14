/**
 * @module quality/config
 * Quality thresholds a deployment tunes (score thresholds, freshness per live source), with
 * defaults here and overrides from the `quality` key of sharpline's one config file
 * (`SHARPLINE_CONFIG`, else `$SHARPLINE_HOME/config.json` when present; see collect/config.ts, which
 * reads the rest of it). Validated, so a typo in the file is an error naming the field, not a
 * silently ignored setting.
 *
 *   { "quality": { "scores": { "tableMin": 0.9 }, "freshness": { "the-odds-api": { "maxHours": 2, "sports": ["nfl"] } } } }
 */
import { z } from 'zod';
import { configPath, loadConfig } from '../collect/config.js';
import { SharplineError } from '../errors.js';

const Freshness = z.object({
  /** Hours without new data from the source, while one of its sports is in season, before it is stale. */
  maxHours: z.number().positive(),
  /** The sports the source covers (in season = a game of the sport within `inSeasonDays` of now). */
  sports: z.array(z.enum(['nfl', 'mlb', 'nba', 'nhl', 'soccer'])).min(1),
});

const QualityConfig = z.object({
  scores: z
    .object({
      /** A staged row scoring under this is listed by `staged_row_quality`. */
      rowThreshold: z.number().min(0).max(1),
      /** A staged table whose mean row score is under this fails `staged_table_quality`. */
      tableMin: z.number().min(0).max(1),
    })
    .strict(),
  /** Live sources (by source format, as in raw.records) and how fresh their data must be. */
  freshness: z.record(z.string(), Freshness),
  /** A sport is in season when it has a game within this many days of now. */
  inSeasonDays: z.number().int().positive(),
  /** Collection gaps are looked for over this many days back. */
  gapLookbackDays: z.number().int().positive(),
}).strict();

export type QualityConfig = z.infer<typeof QualityConfig>;

export const DEFAULT_QUALITY_CONFIG: QualityConfig = {
  scores: { rowThreshold: 0.5, tableMin: 0.8 },
  // The HTTP sources: odds move by the minute, scoreboards and schedules by the day.
  freshness: {
    'the-odds-api': { maxHours: 1, sports: ['nfl', 'mlb', 'nba', 'nhl', 'soccer'] },
    'mlb-stats-api': { maxHours: 26, sports: ['mlb'] },
    'espn-scoreboard': { maxHours: 26, sports: ['nfl', 'mlb', 'nba', 'nhl'] },
  },
  inSeasonDays: 3,
  gapLookbackDays: 30,
};

const Overrides = z
  .object({
    scores: QualityConfig.shape.scores.partial().optional(),
    freshness: z.record(z.string(), Freshness).optional(),
    inSeasonDays: QualityConfig.shape.inSeasonDays.optional(),
    gapLookbackDays: QualityConfig.shape.gapLookbackDays.optional(),
  })
  .strict();

/** The quality config in force: defaults, overridden by the config file's `quality` key. */
export function qualityConfig(env: NodeJS.ProcessEnv = process.env): QualityConfig {
  // The file is read and parsed by the one config reader; only the quality section is checked here.
  const quality = loadConfig(env).quality;
  if (quality === undefined) return DEFAULT_QUALITY_CONFIG;
  const result = Overrides.safeParse(quality);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new SharplineError('SL_CONFIG', `config file ${configPath(env)}: quality.${issue.path.join('.')}: ${issue.message}`);
  }
  const o = result.data;
  const config = DEFAULT_QUALITY_CONFIG;
  return {
    scores: { ...config.scores, ...o.scores },
    freshness: o.freshness ?? config.freshness,
    inSeasonDays: o.inSeasonDays ?? config.inSeasonDays,
    gapLookbackDays: o.gapLookbackDays ?? config.gapLookbackDays,
  };
}
