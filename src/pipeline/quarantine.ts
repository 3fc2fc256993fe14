/**
 * @module pipeline/quarantine
 * `sharpline quarantine list | show | retry`: the rows in `ops.quarantine`, one row's payload and
 * reason, and a retry that re-stages quarantined raw records with today's importer and team
 * registry.
 *
 * A retry is a run of its own (`command = 'quarantine retry'`). Records that now stage are written
 * to staging under that run and curated like any import; their quarantine row and their
 * `quarantined` outcome in `staging.processed_records` are replaced by a `loaded` outcome of the
 * retry run. Records that still fail stay quarantined: their row keeps its original run, file and
 * line, takes the (possibly new) reason, and `retried_run_id` names the retry.
 * `pipeline rollback <retry run>` removes what the retry loaded; those raw records then have no
 * staging outcome, and the next `pipeline run` stages them again (quarantining them afresh if the
 * rules reject them by then).
 */
import { teamRegistry } from '../domain/teams/index.js';
import { SharplineError } from '../errors.js';
import type { Database, SqlValue } from '../store/database.js';
import type { CsvFile } from '../sources/csv-reader.js';
import { findFormatOrThrow } from '../sources/registry.js';
import type { FileContext, SourceRecord } from '../sources/types.js';
import { curateRun } from './curate.js';
import { finishRun, startRun, type RunCounts } from './runs.js';
import { contextKeyOf, stageFile, type FileBatch } from './stage-file.js';
import { writeStaging } from './write-batch.js';

export interface QuarantineFilter {
  readonly format?: string;
  readonly reason?: string;
}

export interface QuarantineListRow {
  source_format: string;
  content_hash: string;
  run_id: number;
  file: string;
  line: number;
  reason_code: string;
  field: string | null;
  reason: string;
  quarantined_at: string;
  retried_run_id: number | null;
}

/** The JSON shape of `quarantine list` (format version 1). */
export interface QuarantineList {
  version: 1;
  total: number;
  groups: { source_format: string; reason_code: string; rows: number }[];
  rows: QuarantineListRow[];
  /** Rows left out by `limit`. */
  left_off: number;
}

export interface QuarantineDetail extends QuarantineListRow {
  version: 1;
  payload: unknown;
  /** The raw record's file context (season, league, origin …), when its raw record exists. */
  context: unknown;
}

/** The JSON shape of `quarantine retry` (format version 1). */
export interface RetryReport {
  version: 1;
  run_id: number | null;
  dry_run: boolean;
  retried: number;
  now_loaded: number;
  still_quarantined: number;
  /** Still-quarantined rows by their reason now. */
  still_by_reason: { source_format: string; reason_code: string; rows: number }[];
  loaded_rows: { source_format: string; content_hash: string; file: string; line: number; was: string }[];
  curated: { games_created: number; game_sources_linked: number; forecasts_added: number; player_logs_added: number; splits_added: number };
}

