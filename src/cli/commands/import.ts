/**
 * @module cli/commands/import
 * `sharpline import <format> <paths...>`: thin: parse options, call `importFiles`, print.
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { importFiles, importVerdict, type ImportSummary } from '../../pipeline/import-files.js';
import { sourceFormats } from '../../sources/registry.js';
import { note, printJson, printTable, progressBar } from '../output.js';
import { withStore } from '../store.js';

interface ImportCliOptions {
  season?: string;
  dryRun?: boolean;
  json?: boolean;
  strict?: boolean;
  zone?: string;
  map?: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import files of one format through raw → staging → curated')
    .argument('<format>', 'the file format (see the list below)')
    .argument('<paths...>', 'files to import')
    .option('--season <year>', 'season for files whose rows carry no year (overrides the file name)')
    .option('--map <mapping.json>', 'for the csv format: which column holds what (see docs/csv-mapping.md)')
    .option('--zone <zone>', 'raw: stop after the raw zone; all: through curated', 'all')
    .option('--dry-run', 'read, parse and stage, then report what would change; write nothing')
    .option('--strict', 'exit non-zero when any row is quarantined or any file is refused')
    .option('--json', 'print the summary as JSON (rows_in, loaded, quarantined, duplicates, run_id, …)')
    .addHelpText('after', () => `\nFormats:\n${sourceFormats().map((f) => `  ${f.name.padEnd(22)} ${f.description}`).join('\n')}\n`)
    .action(async (format: string, paths: string[], opts: ImportCliOptions) => {
      const season = opts.season === undefined ? undefined : Number(opts.season);
      if (season !== undefined && (!Number.isInteger(season) || season < 1850 || season > 2100)) {
        throw new SharplineError('SL_USAGE', `--season must be a year, got "${opts.season}"`);
      }
      if (opts.zone !== 'raw' && opts.zone !== 'all') throw new SharplineError('SL_USAGE', `--zone must be raw or all, got "${opts.zone}"`);
      const bar = progressBar(!opts.json, paths.length, `import ${format}`);
      const summary = await withStore((db) =>
        importFiles(db, {
          format,
          paths,
          season,
          mappingPath: opts.map,
          dryRun: opts.dryRun,
          zone: opts.zone as 'raw' | 'all',
          onProgress: (e) => bar.update(e.index, { rows: e.counts.rowsIn, file: e.filePath.split('/').pop() }),
        }),
      ).finally(() => bar.stop());
      if (opts.json) printJson(summary);
      else printImportSummary(summary);
      const verdict = importVerdict(summary, !!opts.strict);
      if (verdict) throw verdict;
    });
}

/** The people's view of an import summary. */
export function printImportSummary(summary: ImportSummary): void {
  const title = `${summary.dry_run ? 'DRY RUN (nothing written): ' : ''}import ${summary.format}${summary.run_id !== null ? ` · run ${summary.run_id}` : ''}`;
  printTable(
    ['file', 'status', 'rows in', 'loaded', 'quarantined', 'duplicates'],
    [
      ...summary.files.map((f) => [shorten(f.file), f.status, f.rows_in, f.loaded, f.quarantined, f.duplicates]),
      ['total', '', summary.rows_in, summary.loaded, summary.quarantined, summary.duplicates],
    ],
    title,
  );
  if (!summary.dry_run) {
    const c = summary.curated;
    note(`curated: ${c.games_created} games created, ${c.game_sources_linked} source rows linked, ${c.quotes_added} quotes, ` +
      `${c.outcomes_filled} outcomes filled, ${c.outcome_conflicts} score conflicts${c.statuses_changed ? `, ${c.statuses_changed} statuses moved` : ''}`);
    if (summary.quality_scores.length > 0) {
      note(`quality of the staged rows: ${summary.quality_scores.map((q) => `${q.table} ${q.score === null ? '–' : q.score.toFixed(4)}${q.rows_below ? ` (${q.rows_below} rows below threshold)` : ''}`).join(' · ')} (sharpline quality scores)`);
    }
  }
  for (const f of summary.files.filter((x) => x.error)) note(`${f.status}: ${f.error}`);
  for (const q of summary.quarantine_sample.slice(0, 10)) note(`quarantined ${q.file}:${q.line} ${q.code}${q.field ? ` (${q.field})` : ''}: ${q.reason}`);
  if (summary.quarantined > summary.quarantine_sample.slice(0, 10).length) note('see all with: sharpline status, or ops.quarantine');
}

function shorten(path: string): string {
  return path.length > 60 ? `…${path.slice(-59)}` : path;
}
