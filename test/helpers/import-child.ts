/**
 * A separate process that imports files and reports progress on stdout, so tests can SIGKILL it
 * at chosen points. Usage: node --import tsx import-child.ts '<env json>' '<import options json>'
 */
import { importFiles, type ImportOptions } from '../../src/pipeline/import-files.js';
import { openStore } from '../../src/store/index.js';

const env = JSON.parse(process.argv[2]!) as { SHARPLINE_HOME?: string; DATABASE_URL?: string };
const options = JSON.parse(process.argv[3]!) as ImportOptions;
const db = await openStore(env);
process.stdout.write('opened\n');
const summary = await importFiles(db, {
  ...options,
  onProgress: (e) => process.stdout.write(`file-done ${e.index}\n`),
});
await db.close();
process.stdout.write(`finished ${summary.loaded}\n`);
