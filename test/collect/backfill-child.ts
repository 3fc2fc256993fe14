/**
 * Child process for the kill-and-resume test: runs a backfill against the store the environment
 * names, printing `window-done N` after each window, so the parent can SIGKILL it mid-run.
 */
import { backfill, type BackfillOptions } from '../../src/collect/backfill.js';
import { openStore } from '../../src/store/index.js';

const env = JSON.parse(process.argv[2]!) as Record<string, string>;
const options = JSON.parse(process.argv[3]!) as BackfillOptions;
const db = await openStore(env);
process.stdout.write('opened\n');
try {
  await backfill(db, { ...options, env: { ...process.env, ...env }, onWindow: (e) => process.stdout.write(`window-done ${e.index}\n`) });
} finally {
  await db.close();
}
