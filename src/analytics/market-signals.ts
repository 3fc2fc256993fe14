/**
 * @module analytics/market-signals
 * `sharpline signals`: reads betting-split snapshots and timestamped quotes, applies the one set of
 * definitions in `domain/signals`, and stores what fires in `analytics.market_signals` with the
 * inputs behind each row.
 *
 * Splits are read from staging (one row per observation), not only from curated: a split whose game
 * is not in curated.games yet still says what the market did; `game_id` is filled when it is.
 */
import { lineMovement, type LinePoint } from '../domain/line-movement.js';
import {
  detectSteam,
  publicHeavy,
  reverseLineMovement,
  sharpAction,
  SIGNAL_CONFIG,
  type BookMove,
  type SideSplit,
  type SignalConfig,
} from '../domain/signals.js';
import type { Market, Side } from '../domain/sports.js';
import type { Database, SqlValue } from '../store/database.js';
import { finishRun, startRun } from '../pipeline/runs.js';

export type SignalName = 'sharp_action' | 'reverse_line_movement' | 'steam' | 'public_heavy';

export interface SignalFilter {
  readonly sport?: string;
  /** Local game date, `YYYY-MM-DD`. */
  readonly date?: string;
  readonly gameId?: number;
}

export interface MarketSignal {
  signal: SignalName;
  sport: string;
  game_date: string;
  home_team_id: string;
  away_team_id: string;
  game_id: number | null;
  market: Market;
  side: Side;
  strength: string | null;
  value: number | null;
  as_of: string;
  inputs: Record<string, unknown>;
  source_format: string;
}

export interface SignalReport {
  version: 1;
  run_id: number | null;
  dry_run: boolean;
  /** Split observations and timestamped quotes read. */
  observations: number;
  signals: MarketSignal[];
  counts: Record<SignalName, number>;
}

type SplitRow = {
  source_format: string;
  sport: string;
  game_date: string;
  home_team_id: string;
  away_team_id: string;
  game_id: number | null;
  market: Market;
  side: Side;
  line: number | null;
  bets_share: number | null;
  money_share: number | null;
  price_decimal: number | null;
  observed_at: Date;
  start_at: Date | null;
};

type QuoteRow = {
  source_format: string;
  game_id: number;
  sport: string;
  game_date: string;
  home_team_id: string;
  away_team_id: string;
  market: Market;
  side: Side;
  book: string;
  line: number | null;
  price_decimal: number | null;
  observed_at: Date;
};

/** Computes the signals in `filter`'s scope (nothing stored). */
export async function computeSignals(db: Database, filter: SignalFilter = {}, config: SignalConfig = SIGNAL_CONFIG): Promise<{ observations: number; signals: MarketSignal[] }> {
  const splits = await readSplits(db, filter);
  const quotes = await readTimestampedQuotes(db, filter);
  const signals = [...splitSignals(splits, config), ...steamSignals(quotes, config)];
  signals.sort((a, b) => a.game_date.localeCompare(b.game_date) || a.home_team_id.localeCompare(b.home_team_id) || a.market.localeCompare(b.market) || a.signal.localeCompare(b.signal));
  return { observations: splits.length + quotes.length, signals };
}

/** Recomputes and replaces the stored signals in `filter`'s scope, as one run. */
export async function refreshSignals(db: Database, filter: SignalFilter = {}, options: { dryRun?: boolean; config?: SignalConfig } = {}): Promise<SignalReport> {
  const { observations, signals } = await computeSignals(db, filter, options.config);
  const counts: Record<SignalName, number> = { sharp_action: 0, reverse_line_movement: 0, steam: 0, public_heavy: 0 };
  for (const s of signals) counts[s.signal]++;
  if (options.dryRun) return { version: 1, run_id: null, dry_run: true, observations, signals, counts };

  const runId = await startRun(db, 'signals', { args: filter });
  try {
    await db.transaction(async (tx) => {
      const { where, params } = scopeSql(filter, 'analytics.market_signals');
      await tx.execute(`DELETE FROM analytics.market_signals WHERE ${where}`, params);
      const now = new Date().toISOString();
      await tx.bulkLoad(
        'analytics.market_signals',
        ['signal', 'sport', 'game_date', 'home_team_id', 'away_team_id', 'game_id', 'market', 'side', 'strength', 'value', 'as_of', 'inputs', 'source_format', 'run_id', 'computed_at'],
        signals.map((s) => [s.signal, s.sport, s.game_date, s.home_team_id, s.away_team_id, s.game_id, s.market, s.side, s.strength, s.value, s.as_of, JSON.stringify(s.inputs), s.source_format, runId, now]),
      );
    });
  } catch (error) {
    await finishRun(db, runId, 'failed', { rowsIn: observations, loaded: 0, quarantined: 0, duplicates: 0 }, (error as Error).message).catch(() => undefined);
    throw error;
  }
  // Every observation read was used (a signal or none); nothing to quarantine.
  await finishRun(db, runId, 'succeeded', { rowsIn: observations, loaded: observations, quarantined: 0, duplicates: 0 });
  return { version: 1, run_id: runId, dry_run: false, observations, signals, counts };
}

