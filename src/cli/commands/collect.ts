/**
 * @module cli/commands/collect
 * `sharpline collect <source> --from --to [--sport S] [--resume] [--dry-run]`: backfill an HTTP
 * source in date windows (one checkpoint each); `--live` polls current data once instead.
 */
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { backfill, backfillVerdict } from '../../collect/backfill.js';
import { collectLive } from '../../collect/live.js';
import type { Sport } from '../../domain/sports.js';
import { SharplineError } from '../../errors.js';
import { findHttpSourceOrThrow, httpSources } from '../../sources/http/registry.js';
import { note, printJson, printTable } from '../output.js';
import { parseSport } from '../sport-option.js';
import { withStore } from '../store.js';

interface CollectOpts {
  from?: string;
  to?: string;
  sport: string[];
  resume?: boolean;
  dryRun?: boolean;
  live?: boolean;
  windowDays?: string;
  snapshots?: string;
  json?: boolean;
}

export function registerCollectCommand(program: Command): void {
  program
    .command('collect')
    .description(`Collect from an HTTP source (${httpSources().map((s) => s.name).join(', ')}): backfill date windows with checkpoints, or --live`)
    .argument('<source>', httpSources().map((s) => `${s.name}: ${s.description}`).join('; '))
    .option('--from <date>', 'first day to backfill (YYYY-MM-DD)')
    .option('--to <date>', 'last day to backfill (YYYY-MM-DD, inclusive)')
    .option('--sport <sport>', 'a sport to collect (repeatable; default: every sport the source covers, or the config list)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--resume', 'skip windows already collected; retry the failed and missing ones')
    .option('--dry-run', 'list the windows and requests without calling the source')
    .option('--live', 'poll current data once (odds and recent scores, or the latest schedule) instead of a backfill')
    .option('--window-days <n>', 'days per window (one checkpoint each; default per source)')
    .option('--snapshots <times>', 'the-odds-api: UTC times of historical snapshots per day, comma-separated HH:MM (default 16:00)')
    .option('--json', 'print a JSON document')
    .addHelpText('after', '\nBase URLs, rate limits and timeouts come from the config file (SHARPLINE_CONFIG) or SHARPLINE_SOURCE_<NAME>_URL/_RATE/_TIMEOUT_MS.\nThe Odds API key is read from THE_ODDS_API_KEY.')
    .action(async (sourceName: string, opts: CollectOpts) => {
      const source = findHttpSourceOrThrow(sourceName);
      const sports: Sport[] = opts.sport.map(parseSport);
      if (opts.live) {
        const report = await withStore((db) => collectLive(db, source.name, { sports }));
        if (opts.json) printJson({ version: 1, ...report });
        else printTable(['sport', 'status', 'run', 'rows in', 'loaded', 'quarantined', 'duplicates', 'error'], report.sports.map((s) => [s.sport, s.status, s.run_id, s.rows_in, s.loaded, s.quarantined, s.duplicates, s.error]));
        if (report.failed) process.exitCode = 3;
        return;
      }
      if (!opts.from || !opts.to) throw new SharplineError('SL_USAGE', 'collect needs --from and --to (or --live)');
      const windowDays = opts.windowDays === undefined ? undefined : Number(opts.windowDays);
      const snapshotTimes = opts.snapshots?.split(',').map((t) => t.trim());
      if (snapshotTimes?.some((t) => !/^\d{2}:\d{2}$/.test(t))) throw new SharplineError('SL_USAGE', `--snapshots must be HH:MM times separated by commas, got "${opts.snapshots}"`);
      let bar: SingleBar | null = null;
      const report = await withStore((db) =>
        backfill(db, {
          source: source.name,
          from: opts.from!,
          to: opts.to!,
          sports,
          resume: opts.resume,
          dryRun: opts.dryRun,
          windowDays,
          snapshotTimes,
          onWindow: ({ index, total, window, rowsSoFar }) => {
            if (opts.json || opts.dryRun || !process.stderr.isTTY) return;
            if (!bar) {
              bar = new SingleBar({ format: `${source.name} [{bar}] {value}/{total} windows | {rows} rows | ETA {eta_formatted} | {window}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
              bar.start(total, 0, { rows: 0, window: '' });
            }
            bar.update(index, { rows: rowsSoFar, window: `${window.sport} ${window.start} ${window.status}` });
          },
        }),
      ).finally(() => (bar as SingleBar | null)?.stop());
      if (opts.json) printJson(report);
      else {
        note(`${report.dry_run ? 'DRY RUN: ' : ''}${report.source} at ${report.base_url}, ${report.from}..${report.to}, ${report.sports.join(', ')}`);
        printTable(
          ['sport', 'window', 'status', 'run', 'requests', 'rows in', 'loaded', 'quarantined', 'duplicates'],
          report.windows.map((w) => [w.sport, w.start === w.end ? w.start : `${w.start}..${w.end}`, w.status, w.run_id, w.requests, w.rows_in, w.loaded, w.quarantined, w.duplicates]),
        );
        const s = report.summary;
        note(`windows: ${s.succeeded} done, ${s.failed} failed, ${s.skipped} skipped${s.planned ? `, ${s.planned} planned (${s.requests} requests)` : ''}; rows in ${s.rows_in} = loaded ${s.loaded} + quarantined ${s.quarantined} + duplicates ${s.duplicates}; games created ${s.games_created}, quotes ${s.quotes_added}`);
        if (report.source_health.quota) note(`quota: ${report.source_health.quota.remaining ?? '?'} requests remaining, ${report.source_health.quota.used ?? '?'} used`);
        for (const q of report.quarantine_sample.slice(0, 5)) note(`quarantined: ${q.request} item ${q.row}: ${q.code}${q.field ? ` (${q.field})` : ''}: ${q.reason}`);
        for (const w of report.failed_windows) note(`failed: ${w.error}`);
      }
      const verdict = backfillVerdict(report);
      if (verdict) throw verdict;
    });
}
