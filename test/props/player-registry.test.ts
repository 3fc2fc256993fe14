/**
 * The player registry over Retrosheet and Baseball-Reference ids, on real lines of the first four
 * days of 2023: Retrosheet's from the bundled sample, Baseball-Reference's copied at test time from
 * the shared-data file (it states no license, so none is bundled).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/pipeline/import-files.js';
import { loadPitchingLines } from '../../src/props/load-lines.js';
import { nameKey } from '../../src/props/names.js';
import { findPlayerOrThrow, matchPlayers, refreshPlayerRegistry, registeredPlayers } from '../../src/props/players.js';
import { predictProp } from '../../src/props/predict.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/mlb');
const OPENING_DAYS = /"(Mar 3[01]|Apr [12]), 2023"/;

describe('name keys', () => {
  it('ignore accents, case, punctuation, suffixes and disambiguations', () => {
    expect(nameKey('Jesús Luzardo')).toBe('jesus luzardo');
    expect(nameKey('Lance McCullers Jr.')).toBe('lance mccullers');
    expect(nameKey('Max Muncy (2002)')).toBe('max muncy');
    expect(nameKey("Travis d'Arnaud")).toBe('travis d arnaud');
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('player registry across Retrosheet and Baseball-Reference, %s', (engine) => {
  let store: TestStore;
  let dir: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    dir = mkdtempSync(join(tmpdir(), 'sharpline-players-'));
    const bref = readFileSync(sharedPath('mlb', 'bref_pitcher_logs_2023_partial.csv'), 'utf8').split('\n');
    const excerpt = join(dir, 'bref_opening_days.csv');
    writeFileSync(excerpt, [bref[0], ...bref.slice(1).filter((l) => OPENING_DAYS.test(l))].join('\n') + '\n');
    await importFiles(store.db, { format: 'retrosheet', paths: [join(SAMPLE, 'retrosheet_2023_opening_days_gameinfo.csv'), join(SAMPLE, 'retrosheet_2023_opening_days_pitching.csv')] });
    await importFiles(store.db, { format: 'bref-pitching', paths: [excerpt] });
  });
  afterAll(async () => {
    await store?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches the two id systems on identical lines, and names Retrosheet ids', async () => {
    const report = await refreshPlayerRegistry(store.db);
    expect(report.matched).toBeGreaterThan(300);
    // Over four days a few relievers of one club have identical lines (3 batters, 3 outs, nothing
    // else): such ids are left unmatched rather than guessed; over the season (props players on the
    // shared files) none stays ambiguous.
    expect(report.ambiguous).toBeGreaterThan(0);
    expect(report.ambiguous).toBeLessThan(10);
    const players = await registeredPlayers(store.db);
    const cole = findPlayerOrThrow(players, 'Gerrit Cole');
    expect(cole).toEqual({ playerId: 'mlbam:543037', playerName: 'Gerrit Cole', refs: ['mlbam:543037', 'retro:coleg001'] });
    expect(matchPlayers(players, 'retro:coleg001')).toEqual([cole]);
    expect(() => findPlayerOrThrow(players, 'Nobody Atall')).toThrow(expect.objectContaining({ code: 'SL_PLAYER_NOT_FOUND' }));
  });

  it('merges the sources into one line per pitcher and game (Retrosheet first, pitches from Baseball-Reference)', async () => {
    const lines = await loadPitchingLines(store.db);
    const keys = lines.map((l) => `${l.playerId}|${l.date}|${l.gameNumber}`);
    expect(new Set(keys).size).toBe(keys.length);
    const cole = lines.find((l) => l.playerId === 'mlbam:543037')!;
    expect(cole).toMatchObject({ date: '2023-03-30', teamId: 'mlb-nyy', opponentTeamId: 'mlb-sf', started: true, outs: 18, battersFaced: 22, strikeouts: 11, pitches: 95, source: 'retrosheet' });
  });

  it('reports a cross-source disagreement instead of merging it away', async () => {
    // Alter one value the matching does not use: Cole's earned runs in the Baseball-Reference line.
    await store.db.execute(`UPDATE curated.player_game_logs SET earned_runs = 3 WHERE player_ref = 'mlbam:543037'`);
    const report = await refreshPlayerRegistry(store.db);
    expect(report.examples).toContainEqual({ playerId: 'mlbam:543037', playerName: 'Gerrit Cole', gameDate: '2023-03-30', field: 'earned_runs', values: 'retrosheet=0 bref-pitching=3' });
    await store.db.execute(`UPDATE curated.player_game_logs SET earned_runs = 0 WHERE player_ref = 'mlbam:543037'`);
  });

  it('a first start is blocked by its red flags, and the blocked predictions are logged with them', async () => {
    const report = await predictProp(store.db, { pitcher: 'gerrit cole', date: '2023-03-30', line: 6.5, overOdds: 1.91, underOdds: 1.91 });
    expect(report.actual).toBe(11);
    expect(report.flags.map((f) => f.code)).toEqual(['stale_data', 'first_start']);
    expect(report.systems.every((s) => !s.ok)).toBe(true);
    expect(report.decision).toBeNull();
    const rows = await store.db.query<{ system: string; is_blocked: boolean; red_flags: string }>(`SELECT system, is_blocked, red_flags FROM analytics.prop_predictions WHERE run_id = $1 ORDER BY system`, [report.run_id]);
    expect(rows).toEqual(['k_baseline', 'k_ensemble', 'k_naive_poisson', 'k_rolling'].map((system) => ({ system, is_blocked: true, red_flags: 'stale_data,first_start' })));
  });
});
