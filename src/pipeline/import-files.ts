/**
 * @module pipeline/import-files
 * `sharpline import`: files of one format → raw → staging → curated. Each file is one transaction,
 * so a killed import leaves whole files or nothing, and a re-run finishes the rest. A file whose
 * bytes were already loaded is recognised by its sha256 and skipped in milliseconds.
 */
import { createHash } from 'node:crypto';
import { SharplineError, isSharplineError } from '../errors.js';
import { teamRegistry } from '../domain/teams/index.js';
import type { Database } from '../store/database.js';
import { parseCsv, readFileBytes } from '../sources/csv-reader.js';
import { readMappingFile } from '../sources/csv-mapped/mapping.js';
import { findFormatOrThrow } from '../sources/registry.js';
import { curateRun, type CurateResult } from './curate.js';
import { measureScores, recordScores } from '../quality/scores.js';
import { addCounts, finishRun, startRun, type RunCounts } from './runs.js';
import { contextKeyOf, stageFile, type FileBatch } from './stage-file.js';
import { writeBatch } from './write-batch.js';

export interface ImportOptions {
  readonly format: string;
  readonly paths: readonly string[];
  /** Season for formats whose rows do not carry a year (sbr-mlb); overrides the file name. */
  readonly season?: number;
  readonly dryRun?: boolean;
  /** For `csv`: the path of the mapping file that says which column holds what. */
  readonly mappingPath?: string;
  /**
   * Marks every record's lineage as made by a test (`context.origin = 'synthetic-test'`), so quality
   * gates can refuse such rows in production. Only tests set it.
   */
  readonly synthetic?: boolean;
  /** `raw` stops after the raw zone (finish later with `pipeline run`); default `all`. */
  readonly zone?: 'raw' | 'all';
  /** Zone rows committed per transaction (default `GROUP_ROWS`); whole files always. */
  readonly groupRows?: number;
  readonly onProgress?: (event: { filePath: string; index: number; total: number; counts: RunCounts }) => void;
}

export interface FileSummary {
  file: string;
  status: 'loaded' | 'unchanged' | 'empty' | 'failed';
  rows_in: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  error?: string;
}

export interface QuarantineSample {
  file: string;
  line: number;
  code: string;
  field: string | null;
  reason: string;
}

/** The JSON shape of an import (format version 1): stable for scripts. */
export interface ImportSummary {
  version: 1;
  run_id: number | null;
  format: string;
  dry_run: boolean;
  rows_in: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  files: FileSummary[];
  curated: { games_created: number; game_sources_linked: number; quotes_added: number; forecasts_added: number; player_logs_added: number; splits_added: number; splits_unmatched: number; outcomes_filled: number; outcome_conflicts: number; statuses_changed: number };
  quarantine_sample: QuarantineSample[];
  /** Quality scores of the rows this run staged, per staged table (also kept in ops.quality_scores). */
  quality_scores: { table: string; rows: number; score: number | null; completeness: number | null; validity: number | null; consistency: number | null; rows_below: number }[];
}

const SAMPLE_SIZE = 20;

/**
 * Zone rows (raw records, games, quotes, player lines, forecasts) committed per transaction: big
 * enough that per-statement costs vanish, small enough that two groups (one committing, one being
 * staged) stay well inside the memory budget.
 */
const GROUP_ROWS = 200_000;

interface PreparedFile {
  readonly path: string;
  readonly sha256?: string;
  readonly header?: string[];
  readonly batch?: FileBatch;
  readonly report: () => void;
}

