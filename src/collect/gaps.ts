/**
 * @module collect/gaps
 * Collection gaps: a source that brought no new data for a sport for more than N hours while that
 * sport is in season. Each gap is recorded once in `ops.alerts` (and resolved when data returns),
 * so `sharpline health` shows it, whatever process noticed it.
 */
import type { Sport } from '../domain/sports.js';
import type { Database } from '../store/database.js';
import { httpSources } from '../sources/http/registry.js';
import type { SharplineConfig } from './config.js';

/** Months (1–12) each sport is in season, regular season through finals. */
const SEASON_MONTHS: Readonly<Record<Sport, readonly number[]>> = {
  nfl: [9, 10, 11, 12, 1, 2],
  nba: [10, 11, 12, 1, 2, 3, 4, 5, 6],
  nhl: [10, 11, 12, 1, 2, 3, 4, 5, 6],
  mlb: [3, 4, 5, 6, 7, 8, 9, 10],
  soccer: [8, 9, 10, 11, 12, 1, 2, 3, 4, 5],
};

/** Whether `sport` is in season on `date`. */
export function inSeason(sport: Sport, date: Date): boolean {
  return SEASON_MONTHS[sport].includes(date.getUTCMonth() + 1);
}

export interface GapAlert {
  alert_id: number;
  kind: string;
  source: string | null;
  sport: string | null;
  message: string;
  raised_at: string;
}

/**
 * Checks every configured source and sport; raises an alert for each new gap and resolves the
 * alerts of gaps that closed. Returns the open alerts. A source never collected is not a gap (it
 * was never set up); configure `sources.<name>.sports` to say which sources are expected.
 */
export async function checkCollectionGaps(db: Database, config: SharplineConfig, now = new Date()): Promise<GapAlert[]> {
  const hours = config.gaps?.hours ?? 24;
  for (const source of httpSources()) {
    const sports = config.sources?.[source.name]?.sports;
    if (!sports) continue;
    for (const sport of sports) {
      const [last] = await db.query<{ at: unknown }>(
        `SELECT MAX(finished_at) AS at FROM ops.runs
         WHERE command = 'collect' AND source_format = $1 AND status = 'succeeded' AND loaded > 0 AND CAST(arguments AS VARCHAR) LIKE $2`,
        [source.name, `%"sport":"${sport}"%`],
      );
      const lastAt = last?.at ? new Date(last.at as string) : null;
      const isGap = inSeason(sport, now) && lastAt !== null && now.getTime() - lastAt.getTime() > hours * 3_600_000;
      const [open] = await db.query<{ alert_id: number }>(
        `SELECT alert_id FROM ops.alerts WHERE kind = 'collection_gap' AND source = $1 AND sport = $2 AND resolved_at IS NULL`,
        [source.name, sport],
      );
      if (isGap && !open) {
        await db.query(
          `INSERT INTO ops.alerts (alert_id, kind, source, sport, message, raised_at) VALUES (nextval('ops.alert_id_seq'), 'collection_gap', $1, $2, $3, $4)`,
          [source.name, sport, `no new ${sport} data from ${source.name} since ${lastAt!.toISOString()} (more than ${hours} h, in season)`, now.toISOString()],
        );
      } else if (!isGap && open) {
        await db.query('UPDATE ops.alerts SET resolved_at = $2 WHERE alert_id = $1', [open.alert_id, now.toISOString()]);
      }
    }
  }
  return openAlerts(db);
}

/** Alerts not yet resolved, newest first. */
export async function openAlerts(db: Database): Promise<GapAlert[]> {
  const rows = await db.query<Record<string, unknown>>(`SELECT alert_id, kind, source, sport, message, raised_at FROM ops.alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC, alert_id DESC`);
  return rows.map((r) => ({
    alert_id: Number(r.alert_id),
    kind: String(r.kind),
    source: (r.source as string | null) ?? null,
    sport: (r.sport as string | null) ?? null,
    message: String(r.message),
    raised_at: (r.raised_at instanceof Date ? r.raised_at : new Date(String(r.raised_at))).toISOString(),
  }));
}
