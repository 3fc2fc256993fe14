import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { parseEloDate } from '../../src/sources/fivethirtyeight-elo/elo-date.js';
import { fileOrder, numberGames } from '../../src/sources/fivethirtyeight-elo/game-numbers.js';
import type { Database } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const FORMAT = 'fivethirtyeight-elo';
const FIXTURES = join(import.meta.dirname, '../fixtures/fivethirtyeight-elo');
const NFL_EXCERPT = join(FIXTURES, 'nfl_elo_excerpt.csv');
const MLB_2021_EXCERPT = join(FIXTURES, 'mlb_elo_2021_excerpt.csv');
const MLB_2022_EXCERPT = join(FIXTURES, 'mlb_elo_2022_excerpt.csv');
const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl');

interface GameRow {
  game_id: number | string;
  home_team_id: string;
  away_team_id: string;
  home_score: number | null;
  away_score: number | null;
  season: number;
  season_type: string;
  is_neutral_site: boolean;
  status: string;
  start_at: unknown;
}
interface ForecastRow {
  system: string;
  home_win_prob: number;
  home_rating: number | null;
  away_rating: number | null;
}

/** The curated game with natural key `key`, and its published forecasts by system. */
async function gameByKey(db: Database, key: string): Promise<{ game: GameRow; forecasts: Record<string, ForecastRow> }> {
  const [game] = await db.query<GameRow & Record<string, unknown>>(
    `SELECT game_id, home_team_id, away_team_id, home_score, away_score, season, season_type, is_neutral_site, status, start_at
     FROM curated.games WHERE game_key = $1`,
    [key],
  );
  if (!game) throw new Error(`no curated game ${key}`);
  const rows = await db.query<ForecastRow & Record<string, unknown>>(
    'SELECT system, home_win_prob, home_rating, away_rating FROM curated.published_forecasts WHERE game_id = $1 ORDER BY system',
    [Number(game.game_id)],
  );
  return { game, forecasts: Object.fromEntries(rows.map((r) => [r.system, r])) };
}

