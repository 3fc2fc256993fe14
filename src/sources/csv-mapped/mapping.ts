/**
 * @module sources/csv-mapped/mapping
 * The mapping file for `import csv --map mapping.json`: which column holds what, validated with Zod
 * so a mistake is reported by its JSON path before any row is read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SharplineError } from '../../errors.js';
import { SPORTS } from '../../domain/sports.js';

/** Date layouts a mapping may name. Two-digit years mean 1970–2069. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'MM/DD/YYYY', 'M/D/YY', 'DD/MM/YYYY', 'DD/MM/YY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const column = z.string().min(1, 'a column name');

const quoteSchema = z
  .object({
    book: z.string().min(1).regex(/^[a-z0-9-]+$/, 'lowercase-kebab, e.g. "pinnacle"'),
    market: z.enum(['moneyline', 'spread', 'total']),
    side: z.enum(['home', 'away', 'draw', 'over', 'under']),
    price: column.optional(),
    price_format: z.enum(['american', 'decimal']).default('american'),
    line: column.optional(),
    /** Multiply the line by −1 (e.g. a spread column written from the other side's view). */
    negate_line: z.boolean().default(false),
    kind: z.enum(['opening', 'closing', 'other']).default('closing'),
  })
  .strict()
  .refine((q) => q.price || q.line, { message: 'a quote needs a price column, a line column, or both' })
  .refine((q) => q.market === 'moneyline' || q.line, { message: 'spread and total quotes need a line column' });

export const mappingSchema = z
  .object({
    version: z.literal(1).default(1),
    sport: z.enum(SPORTS as [string, ...string[]]),
    league: z.string().min(1),
    date: z.object({ column, format: z.enum(DATE_FORMATS) }).strict(),
    time: z.object({ column, time_zone: z.string().min(1) }).strict().optional(),
    season: z
      .object({ column: column.optional(), start_month: z.number().int().min(1).max(12).default(1) })
      .strict()
      .default({ start_month: 1 }),
    home_team: column,
    away_team: column,
    home_score: column.optional(),
    away_score: column.optional(),
    neutral: column.optional(),
    game_id: column.optional(),
    season_type: z.object({ column, values: z.record(z.string(), z.enum(['preseason', 'regular', 'postseason'])) }).strict().optional(),
    quotes: z.array(quoteSchema).default([]),
  })
  .strict()
  .refine((m) => !m.home_score === !m.away_score, { message: 'home_score and away_score go together' });

export type CsvMapping = z.infer<typeof mappingSchema>;

/** Parses and validates mapping JSON text; errors name the JSON path at fault. */
export function parseMapping(text: string, source = 'mapping'): CsvMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SharplineError('SL_SOURCE_MAPPING', `${source}: not valid JSON: ${(error as Error).message}`);
  }
  const result = mappingSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new SharplineError('SL_SOURCE_MAPPING', `${source}: invalid mapping: ${issues}`);
  }
  return result.data;
}

/** Reads and validates a mapping file. */
export function readMappingFile(path: string): CsvMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SharplineError('SL_SOURCE_MAPPING', `${path}: cannot read the mapping file`);
  }
  return parseMapping(text, path);
}

/** The ISO date for `text` in `format`, or null when it is not a real date in that layout. */
export function parseDate(text: string, format: DateFormat): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      if (!(match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) return null;
      [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
      break;
    case 'YYYYMMDD':
      if (!(match = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) return null;
      [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
      break;
    case 'MM/DD/YYYY':
    case 'M/D/YY':
      if (!(match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t))) return null;
      [m, d, y] = [+match[1]!, +match[2]!, expandYear(match[3]!)];
      break;
    case 'DD/MM/YYYY':
    case 'DD/MM/YY':
      if (!(match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t))) return null;
      [d, m, y] = [+match[1]!, +match[2]!, expandYear(match[3]!)];
      break;
  }
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : null;
}

function expandYear(text: string): number {
  const n = Number(text);
  return text.length === 4 ? n : n < 70 ? 2000 + n : 1900 + n;
}