/**
 * WHERE clause for `filter` over a table with sport, game_date and game_id columns (`game_date` a
 * DATE, or its `YYYY-MM-DD` text when `dateIsText`).
 */
function scopeSql(filter: SignalFilter, alias: string, dateIsText = false): { where: string; params: SqlValue[] } {
  const where: string[] = ['TRUE'];
  const params: SqlValue[] = [];
  if (filter.sport) {
    params.push(filter.sport);
    where.push(`${alias}.sport = $${params.length}`);
  }
  if (filter.date) {
    params.push(filter.date);
    where.push(dateIsText ? `${alias}.game_date = $${params.length}` : `${alias}.game_date = CAST($${params.length} AS DATE)`);
  }
  if (filter.gameId !== undefined) {
    params.push(filter.gameId);
    where.push(`${alias}.game_id = $${params.length}`);
  }
  return { where: where.join(' AND '), params };
}

async function readSplits(db: Database, filter: SignalFilter): Promise<SplitRow[]> {
  const { where, params } = scopeSql(filter, 'o', true);
  // One row per observation (a repeated snapshot is the same observation), with its curated game.
  const rows = await db.query<Omit<SplitRow, 'observed_at' | 'start_at'> & { observed_at: Date | string; start_at: Date | string | null }>(
    `SELECT * FROM (
       SELECT s.source_format, s.sport, CAST(s.game_date AS VARCHAR) AS game_date, s.home_team_id, s.away_team_id, c.game_id,
              s.market, s.side, s.line, s.bets_share, s.money_share, s.price_decimal, s.observed_at, s.start_at
       FROM (SELECT DISTINCT ON (source_format, split_key) * FROM staging.betting_splits
             ORDER BY source_format, split_key, run_id, source_key, split_seq) s
       LEFT JOIN curated.betting_splits c ON c.source_format = s.source_format AND c.split_key = s.split_key
     ) o
     WHERE ${where}
     ORDER BY o.observed_at`,
    params,
  );
  // As-of discipline: a snapshot pulled after kick-off says nothing about the pre-game market.
  return rows
    .map((r) => ({ ...r, observed_at: new Date(r.observed_at), start_at: r.start_at === null ? null : new Date(r.start_at) }))
    .filter((r) => r.start_at === null || r.observed_at.getTime() <= r.start_at.getTime());
}

