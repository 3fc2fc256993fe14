/**
 * The `strikeout-props` format. The prop-line file states no license, so nothing is bundled: the
 * store-backed suite copies a few real lines of the shared-data file (by line number, the header
 * first) into a temp file at test time, and skips when the shared data is absent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { americanToDecimal } from '../../src/domain/odds.js';
import { teamRegistry } from '../../src/domain/teams/index.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { RowIssueError } from '../../src/sources/fields.js';
import { parsePropLine, strikeoutProps } from '../../src/sources/strikeout-props/index.js';
import type { SourceRecord } from '../../src/sources/types.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';
import { hasSharedData, sharedPath } from '../helpers/shared-data.js';

const FILE = sharedPath('mlb', 'strikeout_prop_lines_last_pregame.csv');
/**
 * Real lines: 2–8 (one slate's first quotes), 3571 (over price blank), 7106/7107/7154/7162 (the same
 * two pitchers under both games of a doubleheader), 8143–8144 (the All-Star game), 25004 (an accented
 * name), and line 2 again at the end (a duplicate).
 */
const LINES = [2, 3, 4, 5, 6, 7, 8, 3571, 7106, 7107, 7154, 7162, 8143, 8144, 24855, 2];

const context = { format: 'strikeout-props', filePath: 'x.csv', fileContext: {}, teams: teamRegistry() };
const HEADER = 'slate_date,event_id,game_time,away_team,home_team,pitcher_name,strikeout_line,book,over_odds,under_odds,consensus_over,consensus_under,first_seen,last_seen,source_commit,n_snapshots'.split(',');
const REAL = '2025-06-03,dfc80b6e99c9c3ab644d9d2ee8cd34cf,2025-06-03T18:40:00-04:00,Colorado Rockies,Miami Marlins,Chase Dollander,3.5,BetMGM,-165,130,-183,140,2025-06-03T17:28:48.404673-04:00,2025-06-03T18:22:36.434702-04:00,105e0457790cdc77994d9c9c66beeaa1850b75d5,4'.split(',');
const record = (changes: Record<string, string> = {}): SourceRecord => ({ rowNumber: 2, payload: { ...Object.fromEntries(HEADER.map((h, i) => [h, REAL[i]!])), ...changes }, contentHash: 'x' });
const issueOf = (changes: Record<string, string>) => {
  try {
    parsePropLine(record(changes), context);
  } catch (error) {
    if (error instanceof RowIssueError) return `${error.issue.code}:${error.issue.field}`;
    throw error;
  }
  return undefined;
};

describe('strikeout-props rows', () => {
  it('reads a real row: clubs, line, American prices as decimal odds, times in UTC', () => {
    expect(parsePropLine(record(), context)).toEqual({
      gameDate: '2025-06-03',
      startAt: '2025-06-03T22:40:00.000Z',
      eventId: 'dfc80b6e99c9c3ab644d9d2ee8cd34cf',
      awayTeamId: 'mlb-col',
      homeTeamId: 'mlb-mia',
      playerName: 'Chase Dollander',
      line: 3.5,
      book: 'BetMGM',
      overDecimal: americanToDecimal(-165),
      underDecimal: americanToDecimal(130),
      observedAt: '2025-06-03T22:22:36.434Z',
    });
  });

  it('names the field and reason of each bad cell (altered copies of the real row)', () => {
    expect(issueOf({ strikeout_line: '4.25' })).toBe('invalid_line:strikeout_line');
    expect(issueOf({ strikeout_line: '-1' })).toBe('invalid_line:strikeout_line');
    expect(issueOf({ over_odds: '' })).toBe('missing_price:over_odds');
    expect(issueOf({ under_odds: '+50' })).toBe('invalid_price:under_odds');
    expect(issueOf({ slate_date: '06/03/2025' })).toBe('invalid_date:slate_date');
    expect(issueOf({ game_time: '2025-06-03 18:40' })).toBe('invalid_time:game_time');
    expect(issueOf({ home_team: 'Gotham Knights' })).toBe('unknown_team:home_team');
    expect(issueOf({ pitcher_name: ' ' })).toBe('missing_player:pitcher_name');
    expect(strikeoutProps.stage([record({ book: '' })], context).rejects[0]!.issue.message).toBe('book is empty');
  });
});

describe.skipIf(!hasSharedData()).each(ENGINES)('strikeout-props import, %s', (engine) => {
  let store: TestStore;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    store = await createTestStore(engine);
    dir = mkdtempSync(join(tmpdir(), 'sharpline-props-'));
    const all = readFileSync(FILE, 'utf8').split('\n');
    file = join(dir, 'strikeout_prop_lines_excerpt.csv');
    writeFileSync(file, [all[0], ...LINES.map((n) => all[n - 1])].join('\n') + '\n');
  });
  afterAll(async () => {
    await store?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads what it can read, quarantines the rest with reasons; rows in = loaded + quarantined + duplicates', async () => {
    const summary = await importFiles(store.db, { format: 'strikeout-props', paths: [file] });
    expect(summary).toMatchObject({ rows_in: 16, loaded: 12, quarantined: 3, duplicates: 1 });
    const q = await store.db.query<{ row_number: number; reason_code: string; field: string }>(`SELECT row_number, reason_code, field FROM ops.quarantine ORDER BY row_number`);
    expect(q.map((r) => `${r.row_number} ${r.reason_code} ${r.field}`)).toEqual(['9 missing_price over_odds', '14 not_club_game away_team', '15 not_club_game away_team']);
  });

  it('curated.prop_quotes: two sides per loaded row, market player_strikeouts, decimal odds from the text as published', async () => {
    const rows = await store.db.query<{ player_name: string; side: string; line: number; price_decimal: number; price_text: string; book: string; game_date: string; start_at: Date }>(
      `SELECT player_name, side, line, price_decimal, price_text, book, CAST(game_date AS VARCHAR) AS game_date, start_at FROM curated.prop_quotes
       WHERE market = 'player_strikeouts' ORDER BY game_date, player_name, book, side`,
    );
    expect(rows).toHaveLength(24);
    for (const r of rows) expect(Number(r.price_decimal)).toBeCloseTo(americanToDecimal(Number(r.price_text)), 12);
    const dollander = rows.filter((r) => r.player_name === 'Chase Dollander' && r.book === 'BetMGM');
    expect(dollander.map((r) => [r.side, Number(r.line), r.price_text])).toEqual([['over', 3.5, '-165'], ['under', 3.5, '130']]);
    expect(new Date(dollander[0]!.start_at).toISOString()).toBe('2025-06-03T22:40:00.000Z');
    expect(rows.some((r) => r.player_name === 'Agustín Ramírez')).toBe(true);
    // The doubleheader: both pitchers under both events, kept apart by event.
    const [dh] = await store.db.query<{ n: number }>(`SELECT COUNT(DISTINCT source_game_ref) AS n FROM curated.prop_quotes WHERE player_name = 'Reese Olson'`);
    expect(Number(dh!.n)).toBe(2);
  });
});
