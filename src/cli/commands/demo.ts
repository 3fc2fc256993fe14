/**
 * @module cli/commands/demo
 * `sharpline demo`: the main job on the bundled sample of real data. Imports every sample file,
 * runs the pipeline and its validation, and prints what landed. Each capability extends it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { closingMarketScores } from '../../analytics/closing-market.js';
import { runGate } from '../../quality/gates.js';
import { measureScores } from '../../quality/scores.js';
import { logBacktestPredictions, runBacktest, type BacktestResult } from '../../evaluation/backtest.js';
import { renderHtmlReport } from '../../evaluation/report/index.js';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { trainSystems, type TrainReport } from '../../models/train.js';
import type { Sport } from '../../domain/sports.js';
import { importFiles, type ImportSummary } from '../../pipeline/import-files.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { storeStatus } from '../../pipeline/status.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

/** The bundled sample: `data/sample/manifest.json`. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../../data/sample/', import.meta.url));

/** Sports the demo trains when the sample holds enough of them. */
const DEMO_SPORTS: readonly Sport[] = ['nfl', 'soccer', 'mlb', 'nba', 'nhl'];

interface Manifest {
  imports: { format: string; paths: string[]; season?: number }[];
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('The main job on the bundled real-data sample: import, pipeline, validation, summary')
    .option('--sample-dir <dir>', 'a folder with a manifest.json like data/sample/', SAMPLE_DIR)
    .option('--json', 'print a JSON document')
    .action(async (opts: { sampleDir: string; json?: boolean }) => {
      const manifest = JSON.parse(readFileSync(join(opts.sampleDir, 'manifest.json'), 'utf8')) as Manifest;
      const report = await withStore(async (db) => {
        const imports: ImportSummary[] = [];
        for (const entry of manifest.imports) {
          imports.push(await importFiles(db, { format: entry.format, paths: entry.paths.map((p) => join(opts.sampleDir, p)), season: entry.season }));
          if (!opts.json) note(`imported ${entry.format}: ${imports.at(-1)!.rows_in} rows in`);
        }
        const pipeline = await runPipeline(db);
        const status = await storeStatus(db, { runs: manifest.imports.length + 1 });
        // The bar every model must clear: the vig-free closing moneyline as a forecast.
        const closingMarket = await closingMarketScores(db);
        // Nothing is trained or published on data that fails the training gate.
        const quality = await runGate(db, 'training');
        // How complete, valid and consistent the staged rows are (completeness × validity × consistency).
        const scores = (await measureScores(db)).filter((x) => x.scope === 'table' && x.rows > 0);
        // Train each sport with enough real games, then score the systems walk-forward on the last
        // season against the closing market (the seasons before it are their only history).
        const training: TrainReport[] = [];
        const backtests: BacktestResult[] = [];
        let reportFile: string | null = null;
        if (quality.passed) {
          for (const sport of DEMO_SPORTS) {
            const seasons = status.games.filter((g) => g.sport === sport && g.final > 0).map((g) => Number(g.season)).sort((a, b) => a - b);
            const finals = status.games.filter((g) => g.sport === sport).reduce((n, g) => n + g.final, 0);
            if (finals < 200) continue;
            training.push(await trainSystems(db, { sport }));
            if (seasons.length >= 2) {
              const season = seasons.at(-1)!;
              const { result, report, walk } = await runBacktest(db, {
                sport,
                from: season,
                to: season,
                markets: ['moneyline', 'spread', 'total'],
                staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 },
                minEdge: 0.02,
                devig: 'multiplicative',
                price: 'close',
              });
              await logBacktestPredictions(db, result, walk);
              backtests.push(result);
              // The report of the first backtest goes next to the store (the embedded one) or the working directory.
              if (!reportFile) {
                report.command = 'sharpline demo';
                reportFile = resolve(process.env.SHARPLINE_HOME || '.sharpline', 'demo-report.html');
                writeFileSync(reportFile, await renderHtmlReport(report));
              }
            }
          }
        }
        return { version: 1, store: `${db.engine} ${db.location}`, imports, validation: pipeline.validation, status, closing_market: closingMarket, quality, quality_scores: scores, training, backtests, report_file: reportFile };
      });
      if (opts.json) return printJson(report);
      printTable(
        ['format', 'rows in', 'loaded', 'quarantined', 'duplicates', 'games created', 'quotes'],
        report.imports.map((i) => [i.format, i.rows_in, i.loaded, i.quarantined, i.duplicates, i.curated.games_created, i.curated.quotes_added]),
        `sharpline demo · ${report.store}`,
      );
      printTable(
        ['sport', 'season', 'games', 'final', 'with closing moneyline'],
        report.status.games.map((g) => [g.sport, String(g.season), g.games, g.final, g.with_closing_moneyline]),
        'Curated games',
      );
      printTable(['validation', 'ok', 'detail'], report.validation.map((v) => [v.check, v.ok ? 'yes' : 'NO', v.detail]));
      printTable(
        ['sport', 'seasons', 'games', 'Brier multiplicative', 'Brier power', 'Brier Shin', 'Brier constant'],
        report.closing_market.map((c) => [
          c.sport,
          c.season_from === c.season_to ? String(c.season_from) : `${c.season_from}–${c.season_to}`,
          c.games,
          c.brier.multiplicative!,
          c.brier.power!,
          c.brier.shin!,
          c.constant_brier,
        ]),
        'Closing market as a forecast of a home win (vig removed; draws and ties left out)',
      );
      const failing = report.quality.checks.filter((c) => !c.passed);
      printTable(
        ['quality gate', 'result', 'checks', 'errors', 'warnings', 'findings'],
        [[report.quality.gate, report.quality.passed ? 'passed' : 'FAILED', report.quality.checks.length, report.quality.errors_failed, report.quality.warnings_failed,
          failing.map((c) => `${c.name} (${c.severity}, ${c.offending_count})`).join('; ') || 'none']],
      );
      printTable(
        ['staged table', 'rows', 'completeness', 'validity', 'consistency', 'quality score'],
        report.quality_scores.map((x) => [x.table, x.rows, x.completeness ?? '', x.validity ?? '', x.consistency ?? '', x.score ?? '']),
        'Quality scores of the staged rows (sharpline quality scores)',
      );
      if (report.training.length > 0) {
        printTable(
          ['sport', 'system', 'trained on', 'walk-forward games', 'Brier', 'log loss'],
          report.training.flatMap((t) => t.systems.map((s) => [t.sport, s.system, `${t.games.scored} games ${t.games.seasons}`, s.walk_forward?.n ?? '', s.walk_forward?.brier ?? '', s.walk_forward?.log_loss ?? ''])),
          'Systems trained and versioned in the registry (analytics.model_registry)',
        );
      }
      for (const b of report.backtests) {
        printTable(
          ['system', 'market', 'games', 'Brier', 'log loss', 'ECE', 'bets', 'ROI', 'CLV'],
          b.rows.map((r) => [r.system, r.market, r.n, r.brier ?? '', r.log_loss ?? '', r.ece ?? '', r.bets || '', r.roi === null ? '' : `${(r.roi * 100).toFixed(2)}%`, r.clv === null ? '' : `${(r.clv * 100).toFixed(2)}%`]),
          `Walk-forward backtest ${b.sport} ${b.season_from}: each game predicted from earlier games only, beside the closing market and the home-rate baseline; quarter-Kelly bets at ${b.book ?? 'no'} closing prices where the edge exceeds 2 points`,
        );
      }
      if (report.report_file) note(`report with charts: ${report.report_file}`);
      if (report.validation.some((v) => !v.ok) || !report.quality.passed) process.exitCode = 1;
      note(`explore: npx sharpline status · npx sharpline lineage game 1 · npx sharpline --help (store: ${dirname(report.store)})`);
    });
}
