/**
 * oddsshark-splits: Oddsshark NFL betting-split snapshots. The store suites use a real 26-row
 * excerpt (test/fixtures/oddsshark-splits, four games across several snapshots), the full shared
 * 2022 file (skipping when ../shared/data is absent), bad variants of real rows written to a temp
 * dir at test time, and a hand-made nflverse-style file of three 2022 games (imported as synthetic)
 * so the splits have curated games to match: the real nflverse file stops at 2020.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { planPipeline } from '../../src/pipeline/run-pipeline.js';
import { storeStatus, unmatchedSplitGames } from '../../src/pipeline/status.js';
import { parseCsv } from '../../src/sources/csv-reader.js';
import { kickoff, observedAt } from '../../src/sources/oddsshark-splits/cells.js';
import { oddssharkSplits } from '../../src/sources/oddsshark-splits/index.js';
import type { SourceRecord } from '../../src/sources/types.js';
import type { Database, SqlValue } from '../../src/store/index.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const FORMAT = 'oddsshark-splits';
const FIXTURES = join(import.meta.dirname, '../fixtures/oddsshark-splits');
const EXCERPT = join(FIXTURES, 'nfl_oddsshark_splits_2022_excerpt.csv');
const GAMES_2022 = join(FIXTURES, 'nflverse_style_2022_synthetic.csv');

const count = async (db: Database, sql: string, params: SqlValue[] = []) => Number((await db.query<{ n: number }>(sql, params))[0]!.n);
const splitStatus = async (db: Database) => (await storeStatus(db)).betting_splits.find((s) => s.source_format === FORMAT);

type SplitRow = { market: string; side: string; team_id: string | null; line: number; bets_share: number | null; money_share: number | null; price_decimal: number; price_text: string; observed_at: Date; run_id: number };

/** The curated splits of the game on `date` between two teams, keyed `market/side@observed_at`. */
async function curatedSplits(db: Database, date: string, teams: [string, string]) {
  const [game] = await db.query<{ game_id: number; home_team_id: string; away_team_id: string }>(
    `SELECT game_id, home_team_id, away_team_id FROM curated.games WHERE game_date = CAST($1 AS DATE) AND home_team_id IN ($2, $3) AND away_team_id IN ($2, $3)`,
    [date, ...teams],
  );
  expect(game, `curated game on ${date}`).toBeDefined();
  const rows = await db.query<SplitRow>(
    `SELECT market, side, team_id, line, bets_share, money_share, price_decimal, price_text, observed_at, run_id
     FROM curated.betting_splits WHERE game_id = $1 ORDER BY observed_at, market, side`,
    [game!.game_id],
  );
  const byKey: Record<string, SplitRow> = {};
  for (const r of rows) byKey[`${r.market}/${r.side}@${new Date(r.observed_at).toISOString().slice(0, 19)}Z`] = r;
  return { game: game!, rows, byKey };
}

async function quarantineOf(db: Database, filePath: string) {
  const rows = await db.query<{ row_number: number; reason_code: string; field: string | null; reason: string }>(
    `SELECT row_number, reason_code, field, reason FROM ops.quarantine WHERE file_path = $1 ORDER BY row_number`,
    [filePath],
  );
  return rows.map((r) => ({ ...r, row_number: Number(r.row_number) }));
}

function readExcerpt(): SourceRecord[] {
  return parseCsv(EXCERPT, readFileSync(EXCERPT), FORMAT, '').records;
}

