/**
 * @module quality/checks
 * Data-quality checks defined as data, in ONE registry (`CHECKS`). A check is a SQL query, in the
 * subset DuckDB and PostgreSQL share, that returns the rows that break a rule: empty means the rule
 * holds. Its first columns identify the offending row (ids, keys), so a failure can be named.
 *
 * A check whose output has a `sport` column can be narrowed to one sport: the runner filters the
 * query's rows on it (`--sport`). Rows with no sport of their own (a game source whose game is
 * gone) have `sport` NULL and are reported only when no sport is asked for.
 *
 * Thresholds (plausible scores per sport, price bounds, booksum band, coverage share) live in
 * `QUALITY_THRESHOLDS` below, next to the checks that use them.
 */
import { GAME_STATUSES, GAME_STATUSES_SQL } from '../domain/sports.js';
import type { Database, Row, SqlValue } from '../store/database.js';
import { qualityConfig } from './config.js';
import { QUALITY_THRESHOLDS } from './thresholds.js';
import { collectionGapRows, staleSourceRows } from './freshness.js';
import { madeUpDataRows } from './made-up-check.js';
import { measureScores, rowScoresSql, SCORE_SPECS, type ScoreSummary } from './scores.js';

export type CheckSeverity = 'error' | 'warn';
export type CheckCategory = 'not_null' | 'unique' | 'accepted_values' | 'range' | 'referential' | 'completeness' | 'agreement' | 'duplicates' | 'made_up' | 'freshness' | 'quality_score';

export interface QualityCheck {
  readonly name: string;
  readonly description: string;
  /** The default severity; a gate may assign another (see `quality/gates.ts`). */
  readonly severity: CheckSeverity;
  readonly category: CheckCategory;
  /** Returns the offending rows; identifying columns first; a `sport` column when `bySport`. */
  readonly sql: string;
  /**
   * For a check that is code, not SQL (the made-up-data detector): returns the offending rows
   * itself, filtered by sport. When present, `sql` is documentation only.
   */
  readonly evaluate?: (db: Database, options: CheckOptions) => Promise<Row[] | EvaluatedRows>;
  /** The output has a `sport` column the `--sport` filter applies to. */
  readonly bySport: boolean;
}

/** What a check runs with: the sport filter, and what the checks of one gate run share. */
export interface CheckOptions {
  readonly sport?: string;
  /** Work shared by the checks of one gate run (the staged tables' scores are computed once). */
  readonly shared?: GateRunShared;
}

/** Computed once per gate run, on first use. */
export class GateRunShared {
  private tableScoresPromise: Promise<ScoreSummary[]> | undefined;
  constructor(private readonly db: Database) {}
  /** Every staged table's score summary (scope table), over every sport. */
  tableScores(): Promise<ScoreSummary[]> {
    this.tableScoresPromise ??= measureScores(this.db).then((all) => all.filter((s) => s.scope === 'table'));
    return this.tableScoresPromise;
  }
}

/** What a code check returns when its offending rows are too many to hand over: the count and the first few. */
export interface EvaluatedRows {
  readonly count: number;
  readonly rows: readonly Row[];
}

export { QUALITY_THRESHOLDS } from './thresholds.js';

const T = QUALITY_THRESHOLDS;

function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

const SCORE_RANGES_CTE = `score_ranges (sport, lo, hi) AS (VALUES ${Object.entries(T.scoreRange)
  .map(([sport, [lo, hi]]) => `('${sport}', ${lo}, ${hi})`)
  .join(', ')})`;

