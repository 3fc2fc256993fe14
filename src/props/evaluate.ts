/**
 * @module props/evaluate
 * Honest evaluation of the walk-forward: every prediction was made from earlier days only. Per
 * system: MAE of the mean, CRPS and log score of the distribution, bias, a PIT histogram and the
 * coverage of central intervals (randomised PIT, seeded), and over/under calibration at the
 * standard half lines. Each system is scored on the starts it predicted AND on the starts every
 * system predicted (the fair comparison); `k_naive_poisson` is the yardstick.
 */
import { mulberry32 } from '../models/mulberry32.js';
import { overUnder, randomisedPit } from './distribution.js';
import { absoluteError, binaryCalibration, crps, logScore } from './metrics.js';
import { PROP_SYSTEMS, type StartPrediction } from './walk-forward.js';
import type { KDistribution } from './types.js';

/** Half lines at which over/under calibration is measured (the common prop lines; the 2023 logs have no real lines). */
export const CALIBRATION_LINES = [3.5, 4.5, 5.5, 6.5] as const;
/** Central intervals whose coverage is reported. */
export const INTERVALS = [0.5, 0.8, 0.9] as const;
/** Seed of the PIT randomisation (results are reproducible). */
export const PIT_SEED = 20230330;

export interface SystemScore {
  readonly system: string;
  readonly starts: number;
  readonly mae: number;
  readonly crps: number;
  readonly logScore: number;
  /** Mean of (predicted mean − strikeouts): negative means too low. */
  readonly bias: number;
  /** Share of randomised PIT values in each tenth of [0, 1] (0.1 each when calibrated). */
  readonly pitHistogram: number[];
  /** Share of outcomes inside each central interval, by nominal level. */
  readonly coverage: Record<string, number>;
  /** Over/under at the standard half lines: Brier and ECE of P(over). */
  readonly overUnder: { readonly lines: readonly number[]; readonly n: number; readonly brier: number; readonly ece: number };
}

export interface PropEvaluation {
  readonly starts: number;
  readonly from: string | null;
  readonly to: string | null;
  /** Per system, on the starts it predicted. */
  readonly bySystem: SystemScore[];
  /** Per system, on the starts every system predicted. */
  readonly commonSet: SystemScore[];
  /** Why systems did not predict: flag code → starts, per system. */
  readonly blocked: Record<string, Record<string, number>>;
}

function scoreOf(system: string, pairs: readonly { d: KDistribution; y: number }[]): SystemScore {
  const rng = mulberry32(PIT_SEED);
  const n = pairs.length;
  let mae = 0;
  let c = 0;
  let ls = 0;
  let bias = 0;
  const hist = new Array<number>(10).fill(0);
  const inside: Record<string, number> = Object.fromEntries(INTERVALS.map((l) => [String(l), 0]));
  const p: number[] = [];
  const o: number[] = [];
  for (const { d, y } of pairs) {
    mae += absoluteError(d, y);
    c += crps(d, y);
    ls += logScore(d, y);
    bias += d.mean - y;
    const u = randomisedPit(d, y, rng());
    hist[Math.min(9, Math.floor(u * 10))]! += 1;
    for (const level of INTERVALS) if (u >= (1 - level) / 2 && u <= 1 - (1 - level) / 2) inside[String(level)]! += 1;
    for (const line of CALIBRATION_LINES) {
      const ou = overUnder(d, line);
      p.push(ou.over);
      o.push(y > line ? 1 : 0);
    }
  }
  const cal = binaryCalibration(p, o);
  const div = (x: number) => (n === 0 ? Number.NaN : x / n);
  return {
    system,
    starts: n,
    mae: div(mae),
    crps: div(c),
    logScore: div(ls),
    bias: div(bias),
    pitHistogram: hist.map(div),
    coverage: Object.fromEntries(Object.entries(inside).map(([k, v]) => [k, div(v)])),
    overUnder: { lines: CALIBRATION_LINES, n: cal.n, brier: cal.brier, ece: cal.ece },
  };
}

/** Scores walk-forward predictions that have outcomes. */
export function evaluatePropPredictions(predictions: readonly StartPrediction[]): PropEvaluation {
  const scored = predictions.filter((p) => p.actual !== null);
  const blocked: Record<string, Record<string, number>> = {};
  const own = new Map<string, { d: KDistribution; y: number }[]>(PROP_SYSTEMS.map((s) => [s.id, []]));
  const common = new Map<string, { d: KDistribution; y: number }[]>(PROP_SYSTEMS.map((s) => [s.id, []]));
  for (const p of scored) {
    const y = p.actual!;
    const all = p.systems.every((s) => s.ok);
    for (const s of p.systems) {
      if (s.ok) {
        own.get(s.system)!.push({ d: s.distribution, y });
        if (all) common.get(s.system)!.push({ d: s.distribution, y });
      } else {
        const b = (blocked[s.system] ??= {});
        for (const f of s.flags) if (f.severity === 'block') b[f.code] = (b[f.code] ?? 0) + 1;
      }
    }
  }
  const dates = scored.map((p) => p.features.start.date).sort();
  return {
    starts: scored.length,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    bySystem: PROP_SYSTEMS.map((s) => scoreOf(s.id, own.get(s.id)!)),
    commonSet: PROP_SYSTEMS.map((s) => scoreOf(s.id, common.get(s.id)!)),
    blocked,
  };
}
