/**
 * Imports every shared-data file sharpline has a format for into the configured store (SHARPLINE_HOME
 * or DATABASE_URL), so model and backtest benchmarks run on the full real archives:
 *
 *   SHARPLINE_HOME=/tmp/sl-full node --import tsx bench/load-shared-data.ts [--formats a,b]
 *
 * Re-running it is cheap: unchanged files are recognised and skipped.
 */
import { importFiles } from '../src/pipeline/import-files.js';
import { sourceFormats } from '../src/sources/registry.js';
import { openStore } from '../src/store/open-store.js';
import { PLAN } from './plan.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = arg('--formats')?.split(',');

const known = new Set(sourceFormats().map((f) => f.name));
const db = await openStore();
try {
  for (const step of PLAN.filter((p) => known.has(p.format) && (!only || only.includes(p.format)))) {
    const t0 = performance.now();
    const s = await importFiles(db, { format: step.format, paths: step.paths, mappingPath: step.mappingPath });
    console.log(`${step.format}: ${s.rows_in} rows in, ${s.loaded} loaded, ${s.quarantined} quarantined (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  console.log(`store: ${db.engine} ${db.location}`);
} finally {
  await db.close();
}