/** The registry: every check sharpline knows. Names are stable (gates and history refer to them). */
export const CHECKS: readonly QualityCheck[] = [
  {
    name: 'games_keys_not_null',
    description: 'Every curated game has its key columns, not null and not blank: game_key, sport, league, season, date, both teams, status.',
    severity: 'error',
    category: 'not_null',
    bySport: true,
    // The schema forbids NULL in these columns; a blank string passes that constraint and is caught here.
    sql: `SELECT game_id, game_key, sport, CAST(game_date AS VARCHAR) AS game_date, home_team_id, away_team_id
          FROM curated.games
          WHERE game_key IS NULL OR sport IS NULL OR league IS NULL OR season IS NULL OR game_date IS NULL
             OR home_team_id IS NULL OR away_team_id IS NULL OR status IS NULL
             OR TRIM(game_key) = '' OR TRIM(sport) = '' OR TRIM(league) = '' OR TRIM(home_team_id) = '' OR TRIM(away_team_id) = ''`,
  },
  {
    name: 'games_game_key_unique',
    description: 'No two curated games share a game_key (sport:date:home:away:number).',
    severity: 'error',
    category: 'unique',
    bySport: true,
    sql: `SELECT game_key, MIN(sport) AS sport, COUNT(*) AS games, MIN(game_id) AS first_game_id, MAX(game_id) AS last_game_id
          FROM curated.games GROUP BY game_key HAVING COUNT(*) > 1`,
  },
  {
    name: 'games_status_accepted',
    description: `A game's status is one of ${GAME_STATUSES.join(', ')}.`,
    severity: 'error',
    category: 'accepted_values',
    bySport: true,
    sql: `SELECT game_id, game_key, sport, status FROM curated.games
          WHERE status IS NULL OR status NOT IN (${GAME_STATUSES_SQL})`,
  },
  {
    name: 'games_final_have_scores',
    description: 'Every final game has both scores.',
    severity: 'error',
    category: 'completeness',
    bySport: true,
    sql: `SELECT game_id, game_key, sport, home_score, away_score FROM curated.games
          WHERE status = 'final' AND (home_score IS NULL OR away_score IS NULL)`,
  },
  {
    name: 'games_scores_plausible',
    description: `Scores are ≥ 0 and within the plausible range per side for the sport (${Object.entries(T.scoreRange)
      .map(([s, [lo, hi]]) => `${s} ${lo}–${hi}`)
      .join(', ')}); the lower bound applies to final games.`,
    severity: 'error',
    category: 'range',
    bySport: true,
    sql: `WITH ${SCORE_RANGES_CTE}
          SELECT g.game_id, g.game_key, g.sport, g.home_score, g.away_score
          FROM curated.games g LEFT JOIN score_ranges r ON r.sport = g.sport
          WHERE g.home_score < 0 OR g.away_score < 0
             OR g.home_score > r.hi OR g.away_score > r.hi
             OR (g.status = 'final' AND (g.home_score < r.lo OR g.away_score < r.lo))`,
  },
  {
    name: 'quotes_price_in_bounds',
    description: `A quote's decimal price is > ${T.price.min} and < ${T.price.max}.`,
    severity: 'error',
    category: 'range',
    bySport: true,
    sql: `SELECT q.game_id, q.source_format, q.book, q.market, q.side, q.price_text, q.price_decimal, g.sport
          FROM curated.quotes q LEFT JOIN curated.games g ON g.game_id = q.game_id
          WHERE q.price_decimal IS NOT NULL AND (q.price_decimal <= ${T.price.min} OR q.price_decimal >= ${T.price.max})`,
  },
  {
    name: 'closing_moneyline_booksum',
    description: `A complete closing moneyline market (home and away, plus draw in ${T.threeWaySports.join(', ')}) at one book has implied probabilities summing to between ${T.booksum.min} and ${T.booksum.max}.`,
    severity: 'error',
    category: 'range',
    bySport: true,
    sql: `SELECT c.game_id, c.book, g.sport, COUNT(*) AS sides, SUM(1.0 / c.price_decimal) AS booksum
          FROM curated.closing_lines c JOIN curated.games g ON g.game_id = c.game_id
          WHERE c.market = 'moneyline' AND c.price_decimal > 0
          GROUP BY c.game_id, c.book, g.sport
          HAVING COUNT(*) = CASE WHEN g.sport IN (${sqlList(T.threeWaySports)}) THEN 3 ELSE 2 END
             AND (SUM(1.0 / c.price_decimal) < ${T.booksum.min} OR SUM(1.0 / c.price_decimal) > ${T.booksum.max})`,
  },
  {
    name: 'game_sources_game_exists',
    description: 'Every curated game source row points to a curated game.',
    severity: 'error',
    category: 'referential',
    bySport: true,
    sql: `SELECT gs.source_format, gs.source_key, gs.game_id, CAST(NULL AS VARCHAR) AS sport
          FROM curated.game_sources gs
          WHERE NOT EXISTS (SELECT 1 FROM curated.games g WHERE g.game_id = gs.game_id)`,
  },
  {
    name: 'quotes_game_exists',
    description: 'Every curated quote belongs to a curated game.',
    severity: 'error',
    category: 'referential',
    bySport: true,
    sql: `SELECT q.source_format, q.source_key, q.quote_seq, q.game_id, q.book, q.market, q.side, CAST(NULL AS VARCHAR) AS sport
          FROM curated.quotes q
          WHERE NOT EXISTS (SELECT 1 FROM curated.games g WHERE g.game_id = q.game_id)`,
  },
  {
    name: 'betting_splits_game_exists',
    description: 'Every curated betting split belongs to a curated game.',
    severity: 'error',
    category: 'referential',
    bySport: true,
    sql: `SELECT s.source_format, s.split_key, s.game_id, CAST(NULL AS VARCHAR) AS sport
          FROM curated.betting_splits s
          WHERE NOT EXISTS (SELECT 1 FROM curated.games g WHERE g.game_id = s.game_id)`,
  },
  {
    name: 'player_logs_game_exists',
    description: 'Every curated player game log that names a game names one that exists.',
    severity: 'error',
    category: 'referential',
    bySport: true,
    sql: `SELECT p.source_format, p.source_key, p.game_id, p.player_ref, p.sport, CAST(p.game_date AS VARCHAR) AS game_date
          FROM curated.player_game_logs p
          WHERE p.game_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM curated.games g WHERE g.game_id = p.game_id)`,
  },
  {
    name: 'player_logs_matched',
    description: 'Every curated player game log is matched to a curated game (date, teams, number).',
    severity: 'warn',
    category: 'completeness',
    bySport: true,
    sql: `SELECT p.source_format, p.source_key, p.player_ref, p.sport, CAST(p.game_date AS VARCHAR) AS game_date, p.team_id, p.opponent_team_id
          FROM curated.player_game_logs p WHERE p.game_id IS NULL`,
  },
  {
    name: 'games_teams_exist',
    description: "Both of a game's teams exist in curated.teams.",
    severity: 'error',
    category: 'referential',
    bySport: true,
    sql: `SELECT g.game_id, g.game_key, g.sport,
                 CASE WHEN h.team_id IS NULL THEN g.home_team_id END AS missing_home_team,
                 CASE WHEN a.team_id IS NULL THEN g.away_team_id END AS missing_away_team
          FROM curated.games g
          LEFT JOIN curated.teams h ON h.team_id = g.home_team_id
          LEFT JOIN curated.teams a ON a.team_id = g.away_team_id
          WHERE h.team_id IS NULL OR a.team_id IS NULL`,
  },
  {
    name: 'game_sources_scores_agree',
    description: "Every source's score for a game equals the game's kept score (cross-source agreement: e.g. nflverse vs FiveThirtyEight).",
    severity: 'warn',
    category: 'agreement',
    bySport: true,
    sql: `SELECT g.game_id, g.game_key, gs.source_format, g.sport, g.home_score, g.away_score,
                 gs.home_score AS source_home_score, gs.away_score AS source_away_score
          FROM curated.game_sources gs JOIN curated.games g ON g.game_id = gs.game_id
          WHERE gs.home_score IS NOT NULL AND gs.away_score IS NOT NULL
            AND g.home_score IS NOT NULL AND g.away_score IS NOT NULL
            AND (gs.home_score <> g.home_score OR gs.away_score <> g.away_score)`,
  },
  {
    name: 'games_no_duplicates',
    description:
      'One real game is not stored under two ids: no two games share sport, date and the pair of teams (either way round). ' +
      `Exception: in doubleheader sports (${T.doubleheaderSports.join(', ')}) two games with different game numbers are a doubleheader, not a duplicate.`,
    severity: 'error',
    category: 'duplicates',
    bySport: true,
    sql: `SELECT a.game_id, b.game_id AS other_game_id, a.game_key, b.game_key AS other_game_key, a.sport
          FROM curated.games a
          JOIN curated.games b ON b.sport = a.sport AND b.game_date = a.game_date AND b.game_id > a.game_id
           AND ((b.home_team_id = a.home_team_id AND b.away_team_id = a.away_team_id)
             OR (b.home_team_id = a.away_team_id AND b.away_team_id = a.home_team_id))
          WHERE NOT (a.sport IN (${sqlList(T.doubleheaderSports)}) AND a.game_number <> b.game_number)`,
  },
  {
    name: 'closing_moneyline_coverage',
    description: `At least ${T.closingMoneylineCoverage * 100}% of final games per sport and season have a closing moneyline.`,
    severity: 'warn',
    category: 'completeness',
    bySport: true,
    // The closing lines are computed once (a CTE), not once per game.
    sql: `WITH priced AS (SELECT DISTINCT game_id FROM curated.closing_lines WHERE market = 'moneyline' AND price_decimal IS NOT NULL)
          SELECT g.sport, g.season, COUNT(*) AS final_games, COUNT(p.game_id) AS with_closing_moneyline
          FROM curated.games g LEFT JOIN priced p ON p.game_id = g.game_id
          WHERE g.status = 'final'
          GROUP BY g.sport, g.season
          HAVING COUNT(p.game_id)
                 < ${T.closingMoneylineCoverage} * COUNT(*)`,
  },
  {
    name: 'betting_splits_shares_in_range',
    description: 'Bets and money shares of a betting split lie between 0 and 1.',
    severity: 'error',
    category: 'range',
    bySport: true,
    sql: `SELECT s.source_format, s.split_key, s.game_id, g.sport, s.bets_share, s.money_share
          FROM curated.betting_splits s LEFT JOIN curated.games g ON g.game_id = s.game_id
          WHERE s.bets_share < 0 OR s.bets_share > 1 OR s.money_share < 0 OR s.money_share > 1`,
  },
  {
    name: 'no_made_up_data',
    description:
      'No sign of invented data (quality/made-up.ts): placeholder team names, constant prices, scores or split shares, sequential ' +
      'values, repeated rows, impossible distributions, or lineage marking rows as synthetic, fixtures or samples.',
    severity: 'error',
    category: 'made_up',
    sql: '-- evaluated in code: quality/made-up-check.ts',
    bySport: true,
    evaluate: madeUpDataRows,
  },
  {
    name: 'source_freshness',
    description: 'Every live source in the quality config delivered within its limit (hours) while one of its sports is in season.',
    severity: 'warn',
    category: 'freshness',
    sql: '-- evaluated in code: quality/freshness.ts',
    bySport: true,
    evaluate: staleSourceRows,
  },
  {
    name: 'collection_gaps',
    description: 'No live source stopped delivering for longer than its limit, over the look-back window, while games of its sports were played.',
    severity: 'warn',
    category: 'freshness',
    sql: '-- evaluated in code: quality/freshness.ts',
    bySport: true,
    evaluate: collectionGapRows,
  },
  {
    name: 'staged_row_quality',
    description: 'No staged row scores under the row threshold (quality/scores.ts: completeness × validity × consistency).',
    severity: 'warn',
    category: 'quality_score',
    sql: '-- evaluated in code: quality/scores.ts',
    bySport: true,
    evaluate: lowScoringRows,
  },
  {
    name: 'staged_table_quality',
    description: 'Every staged table has a mean row score of at least the table minimum (quality config).',
    severity: 'warn',
    category: 'quality_score',
    sql: '-- evaluated in code: quality/scores.ts',
    bySport: true,
    evaluate: lowScoringTables,
  },
];

