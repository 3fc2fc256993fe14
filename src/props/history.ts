/**
 * @module props/history
 * What is known before a day: every pitcher's earlier lines, strikeouts and batters faced by the
 * batting club and by park, and the league totals. The walk-forward adds a day's lines only after
 * predicting that day, so every feature is as-of by construction (no query can see the future).
 * The accumulator is mutable for speed (one pass over a season) and owned by one walk.
 */
import type { PitchingLine } from './types.js';

interface Tally {
  k: number;
  bf: number;
}

export interface History {
  /** Each pitcher's lines, oldest first. */
  readonly byPitcher: Map<string, PitchingLine[]>;
  /** Strikeouts and batters faced by each club's batters (the pitcher's opponent). */
  readonly batting: Map<string, Tally>;
  /** By park, named by its home club. */
  readonly parks: Map<string, Tally>;
  readonly league: Tally;
  /** The latest game date added. */
  latestDate: string | null;
}

export function emptyHistory(): History {
  return { byPitcher: new Map(), batting: new Map(), parks: new Map(), league: { k: 0, bf: 0 }, latestDate: null };
}

function bump(map: Map<string, Tally>, key: string, k: number, bf: number): void {
  const t = map.get(key);
  if (t) {
    t.k += k;
    t.bf += bf;
  } else map.set(key, { k, bf });
}

/** Adds lines (all dated on or after what the history holds) to the history. */
export function addLines(history: History, lines: readonly PitchingLine[]): void {
  for (const line of lines) {
    const list = history.byPitcher.get(line.playerId);
    if (list) list.push(line);
    else history.byPitcher.set(line.playerId, [line]);
    if (history.latestDate === null || line.date > history.latestDate) history.latestDate = line.date;
    if (line.strikeouts === null || line.battersFaced === null || line.battersFaced === 0) continue;
    bump(history.batting, line.opponentTeamId, line.strikeouts, line.battersFaced);
    if (line.isHome !== null) bump(history.parks, line.isHome ? line.teamId : line.opponentTeamId, line.strikeouts, line.battersFaced);
    history.league.k += line.strikeouts;
    history.league.bf += line.battersFaced;
  }
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
