import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { SOCCER_TEAMS } from '../../src/domain/teams/soccer.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { contextKeyOf, stageFile } from '../../src/pipeline/stage-file.js';
import { parseCsv, readFileBytes } from '../../src/sources/csv-reader.js';
import { parseHandicap, planPriceColumns } from '../../src/sources/football-data/columns.js';
import { fileSeason, parseMatchDate } from '../../src/sources/football-data/dates.js';
import { footballData } from '../../src/sources/football-data/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/football-data');
const SAMPLE = join(ROOT, 'data/sample/soccer/football-data_E0_2019-2020.csv');
const E0_1993 = join(FIXTURES, 'E0_1993-1994_head.csv');
const D1_2000 = join(FIXTURES, 'D1_2000-2001_head.csv');
const SP1_2012 = join(FIXTURES, 'SP1_2012-2013_head.csv');

type GameRow = { game_id: number; league: string; season: number; home_team_id: string; away_team_id: string; home_score: number; away_score: number; start_at: string | Date | null; winner: string };
type QuoteRow = { book: string; market: string; side: string; line: number | null; price_decimal: number; price_text: string; is_closing: boolean; is_opening: boolean };

describe('football-data cell readers', () => {
  it('reads both date layouts and refuses impossible dates', () => {
    expect(parseMatchDate('14/08/93')).toBe('1993-08-14');
    expect(parseMatchDate('09/08/2019')).toBe('2019-08-09');
    expect(parseMatchDate('05/01/00')).toBe('2000-01-05');
    expect(parseMatchDate('31/02/2020')).toBeNull();
    expect(parseMatchDate('2019-08-09')).toBeNull();
    expect(parseMatchDate('')).toBeNull();
  });

  it('gives a file the season of its start, even when COVID pushed its end into July, and ignores a stray date', () => {
    expect(fileSeason(['2019-08-09', '2020-03-09', '2020-07-26'])).toBe(2019);
    expect(fileSeason(['2011-07-15', '2012-05-06'])).toBe(2011);
    expect(fileSeason(['1991-01-01', '2019-08-10', '2019-12-26', '2020-02-01'])).toBe(2019);
    expect(fileSeason([])).toBeUndefined();
  });

  it('reads quarter handicaps, including the split and fraction spellings of old files', () => {
    expect(parseHandicap('-0.75')).toBe(-0.75);
    expect(parseHandicap('0')).toBe(0);
    expect(parseHandicap('')).toBeNull();
    expect(parseHandicap('-0.5,-1')).toBe(-0.75);
    expect(parseHandicap('+0.5,+1')).toBe(0.75);
    expect(parseHandicap('0,-0.5')).toBe(-0.25);
    expect(parseHandicap('-1.5/-2')).toBe(-1.75);
    expect(parseHandicap('-1 1/4')).toBe(-1.25);
    expect(parseHandicap('-0.15')).toBeNaN();
    expect(parseHandicap('1.84')).toBeNaN();
    expect(parseHandicap('abc')).toBeNaN();
  });

  it('plans quotes from the header: books, closing columns and where each handicap line is', () => {
    const plan = planPriceColumns(['Div', 'PSH', 'PSCD', 'PH', 'B365AHH', 'B365AH', 'PCAHA', 'AvgC<2.5', 'BbAvAHH', 'BbAHh', 'BbAH', 'HS', 'AHCh', 'BFDH', 'BFD']);
    expect(plan.map((p) => [p.field, p.book, p.market, p.side, p.isClosing, p.lineField])).toEqual([
      ['PSH', 'pinnacle', 'moneyline', 'home', false, null],
      ['PSCD', 'pinnacle', 'moneyline', 'draw', true, null],
      ['PH', 'pinnacle', 'moneyline', 'home', false, null],
      ['B365AHH', 'bet365', 'spread', 'home', false, 'B365AH'],
      ['PCAHA', 'pinnacle', 'spread', 'away', true, 'AHCh'],
      ['AvgC<2.5', 'market-average', 'total', 'under', true, null],
      ['BbAvAHH', 'market-average', 'spread', 'home', false, 'BbAHh'],
      ['BFDH', 'betfred', 'moneyline', 'home', false, null],
      ['BFD', 'betfair', 'moneyline', 'draw', false, null],
    ]);
  });

  it('gives every club one id per spelling, and tells phoenix clubs apart by date', () => {
    const teams = teamRegistry();
    expect(teams.resolve('soccer', 'Middlesboro', '2002-09-01')).toBe('soccer-eng-middlesbrough');
    expect(teams.resolve('soccer', "M'Gladbach", '1993-09-01')).toBe(teams.resolve('soccer', "M'gladbach", '2010-09-01'));
    expect(teams.resolve('soccer', 'F Koln', '1999-09-01')).toBe('soccer-ger-fortuna-koln');
    expect(teams.resolve('soccer', 'FC Koln', '1999-09-01')).toBe('soccer-ger-fc-koln');
    expect(teams.resolve('soccer', 'Chester', '2005-09-01')).toBe('soccer-eng-chester-city');
    expect(teams.resolve('soccer', 'Chester', '2015-09-01')).toBe('soccer-eng-chester-fc');
    expect(teams.resolve('soccer', 'Wimbledon', '2003-09-01')).toBe('soccer-eng-milton-keynes-dons');
    expect(teams.resolve('soccer', 'Wimbledon', '2005-09-01')).toBeUndefined();
    expect(teams.resolve('soccer', 'King\u0092s Lynn', '2020-10-03')).toBe('soccer-eng-kings-lynn-town');
    expect(teams.resolve('soccer', 'Villareal', '1998-09-01')).toBe('soccer-esp-villarreal');
    expect(new Set(SOCCER_TEAMS.map((t) => t.id)).size).toBe(SOCCER_TEAMS.length);
    for (const t of SOCCER_TEAMS) expect(t.id).toMatch(/^soccer-(eng|ger|ita|esp)-[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe.each(ENGINES)('football-data on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  const gameOn = async (date: string, homeTeamId: string): Promise<GameRow> => {
    const [game] = await store.db.query<GameRow>(
      `SELECT g.game_id, g.league, g.season, g.home_team_id, g.away_team_id, g.home_score, g.away_score, g.start_at, r.winner
       FROM curated.games g JOIN curated.game_results r USING (game_id)
       WHERE g.game_date = CAST($1 AS DATE) AND g.home_team_id = $2`,
      [date, homeTeamId],
    );
    expect(game, `${homeTeamId} at home on ${date}`).toBeDefined();
    return game!;
  };
  const quotesOf = (gameId: number) =>
    store.db.query<QuoteRow>(
      `SELECT book, market, side, line, price_decimal, price_text, is_closing, is_opening FROM curated.quotes WHERE game_id = $1`,
      [gameId],
    );
  const pick = (quotes: QuoteRow[], book: string, market: string, side: string, closing: boolean) =>
    quotes.find((q) => q.book === book && q.market === market && q.side === side && !!q.is_closing === closing);
  const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

  it('loads the real Premier League 2019-20 season with kick-off times, Pinnacle closing odds and Asian handicaps', async () => {
    const summary = await importFiles(store.db, { format: 'football-data', paths: [SAMPLE] });
    expect(summary).toMatchObject({ rows_in: 380, loaded: 380, quarantined: 0, duplicates: 0 });
    expect(summary.curated.games_created).toBe(380);
    expect(summary.curated.quotes_added).toBe(30_400); // 80 prices a match: 8 books × 1X2, 4 × O/U 2.5, 4 × AH, pre-closing and closing

    // Opening night, 9 Aug 2019: Liverpool 4 Norwich 1, kick-off 20:00 BST.
    const opener = await gameOn('2019-08-09', 'soccer-eng-liverpool');
    expect(opener).toMatchObject({ league: 'E0', season: 2019, away_team_id: 'soccer-eng-norwich-city', home_score: 4, away_score: 1, winner: 'home' });
    expect(iso(opener.start_at)).toBe('2019-08-09T19:00:00.000Z');
    const q = await quotesOf(opener.game_id);
    expect(q).toHaveLength(80);
    // PSCH/PSCD/PSCA closing 1.14 / 10.43 / 19.63; PSH (collected days before) 1.15.
    expect(pick(q, 'pinnacle', 'moneyline', 'home', true)).toMatchObject({ price_decimal: 1.14, price_text: '1.14', line: null, is_opening: false });
    expect(pick(q, 'pinnacle', 'moneyline', 'draw', true)!.price_decimal).toBe(10.43);
    expect(pick(q, 'pinnacle', 'moneyline', 'away', true)!.price_decimal).toBe(19.63);
    expect(pick(q, 'pinnacle', 'moneyline', 'home', false)).toMatchObject({ price_decimal: 1.15, is_opening: false });
    // AHCh -2.25: Liverpool give 2.25 goals at 1.94 (PCAHH), Norwich get +2.25 at 1.98 (PCAHA).
    expect(pick(q, 'pinnacle', 'spread', 'home', true)).toMatchObject({ line: -2.25, price_decimal: 1.94, price_text: '-2.25(1.94)' });
    expect(pick(q, 'pinnacle', 'spread', 'away', true)).toMatchObject({ line: 2.25, price_decimal: 1.98, price_text: '+2.25(1.98)' });
    expect(pick(q, 'pinnacle', 'total', 'over', true)).toMatchObject({ line: 2.5, price_decimal: 1.34 });
    expect(pick(q, 'market-average', 'moneyline', 'home', true)!.price_decimal).toBe(1.14);

    const closing = await store.db.query<{ book: string; market: string; side: string; line: number | null; price_decimal: number }>(
      `SELECT book, market, side, line, price_decimal FROM curated.closing_lines WHERE game_id = $1 AND book = 'pinnacle' ORDER BY market, side`,
      [opener.game_id],
    );
    expect(closing.map((c) => [c.market, c.side, c.line, c.price_decimal])).toEqual([
      ['moneyline', 'away', null, 19.63],
      ['moneyline', 'draw', null, 10.43],
      ['moneyline', 'home', null, 1.14],
      ['spread', 'away', 2.25, 1.98],
      ['spread', 'home', -2.25, 1.94],
      ['total', 'over', 2.5, 1.34],
      ['total', 'under', 2.5, 3.44],
    ]);
    const outcomes = await store.db.query<{ side: string; market: string; result: string }>(
      `SELECT market, side, result FROM curated.line_outcomes WHERE game_id = $1 AND book = 'pinnacle' ORDER BY market, side`,
      [opener.game_id],
    );
    expect(outcomes.map((o) => `${o.market}:${o.side}:${o.result}`)).toEqual([
      'moneyline:away:loss', 'moneyline:draw:loss', 'moneyline:home:win', 'spread:away:loss', 'spread:home:win', 'total:over:win', 'total:under:loss',
    ]);
  });

  it('keeps the 3-way outcome: a draw, and the handicap that moved from +0.75 to +0.5 by the close', async () => {
    // 20 Oct 2019, Man United 1 Liverpool 1 (16:30 BST).
    const game = await gameOn('2019-10-20', 'soccer-eng-manchester-united');
    expect(game).toMatchObject({ away_team_id: 'soccer-eng-liverpool', home_score: 1, away_score: 1, winner: 'draw' });
    expect(iso(game.start_at)).toBe('2019-10-20T15:30:00.000Z');
    const q = await quotesOf(game.game_id);
    expect(pick(q, 'pinnacle', 'spread', 'home', false)).toMatchObject({ line: 0.75, price_decimal: 2 }); // AHh 0.75, PAHH 2
    expect(pick(q, 'pinnacle', 'spread', 'home', true)).toMatchObject({ line: 0.5, price_decimal: 1.93 }); // AHCh 0.5, PCAHH 1.93
    expect(pick(q, 'pinnacle', 'spread', 'away', true)).toMatchObject({ line: -0.5, price_decimal: 2.01 });
    const [draw] = await store.db.query<{ result: string }>(
      `SELECT result FROM curated.line_outcomes WHERE game_id = $1 AND book = 'pinnacle' AND market = 'moneyline' AND side = 'draw'`,
      [game.game_id],
    );
    expect(draw!.result).toBe('win');
  });

  it('puts the games played in July 2020 in season 2019, where their file began', async () => {
    const last = await gameOn('2020-07-26', 'soccer-eng-west-ham-united');
    expect(last).toMatchObject({ season: 2019, away_team_id: 'soccer-eng-aston-villa', home_score: 1, away_score: 1, winner: 'draw' });
    expect(iso(last.start_at)).toBe('2020-07-26T15:00:00.000Z');
    const seasons = await store.db.query<{ season: number; n: number }>(
      `SELECT season, COUNT(*) AS n FROM curated.games WHERE league = 'E0' AND game_date >= CAST('2019-07-01' AS DATE) GROUP BY season`,
    );
    expect(seasons.map((s) => [Number(s.season), Number(s.n)])).toEqual([[2019, 380]]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await importFiles(store.db, { format: 'football-data', paths: [SAMPLE] });
    expect(again).toMatchObject({ rows_in: 380, loaded: 0, quarantined: 0, duplicates: 380 });
    expect(again.files[0]!.status).toBe('unchanged');
  });

  it('reads a 1990s results-only file: dd/mm/yy dates, 21 empty trailing header columns, no odds', async () => {
    const summary = await importFiles(store.db, { format: 'football-data', paths: [E0_1993] });
    expect(summary).toMatchObject({ rows_in: 30, loaded: 30, quarantined: 0 });
    expect(summary.curated).toMatchObject({ games_created: 30, quotes_added: 0 });
    expect(await gameOn('1993-08-14', 'soccer-eng-arsenal')).toMatchObject({
      league: 'E0', season: 1993, away_team_id: 'soccer-eng-coventry-city', home_score: 0, away_score: 3, winner: 'away', start_at: null,
    });
    expect(await gameOn('1993-08-14', 'soccer-eng-manchester-city')).toMatchObject({ away_team_id: 'soccer-eng-leeds-united', winner: 'draw' });
    const [{ n }] = (await store.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM curated.game_results WHERE league = 'E0' AND season = 1993 AND winner = 'draw'`,
    )) as [{ n: number }];
    expect(Number(n)).toBe(5);
  });

  it('reads a Latin-1 Bundesliga 2000-01 file with its five books', async () => {
    const summary = await importFiles(store.db, { format: 'football-data', paths: [D1_2000] });
    expect(summary).toMatchObject({ rows_in: 30, loaded: 30, quarantined: 0 });
    expect(summary.curated.quotes_added).toBe(387);
    const game = await gameOn('2000-08-11', 'soccer-ger-borussia-dortmund');
    expect(game).toMatchObject({ league: 'D1', season: 2000, away_team_id: 'soccer-ger-hansa-rostock', home_score: 1, away_score: 0, winner: 'home' });
    const q = await quotesOf(game.game_id);
    // Gamebookers, Interwetten, Sportingbet and William Hill priced it; the Ladbrokes cells are empty.
    expect(q).toHaveLength(12);
    expect(new Set(q.map((x) => x.book))).toEqual(new Set(['gamebookers', 'interwetten', 'sportingbet', 'william-hill']));
    expect(pick(q, 'william-hill', 'moneyline', 'away', false)).toMatchObject({ price_decimal: 6.5, price_text: '6.5', is_closing: false });
    const raw = await store.db.query<{ payload: string | Record<string, string> }>(
      `SELECT payload FROM raw.records WHERE source_format = 'football-data' AND file_path = $1 AND row_number = 2`,
      [D1_2000],
    );
    const payload = typeof raw[0]!.payload === 'string' ? (JSON.parse(raw[0]!.payload) as Record<string, string>) : raw[0]!.payload;
    expect(payload.Referee).toBe('Jörg Kessler ');
  });

  it('reads BetBrain market averages and the BbAHh home line of La Liga 2012-13', async () => {
    const summary = await importFiles(store.db, { format: 'football-data', paths: [SP1_2012] });
    expect(summary).toMatchObject({ rows_in: 69, loaded: 69, quarantined: 0 });
    expect(summary.curated.quotes_added).toBe(3021);
    // 7 Oct 2012, Barcelona 2 Real Madrid 2; BbAHh -0.75.
    const game = await gameOn('2012-10-07', 'soccer-esp-barcelona');
    expect(game).toMatchObject({ league: 'SP1', season: 2012, away_team_id: 'soccer-esp-real-madrid', home_score: 2, away_score: 2, winner: 'draw' });
    const q = await quotesOf(game.game_id);
    expect(pick(q, 'market-average', 'spread', 'home', false)).toMatchObject({ line: -0.75, price_decimal: 2.11, price_text: '-0.75(2.11)' });
    expect(pick(q, 'market-max', 'spread', 'away', false)).toMatchObject({ line: 0.75, price_decimal: 1.81 });
    expect(pick(q, 'market-average', 'total', 'under', false)).toMatchObject({ line: 2.5, price_decimal: 2.5 });
    expect(pick(q, 'pinnacle', 'moneyline', 'draw', false)!.price_decimal).toBe(4.01);
    expect(q.every((x) => !x.is_closing && !x.is_opening)).toBe(true);
  });

  it('quarantines bad rows with a reason naming the field, and loads the good ones', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').split('\r\n');
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const row = (i: number, edits: Record<string, string> = {}) => {
      const cells = lines[i]!.split(',');
      for (const [k, v] of Object.entries(edits)) cells[col(k)] = v;
      return cells.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',');
    };
    const rows = [
      row(1, { Date: '31/02/2020' }), // line 2
      row(2, { FTR: 'H' }), // 0-5 is an away win
      row(3, { HomeTeam: 'Atlantis FC' }),
      row(4, { PSCH: 'n/a' }),
      row(6), // good
      row(7, { AHh: '-0.5,-1' }), // a quarter line written as its halves: good, line -0.75
      row(8, { Date: '10/08/2031' }),
      row(9, { Div: 'SC0' }),
      row(10, { FTHG: 'x' }),
      row(11, { Time: '25:00' }),
      row(12, { HomeTeam: 'Dortmund' }), // a German club in an English file
      header.map(() => '').join(','), // padding row of bare commas: a blank line, not a row
      row(13).split(',').slice(0, 10).join(','), // truncated: the file ends mid-row, without a line ending
    ];
    const dir = mkdtempSync(join(tmpdir(), 'sl-football-data-'));
    const path = join(dir, 'E0_bad.csv');
    writeFileSync(path, [lines[0], ...rows].join('\r\n'));
    const summary = await importFiles(store.db, { format: 'football-data', paths: [path], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 12, loaded: 2, quarantined: 10, duplicates: 0 });
    expect(summary.quarantine_sample.map((s) => [s.line, s.code, s.field])).toEqual(
      expect.arrayContaining([
        [2, 'invalid_date', 'Date'],
        [3, 'inconsistent_result', 'FTR'],
        [4, 'unknown_team', 'HomeTeam'],
        [5, 'invalid_price', 'PSCH'],
        [8, 'date_outside_season', 'Date'],
        [9, 'unknown_league', 'Div'],
        [10, 'invalid_score', 'FTHG'],
        [11, 'invalid_time', 'Time'],
        [12, 'unknown_team', 'HomeTeam'],
        [14, 'missing_columns', null],
      ]),
    );
    // Tottenham v Aston Villa, published AHh -1.5, rewritten here as "-0.5,-1".
    const [split] = await store.db.query<{ line: number }>(
      `SELECT q.line FROM curated.quotes q JOIN raw.records r ON r.content_hash = q.source_key AND r.source_format = q.source_format
       WHERE r.file_path = $1 AND r.row_number = 7 AND q.book = 'pinnacle' AND q.market = 'spread' AND q.side = 'home' AND NOT q.is_closing`,
      [path],
    );
    expect(split!.line).toBe(-0.75);
  });

  it('reads a file with a byte-order mark and CRLF line ends', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').split('\r\n');
    const dir = mkdtempSync(join(tmpdir(), 'sl-football-data-'));
    const path = join(dir, 'E0_bom.csv');
    // Synthetic lineage gives these rows new record hashes, so they load again as a second source of the same games.
    const rows = [100, 101, 102].map((i) => lines[i]!);
    writeFileSync(path, '\uFEFF' + [lines[0], ...rows].join('\r\n') + '\r\n');
    const summary = await importFiles(store.db, { format: 'football-data', paths: [path], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 3, loaded: 3, quarantined: 0 });
    // Same games as the sample's rows: linked to the existing curated games, none created.
    expect(summary.curated).toMatchObject({ games_created: 0, game_sources_linked: 3 });
  });
});

/** Every CSV under the shared soccer tree, sorted. */
function soccerFiles(): string[] {
  const root = sharedPath('soccer');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((p) => p.endsWith('.csv'))
    .map((p) => join(root, p))
    .sort();
}

describe.skipIf(!hasSharedData())('football-data staging of the whole shared soccer tree', () => {
  it('accounts for every row: loaded, duplicate, or quarantined for a reason found in the data', () => {
    const teams = teamRegistry();
    const seen = new Set<string>();
    const totals = { rowsIn: 0, loaded: 0, quarantined: 0, duplicates: 0, quotes: 0 };
    const codes: Record<string, number> = {};
    const reader = { padding: 0, shortValid: 0, extraCells: 0 };
    const refused: string[] = [];
    for (const path of soccerFiles()) {
      const csv = parseCsv(path, readFileBytes(path), footballData.name, contextKeyOf({}), undefined, { padShortRows: true });
      if (footballData.requiredColumns.some((c) => !csv.header.includes(c))) {
        refused.push(relative(sharedPath('soccer'), path));
        continue;
      }
      const batch = stageFile(footballData, csv, { format: footballData.name, filePath: path, fileContext: {}, teams }, '', seen);
      expect(batch.counts.loaded + batch.counts.quarantined + batch.counts.duplicates).toBe(batch.counts.rowsIn);
      totals.rowsIn += batch.counts.rowsIn;
      totals.loaded += batch.counts.loaded;
      totals.quarantined += batch.counts.quarantined;
      totals.duplicates += batch.counts.duplicates;
      totals.quotes += batch.quotes.length;
      for (const q of batch.quarantine) {
        const key = `${q.issue.code}${q.issue.field ? `:${q.issue.field}` : ''}`;
        codes[key] = (codes[key] ?? 0) + 1;
        if (q.issue.code === 'missing_columns' || q.issue.code === 'extra_columns') {
          // Rows the CSV reader refuses before the format sees them: explain each one.
          const cells = String(q.payload._line).split(',');
          if (cells.every((c) => c.trim() === '')) reader.padding++;
          else if (q.issue.code === 'extra_columns') reader.extraCells++;
          else if (parseMatchDate(cells[1]!.trim()) && cells.length >= 7) reader.shortValid++;
        }
      }
      // One season per file; for England the folder names it, and the file's own dates agree.
      const seasons = new Set(batch.games.map((g) => g.season));
      expect(seasons.size, path).toBeLessThanOrEqual(1);
      const folder = /england\/(\d{4})-\d{4}/.exec(path);
      if (folder && batch.games.length) expect([...seasons][0], path).toBe(Number(folder[1]));
    }
    expect(refused).toEqual(['england/players-2013.csv']);
    expect(totals.loaded + totals.quarantined + totals.duplicates).toBe(totals.rowsIn);
    // Rows whose trailing empty cells the publisher left off are padded (padShortRows); rows of bare
    // commas after the last match are blank lines, not rows.
    expect(totals.loaded).toBe(106_605);
    expect(totals.quotes).toBe(2_982_286);
    // Quarantines this format raises, each a real defect of the published row.
    expect(Object.fromEntries(Object.entries(codes).filter(([k]) => !k.startsWith('missing_columns') && !k.startsWith('extra_columns')))).toEqual({
      'inconsistent_result:FTR': 3, // 2005-06 Conference lines 449, 451, 452: FTR D with 4-0, 2-0, 2-1
      'invalid_price:LBAHH': 14, // 2004-05 E1/E2/E3: the Ladbrokes AH cells rotated (line in the price column)
      'invalid_price:B365H': 6, // B365H "0" in six English rows
      'invalid_price:GBAHH': 2, // Hong Kong-style 0.87 / 0.9
      'invalid_price:B365AHH': 1,
      'invalid_price:BbMxAHA': 1,
      'invalid_price:BbMxAHH': 1,
      'invalid_price:BbMx>2.5': 1,
      'invalid_line:BbAHh': 10, // averaged lines such as -0.15, 0.758 (not a quarter line)
      'invalid_line:LBAH': 2, // 1.28, 3.4: a price in the line column
      'missing_line:GBAHH': 23, // 2003-04 Championship: a GBAHH price with no GBAH line or away price
      'missing_line:LBAHH': 1,
    });
    // No club is unknown: the registry covers every name in the archive.
    expect(codes['unknown_team:HomeTeam'] ?? 0).toBe(0);
    // What the CSV reader refuses: padding rows of commas, valid rows missing only trailing empty cells,
    // and four rows with stray values past the header (italy I2 2003-04, lines 86–89).
    const readerTotal = (codes.missing_columns ?? 0) + (codes.extra_columns ?? 0);
    expect(reader.padding + reader.shortValid + reader.extraCells).toBe(readerTotal);
    expect(reader.extraCells).toBe(4);
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('football-data on the shared soccer files, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('dry-runs the whole tree with every row accounted for, refusing the players list cleanly', async () => {
    const summary = await importFiles(store.db, { format: 'football-data', paths: soccerFiles(), dryRun: true });
    expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);
    expect(summary.loaded).toBe(106_605);
    const failed = summary.files.filter((f) => f.status !== 'loaded');
    expect(failed.map((f) => relative(sharedPath('soccer'), f.file))).toEqual(['england/players-2013.csv']);
    expect(failed[0]!.error).toMatch(/missing columns Div, Date, HomeTeam, AwayTeam, FTHG, FTAG required by football-data/);
  });

  it('imports the five English divisions of 2019-20, COVID-shortened, with their closing odds', async () => {
    const dir = sharedPath('soccer/england/2019-2020');
    const paths = readdirSync(dir).map((f) => join(dir, f)).sort();
    const summary = await importFiles(store.db, { format: 'football-data', paths });
    // Championship 552, Conference 451, League One 400, League Two 440 (stopped in March 2020), Premier 380.
    expect(summary).toMatchObject({ rows_in: 2223, loaded: 2223, quarantined: 0, duplicates: 0 });
    expect(summary.curated.games_created).toBe(2223);
    const seasons = await store.db.query<{ league: string; season: number; n: number }>(
      `SELECT league, season, COUNT(*) AS n FROM curated.games GROUP BY league, season ORDER BY league`,
    );
    expect(seasons.map((s) => [s.league, Number(s.season), Number(s.n)])).toEqual([
      ['E0', 2019, 380], ['E1', 2019, 552], ['E2', 2019, 400], ['E3', 2019, 440], ['EC', 2019, 451],
    ]);
    // Every non-empty PSCH/PSCD/PSCA cell of the five files, counted independently: 6,657.
    const [{ n }] = (await store.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM curated.quotes WHERE book = 'pinnacle' AND market = 'moneyline' AND is_closing`,
    )) as [{ n: number }];
    expect(Number(n)).toBe(6657);
  });
});
