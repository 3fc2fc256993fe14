/**
 * @module pipeline/stage-file
 * One file's records → what each zone receives: new raw records, staging rows, quarantine rows,
 * duplicates. Pure (no store): both the import and `pipeline run --zone staging` use it, and a
 * dry run prints its counts.
 */
import { hashRecord, type CsvFile } from '../sources/csv-reader.js';
import type { FileContext, RowIssue, SourceFormat, SourceRecord, StageContext, StagedForecast, StagedGame, StagedPeriod, StagedPlayerLog, StagedQuote, StagedSplit } from '../sources/types.js';
import { gameKey } from './curate.js';
import type { RunCounts } from './runs.js';

export interface RawRow {
  readonly contentHash: string;
  readonly rowNumber: number;
  readonly payload: Readonly<Record<string, string>>;
}

export interface QuarantineRow {
  readonly contentHash: string;
  readonly rowNumber: number;
  readonly issue: RowIssue;
  readonly payload: Readonly<Record<string, string>>;
}

/** What one file sends to each zone. `counts.rowsIn = loaded + quarantined + duplicates` always. */
export interface FileBatch {
  readonly filePath: string;
  readonly fileContext: FileContext;
  readonly contextKey: string;
  readonly raw: RawRow[];
  readonly games: StagedGame[];
  readonly quotes: StagedQuote[];
  readonly playerLogs: StagedPlayerLog[];
  readonly forecasts: StagedForecast[];
  readonly splits: StagedSplit[];
  readonly periods: StagedPeriod[];
  readonly quarantine: QuarantineRow[];
  readonly loadedHashes: string[];
  readonly counts: RunCounts;
}

/** A stable text for a file context, part of every record hash. */
export function contextKeyOf(context: FileContext): string {
  return Object.keys(context)
    .sort()
    .map((k) => `${k}=${context[k]}`)
    .join(';');
}

/**
 * Splits `file` into zone rows. `seen` holds hashes already in raw (and gains this file's), so a
 * record met before, in the store or earlier in this run, counts as a duplicate.
 */
export function stageFile(format: SourceFormat, file: CsvFile, context: StageContext, contextKey: string, seen: Set<string>): FileBatch {
  const raw: RawRow[] = [];
  const quarantine: QuarantineRow[] = [];
  let duplicates = 0;
  const fresh = new Set<string>();

  for (const bad of file.unreadable) {
    const hash = hashRecord(format.name, contextKey, ['\u0000unreadable', bad.text]);
    if (seen.has(hash) || fresh.has(hash)) {
      duplicates++;
      continue;
    }
    fresh.add(hash);
    const payload = { _line: bad.text };
    raw.push({ contentHash: hash, rowNumber: bad.rowNumber, payload });
    quarantine.push({ contentHash: hash, rowNumber: bad.rowNumber, issue: bad.issue, payload });
  }

  const newRecords: SourceRecord[] = [];
  for (const record of file.records) {
    if (seen.has(record.contentHash) || fresh.has(record.contentHash)) {
      duplicates++;
      continue;
    }
    fresh.add(record.contentHash);
    newRecords.push(record);
    raw.push({ contentHash: record.contentHash, rowNumber: record.rowNumber, payload: record.payload });
  }

  // Formats stage the whole file (some pair rows); only what new records produce is kept. A row
  // repeated byte for byte is staged once (its copies are the duplicates counted above).
  const distinct: SourceRecord[] = [];
  const staged = new Set<string>();
  for (const record of file.records) {
    if (staged.has(record.contentHash)) continue;
    staged.add(record.contentHash);
    distinct.push(record);
  }
  const output = newRecords.length ? format.stage(distinct, context) : { games: [], quotes: [], rejects: [] };
  const isNew = (hash: string) => fresh.has(hash);
  const rejected = new Map<string, { record: SourceRecord; issue: RowIssue }>();
  for (const r of output.rejects) if (isNew(r.record.contentHash)) rejected.set(r.record.contentHash, r);

  // The same game twice in one file (doubleheaders carry distinct game numbers) is a duplicate game.
  const games: StagedGame[] = [];
  const firstByKey = new Map<string, StagedGame>();
  const recordsByHash = new Map(newRecords.map((r) => [r.contentHash, r]));
  for (const game of output.games) {
    const key = gameKey(game);
    const first = firstByKey.get(key);
    if (!first) firstByKey.set(key, game);
    if (!isNew(game.sourceKey) || rejected.has(game.sourceKey)) continue;
    if (first && first.sourceKey !== game.sourceKey) {
      const record = recordsByHash.get(game.sourceKey)!;
      const firstRow = recordsByHash.get(first.sourceKey)?.rowNumber;
      rejected.set(game.sourceKey, {
        record,
        issue: { code: 'duplicate_game', message: `the same game (${key}) already appears${firstRow ? ` on line ${firstRow}` : ''} of this file` },
      });
      continue;
    }
    games.push(game);
  }
  const keptGames = new Set(games.map((g) => g.sourceKey));
  const quotes = output.quotes.filter((q) => isNew(q.sourceKey) && keptGames.has(q.gameSourceKey) && !rejected.has(q.sourceKey));
  const forecasts = (output.forecasts ?? []).filter((f) => isNew(f.sourceKey) && keptGames.has(f.gameSourceKey) && !rejected.has(f.sourceKey));
  const playerLogs = (output.playerLogs ?? []).filter((l) => isNew(l.sourceKey) && !rejected.has(l.sourceKey));
  const splits = (output.splits ?? []).filter((s) => isNew(s.sourceKey) && !rejected.has(s.sourceKey));
  // A period belongs to its game's row: written only with a game that is.
  const periods = (output.periods ?? []).filter((p) => keptGames.has(p.sourceKey));

  for (const { record, issue } of rejected.values()) {
    quarantine.push({ contentHash: record.contentHash, rowNumber: record.rowNumber, issue, payload: record.payload });
  }
  for (const hash of fresh) seen.add(hash);
  const loadedHashes = newRecords.filter((r) => !rejected.has(r.contentHash)).map((r) => r.contentHash);
  return {
    filePath: file.path,
    fileContext: context.fileContext,
    contextKey,
    raw,
    games,
    quotes,
    playerLogs,
    forecasts,
    splits,
    periods,
    quarantine,
    loadedHashes,
    counts: { rowsIn: file.rowsIn, loaded: loadedHashes.length, quarantined: quarantine.length, duplicates },
  };
}
