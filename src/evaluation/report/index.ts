/**
 * @module evaluation/report
 * Backtest reports without a browser: one self-contained HTML page, and the same charts as PNG
 * files for a README (which cannot hold inline SVG with its styling intact everywhere).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPng, renderSvg, reportCharts } from './charts.js';
import type { BacktestReportData } from './report-data.js';

export type { BacktestReportData, BankrollPoint, BettingReport, CalibrationBin, EdgeBucket, SystemReport } from './report-data.js';
export {
  bankrollChart,
  brierBySeasonChart,
  calibrationChart,
  CHART_WIDTH,
  renderPng,
  renderSvg,
  reportCharts,
  roiByEdgeChart,
  systemColours,
  type ChartId,
  type ReportChart,
} from './charts.js';
export { escapeHtml, renderHtmlReport } from './html-report.js';

/**
 * Writes calibration.png, bankroll.png, roi-by-edge.png and brier-by-season.png into `dir` (made if
 * missing) and returns the paths written. A chart with no data (bankroll and ROI when nothing was
 * bet) is not written, and its file from an earlier run is removed: an old bankroll curve beside
 * new figures would be read as this run's.
 */
export async function writeReportPngs(data: BacktestReportData, dir: string, width?: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const chart of reportCharts(data.systems)) {
    const path = join(dir, `${chart.id}.png`);
    if (!chart.spec) {
      await rm(path, { force: true });
      continue;
    }
    await writeFile(path, renderPng(await renderSvg(chart.spec), width));
    written.push(path);
  }
  return written;
}
