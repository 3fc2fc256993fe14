/**
 * Backtest reports: the HTML page is self-contained and honest about missing figures, and every
 * chart renders to well-formed SVG and to a PNG with its text, without a browser.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bankrollChart,
  brierBySeasonChart,
  calibrationChart,
  renderHtmlReport,
  renderPng,
  renderSvg,
  reportCharts,
  roiByEdgeChart,
  writeReportPngs,
  type BacktestReportData,
  type BettingReport,
  type CalibrationBin,
  type SystemReport,
} from '../../../src/evaluation/report/index.js';
import { mulberry32 } from '../../../src/models/mulberry32.js';

const SEASONS = [2016, 2017, 2018, 2019, 2020];

/** Deterministic pseudo-random numbers, so the synthetic fixture is the same on every run. */
const rng = mulberry32;

function calibration(bias: number, seed: number): CalibrationBin[] {
  const random = rng(seed);
  return Array.from({ length: 10 }, (_, bin) => {
    const lower = bin / 10;
    const upper = (bin + 1) / 10;
    // Extreme bins are empty for a model that never forecasts below 10 % or above 90 %.
    const n = bin === 0 || bin === 9 ? 0 : Math.round(40 + 300 * Math.exp(-((bin - 5.5) ** 2) / 4));
    const mean_p = n === 0 ? null : lower + 0.05 + (random() - 0.5) * 0.02;
    const mean_y = mean_p === null ? null : Math.min(1, Math.max(0, mean_p + bias * (mean_p - 0.5) + (random() - 0.5) * 0.04));
    return { bin, lower, upper, n, mean_p, mean_y };
  });
}

function betting(drift: number, seed: number, clv: number | null): BettingReport {
  const random = rng(seed);
  const curve: { date: string; bankroll: number }[] = [];
  let bankroll = 100;
  for (const season of SEASONS) {
    for (let week = 0; week < 17; week++) {
      bankroll += drift + (random() - 0.5) * 4;
      const date = new Date(Date.UTC(season, 8, 10 + week * 7)).toISOString().slice(0, 10);
      curve.push({ date, bankroll: Math.round(bankroll * 100) / 100 });
    }
  }
  return {
    bets: 412,
    staked: 1030.5,
    profit: bankroll - 100,
    roi: (bankroll - 100) / 1030.5,
    clv,
    max_drawdown: 0.184,
    sharpe: null,
    bankroll_curve: curve,
    roi_by_edge: [
      { bucket: '0–2 %', bets: 180, staked: 450, profit: -12.4, roi: -12.4 / 450 },
      { bucket: '2–4 %', bets: 130, staked: 325, profit: 4.1, roi: 4.1 / 325 },
      { bucket: '4–6 %', bets: 70, staked: 175, profit: 6.3, roi: 6.3 / 175 },
      { bucket: '6–10 %', bets: 32, staked: 80.5, profit: -2.2, roi: -2.2 / 80.5 },
      { bucket: '10 %+', bets: 0, staked: 0, profit: 0, roi: null },
    ],
  };
}

function system(name: string, brier: number, bias: number, seed: number, bets: BettingReport | null): SystemReport {
  const bySeason = Object.fromEntries(SEASONS.map((s, i) => [String(s), brier + (i % 2 === 0 ? 0.004 : -0.003) + (seed % 3) * 0.001]));
  return { system: name, n: 1280, brier, log_loss: 0.6 + (brier - 0.2) * 2, ece: 0.01 + bias / 10, accuracy: 0.655 - (brier - 0.2), calibration: calibration(bias, seed), brier_by_season: bySeason, betting: bets };
}

const NOTE_WITH_HTML = 'Season 2017: no closing prices from <book> "A&B"; its games are scored without the market';

/** Synthetic numbers in the shape the backtest produces (NFL, 4 systems, 5 seasons). */
function syntheticReport(): BacktestReportData {
  return {
    title: 'NFL backtest 2016–2020',
    generated_at: '2025-01-05T12:00:00.000Z',
    sport: 'nfl',
    league: 'NFL',
    season_from: 2016,
    season_to: 2020,
    games: 1280,
    command: 'sharpline backtest --sport nfl --from 2016 --to 2020 --report out/report.html',
    notes: [NOTE_WITH_HTML, 'ensemble_v1: warm-up games before 2017 answered with elo_v1'],
    systems: [
      system('elo_v1', 0.21437, 0.05, 11, betting(0.12, 1, 0.0041)),
      system('ensemble_v1', 0.21189, 0.02, 12, betting(0.2, 2, null)),
      system('market', 0.20812, 0, 13, null),
      system('baseline', 0.24611, 0.4, 14, null),
    ],
  };
}

