/**
 * @module props/players
 * Finding a pitcher in the registry by id or name, and keeping the registry current with the logs
 * (it is rebuilt when a log names a player id the registry does not have yet).
 */
import { SharplineError } from '../errors.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import type { Database } from '../store/database.js';
import { nameKey } from './names.js';
import { rebuildPlayerRegistry, type PlayerRegistryReport } from './player-registry.js';

export interface RegisteredPlayer {
  readonly playerId: string;
  readonly playerName: string | null;
  readonly refs: readonly string[];
}

/** Rebuilds the registry under a run of its own; returns the report. */
export async function refreshPlayerRegistry(db: Database): Promise<PlayerRegistryReport & { runId: number }> {
  const runId = await startRun(db, 'props players');
  try {
    const report = await rebuildPlayerRegistry(db, runId);
    const refs = report.matched * 2 + report.retrosheetOnly + report.brefOnly + report.ambiguous;
    await finishRun(db, runId, 'succeeded', { rowsIn: refs, loaded: refs, quarantined: 0, duplicates: 0 });
    return { ...report, runId };
  } catch (error) {
    await finishRun(db, runId, 'failed', { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 }, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Rebuilds the registry when some logged player id has no registry row; null when it was current. */
export async function ensurePlayerRegistry(db: Database): Promise<(PlayerRegistryReport & { runId: number }) | null> {
  const [row] = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM curated.player_game_logs l
     WHERE l.sport = 'mlb' AND NOT EXISTS (SELECT 1 FROM curated.players p WHERE p.player_ref = l.player_ref)`,
  );
  return Number(row?.n ?? 0) > 0 ? refreshPlayerRegistry(db) : null;
}

/** Every registered MLB player with his source ids. */
export async function registeredPlayers(db: Database): Promise<RegisteredPlayer[]> {
  const rows = await db.query<{ player_id: string; player_name: string | null; player_ref: string }>(
    `SELECT player_id, player_name, player_ref FROM curated.players WHERE sport = 'mlb' ORDER BY player_id, player_ref`,
  );
  const byId = new Map<string, { playerId: string; playerName: string | null; refs: string[] }>();
  for (const r of rows) {
    const p = byId.get(r.player_id) ?? { playerId: r.player_id, playerName: null, refs: [] };
    p.refs.push(r.player_ref);
    p.playerName ??= r.player_name;
    byId.set(r.player_id, p);
  }
  return [...byId.values()];
}

/** The players whose id, source id or name (accents, case, "Jr." ignored) is `text`. */
export function matchPlayers(players: readonly RegisteredPlayer[], text: string): RegisteredPlayer[] {
  const key = nameKey(text);
  return players.filter((p) => p.playerId === text || p.refs.includes(text) || (p.playerName !== null && nameKey(p.playerName) === key));
}

/** The one player `text` names, or SL_PLAYER_NOT_FOUND listing candidates. */
export function findPlayerOrThrow(players: readonly RegisteredPlayer[], text: string): RegisteredPlayer {
  const found = matchPlayers(players, text);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new SharplineError('SL_PLAYER_NOT_FOUND', `"${text}" names ${found.length} players: ${found.map((p) => `${p.playerName ?? '?'} (${p.playerId})`).join(', ')}; give the id instead`);
  }
  const last = nameKey(text).split(' ').pop() ?? '';
  const similar = last ? players.filter((p) => p.playerName !== null && nameKey(p.playerName).endsWith(` ${last}`)).slice(0, 5) : [];
  throw new SharplineError(
    'SL_PLAYER_NOT_FOUND',
    `no pitcher "${text}" in the store${similar.length ? `; similar: ${similar.map((p) => `${p.playerName} (${p.playerId})`).join(', ')}` : ''} (import pitcher logs with \`sharpline import retrosheet|bref-pitching\`; Retrosheet-only pitchers have no name, use their id, e.g. retro:coleg001)`,
  );
}
