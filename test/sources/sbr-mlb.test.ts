/**
 * sbr-mlb: SportsbookReview's MLB archive. The files' license is not stated, so nothing is bundled:
 * the suites read ../shared/data directly (skipping when absent) and write bad variants of real rows
 * to a temp dir at test time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, type ImportSummary } from '../../src/pipeline/import-files.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { sbrMlb } from '../../src/sources/sbr-mlb/index.js';
import { starterCell } from '../../src/sources/sbr-mlb/pitchers.js';
import { parseMonthDay, seasonTypeByDate } from '../../src/sources/sbr-mlb/season.js';
import type { Database, SqlValue } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const SEASONS = [2014, 2015, 2016, 2017] as const;
const sbrFile = (season: number) => sharedPath('mlb', `mlb_odds_sbr_${season}.csv`);

type QuoteRow = {
  market: string;
  side: string;
  line: number | null;
  price_decimal: number | null;
  price_text: string;
  is_opening: boolean;
  is_closing: boolean;
};

/** The curated game (with its result) and its quotes keyed `market/side/open|close`. */
async function findGame(db: Database, date: string, home: string, away: string, gameNumber = 1) {
  const games = await db.query<Record<string, unknown>>(
    `SELECT g.*, r.winner FROM curated.games g JOIN curated.game_results r USING (game_id)
     WHERE g.game_date = CAST($1 AS DATE) AND g.home_team_id = $2 AND g.away_team_id = $3 AND g.game_number = $4`,
    [date, home, away, gameNumber],
  );
  expect(games, `${away}@${home} on ${date} #${gameNumber}`).toHaveLength(1);
  const game = games[0]!;
  const rows = await db.query<QuoteRow>(
    `SELECT market, side, line, price_decimal, price_text, is_opening, is_closing FROM curated.quotes WHERE game_id = $1`,
    [game.game_id as number],
  );
  const quotes: Record<string, QuoteRow> = {};
  for (const q of rows) {
    const key = `${q.market}/${q.side}/${q.is_opening ? 'open' : 'close'}`;
    expect(quotes[key], `one ${key} quote`).toBeUndefined();
    quotes[key] = q;
  }
  return { game, quotes };
}

async function quarantineOf(db: Database, filePath: string) {
  const rows = await db.query<{ row_number: number; reason_code: string; field: string | null; reason: string }>(
    `SELECT row_number, reason_code, field, reason FROM ops.quarantine WHERE file_path = $1 ORDER BY row_number`,
    [filePath],
  );
  return rows.map((r) => ({ ...r, row_number: Number(r.row_number) }));
}

const count = async (db: Database, sql: string, params: SqlValue[] = []) => Number((await db.query<{ n: number }>(sql, params))[0]!.n);

/** The curated starters (player logs) of the games of `season`, in game order, visitor first. */
async function startersOf(db: Database, season: number) {
  type Row = { game_date: string; game_number: number; player_ref: string; player_name: string; team_id: string; opponent_team_id: string; is_home: boolean; started: boolean; game_id: number; expected_game_id: number };
  const rows = await db.query<Row>(
    `SELECT CAST(l.game_date AS VARCHAR) AS game_date, l.game_number, l.player_ref, l.player_name, l.team_id, l.opponent_team_id, l.is_home,
            l.started, l.game_id, g.game_id AS expected_game_id
     FROM curated.player_game_logs l
     JOIN curated.games g ON g.game_date = l.game_date AND g.game_number = l.game_number
       AND g.home_team_id = CASE WHEN l.is_home THEN l.team_id ELSE l.opponent_team_id END
       AND g.away_team_id = CASE WHEN l.is_home THEN l.opponent_team_id ELSE l.team_id END
     WHERE l.source_format = 'sbr-mlb' AND g.season = $1
     ORDER BY l.game_date, l.game_number, l.is_home`,
    [season],
  );
  return rows.map((r) => ({ ...r, game_number: Number(r.game_number), game_id: Number(r.game_id), expected_game_id: Number(r.expected_game_id) }));
}

/** Pitching-line columns: the archive gives none, so they are all null. */
const STAT_COLUMNS = ['outs', 'batters_faced', 'strikeouts', 'walks', 'hits', 'runs', 'earned_runs', 'home_runs', 'pitches'] as const;