function withoutBets(data: BacktestReportData): BacktestReportData {
  return { ...data, systems: data.systems.map((s) => ({ ...s, betting: null })) };
}

/** The table's rows as cell texts, keyed by system. */
function tableRows(html: string): Map<string, string[]> {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  const rows = new Map<string, string[]>();
  for (const row of body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
    const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!);
    rows.set(cells[0]!, cells);
  }
  return rows;
}

/** Throws unless the markup is one balanced element tree rooted at <svg>. */
function assertWellFormedSvg(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  const text = svg.trim();
  expect(text.startsWith('<svg')).toBe(true);
  expect(text.endsWith('</svg>')).toBe(true);
  for (const [tag] of text.matchAll(/<[^>]+>/g)) {
    if (tag.startsWith('<?') || tag.startsWith('<!')) continue;
    if (tag.startsWith('</')) {
      const name = /^<\/([\w:-]+)/.exec(tag)![1]!;
      expect(stack.pop(), `closing ${tag}`).toBe(name);
      continue;
    }
    const name = /^<([\w:-]+)/.exec(tag)![1]!;
    if (stack.length === 0) roots++;
    if (!tag.endsWith('/>')) stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  // Stray markup characters outside tags mean an unescaped '<' or '>' leaked into text.
  expect(text.replace(/<[^>]+>/g, '')).not.toMatch(/[<>]/);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderHtmlReport (synthetic backtest)', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderHtmlReport(syntheticReport());
  });

  it('is one self-contained file: no external references, scripts or stylesheets, four inline charts', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
  });

  it('has the header: title, sport and league, seasons, games, command, generation time', () => {
    expect(html).toContain('<h1>NFL backtest 2016–2020</h1>');
    expect(html).toContain('nfl (NFL)');
    expect(html).toContain('2016–2020');
    expect(html).toContain('1,280');
    expect(html).toContain('sharpline backtest --sport nfl --from 2016 --to 2020 --report out/report.html');
    expect(html).toContain('2025-01-05T12:00:00.000Z');
  });

  it('shows every system in the metrics table with its Brier score to 4 decimals', () => {
    const rows = tableRows(html);
    expect([...rows.keys()]).toEqual(['elo_v1', 'ensemble_v1', 'market', 'baseline']);
    for (const s of syntheticReport().systems) {
      const cells = rows.get(s.system)!;
      expect(cells).toHaveLength(11);
      expect(cells[2]).toBe(s.brier.toFixed(4));
    }
    expect(rows.get('elo_v1')!.slice(1, 11)).toEqual(['1,280', '0.2144', '0.6287', '0.0150', '64.1 %', '412', expect.stringMatching(/^[+-]?\d+\.\d\d %$/), '+0.41 %', '18.4 %', '']);
  });

  it('leaves missing figures blank, never NaN, undefined or null', () => {
    const rows = tableRows(html);
    // The market and the baseline do not bet: all five betting cells are empty.
    expect(rows.get('market')!.slice(6)).toEqual(['', '', '', '', '']);
    expect(rows.get('baseline')!.slice(6)).toEqual(['', '', '', '', '']);
    // ensemble_v1 bet but has no closing prices for CLV and no Sharpe ratio.
    expect(rows.get('ensemble_v1')![8]).toBe('');
    expect(rows.get('ensemble_v1')![10]).toBe('');
    expect(html).not.toMatch(/\bNaN\b|\bundefined\b|\bnull\b|Infinity/);
  });

  it('escapes HTML special characters in the notes, and shows them in a visible box', () => {
    expect(html).toContain('Season 2017: no closing prices from &lt;book&gt; &quot;A&amp;B&quot;; its games are scored without the market');
    expect(html).not.toContain('<book>');
    expect(html).toMatch(/<section class="notes">[\s\S]*ensemble_v1: warm-up games[\s\S]*<\/section>/);
  });

  it('escapes the title and command too', async () => {
    const page = await renderHtmlReport({ ...syntheticReport(), title: 'A <b>bold</b> claim', command: 'sharpline backtest --note "x<y"' });
    expect(page).toContain('<title>A &lt;b&gt;bold&lt;/b&gt; claim</title>');
    expect(page).toContain('--note &quot;x&lt;y&quot;');
    expect(page).not.toContain('<b>');
  });
});

