/**
 * @module cli/store
 * The CLI's composition root for the store: open from the environment, always close.
 */
import { openStore, type Database, type OpenStoreOptions } from '../store/index.js';

/** Runs `work` with the store the environment names, closing it afterwards. */
export async function withStore<T>(work: (db: Database) => Promise<T>, options: OpenStoreOptions = {}): Promise<T> {
  const db = await openStore(process.env, options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
