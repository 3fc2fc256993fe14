/**
 * Benchmark: import everything in ../shared/data into a fresh embedded store (not timed), then time
 * every quality gate over it (unrecorded), the staged tables' quality scores, and the publish gate
 * once more as `quality check` runs it (recorded, with the table scores). Prints ONE JSON line.
 *
 *   node --max-semi-space-size=64 --import tsx bench/quality-checks.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/pipeline/import-files.js';
import { GATE_NAMES, runGate } from '../src/quality/gates.js';
import { measureScores } from '../src/quality/scores.js';
import { openStore } from '../src/store/index.js';
import { PLAN } from './plan.js';

const home = mkdtempSync(join(tmpdir(), 'sharpline-bench-quality-'));
const importer = await openStore({ SHARPLINE_HOME: home });
let rowsIn = 0;
for (const step of PLAN) rowsIn += (await importFiles(importer, { format: step.format, paths: step.paths, mappingPath: step.mappingPath })).rows_in;
// `quality check` is its own process: the gates run on the store as a new process opens it.
await importer.close();
const db = await openStore({ SHARPLINE_HOME: home });
const [games] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM curated.games');

const gates: Record<string, { seconds: number; passed: boolean; errors_failed: number; warnings_failed: number; slowest: { check: string; ms: number }[] }> = {};
for (const gate of GATE_NAMES) {
  const t0 = performance.now();
  const result = await runGate(db, gate, { record: false });
  gates[gate] = {
    seconds: Math.round(performance.now() - t0) / 1000,
    passed: result.passed,
    errors_failed: result.errors_failed,
    warnings_failed: result.warnings_failed,
    slowest: [...result.checks].sort((a, b) => b.duration_ms - a.duration_ms).slice(0, 3).map((c) => ({ check: c.name, ms: c.duration_ms })),
  };
}
const t1 = performance.now();
const scores = (await measureScores(db)).filter((x) => x.scope === 'table');
const scoresSeconds = Math.round(performance.now() - t1) / 1000;
// The publish gate as `quality check` runs it: recorded, with the table scores kept beside it.
const t2 = performance.now();
await runGate(db, 'publish');
const publishRecordedSeconds = Math.round(performance.now() - t2) / 1000;
await db.close();
rmSync(home, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ bench: 'quality-checks', engine: 'duckdb', node: process.version, date: new Date().toISOString(), rows_in: rowsIn, curated_games: Number(games?.n ?? 0), gates, publish_recorded_seconds: publishRecordedSeconds, scores: { seconds: scoresSeconds, tables: scores.map((x) => ({ table: x.table, rows: x.rows, score: x.score, completeness: x.completeness, validity: x.validity, consistency: x.consistency, rows_below: x.rows_below })) } }) + '\n');
