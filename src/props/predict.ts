/**
 * @module props/predict
 * `sharpline props predict`: one pitcher's start on a date, by every system, from the lines of
 * earlier days only (the walk-forward up to the date fits every system; see walk-forward.ts), with
 * P(over/push/under) at a line and, given the book's two prices, fair probabilities, edge and a
 * Kelly stake. Logged to `analytics.prop_predictions` unless `dryRun`.
 */
import { teamRegistry } from '../domain/teams/index.js';
import type { VigMethod } from '../domain/vig/index.js';
import { SharplineError } from '../errors.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import type { Database } from '../store/database.js';
import { overUnder, quantile, type OverUnder } from './distribution.js';
import { decideProp, type PropDecision } from './decisions.js';
import { loadPitchingLines } from './load-lines.js';
import { ensurePlayerRegistry, findPlayerOrThrow, registeredPlayers } from './players.js';
import { asOfFor, logPropPredictions } from './prediction-log.js';
import { predictStart, specOf, walkForward, type PropParams, type StartPrediction } from './walk-forward.js';
import type { RedFlag, StartSpec, SystemPrediction } from './types.js';

/** Systems whose distribution drives a decision, in order of preference (the first that predicted). */
export const DECISION_SYSTEMS = ['k_ensemble', 'k_rolling', 'k_baseline'] as const;

export interface PropPredictOptions {
  readonly pitcher: string;
  readonly date: string;
  readonly line?: number;
  readonly overOdds?: number;
  readonly underOdds?: number;
  /** For a start not in the logs: the opponent (id, code or name) and whether the pitcher is at home. */
  readonly opponent?: string;
  readonly home?: boolean;
  readonly vigMethod?: VigMethod;
  readonly kellyFraction?: number;
  readonly minEdge?: number;
  readonly dryRun?: boolean;
}

export interface SystemView {
  readonly system: string;
  readonly version: string;
  readonly ok: boolean;
  readonly mean: number | null;
  /** 10th, 50th and 90th percentiles of strikeouts. */
  readonly quantiles: { p10: number; p50: number; p90: number } | null;
  /** P(K = k) for k = 0..15 (rounded to 6 decimals); the rest of the mass is above 15. */
  readonly pmf: number[] | null;
  readonly atLine: OverUnder | null;
  readonly flags: readonly RedFlag[];
}

export interface PropPredictReport {
  readonly version: 1;
  readonly pitcher: { readonly player_id: string; readonly name: string | null };
  readonly start: StartSpec;
  readonly as_of: string;
  /** Strikeouts recorded in that start, when the store has it (the prediction did not see it). */
  readonly actual: number | null;
  readonly trained: { readonly until: string | null; readonly starts: PropParams['trainedOn']; readonly ensemble_weights: [number, number] | null };
  readonly flags: readonly RedFlag[];
  readonly systems: SystemView[];
  readonly decision: (PropDecision & { readonly system: string }) | null;
  readonly run_id: number | null;
}

/** A system's prediction as people and JSON read it. */
export function viewOf(s: SystemPrediction, line: number | null): SystemView {
  if (!s.ok) return { system: s.system, version: s.version, ok: false, mean: null, quantiles: null, pmf: null, atLine: null, flags: s.flags };
  const d = s.distribution;
  return {
    system: s.system,
    version: s.version,
    ok: true,
    mean: d.mean,
    quantiles: { p10: quantile(d, 0.1), p50: quantile(d, 0.5), p90: quantile(d, 0.9) },
    pmf: Array.from(d.pmf.slice(0, 16), (p) => Math.round(p * 1e6) / 1e6),
    atLine: line === null ? null : overUnder(d, line),
    flags: s.flags,
  };
}

/** The system a decision is made with, or null when none predicted. */
export function decisionSystem(p: StartPrediction): Extract<SystemPrediction, { ok: true }> | null {
  for (const id of DECISION_SYSTEMS) {
    const s = p.systems.find((x) => x.system === id);
    if (s?.ok) return s;
  }
  return null;
}

