/**
 * @module serve/dashboard/html
 * The page frame and small HTML helpers. Every value from data goes through `escapeHtml`.
 */
import { escapeHtml } from '../../evaluation/report/index.js';

export { escapeHtml };

const NAV: [string, string][] = [
  ['/', "Today's picks"],
  ['/systems', 'Systems'],
  ['/teams', 'Teams'],
  ['/status', 'Data & runs'],
  ['/docs', 'API'],
];

export function page(title: string, active: string, body: string, scripts: string[] = []): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}"${href === active ? ' class="on"' : ''}>${label}</a>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · sharpline</title><link rel="stylesheet" href="/assets/style.css"></head>
<body><header><span class="brand">sharpline</span>${nav}</header><main><h1>${escapeHtml(title)}</h1>${body}</main>
${scripts.map((s) => `<script src="${s}" defer></script>`).join('')}</body></html>`;
}

/** A table: `head` labels, rows of already-escaped cells (use `cell`). */
export function table(head: string[], rows: string[][], attrs = ''): string {
  return `<table ${attrs}><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function cell(value: string | number | null | undefined, num = false): string {
  const text = value === null || value === undefined ? '' : String(value);
  return `<td${num ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
}

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '' : `${(x * 100).toFixed(digits)}%`);
export const fix = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '' : x.toFixed(digits));