/** Imports `options.paths` as `options.format`; returns the summary (also for dry runs). */
export async function importFiles(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const format = findFormatOrThrow(options.format);
  const dryRun = !!options.dryRun;
  const zone = options.zone ?? 'all';
  const totals: RunCounts = { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 };
  const curated = { games_created: 0, game_sources_linked: 0, quotes_added: 0, forecasts_added: 0, player_logs_added: 0, splits_added: 0, splits_unmatched: 0, outcomes_filled: 0, outcome_conflicts: 0, statuses_changed: 0 };
  const files: FileSummary[] = [];
  const sample: QuarantineSample[] = [];
  if (format.name === 'csv' && !options.mappingPath) {
    throw new SharplineError('SL_USAGE', 'import csv needs --map mapping.json (see docs/csv-mapping.md)');
  }
  // The validated mapping, re-serialised, so formatting differences in the file do not change record identity.
  const mapping = options.mappingPath ? JSON.stringify(readMappingFile(options.mappingPath)) : undefined;
  const runId = dryRun
    ? null
    : await startRun(db, 'import', { sourceFormat: format.name, args: { paths: options.paths, season: options.season, zone } });

  try {
    const seen = new Set((await db.query<{ content_hash: string }>('SELECT content_hash FROM raw.records WHERE source_format = $1', [format.name])).map((r) => r.content_hash));
    const teams = teamRegistry();
    // Files already loaded byte for byte (same format and context) are recognised without a query each.
    const loadedBefore = dryRun ? new Map<string, number>() : await loadedFiles(db, format.name);
    // Files are committed in groups of about GROUP_ROWS zone rows: one transaction and one curate
    // pass per group instead of per file (a group is still whole files, so a kill leaves whole files
    // or nothing). While one group commits (native work in DuckDB's or PostgreSQL's threads), the
    // next is parsed and staged here. A file's progress event fires only once it is committed.
    let committing: Promise<void> = Promise.resolve();
    let group: PreparedFile[] = [];
    let groupRows = 0;
    const flush = async () => {
      const ready = group;
      group = [];
      groupRows = 0;
      await committing;
      committing = commitGroup(ready).then(() => ready.forEach((f) => f.report()));
    };
    for (const [index, path] of options.paths.entries()) {
      const prepared = prepareFile(path);
      files.push(prepared.summary);
      addCounts(totals, { rowsIn: prepared.summary.rows_in, loaded: prepared.summary.loaded, quarantined: prepared.summary.quarantined, duplicates: prepared.summary.duplicates });
      const counts = { ...totals };
      const report = () => options.onProgress?.({ filePath: path, index: index + 1, total: options.paths.length, counts });
      if (prepared.commit && !dryRun) {
        const { batch } = prepared.commit;
        group.push({ path, ...prepared.commit, report });
        groupRows += batch.raw.length + batch.games.length + batch.quotes.length + batch.playerLogs.length + batch.forecasts.length + batch.splits.length + batch.periods.length;
        if (groupRows >= (options.groupRows ?? GROUP_ROWS)) await flush();
      } else if (group.length) {
        group.push({ path, report });
      } else {
        await committing;
        report();
      }
    }
    if (group.length) await flush();
    await committing;

    function prepareFile(path: string): { summary: FileSummary; commit?: { sha256: string; header: string[]; batch: FileBatch } } {
      const empty = { file: path, rows_in: 0, loaded: 0, quarantined: 0, duplicates: 0 };
      let bytes: Buffer;
      try {
        bytes = readFileBytes(path);
      } catch (error) {
        if (isSharplineError(error)) return { summary: { ...empty, status: 'failed', error: error.message } };
        throw error;
      }
      const fileContext = { ...format.fileContext(path, { season: options.season, mapping }), ...(options.synthetic ? { origin: 'synthetic-test' } : {}) };
      const contextKey = contextKeyOf(fileContext);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const previousRows = loadedBefore.get(`${sha256}|${contextKey}`);
      if (previousRows !== undefined) {
        return { summary: { ...empty, status: 'unchanged', rows_in: previousRows, duplicates: previousRows } };
      }
      const csv = parseCsv(path, bytes, format.name, contextKey, sha256, { padShortRows: format.padShortRows });
      if (csv.header.length === 0 && csv.rowsIn === 0) return { summary: { ...empty, status: 'empty', error: `${path}: the file is empty` } };
      const missing = (format.requiredColumnsFor?.(fileContext) ?? format.requiredColumns).filter((c) => !csv.header.includes(c));
      if (missing.length) {
        return {
          summary: {
            ...empty,
            status: 'failed',
            error: `${path}: line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} required by ${format.name} (is this the right format?)`,
          },
        };
      }

      const batch = stageFile(format, csv, { format: format.name, filePath: path, fileContext, teams }, contextKey, seen);
      for (const q of batch.quarantine.slice(0, Math.max(0, SAMPLE_SIZE - sample.length))) {
        sample.push({ file: path, line: q.rowNumber, code: q.issue.code, field: q.issue.field ?? null, reason: q.issue.message });
      }
      // The same bytes twice in one command: the second is unchanged, like a re-import.
      loadedBefore.set(`${sha256}|${contextKey}`, batch.counts.rowsIn);
      return {
        summary: {
          file: path,
          status: 'loaded',
          rows_in: batch.counts.rowsIn,
          loaded: batch.counts.loaded,
          quarantined: batch.counts.quarantined,
          duplicates: batch.counts.duplicates,
        },
        commit: { sha256, header: csv.header, batch },
      };
    }

    async function commitGroup(ready: PreparedFile[]): Promise<void> {
      const result: CurateResult | null = await db.transaction(async (tx) => {
        let staged = 0;
        for (const file of ready) {
          if (!file.batch) continue;
          const { batch } = file;
          await writeBatch(tx, format.name, runId!, batch, zone === 'raw' ? 'raw' : 'staging');
          staged += batch.games.length + batch.quotes.length + batch.playerLogs.length + batch.splits.length + batch.periods.length;
          await tx.query(
            `INSERT INTO ops.run_files (run_id, source_format, file_path, file_sha256, context_key, header, rows_in, loaded, quarantined, duplicates)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [runId!, format.name, file.path, file.sha256!, batch.contextKey, JSON.stringify(file.header), batch.counts.rowsIn, batch.counts.loaded, batch.counts.quarantined, batch.counts.duplicates],
          );
        }
        return zone === 'all' && staged > 0 ? curateRun(tx, runId!, { countQuotes: false }) : null;
      });
      if (result) {
        curated.games_created += result.gamesCreated;
        curated.game_sources_linked += result.gameSourcesLinked;
        // Every staged quote belongs to a staged game, and every staged game is linked in the same pass.
        for (const file of ready) curated.quotes_added += file.batch?.quotes.length ?? 0;
        curated.forecasts_added += result.forecastsAdded;
        curated.player_logs_added += result.playerLogsAdded;
        curated.splits_added += result.splitsAdded;
        curated.splits_unmatched += result.splitsUnmatched;
        curated.outcomes_filled += result.outcomes.filled;
        curated.outcome_conflicts += result.outcomes.conflicts;
        curated.statuses_changed += result.outcomes.statusChanges;
      }
    }

  } catch (error) {
    if (runId !== null) await finishRun(db, runId, 'failed', totals, (error as Error).message).catch(() => undefined);
    throw error;
  }
  if (runId !== null) await finishRun(db, runId, 'succeeded', totals);
  const scores = runId !== null && totals.loaded > 0 ? (await measureScores(db, { runId })).filter((q) => q.rows > 0) : [];
  await recordScores(db, scores);
  return {
    version: 1,
    run_id: runId,
    format: format.name,
    dry_run: dryRun,
    rows_in: totals.rowsIn,
    loaded: totals.loaded,
    quarantined: totals.quarantined,
    duplicates: totals.duplicates,
    files,
    curated,
    quarantine_sample: sample,
    quality_scores: scores.map((q) => ({ table: q.table, rows: q.rows, score: q.score, completeness: q.completeness, validity: q.validity, consistency: q.consistency, rows_below: q.rows_below })),
  };
}

/** `sha256|context_key` → rows_in of every file this format loaded in a run not rolled back. */
async function loadedFiles(db: Database, format: string): Promise<Map<string, number>> {
  const rows = await db.query<{ file_sha256: string; context_key: string; rows_in: number }>(
    `SELECT rf.file_sha256, rf.context_key, MAX(rf.rows_in) AS rows_in FROM ops.run_files rf JOIN ops.runs r ON r.run_id = rf.run_id
     WHERE rf.source_format = $1 AND r.status <> 'rolled_back' GROUP BY rf.file_sha256, rf.context_key`,
    [format],
  );
  return new Map(rows.map((r) => [`${r.file_sha256}|${r.context_key}`, Number(r.rows_in)]));
}

/** The exit-code verdict for an import: an error when nothing valid could be loaded, or `strict` saw rejects. */
export function importVerdict(summary: ImportSummary, strict: boolean): SharplineError | null {
  const failed = summary.files.filter((f) => f.status === 'failed' || f.status === 'empty');
  if (summary.loaded + summary.duplicates === 0) {
    const why = failed.length ? failed.map((f) => f.error).join('; ') : `all ${summary.quarantined} rows were quarantined`;
    return new SharplineError('SL_NOTHING_LOADED', `nothing valid could be loaded: ${why}`);
  }
  if (strict && (summary.quarantined > 0 || failed.length > 0)) {
    return new SharplineError('SL_STRICT_REJECTED', `--strict: ${summary.quarantined} row(s) quarantined, ${failed.length} file(s) not loaded`);
  }
  return null;
}
