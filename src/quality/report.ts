/**
 * @module quality/report
 * `sharpline quality report`: the history the gates and scores leave in ops, read as trends: the
 * last gate runs, each check's offending rows now against the previous run of the same gate, and
 * each staged table's score over its measurements (plus the latest import runs' scores).
 */
import type { Database } from '../store/database.js';

export interface QualityReport {
  version: 1;
  gate_runs: { quality_run_id: number; gate: string; sport: string | null; started_at: string; passed: boolean; errors_failed: number; warnings_failed: number }[];
  /** Per gate and check: offending rows in the latest run and the one before, and failures among the last runs. */
  check_trends: { gate: string; check: string; severity: string; latest: number; previous: number | null; change: number | null; failed_runs: number; runs: number }[];
  /** Per staged table: its score over the recorded measurements (scope table). */
  table_scores: { table: string; measurements: number; first: number | null; previous: number | null; latest: number | null; change: number | null; lowest: number | null; latest_at: string }[];
  /** The latest import runs' scores, per table. */
  run_scores: { run_id: number; table: string; rows: number; score: number | null; rows_below: number; measured_at: string }[];
}

const iso = (x: Date | string) => new Date(x).toISOString();
const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/** Reads the quality history; `runs` bounds the gate runs and trends looked at (default 20). */
export async function qualityReport(db: Database, options: { runs?: number; gate?: string } = {}): Promise<QualityReport> {
  const limit = Math.max(1, Math.floor(options.runs ?? 20));
  const gateFilter = options.gate ? 'WHERE gate = $1' : '';
  const params = options.gate ? [options.gate] : [];
  const runs = await db.query<{ quality_run_id: number; gate: string; sport: string | null; started_at: Date; passed: boolean; errors_failed: number; warnings_failed: number }>(
    `SELECT quality_run_id, gate, sport, started_at, passed, errors_failed, warnings_failed FROM ops.quality_runs ${gateFilter} ORDER BY quality_run_id DESC LIMIT ${limit}`,
    params,
  );
  const results = runs.length
    ? await db.query<{ quality_run_id: number; check_name: string; severity: string; passed: boolean; offending_count: number }>(
        `SELECT quality_run_id, check_name, severity, passed, offending_count FROM ops.quality_results WHERE quality_run_id IN (${runs.map((r) => Number(r.quality_run_id)).join(', ')})`,
      )
    : [];
  const checkTrends: QualityReport['check_trends'] = [];
  for (const gate of [...new Set(runs.map((r) => r.gate))].sort()) {
    // Trends compare runs over the same scope: the gate over every sport (the usual `quality check`).
    const gateRuns = runs.filter((r) => r.gate === gate && r.sport === null).map((r) => Number(r.quality_run_id)); // newest first
    if (gateRuns.length === 0) continue;
    const [latest, previous] = gateRuns;
    const forRun = (id: number | undefined) => results.filter((x) => Number(x.quality_run_id) === id);
    for (const r of forRun(latest)) {
      const before = forRun(previous).find((p) => p.check_name === r.check_name);
      const history = results.filter((x) => x.check_name === r.check_name && gateRuns.includes(Number(x.quality_run_id)));
      checkTrends.push({
        gate,
        check: r.check_name,
        severity: r.severity,
        latest: Number(r.offending_count),
        previous: before ? Number(before.offending_count) : null,
        change: before ? Number(r.offending_count) - Number(before.offending_count) : null,
        failed_runs: history.filter((h) => !h.passed).length,
        runs: history.length,
      });
    }
  }

  const scores = await db.query<{ table_name: string; score: number | null; measured_at: Date }>(
    `SELECT table_name, score, measured_at FROM ops.quality_scores WHERE scope = 'table' ORDER BY table_name, quality_score_id`,
  );
  const tableScores: QualityReport['table_scores'] = [];
  for (const table of [...new Set(scores.map((s) => s.table_name))]) {
    const series = scores.filter((s) => s.table_name === table);
    const values = series.map((s) => num(s.score)).filter((x): x is number => x !== null);
    const latest = num(series.at(-1)!.score);
    const previous = series.length > 1 ? num(series.at(-2)!.score) : null;
    tableScores.push({
      table,
      measurements: series.length,
      first: round(num(series[0]!.score)),
      previous: round(previous),
      latest: round(latest),
      change: latest !== null && previous !== null ? round(latest - previous) : null,
      lowest: values.length ? round(Math.min(...values)) : null,
      latest_at: iso(series.at(-1)!.measured_at),
    });
  }
  const runScores = await db.query<{ run_id: number; table_name: string; row_count: number; score: number | null; rows_below: number; measured_at: Date }>(
    `SELECT run_id, table_name, row_count, score, rows_below, measured_at FROM ops.quality_scores WHERE scope = 'run' ORDER BY run_id DESC, table_name LIMIT ${limit}`,
  );
  return {
    version: 1,
    gate_runs: runs.map((r) => ({ quality_run_id: Number(r.quality_run_id), gate: r.gate, sport: r.sport, started_at: iso(r.started_at), passed: !!r.passed, errors_failed: Number(r.errors_failed), warnings_failed: Number(r.warnings_failed) })),
    check_trends: checkTrends,
    table_scores: tableScores,
    run_scores: runScores.map((r) => ({ run_id: Number(r.run_id), table: r.table_name, rows: Number(r.row_count), score: round(num(r.score)), rows_below: Number(r.rows_below), measured_at: iso(r.measured_at) })),
  };
}