describe('sbr-mlb file context and dates', () => {
  it('takes the season from the file name, and --season overrides it', () => {
    expect(sbrMlb.fileContext('/x/mlb_odds_sbr_2014.csv', {})).toEqual({ season: 2014 });
    expect(sbrMlb.fileContext('/x/mlb odds 2016.xlsx.csv', {})).toEqual({ season: 2016 });
    expect(sbrMlb.fileContext('/x/mlb_odds_sbr_2014.csv', { season: 2015 })).toEqual({ season: 2015 });
    expect(sbrMlb.fileContext('/x/sbr_odds.csv', {})).toEqual({});
    expect(sbrMlb.fileContext('/x/2014_vs_2015.csv', {})).toEqual({}); // two years: ambiguous
  });

  it('reads MMDD without a year in the given season', () => {
    expect(parseMonthDay('322', 2014)).toBe('2014-03-22');
    expect(parseMonthDay('1029', 2014)).toBe('2014-10-29');
    expect(parseMonthDay('229', 2016)).toBe('2016-02-29');
    for (const bad of ['229', '1345', '0', '32', '12345', '3-22', '']) expect(parseMonthDay(bad, 2015), bad).toBeUndefined();
  });

  it('reads the Pitcher cell as an sbr: player ref without the hand; blank and UNDECIDED name nobody', () => {
    const record = (pitcher: string) => ({ rowNumber: 2, contentHash: 'h', payload: { Pitcher: pitcher } });
    expect(starterCell(record('CKERSHAW-L'))).toEqual({ playerRef: 'sbr:CKERSHAW', playerName: 'CKERSHAW-L' });
    expect(starterCell(record(' LMcCULLRS-R '))).toEqual({ playerRef: 'sbr:LMCCULLRS', playerName: 'LMcCULLRS-R' });
    expect(starterCell(record('ABIBENS-DIRKX-R'))!.playerRef).toBe('sbr:ABIBENS-DIRKX');
    expect(starterCell(record("CO'GRADY-L"))!.playerRef).toBe("sbr:CO'GRADY");
    expect(starterCell(record('DAVIES-Z'))!.playerRef).toBe('sbr:DAVIES-Z'); // as published: no hand to drop
    for (const nobody of ['', '  ', 'UNDECIDED', 'undecided']) expect(starterCell(record(nobody)), nobody).toBeNull();
    expect(starterCell({ rowNumber: 2, contentHash: 'h', payload: {} })).toBeNull();
  });

  it('calls games after the last full day of late September or later postseason, and excerpts regular', () => {
    const full = (date: string) => Array.from({ length: 15 }, () => date);
    const type = seasonTypeByDate([...full('2014-09-27'), ...full('2014-09-28'), '2014-09-29', '2014-10-01', '2014-10-02', '2014-10-02']);
    expect(['2014-09-27', '2014-09-28'].map(type)).toEqual(['regular', 'regular']);
    expect(['2014-09-29', '2014-10-02'].map(type)).toEqual(['postseason', 'postseason']);
    // A file that stops in July: its last few-game day is not a postseason.
    const july = seasonTypeByDate([...full('2014-07-10'), '2014-07-11', '2014-07-11']);
    expect(july('2014-07-11')).toBe('regular');
    expect(seasonTypeByDate(['2014-10-29'])('2014-10-29')).toBe('regular');
  });
});