describe('oddsshark-splits cells and staging (no store)', () => {
  const record = (payload: Record<string, string>): SourceRecord => ({ rowNumber: 2, payload, contentHash: 'x' });

  it('reads game_time as a US Eastern 12-hour clock time despite its Z, and date_pulled as UTC', () => {
    // Thursday night 8:15 PM ET in December (EST) is 01:15 UTC the next day; the game date stays local.
    expect(kickoff(record({ game_time: '2022-12-01T08:15:00Z' }), 'game_time')).toEqual({ gameDate: '2022-12-01', startAt: '2022-12-02T01:15:00.000Z' });
    expect(kickoff(record({ game_time: '2022-11-24T12:30:00Z' }), 'game_time')).toEqual({ gameDate: '2022-11-24', startAt: '2022-11-24T17:30:00.000Z' });
    expect(kickoff(record({ game_time: '2023-01-08T01:00:00Z' }), 'game_time').startAt).toBe('2023-01-08T18:00:00.000Z');
    expect(kickoff(record({ game_time: '2023-02-12T06:30:00Z' }), 'game_time').startAt).toBe('2023-02-12T23:30:00.000Z');
    for (const bad of ['2022-11-24T15:30:00Z', '2022-11-24T00:30:00Z', '2022-11-31T01:00:00Z', '2022-11-24 01:00', '']) {
      expect(() => kickoff(record({ game_time: bad }), 'game_time'), bad).toThrow(/game_time|empty/);
    }
    expect(observedAt(record({ date_pulled: '2022-11-21T03:54:34Z' }), 'date_pulled')).toBe('2022-11-21T03:54:34.000Z');
    for (const bad of ['2022-11-21 03:54:34', '2022-11-21T25:54:34Z', '2022-02-30T03:54:34Z', 'yesterday']) {
      expect(() => observedAt(record({ date_pulled: bad }), 'date_pulled'), bad).toThrow(/date_pulled/);
    }
  });

  it('turns each row of the real excerpt into its spread side and its total side', () => {
    const records = readExcerpt();
    expect(records).toHaveLength(26);
    const out = oddssharkSplits.stage(records, { format: FORMAT, filePath: EXCERPT, fileContext: {}, teams: teamRegistry() });
    expect(out.rejects).toEqual([]);
    expect(out.games).toEqual([]);
    expect(out.splits).toHaveLength(52);
    // Line 2: Bills (away) -9.5 with 55% of spread bets; the Over on 52.5 with 57%.
    const first = out.splits!.filter((s) => s.sourceKey === records[0]!.contentHash);
    expect(first).toEqual([
      expect.objectContaining({ splitSeq: 1, sport: 'nfl', gameDate: '2022-11-24', startAt: '2022-11-24T17:30:00.000Z', homeTeamId: 'nfl-det', awayTeamId: 'nfl-buf', market: 'spread', side: 'away', teamId: 'nfl-buf', line: -9.5, betsShare: 0.55, moneyShare: null, priceText: '-110', observedAt: '2022-11-21T03:54:34.000Z' }),
      expect.objectContaining({ splitSeq: 2, market: 'total', side: 'over', teamId: null, line: 52.5, betsShare: 0.57, moneyShare: null, priceText: '-110' }),
    ]);
    expect(first[0]!.priceDecimal).toBeCloseTo(1 + 100 / 110, 12);
    // JAC, the Oddsshark code for Jacksonville, and LV/LAR resolve to the canonical ids.
    expect(new Set(out.splits!.flatMap((s) => [s.homeTeamId, s.awayTeamId]))).toEqual(new Set(['nfl-det', 'nfl-buf', 'nfl-dal', 'nfl-nyg', 'nfl-lar', 'nfl-lv', 'nfl-phi', 'nfl-kc']));
  });
});

