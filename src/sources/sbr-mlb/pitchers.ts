/**
 * @module sources/sbr-mlb/pitchers
 * The `Pitcher` cell names the row's team's starting pitcher as the archive writes him: first
 * initial, surname and throwing hand, upper case (`CKERSHAW-L`, `CO'GRADY-L`, `ABIBENS-DIRKX-R`;
 * a few are mixed case, `LMcCULLRS-R`). The archive has no player ids, so the text itself is the
 * id: `sbr:CKERSHAW` (upper-cased, the `-L`/`-R` hand dropped; any other text is kept whole, e.g.
 * `DAVIES-Z` → `sbr:DAVIES-Z`). A blank cell or `UNDECIDED` names nobody: no starter for that side.
 * Only who started is known: the archive gives no pitching line, so every count stays null.
 */
import { cell } from '../fields.js';
import type { SourceRecord, StagedGame, StagedPlayerLog } from '../types.js';

/** Cells that name no pitcher. */
const NO_PITCHER = /^(undecided)?$/i;

/** The row's starter as `sbr:` player ref and the text as published, or null when the cell names nobody. */
export function starterCell(record: SourceRecord): { playerRef: string; playerName: string } | null {
  const text = cell(record, 'Pitcher');
  if (NO_PITCHER.test(text)) return null;
  const name = text.toUpperCase().replace(/-[LR]$/, '');
  return { playerRef: `sbr:${name}`, playerName: text };
}

/**
 * The starter of one side of a staged game as a player game log keyed by that side's row (its
 * content hash: the row is the side, so the key is stable, unique and points back to the raw
 * record), or null when the row names no pitcher.
 */
export function starterLog(record: SourceRecord, side: 'home' | 'away', game: StagedGame): StagedPlayerLog | null {
  const starter = starterCell(record);
  if (!starter) return null;
  const isHome = side === 'home';
  return {
    sourceKey: record.contentHash,
    sport: game.sport,
    playerRef: starter.playerRef,
    playerName: starter.playerName,
    teamId: isHome ? game.homeTeamId : game.awayTeamId,
    opponentTeamId: isHome ? game.awayTeamId : game.homeTeamId,
    isHome,
    gameDate: game.gameDate,
    gameNumber: game.gameNumber,
    sourceGameRef: game.sourceGameRef,
    started: true,
    outs: null,
    battersFaced: null,
    strikeouts: null,
    walks: null,
    hits: null,
    runs: null,
    earnedRuns: null,
    homeRuns: null,
    pitches: null,
  };
}
