/**
 * @module evaluation/report/html-report
 * A backtest report as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts,
 * fonts or external URLs, so it can be mailed, archived or opened offline and look the same.
 *
 * Every string from the data is escaped; a missing figure is a blank cell, because "NaN" or "null"
 * in a results table reads as a result.
 */
import { reportCharts, renderSvg } from './charts.js';
import type { BacktestReportData, SystemReport } from './report-data.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function fixed(value: number | null | undefined, digits: number): string {
  return isFiniteNumber(value) ? value.toFixed(digits) : '';
}

function percent(value: number | null | undefined, digits: number, signed = false): string {
  if (!isFiniteNumber(value)) return '';
  const text = `${(value * 100).toFixed(digits)} %`;
  return signed && value > 0 ? `+${text}` : text;
}

function count(value: number | null | undefined): string {
  return isFiniteNumber(value) ? Math.round(value).toLocaleString('en-US') : '';
}

/**
 * Vega's SVG declares its namespaces with http:// URIs; inline SVG in HTML needs no namespace, and
 * dropping them keeps the file free of anything that looks like an external reference.
 */
function inlineSvg(svg: string): string {
  return svg.replace(/<svg\b[^>]*>/, (tag) => tag.replace(/\s+xmlns(:\w+)?="[^"]*"/g, ''));
}

function metricsTable(systems: readonly SystemReport[]): string {
  const briers = systems.map((s) => s.brier).filter(isFiniteNumber);
  const best = briers.length > 0 ? Math.min(...briers) : null;
  const header = ['System', 'Games', 'Brier', 'Log loss', 'ECE', 'Accuracy', 'Bets', 'ROI', 'CLV', 'Max drawdown', 'Sharpe'];
  const rows = systems.map((s) => {
    const b = s.betting;
    const brierClass = best !== null && s.brier === best ? ' class="num best"' : ' class="num"';
    const cells = [
      `<th scope="row">${escapeHtml(s.system)}</th>`,
      `<td class="num">${count(s.n)}</td>`,
      `<td${brierClass}>${fixed(s.brier, 4)}</td>`,
      `<td class="num">${fixed(s.log_loss, 4)}</td>`,
      `<td class="num">${fixed(s.ece, 4)}</td>`,
      `<td class="num">${percent(s.accuracy, 1)}</td>`,
      `<td class="num">${count(b?.bets)}</td>`,
      `<td class="num">${percent(b?.roi, 2, true)}</td>`,
      `<td class="num">${percent(b?.clv, 2, true)}</td>`,
      `<td class="num">${percent(b?.max_drawdown, 1)}</td>`,
      `<td class="num">${fixed(b?.sharpe, 2)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return [
    '<table class="metrics">',
    `<thead><tr>${header.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function seasonsLabel(data: BacktestReportData): string {
  return data.season_from === data.season_to ? String(data.season_from) : `${data.season_from}–${data.season_to}`;
}

function notesBox(notes: readonly string[]): string {
  if (notes.length === 0) return '<section class="notes"><h2>Notes</h2><p>Nothing missing: every system was scored on every season.</p></section>';
  return `<section class="notes"><h2>Notes</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 8px; }
h2 { font-size: 1.15em; margin: 28px 0 10px; border-bottom: 1px solid #e5e5e5; padding-bottom: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0 0; font-size: 0.92em; }
dl.meta dt { color: #666; }
dl.meta dd { margin: 0; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: #f3f3f3; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
table.metrics { border-collapse: collapse; width: 100%; font-size: 0.88em; }
table.metrics th, table.metrics td { padding: 6px 8px; border-bottom: 1px solid #eee; text-align: left; white-space: nowrap; }
table.metrics thead th { border-bottom: 2px solid #ccc; font-weight: 600; }
table.metrics td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.metrics td.best { font-weight: 700; }
.notes { border: 1px solid #e0c36a; background: #fff8e1; border-radius: 4px; padding: 4px 16px 8px; margin-top: 24px; }
.notes h2 { border: none; margin-top: 10px; }
.notes ul { margin: 0; padding-left: 20px; }
figure.chart { margin: 16px 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
p.empty { color: #666; font-style: italic; border: 1px dashed #ccc; padding: 16px; border-radius: 4px; }
footer { margin-top: 32px; font-size: 0.8em; color: #888; }
`;

/** The report as one HTML document. */
export async function renderHtmlReport(data: BacktestReportData): Promise<string> {
  const charts = reportCharts(data.systems);
  const svgs = await Promise.all(charts.map((c) => (c.spec ? renderSvg(c.spec) : Promise.resolve(null))));
  const chartSections = charts.map((chart, i) => {
    const svg = svgs[i];
    const body = svg
      ? `<figure class="chart" id="chart-${chart.id}" role="img" aria-label="${escapeHtml(chart.title)}">${inlineSvg(svg)}</figure>`
      : `<p class="empty" id="chart-${chart.id}">${escapeHtml(chart.empty)}</p>`;
    return `<section><h2>${escapeHtml(chart.title)}</h2>\n${body}</section>`;
  });
  const sport = data.league ? `${data.sport} (${data.league})` : data.sport;
  const anyBets = data.systems.some((s) => (s.betting?.bets ?? 0) > 0);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(data.title)}</h1>
<dl class="meta">
<dt>Sport</dt><dd>${escapeHtml(sport)}</dd>
<dt>Seasons</dt><dd>${escapeHtml(seasonsLabel(data))}</dd>
<dt>Games</dt><dd>${count(data.games)}</dd>
<dt>Command</dt><dd><code>${escapeHtml(data.command)}</code></dd>
<dt>Generated</dt><dd>${escapeHtml(data.generated_at)}</dd>
</dl>
</header>
${notesBox(data.notes)}
<section>
<h2>Metrics</h2>
${metricsTable(data.systems)}
${anyBets ? '' : '<p class="empty">No bets: no system placed a bet in this backtest.</p>'}
</section>
${chartSections.join('\n')}
<footer>Brier, log loss and ECE are on the games every system forecast; lower is better. ROI, CLV and drawdown are shares of stake, bankroll peak and price.</footer>
</main>
</body>
</html>
`;
}
