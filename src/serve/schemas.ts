/**
 * @module serve/schemas
 * Every input of the API as a zod schema: query strings arrive as text, so numbers are coerced and
 * then range-checked, dates must be real calendar dates, lists are comma-separated. The same
 * schemas validate requests (serve/validation) and describe them in the OpenAPI document.
 */
import { z } from 'zod';
import { SPORTS } from '../domain/sports.js';
import { PRICE_SIDES } from '../models/predict.js';
import { GATE_NAMES } from '../quality/gates.js';
import { PICK_MARKETS } from './data/picks.js';

/** A calendar date `YYYY-MM-DD` that exists (2021-02-30 is rejected). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const sport = z.enum(SPORTS as unknown as [string, ...string[]]);
const teamId = z.string().regex(/^[a-z]+-[a-z0-9-]+$/, 'expected a team id such as nfl-kc (see /v1/teams)').max(80);
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const price = z.coerce.number().gt(1, 'a decimal price must be greater than 1').lt(1001, 'a decimal price must be below 1001');

export const gameIdParams = z.object({ gameId: z.coerce.number().int().positive() }).strict();
export const teamParams = z.object({ teamId }).strict();

export const gamesQuery = z
  .object({
    date: isoDate.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sport: sport.optional(),
    team: teamId.optional(),
    limit: limit(1000, 100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const priceFields = Object.fromEntries(PRICE_SIDES.map((s) => [`price_${s}`, price.optional()])) as Record<`price_${(typeof PRICE_SIDES)[number]}`, z.ZodOptional<typeof price>>;

export const predictionQuery = z
  .object({
    book: z.string().min(1).max(80).optional(),
    kelly: z.coerce.number().gt(0).max(1).default(0.25),
    spread: z.coerce.number().min(-100).max(100).optional(),
    total: z.coerce.number().gt(0).max(1000).optional(),
    ...priceFields,
  })
  .strict();

const markets = z
  .string()
  .default(PICK_MARKETS.join(','))
  .transform((s, ctx) => {
    const list = s.split(',').map((m) => m.trim()).filter(Boolean);
    const bad = list.filter((m) => !(PICK_MARKETS as readonly string[]).includes(m));
    if (bad.length || list.length === 0) {
      ctx.addIssue({ code: 'custom', message: `markets must be a comma-separated list of ${PICK_MARKETS.join(', ')}; got "${s}"` });
      return z.NEVER;
    }
    return list as (typeof PICK_MARKETS)[number][];
  });

export const picksQuery = z
  .object({
    date: isoDate.optional(),
    sport: sport.optional(),
    min_edge: z.coerce.number().min(-1).max(1).default(0),
    min_confidence: z.coerce.number().min(0).max(1).default(0),
    markets,
    kelly: z.coerce.number().gt(0).max(1).default(0.25),
  })
  .strict();

export const sportQuery = z.object({ sport: sport.optional() }).strict();
export const teamsQuery = sportQuery;
export const backtestsQuery = z.object({ sport: sport.optional(), limit: limit(100, 20) }).strict();
export const backtestChartsQuery = z.object({ sport, season: z.coerce.number().int().min(1870).max(2100).optional() }).strict();
export const runsQuery = z.object({ command: z.string().max(80).optional(), status: z.string().max(40).optional(), limit: limit(500, 50) }).strict();
export const jobRunsQuery = z.object({ job: z.string().max(80).optional(), limit: limit(500, 50) }).strict();
export const emptyQuery = z.object({}).strict();

export const warmBody = z.object({ date: isoDate }).strict();
export const retrainBody = z.object({ sport }).strict();
export const importBody = z.object({ format: z.string().min(1).max(80), paths: z.array(z.string().min(1).max(4096)).min(1).max(1000), season: z.number().int().optional() }).strict();
export const gateBody = z.object({ gate: z.enum(GATE_NAMES as unknown as [string, ...string[]]), sport: sport.optional() }).strict();
