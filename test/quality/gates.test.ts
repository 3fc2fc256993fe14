/**
 * Gates on the bundled real sample: `training` passes on it; planted defects make the gates fail,
 * naming the failing checks and rows; each run is kept as history in ops; the CLI exits 1 on failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSharplineError } from '../../src/errors.js';
import { CHECKS } from '../../src/quality/checks.js';
import { GATES, GATE_NAMES, runGate, ungatedChecks, type GateResult } from '../../src/quality/gates.js';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { loadSample } from '../helpers/sample.js';

function failing(result: GateResult): { name: string; severity: string }[] {
  return result.checks.filter((c) => !c.passed).map((c) => ({ name: c.name, severity: c.severity }));
}

describe('gate config', () => {
  it('names only checks in the registry, and every check is in some gate', () => {
    const names = new Set(CHECKS.map((c) => c.name));
    for (const gate of GATE_NAMES) for (const check of Object.keys(GATES[gate])) expect(names).toContain(check);
    expect(ungatedChecks()).toEqual([]);
  });

  it('each gate is at least as strict as the one before it', () => {
    const rank = { warn: 0, error: 1 } as const;
    for (const [looser, stricter] of [['ingest', 'training'], ['training', 'publish']] as const) {
      for (const [check, severity] of Object.entries(GATES[looser])) {
        expect(GATES[stricter][check], `${stricter} lacks ${check}`).toBeDefined();
        expect(rank[GATES[stricter][check]!]).toBeGreaterThanOrEqual(rank[severity]);
      }
    }
  });
});

describe.each(ENGINES)('gates on %s', (engine) => {
  let store: TestStore;
  let game: { game_id: number; game_key: string; home_score: number; away_team_id: string };

  async function historyCount(): Promise<{ runs: number; results: number }> {
    const [r] = await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM ops.quality_runs');
    const [x] = await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM ops.quality_results');
    return { runs: Number(r!.n), results: Number(x!.n) };
  }

  beforeAll(async () => {
    store = await createTestStore(engine);
    await loadSample(store);
    game = (await store.db.query<typeof game>(`SELECT game_id, game_key, home_score, away_team_id FROM curated.games WHERE sport = 'nfl' AND status = 'final' ORDER BY game_id LIMIT 1`))[0]!;
  }, 60_000);
  afterAll(async () => store?.cleanup());

  it('the real sample passes ingest, training and publish; the MLB season without odds is a warning', async () => {
    for (const gate of GATE_NAMES) {
      const result = await runGate(store.db, gate);
      expect(result.passed, `${gate}: ${JSON.stringify(failing(result))}`).toBe(true);
      expect(result.errors_failed).toBe(0);
    }
    const training = await runGate(store.db, 'training');
    expect(failing(training)).toEqual([{ name: 'closing_moneyline_coverage', severity: 'warn' }]);
    expect(training.checks).toHaveLength(Object.keys(GATES.training).length);
    // Narrowed to the NFL, nothing at all is flagged.
    const nfl = await runGate(store.db, 'training', { sport: 'nfl' });
    expect(failing(nfl)).toEqual([]);
    expect(nfl.sport).toBe('nfl');
  });

  it('planted defects fail the training gate, naming each check and row', async () => {
    await store.db.execute('UPDATE curated.games SET home_score = -3 WHERE game_id = $1', [game.game_id]);
    await store.db.execute("UPDATE curated.games SET away_team_id = 'nfl-nowhere' WHERE game_id = $1", [game.game_id]);
    try {
      const result = await runGate(store.db, 'training');
      expect(result.passed).toBe(false);
      expect(failing(result)).toEqual(
        expect.arrayContaining([
          { name: 'games_scores_plausible', severity: 'error' },
          { name: 'games_teams_exist', severity: 'error' },
        ]),
      );
      const byName = new Map(result.checks.map((c) => [c.name, c]));
      expect(byName.get('games_scores_plausible')!.examples).toEqual([expect.objectContaining({ game_id: game.game_id, game_key: game.game_key, home_score: -3 })]);
      expect(byName.get('games_teams_exist')!.examples).toEqual([expect.objectContaining({ game_id: game.game_id, missing_away_team: 'nfl-nowhere' })]);
      // The same defects are out of scope for another sport.
      expect((await runGate(store.db, 'training', { sport: 'soccer' })).passed).toBe(true);
    } finally {
      await store.db.execute('UPDATE curated.games SET home_score = $2, away_team_id = $3 WHERE game_id = $1', [game.game_id, game.home_score, game.away_team_id]);
    }
    expect((await runGate(store.db, 'training')).passed).toBe(true);
  });

  it('severities come from the gate: a score disagreement warns in training and fails publish', async () => {
    const [gs] = await store.db.query<{ source_format: string; source_key: string; home_score: number }>(
      `SELECT source_format, source_key, home_score FROM curated.game_sources WHERE game_id = $1 AND home_score IS NOT NULL ORDER BY source_format LIMIT 1`,
      [game.game_id],
    );
    await store.db.execute('UPDATE curated.game_sources SET home_score = home_score + 7 WHERE source_format = $1 AND source_key = $2', [gs!.source_format, gs!.source_key]);
    try {
      const training = await runGate(store.db, 'training');
      expect(training.passed).toBe(true);
      expect(failing(training)).toContainEqual({ name: 'game_sources_scores_agree', severity: 'warn' });
      const publish = await runGate(store.db, 'publish');
      expect(publish.passed).toBe(false);
      expect(failing(publish)).toContainEqual({ name: 'game_sources_scores_agree', severity: 'error' });
      expect(publish.checks.find((c) => c.name === 'game_sources_scores_agree')!.examples).toEqual([
        expect.objectContaining({ game_id: game.game_id, source_format: gs!.source_format, source_home_score: gs!.home_score + 7 }),
      ]);
    } finally {
      await store.db.execute('UPDATE curated.game_sources SET home_score = $3 WHERE source_format = $1 AND source_key = $2', [gs!.source_format, gs!.source_key, gs!.home_score]);
    }
  });

  it('records every gate run and its per-check results as history', async () => {
    const before = await historyCount();
    await store.db.execute("UPDATE curated.games SET status = 'abandoned' WHERE game_id = $1", [game.game_id]);
    let result: GateResult;
    try {
      result = await runGate(store.db, 'ingest', { sport: 'nfl' });
    } finally {
      await store.db.execute("UPDATE curated.games SET status = 'final' WHERE game_id = $1", [game.game_id]);
    }
    const after = await historyCount();
    expect(after).toEqual({ runs: before.runs + 1, results: before.results + Object.keys(GATES.ingest).length });
    const [run] = await store.db.query<{ gate: string; sport: string; passed: boolean; errors_failed: number; checks_run: number }>(
      'SELECT gate, sport, passed, errors_failed, checks_run FROM ops.quality_runs WHERE quality_run_id = $1',
      [result.quality_run_id],
    );
    expect(run).toMatchObject({ gate: 'ingest', sport: 'nfl', passed: false, checks_run: Object.keys(GATES.ingest).length });
    expect(Number(run!.errors_failed)).toBe(1);
    const [row] = await store.db.query<{ passed: boolean; offending_count: number; severity: string; examples: string }>(
      `SELECT passed, offending_count, severity, CAST(examples AS VARCHAR) AS examples FROM ops.quality_results WHERE quality_run_id = $1 AND check_name = 'games_status_accepted'`,
      [result.quality_run_id],
    );
    expect(row).toMatchObject({ passed: false, severity: 'error' });
    expect(Number(row!.offending_count)).toBe(1);
    expect(JSON.parse(row!.examples)).toEqual([{ game_id: game.game_id, game_key: game.game_key, sport: 'nfl', status: 'abandoned' }]);
    // `record: false` leaves no trace.
    await runGate(store.db, 'ingest', { record: false });
    expect(await historyCount()).toEqual(after);
  });

  it('an unknown gate is a usage error', async () => {
    const error = await runGate(store.db, 'nightly').catch((e: unknown) => e);
    expect(isSharplineError(error) && error.code).toBe('SL_USAGE');
  });

  it('`sharpline quality check` exits 0 on the clean sample and 1 with the failing check and row listed', async () => {
    await store.db.execute('UPDATE curated.games SET home_score = -3 WHERE game_id = $1', [game.game_id]);
    if (engine === 'duckdb') await store.db.close(); // the CLI is a second process: release the file
    const failed = runCli(['quality', 'check', '--gate', 'training'], store.env);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stdout).toContain('FAIL games_scores_plausible: 1 rows');
    expect(failed.stdout).toContain(game.game_key);
    const db = engine === 'duckdb' ? await store.reopen() : store.db;
    try {
      await db.execute('UPDATE curated.games SET home_score = $2 WHERE game_id = $1', [game.game_id, game.home_score]);
    } finally {
      if (engine === 'duckdb') await db.close();
    }
    const ok = runCli(['quality', 'check', '--gate', 'training', '--sport', 'nfl', '--json'], store.env);
    expect(ok.code, ok.stderr).toBe(0);
    const json = JSON.parse(ok.stdout) as GateResult;
    expect(json).toMatchObject({ version: 1, gate: 'training', sport: 'nfl', passed: true });
    const usage = runCli(['quality', 'check', '--gate', 'nightly'], store.env);
    expect(usage.code).toBe(2);
  }, 60_000);
});
