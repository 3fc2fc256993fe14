/**
 * @module quality/scores
 * Quality scores of staged rows, and of the runs and tables that hold them.
 *
 * A staged row gets three components, each a share in 0..1:
 * - completeness C: the weighted share of the fields a user needs that are present (a field that
 *   does not apply to the row, such as the scores of a scheduled game, is not counted);
 * - validity V: the share of the value rules that hold, over the rules whose inputs are present
 *   (a missing value is a completeness problem, not counted twice);
 * - consistency K: the share of the cross-field rules that hold (a final game has both scores, a
 *   total quote has a line, strikeouts do not exceed batters faced, …).
 * A component with no applicable field or rule is 1 (nothing is missing or broken).
 *
 *   score = C × V × K
 *
 * The product spans 0..1: 1 exactly when nothing is missing and every rule holds; 0 when everything
 * the row should carry is missing or every rule it is held to breaks. A run's or table's score is the
 * mean of its rows' scores (and of each component), with the worst row and how many rows fall under
 * the row threshold. The specs are SQL (one expression per field and rule), so scores are computed
 * by the engine over millions of quotes; {@link scoreRow} is the same formula over given outcomes.
 */
import { GAME_STATUSES_SQL } from '../domain/sports.js';
import type { Database, SqlValue } from '../store/database.js';
import { QUALITY_THRESHOLDS } from './thresholds.js';
import { qualityConfig } from './config.js';

/** A field the row should carry: `present` is true when it does; `applies` limits it to some rows. */
export interface FieldSpec {
  readonly name: string;
  readonly present: string;
  readonly applies?: string;
  /** Weight in completeness (default 1): a start time matters less than a final score. */
  readonly weight?: number;
}

/** A rule: `holds` is a SQL condition; `applies` (default true) when its inputs are present. */
export interface RuleSpec {
  readonly name: string;
  readonly holds: string;
  readonly applies?: string;
}

export interface TableScoreSpec {
  /** The staged table, schema-qualified. */
  readonly table: string;
  /** Columns that identify a row in listings. */
  readonly key: readonly string[];
  /** SQL for the row's sport (a column, or null when the table has none). */
  readonly sport: string | null;
  readonly completeness: readonly FieldSpec[];
  readonly validity: readonly RuleSpec[];
  readonly consistency: readonly RuleSpec[];
}

const scoreRange = Object.entries(QUALITY_THRESHOLDS.scoreRange);
const highestScore = (column: string) => `${column} <= CASE sport ${scoreRange.map(([s, [, hi]]) => `WHEN '${s}' THEN ${hi}`).join(' ')} ELSE 1000 END`;
const lowestScore = (column: string) => `${column} >= CASE sport ${scoreRange.map(([s, [lo]]) => `WHEN '${s}' THEN ${lo}`).join(' ')} ELSE 0 END`;
const { min: priceMin, max: priceMax } = QUALITY_THRESHOLDS.price;

