/**
 * nhl-games on the real Kaggle game.csv (read from ../shared/data: its license is not stated, so no
 * copy is bundled) and on synthetic bad rows made from real ones in a temp dir at test time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { importFiles, type ImportSummary } from '../../src/pipeline/import-files.js';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const FORMAT = 'nhl-games';
const SHARED = hasSharedData();
const NHL_FILE = sharedPath('nhl', 'game.csv');

/** The file's rows as cells by column, in file order. */
function readRows(): Record<string, string>[] {
  return parse(readFileSync(NHL_FILE, 'utf8'), { columns: true }) as Record<string, string>[];
}

/** A game by the NHL's game id, with its result columns. */
async function gameByRef(store: TestStore, ref: string): Promise<Record<string, unknown>> {
  const [game] = await store.db.query(
    `SELECT r.*, CAST(r.game_date AS VARCHAR) AS game_day FROM curated.game_results r
     JOIN curated.game_sources s ON s.game_id = r.game_id
     WHERE s.source_format = $1 AND s.source_game_ref = $2`,
    [FORMAT, ref],
  );
  expect(game, `game ${ref}`).toBeDefined();
  return game!;
}

describe('NHL team ids and codes at the boundary dates of moves', () => {
  const teams = teamRegistry();
  const at = (code: string, date: string, source?: string) => teams.resolve('nhl', code, date, source);

  it('ends Atlanta (id 11) and starts Winnipeg (id 52) on 2011-06-21, one franchise', () => {
    expect(at('11', '2011-06-20', 'nhl-games')).toBe('nhl-wpg');
    expect(at('11', '2011-06-21', 'nhl-games')).toBeUndefined();
    expect(at('52', '2011-06-20', 'nhl-games')).toBeUndefined();
    expect(at('52', '2011-06-21', 'nhl-games')).toBe('nhl-wpg');
    // The numeric ids are this source's: another source's "11" is nothing.
    expect(at('11', '2010-01-01')).toBeUndefined();
  });

  it('renames Phoenix (27) to Arizona (53) on 2014-06-27, and the first Winnipeg Jets are the same franchise', () => {
    expect(at('27', '2014-06-26', 'nhl-games')).toBe('nhl-ari');
    expect(at('27', '2014-06-27', 'nhl-games')).toBeUndefined();
    expect(at('53', '2014-06-27', 'nhl-games')).toBe('nhl-ari');
    expect(at('PHX', '2010-01-01')).toBe('nhl-ari');
    expect(at('WPG', '1995-01-01')).toBe('nhl-ari');
    expect(at('WPG', '2011-06-21')).toBe('nhl-wpg');
    expect(at('WPG', '2005-01-01')).toBeUndefined();
  });

  it('tells the Atlanta Flames (Calgary) from the Thrashers (Winnipeg)', () => {
    expect(at('ATL', '1979-01-01')).toBe('nhl-cgy');
    expect(at('ATL', '1990-01-01')).toBeUndefined();
    expect(at('ATL', '2005-01-01')).toBe('nhl-wpg');
    expect(at('ATL', '2012-01-01')).toBeUndefined();
  });
});

