/**
 * Bad input through the real CLI: every case gets a clear message naming file, line and reason;
 * bad rows are quarantined and the rest load; the exit code is non-zero only when nothing valid
 * could be loaded or --strict is given; never a stack trace. Inputs are real nflverse rows,
 * altered where a case needs it (marked synthetic in lineage via the file names' run: see below).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl/nflverse_games_2019_2020.csv');
const [HEADER, ...ROWS] = readFileSync(SAMPLE, 'utf8').trim().split(/\r?\n/) as [string, ...string[]];
const COLUMNS = HEADER.split(',');
const dir = mkdtempSync(join(tmpdir(), 'sl-bad-input-'));

/** Writes a variant of real rows; `edit` may change cells by column name. */
function variant(name: string, rows: string[], options: { header?: string; eol?: string; prefix?: string; suffix?: string } = {}): string {
  const path = join(dir, name);
  const eol = options.eol ?? '\n';
  writeFileSync(path, (options.prefix ?? '') + [options.header ?? HEADER, ...rows].join(eol) + (options.suffix ?? eol));
  return path;
}

function setCell(row: string, column: string, value: string): string {
  const cells = row.split(',');
  cells[COLUMNS.indexOf(column)] = value;
  return cells.join(',');
}

function expectNoStack(result: CliResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stderr).not.toMatch(/unexpected error/);
}

describe.each(ENGINES)('sharpline import with bad input on %s', (engine) => {
  let store: TestStore;
  const cli = (...args: string[]) => runCli(args, store.env);
  beforeAll(async () => {
    store = await createTestStore(engine);
    await store.db.close(); // the CLI process is the writer
  });
  afterAll(async () => {
    store.db = await store.reopen();
    await store.cleanup();
  });

  it('loads the real file, then a BOM + CRLF copy and a CR-only copy are pure duplicates', () => {
    const first = cli('import', 'nflverse-games', SAMPLE, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ version: 1, rows_in: 536, loaded: 536, quarantined: 0, duplicates: 0, run_id: expect.any(Number) });
    const bomCrlf = variant('bom-crlf.csv', ROWS, { prefix: '\uFEFF', eol: '\r\n' });
    const crOnly = variant('cr-only.csv', ROWS, { eol: '\r' });
    const again = cli('import', 'nflverse-games', bomCrlf, crOnly, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows_in: 1072, loaded: 0, quarantined: 0, duplicates: 1072 });
  });

  it('quarantines each bad row with file, line, field and reason, and loads the rest (exit 0)', () => {
    const base = ROWS.slice(0, 8).map((r) => setCell(r, 'season', '2018')); // new records, same real shape
    const rows = [
      base[0]!, // good
      setCell(base[1]!, 'home_moneyline', 'abc'), // non-numeric odds
      setCell(base[2]!, 'home_score', '250'), // impossible score
      setCell(base[3]!, 'away_team', 'XXX'), // unknown team
      base[4]! + ',surplus,cells', // extra columns
      setCell(base[0]!, 'referee', 'Someone Else'), // the same game again, other content: duplicate game
      setCell(base[5]!, 'gameday', '2018-02-30'), // impossible date
      base[6]!.split(',').slice(0, 12).join(','), // truncated row at the end of the file
    ];
    const path = variant('bad-rows.csv', rows, { suffix: '' });
    const result = cli('import', 'nflverse-games', path, '--json');
    expectNoStack(result);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows_in: 8, loaded: 1, quarantined: 7, duplicates: 0 });
    const got = summary.quarantine_sample.map((q: { line: number; code: string; field: string | null }) => `${q.line} ${q.code} ${q.field ?? '-'}`).sort();
    expect(got).toEqual(
      ['3 invalid_price home_moneyline', '4 impossible_score home_score', '5 unknown_team away_team', '6 extra_columns -', '7 duplicate_game -', '8 invalid_date gameday', '9 missing_columns -'].sort(),
    );
    for (const q of summary.quarantine_sample) expect(q.file).toBe(path);
    expect(summary.quarantine_sample.find((q: { code: string }) => q.code === 'duplicate_game').reason).toMatch(/already appears on line 2/);

    const human = cli('import', 'nflverse-games', variant('bad-rows-2.csv', [setCell(base[7]!, 'home_score', '-1')]));
    expect(human.code).toBe(3); // its only row is bad: nothing valid could be loaded
    expect(human.stderr).toMatch(/bad-rows-2\.csv:2 impossible_score \(home_score\): home_score -1 is outside 0–100 for nfl/);
    expectNoStack(human);
  });

  it('refuses empty files, directories, missing paths and wrong formats with a clear message (exit 3)', () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const sub = join(dir, 'a-directory');
    mkdirSync(sub, { recursive: true });
    const wrong = variant('wrong-format.csv', ['1,2,3'], { header: 'a,b,c' });
    for (const [path, message] of [
      [empty, /empty\.csv: the file is empty/],
      [sub, /a-directory: is a directory, not a file/],
      [join(dir, 'missing.csv'), /missing\.csv: no such file/],
      [wrong, /wrong-format\.csv: line 1: missing columns game_id, season, .* required by nflverse-games/],
    ] as const) {
      const result = cli('import', 'nflverse-games', path);
      expect(result.code, path).toBe(3);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/SL_NOTHING_LOADED/);
      expectNoStack(result);
    }
  });

  it('with other valid files, a bad path is reported but does not fail the run; --strict makes it fail', () => {
    const good = variant('good-2017.csv', ROWS.slice(8, 12).map((r) => setCell(r, 'season', '2017')));
    const mixed = cli('import', 'nflverse-games', good, join(dir, 'missing.csv'), '--json');
    expect(mixed.code).toBe(0);
    expect(JSON.parse(mixed.stdout).files.map((f: { status: string }) => f.status)).toEqual(['loaded', 'failed']);
    const strict = cli('import', 'nflverse-games', variant('strict.csv', [setCell(ROWS[12]!, 'season', '2017'), setCell(ROWS[13]!, 'home_team', 'ZZZ')]), '--strict');
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/--strict: 1 row\(s\) quarantined/);
  });

  it('--dry-run reports the plan and writes nothing', () => {
    const path = variant('dry.csv', ROWS.slice(20, 25).map((r) => setCell(r, 'season', '2016')));
    const dry = cli('import', 'nflverse-games', path, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, run_id: null, rows_in: 5, loaded: 5 });
    const real = cli('import', 'nflverse-games', path, '--json');
    expect(JSON.parse(real.stdout)).toMatchObject({ dry_run: false, rows_in: 5, loaded: 5, duplicates: 0 });
  });

  it('answers usage mistakes with exit 2 and the usage, and --help everywhere with exit 0', () => {
    const unknown = cli('import', 'no-such-format', SAMPLE);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown format "no-such-format"; known formats: .*nflverse-games/);
    expect(cli('import', 'nflverse-games', SAMPLE, '--season', 'soon').code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
    for (const args of [['--help'], ['import', '--help'], ['db', 'migrate', '--help'], ['pipeline', 'run', '--help'], ['pipeline', 'rollback', '--help'], ['sync-outcomes', '--help'], ['lineage', 'game', '--help'], ['status', '--help'], ['demo', '--help']]) {
      const help = cli(...args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout).toMatch(/Usage: sharpline/);
    }
  });
});
