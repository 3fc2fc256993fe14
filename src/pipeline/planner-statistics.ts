/**
 * @module pipeline/planner-statistics
 * After a load, the engines whose planner needs it get fresh statistics for the tables loads write
 * (see `StoreCapabilities.analyzeAfterLoad`). Cheap: ANALYZE samples a fixed number of rows per table
 * (well under a second on the full archives).
 */
import type { Database } from '../store/database.js';

/** Refreshes the planner's statistics of the loaded tables where the engine needs it; a no-op elsewhere. */
export async function refreshPlannerStatistics(db: Database): Promise<void> {
  if (!db.capabilities.analyzeAfterLoad) return;
  // Every table of the zones loads write (props and splits included), whatever migrations added.
  const tables = await db.query<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
     WHERE table_schema IN ('raw', 'staging', 'curated') AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  if (tables.length > 0) await db.exec(`ANALYZE ${tables.map((t) => t.name).join(', ')}`);
}
