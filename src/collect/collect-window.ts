/**
 * @module collect/collect-window
 * One window of one source and sport: fetch every request (and the follow-ups responses call for;
 * a body that is not valid JSON is asked for once more), then, only when every fetch succeeded, stage each response like a file and write raw → staging →
 * curated, the run row and the checkpoint in ONE transaction. A kill or a failed request leaves the
 * window wholly absent, so a resumed backfill ends identical to an uninterrupted one.
 */
import { teamRegistry } from '../domain/teams/index.js';
import type { Sport } from '../domain/sports.js';
import { curateRun, lockCuration } from '../pipeline/curate.js';
import { addCounts, finishRun, startRun, type RunCounts } from '../pipeline/runs.js';
import { stageFile, type FileBatch } from '../pipeline/stage-file.js';
import { writeBatch, writeStaging } from '../pipeline/write-batch.js';
import type { Database } from '../store/database.js';
import type { CsvFile } from '../sources/csv-reader.js';
import type { SourceRecord } from '../sources/types.js';
import { requestText } from '../sources/http/json-fields.js';
import type { DateWindow, HttpRequestSpec, HttpSource, RequestOptions, StagedExtras } from '../sources/http/types.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import { saveCheckpoint } from './checkpoints.js';

/** What one window did. */
export interface WindowResult {
  runId: number | null;
  requests: number;
  counts: RunCounts;
  gamesCreated: number;
  quotesAdded: number;
  quarantineSample: { request: string; row: number; code: string; field: string | null; reason: string }[];
}

export interface CollectWindowOptions extends RequestOptions {
  /** Marks records as synthetic in lineage (`context.origin = 'synthetic-test'`): tests and benches. */
  readonly synthetic?: boolean;
  /** Write a checkpoint row (backfills do; live polls do not). Default true. */
  readonly checkpoint?: boolean;
  /** The API key, for sources that need one (sent as `source.apiKeyParam`, never stored). */
  readonly apiKey?: string;
  /** Called after each response arrives. */
  readonly onRequest?: (response: HttpResponse) => void;
}

/** Fetches and writes one window; throws a SharplineError('SL_SOURCE_HTTP') when a request finally fails (nothing written). */
export async function collectWindow(
  db: Database,
  client: HttpClient,
  source: HttpSource,
  sport: Sport,
  window: DateWindow,
  seen: Set<string>,
  options: CollectWindowOptions = {},
): Promise<WindowResult> {
  const responses = await fetchAll(client, source, source.requests(window, sport, options), options);
  const teams = teamRegistry();
  // Staged against a copy: hashes join `seen` only once the window is committed.
  const windowSeen = new Set(seen);
  const batches: { batch: FileBatch; spec: HttpRequestSpec; records: SourceRecord[] }[] = [];
  for (const { spec, parsed } of responses) {
    const fileContext = { source: source.name, kind: spec.kind, ...(options.synthetic ? { origin: 'synthetic-test' } : {}) };
    const path = requestText(spec);
    const file: CsvFile = { path, sha256: '', header: [], records: parsed.records, unreadable: parsed.unreadable, rowsIn: parsed.records.length + parsed.unreadable.length };
    batches.push({ spec, records: parsed.records, batch: stageFile(source.format, file, { format: source.name, filePath: path, fileContext, teams }, spec.kind, windowSeen) });
  }
  const counts: RunCounts = { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 };
  for (const { batch } of batches) addCounts(counts, batch.counts);
  const sample: WindowResult['quarantineSample'] = batches.flatMap(({ batch }) =>
    batch.quarantine.slice(0, 10).map((q) => ({ request: batch.filePath, row: q.rowNumber, code: q.issue.code, field: q.issue.field ?? null, reason: q.issue.message })),
  );
  const result = await db.transaction(async (tx) => {
    // The whole window commits under the curation lock (curateRun takes it again, reentrantly), so
    // its run, checkpoint and curated rows land together, after any other process's curation.
    await lockCuration(tx);
    const runId = await startRun(tx, 'collect', { sourceFormat: source.name, args: { sport, window, live: !!options.live, requests: responses.length } });
    // Raw records and quarantine keep their request (file_path) per response; the typed staging rows
    // of the whole window go in one load per table (20 snapshots a day would otherwise mean 20 loads
    // per table, most of them empty).
    for (const { batch } of batches) {
      await writeBatch(tx, source.name, runId, batch, 'raw');
      if (batch.quarantine.length) await writeStaging(tx, source.name, runId, { ...batch, ...EMPTY_ROWS, loadedHashes: [] });
    }
    const merged = mergeBatches(batches.map((b) => b.batch));
    await writeStaging(tx, source.name, runId, merged);
    if (source.extras) await writeExtras(tx, source.name, runId, source.extras(batches.flatMap(({ batch, records }) => loadedRecords(batch, records)), teams));
    const staged = merged.games.length + merged.quotes.length + merged.playerLogs.length + merged.periods.length;
    const curated = staged > 0 ? await curateRun(tx, runId, { countQuotes: false }) : null;
    await finishRun(tx, runId, 'succeeded', counts);
    if (options.checkpoint !== false) {
      await saveCheckpoint(tx, { source: source.name, sport, window, status: 'succeeded', runId, requests: responses.length, ...counts, error: null });
    }
    return { runId, gamesCreated: curated?.gamesCreated ?? 0 };
  });
  for (const hash of windowSeen) seen.add(hash);
  return {
    runId: result.runId,
    requests: responses.length,
    counts,
    gamesCreated: result.gamesCreated,
    quotesAdded: batches.reduce((n, { batch }) => n + batch.quotes.length, 0),
    quarantineSample: sample,
  };
}