async function count(db: Database, sql: string, params: (string | number)[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

/** Rewrites the `date` cells (first column) of a fixture and joins lines with `eol`. */
function rewriteDates(path: string, toDate: (iso: string) => string, eol: string): string {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  return [lines[0], ...lines.slice(1).map((l) => toDate(l.slice(0, 10)) + l.slice(10))].join(eol) + eol;
}
const slashed = (iso: string, yearDigits: 2 | 4) => {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return `${Number(m)}/${Number(d)}/${yearDigits === 2 ? y.slice(2) : y}`;
};

describe('fivethirtyeight-elo dates and game numbers', () => {
  it('reads ISO, m/d/yy and m/d/yyyy dates, taking a two-digit century from the season', () => {
    expect(parseEloDate('2021-02-07', 2020)).toBe('2021-02-07');
    expect(parseEloDate('2/7/21', 2020)).toBe('2021-02-07');
    expect(parseEloDate('9/26/20', 1920)).toBe('1920-09-26');
    expect(parseEloDate('1/30/00', 1999)).toBe('2000-01-30');
    expect(parseEloDate('11/2/2021', 2021)).toBe('2021-11-02');
    expect(parseEloDate('2/29/21', 2020)).toBeUndefined();
    expect(parseEloDate('2021/11/02', 2021)).toBeUndefined();
    expect(parseEloDate('', 2021)).toBeUndefined();
  });

  it("numbers a pair's games of one day chronologically, reading 538's newest-first order bottom-up", () => {
    const keys = ['d2|a|b', 'd1|a|b', 'd1|a|b', undefined, 'd1|a|c'];
    expect(fileOrder(['2021-08-11', '2021-08-10', '2021-08-10', undefined, '2021-08-10'])).toBe('newest-first');
    expect(numberGames(keys, 'newest-first')).toEqual([1, 2, 1, 1, 1]);
    expect(fileOrder(['2021-08-10', undefined, '2021-08-11'])).toBe('oldest-first');
    expect(numberGames(keys, 'oldest-first')).toEqual([1, 1, 2, 1, 1]);
  });
});

describe.each(ENGINES)('fivethirtyeight-elo on %s', (engine) => {
  let store: TestStore;
  let tmp: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    tmp = mkdtempSync(join(tmpdir(), 'sharpline-538-'));
  });
  afterAll(async () => {
    await store?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the NFL excerpt: 1920 clubs, 2020 and Super Bowl LV, with elo_prob1 as published', async () => {
    const summary = await importFiles(store.db, { format: FORMAT, paths: [NFL_EXCERPT] });
    expect(summary).toMatchObject({ rows_in: 122, loaded: 122, quarantined: 0, duplicates: 0 });
    expect(summary.curated).toMatchObject({ games_created: 122, forecasts_added: 122, quotes_added: 0 });

    // The first game 538 counts: Rock Island Independents 48, St. Paul Ideals 0 (1920-09-26).
    const first = await gameByKey(store.db, 'nfl:1920-09-26:nfl-rii:nfl-stp:1');
    expect(first.game).toMatchObject({ home_score: 48, away_score: 0, season: 1920, season_type: 'regular', is_neutral_site: false, status: 'final', start_at: null });
    expect(first.forecasts['fivethirtyeight-elo']).toEqual({ system: 'fivethirtyeight-elo', home_win_prob: 0.8246512009492516, home_rating: 1503.947, away_rating: 1300 });
    const [stp] = await store.db.query<{ name: string }>(`SELECT name FROM curated.teams WHERE team_id = 'nfl-stp'`);
    expect(stp!.name).toBe('St. Paul Ideals');
    // 1920 Decatur Staleys (CHI) and Chicago Cardinals (ARI) are today's Bears and Cardinals.
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 1920 AND (home_team_id IN ('nfl-chi', 'nfl-ari') OR away_team_id IN ('nfl-chi', 'nfl-ari'))`)).toBeGreaterThan(0);

    // Super Bowl LV, 2021-02-07, Tampa: TB 31, KC 9, TB the designated home team, 538 neutral = 1.
    const sb = await gameByKey(store.db, 'nfl:2021-02-07:nfl-tb:nfl-kc:1');
    expect(sb.game).toMatchObject({ home_score: 31, away_score: 9, season: 2020, season_type: 'postseason', is_neutral_site: true, status: 'final' });
    expect(sb.forecasts['fivethirtyeight-elo']).toMatchObject({ home_win_prob: 0.4458378304058082, home_rating: 1703.30329600465, away_rating: 1741.08727932497 });

    // 538 writes OAK for the 2020 Las Vegas Raiders: Raiders at Panthers, week 1 (34–30).
    const lv = await gameByKey(store.db, 'nfl:2020-09-13:nfl-car:nfl-lv:1');
    expect(lv.game).toMatchObject({ home_score: 30, away_score: 34 });

    // Super Bowl XLIX: 538 lists NE (the designated visitor) first; turned round, SEA is home and
    // the home probability is 1 − elo_prob1 (0.41562777701647147 for NE).
    const xlix = await gameByKey(store.db, 'nfl:2015-02-01:nfl-sea:nfl-ne:1');
    expect(xlix.game).toMatchObject({ home_score: 24, away_score: 28, season: 2014, season_type: 'postseason', is_neutral_site: true });
    expect(xlix.forecasts['fivethirtyeight-elo']!.home_win_prob).toBeCloseTo(1 - 0.41562777701647147, 15);
    expect(xlix.forecasts['fivethirtyeight-elo']).toMatchObject({ home_rating: 1783.159, away_rating: 1723.965 });
    // The Saints' 2005 "home" game at Giants Stadium (538: NYG team1, neutral 0): NO home, neutral.
    const katrina = await gameByKey(store.db, 'nfl:2005-09-19:nfl-no:nfl-nyg:1');
    expect(katrina.game).toMatchObject({ home_score: 10, away_score: 27, is_neutral_site: true });
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE game_key LIKE 'nfl:2015-02-01:nfl-ne:%'`)).toBe(0);
  });

  it('adds nothing when the NFL excerpt is imported again', async () => {
    const again = await importFiles(store.db, { format: FORMAT, paths: [NFL_EXCERPT] });
    expect(again).toMatchObject({ rows_in: 122, loaded: 0, quarantined: 0, duplicates: 122 });
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'nfl'`)).toBe(122);
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.published_forecasts WHERE source_format = '${FORMAT}'`)).toBe(122);
  });

  it('reads m/d/yy dates (century from the season) with CR line endings as the same NFL games', async () => {
    // 9/26/20 of season 1920 is 1920-09-26; 2/7/21 of season 2020 is 2021-02-07.
    const path = join(tmp, 'nfl_mdyy_cr.csv');
    writeFileSync(path, rewriteDates(NFL_EXCERPT, (d) => slashed(d, 2), '\r'));
    const summary = await importFiles(store.db, { format: FORMAT, paths: [path], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 122, loaded: 122, quarantined: 0 });
    expect(summary.curated).toMatchObject({ games_created: 0, game_sources_linked: 122, outcome_conflicts: 0 });
  });

  it('numbers MLB doubleheaders in the day order and keeps both 538 forecasts', async () => {
    const summary = await importFiles(store.db, { format: FORMAT, paths: [MLB_2021_EXCERPT] });
    expect(summary).toMatchObject({ rows_in: 40, loaded: 40, quarantined: 0, duplicates: 0 });
    expect(summary.curated).toMatchObject({ games_created: 40, forecasts_added: 80 });

    // Cubs–Brewers, 2021-08-10: 538 lists game 2 (Mills, 3–6) above game 1 (Steele, 2–4);
    // Retrosheet CHN202108101 / …102 agree.
    const g1 = await gameByKey(store.db, 'mlb:2021-08-10:mlb-chc:mlb-mil:1');
    const g2 = await gameByKey(store.db, 'mlb:2021-08-10:mlb-chc:mlb-mil:2');
    expect(g1.game).toMatchObject({ home_score: 2, away_score: 4, status: 'final', season: 2021, season_type: 'regular' });
    expect(g2.game).toMatchObject({ home_score: 3, away_score: 6 });
    expect(g1.forecasts['fivethirtyeight-elo']).toMatchObject({ home_win_prob: 0.44727246119670894, home_rating: 1477.62605572859, away_rating: 1538.40163329851 });
    expect(g1.forecasts['fivethirtyeight-rating']).toMatchObject({ home_win_prob: 0.435682905672709, home_rating: 1481.45207832787, away_rating: 1536.99671554289 });
    expect(g2.forecasts['fivethirtyeight-rating']!.home_win_prob).toBe(0.540493214053233);
    // Cubs–Cardinals, 2021-09-24: game 1 5–8 (Steele), game 2 4–12 (Davies).
    expect((await gameByKey(store.db, 'mlb:2021-09-24:mlb-chc:mlb-stl:1')).game).toMatchObject({ home_score: 5, away_score: 8 });
    expect((await gameByKey(store.db, 'mlb:2021-09-24:mlb-chc:mlb-stl:2')).game).toMatchObject({ home_score: 4, away_score: 12 });
    // Angels–Blue Jays, 2021-08-10: 538 names TOR home in game 1 and ANA in game 2; numbered by the
    // day's order of the pair, ANA–TOR is game 2 (Retrosheet's game 2 was ANA 0, TOR 4 too).
    expect((await gameByKey(store.db, 'mlb:2021-08-10:mlb-tor:mlb-laa:1')).game).toMatchObject({ home_score: 3, away_score: 6 });
    expect((await gameByKey(store.db, 'mlb:2021-08-10:mlb-laa:mlb-tor:2')).game).toMatchObject({ home_score: 0, away_score: 4 });

    // World Series game 6, 2021-11-02: HOU 0, ATL 7.
    const ws = await gameByKey(store.db, 'mlb:2021-11-02:mlb-hou:mlb-atl:1');
    expect(ws.game).toMatchObject({ home_score: 0, away_score: 7, season_type: 'postseason' });
    expect(ws.forecasts['fivethirtyeight-elo']!.home_win_prob).toBe(0.5383260225066377);
    expect(ws.forecasts['fivethirtyeight-rating']!.home_win_prob).toBe(0.524284082699666);
  });

  it('reads m/d/yyyy dates with CR line endings as the same MLB games, doubleheaders included', async () => {
    const path = join(tmp, 'mlb_mdyyyy_cr.csv');
    writeFileSync(path, rewriteDates(MLB_2021_EXCERPT, (d) => slashed(d, 4), '\r'));
    const summary = await importFiles(store.db, { format: FORMAT, paths: [path], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 40, loaded: 40, quarantined: 0 });
    expect(summary.curated).toMatchObject({ games_created: 0, game_sources_linked: 40, outcome_conflicts: 0 });
  });

  it('loads future MLB games as scheduled with null scores, a copied doubleheader row once', async () => {
    const summary = await importFiles(store.db, { format: FORMAT, paths: [MLB_2022_EXCERPT] });
    // 2022-10-04 has two doubleheaders whose rows are identical (no pitchers, no scores yet): the
    // copies share a content hash and count as duplicates; the kept row is game 1.
    expect(summary).toMatchObject({ rows_in: 47, loaded: 45, quarantined: 0, duplicates: 2 });
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2022 AND status = 'scheduled' AND home_score IS NULL AND away_score IS NULL`)).toBe(30);
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE season = 2022 AND status = 'final'`)).toBe(15);
    const future = await gameByKey(store.db, 'mlb:2022-08-31:mlb-ari:mlb-phi:1');
    expect(future.game).toMatchObject({ status: 'scheduled', home_score: null, away_score: null, season_type: 'regular' });
    expect(future.forecasts['fivethirtyeight-elo']!.home_win_prob).toBe(0.48906309016270333);
    expect(future.forecasts['fivethirtyeight-rating']!.home_win_prob).toBe(0.49967581093214275);
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE game_key LIKE 'mlb:2022-10-04:mlb-sea:mlb-det:%'`)).toBe(1);
  });

  it('quarantines rows it cannot read, naming the field and the reason', async () => {
    const [header, ...body] = readFileSync(MLB_2021_EXCERPT, 'utf8').split('\n').filter((l) => l !== '');
    const columns = header!.split(',');
    const col = (name: string) => columns.indexOf(name);
    // One defect per row, each on a different single game (a doubleheader partner would share its numbering).
    const pair = (l: string) => { const c = l.split(','); return [c[0], ...[c[col('team1')], c[col('team2')]].sort()].join('|'); };
    const singles = body.filter((l) => body.filter((m) => pair(m) === pair(l)).length === 1);
    const edit = (line: string, changes: Record<string, (cells: string[]) => string>) => {
      const cells = line.split(',');
      for (const [name, value] of Object.entries(changes)) cells[col(name)] = value(cells);
      return cells.join(',');
    };
    const to = (value: string) => () => value;
    const defects: Record<string, (cells: string[]) => string>[] = [
      { elo_prob1: to('1.2') },
      { elo_prob1: to('0') },
      { elo_prob1: to('') },
      { rating_prob1: to('abc') },
      { team1: to('XYZ') },
      { date: to('2021-02-30') },
      { date: to('13/45/21') },
      { date: to('2019-08-10') },
      { score1: to('') },
      { score2: to('99') },
      { neutral: to('yes') },
      { team2: (cells) => cells[col('team1')]! },
    ];
    const rows = [singles[0]!, ...defects.map((d, i) => edit(singles[i + 1]!, d)), singles[13]!.split(',').slice(0, 8).join(',')];
    const path = join(tmp, 'mlb_bad.csv');
    writeFileSync(path, [header, ...rows].join('\n') + '\n');
    const summary = await importFiles(store.db, { format: FORMAT, paths: [path], synthetic: true });
    expect(summary.rows_in).toBe(14);
    expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);
    expect(summary).toMatchObject({ loaded: 1, quarantined: 13 });
    // The one good row is the World Series game 6 already loaded: it joins that game.
    expect(summary.curated).toMatchObject({ games_created: 0, game_sources_linked: 1 });
    const expected = [
      '3:invalid_probability:elo_prob1',
      '4:invalid_probability:elo_prob1',
      '5:invalid_probability:elo_prob1',
      '6:invalid_probability:rating_prob1',
      '7:unknown_team:team1',
      '8:invalid_date:date',
      '9:invalid_date:date',
      '10:season_mismatch:date',
      '11:partial_score:score1',
      '12:impossible_score:score2',
      '13:invalid_value:neutral',
      '14:same_team:team2',
      '15:missing_columns:',
    ];
    expect(summary.quarantine_sample.map((q) => `${q.line}:${q.code}:${q.field ?? ''}`)).toEqual(expect.arrayContaining(expected));
    expect(summary.quarantine_sample).toHaveLength(13);
    expect(summary.quarantine_sample.find((q) => q.code === 'unknown_team')!.reason).toContain('"XYZ"');
    const stored = await store.db.query<{ row_number: number; reason_code: string; field: string | null }>(
      'SELECT row_number, reason_code, field FROM ops.quarantine WHERE file_path = $1 ORDER BY row_number',
      [path],
    );
    expect(stored.map((q) => `${q.row_number}:${q.reason_code}:${q.field ?? ''}`)).toEqual(expected);
  });

  it('quarantines an NFL row whose result1 disagrees with its score, and a header it does not know', async () => {
    const [header, , second] = readFileSync(NFL_EXCERPT, 'utf8').split('\n') as [string, string, string];
    // 1920-10-03 AKR 43 WHE 0: result1 1; written as 0 it contradicts the score.
    const path = join(tmp, 'nfl_bad.csv');
    writeFileSync(path, `${header}\n${second.replace(/,1$/, ',0')}\n`);
    const bad = await importFiles(store.db, { format: FORMAT, paths: [path], synthetic: true });
    expect(bad.quarantine_sample.map((q) => [q.code, q.field])).toEqual([['inconsistent_result', 'result1']]);

    const odd = join(tmp, 'odd_header.csv');
    writeFileSync(odd, 'date,season,neutral,playoff,team1,team2,elo_prob1,score1,score2\n2021-11-02,2021,0,w,HOU,ATL,0.5,0,7\n');
    const unknown = await importFiles(store.db, { format: FORMAT, paths: [odd], synthetic: true });
    expect(unknown).toMatchObject({ loaded: 0, quarantined: 1 });
    expect(unknown.quarantine_sample[0]).toMatchObject({ code: 'unknown_layout', field: 'elo1' });
  });
});

describe.each(ENGINES)('fivethirtyeight-elo with nflverse-games on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('makes one curated game per real 2019–2020 game, linked to both sources', async () => {
    const nflverse = await importFiles(store.db, { format: 'nflverse-games', paths: [join(SAMPLE, 'nflverse_games_2019_2020.csv')] });
    const elo = await importFiles(store.db, { format: FORMAT, paths: [join(SAMPLE, 'fivethirtyeight_nfl_elo_2019_2020.csv')] });
    expect(nflverse).toMatchObject({ rows_in: 536, loaded: 536 });
    expect(elo).toMatchObject({ rows_in: 536, loaded: 536, quarantined: 0 });
    // Every 538 row lands on nflverse's game: same date, home and away, and the same score.
    expect(elo.curated).toMatchObject({ games_created: 0, game_sources_linked: 536, forecasts_added: 536, outcome_conflicts: 0 });

    const nflverse2019 = await count(store.db, `SELECT COUNT(*) AS n FROM curated.game_sources gs JOIN curated.games g USING (game_id) WHERE gs.source_format = 'nflverse-games' AND g.season = 2019`);
    expect(nflverse2019).toBe(267);
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.games WHERE season = 2019')).toBe(nflverse2019);
    expect(
      await count(
        store.db,
        `SELECT COUNT(*) AS n FROM curated.games g WHERE g.season = 2019
           AND (SELECT COUNT(DISTINCT gs.source_format) FROM curated.game_sources gs WHERE gs.game_id = g.game_id) = 2`,
      ),
    ).toBe(267);

    // London 2019 (Bears at Raiders, Tottenham, OAK the designated home team) and Super Bowl LIV: same home team in both.
    const london = await gameByKey(store.db, 'nfl:2019-10-06:nfl-lv:nfl-chi:1');
    expect(london.game).toMatchObject({ home_score: 24, away_score: 21, is_neutral_site: true });
    expect(london.forecasts['fivethirtyeight-elo']).toBeDefined();
    expect((await gameByKey(store.db, 'nfl:2020-02-02:nfl-kc:nfl-sf:1')).game).toMatchObject({ home_score: 31, away_score: 20 });
    // The 49ers' 2020 "home" games in Glendale: nflverse says neutral, 538 says not; the curated game
    // keeps the first source's flag, each source keeps its own row.
    expect((await gameByKey(store.db, 'nfl:2020-12-07:nfl-sf:nfl-buf:1')).game.is_neutral_site).toBe(true);
  });
});

describe.skipIf(!hasSharedData())('fivethirtyeight-elo on the full shared files', () => {
  it('resolves every franchise code of initial_elos.csv and of both MLB files', () => {
    const teams = teamRegistry();
    const codes = readFileSync(sharedPath('nfl/fivethirtyeight_nfl_initial_elos.csv'), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split(',')[0]!);
    expect(codes).toHaveLength(123);
    for (const date of ['1920-10-01', '1960-10-01', '2020-10-01']) {
      const unresolved = codes.filter((code) => !teams.resolve('nfl', code, date, FORMAT));
      expect(unresolved, `unresolved on ${date}`).toEqual([]);
    }
    expect(new Set(codes.map((code) => teams.resolve('nfl', code, '2020-10-01', FORMAT))).size).toBe(123);
    expect(teams.resolve('nfl', 'OAK', '2020-10-01', FORMAT)).toBe('nfl-lv');
    expect(teams.resolve('nfl', 'OAK', '2020-10-01', 'nflverse-games')).toBeUndefined();

    for (const file of ['mlb/mlb_elo_2021.csv', 'mlb/mlb_elo_2022_partial.csv']) {
      const lines = readFileSync(sharedPath(file), 'utf8').split(/\r?\n/).filter((l) => l !== '');
      const header = lines[0]!.split(',');
      const [t1, t2] = [header.indexOf('team1'), header.indexOf('team2')];
      const mlbCodes = new Set(lines.slice(1).flatMap((l) => [l.split(',')[t1]!, l.split(',')[t2]!]));
      expect(mlbCodes.size).toBe(30);
      expect([...mlbCodes].filter((code) => !teams.resolve('mlb', code, '2022-06-01', FORMAT))).toEqual([]);
    }
  });

  describe.each(ENGINES)('on %s', (engine) => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createTestStore(engine);
    });
    afterAll(async () => store?.cleanup());

    it('loads all 16,810 NFL games, and nflverse 1999–2020 lands on them one to one', async () => {
      const elo = await importFiles(store.db, { format: FORMAT, paths: [sharedPath('nfl/fivethirtyeight_nfl_elo_1920_2020.csv')] });
      expect(elo).toMatchObject({ rows_in: 16810, loaded: 16810, quarantined: 0, duplicates: 0 });
      expect(elo.curated).toMatchObject({ games_created: 16810, forecasts_added: 16810 });

      // With the 30 visitor-first neutral-site rows turned round, every nflverse game finds 538's.
      const nflverse = await importFiles(store.db, { format: 'nflverse-games', paths: [sharedPath('nfl/nflverse_games_1999_2020.csv')] });
      expect(nflverse).toMatchObject({ rows_in: 5852, loaded: 5852, quarantined: 0 });
      expect(nflverse.curated).toMatchObject({ games_created: 0, game_sources_linked: 5852, outcome_conflicts: 0 });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'nfl' AND season >= 1999`)).toBe(5852);
    });

    it('loads both MLB files: every 2021 game, and 2022 with its future games scheduled', async () => {
      const summary = await importFiles(store.db, {
        format: FORMAT,
        paths: [sharedPath('mlb/mlb_elo_2021.csv'), sharedPath('mlb/mlb_elo_2022_partial.csv')],
      });
      expect(summary.files.map((f) => [f.rows_in, f.loaded, f.quarantined, f.duplicates])).toEqual([
        [2466, 2466, 0, 0],
        // 8 future doubleheaders are two identical rows each; the copy is a duplicate record.
        [2430, 2422, 0, 8],
      ]);
      expect(summary.curated).toMatchObject({ games_created: 4888, forecasts_added: 9776 });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'mlb' AND game_number = 2`)).toBe(59 + 56);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'mlb' AND status = 'scheduled'`)).toBe(486);
    });
  });
});
