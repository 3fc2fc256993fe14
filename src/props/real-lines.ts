/**
 * @module props/real-lines
 * Over/under calibration at REAL prop lines, where the store has lines for starts the walk-forward
 * predicted: per start, the line most books offered, the books' vig-free P(over) at it averaged (the
 * market), and each system's P(over | no push) there, scored against what happened (pushes left out).
 * The market's own Brier on the same starts is the bar a system has to clear.
 */
import { removeVig } from '../domain/vig/index.js';
import { overUnder } from './distribution.js';
import { binaryCalibration } from './metrics.js';
import { nameKey } from './names.js';
import type { StartPrediction } from './walk-forward.js';

/** One side of a book's quote, as `curated.prop_quotes` gives it. */
export type PropQuoteRow = {
  readonly player_name: string;
  readonly game_date: string;
  readonly book: string;
  readonly line: number;
  readonly side: string;
  readonly price_decimal: number;
};

export interface RealLineCalibration {
  /** Predicted, played starts with at least one two-way quote. */
  readonly starts: number;
  /** Of those, not pushed at the consensus line (the scored ones). */
  readonly decided: number;
  readonly market: { readonly brier: number; readonly ece: number };
  readonly bySystem: { readonly system: string; readonly n: number; readonly brier: number; readonly ece: number; readonly marketBrierSameStarts: number }[];
}

/** Calibration at real lines; `names` maps a registry player id to his name. */
export function realLineCalibration(predictions: readonly StartPrediction[], quotes: readonly PropQuoteRow[], names: ReadonlyMap<string, string | null>): RealLineCalibration {
  // Books' vig-free P(over) by pitcher name key, date and line.
  const fair = new Map<string, Map<number, number[]>>();
  const pairs = new Map<string, { over?: number; under?: number; line: number; key: string }>();
  for (const q of quotes) {
    const key = `${nameKey(q.player_name)}|${q.game_date}`;
    const id = `${key}|${q.book}|${q.line}`;
    const pair = pairs.get(id) ?? { line: Number(q.line), key };
    if (q.side === 'over') pair.over = Number(q.price_decimal);
    else if (q.side === 'under') pair.under = Number(q.price_decimal);
    pairs.set(id, pair);
  }
  for (const p of pairs.values()) {
    if (p.over === undefined || p.under === undefined) continue;
    const byLine = fair.get(p.key) ?? new Map<number, number[]>();
    byLine.set(p.line, [...(byLine.get(p.line) ?? []), removeVig([p.over, p.under], 'multiplicative').probabilities[0]!]);
    fair.set(p.key, byLine);
  }
  let starts = 0;
  const market: { p: number[]; y: number[] } = { p: [], y: [] };
  const systems = new Map<string, { p: number[]; y: number[]; m: number[] }>();
  for (const pred of predictions) {
    const name = names.get(pred.features.start.playerId);
    if (pred.actual === null || !name) continue;
    const byLine = fair.get(`${nameKey(name)}|${pred.features.start.date}`);
    if (!byLine) continue;
    starts++;
    const [line, probs] = [...byLine.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0]!;
    if (pred.actual === line) continue;
    const y = pred.actual > line ? 1 : 0;
    const m = probs.reduce((a, b) => a + b, 0) / probs.length;
    market.p.push(m);
    market.y.push(y);
    for (const s of pred.systems) {
      if (!s.ok) continue;
      const ou = overUnder(s.distribution, line);
      const acc = systems.get(s.system) ?? { p: [], y: [], m: [] };
      acc.p.push(ou.over / (ou.over + ou.under));
      acc.y.push(y);
      acc.m.push(m);
      systems.set(s.system, acc);
    }
  }
  const mk = binaryCalibration(market.p, market.y);
  return {
    starts,
    decided: market.p.length,
    market: { brier: mk.brier, ece: mk.ece },
    bySystem: [...systems.entries()].map(([system, a]) => {
      const c = binaryCalibration(a.p, a.y);
      return { system, n: c.n, brier: c.brier, ece: c.ece, marketBrierSameStarts: binaryCalibration(a.m, a.y).brier };
    }),
  };
}
