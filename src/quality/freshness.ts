/**
 * @module quality/freshness
 * Freshness and collection gaps of the live sources named in the quality config: how long since a
 * source last delivered (raw.records.ingested_at) while one of its sports is in season, and where,
 * over the look-back window, deliveries stopped for longer than the source's limit while games of
 * its sports were played. File archives are not live sources and are never stale.
 */
import type { Database, Row } from '../store/database.js';
import { qualityConfig, type QualityConfig } from './config.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sports with a game within `days` of `now` (by local date). */
async function sportsInSeason(db: Database, now: Date, days: number): Promise<Set<string>> {
  const from = new Date(now.getTime() - days * DAY).toISOString().slice(0, 10);
  const to = new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
  const rows = await db.query<{ sport: string }>(
    `SELECT DISTINCT sport FROM curated.games WHERE game_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)`,
    [from, to],
  );
  return new Set(rows.map((r) => r.sport));
}

function inScope(sports: readonly string[], sport: string | undefined): readonly string[] {
  return sport ? sports.filter((s) => s === sport) : sports;
}

/** One row per configured live source that is stale while one of its sports is in season. */
export async function staleSourceRows(db: Database, options: { sport?: string; now?: Date; config?: QualityConfig } = {}): Promise<Row[]> {
  const config = options.config ?? qualityConfig();
  const now = options.now ?? new Date();
  const sources = Object.entries(config.freshness);
  if (sources.length === 0) return [];
  const inSeason = await sportsInSeason(db, now, config.inSeasonDays);
  const last = await db.query<{ source_format: string; last_at: Date | string }>(
    `SELECT source_format, MAX(ingested_at) AS last_at FROM raw.records WHERE source_format IN (${sources.map((_, i) => `$${i + 1}`).join(', ')}) GROUP BY source_format`,
    sources.map(([name]) => name),
  );
  const out: Row[] = [];
  for (const [source, rule] of sources) {
    const seasonal = inScope(rule.sports, options.sport).filter((s) => inSeason.has(s));
    if (seasonal.length === 0) continue;
    const row = last.find((l) => l.source_format === source);
    // A source that never delivered is not in use here: nothing to be stale.
    if (!row) continue;
    const hours = (now.getTime() - new Date(row.last_at).getTime()) / HOUR;
    if (hours > rule.maxHours) {
      out.push({ source, sport: seasonal.join(','), last_data_at: new Date(row.last_at).toISOString(), hours_since: Math.round(hours * 10) / 10, max_hours: rule.maxHours });
    }
  }
  return out;
}

/**
 * One row per gap in a live source's deliveries, over the look-back window, longer than its limit
 * and with games of its sports played in it. Deliveries are the distinct `ingested_at` instants.
 */
export async function collectionGapRows(db: Database, options: { sport?: string; now?: Date; config?: QualityConfig } = {}): Promise<Row[]> {
  const config = options.config ?? qualityConfig();
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - config.gapLookbackDays * DAY);
  const out: Row[] = [];
  for (const [source, rule] of Object.entries(config.freshness)) {
    const sports = inScope(rule.sports, options.sport);
    if (sports.length === 0) continue;
    const deliveries = await db.query<{ at: Date | string }>(
      `SELECT DISTINCT ingested_at AS at FROM raw.records WHERE source_format = $1 AND ingested_at >= $2 ORDER BY 1`,
      [source, since.toISOString()],
    );
    if (deliveries.length < 2) continue;
    const games = await db.query<{ sport: string; game_date: string; n: number }>(
      `SELECT sport, CAST(game_date AS VARCHAR) AS game_date, COUNT(*) AS n FROM curated.games
       WHERE sport IN (${sports.map((_, i) => `$${i + 2}`).join(', ')}) AND game_date >= CAST($1 AS DATE) GROUP BY sport, game_date`,
      [since.toISOString().slice(0, 10), ...sports],
    );
    const times = deliveries.map((d) => new Date(d.at).getTime());
    for (let i = 1; i < times.length; i++) {
      const hours = (times[i]! - times[i - 1]!) / HOUR;
      if (hours <= rule.maxHours) continue;
      const from = new Date(times[i - 1]!).toISOString();
      const to = new Date(times[i]!).toISOString();
      // Games on a date strictly inside the gap (a date touching either end may have been covered).
      const missed = games.filter((g) => g.game_date > from.slice(0, 10) && g.game_date < to.slice(0, 10));
      if (missed.length === 0) continue;
      out.push({ source, sport: [...new Set(missed.map((g) => g.sport))].join(','), gap_from: from, gap_to: to, hours: Math.round(hours * 10) / 10, max_hours: rule.maxHours, games_in_gap: missed.reduce((n, g) => n + Number(g.n), 0) });
    }
  }
  return out;
}
