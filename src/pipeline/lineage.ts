/**
 * @module pipeline/lineage
 * `sharpline lineage game <id>`: the raw rows behind a curated game, with file, line and payload,
 * the quotes each source gave, and any score changes or conflicts.
 */
import { SharplineError } from '../errors.js';
import type { Database } from '../store/database.js';

export interface GameLineage {
  version: 1;
  game: Record<string, unknown>;
  sources: {
    source_format: string;
    source_key: string;
    run_id: number;
    file_path: string | null;
    row_number: number | null;
    home_score: number | null;
    away_score: number | null;
    quotes: number;
    payload: unknown;
  }[];
  outcome_changes: Record<string, unknown>[];
  outcome_conflicts: Record<string, unknown>[];
}

export async function gameLineage(db: Database, gameId: number): Promise<GameLineage> {
  const [game] = await db.query('SELECT * FROM curated.game_results WHERE game_id = $1', [gameId]);
  if (!game) throw new SharplineError('SL_GAME_NOT_FOUND', `no curated game has id ${gameId}`);
  const sources = await db.query<GameLineage['sources'][number] & { payload: string | null }>(
    `SELECT gs.source_format, gs.source_key, gs.run_id, r.file_path, r.row_number, gs.home_score, gs.away_score, r.payload,
            (SELECT COUNT(*) FROM curated.quotes q WHERE q.source_format = gs.source_format AND q.game_id = gs.game_id AND q.source_key = gs.source_key) AS quotes
     FROM curated.game_sources gs
     LEFT JOIN raw.records r ON r.source_format = gs.source_format AND r.content_hash = gs.source_key
     WHERE gs.game_id = $1 ORDER BY gs.source_format, r.file_path, r.row_number`,
    [gameId],
  );
  const outcomeChanges = await db.query('SELECT * FROM ops.outcome_changes WHERE game_id = $1 ORDER BY run_id', [gameId]);
  const outcomeConflicts = await db.query('SELECT * FROM ops.outcome_conflicts WHERE game_id = $1 ORDER BY detected_at', [gameId]);
  return {
    version: 1,
    game,
    sources: sources.map((s) => ({ ...s, quotes: Number(s.quotes), payload: s.payload ? JSON.parse(s.payload) : null })),
    outcome_changes: outcomeChanges,
    outcome_conflicts: outcomeConflicts,
  };
}
