/**
 * @module models/train
 * `sharpline train`: trains every system of a sport on the store's real scored games (optionally
 * only those up to a date) and versions the result in the registry. Refuses, with the reason, when
 * there are no real scored games or the training quality gate fails (`force` overrides the gate,
 * and the override is recorded with the run).
 *
 * Training IS a walk-forward: the ensemble learns from its members' out-of-sample predictions, and
 * the figures stored with each system are its walk-forward scores on the last seasons trained on.
 */
import type { Sport } from '../domain/sports.js';
import { SharplineError } from '../errors.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import { requireGate } from '../quality/require-gate.js';
import type { Database } from '../store/database.js';
import { brierScore, logLoss } from './ml/metrics.js';
import { loadGames } from './load-games.js';
import { closingLines } from './closing-lines.js';
import { hashGames, saveTrainedSystem } from './registry.js';
import { SYSTEM_IDS, SYSTEM_VERSIONS, systemSupports, type SystemId } from './systems/catalog.js';
import { fitScoreModel, SCORE_MODEL_SETTINGS, scoreModelToJSON } from './systems/score-models.js';
import { tuneEloProfile } from './systems/tune-elo.js';
import { ensembleMembers, walkForward, type WalkForwardResult } from './systems/walk-forward.js';
import { fitEnsembleForSeason, fitLineCalibrators, GBM_DEFAULTS, gbmMinTrainRows, MARGIN_L2 } from './systems/walk-forward.js';
import { fitGradientBoosting, fitLogistic, fitMarginRegression } from './ml/index.js';
import { dayNumber } from './features/game-features.js';

export interface TrainOptions {
  sport: Sport;
  /** Train on games up to this date (`YYYY-MM-DD`). Default: every game in the store. */
  until?: string;
  systems?: readonly SystemId[];
  /** Train even when the training gate fails (recorded). */
  force?: boolean;
  dryRun?: boolean;
}

export interface TrainedSummary {
  system: SystemId;
  version: string;
  games: number;
  /** Walk-forward scores on the last (up to) three seasons trained on. */
  walk_forward: { seasons: string; n: number; brier: number; log_loss: number } | null;
  detail: Record<string, unknown>;
}

export interface TrainReport {
  version: 1;
  sport: Sport;
  until: string;
  run_id: number | null;
  dry_run: boolean;
  games: { total: number; scored: number; seasons: string };
  quality_gate: { passed: boolean; errors_failed: number; forced: boolean };
  elo_profile: { id: string; tuned: boolean; k: number; hfa: number; seasons: string | null };
  systems: TrainedSummary[];
  seconds: number;
}

/** Trains and registers the sport's systems. */
export async function trainSystems(db: Database, options: TrainOptions): Promise<TrainReport> {
  const t0 = performance.now();
  const { sport } = options;
  const wanted = (options.systems ?? SYSTEM_IDS).filter((s) => systemSupports(s, sport));
  const games = await loadGames(db, sport, { until: options.until });
  const scored = games.filter((g) => g.homeScore !== null && g.awayScore !== null);
  if (scored.length === 0) {
    throw new SharplineError('SL_NO_TRAINING_DATA', `no real scored ${sport} games in the store${options.until ? ` up to ${options.until}` : ''}: import some first (sharpline import <format> <files>, or sharpline demo)`);
  }
  const gate = await requireGate(db, 'training', { sport, action: 'training', force: options.force, dryRun: options.dryRun });

  const lastSeason = scored.at(-1)!.season;
  const tuned = tuneEloProfile(sport, scored, lastSeason - 2);
  const walk = walkForward(sport, scored, { eloProfile: tuned.profile, learnFrom: `${lastSeason - 8}-01-01`, lines: await closingLines(db, sport) });
  const until = options.until ?? scored.at(-1)!.date;
  const firstScoredSeason = lastSeason - 2;
  const params = finalParams(walk, scored, until);
  const dataHash = hashGames(scored);

  const systems: TrainedSummary[] = wanted.map((system) => ({
    system,
    version: SYSTEM_VERSIONS[system],
    games: scored.length,
    walk_forward: walkForwardScore(walk, system, firstScoredSeason),
    detail: params[system].detail,
  }));

  let runId: number | null = null;
  if (!options.dryRun) {
    runId = await startRun(db, 'train', { args: { sport, until: options.until ?? null, systems: wanted, force: !!options.force, gate_passed: gate.passed } });
    try {
      const trainedAt = new Date().toISOString();
      for (const s of systems) {
        await saveTrainedSystem(db, {
          system: s.system,
          version: s.version,
          sport,
          trainedAt,
          trainedUntil: until,
          games: scored.length,
          params: params[s.system].params,
          metrics: { walk_forward: s.walk_forward, elo_profile: tuned.profile.id, forced: !gate.passed && !!options.force },
          dataHash,
          runId,
        });
      }
    } catch (error) {
      await finishRun(db, runId, 'failed', { rowsIn: systems.length, loaded: 0, quarantined: 0, duplicates: 0 }, (error as Error).message).catch(() => undefined);
      throw error;
    }
    // A run's rows are the registry entries it wrote (the games it learned from are in each entry).
    await finishRun(db, runId, 'succeeded', { rowsIn: systems.length, loaded: systems.length, quarantined: 0, duplicates: 0 });
  }

  return {
    version: 1,
    sport,
    until,
    run_id: runId,
    dry_run: !!options.dryRun,
    games: { total: games.length, scored: scored.length, seasons: `${scored[0]!.season}–${lastSeason}` },
    quality_gate: { passed: gate.passed, errors_failed: gate.errors_failed, forced: !gate.passed && !!options.force },
    elo_profile: { id: tuned.profile.id, tuned: tuned.tuned, k: tuned.profile.k, hfa: tuned.profile.hfa, seasons: tuned.seasons },
    systems,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
  };
}

