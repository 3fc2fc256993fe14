/**
 * @module evaluation/leakage-guard
 * The as-of guard: a forecaster is run on the real games and again on a copy in which every game
 * from a date on is altered (scores scrambled, some games dropped). A forecaster that only uses the
 * past gives identical forecasts for every game before the date; any difference is a leak, reported
 * with the first game that shows it.
 */
import type { GameRecord } from '../models/types.js';

/** A forecaster under test: games in time order in, one comparable value per game out. */
export type Forecaster = (games: readonly GameRecord[]) => readonly unknown[];

export interface LeakageReport {
  /** Games before the cut-off that were compared. */
  compared: number;
  /** Games before the cut-off whose forecast changed. */
  leaks: number;
  firstLeak: { gameId: number; date: string; real: unknown; altered: unknown } | null;
}

/**
 * Alters every game on or after `cutoff` (`YYYY-MM-DD`): scores, and early-period scores where a
 * game has them, are replaced by a deterministic scramble, every third such game is dropped, and the
 * rest keep their ids.
 */
export function alterFuture(games: readonly GameRecord[], cutoff: string): GameRecord[] {
  const out: GameRecord[] = [];
  let n = 0;
  for (const g of games) {
    if (g.date < cutoff) {
      out.push(g);
      continue;
    }
    n++;
    if (n % 3 === 0) continue;
    const scramble = (s: number | null, salt: number) => (s === null ? null : (s * 7 + salt + n) % 11);
    const altered: GameRecord = { ...g, homeScore: scramble(g.awayScore, 3), awayScore: scramble(g.homeScore, 5) };
    if (g.homeEarly !== undefined) altered.homeEarly = scramble(g.awayEarly ?? null, 2);
    if (g.awayEarly !== undefined) altered.awayEarly = scramble(g.homeEarly ?? null, 4);
    out.push(altered);
  }
  return out;
}

/** Runs the forecaster on the real and the altered games and compares the forecasts before `cutoff`. */
export function checkLeakage(forecast: Forecaster, games: readonly GameRecord[], cutoff: string): LeakageReport {
  const real = forecast(games);
  const altered = forecast(alterFuture(games, cutoff));
  let compared = 0;
  let leaks = 0;
  let firstLeak: LeakageReport['firstLeak'] = null;
  for (let i = 0; i < games.length && games[i]!.date < cutoff; i++) {
    compared++;
    const a = JSON.stringify(real[i]);
    const b = JSON.stringify(altered[i]);
    if (a !== b) {
      leaks++;
      firstLeak ??= { gameId: games[i]!.gameId, date: games[i]!.date, real: real[i], altered: altered[i] };
    }
  }
  return { compared, leaks, firstLeak };
}