/** Staged rows under the row threshold, worst first, across the staged tables. */
async function lowScoringRows(db: Database, options: CheckOptions): Promise<EvaluatedRows> {
  const threshold = qualityConfig().scores.rowThreshold;
  // Over every sport, the tables' summaries say where low rows are; only those tables are listed.
  const below = options.sport ? null : new Map((await sharedOf(db, options).tableScores()).map((t) => [t.table, t.rows_below]));
  let count = 0;
  const rows: Row[] = [];
  for (const spec of SCORE_SPECS) {
    if (options.sport && !spec.sport) continue;
    if (below && !below.get(spec.table)) continue;
    const where = options.sport ? `WHERE ${spec.sport} = $1` : '';
    const found = await db.query(
      `SELECT '${spec.table}' AS table_name, CONCAT(${spec.key.join(", '/', ")}) AS row_key, sport, run_id, score, failed, COUNT(*) OVER () AS n
       FROM (${rowScoresSql(spec, where)}) r WHERE score < ${threshold} ORDER BY score, 2 LIMIT 5`,
      options.sport ? [options.sport] : [],
    );
    if (found.length) count += Number(found[0]!.n);
    rows.push(...found.map(({ n: _n, ...rest }) => rest));
  }
  return { count, rows: rows.sort((a, b) => Number(a.score) - Number(b.score)) };
}