/** Requests in order, then the follow-ups their bodies call for (each once). */
async function fetchAll(client: HttpClient, source: HttpSource, specs: HttpRequestSpec[], options: CollectWindowOptions) {
  const queue = [...specs];
  const done = new Set<string>();
  const out: { spec: HttpRequestSpec; response: HttpResponse; parsed: ReturnType<HttpSource['parse']> }[] = [];
  const key = options.apiKey;
  while (queue.length) {
    const spec = queue.shift()!;
    const id = requestText(spec);
    if (done.has(id)) continue;
    done.add(id);
    const query = key && source.apiKeyParam ? { ...spec.query, [source.apiKeyParam]: key } : spec.query;
    let response = await client.get(spec.path, query);
    options.onRequest?.(response);
    let parsed = source.parse(spec, response.body, response.fetchedAt);
    // A body cut short is usually the network, not the provider: ask once more before quarantining it.
    if (parsed.unreadable.some((u) => u.issue.code === 'unparseable_response')) {
      response = await client.get(spec.path, query);
      options.onRequest?.(response);
      parsed = source.parse(spec, response.body, response.fetchedAt);
    }
    out.push({ spec, response, parsed });
    queue.push(...parsed.followUps);
  }
  return out;
}

/** The records of a response that staging loaded (not duplicates, not quarantined), each once. */
function loadedRecords(batch: FileBatch, records: readonly SourceRecord[]): SourceRecord[] {
  const loaded = new Set(batch.loadedHashes);
  const out: SourceRecord[] = [];
  for (const r of records) if (loaded.delete(r.contentHash)) out.push(r);
  return out;
}

async function writeExtras(db: Database, format: string, runId: number, extras: StagedExtras): Promise<void> {
  await db.bulkLoad(
    'staging.mlb_stats_api__probable_pitchers',
    ['source_format', 'source_key', 'side', 'run_id', 'source_game_ref', 'game_date', 'team_id', 'player_ref', 'player_name'],
    extras.probablePitchers.map((p) => [format, p.sourceKey, p.side, runId, p.sourceGameRef, p.gameDate, p.teamId, p.playerRef, p.playerName]),
  );
  await db.bulkLoad(
    'staging.mlb_stats_api__transactions',
    ['source_format', 'source_key', 'run_id', 'transaction_ref', 'player_ref', 'player_name', 'team_id', 'team_name', 'transaction_date', 'effective_date', 'type_code', 'description', 'is_injured_list'],
    extras.transactions.map((t) => [format, t.sourceKey, runId, t.transactionRef, t.playerRef, t.playerName, t.teamId, t.teamName, t.transactionDate, t.effectiveDate, t.typeCode, t.description, t.isInjuredList]),
  );
}

const EMPTY_ROWS = { games: [], quotes: [], playerLogs: [], forecasts: [], splits: [], periods: [] };

/** One batch holding every response's staging rows and loaded hashes (no raw rows, no quarantine: written per response). */
function mergeBatches(batches: readonly FileBatch[]): FileBatch {
  const first = batches[0];
  const merged: FileBatch = {
    filePath: first?.filePath ?? '',
    fileContext: first?.fileContext ?? {},
    contextKey: first?.contextKey ?? '',
    raw: [],
    games: batches.flatMap((b) => b.games),
    quotes: batches.flatMap((b) => b.quotes),
    playerLogs: batches.flatMap((b) => b.playerLogs),
    forecasts: batches.flatMap((b) => b.forecasts),
    splits: batches.flatMap((b) => b.splits),
    periods: batches.flatMap((b) => b.periods),
    quarantine: [],
    loadedHashes: batches.flatMap((b) => b.loadedHashes),
    counts: { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0 },
  };
  return merged;
}