/** The score specs of every staged table, in one place. */
export const SCORE_SPECS: readonly TableScoreSpec[] = [
  {
    table: 'staging.games',
    key: ['source_format', 'source_key'],
    sport: 'sport',
    completeness: [
      // The identifying fields count too: a scheduled game with teams and date is mostly complete.
      { name: 'game_date', present: 'game_date IS NOT NULL' },
      { name: 'home_team_id', present: 'home_team_id IS NOT NULL' },
      { name: 'away_team_id', present: 'away_team_id IS NOT NULL' },
      { name: 'home_score', present: 'home_score IS NOT NULL', applies: "status = 'final'" },
      { name: 'away_score', present: 'away_score IS NOT NULL', applies: "status = 'final'" },
      // Without a start time the as-of discipline falls back to the date: a small gap, weighted so.
      { name: 'start_at', present: 'start_at IS NOT NULL', weight: 0.25 },
    ],
    validity: [
      { name: 'status_accepted', holds: `status IN (${GAME_STATUSES_SQL})` },
      { name: 'season_type_accepted', holds: "season_type IN ('preseason', 'regular', 'postseason')" },
      { name: 'season_plausible', holds: 'season BETWEEN 1871 AND 2100' },
      { name: 'game_number_plausible', holds: 'game_number BETWEEN 1 AND 3' },
      { name: 'home_score_plausible', holds: `${lowestScore('home_score')} AND ${highestScore('home_score')}`, applies: 'home_score IS NOT NULL' },
      { name: 'away_score_plausible', holds: `${lowestScore('away_score')} AND ${highestScore('away_score')}`, applies: 'away_score IS NOT NULL' },
    ],
    consistency: [
      { name: 'distinct_teams', holds: 'home_team_id <> away_team_id' },
      { name: 'scores_match_status', holds: "(status = 'final') = (home_score IS NOT NULL AND away_score IS NOT NULL)" },
      { name: 'date_in_season', holds: 'EXTRACT(YEAR FROM game_date) BETWEEN season - 1 AND season + 1' },
      // The UTC start lies within a day of the local date (time zones reach ±14 h).
      { name: 'start_matches_date', holds: "start_at >= CAST(game_date AS TIMESTAMP) - INTERVAL '1 day' AND start_at < CAST(game_date AS TIMESTAMP) + INTERVAL '2 days'", applies: 'start_at IS NOT NULL' },
    ],
  },
  {
    table: 'staging.quotes',
    key: ['source_format', 'source_key', 'quote_seq'],
    sport: null,
    completeness: [
      { name: 'price_decimal', present: 'price_decimal IS NOT NULL' },
      { name: 'line', present: 'line IS NOT NULL', applies: "market IN ('spread', 'total')" },
    ],
    validity: [
      { name: 'market_accepted', holds: "market IN ('moneyline', 'spread', 'total')" },
      { name: 'price_in_bounds', holds: `price_decimal > ${priceMin} AND price_decimal <= ${priceMax}`, applies: 'price_decimal IS NOT NULL' },
      { name: 'spread_plausible', holds: 'ABS(line) <= 60', applies: "market = 'spread' AND line IS NOT NULL" },
      { name: 'total_plausible', holds: 'line > 0 AND line <= 400', applies: "market = 'total' AND line IS NOT NULL" },
    ],
    consistency: [
      {
        name: 'side_fits_market',
        holds: "(market = 'moneyline' AND side IN ('home', 'away', 'draw')) OR (market = 'spread' AND side IN ('home', 'away')) OR (market = 'total' AND side IN ('over', 'under'))",
      },
      { name: 'moneyline_has_no_line', holds: 'line IS NULL', applies: "market = 'moneyline'" },
    ],
  },
  {
    table: 'staging.player_game_logs',
    key: ['source_format', 'source_key'],
    sport: 'sport',
    completeness: [
      { name: 'player_ref', present: 'player_ref IS NOT NULL' },
      { name: 'player_name', present: 'player_name IS NOT NULL' },
      { name: 'started', present: 'started IS NOT NULL' },
      { name: 'outs', present: 'outs IS NOT NULL' },
      { name: 'batters_faced', present: 'batters_faced IS NOT NULL' },
      { name: 'strikeouts', present: 'strikeouts IS NOT NULL' },
      { name: 'walks', present: 'walks IS NOT NULL' },
      { name: 'hits', present: 'hits IS NOT NULL' },
      { name: 'runs', present: 'runs IS NOT NULL' },
      { name: 'pitches', present: 'pitches IS NOT NULL', weight: 0.5 },
    ],
    validity: [
      { name: 'outs_plausible', holds: 'outs BETWEEN 0 AND 60', applies: 'outs IS NOT NULL' },
      { name: 'batters_faced_plausible', holds: 'batters_faced BETWEEN 0 AND 80', applies: 'batters_faced IS NOT NULL' },
      { name: 'strikeouts_plausible', holds: 'strikeouts BETWEEN 0 AND 30', applies: 'strikeouts IS NOT NULL' },
      { name: 'pitches_plausible', holds: 'pitches BETWEEN 0 AND 200', applies: 'pitches IS NOT NULL' },
    ],
    consistency: [
      { name: 'distinct_teams', holds: 'team_id <> opponent_team_id' },
      { name: 'strikeouts_within_batters', holds: 'strikeouts <= batters_faced', applies: 'strikeouts IS NOT NULL AND batters_faced IS NOT NULL' },
      { name: 'on_base_within_batters', holds: 'hits + walks <= batters_faced', applies: 'hits IS NOT NULL AND walks IS NOT NULL AND batters_faced IS NOT NULL' },
      { name: 'earned_within_runs', holds: 'earned_runs <= runs', applies: 'earned_runs IS NOT NULL AND runs IS NOT NULL' },
      { name: 'home_runs_within_hits', holds: 'home_runs <= hits', applies: 'home_runs IS NOT NULL AND hits IS NOT NULL' },
    ],
  },
  {
    table: 'staging.betting_splits',
    key: ['source_format', 'source_key', 'split_seq'],
    sport: 'sport',
    completeness: [
      { name: 'bets_share', present: 'bets_share IS NOT NULL' },
      { name: 'money_share', present: 'money_share IS NOT NULL' },
      { name: 'price_decimal', present: 'price_decimal IS NOT NULL', weight: 0.5 },
      { name: 'line', present: 'line IS NOT NULL', applies: "market IN ('spread', 'total')" },
    ],
    validity: [
      { name: 'bets_share_in_range', holds: 'bets_share BETWEEN 0 AND 1', applies: 'bets_share IS NOT NULL' },
      { name: 'money_share_in_range', holds: 'money_share BETWEEN 0 AND 1', applies: 'money_share IS NOT NULL' },
      { name: 'price_in_bounds', holds: `price_decimal > ${priceMin} AND price_decimal <= ${priceMax}`, applies: 'price_decimal IS NOT NULL' },
    ],
    consistency: [
      { name: 'distinct_teams', holds: 'home_team_id <> away_team_id' },
      { name: 'side_fits_market', holds: "(market IN ('moneyline', 'spread') AND side IN ('home', 'away', 'draw')) OR (market = 'total' AND side IN ('over', 'under'))" },
      { name: 'team_only_for_sides', holds: '(team_id IS NULL) = (market = \'total\')' },
    ],
  },
];

