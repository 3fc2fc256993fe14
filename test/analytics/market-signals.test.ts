/**
 * Market signals on the real Oddsshark splits file (NFL 2022 weeks 12–22), on both engines.
 * The file has shares of bets but no shares of money, so sharp action cannot fire on it (its
 * definition needs money%); steam needs timestamped quotes from several books, which no importer
 * yields yet. Both are covered on hand-built inputs in test/domain/signals.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { refreshSignals } from '../../src/analytics/market-signals.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

describe.skipIf(!hasSharedData()).each(ENGINES)('market signals on the real splits file, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'oddsshark-splits', paths: [sharedPath('splits/nfl_oddsshark_splits_2022.csv')] });
  });
  afterAll(async () => store?.cleanup());

  it('finds reverse line movement and public-heavy sides, each with the inputs behind it', async () => {
    const report = await refreshSignals(store.db, { sport: 'nfl' });
    expect(report.counts).toEqual({ sharp_action: 0, reverse_line_movement: 100, steam: 0, public_heavy: 8 });
    const stored = await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM analytics.market_signals');
    expect(Number(stored[0]!.n)).toBe(108);

    // Dolphins @ Bills, 2023-01-15 (the wild-card game, not their December meeting): read the file independently. The last pre-game pull has 78% of
    // bets on the over, yet the total fell from 44.5 at the first pull to 43.5: RLM toward the under.
    const rows = (parse(readFileSync(sharedPath('splits/nfl_oddsshark_splits_2022.csv')), { columns: true }) as Record<string, string>[])
      .filter((r) => r.matchup === 'Dolphins @ Bills' && r.team === 'BUF' && r.game_time!.startsWith('2023-01-15') && r.date_pulled! < '2023-01-15T18:00:00Z')
      .sort((a, b) => a.date_pulled!.localeCompare(b.date_pulled!));
    const first = rows[0]!;
    const last = rows.at(-1)!;
    const overShare = last.ou === 'Over' ? Number(last.ou_share) : 1 - Number(last.ou_share);
    const rlm = report.signals.find((s) => s.signal === 'reverse_line_movement' && s.home_team_id === 'nfl-buf' && s.game_date === '2023-01-15' && s.market === 'total');
    expect(rlm).toMatchObject({ side: 'under', value: Number(last.ou_target) - Number(first.ou_target) });
    expect(rlm!.inputs).toMatchObject({ majority_side: 'over', majority_bets_share: overShare, open: { line: Number(first.ou_target) }, close: { line: Number(last.ou_target) } });
    expect([Number(first.ou_target), Number(last.ou_target), overShare]).toEqual([44.5, 43.5, 0.78]);

    // Every public-heavy side really holds ≥ 85% of the bets.
    for (const s of report.signals.filter((x) => x.signal === 'public_heavy')) expect(s.value!).toBeGreaterThanOrEqual(0.85);
  });

  it('replaces, not appends, when run again; a dry run stores nothing; a rollback removes the run’s signals', async () => {
    const again = await refreshSignals(store.db, { sport: 'nfl' });
    const dry = await refreshSignals(store.db, { sport: 'nfl', date: '2023-01-15' }, { dryRun: true });
    expect(dry.run_id).toBeNull();
    const count = async () => Number((await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM analytics.market_signals'))[0]!.n);
    expect(await count()).toBe(108);
    await rollbackRun(store.db, again.run_id!);
    expect(await count()).toBe(0);
  });
});