describe.skipIf(!SHARED)('nhl-games on the real 2010–11 to 2018–19 game.csv', () => {
  describe.each(ENGINES)('on %s', (engine) => {
    let store: TestStore;
    let summary: ImportSummary;
    beforeAll(async () => {
      store = await createTestStore(engine);
      summary = await importFiles(store.db, { format: FORMAT, paths: [NHL_FILE] });
    });
    afterAll(async () => store?.cleanup());

    it('loads all 11,347 games: this mirror has no repeated rows and no game twice', async () => {
      // The Kaggle original repeats game rows; this mirror has one row per game_id, and no two
      // rows share (local date, home, away), so nothing is a duplicate or a duplicate_game.
      expect(summary).toMatchObject({ rows_in: 11347, loaded: 11347, quarantined: 0, duplicates: 0 });
      expect(summary.curated).toMatchObject({ games_created: 11347, game_sources_linked: 11347, quotes_added: 0 });
      const seasons = await store.db.query<{ season: number; season_type: string; n: number }>(
        `SELECT season, season_type, COUNT(*) AS n FROM curated.games WHERE sport = 'nhl' GROUP BY season, season_type ORDER BY season, season_type`,
      );
      // 2012 is the lockout season (48 games a team); 2018–19 has no playoffs in the file.
      expect(seasons.map((s) => [s.season, s.season_type, Number(s.n)])).toEqual([
        [2010, 'postseason', 89], [2010, 'regular', 1230],
        [2011, 'postseason', 86], [2011, 'regular', 1230],
        [2012, 'postseason', 86], [2012, 'regular', 720],
        [2013, 'postseason', 93], [2013, 'regular', 1230],
        [2014, 'postseason', 89], [2014, 'regular', 1230],
        [2015, 'postseason', 91], [2015, 'regular', 1230],
        [2016, 'postseason', 87], [2016, 'regular', 1230],
        [2017, 'postseason', 84], [2017, 'regular', 1271],
        [2018, 'regular', 1271],
      ]);
    });

    it('reads the first row exactly: 2012-04-29 NJ 3 @ PHI 4 in overtime, 3 pm Eastern', async () => {
      const game = await gameByRef(store, '2011030221');
      expect(game).toMatchObject({ league: 'NHL', season: 2011, season_type: 'postseason', game_day: '2012-04-29', home_team_id: 'nhl-phi', away_team_id: 'nhl-njd', home_score: 4, away_score: 3, winner: 'home', status: 'final', is_neutral_site: false });
      expect(new Date(game.start_at as string).toISOString()).toBe('2012-04-29T19:00:00.000Z');
    });

    it('dates a game by the local day, not the UTC date the file writes: 2012 Stanley Cup Final game 1', async () => {
      // date_time says 2012-05-31; the game began at 8 pm in Newark on 2012-05-30 (00:00 UTC).
      const game = await gameByRef(store, '2011030411');
      expect(game).toMatchObject({ game_day: '2012-05-30', home_team_id: 'nhl-njd', away_team_id: 'nhl-lak', home_score: 1, away_score: 2 });
      expect(new Date(game.start_at as string).toISOString()).toBe('2012-05-31T00:00:00.000Z');
      // Two pairs of games the UTC date would have put on one day stay two games on two days.
      expect((await gameByRef(store, '2015030111')).game_day).toBe('2016-04-14');
      expect((await gameByRef(store, '2015030112')).game_day).toBe('2016-04-15');
      expect((await gameByRef(store, '2012020448')).game_day).toBe('2013-03-21');
      expect((await gameByRef(store, '2012020454')).game_day).toBe('2013-03-22');
      // 8,118 of the 11,347 rows start in the evening in North America, after midnight UTC.
      const days = new Map((await store.db.query<{ ref: string; day: string }>(
        `SELECT s.source_game_ref AS ref, CAST(g.game_date AS VARCHAR) AS day FROM curated.games g JOIN curated.game_sources s ON s.game_id = g.game_id WHERE s.source_format = $1`,
        [FORMAT],
      )).map((r) => [r.ref, r.day]));
      expect(readRows().filter((r) => days.get(r.game_id!) !== r.date_time).length).toBe(8118);
    });

    it('keeps one franchise id across Atlanta → Winnipeg and Phoenix → Arizona: 31 franchises', async () => {
      // Atlanta's last game (id 11) and Winnipeg's first (id 52): both nhl-wpg.
      expect(await gameByRef(store, '2010021227')).toMatchObject({ game_day: '2011-04-10', home_team_id: 'nhl-wpg', away_team_id: 'nhl-pit', home_score: 2, away_score: 5 });
      expect(await gameByRef(store, '2011020023')).toMatchObject({ game_day: '2011-10-09', home_team_id: 'nhl-wpg', away_team_id: 'nhl-mtl', home_score: 1, away_score: 5 });
      // Phoenix's last game (id 27) and Arizona's first (id 53, 7 pm in Glendale = 02:00 UTC next day): both nhl-ari.
      expect(await gameByRef(store, '2013021230')).toMatchObject({ game_day: '2014-04-13', home_team_id: 'nhl-ari', away_team_id: 'nhl-dal', home_score: 2, away_score: 1 });
      expect(await gameByRef(store, '2014020016')).toMatchObject({ game_day: '2014-10-09', home_team_id: 'nhl-ari', away_team_id: 'nhl-wpg', home_score: 2, away_score: 6 });
      const teams = await store.db.query<{ team_id: string }>(
        `SELECT home_team_id AS team_id FROM curated.games WHERE sport = 'nhl' UNION SELECT away_team_id FROM curated.games WHERE sport = 'nhl' ORDER BY 1`,
      );
      expect(teams.map((t) => t.team_id)).toEqual([
        'nhl-ana', 'nhl-ari', 'nhl-bos', 'nhl-buf', 'nhl-car', 'nhl-cbj', 'nhl-cgy', 'nhl-chi', 'nhl-col', 'nhl-dal', 'nhl-det',
        'nhl-edm', 'nhl-fla', 'nhl-lak', 'nhl-min', 'nhl-mtl', 'nhl-njd', 'nhl-nsh', 'nhl-nyi', 'nhl-nyr', 'nhl-ott', 'nhl-phi',
        'nhl-pit', 'nhl-sjs', 'nhl-stl', 'nhl-tbl', 'nhl-tor', 'nhl-van', 'nhl-vgk', 'nhl-wpg', 'nhl-wsh',
      ]);
    });

    it('keeps the shootout goal in the final score: all 1,171 shootouts are one-goal wins for the side the outcome names', async () => {
      const results = new Map((await store.db.query<{ ref: string; margin: number }>(
        `SELECT s.source_game_ref AS ref, r.margin FROM curated.game_results r JOIN curated.game_sources s ON s.game_id = r.game_id WHERE s.source_format = $1`,
        [FORMAT],
      )).map((r) => [r.ref, Number(r.margin)]));
      const shootouts = readRows().filter((r) => r.outcome!.endsWith(' SO'));
      expect(shootouts.length).toBe(1171);
      for (const r of shootouts) expect(results.get(r.game_id!), r.game_id).toBe(r.outcome!.startsWith('home') ? 1 : -1);
      // First one in the file's time order: Helsinki, 2010-10-08, MIN 1 @ CAR 2 after a shootout.
      expect(await gameByRef(store, '2010020008')).toMatchObject({ home_team_id: 'nhl-car', away_team_id: 'nhl-min', home_score: 2, away_score: 1 });
      const [{ n }] = (await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM curated.game_results WHERE sport = 'nhl' AND margin = 0`)) as [{ n: number }];
      expect(Number(n)).toBe(0);
    });

    it('adds nothing when the same file is imported again', async () => {
      const again = await importFiles(store.db, { format: FORMAT, paths: [NHL_FILE] });
      expect(again).toMatchObject({ rows_in: 11347, loaded: 0, quarantined: 0, duplicates: 11347 });
      expect(again.files[0]!.status).toBe('unchanged');
      const [{ n }] = (await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'nhl'`)) as [{ n: number }];
      expect(Number(n)).toBe(11347);
    });
  });
});

