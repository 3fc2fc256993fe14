/**
 * @module serve/data/backtests
 * Backtest results: each logged backtest run (ops.runs, command `backtest`) with the moneyline
 * scores of the predictions it logged against the real results; and, for the dashboard, a
 * sport-season's walk-forward backtest re-run with the demo's settings to draw its charts
 * (calibration, bankroll, Brier by season) as SVG, server-side.
 */
import { runBacktest, type BacktestRow } from '../../evaluation/backtest.js';
import { renderSvg, reportCharts } from '../../evaluation/report/index.js';
import type { Sport } from '../../domain/sports.js';
import type { Database } from '../../store/database.js';
import { isoTime, jsonValue } from './values.js';

export interface BacktestRun {
  run_id: number;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  sport: string | null;
  season_from: number | null;
  season_to: number | null;
  predictions: number;
  /** Moneyline scores per system over the run's decided games (draws left out). */
  systems: { system: string; games: number; brier: number; log_loss: number; accuracy: number }[];
}

export async function listBacktests(db: Database, filter: { sport?: string; limit: number }): Promise<BacktestRun[]> {
  const runs = await db.query(`SELECT run_id, status, started_at, finished_at, loaded, arguments FROM ops.runs WHERE command = 'backtest' ORDER BY run_id DESC`);
  const out: BacktestRun[] = [];
  for (const r of runs) {
    const args = (jsonValue(r.arguments) ?? {}) as { sport?: string; from?: number; to?: number };
    if (filter.sport && args.sport !== filter.sport) continue;
    if (out.length >= filter.limit) break;
    const systems = await db.query(
      `SELECT p.system, COUNT(*) AS games,
              AVG((p.p_home / (p.p_home + p.p_away) - CASE WHEN r.margin > 0 THEN 1 ELSE 0 END) * (p.p_home / (p.p_home + p.p_away) - CASE WHEN r.margin > 0 THEN 1 ELSE 0 END)) AS brier,
              AVG(CASE WHEN r.margin > 0 THEN -LN(GREATEST(p.p_home / (p.p_home + p.p_away), 1e-15)) ELSE -LN(GREATEST(p.p_away / (p.p_home + p.p_away), 1e-15)) END) AS log_loss,
              AVG(CASE WHEN (p.p_home > p.p_away) = (r.margin > 0) THEN 1.0 ELSE 0.0 END) AS accuracy
       FROM analytics.predictions p JOIN curated.game_results r ON r.game_id = p.game_id
       WHERE p.run_id = $1 AND p.market = 'moneyline' AND r.margin IS NOT NULL AND r.margin <> 0 AND p.p_home + p.p_away > 0
       GROUP BY p.system ORDER BY brier`,
      [Number(r.run_id)],
    );
    out.push({
      run_id: Number(r.run_id),
      status: String(r.status),
      started_at: isoTime(r.started_at),
      finished_at: isoTime(r.finished_at),
      sport: args.sport ?? null,
      season_from: args.from ?? null,
      season_to: args.to ?? null,
      predictions: Number(r.loaded),
      systems: systems.map((s) => ({ system: String(s.system), games: Number(s.games), brier: Number(s.brier), log_loss: Number(s.log_loss), accuracy: Number(s.accuracy) })),
    });
  }
  return out;
}

export interface BacktestCharts {
  version: 1;
  sport: string;
  season: number;
  settings: string;
  rows: BacktestRow[];
  charts: { id: string; title: string; svg: string | null; empty: string }[];
  notes: string[];
}

/** The settings `sharpline demo` backtests with, so the dashboard shows the same figures. */
export const DASHBOARD_BACKTEST = {
  markets: ['moneyline', 'spread', 'total'],
  staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 },
  minEdge: 0.02,
  devig: 'multiplicative',
  price: 'close',
} as const;

/** Walk-forward backtest of `sport` over `season` with the demo's settings, and its charts as SVG. */
export async function backtestCharts(db: Database, sport: Sport, season: number): Promise<BacktestCharts> {
  const { result, report } = await runBacktest(db, { sport, from: season, to: season, ...DASHBOARD_BACKTEST, markets: [...DASHBOARD_BACKTEST.markets], staking: { ...DASHBOARD_BACKTEST.staking } });
  const charts: BacktestCharts['charts'] = [];
  for (const chart of reportCharts(report.systems)) {
    if (chart.id === 'roi-by-edge') continue;
    charts.push({ id: chart.id, title: chart.title, svg: chart.spec ? await renderSvg(chart.spec) : null, empty: chart.empty });
  }
  return {
    version: 1,
    sport,
    season,
    settings: `closing prices of ${result.book ?? 'no book'}, quarter Kelly capped at 2% of bankroll, minimum edge 2 points, multiplicative vig removal`,
    rows: result.rows,
    charts,
    notes: result.notes,
  };
}

/** The newest season of `sport` with final games (the dashboard's default backtest). */
export async function latestSeason(db: Database, sport: string): Promise<number | null> {
  const [row] = await db.query(`SELECT MAX(season) AS s FROM curated.games WHERE sport = $1 AND status = 'final'`, [sport]);
  return row && row.s !== null && row.s !== undefined ? Number(row.s) : null;
}

/** Sports with trained systems in the registry. */
export async function trainedSports(db: Database): Promise<string[]> {
  const rows = await db.query(`SELECT DISTINCT sport FROM analytics.model_registry ORDER BY sport`);
  return rows.map((r) => String(r.sport));
}
