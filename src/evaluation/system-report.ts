/**
 * @module evaluation/system-report
 * `sharpline report systems`: the monitoring views over the prediction log, read in one go: system
 * comparison, rolling performance (7/30/365 days to each sport's latest scored game), daily
 * coverage (days on which some system missed games), agreement between systems, today's picks.
 */
import type { Database, SqlValue } from '../store/database.js';

export interface SystemsReport {
  version: 1;
  sport: string | null;
  comparison: { sport: string; system: string; games: number; brier: number; log_loss: number; accuracy: number; first_game_date: string; last_game_date: string }[];
  performance: { sport: string; system: string; window_days: number; end_date: string; games: number; brier: number; log_loss: number }[];
  /** Per sport and system: days with games, days fully covered, games missed in total. */
  coverage: { sport: string; system: string; days: number; days_complete: number; games: number; missing: number }[];
  /** Per sport: games predicted by two or more systems, mean and largest spread of P(home). */
  agreement: { sport: string; games: number; mean_spread: number; max_spread: number; unanimous_share: number }[];
  todays_picks: { sport: string; game_id: number; home_team_id: string; away_team_id: string; system: string; p_home: number; p_draw: number | null; p_away: number; pick: string }[];
}

export async function systemsReport(db: Database, options: { sport?: string } = {}): Promise<SystemsReport> {
  const params: SqlValue[] = options.sport ? [options.sport] : [];
  const where = options.sport ? 'WHERE sport = $1' : '';
  const n = (v: unknown) => Number(v);
  const d = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  const comparison = (await db.query(`SELECT * FROM analytics.system_comparison ${where} ORDER BY sport, brier`, params)).map((r) => ({
    sport: String(r.sport),
    system: String(r.system),
    games: n(r.games),
    brier: n(r.brier),
    log_loss: n(r.log_loss),
    accuracy: n(r.accuracy),
    first_game_date: d(r.first_game_date),
    last_game_date: d(r.last_game_date),
  }));
  const performance = (await db.query(`SELECT * FROM analytics.system_performance ${where} ORDER BY sport, window_days, brier`, params)).map((r) => ({
    sport: String(r.sport),
    system: String(r.system),
    window_days: n(r.window_days),
    end_date: d(r.end_date),
    games: n(r.games),
    brier: n(r.brier),
    log_loss: n(r.log_loss),
  }));
  const coverage = (
    await db.query(
      `SELECT sport, system, COUNT(*) AS days, SUM(CASE WHEN missing = 0 THEN 1 ELSE 0 END) AS days_complete, SUM(games) AS games, SUM(missing) AS missing
       FROM analytics.daily_coverage ${where} GROUP BY sport, system ORDER BY sport, system`,
      params,
    )
  ).map((r) => ({ sport: String(r.sport), system: String(r.system), days: n(r.days), days_complete: n(r.days_complete), games: n(r.games), missing: n(r.missing) }));
  const agreement = (
    await db.query(
      `SELECT sport, COUNT(*) AS games, AVG(spread) AS mean_spread, MAX(spread) AS max_spread,
              AVG(CASE WHEN systems_picking_home = 0 OR systems_picking_home = systems THEN 1.0 ELSE 0.0 END) AS unanimous_share
       FROM analytics.system_agreement ${options.sport ? 'WHERE sport = $1 AND' : 'WHERE'} systems >= 2 GROUP BY sport ORDER BY sport`,
      params,
    )
  ).map((r) => ({ sport: String(r.sport), games: n(r.games), mean_spread: n(r.mean_spread), max_spread: n(r.max_spread), unanimous_share: n(r.unanimous_share) }));
  const todays_picks = (await db.query(`SELECT * FROM analytics.todays_picks ${where} ORDER BY sport, game_id, system`, params)).map((r) => ({
    sport: String(r.sport),
    game_id: n(r.game_id),
    home_team_id: String(r.home_team_id),
    away_team_id: String(r.away_team_id),
    system: String(r.system),
    p_home: n(r.p_home),
    p_draw: r.p_draw === null ? null : n(r.p_draw),
    p_away: n(r.p_away),
    pick: String(r.pick),
  }));
  return { version: 1, sport: options.sport ?? null, comparison, performance, coverage, agreement, todays_picks };
}