describe.skipIf(!hasSharedData())('sbr-mlb on the real 2014–2017 archive', () => {
  describe.each(ENGINES)('%s', (engine) => {
    let store: TestStore;
    let summary: ImportSummary;
    beforeAll(async () => {
      store = await createTestStore(engine);
      summary = await importFiles(store.db, { format: 'sbr-mlb', paths: SEASONS.map(sbrFile) });
    });
    afterAll(async () => store?.cleanup());

    it('accounts for every row of the four files', async () => {
      expect(summary.files.map(({ rows_in, loaded, quarantined, duplicates }) => ({ rows_in, loaded, quarantined, duplicates }))).toEqual([
        { rows_in: 4924, loaded: 4924, quarantined: 0, duplicates: 0 },
        { rows_in: 4930, loaded: 4930, quarantined: 0, duplicates: 0 },
        { rows_in: 4924, loaded: 4918, quarantined: 6, duplicates: 0 },
        { rows_in: 4934, loaded: 4930, quarantined: 4, duplicates: 0 },
      ]);
      expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);
      // 9,856 V/H pairs; five are quarantined. Ten quotes per game: every cell of these files has a line.
      expect(summary.curated).toMatchObject({ games_created: 9851, game_sources_linked: 9851 });
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.quotes')).toBe(98510);

      // 2016-06-06 NYM@PIT was rained out (made up as a doubleheader on 06-07): Final is NL.
      // 2016-08-13 CIN@MIL and 2016-09-15 LAD@ARI: an inning of -1 runs (the archive's three -1 cells
      // are the only period cells quarantined; their games' innings add up to Final only with the -1).
      expect(await quarantineOf(store.db, sbrFile(2016))).toEqual([
        expect.objectContaining({ row_number: 1702, reason_code: 'no_result', field: 'Final' }),
        expect.objectContaining({ row_number: 1703, reason_code: 'no_result', field: 'Final' }),
        expect.objectContaining({ row_number: 3460, reason_code: 'partner_rejected', field: '5th' }),
        expect.objectContaining({ row_number: 3461, reason_code: 'invalid_period_score', field: '5th', reason: '5th "-1" is not a whole number of points (0 or more)' }),
        expect.objectContaining({ row_number: 4366, reason_code: 'invalid_period_score', field: '8th' }),
        expect.objectContaining({ row_number: 4367, reason_code: 'partner_rejected', field: '8th' }),
      ]);
      // 2017-04-07 MIA@NYM: the home 2nd is -1. 2017-07-01 CLE@DET: both rows say -1.5, so one run
      // line is wrong and the file cannot say which.
      expect(await quarantineOf(store.db, sbrFile(2017))).toEqual([
        expect.objectContaining({ row_number: 106, reason_code: 'partner_rejected', field: '2nd' }),
        expect.objectContaining({ row_number: 107, reason_code: 'invalid_period_score', field: '2nd' }),
        expect.objectContaining({ row_number: 2428, reason_code: 'inconsistent_line', field: 'RL', reason: expect.stringContaining('"-1.5(+163)" (visitor) and "-1.5(+127)" (home)') }),
        expect.objectContaining({ row_number: 2429, reason_code: 'inconsistent_line', field: 'RL' }),
      ]);
    });

    it('reads the 2014 Sydney opening series (LAD @ ARI, both dated 03-22 by the archive)', async () => {
      const { game, quotes } = await findGame(store.db, '2014-03-22', 'mlb-ari', 'mlb-lad', 1);
      expect(game).toMatchObject({ sport: 'mlb', league: 'MLB', season: 2014, season_type: 'regular', status: 'final', home_score: 1, away_score: 3, winner: 'away' });
      // The archive writes V/H here, not N: the Sydney games keep ARI as designated home, not neutral.
      expect(game.is_neutral_site).toBe(false);
      expect(quotes['moneyline/away/close']).toMatchObject({ price_text: '-170', line: null, is_closing: true });
      expect(quotes['moneyline/away/close']!.price_decimal).toBeCloseTo(1 + 100 / 170, 12);
      expect(quotes['moneyline/home/close']).toMatchObject({ price_text: '150', price_decimal: 2.5 });
      expect(quotes['moneyline/away/open']).toMatchObject({ price_text: '-170', is_opening: true, is_closing: false });
      expect(quotes['moneyline/home/open']).toMatchObject({ price_text: '150', price_decimal: 2.5 });
      expect(quotes['spread/away/close']).toMatchObject({ line: -1.5, price_text: '-1.5(-104)' });
      expect(quotes['spread/away/close']!.price_decimal).toBeCloseTo(1 + 100 / 104, 12);
      expect(quotes['spread/home/close']).toMatchObject({ line: 1.5, price_text: '+1.5(-116)' });
      // Totals: the visitor row's price is the over, the home row's the under.
      expect(quotes['total/over/open']).toMatchObject({ line: 6.5, price_text: '6.5(-110)' });
      expect(quotes['total/under/open']).toMatchObject({ line: 6.5, price_text: '6.5(-110)' });
      expect(quotes['total/over/close']).toMatchObject({ line: 6.5, price_text: '6.5(-120)' });
      expect(quotes['total/under/close']).toMatchObject({ line: 6.5, price_text: '6.5(100)', price_decimal: 2 });
      expect(Object.keys(quotes)).toHaveLength(10);

      const second = await findGame(store.db, '2014-03-22', 'mlb-ari', 'mlb-lad', 2);
      expect(second.game).toMatchObject({ home_score: 5, away_score: 7 });
      expect(second.quotes['moneyline/away/close']).toMatchObject({ price_text: '-119' });
      expect(second.quotes['total/over/close']).toMatchObject({ price_text: '7.5(-115)' });
    });

    it('numbers a doubleheader 1 and 2 in file order (2016-06-07 NYM @ PIT, after the 06-06 rainout)', async () => {
      const first = await findGame(store.db, '2016-06-07', 'mlb-pit', 'mlb-nym', 1);
      expect(first.game).toMatchObject({ home_score: 3, away_score: 1 });
      expect(first.quotes['moneyline/home/close']).toMatchObject({ price_text: '-140' });
      expect(first.quotes['moneyline/away/close']).toMatchObject({ price_text: '125' });
      const second = await findGame(store.db, '2016-06-07', 'mlb-pit', 'mlb-nym', 2);
      expect(second.game).toMatchObject({ home_score: 3, away_score: 1 });
      expect(second.quotes['moneyline/home/close']).toMatchObject({ price_text: '119' });
      expect(second.quotes['spread/home/close']).toMatchObject({ line: 1.5, price_text: '+1.5(-145)' });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE game_date = CAST('2016-06-06' AS DATE) AND home_team_id = 'mlb-pit'`)).toBe(0);
    });

    it('tells postseason from regular season by date', async () => {
      const seasons = await store.db.query<{ season: number; season_type: string; n: number }>(
        `SELECT season, season_type, COUNT(*) AS n FROM curated.games GROUP BY season, season_type ORDER BY season, season_type`,
      );
      // 2014: 2,430 regular games = 15 a day × 162; postseason 32 = 2 wild card + 14 + 9 + 7.
      // 2017's file ends on 10-31: World Series game 7 (11-01) is not in the archive.
      // 2016 and 2017 regular: two and one games fewer, quarantined for a -1 inning (see above).
      expect(seasons.map((s) => [Number(s.season), s.season_type, Number(s.n)])).toEqual([
        [2014, 'postseason', 32], [2014, 'regular', 2430],
        [2015, 'postseason', 36], [2015, 'regular', 2429],
        [2016, 'postseason', 35], [2016, 'regular', 2424],
        [2017, 'postseason', 37], [2017, 'regular', 2428],
      ]);
      expect((await findGame(store.db, '2014-09-28', 'mlb-sf', 'mlb-sd')).game).toMatchObject({ season_type: 'regular', home_score: 9, away_score: 3 });
      // The 2014 AL wild card game (played 09-30; the archive dates it 09-29) and World Series game 7.
      const wildCard = await findGame(store.db, '2014-09-29', 'mlb-kc', 'mlb-oak');
      expect(wildCard.game).toMatchObject({ season_type: 'postseason', home_score: 9, away_score: 8 });
      const ws7 = await findGame(store.db, '2014-10-29', 'mlb-kc', 'mlb-sf');
      expect(ws7.game).toMatchObject({ season_type: 'postseason', home_score: 2, away_score: 3 });
      expect(ws7.quotes['moneyline/home/close']).toMatchObject({ price_text: '-140' });
    });

    it('reads old and new codes as one franchise (2016 writes both LOS and LAD)', async () => {
      const dodgers = await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2016 AND (home_team_id = 'mlb-lad' OR away_team_id = 'mlb-lad')`);
      // 172 LOS rows + the one LAD row (line 645), less 2016-09-15 LAD@ARI (quarantined: an 8th of -1 runs).
      expect(dodgers).toBe(172);
      const { game } = await findGame(store.db, '2016-04-28', 'mlb-lad', 'mlb-mia');
      expect(game).toMatchObject({ home_score: 3, away_score: 5 });
    });

    it('stores both starting pitchers of each game as player logs linked to the curated game, with no pitching line', async () => {
      // 9,851 games × 2 sides − 31 blank Pitcher cells (2017) − 5 UNDECIDED (2016).
      expect(summary.curated).toMatchObject({ player_logs_added: 19666 });
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.player_game_logs')).toBe(19666);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.player_game_logs')).toBe(19666);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE source_format <> 'sbr-mlb' OR game_id IS NULL OR started IS DISTINCT FROM TRUE OR player_ref NOT LIKE 'sbr:%'`)).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE ${STAT_COLUMNS.map((c) => `${c} IS NOT NULL`).join(' OR ')}`)).toBe(0);
      // Per game: how many starters, how many on the home side (home team, facing the visitor) and on the away side.
      const perGame = await store.db.query<{ starters: number; home: number; away: number; games: number }>(
        `SELECT starters, home, away, COUNT(*) AS games FROM (
           SELECT COUNT(l.source_key) AS starters,
                  SUM(CASE WHEN l.is_home AND l.team_id = g.home_team_id AND l.opponent_team_id = g.away_team_id THEN 1 ELSE 0 END) AS home,
                  SUM(CASE WHEN NOT l.is_home AND l.team_id = g.away_team_id AND l.opponent_team_id = g.home_team_id THEN 1 ELSE 0 END) AS away
           FROM curated.games g LEFT JOIN curated.player_game_logs l ON l.game_id = g.game_id
           GROUP BY g.game_id
         ) x GROUP BY starters, home, away ORDER BY starters, home, away`,
      );
      // 36 unnamed sides (19 visitor, 17 home); 2016-10-02 HOU@LAA names neither starter.
      expect(perGame.map((r) => [Number(r.starters), Number(r.home), Number(r.away), Number(r.games)])).toEqual([
        [0, 0, 0, 1],
        [1, 0, 1, 16],
        [1, 1, 0, 18],
        [2, 1, 1, 9816],
      ]);

      const sydney = (await startersOf(store.db, 2014)).filter((s) => s.game_date === '2014-03-22');
      const { game } = await findGame(store.db, '2014-03-22', 'mlb-ari', 'mlb-lad', 1);
      const second = await findGame(store.db, '2014-03-22', 'mlb-ari', 'mlb-lad', 2);
      expect(sydney).toEqual([
        { game_date: '2014-03-22', game_number: 1, player_ref: 'sbr:CKERSHAW', player_name: 'CKERSHAW-L', team_id: 'mlb-lad', opponent_team_id: 'mlb-ari', is_home: false, started: true, game_id: Number(game.game_id), expected_game_id: Number(game.game_id) },
        { game_date: '2014-03-22', game_number: 1, player_ref: 'sbr:WMILEY', player_name: 'WMILEY-L', team_id: 'mlb-ari', opponent_team_id: 'mlb-lad', is_home: true, started: true, game_id: Number(game.game_id), expected_game_id: Number(game.game_id) },
        expect.objectContaining({ game_number: 2, player_ref: 'sbr:HRYU', player_name: 'HRYU-L', team_id: 'mlb-lad', is_home: false, game_id: Number(second.game.game_id) }),
        expect.objectContaining({ game_number: 2, player_ref: 'sbr:TCAHILL', team_id: 'mlb-ari', is_home: true, game_id: Number(second.game.game_id) }),
      ]);
      // Each starter is keyed by its own row: lineage leads back to the raw record.
      const [kershaw] = await store.db.query<{ file_path: string; row_number: number }>(
        `SELECT r.file_path, r.row_number FROM staging.player_game_logs l
         JOIN raw.records r ON r.source_format = l.source_format AND r.content_hash = l.source_key
         WHERE l.player_ref = 'sbr:CKERSHAW' AND l.game_date = CAST('2014-03-22' AS DATE)`,
      );
      expect({ ...kershaw, row_number: Number(kershaw!.row_number) }).toEqual({ file_path: sbrFile(2014), row_number: 2 });

      // 2017-05-11 LAD @ COL (line 1007): the home row's Pitcher is blank. The game loads, with the visitor's starter only.
      const blank = await store.db.query<{ game_id: number; home_team_id: string; away_team_id: string }>(
        `SELECT g.game_id, g.home_team_id, g.away_team_id FROM curated.game_sources gs JOIN raw.records r ON r.source_format = gs.source_format AND r.content_hash = gs.source_key
         JOIN curated.games g ON g.game_id = gs.game_id WHERE r.file_path = $1 AND r.row_number = 1007`,
        [sbrFile(2017)],
      );
      expect(blank).toHaveLength(1);
      expect(blank[0]).toMatchObject({ home_team_id: 'mlb-col', away_team_id: 'mlb-lad' });
      const blankStarters = await store.db.query<{ team_id: string; is_home: boolean }>(
        'SELECT team_id, is_home FROM curated.player_game_logs WHERE game_id = $1',
        [blank[0]!.game_id],
      );
      expect(blankStarters).toEqual([{ team_id: 'mlb-lad', is_home: false }]);
    });

    it("stores every game's innings, extra innings as one derived period, adding up to the Final", async () => {
      const labels = await store.db.query<{ period: number; period_label: string; n: number; home: number; away: number }>(
        `SELECT period, period_label, COUNT(*) AS n, COUNT(home_points) AS home, COUNT(away_points) AS away
         FROM curated.game_periods GROUP BY period, period_label ORDER BY period`,
      );
      // Innings 6–9 thin out with rain-shortened games; 4,424 home 9ths were not batted (x, or blank).
      expect(labels.map((r) => [Number(r.period), r.period_label, Number(r.n), Number(r.home), Number(r.away)])).toEqual([
        [1, '1', 9851, 9851, 9851], [2, '2', 9851, 9851, 9851], [3, '3', 9851, 9851, 9851], [4, '4', 9851, 9851, 9851],
        [5, '5', 9851, 9848, 9851], [6, '6', 9844, 9842, 9844], [7, '7', 9835, 9834, 9835], [8, '8', 9825, 9824, 9825],
        [9, '9', 9822, 5398, 9820], [10, 'extra', 824, 824, 824],
      ]);
      const [sums] = await store.db.query<{ games: number; matching: number }>(
        `SELECT COUNT(*) AS games, SUM(CASE WHEN p.home = g.home_score AND p.away = g.away_score THEN 1 ELSE 0 END) AS matching
         FROM curated.games g JOIN (SELECT game_id, SUM(home_points) AS home, SUM(away_points) AS away FROM curated.game_periods GROUP BY game_id) p USING (game_id)`,
      );
      expect([Number(sums!.games), Number(sums!.matching)]).toEqual([9851, 9851]);
    });

    it('matches the README closing-market Brier for MLB 2014–2017 (9,844 games, 0.2412)', async () => {
      const [row] = await store.db.query<{ n: number; brier: number; home_rate: number }>(
        `WITH ml AS (
           SELECT game_id,
                  MAX(CASE WHEN side = 'home' THEN price_decimal END) AS home_decimal,
                  MAX(CASE WHEN side = 'away' THEN price_decimal END) AS away_decimal
           FROM curated.closing_lines
           WHERE market = 'moneyline' AND book = 'sportsbookreview'
           GROUP BY game_id
         ), scored AS (
           SELECT (1 / ml.home_decimal) / ((1 / ml.home_decimal) + (1 / ml.away_decimal)) AS p_home,
                  CASE WHEN r.winner = 'home' THEN 1.0 ELSE 0.0 END AS home_won
           FROM ml JOIN curated.game_results r ON r.game_id = ml.game_id
           WHERE ml.home_decimal IS NOT NULL AND ml.away_decimal IS NOT NULL AND r.winner IN ('home', 'away')
         )
         SELECT COUNT(*) AS n, AVG((p_home - home_won) * (p_home - home_won)) AS brier, AVG(home_won) AS home_rate FROM scored`,
      );
      const n = Number(row!.n);
      const brier = Number(row!.brier);
      const homeRate = Number(row!.home_rate);
      // The README's 9,844 = 9,856 pairs − 1 unplayed (NL) − 11 ties; we also quarantine the one game
      // whose run lines contradict each other (2017-07-01 CLE@DET) and the three with a -1 inning
      // (2016-08-13 CIN@MIL, 2016-09-15 LAD@ARI, 2017-04-07 MIA@NYM), hence 9,840.
      expect(n).toBe(9840);
      expect(Math.abs(n - 9844)).toBeLessThanOrEqual(4);
      // Tolerance 0.0001: the reference is rounded to 4 places (±0.00005) and one game moves the mean
      // by < 0.00003, yet it rejects the likely mistakes: opening instead of closing prices gives
      // 0.2430, prices without removing the vig 0.24135, home and away swapped > 0.25.
      expect(Math.abs(brier - 0.2412)).toBeLessThanOrEqual(0.0001);
      // And the constant forecast (the sample's home-win rate) matches the README's 0.2487.
      expect(Math.abs(homeRate * (1 - homeRate) - 0.2487)).toBeLessThanOrEqual(0.0001);
    });

    it('adds nothing when the files are imported again', async () => {
      const again = await importFiles(store.db, { format: 'sbr-mlb', paths: SEASONS.map(sbrFile) });
      expect(again).toMatchObject({ rows_in: 19712, loaded: 0, quarantined: 0, duplicates: 19712 });
      expect(again.files.every((f) => f.status === 'unchanged')).toBe(true);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(9851);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.quotes')).toBe(98510);
      expect(again.curated.player_logs_added).toBe(0);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.player_game_logs')).toBe(19666);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.player_game_logs')).toBe(19666);
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.game_periods')).toBe(89405);
    });
  });
});