describe.skipIf(!SHARED)('nhl-games on synthetic bad rows made from real ones', () => {
  let dir: string;
  let file: string;
  let missingColumnFile: string;
  const expected: { label: string; cells: string[]; outcome: 'loaded' | 'duplicate' | { code: string; field: string | null } }[] = [];
  let truncatedLine = 0;

  beforeAll(() => {
    const rows = parse(readFileSync(NHL_FILE, 'utf8'), { to_line: 2 }) as string[][];
    const header = rows[0]!;
    // Line 2: 2011030221, 20112012, P, 2012-04-29, 2012-04-29T19:00:00Z, away 1 (NJ), home 4 (PHI), 3–4, "home win OT", …
    const base = rows[1]!;
    const row = (changes: Record<string, string>): string[] => header.map((h, i) => changes[h] ?? base[i]!);
    const add = (label: string, changes: Record<string, string>, outcome: (typeof expected)[number]['outcome']) => expected.push({ label, cells: row(changes), outcome });
    const bad = (code: string, field: string | null) => ({ code, field });
    /** A regular-season noon start (17:00 UTC) in Philadelphia on `day`, so the UTC and local dates agree. */
    const at = (day: string, season: string) => ({ date_time: day, date_time_GMT: `${day}T17:00:00Z`, season, type: 'R' });

    add('the real first row', {}, 'loaded');
    add('an exact copy of it', {}, 'duplicate');
    add('the same game with another score', { home_goals: '5', away_goals: '4', game_id: '2011030299' }, bad('duplicate_game', null));
    add('an unknown team id', { ...at('2012-01-02', '20112012'), home_team_id: '99' }, bad('unknown_team', 'home_team_id'));
    add('Atlanta (11) before the move', { ...at('2011-01-10', '20102011'), away_team_id: '11' }, 'loaded');
    add('Atlanta (11) after the move', { ...at('2012-01-10', '20112012'), away_team_id: '11' }, bad('unknown_team', 'away_team_id'));
    add('Winnipeg (52) before the move', { ...at('2011-01-12', '20102011'), away_team_id: '52' }, bad('unknown_team', 'away_team_id'));
    add('Winnipeg (52) after the move', { ...at('2012-01-12', '20112012'), away_team_id: '52' }, 'loaded');
    add('Phoenix (27) after the rename', { ...at('2015-01-10', '20142015'), away_team_id: '27' }, bad('unknown_team', 'away_team_id'));
    add('Arizona (53) before the rename', { ...at('2013-01-25', '20122013'), away_team_id: '53' }, bad('unknown_team', 'away_team_id'));
    add('Arizona (53) after the rename', { ...at('2015-01-12', '20142015'), away_team_id: '53' }, 'loaded');
    add('a code instead of an id', { ...at('2012-01-14', '20112012'), away_team_id: 'NJD' }, 'loaded');
    add('the same team twice', { ...at('2012-01-16', '20112012'), away_team_id: '4' }, bad('same_team', 'home_team_id'));
    add('a one-year season', { ...at('2012-01-18', '20112012'), season: '2011' }, bad('invalid_season', 'season'));
    add('a season of non-consecutive years', { ...at('2012-01-19', '20112012'), season: '20112013' }, bad('invalid_season', 'season'));
    add('a season that does not include the date', { ...at('2012-01-20', '20102011') }, bad('inconsistent_season', 'season'));
    add('an all-star game', { ...at('2012-01-29', '20112012'), type: 'A' }, bad('unsupported_game_type', 'type'));
    add('an unknown game type', { ...at('2012-01-21', '20112012'), type: 'X' }, bad('invalid_value', 'type'));
    add('a preseason game', { ...at('2011-09-20', '20112012'), type: 'PR' }, 'loaded');
    add('a start that is not an instant', { date_time_GMT: 'soon' }, bad('invalid_datetime', 'date_time_GMT'));
    add('a start on a day that does not exist', { date_time: '2012-02-30', date_time_GMT: '2012-02-30T19:00:00Z' }, bad('invalid_datetime', 'date_time_GMT'));
    add('a date_time that is neither the UTC nor the local date', { ...at('2012-01-22', '20112012'), date_time: '2012-01-25' }, bad('inconsistent_date', 'date_time'));
    add('an unknown time zone', { ...at('2012-01-23', '20112012'), venue_time_zone_id: 'Mars/Olympus' }, bad('invalid_value', 'venue_time_zone_id'));
    add('an impossible score', { ...at('2012-01-24', '20112012'), home_goals: '25', outcome: 'home win REG' }, bad('impossible_score', 'home_goals'));
    add('a tie', { ...at('2012-01-26', '20112012'), home_goals: '3', outcome: 'home win REG' }, bad('impossible_score', 'home_goals'));
    add('non-numeric goals', { ...at('2012-01-27', '20112012'), away_goals: 'x' }, bad('invalid_score', 'away_goals'));
    add('only one side scored', { ...at('2012-01-28', '20112012'), away_goals: '' }, bad('partial_score', 'home_goals'));
    add('an outcome naming the loser', { ...at('2012-01-30', '20112012'), outcome: 'away win REG' }, bad('inconsistent_score', 'outcome'));
    add('a shootout win by two', { ...at('2012-01-31', '20112012'), home_goals: '5', outcome: 'home win SO' }, bad('inconsistent_score', 'outcome'));
    add('an unreadable outcome', { ...at('2012-02-01', '20112012'), outcome: 'tbc' }, bad('invalid_value', 'outcome'));
    add('a game not yet played', { ...at('2012-02-02', '20112012'), home_goals: '', away_goals: '', outcome: '' }, 'loaded');

    const quote = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
    const lines = [quote(header), ...expected.map((e) => quote(e.cells))];
    lines.push(quote(row({ ...at('2012-02-03', '20112012') }).slice(0, 7)));
    truncatedLine = lines.length;
    dir = mkdtempSync(join(tmpdir(), 'sharpline-nhl-games-'));
    file = join(dir, 'nhl_synthetic.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const keep = header.map((h, i) => [h, i] as const).filter(([h]) => h !== 'venue_time_zone_id').map(([, i]) => i);
    missingColumnFile = join(dir, 'nhl_no_zone.csv');
    writeFileSync(missingColumnFile, [header, base].map((cells) => quote(keep.map((i) => cells[i]!))).join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(ENGINES)('on %s', (engine) => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createTestStore(engine);
    });
    afterAll(async () => store?.cleanup());

    it('quarantines each bad row with the reason and field, loads the good ones, counts the copy as a duplicate', async () => {
      const summary = await importFiles(store.db, { format: FORMAT, paths: [file], synthetic: true });
      const loaded = expected.filter((e) => e.outcome === 'loaded').length;
      const rejected = expected.filter((e) => typeof e.outcome === 'object').length + 1; // + the truncated row
      expect(summary).toMatchObject({ rows_in: expected.length + 1, loaded, quarantined: rejected, duplicates: 1 });
      expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);

      const got = await store.db.query<{ row_number: number; reason_code: string; field: string | null }>(
        `SELECT row_number, reason_code, field FROM ops.quarantine WHERE source_format = $1 ORDER BY row_number`,
        [FORMAT],
      );
      const want = expected.flatMap((e, i) => (typeof e.outcome === 'object' ? [{ line: i + 2, ...e.outcome }] : []));
      want.push({ line: truncatedLine, code: 'missing_columns', field: null });
      expect(got.map((r) => ({ line: Number(r.row_number), code: r.reason_code, field: r.field }))).toEqual(want);

      const games = await store.db.query<{ day: string; away_team_id: string; home_team_id: string; season_type: string; status: string }>(
        `SELECT CAST(game_date AS VARCHAR) AS day, away_team_id, home_team_id, season_type, status FROM curated.games ORDER BY game_date`,
      );
      expect(games.map((g) => [g.day, g.away_team_id, g.home_team_id, g.season_type, g.status])).toEqual([
        ['2011-01-10', 'nhl-wpg', 'nhl-phi', 'regular', 'final'],
        ['2011-09-20', 'nhl-njd', 'nhl-phi', 'preseason', 'final'],
        ['2012-01-12', 'nhl-wpg', 'nhl-phi', 'regular', 'final'],
        ['2012-01-14', 'nhl-njd', 'nhl-phi', 'regular', 'final'],
        ['2012-02-02', 'nhl-njd', 'nhl-phi', 'regular', 'scheduled'],
        ['2012-04-29', 'nhl-njd', 'nhl-phi', 'postseason', 'final'],
        ['2015-01-12', 'nhl-ari', 'nhl-phi', 'regular', 'final'],
      ]);
    });

    it('refuses a file without a required column, naming it', async () => {
      const summary = await importFiles(store.db, { format: FORMAT, paths: [missingColumnFile], synthetic: true });
      expect(summary.files[0]).toMatchObject({ status: 'failed', loaded: 0 });
      expect(summary.files[0]!.error).toContain('missing column venue_time_zone_id');
    });
  });
});
