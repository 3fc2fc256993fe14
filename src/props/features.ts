/**
 * @module props/features
 * The as-of features of one start, from a `History` holding only earlier days: season and recent
 * (3/5/10-start) strikeout rates per batter faced, expected batters faced, recent outs and pitch
 * counts, rest days, the opponent's strikeout rate and the park's, both relative to the league.
 * The pitcher's own figures are of the start's season; club, park and league tallies are of
 * everything the history holds (one season in the shared data).
 */
import { daysBetween, type History } from './history.js';
import type { PitchingLine, StartFeatures, StartSpec } from './types.js';

/**
 * Batters faced of prior weight pulling a club's or a park's strikeout rate toward the league's:
 * early in a season a club has faced a few hundred batters, so its raw rate is mostly noise.
 * (A prior, not a default: with no data the factor is exactly 1, the league.)
 */
export const OPPONENT_PRIOR_BF = 300;
export const PARK_PRIOR_BF = 600;

function rate(lines: readonly PitchingLine[]): number | null {
  let k = 0;
  let bf = 0;
  for (const l of lines) {
    if (l.strikeouts === null || l.battersFaced === null) return null;
    k += l.strikeouts;
    bf += l.battersFaced;
  }
  return bf > 0 ? k / bf : null;
}

function mean(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
}

function shrunkFactor(t: { k: number; bf: number } | undefined, leagueRate: number, prior: number): number {
  const k = t?.k ?? 0;
  const bf = t?.bf ?? 0;
  return (k + prior * leagueRate) / (bf + prior) / leagueRate;
}

/** Features of `start` from everything `history` holds (which must end before the start's date). */
export function startFeatures(history: History, start: StartSpec): StartFeatures {
  const earlier = (history.byPitcher.get(start.playerId) ?? []).filter((l) => l.date < start.date || (l.date === start.date && l.gameNumber < start.gameNumber));
  // Rates and workload are this season's (an MLB season is a calendar year); rest counts across seasons.
  const season = start.date.slice(0, 4);
  const all = earlier.filter((l) => l.date.startsWith(season));
  const starts = all.filter((l) => l.started);
  const last = (n: number) => starts.slice(-n);
  const leagueKRate = history.league.bf > 0 ? history.league.k / history.league.bf : null;
  const park = start.isHome ? start.teamId : start.opponentTeamId;
  const seasonK = starts.length ? mean(starts.map((l) => l.strikeouts)) : null;
  return {
    start,
    priorStarts: starts.length,
    restDays: earlier.length ? daysBetween(earlier[earlier.length - 1]!.date, start.date) : null,
    seasonKRate: all.length ? rate(all) : null,
    kRate3: starts.length >= 3 ? rate(last(3)) : null,
    kRate5: starts.length >= 3 ? rate(last(5)) : null,
    kRate10: starts.length >= 3 ? rate(last(10)) : null,
    expectedBattersFaced: starts.length ? mean(last(5).map((l) => l.battersFaced)) : null,
    recentOutsPerStart: starts.length ? mean(last(5).map((l) => l.outs)) : null,
    recentPitches: starts.length >= 3 ? mean(last(3).map((l) => l.pitches)) : null,
    seasonKPerStart: seasonK,
    opponentKFactor: leagueKRate === null ? null : shrunkFactor(history.batting.get(start.opponentTeamId), leagueKRate, OPPONENT_PRIOR_BF),
    parkKFactor: leagueKRate === null ? null : shrunkFactor(history.parks.get(park), leagueKRate, PARK_PRIOR_BF),
    leagueKRate,
    latestDataDate: history.latestDate,
  };
}
