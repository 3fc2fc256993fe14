/**
 * The made-up-data detector as a publish-gate check, on both engines: quiet on the bundled real
 * sample, failing once rows a test made (synthetic lineage) are in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { runGate } from '../../src/quality/gates.js';
import { madeUpDataRows } from '../../src/quality/made-up-check.js';
import { detectMadeUpData } from '../../src/quality/made-up.js';
import type { StagedGame, StagedQuote } from '../../src/sources/types.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl/nflverse_games_2019_2020.csv');

describe.each(ENGINES)('no_made_up_data in the publish gate, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'nflverse-games', paths: [SAMPLE] });
  });
  afterAll(async () => store?.cleanup());

  it('passes on the real sample', async () => {
    const gate = await runGate(store.db, 'publish', { record: false });
    const check = gate.checks.find((c) => c.name === 'no_made_up_data')!;
    expect(check).toMatchObject({ severity: 'error', passed: true, offending_count: 0 });
  });

  it('fails the gate, naming the finding, once test-made rows are in the store', async () => {
    // Three real rows under new ids (so they are new records), imported as a test's synthetic rows.
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const copy = join(mkdtempSync(join(tmpdir(), 'sl-madeup-')), 'copy.csv');
    writeFileSync(copy, [lines[0], ...lines.slice(1, 4).map((l) => l.replace(/^2019_01_/, '2019_99_'))].join('\n') + '\n');
    await importFiles(store.db, { format: 'nflverse-games', paths: [copy], synthetic: true });
    const gate = await runGate(store.db, 'publish', { record: false });
    const check = gate.checks.find((c) => c.name === 'no_made_up_data')!;
    expect(gate.passed).toBe(false);
    expect(check.passed).toBe(false);
    expect(check.examples).toEqual([expect.objectContaining({ sport: 'nfl', code: 'synthetic_lineage' })]);
    // The training gate does not run the detector: tests may train on synthetic rows, never publish them.
    const training = await runGate(store.db, 'training', { record: false });
    expect(training.checks.some((c) => c.name === 'no_made_up_data')).toBe(false);
  });

  it('the engine-side summaries find what the detector finds on the same rows read into JavaScript', async () => {
    // Planted in the store's copy of the real sample: every NFL score 21-14, every moneyline at 1.909 (−110).
    await store.db.execute(`UPDATE staging.games SET home_score = 21, away_score = 14 WHERE sport = 'nfl' AND home_score IS NOT NULL`);
    await store.db.execute(`UPDATE staging.quotes SET price_decimal = 1.9090909 WHERE market = 'moneyline' AND price_decimal IS NOT NULL`);
    await store.db.execute(`UPDATE curated.games SET home_score = 21, away_score = 14 WHERE sport = 'nfl' AND home_score IS NOT NULL`);
    const engine = (await madeUpDataRows(store.db, { sport: 'nfl' })).map((r) => `${r.code} ${r.count}`);
    const games = await store.db.query<{ game_id: number; league: string; season: number; season_type: StagedGame['seasonType']; game_date: string; game_number: number; home_team_id: string; away_team_id: string; is_neutral_site: boolean; status: StagedGame['status']; home_score: number | null; away_score: number | null }>(
      `SELECT game_id, league, season, season_type, CAST(game_date AS VARCHAR) AS game_date, game_number, home_team_id, away_team_id, is_neutral_site, status, home_score, away_score
       FROM curated.games WHERE sport = 'nfl' ORDER BY game_date, game_id`,
    );
    const quotes = await store.db.query<{ game_id: number; book: string; market: StagedQuote['market']; side: StagedQuote['side']; line: number | null; price_decimal: number | null }>(
      `SELECT q.game_id, q.book, q.market, q.side, q.line, q.price_decimal FROM curated.quotes q JOIN curated.games g ON g.game_id = q.game_id WHERE g.sport = 'nfl'`,
    );
    const inJs = detectMadeUpData({
      games: games.map((g) => ({ sourceKey: String(g.game_id), sourceGameRef: null, sport: 'nfl', league: g.league, season: Number(g.season), seasonType: g.season_type, gameDate: g.game_date, startAt: null, gameNumber: Number(g.game_number), homeTeamId: g.home_team_id, awayTeamId: g.away_team_id, isNeutralSite: !!g.is_neutral_site, status: g.status, homeScore: g.home_score === null ? null : Number(g.home_score), awayScore: g.away_score === null ? null : Number(g.away_score) })),
      quotes: quotes.map((q, i) => ({ sourceKey: String(i), quoteSeq: i, gameSourceKey: String(q.game_id), book: q.book, market: q.market, side: q.side, line: q.line === null ? null : Number(q.line), priceDecimal: q.price_decimal === null ? null : Number(q.price_decimal), priceText: '', observedAt: null, isOpening: false, isClosing: true })),
    }).map((f) => `${f.code} ${f.count}`);
    expect(engine).toEqual(expect.arrayContaining(['constant_scores ' + games.filter((g) => g.home_score !== null).length, 'constant_prices ' + quotes.filter((q) => q.market === 'moneyline' && q.price_decimal !== null).length]));
    // Lineage is not handed to the JavaScript side (the earlier test's synthetic rows are in the store).
    expect(engine.filter((f) => !f.startsWith('synthetic_lineage')).sort()).toEqual([...inJs].sort());
  });
});