function where(filter: QuarantineFilter, alias = 'q'): { sql: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (filter.format) {
    params.push(filter.format);
    clauses.push(`${alias}.source_format = $${params.length}`);
  }
  if (filter.reason) {
    params.push(filter.reason);
    clauses.push(`${alias}.reason_code = $${params.length}`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const ROW_COLUMNS = `q.source_format, q.content_hash, q.run_id, q.file_path, q.row_number, q.reason_code, q.field, q.reason,
  q.quarantined_at, q.retried_run_id`;

type DbRow = {
  source_format: string;
  content_hash: string;
  run_id: number;
  file_path: string;
  row_number: number;
  reason_code: string;
  field: string | null;
  reason: string;
  quarantined_at: Date | string;
  retried_run_id: number | null;
};

function toListRow(r: DbRow): QuarantineListRow {
  return {
    source_format: r.source_format,
    content_hash: r.content_hash,
    run_id: Number(r.run_id),
    file: r.file_path,
    line: Number(r.row_number),
    reason_code: r.reason_code,
    field: r.field,
    reason: r.reason,
    quarantined_at: new Date(r.quarantined_at).toISOString(),
    retried_run_id: r.retried_run_id === null ? null : Number(r.retried_run_id),
  };
}

/** Grouped counts (format × reason) and the rows, file and line order, at most `limit` (default 50). */
export async function listQuarantine(db: Database, filter: QuarantineFilter & { limit?: number } = {}): Promise<QuarantineList> {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 0) throw new SharplineError('SL_USAGE', `--limit must be a whole number ≥ 0, got "${filter.limit}"`);
  const w = where(filter);
  const groups = await db.query<{ source_format: string; reason_code: string; rows: number }>(
    `SELECT q.source_format, q.reason_code, COUNT(*) AS rows FROM ops.quarantine q ${w.sql}
     GROUP BY q.source_format, q.reason_code ORDER BY q.source_format, COUNT(*) DESC, q.reason_code`,
    w.params,
  );
  const rows = await db.query<DbRow>(
    `SELECT ${ROW_COLUMNS} FROM ops.quarantine q ${w.sql}
     ORDER BY q.source_format, q.file_path, q.row_number, q.content_hash LIMIT ${limit}`,
    w.params,
  );
  const total = groups.reduce((n, g) => n + Number(g.rows), 0);
  return {
    version: 1,
    total,
    groups: groups.map((g) => ({ ...g, rows: Number(g.rows) })),
    rows: rows.map(toListRow),
    left_off: total - rows.length,
  };
}

/** One quarantined row: its reason and payload. `hash` may be a unique prefix of the content hash. */
export async function showQuarantine(db: Database, format: string, hash: string): Promise<QuarantineDetail> {
  if (!/^[0-9a-f]{4,}$/i.test(hash)) throw new SharplineError('SL_USAGE', `"${hash}" is not a content hash (hex, at least 4 characters)`);
  const rows = await db.query<DbRow & { payload: string | null; context: string | null }>(
    `SELECT ${ROW_COLUMNS}, CAST(q.payload AS VARCHAR) AS payload, CAST(r.context AS VARCHAR) AS context
     FROM ops.quarantine q
     LEFT JOIN raw.records r ON r.source_format = q.source_format AND r.content_hash = q.content_hash
     WHERE q.source_format = $1 AND q.content_hash LIKE $2 ORDER BY q.content_hash LIMIT 2`,
    [format, `${hash.toLowerCase()}%`],
  );
  if (rows.length === 0) {
    throw new SharplineError('SL_USAGE', `no quarantined ${format} row has content hash ${hash} (see: sharpline quarantine list --format ${format})`);
  }
  if (rows.length > 1) throw new SharplineError('SL_USAGE', `content hash prefix ${hash} matches several ${format} rows; give more characters`);
  const row = rows[0]!;
  return {
    version: 1,
    ...toListRow(row),
    payload: row.payload ? JSON.parse(row.payload) : null,
    context: row.context ? JSON.parse(row.context) : null,
  };
}

type Candidate = {
  source_format: string;
  content_hash: string;
  file_path: string;
  row_number: number;
  reason_code: string;
  context: string | null;
};

interface RetryFileResult {
  format: string;
  batch: FileBatch;
  /** Retried hashes that were unreadable rows (they cannot stage; they stay as they are). */
  unreadable: string[];
  candidates: Map<string, Candidate>;
}

/**
 * Re-stages quarantined raw records (optionally one format and/or reason code). With `dryRun`, only
 * reports what would happen. Otherwise one new run writes the rows that now stage and curates them.
 */
export async function retryQuarantine(db: Database, options: QuarantineFilter & { dryRun?: boolean } = {}): Promise<RetryReport> {
  if (options.format) findFormatOrThrow(options.format);
  const w = where(options);
  const candidates = await db.query<Candidate>(
    `SELECT q.source_format, q.content_hash, r.file_path, r.row_number, q.reason_code, CAST(r.context AS VARCHAR) AS context
     FROM ops.quarantine q JOIN raw.records r ON r.source_format = q.source_format AND r.content_hash = q.content_hash
     ${w.sql} ORDER BY q.source_format, r.file_path, r.row_number`,
    w.params,
  );
  const report: RetryReport = {
    version: 1,
    run_id: null,
    dry_run: !!options.dryRun,
    retried: candidates.length,
    now_loaded: 0,
    still_quarantined: 0,
    still_by_reason: [],
    loaded_rows: [],
    curated: { games_created: 0, game_sources_linked: 0, forecasts_added: 0, player_logs_added: 0, splits_added: 0 },
  };
  if (candidates.length === 0) return report;

  // One group per (format, file, context): formats stage whole files (some pair adjacent rows).
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = JSON.stringify([c.source_format, c.file_path, c.context]);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const results: RetryFileResult[] = [];
  for (const group of groups.values()) results.push(await restageFile(db, group));

  const stillByReason = new Map<string, number>();
  for (const result of results) {
    const loaded = new Set(result.batch.loadedHashes);
    report.now_loaded += loaded.size;
    report.still_quarantined += result.batch.quarantine.length + result.unreadable.length;
    for (const q of result.batch.quarantine) bump(stillByReason, result.format, q.issue.code);
    for (const h of result.unreadable) bump(stillByReason, result.format, result.candidates.get(h)!.reason_code);
    for (const h of loaded) {
      const c = result.candidates.get(h)!;
      report.loaded_rows.push({ source_format: c.source_format, content_hash: h, file: c.file_path, line: Number(c.row_number), was: c.reason_code });
    }
  }
  report.still_by_reason = [...stillByReason.entries()]
    .map(([k, rows]) => {
      const [source_format, reason_code] = JSON.parse(k) as [string, string];
      return { source_format, reason_code, rows };
    })
    .sort((a, b) => a.source_format.localeCompare(b.source_format) || b.rows - a.rows);
  if (options.dryRun) return report;

  const runId = await startRun(db, 'quarantine retry', { sourceFormat: options.format, args: { format: options.format, reason: options.reason } });
  report.run_id = runId;
  const counts: RunCounts = { rowsIn: report.retried, loaded: report.now_loaded, quarantined: report.still_quarantined, duplicates: 0 };
  try {
    await db.transaction(async (tx) => {
      let staged = 0;
      const now = new Date().toISOString();
      for (const { format, batch, unreadable } of results) {
        // Now loadable: the quarantine verdict and its staging outcome give way to the retry run's.
        for (const chunk of chunks(batch.loadedHashes, 500)) {
          const list = chunk.map((_, i) => `$${i + 2}`).join(', ');
          await tx.execute(`DELETE FROM ops.quarantine WHERE source_format = $1 AND content_hash IN (${list})`, [format, ...chunk]);
          await tx.execute(`DELETE FROM staging.processed_records WHERE source_format = $1 AND content_hash IN (${list})`, [format, ...chunk]);
        }
        await writeStaging(tx, format, runId, { ...batch, quarantine: [] }, now);
        staged += batch.games.length + batch.quotes.length + batch.playerLogs.length + batch.forecasts.length + batch.splits.length + batch.periods.length;
        // Still failing: same row, today's reason, and which retry looked at it.
        for (const q of batch.quarantine) {
          await tx.execute(
            `UPDATE ops.quarantine SET reason_code = $3, field = $4, reason = $5, retried_run_id = $6
             WHERE source_format = $1 AND content_hash = $2`,
            [format, q.contentHash, q.issue.code, q.issue.field ?? null, q.issue.message, runId],
          );
        }
        for (const chunk of chunks(unreadable, 500)) {
          const list = chunk.map((_, i) => `$${i + 3}`).join(', ');
          await tx.execute(`UPDATE ops.quarantine SET retried_run_id = $2 WHERE source_format = $1 AND content_hash IN (${list})`, [format, runId, ...chunk]);
        }
      }
      if (staged > 0) {
        const result = await curateRun(tx, runId);
        report.curated = {
          games_created: result.gamesCreated,
          game_sources_linked: result.gameSourcesLinked,
          forecasts_added: result.forecastsAdded,
          player_logs_added: result.playerLogsAdded,
          splits_added: result.splitsAdded,
        };
      }
    });
  } catch (error) {
    await finishRun(db, runId, 'failed', { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 }, (error as Error).message).catch(() => undefined);
    throw error;
  }
  await finishRun(db, runId, 'succeeded', counts);
  return report;
}

// Stages a file's raw records again; only the retried ones are new, so only their rows come out.
async function restageFile(db: Database, group: Candidate[]): Promise<RetryFileResult> {
  const first = group[0]!;
  const format = findFormatOrThrow(first.source_format);
  const retried = new Map(group.map((c) => [c.content_hash, c]));
  const rows = await db.query<{ content_hash: string; row_number: number; run_id: number; payload: string }>(
    `SELECT content_hash, row_number, run_id, CAST(payload AS VARCHAR) AS payload FROM raw.records
     WHERE source_format = $1 AND file_path = $2 AND ${first.context === null ? 'context IS NULL' : 'CAST(context AS VARCHAR) = $3'}
     ORDER BY row_number, run_id DESC`,
    first.context === null ? [first.source_format, first.file_path] : [first.source_format, first.file_path, first.context],
  );
  // A file imported in two versions has two records on some lines: the retried one wins, else the newest.
  const byLine = new Map<number, (typeof rows)[number]>();
  for (const row of rows) {
    const line = Number(row.row_number);
    const held = byLine.get(line);
    if (!held || (retried.has(row.content_hash) && !retried.has(held.content_hash))) byLine.set(line, row);
  }
  const records: SourceRecord[] = [];
  const unreadable: string[] = [];
  const seen = new Set<string>();
  for (const row of [...byLine.values()].sort((a, b) => Number(a.row_number) - Number(b.row_number))) {
    const payload = JSON.parse(row.payload) as Record<string, string>;
    const isUnreadable = '_line' in payload && Object.keys(payload).length === 1;
    if (isUnreadable) {
      if (retried.has(row.content_hash)) unreadable.push(row.content_hash);
      continue;
    }
    records.push({ rowNumber: Number(row.row_number), payload, contentHash: row.content_hash });
    if (!retried.has(row.content_hash)) seen.add(row.content_hash);
  }
  const fileContext = (first.context ? JSON.parse(first.context) : {}) as FileContext;
  const csv: CsvFile = { path: first.file_path, sha256: '', header: [], records, unreadable: [], rowsIn: records.length };
  const batch = stageFile(format, csv, { format: format.name, filePath: first.file_path, fileContext, teams: teamRegistry() }, contextKeyOf(fileContext), seen);
  return { format: format.name, batch, unreadable, candidates: retried };
}

function bump(map: Map<string, number>, format: string, code: string): void {
  const key = JSON.stringify([format, code]);
  map.set(key, (map.get(key) ?? 0) + 1);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
