/**
 * @module serve/data/status
 * Operational status: the latest data-quality gate runs with their failing checks, the pipeline
 * runs ledger, and scheduled job runs (`ops.job_runs`, which exists only once the jobs migration
 * has run: looked up at query time, an empty list until then).
 */
import type { Database, SqlValue } from '../../store/database.js';
import { isoTime, jsonValue, numOrNull } from './values.js';

export interface QualityStatus {
  version: 1;
  /** The latest run of each gate (and sport filter). */
  gates: {
    quality_run_id: number;
    gate: string;
    sport: string | null;
    finished_at: string | null;
    passed: boolean;
    checks_run: number;
    errors_failed: number;
    warnings_failed: number;
    failing: { check_name: string; category: string; severity: string; offending_count: number; examples: unknown }[];
  }[];
  /** True when every latest gate run passed (and at least one ran). */
  healthy: boolean;
}

export async function qualityStatus(db: Database): Promise<QualityStatus> {
  const runs = await db.query(
    `SELECT quality_run_id, gate, sport, finished_at, passed, checks_run, errors_failed, warnings_failed FROM (
       SELECT r.*, ROW_NUMBER() OVER (PARTITION BY gate, COALESCE(sport, '') ORDER BY quality_run_id DESC) AS rn FROM ops.quality_runs r
     ) latest WHERE rn = 1 ORDER BY gate, sport`,
  );
  const gates: QualityStatus['gates'] = [];
  for (const r of runs) {
    const failing = await db.query(
      `SELECT check_name, category, severity, offending_count, examples FROM ops.quality_results WHERE quality_run_id = $1 AND NOT passed ORDER BY severity, check_name`,
      [Number(r.quality_run_id)],
    );
    gates.push({
      quality_run_id: Number(r.quality_run_id),
      gate: String(r.gate),
      sport: r.sport === null ? null : String(r.sport),
      finished_at: isoTime(r.finished_at),
      passed: Boolean(r.passed),
      checks_run: Number(r.checks_run),
      errors_failed: Number(r.errors_failed),
      warnings_failed: Number(r.warnings_failed),
      failing: failing.map((f) => ({ check_name: String(f.check_name), category: String(f.category), severity: String(f.severity), offending_count: Number(f.offending_count), examples: jsonValue(f.examples) })),
    });
  }
  return { version: 1, gates, healthy: gates.length > 0 && gates.every((g) => g.passed) };
}

export interface PipelineRun {
  run_id: number;
  command: string;
  source_format: string | null;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  rows_in: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  error_message: string | null;
}

/** The newest runs of the ledger, optionally of one command or status. */
export async function pipelineRuns(db: Database, filter: { command?: string; status?: string; limit: number }): Promise<PipelineRun[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.command) {
    params.push(filter.command);
    where.push(`command = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`status = $${params.length}`);
  }
  params.push(filter.limit);
  const rows = await db.query(
    `SELECT run_id, command, source_format, status, started_at, finished_at, rows_in, loaded, quarantined, duplicates, error_message
     FROM ops.runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY run_id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    run_id: Number(r.run_id),
    command: String(r.command),
    source_format: r.source_format === null ? null : String(r.source_format),
    status: String(r.status),
    started_at: isoTime(r.started_at),
    finished_at: isoTime(r.finished_at),
    rows_in: Number(r.rows_in),
    loaded: Number(r.loaded),
    quarantined: Number(r.quarantined),
    duplicates: Number(r.duplicates),
    error_message: r.error_message === null ? null : String(r.error_message),
  }));
}

export interface JobRun {
  job_run_id: number;
  job_name: string;
  started_at: string | null;
  finished_at: string | null;
  status: string;
  rows: number | null;
  error: string | null;
}

/** Whether `schema.table` exists now (asked at query time: other migrations may add it later). */
export async function tableExists(db: Database, schema: string, table: string): Promise<boolean> {
  const [row] = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, table]);
  return Number(row?.n) > 0;
}

/** The newest job runs; an empty list when `ops.job_runs` does not exist yet. */
export async function jobRuns(db: Database, filter: { job?: string; limit: number }): Promise<{ available: boolean; runs: JobRun[] }> {
  if (!(await tableExists(db, 'ops', 'job_runs'))) return { available: false, runs: [] };
  const params: SqlValue[] = filter.job ? [filter.job, filter.limit] : [filter.limit];
  const rows = await db.query(
    `SELECT job_run_id, job_name, started_at, finished_at, status, rows, error FROM ops.job_runs ${filter.job ? 'WHERE job_name = $1' : ''}
     ORDER BY started_at DESC, job_run_id DESC LIMIT $${params.length}`,
    params,
  );
  return {
    available: true,
    runs: rows.map((r) => ({
      job_run_id: Number(r.job_run_id),
      job_name: String(r.job_name),
      started_at: isoTime(r.started_at),
      finished_at: isoTime(r.finished_at),
      status: String(r.status),
      rows: numOrNull(r.rows),
      error: r.error === null || r.error === undefined ? null : String(r.error),
    })),
  };
}
