/**
 * Each check in the registry passes on the bundled real sample and catches a defect planted in a
 * copy of it (an UPDATE/INSERT on the test's own store, undone afterwards), naming the row.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/pipeline/import-files.js';
import { CHECKS, QUALITY_THRESHOLDS, findCheck, runCheck, type CheckOutcome } from '../../src/quality/checks.js';
import type { SqlValue } from '../../src/store/database.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { loadSample, SAMPLE_DIR } from '../helpers/sample.js';

describe('check registry', () => {
  it('has unique names, a description, and a known category and severity for every check', () => {
    const names = CHECKS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CHECKS) {
      expect(c.description.length).toBeGreaterThan(10);
      expect(['error', 'warn']).toContain(c.severity);
      expect(['not_null', 'unique', 'accepted_values', 'range', 'referential', 'completeness', 'agreement', 'duplicates', 'made_up', 'freshness', 'quality_score']).toContain(c.category);
      if (c.evaluate) expect(typeof c.evaluate).toBe('function');
      else expect(c.sql).toMatch(/^\s*(SELECT|WITH)\b/);
    }
  });

  it('covers every category the issue asks for', () => {
    const categories = new Set(CHECKS.map((c) => c.category));
    for (const c of ['not_null', 'unique', 'accepted_values', 'range', 'referential', 'completeness', 'agreement', 'duplicates', 'made_up', 'freshness', 'quality_score'] as const) expect(categories).toContain(c);
  });
});

describe.each(ENGINES)('checks on %s', (engine) => {
  let store: TestStore;
  let nflGame: { game_id: number; game_key: string; home_score: number; away_score: number; away_team_id: string; status: string };

  async function run(name: string, sport?: string): Promise<CheckOutcome> {
    const check = findCheck(name);
    if (!check) throw new Error(`no check ${name}`);
    return runCheck(store.db, check, { sport });
  }
  async function exec(sql: string, params: SqlValue[] = []): Promise<void> {
    await store.db.execute(sql, params);
  }
  /** Applies `plant`, runs `check`, undoes with `undo`; returns what the check found. */
  async function planted(check: string, plant: [string, SqlValue[]], undo: [string, SqlValue[]]): Promise<CheckOutcome> {
    await exec(...plant);
    try {
      return await run(check);
    } finally {
      await exec(...undo);
    }
  }

  beforeAll(async () => {
    store = await createTestStore(engine);
    await loadSample(store);
    nflGame = ((await store.db.query(
      `SELECT game_id, game_key, home_score, away_score, away_team_id, status FROM curated.games WHERE sport = 'nfl' AND status = 'final' ORDER BY game_id LIMIT 1`,
    )) as (typeof nflGame)[])[0]!;
  }, 60_000);
  afterAll(async () => store?.cleanup());

  it('every check except closing-line coverage passes on the real sample', async () => {
    for (const check of CHECKS) {
      const outcome = await runCheck(store.db, check);
      if (check.name === 'closing_moneyline_coverage') continue;
      expect({ name: check.name, count: outcome.offending_count, examples: outcome.examples }).toEqual({ name: check.name, count: 0, examples: [] });
    }
  });

  it('closing-line coverage warns about the sample MLB season, which has no odds, and not NFL or soccer', async () => {
    const all = await run('closing_moneyline_coverage');
    expect(all.examples).toEqual([{ sport: 'mlb', season: 2023, final_games: 50, with_closing_moneyline: 0 }]);
    expect((await run('closing_moneyline_coverage', 'nfl')).offending_count).toBe(0);
    expect((await run('closing_moneyline_coverage', 'mlb')).offending_count).toBe(1);
  });

  it('games_keys_not_null catches a blank team id (which the NOT NULL constraint lets through), naming the game', async () => {
    const out = await planted(
      'games_keys_not_null',
      ["UPDATE curated.games SET home_team_id = '  ' WHERE game_id = $1", [nflGame.game_id]],
      ['UPDATE curated.games SET home_team_id = (SELECT MIN(s.home_team_id) FROM staging.games s JOIN curated.game_sources gs ON gs.source_key = s.source_key AND gs.source_format = s.source_format WHERE gs.game_id = $1) WHERE game_id = $1', [nflGame.game_id]],
    );
    expect(out.offending_count).toBe(1);
    expect(out.examples[0]).toMatchObject({ game_id: nflGame.game_id, game_key: nflGame.game_key });
    expect((await run('games_keys_not_null')).offending_count).toBe(0);
  });

  it('source_freshness (through the registry and the config file) flags a live source silent for two days while its sport plays today', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-fresh-'));
    const config = join(dir, 'sharpline.config.json');
    writeFileSync(config, JSON.stringify({ quality: { freshness: { 'espn-scoreboard': { maxHours: 26, sports: ['nfl'] } } } }));
    const today = new Date().toISOString().slice(0, 10);
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000).toISOString();
    // Test-made rows: a game today and one delivery two days ago, both marked synthetic in lineage.
    await exec(
      `INSERT INTO curated.games (game_id, game_key, sport, league, season, season_type, game_date, game_number, home_team_id, away_team_id, is_neutral_site, status, created_run_id)
       VALUES (999990, $1, 'nfl', 'NFL', 2026, 'regular', CAST($2 AS DATE), 1, 'nfl-kc', 'nfl-buf', FALSE, 'scheduled', 0)`,
      [`nfl:${today}:nfl-kc:nfl-buf:1`, today],
    );
    await exec(
      `INSERT INTO raw.records (source_format, content_hash, run_id, file_path, row_number, context, payload, ingested_at)
       VALUES ('espn-scoreboard', 'synthetic-fresh-1', 0, 'synthetic://checks-test', 1, '{"origin":"synthetic-test"}', '{}', $1)`,
      [twoDaysAgo],
    );
    process.env.SHARPLINE_CONFIG = config;
    try {
      const out = await run('source_freshness');
      expect(out.offending_count).toBe(1);
      expect(out.examples[0]).toMatchObject({ source: 'espn-scoreboard', sport: 'nfl', max_hours: 26 });
      expect(Number(out.examples[0]!.hours_since)).toBeGreaterThanOrEqual(48);
      expect((await run('source_freshness', 'mlb')).offending_count).toBe(0);
    } finally {
      delete process.env.SHARPLINE_CONFIG;
      await exec(`DELETE FROM raw.records WHERE file_path = 'synthetic://checks-test'`);
      await exec('DELETE FROM curated.games WHERE game_id = 999990');
    }
    expect((await run('source_freshness')).offending_count).toBe(0);
  });

  it('games_scores_plausible catches a negative score and an implausible one, naming the game', async () => {
    const neg = await planted(
      'games_scores_plausible',
      ['UPDATE curated.games SET home_score = -3 WHERE game_id = $1', [nflGame.game_id]],
      ['UPDATE curated.games SET home_score = $2 WHERE game_id = $1', [nflGame.game_id, nflGame.home_score]],
    );
    expect(neg.offending_count).toBe(1);
    expect(neg.examples[0]).toMatchObject({ game_id: nflGame.game_id, game_key: nflGame.game_key, home_score: -3 });
    const high = await planted(
      'games_scores_plausible',
      ['UPDATE curated.games SET away_score = $2 WHERE game_id = $1', [nflGame.game_id, QUALITY_THRESHOLDS.scoreRange.nfl[1] + 1]],
      ['UPDATE curated.games SET away_score = $2 WHERE game_id = $1', [nflGame.game_id, nflGame.away_score]],
    );
    expect(high.examples).toEqual([expect.objectContaining({ game_id: nflGame.game_id, away_score: 81 })]);
    expect((await run('games_scores_plausible')).offending_count).toBe(0);
  });

  it('games_final_have_scores catches a final game without its home score', async () => {
    const out = await planted(
      'games_final_have_scores',
      ['UPDATE curated.games SET home_score = NULL WHERE game_id = $1', [nflGame.game_id]],
      ['UPDATE curated.games SET home_score = $2 WHERE game_id = $1', [nflGame.game_id, nflGame.home_score]],
    );
    expect(out.examples).toEqual([expect.objectContaining({ game_id: nflGame.game_id, home_score: null })]);
  });

  it('games_status_accepted catches a status outside the accepted list', async () => {
    const out = await planted(
      'games_status_accepted',
      ["UPDATE curated.games SET status = 'abandoned' WHERE game_id = $1", [nflGame.game_id]],
      ['UPDATE curated.games SET status = $2 WHERE game_id = $1', [nflGame.game_id, nflGame.status]],
    );
    expect(out.examples).toEqual([{ game_id: nflGame.game_id, game_key: nflGame.game_key, sport: 'nfl', status: 'abandoned' }]);
  });

  it('games_teams_exist catches a game whose away team is not in curated.teams', async () => {
    const out = await planted(
      'games_teams_exist',
      ["UPDATE curated.games SET away_team_id = 'nfl-nowhere' WHERE game_id = $1", [nflGame.game_id]],
      ['UPDATE curated.games SET away_team_id = $2 WHERE game_id = $1', [nflGame.game_id, nflGame.away_team_id]],
    );
    expect(out.examples).toEqual([{ game_id: nflGame.game_id, game_key: nflGame.game_key, sport: 'nfl', missing_home_team: null, missing_away_team: 'nfl-nowhere' }]);
  });

  it('games_game_key_unique and games_no_duplicates catch one game stored twice', async () => {
    // The same game again under a new id, home and away swapped (another source's orientation).
    const copyColumns = 'sport, league, season, season_type, game_date, start_at, game_number, is_neutral_site, status, home_score, away_score, created_run_id';
    const swapped = await planted(
      'games_no_duplicates',
      [
        `INSERT INTO curated.games (game_id, game_key, home_team_id, away_team_id, ${copyColumns})
         SELECT 900001, game_key || ':swapped', away_team_id, home_team_id, ${copyColumns} FROM curated.games WHERE game_id = $1`,
        [nflGame.game_id],
      ],
      ['DELETE FROM curated.games WHERE game_id = 900001', []],
    );
    expect(swapped.examples).toEqual([expect.objectContaining({ game_id: nflGame.game_id, other_game_id: 900001, sport: 'nfl' })]);

    // A doubleheader (MLB, game numbers 1 and 2) is not a duplicate; the same in the NFL is.
    const [mlb] = await store.db.query<{ game_id: number }>(`SELECT game_id FROM curated.games WHERE sport = 'mlb' ORDER BY game_id LIMIT 1`);
    const dh = await planted(
      'games_no_duplicates',
      [
        `INSERT INTO curated.games (game_id, game_key, sport, league, season, season_type, game_date, start_at, game_number, home_team_id, away_team_id, is_neutral_site, status, home_score, away_score, created_run_id)
         SELECT 900002, game_key || ':2', sport, league, season, season_type, game_date, start_at, game_number + 1, home_team_id, away_team_id, is_neutral_site, status, home_score, away_score, created_run_id
         FROM curated.games WHERE game_id = $1`,
        [mlb!.game_id],
      ],
      ['DELETE FROM curated.games WHERE game_id = 900002', []],
    );
    expect(dh.offending_count).toBe(0);

    // An exact key collision can only be planted where the key is not enforced: check the query
    // itself on a derived table with the key repeated.
    const unique = findCheck('games_game_key_unique')!;
    const rows = await store.db.query(unique.sql.replace('FROM curated.games', `FROM (SELECT * FROM curated.games UNION ALL SELECT * FROM curated.games WHERE game_id = ${nflGame.game_id}) g`));
    expect(rows).toEqual([expect.objectContaining({ game_key: nflGame.game_key, games: 2 })]);
  });

  it('quotes_price_in_bounds catches a price of 1.0, naming game, book and side', async () => {
    const [q] = await store.db.query<{ source_format: string; source_key: string; quote_seq: number; game_id: number; book: string; price_decimal: number }>(
      `SELECT source_format, source_key, quote_seq, game_id, book, price_decimal FROM curated.quotes
       WHERE market = 'moneyline' AND side = 'home' AND price_decimal IS NOT NULL ORDER BY game_id, book LIMIT 1`,
    );
    const where = 'source_format = $1 AND source_key = $2 AND quote_seq = $3';
    const out = await planted(
      'quotes_price_in_bounds',
      [`UPDATE staging.quotes SET price_decimal = 1.0 WHERE ${where}`, [q!.source_format, q!.source_key, q!.quote_seq]],
      [`UPDATE staging.quotes SET price_decimal = $4 WHERE ${where}`, [q!.source_format, q!.source_key, q!.quote_seq, q!.price_decimal]],
    );
    expect(out.examples).toEqual([expect.objectContaining({ game_id: q!.game_id, book: q!.book, market: 'moneyline', side: 'home', price_decimal: 1 })]);
  });

  it('closing_moneyline_booksum catches a market whose prices imply far more than 100%', async () => {
    const [m] = await store.db.query<{ game_id: number; book: string; source_format: string }>(
      `SELECT c.game_id, c.book, c.source_format FROM curated.closing_lines c JOIN curated.games g ON g.game_id = c.game_id
       WHERE c.market = 'moneyline' AND g.sport = 'nfl' ORDER BY c.game_id, c.book LIMIT 1`,
    );
    const scope = `source_format = $1 AND market = 'moneyline' AND book = $2 AND game_source_key IN (SELECT source_key FROM curated.game_sources WHERE game_id = $3)`;
    const saved = `CREATE TABLE ops.quality_test_saved AS SELECT source_key, quote_seq, price_decimal FROM staging.quotes WHERE ${scope}`;
    await exec(saved, [m!.source_format, m!.book, m!.game_id]);
    const out = await planted(
      'closing_moneyline_booksum',
      [`UPDATE staging.quotes SET price_decimal = 1.4 WHERE ${scope}`, [m!.source_format, m!.book, m!.game_id]],
      [
        `UPDATE staging.quotes SET price_decimal = (SELECT s.price_decimal FROM ops.quality_test_saved s WHERE s.source_key = staging.quotes.source_key AND s.quote_seq = staging.quotes.quote_seq) WHERE ${scope}`,
        [m!.source_format, m!.book, m!.game_id],
      ],
    );
    await store.db.exec('DROP TABLE ops.quality_test_saved');
    expect(out.examples).toEqual([expect.objectContaining({ game_id: m!.game_id, book: m!.book, sides: 2 })]);
    expect(Number(out.examples[0]!.booksum)).toBeCloseTo(2 / 1.4, 6);
    expect((await run('closing_moneyline_booksum')).offending_count).toBe(0);
  });

  it('referential checks catch a game source, a quote and a player log whose game is gone', async () => {
    const [gs] = await store.db.query<{ source_format: string; source_key: string; game_id: number }>(
      `SELECT gs.source_format, gs.source_key, gs.game_id FROM curated.game_sources gs
       WHERE EXISTS (SELECT 1 FROM staging.quotes q WHERE q.source_format = gs.source_format AND q.game_source_key = gs.source_key)
       ORDER BY gs.game_id LIMIT 1`,
    );
    await exec('UPDATE curated.game_sources SET game_id = 999999 WHERE source_format = $1 AND source_key = $2', [gs!.source_format, gs!.source_key]);
    try {
      const sources = await run('game_sources_game_exists');
      expect(sources.examples).toEqual([{ source_format: gs!.source_format, source_key: gs!.source_key, game_id: 999999, sport: null }]);
      const quotes = await run('quotes_game_exists');
      expect(quotes.offending_count).toBeGreaterThan(0);
      expect(quotes.examples.every((e) => e.game_id === 999999 && e.source_key === gs!.source_key)).toBe(true);
      // Narrowed to a sport, orphans (which have none) are not reported.
      expect((await run('quotes_game_exists', 'nfl')).offending_count).toBe(0);
    } finally {
      await exec('UPDATE curated.game_sources SET game_id = $3 WHERE source_format = $1 AND source_key = $2', [gs!.source_format, gs!.source_key, gs!.game_id]);
    }

    const [log] = await store.db.query<{ source_key: string; game_id: number }>(`SELECT source_key, game_id FROM curated.player_game_logs ORDER BY source_key LIMIT 1`);
    const out = await planted(
      'player_logs_game_exists',
      ['UPDATE curated.player_game_logs SET game_id = 999998 WHERE source_key = $1', [log!.source_key]],
      ['UPDATE curated.player_game_logs SET game_id = $2 WHERE source_key = $1', [log!.source_key, log!.game_id]],
    );
    expect(out.examples).toEqual([expect.objectContaining({ source_key: log!.source_key, game_id: 999998, sport: 'mlb' })]);
    const unmatched = await planted(
      'player_logs_matched',
      ['UPDATE curated.player_game_logs SET game_id = NULL WHERE source_key = $1', [log!.source_key]],
      ['UPDATE curated.player_game_logs SET game_id = $2 WHERE source_key = $1', [log!.source_key, log!.game_id]],
    );
    expect(unmatched.examples).toEqual([expect.objectContaining({ source_key: log!.source_key, sport: 'mlb' })]);
  });

  it('betting_splits checks catch a share above 1 and a split whose game is gone', async () => {
    await exec(
      `INSERT INTO curated.betting_splits (source_format, split_key, source_key, split_seq, run_id, game_id, market, side, bets_share, money_share, observed_at)
       VALUES ('test-synthetic', 'k1', 's1', 1, 0, $1, 'moneyline', 'home', 1.2, 0.5, '2019-09-05T12:00:00Z'),
              ('test-synthetic', 'k2', 's1', 2, 0, 999997, 'moneyline', 'away', 0.4, 0.5, '2019-09-05T12:00:00Z')`,
      [nflGame.game_id],
    );
    try {
      expect((await run('betting_splits_shares_in_range')).examples).toEqual([expect.objectContaining({ split_key: 'k1', game_id: nflGame.game_id, sport: 'nfl', bets_share: 1.2 })]);
      expect((await run('betting_splits_game_exists')).examples).toEqual([{ source_format: 'test-synthetic', split_key: 'k2', game_id: 999997, sport: null }]);
    } finally {
      await exec(`DELETE FROM curated.betting_splits WHERE source_format = 'test-synthetic'`);
    }
  });

  it('game_sources_scores_agree catches a modified copy of a real file that reports another score', async () => {
    // One real nflverse row, its home score changed, imported as a test-made file.
    const lines = readFileSync(join(SAMPLE_DIR, 'nfl/nflverse_games_2019_2020.csv'), 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const row = lines[1]!.split(',');
    const homeIdx = header.indexOf('home_score');
    const original = Number(row[homeIdx]);
    row[homeIdx] = String(original + 10);
    const dir = mkdtempSync(join(tmpdir(), 'sl-quality-'));
    const file = join(dir, 'nflverse_games_modified.csv');
    writeFileSync(file, `${lines[0]}\n${row.join(',')}\n`);
    await importFiles(store.db, { format: 'nflverse-games', paths: [file], synthetic: true });
    const out = await run('game_sources_scores_agree');
    expect(out.offending_count).toBe(1);
    expect(out.examples[0]).toMatchObject({ source_format: 'nflverse-games', home_score: original, source_home_score: original + 10 });
  });
});
