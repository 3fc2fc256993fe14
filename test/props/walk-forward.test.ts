import { describe, expect, it } from 'vitest';
import { evaluatePropPredictions } from '../../src/props/evaluate.js';
import { specOf, walkForward, type StartPrediction } from '../../src/props/walk-forward.js';
import { syntheticSeason } from './_synthetic.js';

const lines = syntheticSeason({ days: 70 });

function comparable(p: StartPrediction) {
  return { start: p.features.start, systems: p.systems.map((s) => (s.ok ? { s: s.system, pmf: [...s.distribution.pmf] } : { s: s.system, flags: s.flags.map((f) => f.code) })) };
}

describe('walk-forward over a SYNTHETIC season', () => {
  const walk = walkForward(lines);

  it('predicts every start with every system, each from earlier days only', () => {
    expect(walk.predictions.length).toBe(lines.filter((l) => l.started).length);
    expect(walk.predictions.every((p) => p.systems.length === 4)).toBe(true);
    // Every system predicts once warmed up; the first days are blocked (first starts, no training).
    const late = walk.predictions.filter((p) => p.features.start.date >= '2023-05-20');
    expect(late.every((p) => p.systems.every((s) => s.ok))).toBe(true);
    expect(walk.predictions[0]!.systems.every((s) => !s.ok)).toBe(true);
  });

  it('as-of: altering every line after a date changes no prediction before it', () => {
    const cutoff = '2023-05-15';
    const altered = lines.map((l) => (l.date >= cutoff ? { ...l, strikeouts: 0, battersFaced: 40, pitches: 150 } : l));
    const before = (ps: StartPrediction[]) => ps.filter((p) => p.features.start.date < cutoff).map(comparable);
    const after = walkForward(altered).predictions;
    expect(before(after)).toEqual(before(walk.predictions));
    // …and the alteration does reach the predictions after it.
    expect(after.filter((p) => p.features.start.date > '2023-05-20').map(comparable)).not.toEqual(walk.predictions.filter((p) => p.features.start.date > '2023-05-20').map(comparable));
  });

  it('predicting one date = walking up to it (the same code path as props predict)', () => {
    const date = '2023-06-01';
    const fit = walkForward(lines, { until: date, record: false });
    expect(fit.predictions).toEqual([]);
    expect(fit.params.trainedUntil! < date).toBe(true);
    const inWalk = walk.predictions.find((p) => p.features.start.date === date)!;
    expect(inWalk.features.latestDataDate).toBe('2023-05-31');
    expect(specOf(lines.find((l) => l.date === date)!)).toEqual(inWalk.features.start);
  });

  it('is deterministic, and the learned ensemble weights sum to 1', () => {
    expect(walkForward(lines).params).toEqual(walk.params);
    const w = walk.params.ensembleWeights!;
    expect(w[0] + w[1]).toBe(1);
  });

  it('the systems that know the opponent beat the naive season-average Poisson on the same starts', () => {
    const e = evaluatePropPredictions(walk.predictions);
    const crps = Object.fromEntries(e.commonSet.map((s) => [s.system, s.crps]));
    expect(e.commonSet[0]!.starts).toBeGreaterThan(1000);
    expect(crps.k_rolling!).toBeLessThan(crps.k_naive_poisson!);
    expect(crps.k_ensemble!).toBeLessThan(crps.k_naive_poisson!);
    // PIT shares sum to 1; coverage of the 90% interval is near 90% for a calibrated system.
    for (const s of e.bySystem) expect(s.pitHistogram.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(e.commonSet.find((s) => s.system === 'k_ensemble')!.coverage['0.9']).toBeGreaterThan(0.85);
  });
});