function sharedOf(db: Database, options: CheckOptions): GateRunShared {
  return options.shared ?? new GateRunShared(db);
}

/** Staged tables whose mean row score is under the table minimum. */
async function lowScoringTables(db: Database, options: CheckOptions): Promise<Row[]> {
  const min = qualityConfig().scores.tableMin;
  const round = (x: number | null) => (x === null ? null : Math.round(Number(x) * 10000) / 10000);
  const out: Row[] = [];
  const offending = (table: string, r: { rows: number; score: number | null; completeness: number | null; validity: number | null; consistency: number | null }) => {
    if (r.rows === 0 || r.score === null || r.score >= min) return;
    out.push({ table_name: table, sport: options.sport ?? null, rows: r.rows, score: round(r.score), completeness: round(r.completeness), validity: round(r.validity), consistency: round(r.consistency), table_min: min });
  };
  if (!options.sport) {
    for (const t of await sharedOf(db, options).tableScores()) offending(t.table, t);
    return out;
  }
  for (const spec of SCORE_SPECS) {
    if (!spec.sport) continue;
    const [r] = await db.query<{ n: number; score: number | null; c: number | null; v: number | null; k: number | null }>(
      `SELECT COUNT(*) AS n, AVG(score) AS score, AVG(completeness) AS c, AVG(validity) AS v, AVG(consistency) AS k FROM (${rowScoresSql(spec, `WHERE ${spec.sport} = $1`)}) r`,
      [options.sport],
    );
    if (r) offending(spec.table, { rows: Number(r.n), score: r.score === null ? null : Number(r.score), completeness: r.c, validity: r.v, consistency: r.k });
  }
  return out;
}

