/**
 * Benchmark: import everything in ../shared/data that sharpline has a format for, through
 * curated, into a fresh store; then re-import one unchanged file. Prints ONE JSON line.
 *
 *   node --import tsx bench/import-all.ts                 # embedded DuckDB (temp SHARPLINE_HOME)
 *   DATABASE_URL=postgres://… node --import tsx bench/import-all.ts --engine postgres
 */
import { join } from 'node:path';
import { importFiles } from '../src/pipeline/import-files.js';
import { sourceFormats } from '../src/sources/registry.js';
import { openStore } from '../src/store/index.js';
import { DATA, PLAN } from './plan.js';
import { throwawayStore } from './throwaway-store.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const engine = arg('--engine') ?? 'duckdb';
/** `--formats a,b`: only these formats (for profiling one of them). */
const only = arg('--formats')?.split(',');

async function main(): Promise<void> {
  const known = new Set(sourceFormats().map((f) => f.name));
  const plan = PLAN.filter((p) => known.has(p.format) && (!only || only.includes(p.format)));
  const skipped = PLAN.filter((p) => !known.has(p.format)).map((p) => p.format);

  const { env, cleanup } = await throwawayStore(engine, 'import');

  const db = await openStore(env);
  if (process.env.SL_DROPIDX) await db.exec(process.env.SL_DROPIDX);
  // Peak JS heap, sampled: tells the JS side of the footprint from DuckDB's native memory.
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
  const perFormat: Record<string, { files: number; rows_in: number; loaded: number; quarantined: number; duplicates: number; seconds: number }> = {};
  let rowsIn = 0;
  const started = performance.now();
  for (const step of plan) {
    const t0 = performance.now();
    const summary = await importFiles(db, { format: step.format, paths: step.paths, mappingPath: step.mappingPath });
    const seconds = (performance.now() - t0) / 1000;
    rowsIn += summary.rows_in;
    perFormat[step.format] = { files: step.paths.length, rows_in: summary.rows_in, loaded: summary.loaded, quarantined: summary.quarantined, duplicates: summary.duplicates, seconds: round(seconds) };
  }
  const totalSeconds = (performance.now() - started) / 1000;

  const reimportFile = join(DATA, 'nfl/nflverse_games_1999_2020.csv');
  const r0 = performance.now();
  const again = await importFiles(db, { format: 'nflverse-games', paths: [reimportFile] });
  const reimportSeconds = (performance.now() - r0) / 1000;
  const [games] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM curated.games');
  const [quotes] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM curated.quotes');
  clearInterval(sampler);
  await db.close();
  await cleanup();

  const result = {
    bench: 'import-all',
    engine,
    node: process.version,
    date: new Date().toISOString(),
    formats: perFormat,
    skipped_formats: skipped,
    rows_in: rowsIn,
    seconds: round(totalSeconds),
    rows_per_second: Math.round(rowsIn / totalSeconds),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    peak_js_heap_mb: Math.round(peakHeap / 1024 / 1024),
    curated_games: Number(games?.n ?? 0),
    curated_quotes: Number(quotes?.n ?? 0),
    reimport_unchanged: { file: 'nfl/nflverse_games_1999_2020.csv', rows_in: again.rows_in, loaded: again.loaded, duplicates: again.duplicates, seconds: round(reimportSeconds) },
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

await main();
