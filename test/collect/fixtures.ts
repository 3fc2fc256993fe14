/**
 * Fixture-backed handlers for the replay server: the committed recorded-shape responses, with the
 * historical odds snapshot shifted to whatever day is asked for (so a multi-day backfill gets
 * distinct games per day, deterministically).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayResponse } from './replay-server.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/http');

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

const QUOTA = { 'x-requests-remaining': '480', 'x-requests-used': '20', 'x-requests-last': '3' };

/** The Odds API: sports, current odds, scores, and historical snapshots for any day. */
export function oddsApiHandler(url: URL): ReplayResponse | null {
  // The Odds API refuses requests without a key (401), so tests see the key is sent.
  if (url.pathname.startsWith('/v4/') && !url.searchParams.get('apiKey')) return { status: 401, body: JSON.stringify({ message: 'API key is missing' }) };
  if (url.pathname === '/v4/sports') return { body: fixture('the-odds-api/sports.json'), headers: QUOTA };
  if (/^\/v4\/sports\/basketball_nba\/odds$/.test(url.pathname)) return { body: fixture('the-odds-api/odds_nba_live.json'), headers: QUOTA };
  if (/^\/v4\/sports\/basketball_nba\/scores$/.test(url.pathname)) return { body: fixture('the-odds-api/scores_nba.json'), headers: QUOTA };
  if (url.pathname === '/v4/historical/sports/basketball_nba/odds') {
    const date = url.searchParams.get('date');
    if (!date) return { status: 422, body: JSON.stringify({ message: 'date is required' }) };
    return { body: shiftedSnapshot(date), headers: QUOTA };
  }
  return null;
}

/** The 2022-11-22 snapshot moved to the day of `date` (events keep their times of day; ids get the day). */
export function shiftedSnapshot(date: string): string {
  const snapshot = JSON.parse(fixture('the-odds-api/historical_odds_nba_2022-11-22T16-00.json')) as { timestamp: string; data: { id: string; commence_time: string }[] };
  const shift = Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.parse('2022-11-22T00:00:00Z');
  const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString().replace('.000Z', 'Z');
  snapshot.timestamp = move(snapshot.timestamp);
  for (const event of snapshot.data) {
    event.commence_time = move(event.commence_time);
    event.id = `${event.id.slice(0, 24)}${date.slice(0, 10).replaceAll('-', '')}`;
  }
  return JSON.stringify(snapshot);
}

/** MLB Stats API: the schedule, transactions and one pitcher's game log. */
export function mlbHandler(url: URL): ReplayResponse | null {
  if (url.pathname === '/api/v1/schedule') return { body: fixture('mlb-stats-api/schedule_2024-07-01.json') };
  if (url.pathname === '/api/v1/transactions') return { body: fixture('mlb-stats-api/transactions_2024-07-01.json') };
  if (/^\/api\/v1\/people\/\d+\/stats$/.test(url.pathname)) return { body: fixture('mlb-stats-api/people_686613_gamelog_pitching_2024.json') };
  return null;
}

/** ESPN: the NBA scoreboard for any date. */
export function espnHandler(url: URL): ReplayResponse | null {
  if (url.pathname === '/apis/site/v2/sports/basketball/nba/scoreboard') return { body: fixture('espn-scoreboard/scoreboard_nba_2022-11-22.json') };
  return null;
}
