/**
 * @module collect/checkpoints
 * `ops.collect_checkpoints`: one row per (source, sport, window). A succeeded row is written in the
 * same transaction as the window's data, so "checkpointed" and "in the store" never disagree.
 */
import type { Database } from '../store/database.js';
import type { DateWindow } from '../sources/http/types.js';

export type CheckpointStatus = 'succeeded' | 'failed';

export interface Checkpoint {
  source: string;
  sport: string;
  window: DateWindow;
  status: CheckpointStatus;
  runId: number | null;
  requests: number;
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  error: string | null;
}

/** Writes (or replaces) the checkpoint of one window. */
export async function saveCheckpoint(db: Database, c: Checkpoint, now = new Date()): Promise<void> {
  await db.query(
    `INSERT INTO ops.collect_checkpoints (source, sport, window_start, window_end, status, run_id, requests, rows_in, loaded, quarantined, duplicates, error_message, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (source, sport, window_start) DO UPDATE SET
       window_end = EXCLUDED.window_end, status = EXCLUDED.status, run_id = EXCLUDED.run_id, requests = EXCLUDED.requests,
       rows_in = EXCLUDED.rows_in, loaded = EXCLUDED.loaded, quarantined = EXCLUDED.quarantined, duplicates = EXCLUDED.duplicates,
       error_message = EXCLUDED.error_message, updated_at = EXCLUDED.updated_at`,
    [c.source, c.sport, c.window.start, c.window.end, c.status, c.runId, c.requests, c.rowsIn, c.loaded, c.quarantined, c.duplicates, c.error, now.toISOString()],
  );
}

/** Checkpoints of `source` for `sport` whose window starts in `from`..`to`, keyed by `start|end`. */
export async function loadCheckpoints(db: Database, source: string, sport: string, from: string, to: string): Promise<Map<string, { status: CheckpointStatus; error: string | null }>> {
  const rows = await db.query<{ window_start: unknown; window_end: unknown; status: CheckpointStatus; error_message: string | null }>(
    `SELECT CAST(window_start AS VARCHAR) AS window_start, CAST(window_end AS VARCHAR) AS window_end, status, error_message
     FROM ops.collect_checkpoints WHERE source = $1 AND sport = $2 AND window_start >= CAST($3 AS DATE) AND window_start <= CAST($4 AS DATE)`,
    [source, sport, from, to],
  );
  return new Map(rows.map((r) => [`${String(r.window_start)}|${String(r.window_end)}`, { status: r.status, error: r.error_message }]));
}