async function readTimestampedQuotes(db: Database, filter: SignalFilter): Promise<QuoteRow[]> {
  const { where, params } = scopeSql(filter, 'o', true);
  const rows = await db.query<Omit<QuoteRow, 'observed_at'> & { observed_at: Date | string }>(
    `SELECT * FROM (
       SELECT q.source_format, q.game_id, g.sport, CAST(g.game_date AS VARCHAR) AS game_date, g.home_team_id, g.away_team_id,
              q.market, q.side, q.book, q.line, q.price_decimal, q.observed_at
       FROM curated.quotes q JOIN curated.games g ON g.game_id = q.game_id
       WHERE q.observed_at IS NOT NULL
     ) o
     WHERE ${where}
     ORDER BY o.observed_at`,
    params,
  );
  return rows.map((r) => ({ ...r, observed_at: new Date(r.observed_at) }));
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Sharp action, public-heavy and reverse line movement, per game and market, from split snapshots. */
function splitSignals(rows: readonly SplitRow[], config: SignalConfig): MarketSignal[] {
  const out: MarketSignal[] = [];
  const markets = groupBy(rows, (r) => [r.source_format, r.sport, r.game_date, r.home_team_id, r.away_team_id, r.market].join('|'));
  for (const observations of markets.values()) {
    const first = observations[0]!;
    const base = {
      sport: first.sport,
      game_date: first.game_date,
      home_team_id: first.home_team_id,
      away_team_id: first.away_team_id,
      game_id: observations.find((o) => o.game_id !== null)?.game_id ?? null,
      market: first.market,
      source_format: first.source_format,
    };
    // The latest snapshot in which every side has a share of bets.
    const snapshots = groupBy(observations, (o) => o.observed_at.toISOString());
    const counted = [...snapshots.values()].filter((snap) => snap.length >= 2 && snap.every((o) => o.bets_share !== null));
    const latest = counted.at(-1);
    if (!latest) continue;
    const asOf = latest[0]!.observed_at.toISOString();
    const sides: SideSplit[] = latest.map((o) => ({ side: o.side, betsShare: o.bets_share!, moneyShare: o.money_share }));

    for (const split of sides) {
      const sharp = sharpAction(split, config);
      if (sharp) out.push({ ...base, signal: 'sharp_action', side: sharp.side, strength: sharp.tier, value: sharp.gap, as_of: asOf, inputs: { ...sharp, snapshot: asOf } });
    }
    const heavy = publicHeavy(sides, config);
    if (heavy) out.push({ ...base, signal: 'public_heavy', side: heavy.side, strength: null, value: heavy.betsShare, as_of: asOf, inputs: { bets_share: heavy.betsShare, threshold: config.publicHeavyShare, snapshot: asOf } });

    const majority = [...sides].sort((a, b) => b.betsShare - a.betsShare)[0]!;
    const minority = sides.find((s) => s.side !== majority.side);
    if (!minority) continue;
    // The majority side's line and price over every snapshot up to the one judged.
    const history: LinePoint[] = observations
      .filter((o) => o.side === majority.side && o.observed_at.getTime() <= latest[0]!.observed_at.getTime())
      .map((o) => ({ at: o.observed_at, line: o.line, priceDecimal: o.price_decimal }));
    const movement = lineMovement(history);
    if (!movement) continue;
    const rlm = reverseLineMovement({ market: base.market, majority, minority: minority.side, lineChange: movement.lineChange, priceChangeCents: movement.priceChangeCents }, config);
    if (rlm) {
      out.push({
        ...base,
        signal: 'reverse_line_movement',
        side: rlm.side,
        strength: null,
        value: rlm.lineChange !== null && rlm.lineChange !== 0 ? rlm.lineChange : rlm.priceChangeCents,
        as_of: asOf,
        inputs: {
          majority_side: rlm.majoritySide,
          majority_bets_share: rlm.majorityBetsShare,
          open: pointJson(movement.open),
          close: pointJson(movement.close),
          line_change: movement.lineChange,
          price_change_cents: movement.priceChangeCents,
          moves: movement.moves,
          snapshots: history.length,
        },
      });
    }
  }
  return out;
}

/** Steam per game, market and side, from books' timestamped quote histories. */
function steamSignals(rows: readonly QuoteRow[], config: SignalConfig): MarketSignal[] {
  const out: MarketSignal[] = [];
  const groups = groupBy(rows, (r) => [r.source_format, r.game_id, r.market, r.side].join('|'));
  for (const quotes of groups.values()) {
    const moves: BookMove[] = [];
    for (const bookQuotes of groupBy(quotes, (q) => q.book).values()) {
      for (let i = 1; i < bookQuotes.length; i++) {
        const a = bookQuotes[i - 1]!;
        const b = bookQuotes[i]!;
        const lineDelta = a.line !== null && b.line !== null ? b.line - a.line : 0;
        const priceDelta = a.price_decimal !== null && b.price_decimal !== null ? b.price_decimal - a.price_decimal : 0;
        const delta = lineDelta !== 0 ? lineDelta : priceDelta;
        if (delta !== 0) moves.push({ book: b.book, at: b.observed_at, direction: delta > 0 ? 'up' : 'down' });
      }
    }
    const q = quotes[0]!;
    for (const steam of detectSteam(moves, config)) {
      out.push({
        signal: 'steam',
        sport: q.sport,
        game_date: q.game_date,
        home_team_id: q.home_team_id,
        away_team_id: q.away_team_id,
        game_id: q.game_id,
        market: q.market,
        side: q.side,
        strength: null,
        value: steam.books.length,
        as_of: steam.end.toISOString(),
        inputs: { direction: steam.direction, books: steam.books, start: steam.start.toISOString(), end: steam.end.toISOString() },
        source_format: q.source_format,
      });
    }
  }
  return out;
}

function pointJson(point: LinePoint): Record<string, unknown> {
  return { at: point.at?.toISOString() ?? null, line: point.line, price_decimal: point.priceDecimal };
}