describe.skipIf(!hasSharedData())('sbr-mlb on bad input built from real rows', () => {
  describe.each(ENGINES)('%s', (engine) => {
    let store: TestStore;
    let dir: string;
    let header: string;
    /** Data rows 2–21 of the real 2014 file: ten games from 03-22 to 03-31. */
    let rows: string[];
    beforeAll(async () => {
      store = await createTestStore(engine);
      dir = mkdtempSync(join(tmpdir(), 'sbr-mlb-test-'));
      const lines = readFileSync(sbrFile(2014), 'utf8').split('\r\n');
      header = lines[0]!;
      rows = lines.slice(1, 21);
    });
    afterAll(async () => {
      await store?.cleanup();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Row `i` (0-based data row) with the cells at the given 0-based columns replaced. */
    const edit = (i: number, cells: Record<number, string>) => {
      const out = rows[i]!.split(',');
      for (const [col, value] of Object.entries(cells)) out[Number(col)] = value;
      return out.join(',');
    };
    const C = { Date: 0, Rot: 1, VH: 2, Team: 3, Pitcher: 4, Final: 14, Open: 15, Close: 16, RL: 17, OpenOU: 18, OpenOUPrice: 19, CloseOU: 20, CloseOUPrice: 21 };
    /** Writes a file (CRLF, as the archive) in its own folder, so names can repeat across cases. */
    const write = (caseName: string, fileName: string, lines: string[]) => {
      mkdirSync(join(dir, caseName));
      const path = join(dir, caseName, fileName);
      writeFileSync(path, [header, ...lines].join('\r\n') + '\r\n');
      return path;
    };
    const run = (paths: string[], season?: number) => importFiles(store.db, { format: 'sbr-mlb', paths, synthetic: true, ...(season ? { season } : {}) });

    it('keeps no-line markers as no quote and quarantines garbage prices, scores, teams and dates with their partner row', async () => {
      const path = write('odds', 'mlb_odds_sbr_2014.csv', [
        rows[0]!, rows[1]!, // LAD@ARI as published
        edit(2, { [C.Open]: 'NL', [C.CloseOU]: '7½' }), edit(3, { [C.CloseOU]: 'NL', [C.CloseOUPrice]: '' }),
        edit(4, { [C.RL]: '-1.5' }), edit(5, { [C.Close]: 'EVEN' }),
        rows[6]!, edit(7, { [C.Close]: 'abc' }), // garbage moneyline
        edit(8, { [C.CloseOUPrice]: '-1O5' }), rows[9]!, // letter O in a price
        edit(10, { [C.OpenOU]: 'NL' }), rows[11]!, // a price with no line
        rows[12]!, edit(13, { [C.Final]: '99' }), // impossible score
        edit(14, { [C.Team]: 'XXX' }), rows[15]!, // unknown team
        edit(16, { [C.RL]: '+1.5' }), rows[17]!, // both +1.5
        edit(18, { [C.Date]: '1345' }), edit(19, { [C.Date]: '1345' }), // no 13th month
      ]);
      const summary = await run([path]);
      expect(summary).toMatchObject({ rows_in: 20, loaded: 6, quarantined: 14, duplicates: 0 });
      expect((await quarantineOf(store.db, path)).map((q) => [q.row_number, q.reason_code, q.field])).toEqual([
        [8, 'partner_rejected', 'Close'], [9, 'invalid_price', 'Close'],
        [10, 'invalid_price', '_col22'], [11, 'partner_rejected', '_col22'],
        [12, 'invalid_line', 'Open OU'], [13, 'partner_rejected', 'Open OU'],
        [14, 'partner_rejected', 'Final'], [15, 'impossible_score', 'Final'],
        [16, 'unknown_team', 'Team'], [17, 'partner_rejected', 'Team'],
        [18, 'inconsistent_line', 'RL'], [19, 'inconsistent_line', 'RL'],
        [20, 'invalid_date', 'Date'], [21, 'invalid_date', 'Date'],
      ]);
      const reasons = await quarantineOf(store.db, path);
      expect(reasons.find((q) => q.row_number === 9)!.reason).toBe('Close "abc" is not an American price');
      expect(reasons.find((q) => q.row_number === 8)!.reason).toContain('its home row (line 9) was quarantined');
      expect(reasons.find((q) => q.row_number === 10)!.reason).toBe('Close OU price (_col22) "-1O5" is not an American price');
      expect(reasons.find((q) => q.row_number === 16)!.reason).toBe('Team "XXX" is not a known mlb team on 2014-03-31');

      const second = await findGame(store.db, '2014-03-22', 'mlb-ari', 'mlb-lad', 2);
      expect(second.quotes['moneyline/away/open']).toBeUndefined(); // NL: no opening line for the visitor
      expect(second.quotes['moneyline/away/close']).toMatchObject({ price_text: '-119' });
      expect(second.quotes['total/over/close']).toMatchObject({ line: 7.5, price_text: '7½(-115)' });
      expect(second.quotes['total/under/close']).toBeUndefined();
      expect(Object.keys(second.quotes)).toHaveLength(8);
      const sd = await findGame(store.db, '2014-03-30', 'mlb-sd', 'mlb-lad');
      expect(sd.quotes['spread/away/close']).toMatchObject({ line: -1.5, price_text: '-1.5', price_decimal: null }); // never an invented price
      expect(sd.quotes['moneyline/home/close']).toMatchObject({ price_text: 'EVEN', price_decimal: 2 });
    });

    // Each case below reads its rows as a different season (--season), so that real rows reused by
    // several cases are distinct records and games (a record's hash includes the season).
    it('quarantines broken pairs and a truncated last row as unpaired, and keeps the pairs around them', async () => {
      const path = write('pairs', 'mlb_odds_sbr_2014.csv', [
        rows[0]!, // visitor whose home row is gone: next is another visitor
        rows[2]!, rows[3]!, // a good pair
        rows[5]!, // a home row without its visitor
        rows[6]!, rows[9]!, // CUB (901) with NYM (904): same date, not one game
        rows[10]!, edit(11, { [C.Date]: '401' }), // dates differ
        rows[12]!, rows[13]!, // a good pair
        rows[14]!, rows[15]!.slice(0, 30), // the last row cut short
      ]);
      const summary = await run([path], 2001);
      expect(summary).toMatchObject({ rows_in: 12, loaded: 4, quarantined: 8, duplicates: 0 });
      const q = await quarantineOf(store.db, path);
      expect(q.map((r) => [r.row_number, r.reason_code, r.field])).toEqual([
        [2, 'unpaired_row', 'VH'],
        [5, 'unpaired_row', 'VH'],
        [6, 'unpaired_row', 'Rot'], [7, 'unpaired_row', 'Rot'],
        [8, 'unpaired_row', 'Date'], [9, 'unpaired_row', 'Date'],
        [12, 'unpaired_row', 'VH'],
        [13, 'missing_columns', null],
      ]);
      expect(q[0]!.reason).toBe('visitor row is followed by line 3 (VH "V"), not its home row');
      expect(q[1]!.reason).toBe('home row without a visitor row before it');
      expect(q[6]!.reason).toContain('its partner row is missing (truncated file?)');
      // Lines 3–4 are the second Sydney game: still game 2, though game 1's home row is missing.
      const second = await findGame(store.db, '2001-03-22', 'mlb-ari', 'mlb-lad', 2);
      expect(second.game).toMatchObject({ home_score: 5, away_score: 7 });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2001`)).toBe(2);
    });

    it('reads neutral-site N rows (second row home), numbers doubleheaders, skips repeated rows and refuses a third game', async () => {
      const path = write('neutral', 'mlb_odds_sbr_2014.csv', [
        edit(0, { [C.VH]: 'N' }), edit(1, { [C.VH]: 'N' }),
        edit(2, { [C.VH]: 'N' }), edit(3, { [C.VH]: 'N' }),
        rows[4]!, rows[5]!,
        rows[4]!, rows[5]!, // the same two rows again: duplicates, not a doubleheader
        edit(0, { [C.Rot]: '997', [C.Final]: '4' }), edit(1, { [C.Rot]: '998' }), // a third LAD@ARI on 03-22
      ]);
      const summary = await run([path], 2002);
      expect(summary).toMatchObject({ rows_in: 10, loaded: 6, quarantined: 2, duplicates: 2 });
      expect((await quarantineOf(store.db, path)).map((r) => [r.row_number, r.reason_code])).toEqual([[10, 'duplicate_game'], [11, 'duplicate_game']]);
      const first = await findGame(store.db, '2002-03-22', 'mlb-ari', 'mlb-lad', 1);
      expect(first.game).toMatchObject({ is_neutral_site: true, home_score: 1, away_score: 3 });
      expect(first.quotes['moneyline/home/close']).toMatchObject({ price_text: '150' });
      expect((await findGame(store.db, '2002-03-22', 'mlb-ari', 'mlb-lad', 2)).game).toMatchObject({ is_neutral_site: true, home_score: 5 });
      expect((await findGame(store.db, '2002-03-30', 'mlb-sd', 'mlb-lad', 1)).game).toMatchObject({ is_neutral_site: false });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2002`)).toBe(3);
    });

    it('leaves a game without a Final scheduled, refuses NL (not played) and a one-sided score', async () => {
      const noScore = { 5: '', 6: '', 7: '', 8: '', 9: '', 10: '', 11: '', 12: '', 13: '', [C.Final]: '' };
      const path = write('finals', 'mlb_odds_sbr_2014.csv', [
        edit(6, noScore), edit(7, noScore),
        edit(8, { [C.Final]: 'NL' }), edit(9, { [C.Final]: 'NL' }),
        edit(10, { [C.Final]: '' }), rows[11]!,
      ]);
      const summary = await run([path], 2003);
      expect(summary).toMatchObject({ rows_in: 6, loaded: 2, quarantined: 4 });
      expect((await quarantineOf(store.db, path)).map((r) => [r.row_number, r.reason_code])).toEqual([
        [4, 'no_result'], [5, 'no_result'], [6, 'partial_score'], [7, 'partial_score'],
      ]);
      const { game, quotes } = await findGame(store.db, '2003-03-31', 'mlb-pit', 'mlb-chc');
      expect(game).toMatchObject({ status: 'scheduled', home_score: null, away_score: null, winner: null });
      expect(quotes['moneyline/home/close']).toMatchObject({ price_text: '-190' }); // its lines are still real
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2003`)).toBe(1);
    });

    it('stages no starter for a blank or UNDECIDED Pitcher but still loads the game; re-import adds nothing; rollback removes the starters', async () => {
      const path = write('pitchers', 'mlb_odds_sbr_2014.csv', [
        rows[0]!, rows[1]!, // LAD@ARI #1: CKERSHAW-L, WMILEY-L
        edit(2, { [C.Pitcher]: '' }), rows[3]!, // LAD@ARI #2: the visitor's starter left blank
        edit(4, { [C.Pitcher]: 'UNDECIDED' }), edit(5, { [C.Pitcher]: ' ' }), // LAD@SD: neither side named
      ]);
      const summary = await run([path], 2004);
      expect(summary).toMatchObject({ rows_in: 6, loaded: 6, quarantined: 0, duplicates: 0 });
      expect(summary.curated).toMatchObject({ games_created: 3, player_logs_added: 3 });
      const first = await findGame(store.db, '2004-03-22', 'mlb-ari', 'mlb-lad', 1);
      const second = await findGame(store.db, '2004-03-22', 'mlb-ari', 'mlb-lad', 2);
      expect((await findGame(store.db, '2004-03-30', 'mlb-sd', 'mlb-lad')).game).toMatchObject({ status: 'final' });
      expect(await startersOf(store.db, 2004)).toEqual([
        expect.objectContaining({ game_number: 1, player_ref: 'sbr:CKERSHAW', player_name: 'CKERSHAW-L', team_id: 'mlb-lad', opponent_team_id: 'mlb-ari', is_home: false, started: true, game_id: Number(first.game.game_id) }),
        expect.objectContaining({ game_number: 1, player_ref: 'sbr:WMILEY', team_id: 'mlb-ari', opponent_team_id: 'mlb-lad', is_home: true, started: true, game_id: Number(first.game.game_id) }),
        expect.objectContaining({ game_number: 2, player_ref: 'sbr:TCAHILL', team_id: 'mlb-ari', is_home: true, game_id: Number(second.game.game_id) }),
      ]);
      const runLogs = `FROM curated.player_game_logs WHERE run_id = ${summary.run_id!}`;
      expect(await count(store.db, `SELECT COUNT(*) AS n ${runLogs} AND (${STAT_COLUMNS.map((c) => `${c} IS NOT NULL`).join(' OR ')})`)).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM staging.player_game_logs WHERE run_id = $1`, [summary.run_id!])).toBe(3);

      const again = await run([path], 2004);
      expect(again).toMatchObject({ loaded: 0, duplicates: 6 });
      expect(again.curated.player_logs_added).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.player_game_logs l JOIN curated.games g USING (game_id) WHERE g.season = 2004`)).toBe(3);

      const report = await rollbackRun(store.db, summary.run_id!);
      expect(report.removed).toMatchObject({ 'curated.player_game_logs': 3, 'staging.player_game_logs': 3, 'curated.games': 3, 'raw.records': 6 });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.player_game_logs WHERE run_id = $1`, [summary.run_id!])).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM staging.player_game_logs WHERE run_id = $1`, [summary.run_id!])).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2004`)).toBe(0);
    });

    it('needs a season: none in the file name quarantines every row, --season loads them and overrides the name', async () => {
      const noYear = write('season', 'sbr_odds.csv', [rows[4]!, rows[5]!]);
      const refused = await run([noYear]);
      expect(refused).toMatchObject({ rows_in: 2, loaded: 0, quarantined: 2 });
      const q = await quarantineOf(store.db, noYear);
      expect(q.map((r) => r.reason_code)).toEqual(['missing_season', 'missing_season']);
      expect(q[0]!.reason).toContain('pass --season');

      const loaded = await run([noYear], 2013);
      expect(loaded).toMatchObject({ rows_in: 2, loaded: 2, quarantined: 0, duplicates: 0 });
      const { game } = await findGame(store.db, '2013-03-30', 'mlb-sd', 'mlb-lad');
      expect(game).toMatchObject({ season: 2013, home_score: 3, away_score: 1 });

      const named = write('override', 'mlb_odds_sbr_2014.csv', [rows[4]!, rows[5]!]);
      expect(await run([named], 2012)).toMatchObject({ loaded: 2 });
      expect((await findGame(store.db, '2012-03-30', 'mlb-sd', 'mlb-lad')).game).toMatchObject({ season: 2012 });
    });
  });
});