export function scoreSpec(table: string): TableScoreSpec | undefined {
  return SCORE_SPECS.find((s) => s.table === table);
}

const num = (sql: string) => `CAST(${sql} AS DOUBLE PRECISION)`;

/** SQL for a component: the (weighted) share of applicable items that hold; 1 when none applies. */
function shareSql(items: readonly { applies?: string; holds: string; weight?: number }[]): string {
  if (items.length === 0) return '1.0';
  const applies = (i: { applies?: string }) => i.applies ?? 'TRUE';
  const passed = items.map((i) => `CASE WHEN (${applies(i)}) AND (${i.holds}) THEN ${i.weight ?? 1} ELSE 0 END`).join(' + ');
  const total = items.map((i) => `CASE WHEN (${applies(i)}) THEN ${i.weight ?? 1} ELSE 0 END`).join(' + ');
  return `COALESCE(${num(passed)} / NULLIF(${num(total)}, 0), 1.0)`;
}

/** SQL listing the names of the items that apply and fail, space-separated. */
function failedSql(items: readonly { name: string; applies?: string; holds: string }[], prefix: string): string {
  if (items.length === 0) return "''";
  return `CONCAT(${items.map((i) => `CASE WHEN (${i.applies ?? 'TRUE'}) AND (${i.holds}) THEN '' WHEN (${i.applies ?? 'TRUE'}) THEN '${prefix}${i.name} ' ELSE '' END`).join(', ')})`;
}

/** A SELECT over `spec.table` giving each row's key, sport, run, components, score and failures. */
export function rowScoresSql(spec: TableScoreSpec, where = ''): string {
  const fields = spec.completeness.map((f) => ({ name: f.name, applies: f.applies, holds: f.present, weight: f.weight }));
  const c = shareSql(fields);
  const v = shareSql(spec.validity);
  const k = shareSql(spec.consistency);
  return `SELECT ${spec.key.map((col) => `CAST(${col} AS VARCHAR) AS ${col}`).join(', ')}, ${spec.sport ?? 'CAST(NULL AS VARCHAR)'} AS sport, run_id,
                 completeness, validity, consistency, completeness * validity * consistency AS score, failed
          FROM (SELECT *, ${c} AS completeness, ${v} AS validity, ${k} AS consistency,
                       TRIM(CONCAT(${failedSql(fields, 'missing:')}, ${failedSql(spec.validity, 'invalid:')}, ${failedSql(spec.consistency, 'inconsistent:')})) AS failed
                FROM ${spec.table} ${where}) scored`;
}

/** The score of one row from its component outcomes (the same formula the SQL computes). */
export function scoreRow(parts: { completeness: readonly { applies: boolean; present: boolean; weight?: number }[]; validity: readonly { applies: boolean; holds: boolean }[]; consistency: readonly { applies: boolean; holds: boolean }[] }): { completeness: number; validity: number; consistency: number; score: number } {
  const share = (items: readonly { applies: boolean; ok: boolean; weight?: number }[]) => {
    const applicable = items.filter((i) => i.applies);
    const total = applicable.reduce((n, i) => n + (i.weight ?? 1), 0);
    return total === 0 ? 1 : applicable.filter((i) => i.ok).reduce((n, i) => n + (i.weight ?? 1), 0) / total;
  };
  const completeness = share(parts.completeness.map((f) => ({ applies: f.applies, ok: f.present, weight: f.weight })));
  const validity = share(parts.validity.map((r) => ({ applies: r.applies, ok: r.holds })));
  const consistency = share(parts.consistency.map((r) => ({ applies: r.applies, ok: r.holds })));
  return { completeness, validity, consistency, score: completeness * validity * consistency };
}

