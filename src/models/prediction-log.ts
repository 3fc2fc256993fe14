/**
 * @module models/prediction-log
 * Every prediction any system makes lands in `analytics.predictions`: system, version, game (or the
 * hypothetical matchup), market, probabilities, the as-of time and a hash of the inputs. One row per
 * market, so a moneyline and a spread from the same call are two rows.
 */
import type { Database, SqlValue } from '../store/database.js';
import type { MarketProbabilities } from './types.js';

export interface LoggedPrediction {
  system: string;
  version: string;
  sport: string;
  gameId: number | null;
  gameDate: string;
  home: string;
  away: string;
  probabilities: MarketProbabilities;
  asOf: string;
  inputsHash: string;
}

const COLUMNS = ['system', 'version', 'sport', 'game_id', 'game_date', 'home_team_id', 'away_team_id', 'market', 'line', 'p_home', 'p_draw', 'p_away', 'as_of', 'inputs_hash', 'run_id', 'predicted_at'] as const;

/** Appends the predictions (one row per market) under `runId`; returns the rows written. */
export async function logPredictions(db: Database, runId: number, predictions: readonly LoggedPrediction[]): Promise<number> {
  const now = new Date().toISOString();
  const rows: SqlValue[][] = [];
  for (const p of predictions) {
    const base = [p.system, p.version, p.sport, p.gameId, p.gameDate, p.home, p.away] as const;
    const tail = [p.asOf, p.inputsHash, runId, now] as const;
    const m = p.probabilities;
    rows.push([...base, 'moneyline', null, m.moneyline.home, m.moneyline.draw, m.moneyline.away, ...tail]);
    if (m.spread) rows.push([...base, 'spread', m.spread.line, m.spread.homeCover, m.spread.push, m.spread.awayCover, ...tail]);
    if (m.total) rows.push([...base, 'total', m.total.line, m.total.over, m.total.push, m.total.under, ...tail]);
  }
  return rows.length === 0 ? 0 : db.bulkLoad('analytics.predictions', COLUMNS, rows);
}