describe.each(ENGINES)('oddsshark-splits on %s: the real excerpt, then games to match', (engine) => {
  let store: TestStore;
  let splitsRun: number;
  let gamesRun: number;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('stages every row and reports the splits as unmatched while their games are not curated', async () => {
    const summary = await importFiles(store.db, { format: FORMAT, paths: [EXCERPT] });
    splitsRun = summary.run_id!;
    expect(summary).toMatchObject({ rows_in: 26, loaded: 26, quarantined: 0, duplicates: 0 });
    // 26 rows × 2 sides = 52 staged splits; snapshot 2 repeats snapshot 1, so 48 observations.
    expect(summary.curated).toMatchObject({ games_created: 0, splits_added: 0, splits_unmatched: 48 });
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.betting_splits')).toBe(52);
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.betting_splits')).toBe(0);
    expect(await splitStatus(store.db)).toEqual({ source_format: FORMAT, staged_rows: 52, observations: 48, curated: 0, unmatched: 48, unmatched_games: 4 });
    expect(await unmatchedSplitGames(store.db)).toEqual([
      { source_format: FORMAT, sport: 'nfl', game_date: '2022-11-24', home_team_id: 'nfl-dal', away_team_id: 'nfl-nyg', observations: 12 },
      { source_format: FORMAT, sport: 'nfl', game_date: '2022-11-24', home_team_id: 'nfl-det', away_team_id: 'nfl-buf', observations: 12 },
      { source_format: FORMAT, sport: 'nfl', game_date: '2022-12-08', home_team_id: 'nfl-lar', away_team_id: 'nfl-lv', observations: 8 },
      { source_format: FORMAT, sport: 'nfl', game_date: '2023-02-12', home_team_id: 'nfl-phi', away_team_id: 'nfl-kc', observations: 16 },
    ]);
    // Waiting for a game is not unfinished work: no run is pending for `pipeline run`.
    expect((await planPipeline(store.db)).curated_pending_runs).toEqual([]);
    const tables = (await storeStatus(store.db)).tables.map((t) => t.table);
    expect(tables).toEqual(expect.arrayContaining(['staging.betting_splits', 'curated.betting_splits']));
  });

  it('curates the waiting splits when their games arrive (three synthetic 2022 games)', async () => {
    const games = await importFiles(store.db, { format: 'nflverse-games', paths: [GAMES_2022], synthetic: true });
    gamesRun = games.run_id!;
    // Bills @ Lions: 3 pulls × 4 sides; Raiders @ Rams: 2 × 4; Super Bowl: 4 × 4.
    expect(games.curated).toMatchObject({ games_created: 3, splits_added: 36, splits_unmatched: 0 });
    expect(await splitStatus(store.db)).toMatchObject({ staged_rows: 52, observations: 48, curated: 36, unmatched: 12, unmatched_games: 1 });
    expect(await unmatchedSplitGames(store.db)).toEqual([expect.objectContaining({ game_date: '2022-11-24', home_team_id: 'nfl-dal', away_team_id: 'nfl-nyg', observations: 12 })]);
    const [lineage] = await store.db.query<{ context: string }>(`SELECT CAST(context AS VARCHAR) AS context FROM raw.records WHERE run_id = $1 LIMIT 1`, [gamesRun]);
    expect(JSON.parse(lineage!.context)).toMatchObject({ origin: 'synthetic-test' });

    // Bills @ Lions: the repeated snapshot (ids 1 and 2, same pull) is one observation.
    const bills = await curatedSplits(store.db, '2022-11-24', ['nfl-det', 'nfl-buf']);
    expect(bills.rows).toHaveLength(12);
    expect(bills.byKey['spread/away@2022-11-21T03:54:34Z']).toMatchObject({ team_id: 'nfl-buf', line: -9.5, bets_share: 0.55, money_share: null, price_text: '-110', run_id: splitsRun });
    expect(bills.byKey['spread/home@2022-11-21T16:18:41Z']).toMatchObject({ team_id: 'nfl-det', line: 9, bets_share: 0.47 });
    expect(bills.byKey['total/under@2022-11-23T02:37:37Z']).toMatchObject({ team_id: null, line: 54.5, bets_share: 0.39 });
    expect(bills.byKey['total/under@2022-11-23T02:37:37Z']!.price_decimal).toBeCloseTo(1 + 100 / 110, 12);

    // Raiders @ Rams, pull 17: no bets counted on the total yet (0 and 0): line kept, share null.
    const rams = await curatedSplits(store.db, '2022-12-08', ['nfl-lar', 'nfl-lv']);
    expect(rams.byKey['total/over@2022-11-30T14:08:40Z']).toMatchObject({ line: 43, bets_share: null });
    expect(rams.byKey['spread/away@2022-11-30T14:08:40Z']).toMatchObject({ line: -5, bets_share: 1 });
    expect(rams.byKey['spread/home@2022-11-30T14:08:40Z']).toMatchObject({ line: 5, bets_share: 0 });
    expect(rams.byKey['total/over@2022-11-30T23:41:43Z']).toMatchObject({ line: 42.5, bets_share: 1 });

    // Super Bowl LVII at a neutral site: Oddsshark lists "Chiefs @ Eagles", the schedule has KC as
    // designated home. The split is matched both ways round and re-oriented to the curated game.
    const sb = await curatedSplits(store.db, '2023-02-12', ['nfl-kc', 'nfl-phi']);
    expect(sb.game).toMatchObject({ home_team_id: 'nfl-kc', away_team_id: 'nfl-phi' });
    expect(sb.rows).toHaveLength(16);
    expect(sb.byKey['spread/home@2023-02-12T14:00:59Z']).toMatchObject({ team_id: 'nfl-kc', line: 1, bets_share: 0.63 });
    expect(sb.byKey['spread/away@2023-02-12T14:00:59Z']).toMatchObject({ team_id: 'nfl-phi', line: -1, bets_share: 0.37 });
    expect(sb.byKey['total/over@2023-01-31T02:33:03Z']).toMatchObject({ line: 49.5, bets_share: 0.45 });
    expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.betting_splits WHERE bets_share < 0 OR bets_share > 1 OR money_share IS NOT NULL`)).toBe(0);
  });

  it('adds nothing for the same file again, or for the same snapshots under other ids', async () => {
    const again = await importFiles(store.db, { format: FORMAT, paths: [EXCERPT] });
    expect(again).toMatchObject({ rows_in: 26, loaded: 0, quarantined: 0, duplicates: 26 });
    expect(again.files[0]!.status).toBe('unchanged');

    // The same pulls re-scraped with new snapshot ids: new records, but the same observations.
    const dir = mkdtempSync(join(tmpdir(), 'oddsshark-renumbered-'));
    try {
      const renumbered = join(dir, 'nfl_oddsshark_splits_renumbered.csv');
      const [header, ...rows] = readFileSync(EXCERPT, 'utf8').trimEnd().split('\n');
      writeFileSync(renumbered, [header, ...rows.map((r) => r.replace(/^(\d+),/, (_, id: string) => `${Number(id) + 1000},`))].join('\n') + '\n');
      const copy = await importFiles(store.db, { format: FORMAT, paths: [renumbered], synthetic: true });
      expect(copy).toMatchObject({ rows_in: 26, loaded: 26, quarantined: 0, duplicates: 0 });
      expect(copy.curated).toMatchObject({ splits_added: 0, splits_unmatched: 12 });
      expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.betting_splits')).toBe(36);
      expect(await splitStatus(store.db)).toMatchObject({ staged_rows: 104, observations: 48, curated: 36, unmatched: 12 });

      const removed = await rollbackRun(store.db, copy.run_id!);
      expect(removed.removed).toMatchObject({ 'staging.betting_splits': 52, 'curated.betting_splits': 0, 'raw.records': 26 });
      expect(await splitStatus(store.db)).toMatchObject({ staged_rows: 52, curated: 36, unmatched: 12 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolling back the games run sends their splits back to waiting; importing the games again curates them again', async () => {
    const dry = await rollbackRun(store.db, gamesRun, { dryRun: true });
    expect(dry.removed).toMatchObject({ 'curated.games': 3, 'curated.betting_splits': 36 });
    const report = await rollbackRun(store.db, gamesRun);
    expect(report.removed).toEqual(dry.removed);
    expect(await splitStatus(store.db)).toMatchObject({ staged_rows: 52, curated: 0, unmatched: 48, unmatched_games: 4 });

    const games = await importFiles(store.db, { format: 'nflverse-games', paths: [GAMES_2022], synthetic: true });
    expect(games.curated).toMatchObject({ games_created: 3, splits_added: 36 });
  });

  it('rolling back the splits run removes its splits from staging and curated', async () => {
    const report = await rollbackRun(store.db, splitsRun);
    expect(report.removed).toMatchObject({ 'curated.betting_splits': 36, 'staging.betting_splits': 52, 'raw.records': 26 });
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.betting_splits')).toBe(0);
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.betting_splits')).toBe(0);
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM curated.games')).toBe(3);
    expect(await splitStatus(store.db)).toBeUndefined();
  });
});

describe.each(ENGINES)('oddsshark-splits on %s: games first', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.cleanup());

  it('matches splits to games already curated and reports the one game still missing', async () => {
    await importFiles(store.db, { format: 'nflverse-games', paths: [GAMES_2022], synthetic: true });
    const summary = await importFiles(store.db, { format: FORMAT, paths: [EXCERPT] });
    expect(summary.curated).toMatchObject({ splits_added: 36, splits_unmatched: 12 });
    expect(await splitStatus(store.db)).toEqual({ source_format: FORMAT, staged_rows: 52, observations: 48, curated: 36, unmatched: 12, unmatched_games: 1 });
    expect((await planPipeline(store.db)).curated_pending_runs).toEqual([]);
  });
});

describe.each(ENGINES)('oddsshark-splits on %s: bad rows', (engine) => {
  let store: TestStore;
  let dir: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    dir = mkdtempSync(join(tmpdir(), 'oddsshark-bad-'));
  });
  afterAll(async () => {
    await store?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('quarantines each bad row with a reason naming the field, and loads the rest', async () => {
    const [headerLine, ...lines] = readFileSync(EXCERPT, 'utf8').trimEnd().split('\n');
    const header = headerLine!.split(',');
    // Snapshot 3 of Bills @ Lions (real), changed one cell at a time under new snapshot ids.
    const [away, home] = lines.filter((l) => l.startsWith('3,') && l.includes('Bills @ Lions')).map((l) => l.split(','));
    const row = (base: string[], id: string, changes: Record<string, string> = {}) =>
      header.map((column, i) => (column === 'id' ? id : (changes[column] ?? base[i]!))).join(',');
    const pair = (id: string, awayChanges: Record<string, string> = {}, homeChanges: Record<string, string> = {}) => [row(away!, id, awayChanges), row(home!, id, homeChanges)];
    const body = [
      ...pair('3'), // lines 2–3: the real pair
      ...pair('901', { spread_share: '1.2' }, { spread_share: '-0.2' }), // 4–5
      ...pair('902', { spread_share: '0.7' }), // 6–7: 0.7 + 0.47
      ...pair('903', { team: 'BUFF', team_full: 'Buffalo Bisons' }), // 8–9
      ...pair('904', { date_pulled: '2022-11-21 16:18' }, { date_pulled: '2022-11-21 16:18' }), // 10–11
      ...pair('905', { game_time: '2022-11-24T15:30:00Z' }, { game_time: '2022-11-24T15:30:00Z' }), // 12–13
      ...pair('906', { ou_share: '59%' }), // 14–15
      ...pair('907', {}, { ou: 'Over' }), // 16–17
      row(away!, '908'), // 18: an away row without its home row
      ...pair('909', { date_pulled: '2022-11-22T10:00:00Z' }, { date_pulled: '2022-11-22T10:00:00Z' }), // 19–20: fine
      ...pair('3'), // 21–22: lines 2–3 again, byte for byte
      ...pair('910', {}, { spread_payout: 'abc' }), // 23–24
      ...pair('911', { team_full: 'Detroit Lions' }), // 25–26
    ];
    const file = join(dir, 'nfl_oddsshark_splits_bad.csv');
    writeFileSync(file, [headerLine, ...body].join('\n') + '\n');

    const summary = await importFiles(store.db, { format: FORMAT, paths: [file], synthetic: true });
    expect(summary).toMatchObject({ rows_in: 25, loaded: 4, quarantined: 19, duplicates: 2 });
    expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);
    const q = await quarantineOf(store.db, file);
    expect(q.map(({ row_number, reason_code, field }) => [row_number, reason_code, field])).toEqual([
      [4, 'share_out_of_range', 'spread_share'],
      [5, 'partner_rejected', 'spread_share'],
      [6, 'shares_not_summing', 'spread_share'],
      [7, 'shares_not_summing', 'spread_share'],
      [8, 'unknown_team', 'team'],
      [9, 'partner_rejected', 'team'],
      [10, 'invalid_timestamp', 'date_pulled'],
      [11, 'invalid_timestamp', 'date_pulled'],
      [12, 'invalid_timestamp', 'game_time'],
      [13, 'invalid_timestamp', 'game_time'],
      [14, 'invalid_share', 'ou_share'],
      [15, 'partner_rejected', 'ou_share'],
      [16, 'invalid_value', 'ou'],
      [17, 'invalid_value', 'ou'],
      [18, 'unpaired_row', 'home_away'],
      [23, 'partner_rejected', 'spread_payout'],
      [24, 'invalid_price', 'spread_payout'],
      [25, 'inconsistent_team', 'team_full'],
      [26, 'partner_rejected', 'team_full'],
    ]);
    expect(q[0]!.reason).toContain('1.2 is outside 0..1');
    expect(q[2]!.reason).toContain('add up to 1.17, not 1');
    expect(q[4]!.reason).toContain('"BUFF" is not a known nfl team');
    // The two good pairs: 4 rows → 8 staged splits, none curated (no 2022 games here).
    expect(await count(store.db, 'SELECT COUNT(*) AS n FROM staging.betting_splits')).toBe(8);
    expect(summary.curated).toMatchObject({ splits_added: 0, splits_unmatched: 8 });
  });
});

describe.skipIf(!hasSharedData())('oddsshark-splits on the full shared 2022 file', () => {
  describe.each(ENGINES)('%s', (engine) => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createTestStore(engine);
    });
    afterAll(async () => store?.cleanup());

    it('accounts for every row; no split matches the 1999–2020 nflverse games, so all are reported unmatched', async () => {
      const nflverse = await importFiles(store.db, { format: 'nflverse-games', paths: [sharedPath('nfl', 'nflverse_games_1999_2020.csv')] });
      expect(nflverse.curated.games_created).toBeGreaterThan(5800);

      const summary = await importFiles(store.db, { format: FORMAT, paths: [sharedPath('splits', 'nfl_oddsshark_splits_2022.csv')] });
      expect(summary).toMatchObject({ rows_in: 3848, loaded: 3848, quarantined: 0, duplicates: 0 });
      expect(summary.loaded + summary.quarantined + summary.duplicates).toBe(summary.rows_in);
      // 7,696 staged sides; snapshot 2 repeats snapshot 1 (32 rows), so 7,632 observations of 121 games.
      expect(summary.curated).toMatchObject({ splits_added: 0, splits_unmatched: 7632 });
      expect(await splitStatus(store.db)).toEqual({ source_format: FORMAT, staged_rows: 7696, observations: 7632, curated: 0, unmatched: 7632, unmatched_games: 121 });
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.betting_splits`)).toBe(0);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM curated.games WHERE sport = 'nfl' AND game_date >= CAST('2022-09-01' AS DATE)`)).toBe(0);
      // 58 total-market pairs show 0 and 0 (no bets counted yet): kept with a null share.
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM staging.betting_splits WHERE bets_share IS NULL`)).toBe(116);
      expect(await count(store.db, `SELECT COUNT(*) AS n FROM staging.betting_splits WHERE market = 'spread' AND bets_share IS NULL`)).toBe(0);
      // Four rows were pulled after kick-off (in-game numbers): kept, with their pull time.
      expect(await count(store.db, `SELECT COUNT(DISTINCT source_key) AS n FROM staging.betting_splits WHERE observed_at >= start_at`)).toBe(4);
      const unmatched = await unmatchedSplitGames(store.db);
      expect(unmatched).toHaveLength(121);
      expect(unmatched[0]).toEqual({ source_format: FORMAT, sport: 'nfl', game_date: '2022-11-24', home_team_id: 'nfl-dal', away_team_id: 'nfl-nyg', observations: 16 });
      expect((await planPipeline(store.db)).curated_pending_runs).toEqual([]);
    });

    it('matches once games for those dates exist (three synthetic 2022 games)', async () => {
      const games = await importFiles(store.db, { format: 'nflverse-games', paths: [GAMES_2022], synthetic: true });
      // Bills @ Lions 3 pulls, Raiders @ Rams 19, the Super Bowl 28: × 4 sides each.
      expect(games.curated).toMatchObject({ games_created: 3, splits_added: 200 });
      expect(await splitStatus(store.db)).toMatchObject({ observations: 7632, curated: 200, unmatched: 7432, unmatched_games: 118 });
      const sb = await curatedSplits(store.db, '2023-02-12', ['nfl-kc', 'nfl-phi']);
      expect(sb.rows).toHaveLength(112);
      expect(new Set(sb.rows.filter((r) => r.market === 'spread' && r.side === 'home').map((r) => r.team_id))).toEqual(new Set(['nfl-kc']));
    });
  });
});