/** A run's or table's summary of its rows' scores. */
export interface ScoreSummary {
  scope: 'run' | 'table';
  table: string;
  run_id: number | null;
  rows: number;
  completeness: number | null;
  validity: number | null;
  consistency: number | null;
  score: number | null;
  min_score: number | null;
  rows_below: number;
  row_threshold: number;
}

type SummaryRow = { run_id: number | null; n: number; c: number | null; v: number | null; k: number | null; s: number | null; lo: number | null; below: number | null };

/** Per run (and, unless `runId` is given, per table): the mean components and score of staged rows. */
export async function measureScores(db: Database, options: { runId?: number; tables?: readonly string[] } = {}): Promise<ScoreSummary[]> {
  const threshold = qualityConfig().scores.rowThreshold;
  const out: ScoreSummary[] = [];
  for (const spec of SCORE_SPECS.filter((s) => !options.tables || options.tables.includes(s.table))) {
    const params: SqlValue[] = options.runId === undefined ? [] : [options.runId];
    const rows = await db.query<SummaryRow>(
      `SELECT run_id, COUNT(*) AS n, AVG(completeness) AS c, AVG(validity) AS v, AVG(consistency) AS k, AVG(score) AS s, MIN(score) AS lo,
              SUM(CASE WHEN score < ${threshold} THEN 1 ELSE 0 END) AS below
       FROM (${rowScoresSql(spec, options.runId === undefined ? '' : 'WHERE run_id = $1')}) r GROUP BY run_id ORDER BY run_id`,
      params,
    );
    const summary = (scope: 'run' | 'table', runId: number | null, r: SummaryRow): ScoreSummary => ({
      scope,
      table: spec.table,
      run_id: runId,
      rows: Number(r.n),
      completeness: nullable(r.c),
      validity: nullable(r.v),
      consistency: nullable(r.k),
      score: nullable(r.s),
      min_score: nullable(r.lo),
      rows_below: Number(r.below ?? 0),
      row_threshold: threshold,
    });
    for (const r of rows) out.push(summary('run', Number(r.run_id), r));
    if (options.runId === undefined) out.push(summary('table', null, tableOf(rows)));
  }
  return out;
}

/** The table's summary from its runs' (row-weighted means). */
function tableOf(runs: readonly SummaryRow[]): SummaryRow {
  const n = runs.reduce((t, r) => t + Number(r.n), 0);
  const mean = (pick: (r: SummaryRow) => number | null) => (n === 0 ? null : runs.reduce((t, r) => t + Number(pick(r) ?? 0) * Number(r.n), 0) / n);
  const lows = runs.map((r) => r.lo).filter((x): x is number => x !== null).map(Number);
  return { run_id: null, n, c: mean((r) => r.c), v: mean((r) => r.v), k: mean((r) => r.k), s: mean((r) => r.s), lo: lows.length ? Math.min(...lows) : null, below: runs.reduce((t, r) => t + Number(r.below ?? 0), 0) };
}

function nullable(x: number | null): number | null {
  return x === null || x === undefined ? null : Number(x);
}

/** Stores `summaries` in `ops.quality_scores` (history: every measurement is a new row). */
export async function recordScores(db: Database, summaries: readonly ScoreSummary[], measuredAt = new Date()): Promise<void> {
  if (summaries.length === 0) return;
  await db.transaction(async (tx) => {
    for (const s of summaries) {
      await tx.execute(
        `INSERT INTO ops.quality_scores (quality_score_id, measured_at, scope, table_name, run_id, row_count, completeness, validity, consistency, score, min_score, rows_below, row_threshold)
         VALUES (nextval('ops.quality_score_id_seq'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [measuredAt.toISOString(), s.scope, s.table, s.run_id, s.rows, s.completeness, s.validity, s.consistency, s.score, s.min_score, s.rows_below, s.row_threshold],
      );
    }
  });
}

/** The worst-scoring staged rows of `table`, with what each misses or breaks. */
export async function worstRows(db: Database, table: string, options: { limit?: number; runId?: number } = {}): Promise<Record<string, unknown>[]> {
  const spec = scoreSpec(table);
  if (!spec) throw new Error(`no score spec for ${table}`);
  const params: SqlValue[] = options.runId === undefined ? [] : [options.runId];
  return db.query(
    `SELECT * FROM (${rowScoresSql(spec, options.runId === undefined ? '' : 'WHERE run_id = $1')}) r WHERE score < 1
     ORDER BY score, ${spec.key.join(', ')} LIMIT ${Math.max(1, Math.floor(options.limit ?? 10))}`,
    params,
  );
}
