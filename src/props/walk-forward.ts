/**
 * @module props/walk-forward
 * One pass over a season in date order: each day, every start is predicted by every system from
 * what was known before that day (history and parameters), and only then are the day's lines added
 * and, once a week, the parameters refitted on the starts seen so far. So every prediction is
 * out of sample, and predicting a date D means walking up to D (the same code path for evaluation,
 * `props predict` and `props picks`).
 */
import { daysBetween, emptyHistory, addLines, type History } from './history.js';
import { startFeatures } from './features.js';
import { isBlocked, redFlags } from './red-flags.js';
import { baselineDistribution, baselineMean, K_BASELINE } from './systems/k-baseline.js';
import { ensembleDistribution, fitEnsembleWeights, K_ENSEMBLE } from './systems/k-ensemble.js';
import { K_NAIVE_POISSON, naivePoisson } from './systems/k-naive-poisson.js';
import { K_ROLLING, rollingDesign, rollingDistribution } from './systems/k-rolling.js';
import { fitDispersion } from './systems/dispersion.js';
import { fitPoissonRegression, poissonRegressionMean } from './systems/poisson-regression.js';
import type { KDistribution, PitchingLine, RedFlag, StartFeatures, StartSpec, SystemPrediction } from './types.js';

/** Every system, in the order reports list them. */
export const PROP_SYSTEMS = [K_NAIVE_POISSON, K_BASELINE, K_ROLLING, K_ENSEMBLE] as const;
export type PropSystemId = (typeof PROP_SYSTEMS)[number]['id'];

/** Earlier scored starts a system needs before it predicts (fewer: blocked as `missing_data`). */
export const MIN_TRAINING = { k_baseline: 100, k_rolling: 300, k_ensemble: 100 } as const;
/** Days between refits. */
export const REFIT_DAYS = 7;

/** Fitted parameters as of a date; null where a system has too little training yet. */
export interface PropParams {
  baselineDispersion: number | null;
  rolling: { beta: number[]; dispersion: number } | null;
  ensembleWeights: [number, number] | null;
  /** Training starts each fit used. */
  trainedOn: { k_baseline: number; k_rolling: number; k_ensemble: number };
  /** The last game date whose outcomes the fits saw. */
  trainedUntil: string | null;
}

/** One start as every system saw it. */
export interface StartPrediction {
  readonly features: StartFeatures;
  /** Strikeouts recorded, when the start has been played (walk-forward); null for a future start. */
  readonly actual: number | null;
  /** Flags every system shares. */
  readonly flags: readonly RedFlag[];
  readonly systems: readonly SystemPrediction[];
}

function notTrained(system: string, have: number): RedFlag {
  return { code: 'missing_data', severity: 'block', reason: `${system} is not trained yet: ${have} earlier scored starts (needs ${MIN_TRAINING[system as keyof typeof MIN_TRAINING]})` };
}

function ok(sys: { id: string; version: string }, distribution: KDistribution, flags: readonly RedFlag[]): SystemPrediction {
  return { system: sys.id, version: sys.version, ok: true, distribution, flags };
}

function blocked(sys: { id: string; version: string }, flags: readonly RedFlag[]): SystemPrediction {
  return { system: sys.id, version: sys.version, ok: false, flags };
}

/** Every system's prediction of `spec` from `history` (earlier days only) and `params`. */
export function predictStart(history: History, params: PropParams, spec: StartSpec, actual: number | null = null): StartPrediction {
  const features = startFeatures(history, spec);
  const shared = redFlags(features);
  const systems: SystemPrediction[] = [];
  if (isBlocked(shared)) {
    for (const s of PROP_SYSTEMS) systems.push(blocked(s, shared));
    return { features, actual, flags: shared, systems };
  }
  const naive = naivePoisson(features);
  systems.push(naive.distribution ? ok(K_NAIVE_POISSON, naive.distribution, shared) : blocked(K_NAIVE_POISSON, [...shared, ...naive.flags]));

  const b = baselineMean(features);
  let baseline: KDistribution | null = null;
  if (b.mean === null) systems.push(blocked(K_BASELINE, [...shared, ...b.flags]));
  else if (params.baselineDispersion === null) systems.push(blocked(K_BASELINE, [...shared, notTrained('k_baseline', params.trainedOn.k_baseline)]));
  else {
    baseline = baselineDistribution(b.mean, params.baselineDispersion);
    systems.push(ok(K_BASELINE, baseline, shared));
  }

  const design = rollingDesign(features);
  let rolling: KDistribution | null = null;
  if (design.x === null) systems.push(blocked(K_ROLLING, [...shared, ...design.flags]));
  else if (params.rolling === null) systems.push(blocked(K_ROLLING, [...shared, notTrained('k_rolling', params.trainedOn.k_rolling)]));
  else {
    rolling = rollingDistribution(params.rolling.beta, design.x, design.offset, params.rolling.dispersion);
    systems.push(ok(K_ROLLING, rolling, shared));
  }

  if (baseline && rolling && params.ensembleWeights) systems.push(ok(K_ENSEMBLE, ensembleDistribution(baseline, rolling, params.ensembleWeights), shared));
  else {
    const why: RedFlag = !baseline || !rolling
      ? { code: 'missing_data', severity: 'block', reason: `a member has no prediction (${[!baseline && 'k_baseline', !rolling && 'k_rolling'].filter(Boolean).join(', ')})` }
      : notTrained('k_ensemble', params.trainedOn.k_ensemble);
    systems.push(blocked(K_ENSEMBLE, [...shared, why]));
  }
  return { features, actual, flags: shared, systems };
}

