/**
 * @module sources/retrosheet
 * Retrosheet's CSV downloads, two layouts under one format name, told apart by the header:
 * `<year>gameinfo.csv` (one row per game → staged games) and `<year>pitching.csv` (one row per
 * pitcher per game → pitcher game logs, linked to the games by date, teams and game number, so
 * import the game info first). Codes are Retrosheet's (CHA, NYN, SLN…); dates `YYYYMMDD`; game
 * number 0 for a single game, 1/2 for a doubleheader. Player names are not in the pitching file.
 * Notice: "The information used here was obtained free of charge from and is copyrighted by
 * Retrosheet. Interested parties may contact Retrosheet at www.retrosheet.org."
 */
import { reject, stageRecords } from '../fields.js';
import type { SourceFormat, SourceRecord, StagedGame, StagedPlayerLog } from '../types.js';
import { GAME_INFO_COLUMNS, stageGameInfo } from './game-info.js';
import { PITCHING_COLUMNS, stagePitchingLine } from './pitching.js';

/** Which Retrosheet layout a file is, from its header (the first record's columns). */
export function retrosheetLayout(columns: readonly string[]): 'gameinfo' | 'pitching' | null {
  const has = (wanted: readonly string[]) => wanted.every((c) => columns.includes(c));
  if (has(GAME_INFO_COLUMNS)) return 'gameinfo';
  if (has(PITCHING_COLUMNS)) return 'pitching';
  return null;
}

/** Records with distinct content (a repeated row is the pipeline's duplicate and must stage once). */
function uniqueRecords(records: readonly SourceRecord[]): SourceRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.contentHash) && seen.add(r.contentHash));
}

/** The Retrosheet format: game info → games, pitching → pitcher game logs. */
export const retrosheet: SourceFormat = {
  name: 'retrosheet',
  description: 'Retrosheet gameinfo.csv (MLB games, scores, start times) and pitching.csv (pitcher game lines) (Retrosheet notice)',
  // The columns both layouts share; the layout itself is told from the rest of the header.
  requiredColumns: ['gid', 'date', 'number', 'gametype'],
  fileContext: () => ({}),
  stage(records, context) {
    const layout = records.length ? retrosheetLayout(Object.keys(records[0]!.payload)) : null;
    const games: StagedGame[] = [];
    const playerLogs: StagedPlayerLog[] = [];
    const { results, rejects } = stageRecords(uniqueRecords(records), (record: SourceRecord) => {
      if (layout === 'gameinfo') return stageGameInfo(record, context);
      if (layout === 'pitching') return stagePitchingLine(record, context);
      return reject(
        'unsupported_layout',
        undefined,
        `this Retrosheet file is neither game info (${GAME_INFO_COLUMNS.join(', ')}) nor pitching (${PITCHING_COLUMNS.join(', ')})`,
      );
    });
    for (const { value } of results) {
      if (value === null) continue;
      if ('homeTeamId' in value) games.push(value);
      else playerLogs.push(value);
    }
    return { games, quotes: [], playerLogs, rejects };
  },
};
