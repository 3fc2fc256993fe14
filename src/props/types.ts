/**
 * @module props/types
 * The vocabulary of the props side: one pitcher's line in one game, the as-of features of a start,
 * a predicted strikeout distribution, and red flags.
 */

/** One pitcher's line in one game, from the curated logs after the player registry merged the sources. */
export interface PitchingLine {
  /** Canonical player id from `curated.players` (the MLBAM ref when known). */
  readonly playerId: string;
  readonly playerName: string | null;
  /** Local game date `YYYY-MM-DD`. */
  readonly date: string;
  readonly gameNumber: number;
  readonly teamId: string;
  readonly opponentTeamId: string;
  readonly isHome: boolean | null;
  readonly started: boolean;
  readonly outs: number | null;
  readonly battersFaced: number | null;
  readonly strikeouts: number | null;
  /** Pitches thrown; only Baseball-Reference has them (its 2023 file ends on 2023-08-15). */
  readonly pitches: number | null;
  /** The source the line was taken from (`retrosheet` first, else `bref-pitching`). */
  readonly source: string;
}

/** A start to predict: who, when, against whom, where. */
export interface StartSpec {
  readonly playerId: string;
  readonly playerName: string | null;
  readonly date: string;
  readonly gameNumber: number;
  readonly teamId: string;
  readonly opponentTeamId: string;
  /** True when the pitcher's club is at home; the park is the home club's. */
  readonly isHome: boolean;
}

/**
 * What a system may know about a start: computed only from lines dated before the start (as-of by
 * construction). A field is null when the history cannot give it; a system that needs it is
 * blocked (`missing_data`), never fed a default.
 */
export interface StartFeatures {
  readonly start: StartSpec;
  /** Earlier starts this season (the data holds one season per run). */
  readonly priorStarts: number;
  /** Days since the pitcher's last appearance (start or relief); null before his first. */
  readonly restDays: number | null;
  /** Season strikeouts per batter faced over all appearances. */
  readonly seasonKRate: number | null;
  /** Strikeouts per batter faced over the last 3, 5 and 10 starts (fewer when fewer exist). */
  readonly kRate3: number | null;
  readonly kRate5: number | null;
  readonly kRate10: number | null;
  /** Mean batters faced over the last 5 starts. */
  readonly expectedBattersFaced: number | null;
  /** Mean outs per start over the last 5 starts. */
  readonly recentOutsPerStart: number | null;
  /** Mean pitches over the last 3 starts; null when any of them lacks a pitch count. */
  readonly recentPitches: number | null;
  /** Season strikeouts per start (the naive baseline's mean). */
  readonly seasonKPerStart: number | null;
  /** Opponent batters' strikeout rate relative to the league (shrunk toward 1). */
  readonly opponentKFactor: number | null;
  /** Strikeout rate at the park relative to the league (shrunk toward 1). */
  readonly parkKFactor: number | null;
  /** League strikeouts per batter faced so far. */
  readonly leagueKRate: number | null;
  /** The latest game date in the whole history (for staleness). */
  readonly latestDataDate: string | null;
}

/** A red flag: a reason to skip (`block`) or to predict without recommending a bet (`downgrade`). */
export interface RedFlag {
  readonly code: RedFlagCode;
  readonly severity: 'block' | 'downgrade';
  readonly reason: string;
}

export type RedFlagCode = 'injured_list' | 'first_start' | 'short_outings' | 'short_rest' | 'missing_data' | 'stale_data';

/** A strikeout distribution: P(K = k) for k = 0..pmf.length − 1; the tail beyond is folded into the last cell. */
export interface KDistribution {
  readonly mean: number;
  readonly pmf: Float64Array;
}

/** A system's view of one start: its distribution, or why it has none. */
export type SystemPrediction =
  | { readonly system: string; readonly version: string; readonly ok: true; readonly distribution: KDistribution; readonly flags: readonly RedFlag[] }
  | { readonly system: string; readonly version: string; readonly ok: false; readonly flags: readonly RedFlag[] };
