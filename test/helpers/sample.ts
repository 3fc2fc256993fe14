/**
 * The bundled real sample (`data/sample/`, as `sharpline demo` imports it), loaded into a test store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import type { TestStore } from './engines.js';

export const SAMPLE_DIR = join(import.meta.dirname, '../../data/sample');

/** Imports every file of the sample manifest, in its order. */
export async function loadSample(store: TestStore): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as { imports: { format: string; paths: string[] }[] };
  for (const imp of manifest.imports) await importFiles(store.db, { format: imp.format, paths: imp.paths.map((p) => join(SAMPLE_DIR, p)) });
}
