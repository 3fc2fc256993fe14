/**
 * @module cli/output
 * How commands speak: one JSON document on stdout for `--json`, tables for people, progress and
 * notes on stderr (and only on a terminal).
 */
import Table from 'cli-table3';
import { SingleBar, Presets } from 'cli-progress';

/** Writes `value` as one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Writes a table with `head` columns on stdout. */
export function printTable(head: string[], rows: (string | number | null | undefined)[][], title?: string): void {
  if (title) process.stdout.write(`${title}\n`);
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? formatNumber(c) : c)));
  process.stdout.write(table.toString() + '\n');
}

/** A line for people on stderr (keeps stdout clean for pipes). */
export function note(message: string): void {
  process.stderr.write(message + '\n');
}

/** Thousands separators for counts; 4 decimals for fractions. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(4);
}

/** A progress bar on stderr when it is a terminal and output is not JSON; a no-op otherwise. */
export function progressBar(enabled: boolean, total: number, label: string): { update(value: number, payload?: Record<string, unknown>): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} files | {rows} rows | ETA {eta_formatted} | {file}`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0, { rows: 0, file: '' });
  return { update: (value, payload) => bar.update(value, payload), stop: () => bar.stop() };
}