describe('charts (synthetic backtest)', () => {
  const data = syntheticReport();
  const axisTitles: Record<string, string[]> = {
    calibration: ['Mean forecast probability', 'Observed home-win rate'],
    bankroll: ['Date', 'Bankroll (units)'],
    'roi-by-edge': ['Model edge over the market', 'ROI'],
    'brier-by-season': ['Season', 'Brier score (lower is better)'],
  };

  it('renders each chart to a well-formed SVG with its title and axis titles as text', async () => {
    for (const chart of reportCharts(data.systems)) {
      expect(chart.spec, chart.id).not.toBeNull();
      const svg = await renderSvg(chart.spec!);
      assertWellFormedSvg(svg);
      expect(svg).toContain(`>${chart.title}</text>`);
      for (const title of axisTitles[chart.id]!) expect(svg, `${chart.id}: ${title}`).toContain(`>${title}</text>`);
      expect(svg).not.toMatch(/NaN/);
    }
  });

  it('keeps calibration axes on 0–1 and gives each system the same colour in every chart', () => {
    const calibration = JSON.stringify(calibrationChart(data.systems));
    expect(calibration.match(/"domain":\[0,1\]/g)?.length).toBeGreaterThanOrEqual(2);
    const colourOf = (spec: unknown, system: string): string | undefined => {
      const scale = /"domain":(\[[^\]]*"system"?[^\]]*\]|\[[^\]]*\]),"range":(\[[^\]]*\])/g;
      for (const m of JSON.stringify(spec).matchAll(scale)) {
        const domain = JSON.parse(m[1]!) as unknown[];
        const range = JSON.parse(m[2]!) as string[];
        const i = domain.indexOf(system);
        if (i >= 0) return range[i];
      }
      return undefined;
    };
    const specs = [calibrationChart(data.systems), bankrollChart(data.systems), roiByEdgeChart(data.systems), brierBySeasonChart(data.systems)];
    for (const system of ['elo_v1', 'ensemble_v1']) expect(new Set(specs.map((s) => colourOf(s, system))).size).toBe(1);
    expect(colourOf(specs[0], 'market')).toBe('#222222');
    expect(colourOf(specs[3], 'market')).toBe('#222222');
    expect(colourOf(specs[3], 'baseline')).toBe('#b3b3b3');
    // Systems that do not bet stay out of the betting charts' legends.
    expect(colourOf(specs[1], 'market')).toBeUndefined();
  });

  it('renders PNGs with text drawn (fonts found), and writes the four chart files', async () => {
    const svg = await renderSvg(calibrationChart(data.systems)!);
    const png = renderPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // Without a usable font resvg silently drops text, so the image would not change without it.
    const textless = renderPng(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''));
    expect(png.equals(textless)).toBe(false);
    expect(renderPng(svg, 1280).length).toBeGreaterThan(png.length);

    const dir = await mkdtemp(join(tmpdir(), 'sharpline-report-'));
    try {
      const paths = await writeReportPngs(data, dir);
      expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(['calibration.png', 'bankroll.png', 'roi-by-edge.png', 'brier-by-season.png']);
      for (const path of paths) {
        const file = await readFile(path);
        expect(file.subarray(0, 8).equals(PNG_SIGNATURE), path).toBe(true);
        expect(file.length, path).toBeGreaterThan(10_000);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a backtest with no bets (synthetic)', () => {
  const data = withoutBets(syntheticReport());
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sharpline-report-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('has no bankroll or ROI chart spec', () => {
    expect(bankrollChart(data.systems)).toBeNull();
    expect(roiByEdgeChart(data.systems)).toBeNull();
    expect(calibrationChart(data.systems)).not.toBeNull();
    expect(brierBySeasonChart(data.systems)).not.toBeNull();
  });

  it('says "no bets" in the report instead of drawing empty charts', async () => {
    const html = await renderHtmlReport(data);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toMatch(/No bets were placed, so there is no bankroll curve/);
    expect(html).toMatch(/No bets were placed, so there is no ROI by edge/);
    expect(html).toMatch(/No bets: no system placed a bet/);
    expect(html).not.toMatch(/\bNaN\b|\bundefined\b|\bnull\b/);
    for (const cells of tableRows(html).values()) expect(cells.slice(6)).toEqual(['', '', '', '', '']);
  });

  it('writes only the calibration and Brier PNGs, removing stale betting charts', async () => {
    await writeFile(join(dir, 'bankroll.png'), 'stale');
    const paths = await writeReportPngs(data, dir);
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(['calibration.png', 'brier-by-season.png']);
    await expect(readFile(join(dir, 'bankroll.png'))).rejects.toThrow();
  });

  it('renders a report with no notes and no calibration data without failing', async () => {
    const bare = { ...data, notes: [], systems: data.systems.map((s) => ({ ...s, calibration: [] })) };
    const html = await renderHtmlReport(bare);
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toContain('No calibration bins with games.');
    expect(html).toMatch(/<section class="notes">/);
  });
});
