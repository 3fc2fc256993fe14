/**
 * @module evaluation/report/charts
 * The backtest report's charts as Vega-Lite specs, and their rendering without a browser: Vega's
 * headless view writes SVG, resvg rasterises it to PNG. Spec builders are pure (report data in,
 * spec out) and return null when there is nothing to draw, so callers can say why instead of
 * showing an empty frame.
 *
 * A system keeps its colour in every chart (the colour map is built from the whole system list,
 * then each chart keeps the systems it shows), so a reader can match lines across charts; the
 * market is near-black and the baseline light grey because they are references, not contenders.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { SystemReport } from './report-data.js';

export type ChartId = 'calibration' | 'bankroll' | 'roi-by-edge' | 'brier-by-season';

export const CHART_WIDTH = 640;
const CHART_HEIGHT = 360;

// DejaVu first because it is what a bare Linux box has for resvg; browsers fall through to theirs.
const FONT = 'DejaVu Sans, Helvetica Neue, Helvetica, Arial, sans-serif';

const FIXED_COLOURS: Record<string, string> = {
  market: '#222222',
  baseline: '#b3b3b3',
  elo_v1: '#1f77b4',
  ensemble_v1: '#d62728',
};
// Avoids greys and the fixed colours above, so no other system can be mistaken for a reference.
const PALETTE = ['#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

/** Colour of each system, stable for a given system list. */
export function systemColours(systems: readonly string[]): Map<string, string> {
  const colours = new Map<string, string>();
  const used = new Set(Object.values(FIXED_COLOURS));
  let next = 0;
  for (const system of systems) {
    if (colours.has(system)) continue;
    const fixed = FIXED_COLOURS[system];
    if (fixed) {
      colours.set(system, fixed);
      continue;
    }
    let colour = PALETTE[next % PALETTE.length]!;
    // A palette this short can run out; reuse rather than fail, the legend still tells them apart.
    for (let tries = 0; used.has(colour) && tries < PALETTE.length; tries++) colour = PALETTE[++next % PALETTE.length]!;
    next++;
    used.add(colour);
    colours.set(system, colour);
  }
  return colours;
}

function colourEncoding(all: readonly SystemReport[], shown: readonly string[]) {
  const colours = systemColours(all.map((s) => s.system));
  return {
    field: 'system',
    type: 'nominal' as const,
    title: 'System',
    scale: { domain: [...shown], range: shown.map((s) => colours.get(s)!) },
  };
}

const CONFIG = {
  font: FONT,
  background: 'white',
  // ARIA descriptions would repeat every datum in the SVG; the HTML report labels each figure.
  aria: false,
  view: { stroke: '#dddddd' },
  title: { fontSize: 15, fontWeight: 'bold' as const, anchor: 'start' as const, subtitleFontSize: 11, subtitleColor: '#555555', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const, titleColor: '#333333', gridColor: '#eeeeee', domainColor: '#888888', tickColor: '#888888' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const, symbolStrokeWidth: 2 },
};

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Reliability diagram: each system's observed win rate against its mean forecast, per bin. */
export function calibrationChart(systems: readonly SystemReport[]): TopLevelSpec | null {
  const rows = systems.flatMap((s) =>
    s.calibration
      .filter((b) => b.n > 0 && isFiniteNumber(b.mean_p) && isFiniteNumber(b.mean_y))
      .map((b) => ({ system: s.system, mean_p: b.mean_p, mean_y: b.mean_y, n: b.n })),
  );
  if (rows.length === 0) return null;
  const shown = [...new Set(rows.map((r) => r.system))];
  const x = { field: 'mean_p', type: 'quantitative' as const, title: 'Mean forecast probability', scale: { domain: [0, 1] }, axis: { format: '.1f' } };
  const y = { field: 'mean_y', type: 'quantitative' as const, title: 'Observed home-win rate', scale: { domain: [0, 1] }, axis: { format: '.1f' } };
  const color = colourEncoding(systems, shown);
  return {
    title: { text: 'Calibration', subtitle: 'Points on the dashed diagonal are perfectly calibrated; point size is the number of games in the bin' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT + 40,
    config: CONFIG,
    layer: [
      {
        data: { values: [{ p: 0 }, { p: 1 }] },
        mark: { type: 'line', color: '#999999', strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { ...x, field: 'p' }, y: { ...y, field: 'p' } },
      },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 1.5, opacity: 0.8 },
        encoding: { x, y, color, order: { field: 'mean_p', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'circle', opacity: 0.85 },
        encoding: { x, y, color, size: { field: 'n', type: 'quantitative', title: 'Games in bin', scale: { range: [12, 260] }, legend: { tickCount: 3 } } },
      },
    ],
  };
}