/** The check named `name`, or undefined. */
export function findCheck(name: string): QualityCheck | undefined {
  return CHECKS.find((c) => c.name === name);
}

/** What one check found. */
export interface CheckOutcome {
  name: string;
  category: CheckCategory;
  offending_count: number;
  /** Up to `EXAMPLE_ROWS` offending rows, ordered by their first columns. */
  examples: Record<string, string | number | boolean | null>[];
  duration_ms: number;
}

export const EXAMPLE_ROWS = 5;

/** Runs `check` (narrowed to `sport` when given) and returns how many rows break it, with examples. */
export async function runCheck(db: Database, check: QualityCheck, options: CheckOptions = {}): Promise<CheckOutcome> {
  const started = performance.now();
  if (check.evaluate) {
    const evaluated = await check.evaluate(db, options);
    const found = Array.isArray(evaluated) ? { count: evaluated.length, rows: evaluated } : (evaluated as EvaluatedRows);
    return {
      name: check.name,
      category: check.category,
      offending_count: found.count,
      examples: found.rows.slice(0, EXAMPLE_ROWS).map(exampleOf),
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    };
  }
  const params: SqlValue[] = [];
  let where = '';
  if (options.sport && check.bySport) {
    params.push(options.sport);
    where = 'WHERE q.sport = $1';
  }
  const rows = await db.query(
    `SELECT q.*, COUNT(*) OVER () AS quality_offending_count FROM (${check.sql}) q ${where} ORDER BY 1, 2 LIMIT ${EXAMPLE_ROWS}`,
    params,
  );
  const count = rows.length ? Number(rows[0]!.quality_offending_count) : 0;
  return {
    name: check.name,
    category: check.category,
    offending_count: count,
    examples: rows.map(exampleOf),
    duration_ms: Math.round((performance.now() - started) * 10) / 10,
  };
}

function exampleOf(row: Row): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'quality_offending_count') continue;
    if (value === null || value === undefined) out[key] = null;
    else if (typeof value === 'bigint') out[key] = Number(value);
    else if (value instanceof Date) out[key] = value.toISOString();
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') out[key] = value;
    else out[key] = String(value);
  }
  return out;
}
