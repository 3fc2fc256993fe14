/**
 * @module props/season
 * `sharpline props evaluate`: the walk-forward over one season (each start predicted from earlier
 * starts only), scored (evaluate.ts), logged to `analytics.prop_predictions` so the monitoring views
 * see it, and each system's final fit versioned in `analytics.model_registry`.
 */
import { SharplineError } from '../errors.js';
import { hashInputs, saveTrainedSystem } from '../models/registry.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import type { Database } from '../store/database.js';
import { evaluatePropPredictions, type PropEvaluation } from './evaluate.js';
import { loadPitchingLines } from './load-lines.js';
import { ensurePlayerRegistry, registeredPlayers } from './players.js';
import { realLineCalibration, type PropQuoteRow, type RealLineCalibration } from './real-lines.js';
import { logPropPredictions } from './prediction-log.js';
import { PROP_SYSTEMS, walkForward, type PropParams } from './walk-forward.js';

export interface PropSeasonOptions {
  readonly season: number;
  readonly dryRun?: boolean;
}

export interface PropSeasonReport {
  readonly version: 1;
  readonly season: number;
  readonly lines: number;
  readonly starts: number;
  /** Seconds the walk-forward (every start, every system) took, loading excluded. */
  readonly walk_seconds: number;
  readonly evaluation: PropEvaluation;
  /** Over/under calibration at the real prop lines of curated.prop_quotes (same date, same pitcher name), beside the market's. */
  readonly real_lines: RealLineCalibration;
  readonly params: PropParams;
  readonly predictions_logged: number;
  readonly run_id: number | null;
}

/** Walk-forward evaluation of one season; see the module comment. */
export async function evaluatePropSeason(db: Database, options: PropSeasonOptions): Promise<PropSeasonReport> {
  await ensurePlayerRegistry(db);
  const all = await loadPitchingLines(db);
  const lines = all.filter((l) => l.date.startsWith(`${options.season}-`));
  if (!lines.some((l) => l.started)) throw new SharplineError('SL_NO_TRAINING_DATA', `no pitcher starts of ${options.season} in the store (import retrosheet or bref-pitching logs first)`);
  const started = performance.now();
  const walk = walkForward(lines);
  const walkSeconds = (performance.now() - started) / 1000;
  const evaluation = evaluatePropPredictions(walk.predictions);
  const quotes = await db.query<PropQuoteRow>(
    `SELECT player_name, CAST(game_date AS VARCHAR) AS game_date, book, line, side, price_decimal FROM curated.prop_quotes
     WHERE market = 'player_strikeouts' AND game_date >= CAST($1 AS DATE) AND game_date <= CAST($2 AS DATE)`,
    [`${options.season}-01-01`, `${options.season}-12-31`],
  );
  const names = new Map((await registeredPlayers(db)).map((p) => [p.playerId, p.playerName]));
  const realLines = realLineCalibration(walk.predictions, quotes, names);
  let runId: number | null = null;
  let logged = 0;
  if (!options.dryRun) {
    runId = await startRun(db, 'props evaluate', { args: { season: options.season } });
    logged = await logPropPredictions(db, runId, walk.predictions.map((prediction) => ({ prediction, line: null })));
    const dataHash = hashInputs(lines.map((l) => [l.playerId, l.date, l.gameNumber, l.strikeouts, l.battersFaced]));
    for (const s of PROP_SYSTEMS) {
      const score = evaluation.bySystem.find((x) => x.system === s.id);
      await saveTrainedSystem(db, {
        system: s.id,
        version: s.version,
        sport: 'mlb',
        trainedAt: new Date().toISOString(),
        trainedUntil: walk.params.trainedUntil ?? `${options.season}-01-01`,
        games: s.id === 'k_naive_poisson' ? 0 : walk.params.trainedOn[s.id],
        params: s.id === 'k_baseline' ? { dispersion: walk.params.baselineDispersion } : s.id === 'k_rolling' ? walk.params.rolling : s.id === 'k_ensemble' ? { weights: walk.params.ensembleWeights } : {},
        metrics: { walk_forward: score ?? null },
        dataHash,
        runId,
      });
    }
    await finishRun(db, runId, 'succeeded', { rowsIn: logged, loaded: logged, quarantined: 0, duplicates: 0 });
  }
  return {
    version: 1,
    season: options.season,
    lines: lines.length,
    starts: walk.predictions.length,
    walk_seconds: Math.round(walkSeconds * 1000) / 1000,
    evaluation,
    real_lines: realLines,
    params: walk.params,
    predictions_logged: logged,
    run_id: runId,
  };
}