/** Bankroll over time for every system that bet. */
export function bankrollChart(systems: readonly SystemReport[]): TopLevelSpec | null {
  const rows = systems.flatMap((s) =>
    (s.betting?.bankroll_curve ?? []).filter((p) => isFiniteNumber(p.bankroll) && p.date).map((p) => ({ system: s.system, date: p.date, bankroll: p.bankroll })),
  );
  if (rows.length === 0) return null;
  const shown = [...new Set(rows.map((r) => r.system))];
  return {
    title: { text: 'Bankroll', subtitle: 'Bankroll after each day of settled bets' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.75, interpolate: 'step-after' },
    encoding: {
      // UTC so a date-only string lands on its own day whatever the machine's time zone.
      x: { field: 'date', type: 'temporal', title: 'Date', scale: { type: 'utc' }, axis: { format: '%b %Y', labelOverlap: true } },
      y: { field: 'bankroll', type: 'quantitative', title: 'Bankroll (units)', scale: { zero: false } },
      color: colourEncoding(systems, shown),
    },
  };
}

/** ROI per model-edge bucket, bars grouped by system. */
export function roiByEdgeChart(systems: readonly SystemReport[]): TopLevelSpec | null {
  const rows = systems.flatMap((s) =>
    (s.betting?.roi_by_edge ?? [])
      .filter((b) => b.bets > 0 && isFiniteNumber(b.roi))
      .map((b) => ({ system: s.system, bucket: b.bucket, roi: b.roi, bets: b.bets })),
  );
  if (rows.length === 0) return null;
  const shown = [...new Set(rows.map((r) => r.system))];
  // The data gives buckets in edge order; sorting their labels as text would put "10 %" before "2 %".
  const buckets = [...new Set(systems.flatMap((s) => (s.betting?.roi_by_edge ?? []).map((b) => b.bucket)))];
  const x = { field: 'bucket', type: 'nominal' as const, title: 'Model edge over the market', sort: buckets, axis: { labelAngle: 0 } };
  return {
    title: { text: 'ROI by edge', subtitle: 'Return on stake of the bets in each edge bucket' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar' },
        encoding: {
          x,
          xOffset: { field: 'system', type: 'nominal', sort: shown },
          y: { field: 'roi', type: 'quantitative', title: 'ROI', axis: { format: '.0%' } },
          color: colourEncoding(systems, shown),
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#666666', strokeWidth: 1 },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}

/** Brier score per season for every system; the market's line is drawn heavier as the bar to clear. */
export function brierBySeasonChart(systems: readonly SystemReport[]): TopLevelSpec | null {
  const rows = systems.flatMap((s) =>
    Object.entries(s.brier_by_season)
      .filter(([, brier]) => isFiniteNumber(brier))
      .map(([season, brier]) => ({ system: s.system, season, brier, market: s.system === 'market' })),
  );
  if (rows.length === 0) return null;
  const shown = [...new Set(rows.map((r) => r.system))];
  const seasons = [...new Set(rows.map((r) => r.season))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const encoding = {
    x: { field: 'season', type: 'ordinal' as const, title: 'Season', sort: seasons, axis: { labelAngle: 0 } },
    y: { field: 'brier', type: 'quantitative' as const, title: 'Brier score (lower is better)', scale: { zero: false }, axis: { format: '.3f' } },
    color: colourEncoding(systems, shown),
  };
  return {
    title: { text: 'Brier score by season', subtitle: 'The heavy line is the closing market, the forecast to beat' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    data: { values: rows },
    layer: [
      { transform: [{ filter: '!datum.market' }], mark: { type: 'line', strokeWidth: 1.75, point: { size: 30 } }, encoding },
      { transform: [{ filter: 'datum.market' }], mark: { type: 'line', strokeWidth: 3.5, point: { size: 50 } }, encoding },
    ],
  };
}

export interface ReportChart {
  id: ChartId;
  title: string;
  /** Null when there is nothing to draw. */
  spec: TopLevelSpec | null;
  /** Why the chart is missing, for readers, when spec is null. */
  empty: string;
}

/** The report's four charts, in page order. */
export function reportCharts(systems: readonly SystemReport[]): ReportChart[] {
  return [
    { id: 'calibration', title: 'Calibration', spec: calibrationChart(systems), empty: 'No calibration bins with games.' },
    { id: 'bankroll', title: 'Bankroll', spec: bankrollChart(systems), empty: 'No bets were placed, so there is no bankroll curve.' },
    { id: 'roi-by-edge', title: 'ROI by edge', spec: roiByEdgeChart(systems), empty: 'No bets were placed, so there is no ROI by edge.' },
    { id: 'brier-by-season', title: 'Brier score by season', spec: brierBySeasonChart(systems), empty: 'No per-season Brier scores.' },
  ];
}

/** SVG of a Vega-Lite spec, rendered headless. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * PNG of an SVG, `width` pixels wide (default: the SVG's own width). System fonts are loaded because
 * resvg draws no text without a font, and the charts' axis titles are the point.
 */
export function renderPng(svg: string, width?: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
    background: 'white',
    font: { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