/** The spec of a start from its line. */
export function specOf(line: PitchingLine): StartSpec {
  return {
    playerId: line.playerId,
    playerName: line.playerName,
    date: line.date,
    gameNumber: line.gameNumber,
    teamId: line.teamId,
    opponentTeamId: line.opponentTeamId,
    isHome: line.isHome ?? false,
  };
}

export interface WalkOptions {
  /** Walk only days before this date (exclusive), e.g. the date to predict. */
  readonly until?: string;
  /** Keep predictions of days on or after this date (default: every day walked). */
  readonly recordFrom?: string;
  /** Keep no predictions at all (just fit up to `until`). */
  readonly record?: boolean;
}

export interface WalkResult {
  readonly history: History;
  readonly params: PropParams;
  readonly predictions: StartPrediction[];
}

interface Training {
  baseline: { mean: number[]; y: number[] };
  rolling: { x: number[][]; offset: number[]; y: number[] };
  ensemble: { pb: number[]; pr: number[] };
}

function refit(t: Training, until: string): PropParams {
  const params: PropParams = {
    baselineDispersion: null,
    rolling: null,
    ensembleWeights: null,
    trainedOn: { k_baseline: t.baseline.y.length, k_rolling: t.rolling.y.length, k_ensemble: t.ensemble.pb.length },
    trainedUntil: until,
  };
  if (t.baseline.y.length >= MIN_TRAINING.k_baseline) params.baselineDispersion = fitDispersion(t.baseline.mean, t.baseline.y);
  if (t.rolling.y.length >= MIN_TRAINING.k_rolling) {
    const beta = fitPoissonRegression(t.rolling);
    const fitted = t.rolling.x.map((x, i) => poissonRegressionMean(beta, x, t.rolling.offset[i]!));
    params.rolling = { beta, dispersion: fitDispersion(fitted, t.rolling.y) ?? Number.POSITIVE_INFINITY };
  }
  if (t.ensemble.pb.length >= MIN_TRAINING.k_ensemble) params.ensembleWeights = fitEnsembleWeights(t.ensemble.pb, t.ensemble.pr);
  return params;
}

/** Walks `lines` (any order) day by day; see the module comment. */
export function walkForward(lines: readonly PitchingLine[], options: WalkOptions = {}): WalkResult {
  const sorted = [...lines].filter((l) => options.until === undefined || l.date < options.until).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.gameNumber - b.gameNumber));
  const history = emptyHistory();
  const training: Training = { baseline: { mean: [], y: [] }, rolling: { x: [], offset: [], y: [] }, ensemble: { pb: [], pr: [] } };
  let params = refit(training, '');
  params.trainedUntil = null;
  let lastRefit: string | null = null;
  const predictions: StartPrediction[] = [];
  for (let i = 0; i < sorted.length; ) {
    const date = sorted[i]!.date;
    let j = i;
    while (j < sorted.length && sorted[j]!.date === date) j++;
    const day = sorted.slice(i, j);
    i = j;
    for (const line of day) {
      if (!line.started) continue;
      const p = predictStart(history, params, specOf(line), line.strikeouts);
      if (options.record !== false && (options.recordFrom === undefined || date >= options.recordFrom)) predictions.push(p);
      if (line.strikeouts === null || isBlocked(p.flags)) continue;
      const y = line.strikeouts;
      const b = baselineMean(p.features);
      if (b.mean !== null) {
        training.baseline.mean.push(Math.max(0.05, b.mean));
        training.baseline.y.push(y);
      }
      const d = rollingDesign(p.features);
      if (d.x !== null) {
        training.rolling.x.push(d.x);
        training.rolling.offset.push(d.offset);
        training.rolling.y.push(y);
      }
      const pb = p.systems.find((s) => s.system === 'k_baseline');
      const pr = p.systems.find((s) => s.system === 'k_rolling');
      if (pb?.ok && pr?.ok) {
        training.ensemble.pb.push(pb.distribution.pmf[Math.min(y, pb.distribution.pmf.length - 1)]!);
        training.ensemble.pr.push(pr.distribution.pmf[Math.min(y, pr.distribution.pmf.length - 1)]!);
      }
    }
    addLines(history, day);
    if (lastRefit === null || daysBetween(lastRefit, date) >= REFIT_DAYS) {
      params = refit(training, date);
      lastRefit = date;
    }
  }
  return { history, params, predictions };
}
