/**
 * @module pipeline/run-pipeline
 * `sharpline pipeline run`: brings every zone up to date. Staging reads raw records that no staging
 * step has seen (an `import --zone raw`, or a format fixed since); curated merges staging rows not
 * yet curated. A pre-flight plan says what would change; a post-run validation checks the books.
 */
import { teamRegistry } from '../domain/teams/index.js';
import type { Database } from '../store/database.js';
import type { CsvFile } from '../sources/csv-reader.js';
import { findFormatOrThrow } from '../sources/registry.js';
import type { FileContext, SourceRecord } from '../sources/types.js';
import { curateRun, pendingCurateRuns } from './curate.js';
import { addCounts, finishRun, startRun, type RunCounts } from './runs.js';
import { contextKeyOf, stageFile } from './stage-file.js';
import { writeStaging } from './write-batch.js';

export type PipelineZone = 'raw' | 'staging' | 'curated' | 'all';

export interface PipelinePlan {
  /** Raw records no staging step has processed, per format. */
  staging_pending: { source_format: string; files: number; records: number }[];
  /** Runs whose staging rows are not all curated. */
  curated_pending_runs: number[];
}

export interface PipelineReport {
  version: 1;
  run_id: number | null;
  zone: PipelineZone;
  dry_run: boolean;
  plan: PipelinePlan;
  staged: RunCounts;
  curated: { runs: number; games_created: number; quotes_added: number; splits_added: number; outcomes_filled: number; outcome_conflicts: number; statuses_changed: number };
  validation: { check: string; ok: boolean; detail: string }[];
}

const PENDING_RAW = `FROM raw.records r WHERE NOT EXISTS (
  SELECT 1 FROM staging.processed_records p WHERE p.source_format = r.source_format AND p.content_hash = r.content_hash)`;

/** What `pipeline run` would do now. */
export async function planPipeline(db: Database): Promise<PipelinePlan> {
  const staging = await db.query<{ source_format: string; files: number; records: number }>(
    `SELECT r.source_format, COUNT(DISTINCT r.file_path) AS files, COUNT(*) AS records ${PENDING_RAW} GROUP BY r.source_format ORDER BY 1`,
  );
  return {
    staging_pending: staging.map((s) => ({ ...s, files: Number(s.files), records: Number(s.records) })),
    curated_pending_runs: await pendingCurateRuns(db),
  };
}

export async function runPipeline(db: Database, options: { zone?: PipelineZone; dryRun?: boolean } = {}): Promise<PipelineReport> {
  const zone = options.zone ?? 'all';
  const plan = await planPipeline(db);
  const staged: RunCounts = { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 };
  const curated = { runs: 0, games_created: 0, quotes_added: 0, splits_added: 0, outcomes_filled: 0, outcome_conflicts: 0, statuses_changed: 0 };
  if (options.dryRun) {
    return { version: 1, run_id: null, zone, dry_run: true, plan, staged, curated, validation: [] };
  }
  const runId = await startRun(db, 'pipeline run', { args: { zone } });
  try {
    if (zone === 'staging' || zone === 'all') {
      for (const pending of plan.staging_pending) addCounts(staged, await stagePendingRecords(db, runId, pending.source_format));
    }
    if (zone === 'curated' || zone === 'all') {
      for (const stagingRun of await pendingCurateRuns(db)) {
        const result = await db.transaction((tx) => curateRun(tx, stagingRun));
        curated.runs++;
        curated.games_created += result.gamesCreated;
        curated.quotes_added += result.quotesAdded;
        curated.splits_added += result.splitsAdded;
        curated.outcomes_filled += result.outcomes.filled;
        curated.statuses_changed += result.outcomes.statusChanges;
        curated.outcome_conflicts += result.outcomes.conflicts;
      }
    }
  } catch (error) {
    await finishRun(db, runId, 'failed', staged, (error as Error).message).catch(() => undefined);
    throw error;
  }
  await finishRun(db, runId, 'succeeded', staged);
  return { version: 1, run_id: runId, zone, dry_run: false, plan, staged, curated, validation: await validateZones(db) };
}