/** Every system's stored parameters: fitted on all games up to the end. */
function finalParams(walk: WalkForwardResult, games: WalkForwardResult['games'], until: string): Record<SystemId, { params: unknown; detail: Record<string, unknown> }> {
  const { sport } = walk;
  const elo = walk.state.elo.snapshot();
  const features = walk.state.features.snapshot();
  const nextDay = new Date((dayNumber(until) + 1) * 86_400_000).toISOString().slice(0, 10);
  const windowStart = new Date((dayNumber(until) - SCORE_MODEL_SETTINGS[sport].windowDays) * 86_400_000).toISOString().slice(0, 10);
  const score = fitScoreModel(sport, games.filter((g) => g.date >= windowStart), nextDay);

  // The learners, refitted on every decided game of the training window.
  const lastSeason = games.at(-1)!.season;
  const rows: number[] = [];
  games.forEach((g, i) => {
    if (g.season > lastSeason - 12 && g.homeScore !== null && g.awayScore !== null && g.homeScore !== g.awayScore) rows.push(i);
  });
  const X = rows.map((i) => walk.features[i]!);
  const y = rows.map((i) => (games[i]!.homeScore! > games[i]!.awayScore! ? 1 : 0));
  const canLearn = systemSupports('ml_v1', sport) && rows.length >= 100;
  const logistic = canLearn ? fitLogistic(X, y, { l2: 1e-2 }) : null;
  // As in the walk-forward: the trees wait for 10 × minSamplesLeaf rows (ml_gbm_v1 then answers with Elo).
  const gbm = canLearn && rows.length >= gbmMinTrainRows(GBM_DEFAULTS.minSamplesLeaf) ? fitGradientBoosting(X, y, GBM_DEFAULTS) : null;
  const margin = canLearn && systemSupports('ml_margin_v1', sport) ? fitMarginRegression(X, rows.map((i) => games[i]!.homeScore! - games[i]!.awayScore!), { l2: MARGIN_L2 }) : null;
  const ensemble = fitEnsembleForSeason(ensembleMembers(sport), walk.predictions, games, games.length, lastSeason + 1, 4, sport !== 'soccer');
  const lineCalibrators = fitLineCalibrators(walk.lineMarkets, games, games.length, lastSeason - 3);

  return {
    elo_v1: { params: { elo, features }, detail: { profile: elo.profile.id, teams: Object.keys(elo.teams).length } },
    score_v1: { params: { score: score ? scoreModelToJSON(score) : null, ...(sport === 'mlb' ? { features } : {}) }, detail: { model: score?.kind ?? null } },
    ml_v1: { params: { elo, features, logistic: logistic?.toJSON() ?? null }, detail: { rows: rows.length, coefficients: logistic?.coefficients } },
    ml_gbm_v1: { params: { elo, features, gbm: gbm?.toJSON() ?? null, gbmWarmUp: canLearn && !gbm }, detail: { rows: rows.length, trees: gbm?.rounds ?? 0, warm_up: canLearn && !gbm } },
    ml_margin_v1: { params: { elo, features, margin: margin?.toJSON() ?? null }, detail: { rows: rows.length, sigma: margin ? Math.round(margin.sigma * 100) / 100 : undefined, coefficients: margin?.coefficients } },
    ensemble_v1: {
      params: {
        members: ensemble?.members ?? ensembleMembers(sport),
        weights: ensemble?.weights ?? null,
        calibrator: ensemble?.calibrator?.toJSON() ?? null,
        lineCalibrators: { spread: lineCalibrators.spread?.toJSON() ?? null, total: lineCalibrators.total?.toJSON() ?? null },
      },
      detail: { weights: ensemble ? Object.fromEntries(ensemble.members.map((m, k) => [m, Math.round(ensemble.weights[k]! * 1000) / 1000])) : null, rows: ensemble?.trainRows ?? 0 },
    },
  };
}

function walkForwardScore(walk: WalkForwardResult, system: SystemId, fromSeason: number): TrainedSummary['walk_forward'] {
  const p: number[] = [];
  const y: number[] = [];
  walk.games.forEach((g, i) => {
    const q = walk.predictions[system][i];
    if (!q || g.season < fromSeason || g.homeScore === null || g.awayScore === null || g.homeScore === g.awayScore) return;
    p.push(q.home / (q.home + q.away));
    y.push(g.homeScore > g.awayScore ? 1 : 0);
  });
  if (p.length === 0) return null;
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return { seasons: `${fromSeason}–${walk.games.at(-1)!.season}`, n: p.length, brier: r(brierScore(p, y)), log_loss: r(logLoss(p, y)) };
}