function checkLine(line: number): void {
  if (!Number.isFinite(line) || line < 0 || line > 30 || !Number.isInteger(line * 2)) throw new SharplineError('SL_USAGE', `--line must be a whole or half number of strikeouts between 0 and 30, got ${line}`);
}

/** The start to predict: the logged start of that date, else one built from `opponent` / `home`. */
function startSpecOrThrow(options: PropPredictOptions, playerId: string, name: string | null, lines: Awaited<ReturnType<typeof loadPitchingLines>>): { spec: StartSpec; actual: number | null } {
  const logged = lines.find((l) => l.playerId === playerId && l.date === options.date && l.started);
  if (logged) return { spec: { ...specOf(logged), playerName: name }, actual: logged.strikeouts };
  if (options.opponent === undefined || options.home === undefined) {
    throw new SharplineError('SL_USAGE', `the store has no start of ${name ?? playerId} on ${options.date}: give --opponent <team> and --home or --away`);
  }
  const previous = lines.filter((l) => l.playerId === playerId && l.date < options.date).pop();
  if (!previous) throw new SharplineError('SL_USAGE', `${name ?? playerId} has no appearance before ${options.date}: his club is unknown`);
  const opponent = teamRegistry().resolve('mlb', options.opponent, options.date);
  if (!opponent) throw new SharplineError('SL_USAGE', `--opponent "${options.opponent}" is not an MLB club on ${options.date}`);
  return {
    spec: { playerId, playerName: name, date: options.date, gameNumber: 1, teamId: previous.teamId, opponentTeamId: opponent, isHome: options.home },
    actual: null,
  };
}

/** Predicts one start; see the module comment. */
export async function predictProp(db: Database, options: PropPredictOptions): Promise<PropPredictReport> {
  if (options.line !== undefined) checkLine(options.line);
  if ((options.overOdds === undefined) !== (options.underOdds === undefined)) throw new SharplineError('SL_USAGE', '--over-odds and --under-odds go together (a two-way market needs both prices)');
  if (options.overOdds !== undefined && options.line === undefined) throw new SharplineError('SL_USAGE', 'prices need the --line they are for');
  await ensurePlayerRegistry(db);
  const player = findPlayerOrThrow(await registeredPlayers(db), options.pitcher);
  const lines = await loadPitchingLines(db);
  const { spec, actual } = startSpecOrThrow(options, player.playerId, player.playerName, lines);
  const walk = walkForward(lines, { until: options.date, record: false });
  const prediction = predictStart(walk.history, walk.params, spec, actual);
  const line = options.line ?? null;
  const chosen = decisionSystem(prediction);
  const decision =
    chosen && line !== null && options.overOdds !== undefined && options.underOdds !== undefined
      ? {
          system: chosen.system,
          ...decideProp(overUnder(chosen.distribution, line), { overDecimal: options.overOdds, underDecimal: options.underOdds, vigMethod: options.vigMethod, kellyFraction: options.kellyFraction, minEdge: options.minEdge }, chosen.flags),
        }
      : null;
  let runId: number | null = null;
  if (!options.dryRun) {
    runId = await startRun(db, 'props predict', { args: { pitcher: options.pitcher, date: options.date, line } });
    const n = await logPropPredictions(db, runId, [{ prediction, line }]);
    await finishRun(db, runId, 'succeeded', { rowsIn: n, loaded: n, quarantined: 0, duplicates: 0 });
  }
  return {
    version: 1,
    pitcher: { player_id: player.playerId, name: player.playerName },
    start: spec,
    as_of: asOfFor(options.date),
    actual,
    trained: { until: walk.params.trainedUntil, starts: walk.params.trainedOn, ensemble_weights: walk.params.ensembleWeights },
    flags: prediction.flags,
    systems: prediction.systems.map((s) => viewOf(s, line)),
    decision,
    run_id: runId,
  };
}