// Re-stages raw records file by file, in file order (some formats pair adjacent rows).
async function stagePendingRecords(db: Database, runId: number, formatName: string): Promise<RunCounts> {
  const format = findFormatOrThrow(formatName);
  const counts: RunCounts = { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 };
  const files = await db.query<{ file_path: string; context: string | null }>(
    `SELECT DISTINCT r.file_path, CAST(r.context AS VARCHAR) AS context ${PENDING_RAW} AND r.source_format = $1 ORDER BY 1`,
    [formatName],
  );
  for (const file of files) {
    const rows = await db.query<{ content_hash: string; row_number: number; payload: string }>(
      `SELECT r.content_hash, r.row_number, CAST(r.payload AS VARCHAR) AS payload ${PENDING_RAW}
       AND r.source_format = $1 AND r.file_path = $2 ORDER BY r.row_number`,
      [formatName, file.file_path],
    );
    const records: SourceRecord[] = [];
    const unreadable: CsvFile['unreadable'][number][] = [];
    for (const row of rows) {
      const payload = JSON.parse(row.payload) as Record<string, string>;
      if ('_line' in payload && Object.keys(payload).length === 1) {
        unreadable.push({ rowNumber: row.row_number, text: payload._line!, issue: { code: 'unreadable_row', message: 'the row could not be read as CSV (see payload._line)' } });
      } else {
        records.push({ rowNumber: row.row_number, payload, contentHash: row.content_hash });
      }
    }
    const fileContext = (file.context ? JSON.parse(file.context) : {}) as FileContext;
    const csv: CsvFile = { path: file.file_path, sha256: '', header: [], records, unreadable, rowsIn: rows.length };
    const batch = stageFile(format, csv, { format: format.name, filePath: file.file_path, fileContext, teams: teamRegistry() }, contextKeyOf(fileContext), new Set());
    // Unreadable rows keep their stored hash, not a recomputed one.
    const byRow = new Map(rows.map((r) => [r.row_number, r.content_hash]));
    const fixed = { ...batch, quarantine: batch.quarantine.map((q) => (q.payload._line !== undefined ? { ...q, contentHash: byRow.get(q.rowNumber) ?? q.contentHash } : q)) };
    await db.transaction((tx) => writeStaging(tx, format.name, runId, fixed));
    addCounts(counts, batch.counts);
  }
  return counts;
}

/** Post-run checks: every raw record has a staging outcome; every staging row is curated. */
export async function validateZones(db: Database): Promise<PipelineReport['validation']> {
  const [raw] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n ${PENDING_RAW}`);
  const pendingRuns = await pendingCurateRuns(db);
  const [badRuns] = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM ops.runs WHERE status = 'succeeded' AND rows_in <> loaded + quarantined + duplicates`,
  );
  const [orphans] = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM curated.games g WHERE NOT EXISTS (SELECT 1 FROM curated.teams t WHERE t.team_id = g.home_team_id)
       OR NOT EXISTS (SELECT 1 FROM curated.teams t WHERE t.team_id = g.away_team_id)`,
  );
  return [
    { check: 'raw records all staged or quarantined', ok: Number(raw?.n ?? 0) === 0, detail: `${Number(raw?.n ?? 0)} pending` },
    { check: 'staging rows all curated', ok: pendingRuns.length === 0, detail: pendingRuns.length ? `runs ${pendingRuns.join(', ')} pending` : 'none pending' },
    { check: 'every run: rows_in = loaded + quarantined + duplicates', ok: Number(badRuns?.n ?? 0) === 0, detail: `${Number(badRuns?.n ?? 0)} runs off` },
    { check: 'every game has both teams in curated.teams', ok: Number(orphans?.n ?? 0) === 0, detail: `${Number(orphans?.n ?? 0)} games without teams` },
  ];
}
