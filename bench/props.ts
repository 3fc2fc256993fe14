/**
 * Benchmark: pitcher-strikeout props on the full 2023 season. Imports Retrosheet 2023 (game info and
 * pitching) and the Baseball-Reference 2023 logs into a temporary embedded store (DuckDB), builds the
 * player registry, then measures
 *   - loading the merged pitching lines from the store,
 *   - predicting every start of the season with every system, walk-forward (each start from earlier
 *     days only, weekly refits included): the figure the issue targets (< 2 s for ~4,900 starts),
 * and reports the walk-forward metrics per system against the naive Poisson baseline. Writes
 * bench/results/props.json and prints it as one JSON line.
 *
 *   node --max-semi-space-size=64 --import tsx bench/props.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/pipeline/import-files.js';
import { evaluatePropPredictions, type SystemScore } from '../src/props/evaluate.js';
import { loadPitchingLines } from '../src/props/load-lines.js';
import { refreshPlayerRegistry } from '../src/props/players.js';
import { walkForward } from '../src/props/walk-forward.js';
import { openStore } from '../src/store/open-store.js';
import { DATA } from './plan.js';

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const home = mkdtempSync(join(tmpdir(), 'sharpline-bench-props-'));

function scores(list: readonly SystemScore[]) {
  return Object.fromEntries(
    list.map((s) => [
      s.system,
      {
        starts: s.starts,
        mae: round(s.mae),
        crps: round(s.crps),
        log_score: round(s.logScore),
        bias: round(s.bias),
        coverage: Object.fromEntries(Object.entries(s.coverage).map(([k, v]) => [k, round(v, 3)])),
        pit_histogram: s.pitHistogram.map((x) => round(x, 3)),
        over_under: { lines: s.overUnder.lines, brier: round(s.overUnder.brier), ece: round(s.overUnder.ece) },
      },
    ]),
  );
}

try {
  const db = await openStore({ SHARPLINE_HOME: home });
  const t0 = performance.now();
  await importFiles(db, { format: 'retrosheet', paths: [join(DATA, 'mlb/retrosheet/2023gameinfo.csv'), join(DATA, 'mlb/retrosheet/2023pitching.csv')] });
  await importFiles(db, { format: 'bref-pitching', paths: [join(DATA, 'mlb/bref_pitcher_logs_2023_partial.csv')] });
  const importSeconds = (performance.now() - t0) / 1000;
  const registry = await refreshPlayerRegistry(db);

  const t1 = performance.now();
  const lines = await loadPitchingLines(db);
  const loadSeconds = (performance.now() - t1) / 1000;
  await db.close();

  walkForward(lines); // warm-up (JIT)
  const runs: number[] = [];
  let walk = walkForward(lines);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    walk = walkForward(lines);
    runs.push((performance.now() - t) / 1000);
  }
  runs.sort((a, b) => a - b);
  const evaluation = evaluatePropPredictions(walk.predictions);
  const predictions = walk.predictions.reduce((n, p) => n + p.systems.filter((s) => s.ok).length, 0);

  const result = {
    bench: 'props',
    node: process.version,
    date: new Date().toISOString(),
    store: 'duckdb',
    import_seconds: round(importSeconds, 2),
    registry: { players: registry.players, matched: registry.matched, retrosheet_only: registry.retrosheetOnly, ambiguous: registry.ambiguous, disagreements: registry.disagreements },
    lines: lines.length,
    starts: walk.predictions.length,
    systems: walk.predictions[0]?.systems.map((s) => s.system) ?? [],
    distributions_predicted: predictions,
    load_lines_seconds: round(loadSeconds, 3),
    // Median of 5 runs after a warm-up: every start × every system, refits included.
    predict_every_start_every_system_seconds: round(runs[2]!, 3),
    predict_runs_seconds: runs.map((r) => round(r, 3)),
    target_seconds: 2,
    walk_forward_2023: {
      from: evaluation.from,
      to: evaluation.to,
      by_system: scores(evaluation.bySystem),
      common_set: scores(evaluation.commonSet),
      blocked: evaluation.blocked,
      final_params: walk.params,
    },
  };
  writeFileSync(join(import.meta.dirname, 'results/props.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result));
} finally {
  rmSync(home, { recursive: true, force: true });
}
