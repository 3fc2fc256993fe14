/**
 * @module pipeline/write-batch
 * Writes one file's batch into raw, staging and quarantine with bulk loads, inside the caller's
 * transaction, so a file is either wholly in the store or not at all.
 */
import type { Database, SqlValue } from '../store/database.js';
import { splitKey } from './curate.js';
import type { FileBatch } from './stage-file.js';

/** Which zones a write reaches: `raw` only, or through `staging`. */
export type WriteZone = 'raw' | 'staging';

/** Bulk-loads `batch` as part of run `runId`. */
export async function writeBatch(db: Database, format: string, runId: number, batch: FileBatch, zone: WriteZone): Promise<void> {
  const now = new Date().toISOString();
  const context = JSON.stringify(batch.fileContext);
  await db.bulkLoad(
    'raw.records',
    ['source_format', 'content_hash', 'run_id', 'file_path', 'row_number', 'context', 'payload', 'ingested_at'],
    lazy(batch.raw, (r) => [format, r.contentHash, runId, batch.filePath, r.rowNumber, context, JSON.stringify(r.payload), now]),
  );
  if (zone === 'raw') return;
  await writeStaging(db, format, runId, batch, now);
}

/** The staging half of a batch: outcomes per record, typed rows, quarantine. */
export async function writeStaging(db: Database, format: string, runId: number, batch: FileBatch, now = new Date().toISOString()): Promise<void> {
  await db.bulkLoad(
    'staging.processed_records',
    ['source_format', 'content_hash', 'run_id', 'outcome'],
    concat(
      lazy(batch.loadedHashes, (h) => [format, h, runId, 'loaded']),
      lazy(batch.quarantine, (q) => [format, q.contentHash, runId, 'quarantined']),
    ),
  );
  await db.bulkLoad(
    'ops.quarantine',
    ['source_format', 'content_hash', 'run_id', 'file_path', 'row_number', 'reason_code', 'field', 'reason', 'payload', 'quarantined_at'],
    lazy(batch.quarantine, (q) => [
      format,
      q.contentHash,
      runId,
      batch.filePath,
      q.rowNumber,
      q.issue.code,
      q.issue.field ?? null,
      q.issue.message,
      JSON.stringify(q.payload),
      now,
    ]),
  );
  await db.bulkLoad(
    'staging.games',
    [
      'source_format', 'source_key', 'run_id', 'source_game_ref', 'sport', 'league', 'season', 'season_type', 'game_date', 'start_at',
      'game_number', 'home_team_id', 'away_team_id', 'is_neutral_site', 'status', 'home_score', 'away_score',
    ],
    lazy(batch.games, (g) => [
      format, g.sourceKey, runId, g.sourceGameRef, g.sport, g.league, g.season, g.seasonType, g.gameDate, g.startAt,
      g.gameNumber, g.homeTeamId, g.awayTeamId, g.isNeutralSite, g.status, g.homeScore, g.awayScore,
    ]),
  );
  await db.bulkLoad(
    'staging.quotes',
    [
      'source_format', 'source_key', 'quote_seq', 'run_id', 'game_source_key', 'book', 'market', 'side', 'line',
      'price_decimal', 'price_text', 'observed_at', 'is_opening', 'is_closing',
    ],
    lazy(batch.quotes, (q) => [
      format, q.sourceKey, q.quoteSeq, runId, q.gameSourceKey, q.book, q.market, q.side, q.line,
      q.priceDecimal, q.priceText, q.observedAt, q.isOpening, q.isClosing,
    ]),
  );
  await db.bulkLoad(
    'staging.player_game_logs',
    [
      'source_format', 'source_key', 'run_id', 'sport', 'player_ref', 'player_name', 'team_id', 'opponent_team_id', 'is_home', 'game_date',
      'game_number', 'source_game_ref', 'started', 'outs', 'batters_faced', 'strikeouts', 'walks', 'hits', 'runs', 'earned_runs', 'home_runs', 'pitches',
    ],
    lazy(batch.playerLogs, (l) => [
      format, l.sourceKey, runId, l.sport, l.playerRef, l.playerName, l.teamId, l.opponentTeamId, l.isHome, l.gameDate,
      l.gameNumber, l.sourceGameRef, l.started, l.outs, l.battersFaced, l.strikeouts, l.walks, l.hits, l.runs, l.earnedRuns, l.homeRuns, l.pitches,
    ]),
  );
  await db.bulkLoad(
    'staging.forecasts',
    ['source_format', 'source_key', 'run_id', 'game_source_key', 'system', 'home_win_prob', 'home_rating', 'away_rating'],
    lazy(batch.forecasts, (f) => [format, f.sourceKey, runId, f.gameSourceKey, f.system, f.homeWinProb, f.homeRating, f.awayRating]),
  );
  await db.bulkLoad(
    'staging.game_periods',
    ['source_format', 'source_key', 'run_id', 'period', 'period_label', 'home_points', 'away_points'],
    lazy(batch.periods, (p) => [format, p.sourceKey, runId, p.period, p.periodLabel, p.homePoints, p.awayPoints]),
  );
  await db.bulkLoad(
    'staging.betting_splits',
    [
      'source_format', 'source_key', 'split_seq', 'run_id', 'split_key', 'sport', 'game_date', 'start_at', 'home_team_id', 'away_team_id',
      'market', 'side', 'team_id', 'line', 'bets_share', 'money_share', 'price_decimal', 'price_text', 'observed_at',
    ],
    lazy(batch.splits, (s) => [
      format, s.sourceKey, s.splitSeq, runId, splitKey(s), s.sport, s.gameDate, s.startAt, s.homeTeamId, s.awayTeamId,
      s.market, s.side, s.teamId, s.line, s.betsShare, s.moneyShare, s.priceDecimal, s.priceText, s.observedAt,
    ]),
  );
}

/**
 * Rows made one at a time as the loader encodes them: each array dies young (cheap for the garbage
 * collector) instead of millions living at once.
 */
function* lazy<T>(items: readonly T[], toRow: (item: T) => readonly SqlValue[]): Generator<readonly SqlValue[]> {
  for (const item of items) yield toRow(item);
}

function* concat(...parts: Iterable<readonly SqlValue[]>[]): Generator<readonly SqlValue[]> {
  for (const part of parts) yield* part;
}
