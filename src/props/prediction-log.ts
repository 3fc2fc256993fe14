/**
 * @module props/prediction-log
 * Every prop prediction lands in `analytics.prop_predictions` with its system, version, the start,
 * the mean and P(over/push/under) at the line (when one was given), the red flags, the as-of time
 * and a hash of its inputs, so the monitoring views (migration 0014) can score it later.
 */
import { hashInputs } from '../models/registry.js';
import type { Database, SqlValue } from '../store/database.js';
import { overUnder } from './distribution.js';
import type { StartPrediction } from './walk-forward.js';

const COLUMNS = [
  'system', 'version', 'sport', 'market', 'player_id', 'player_name', 'game_date', 'game_number', 'team_id', 'opponent_team_id',
  'mean', 'line', 'p_over', 'p_push', 'p_under', 'red_flags', 'is_blocked', 'as_of', 'inputs_hash', 'run_id', 'predicted_at',
] as const;

/** The instant a prediction for `date` may see up to: the start of that day (UTC); every line used is from earlier days. */
export function asOfFor(date: string): string {
  return `${date}T00:00:00.000Z`;
}

/** Appends one row per system of each prediction (at `line` when given); returns rows written. */
export async function logPropPredictions(db: Database, runId: number, predictions: readonly { prediction: StartPrediction; line: number | null }[]): Promise<number> {
  const now = new Date().toISOString();
  const rows: SqlValue[][] = [];
  for (const { prediction: p, line } of predictions) {
    const s = p.features.start;
    const inputsHash = hashInputs({ features: { ...p.features, start: s }, line });
    for (const sys of p.systems) {
      const ou = sys.ok && line !== null ? overUnder(sys.distribution, line) : null;
      rows.push([
        sys.system, sys.version, 'mlb', 'player_strikeouts', s.playerId, s.playerName, s.date, s.gameNumber, s.teamId, s.opponentTeamId,
        sys.ok ? sys.distribution.mean : null, line, ou?.over ?? null, ou?.push ?? null, ou?.under ?? null,
        sys.flags.map((f) => f.code).join(','), !sys.ok, asOfFor(s.date), inputsHash, runId, now,
      ]);
    }
  }
  return rows.length === 0 ? 0 : db.bulkLoad('analytics.prop_predictions', COLUMNS, rows);
}
