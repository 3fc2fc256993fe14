/**
 * @module models/ratings/game-score
 * MLB starting-pitcher adjustment for Elo (REFERENCE.md "Ratings", FiveThirtyEight MLB):
 * adjustment = 4.7 × (pitcher rolling game score − team rolling game score), in Elo points, from
 * Tango's game score 47.4 + K + 1.5·outs − 2·BB − 2·H − 3·R − 4·HR.
 *
 * Rolling scheme (538 describes rolling averages without publishing every constant; these are
 * starting points to tune): exponentially weighted means, updated after each start,
 * rolling ← (1 − α)·rolling + α·game score, with α 0.1 for a pitcher (about ten starts of memory)
 * and α 0.05 for the team over all its starters (about four turns of the rotation). A team with no
 * starts yet begins at the league prior (50, about an average start). A pitcher's first start gets
 * adjustment 0: his rolling score starts at his team's rolling score at that moment, so the first
 * few starts move him only part of the way from the team's level (a shrunk value, not a jump).
 * Adjustments for a start use only earlier starts.
 */
import { SharplineError } from '../../errors.js';

/** One starting pitcher's line: counts for one game. */
export interface PitchingLine {
  readonly strikeouts: number;
  /** Outs recorded (innings pitched × 3). */
  readonly outs: number;
  readonly walks: number;
  readonly hits: number;
  /** Runs allowed, earned or not. */
  readonly runs: number;
  readonly homeRuns: number;
}

/** Tango game score as used by 538: 47.4 + K + 1.5·outs − 2·BB − 2·H − 3·R − 4·HR (points). */
export function tangoGameScore(line: PitchingLine): number {
  for (const [field, value] of Object.entries(line)) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new SharplineError('SL_USAGE', `tangoGameScore: ${field} ${String(value)} must be a finite count ≥ 0`, { details: { field, value } });
    }
  }
  return 47.4 + line.strikeouts + 1.5 * line.outs - 2 * line.walks - 2 * line.hits - 3 * line.runs - 4 * line.homeRuns;
}

/** Rolling-score settings. */
export interface GameScoreTrackerOptions {
  /** Weight of the newest start in a pitcher's rolling score, in (0, 1]. Default 0.1. */
  readonly pitcherAlpha?: number;
  /** Weight of the newest start in a team's rolling score, in (0, 1]. Default 0.05. */
  readonly teamAlpha?: number;
  /** Rolling score of a team with no starts yet, in game-score points. Default 50. */
  readonly priorGameScore?: number;
  /** Elo points per game-score point (538: 4.7). Default 4.7. */
  readonly weight?: number;
}

/** Rolling pitcher and team game scores, walked forward start by start. */
export class GameScoreTracker {
  private readonly pitchers = new Map<string, number>();
  private readonly teams = new Map<string, number>();
  private readonly pitcherAlpha: number;
  private readonly teamAlpha: number;
  private readonly prior: number;
  private readonly weight: number;

  constructor(options: GameScoreTrackerOptions = {}) {
    this.pitcherAlpha = requireAlpha(options.pitcherAlpha ?? 0.1, 'pitcherAlpha');
    this.teamAlpha = requireAlpha(options.teamAlpha ?? 0.05, 'teamAlpha');
    this.prior = requireFinite(options.priorGameScore ?? 50, 'priorGameScore');
    this.weight = requireFinite(options.weight ?? 4.7, 'weight');
  }

  /** The team's rolling game score from its starts so far (the prior when none). */
  teamRolling(team: string): number {
    return this.teams.get(team) ?? this.prior;
  }

  /** The pitcher's rolling game score, or undefined for a pitcher with no start recorded. */
  pitcherRolling(pitcher: string): number | undefined {
    return this.pitchers.get(pitcher);
  }

  /** Elo points for `pitcher` starting for `team` next: weight × (pitcher rolling − team rolling); 0 for a debut. */
  adjustment(team: string, pitcher: string): number {
    const own = this.pitchers.get(pitcher);
    return own === undefined ? 0 : this.weight * (own - this.teamRolling(team));
  }

  /** Records a start once it is played; call after taking the adjustment for that game. */
  record(team: string, pitcher: string, gameScore: number): void {
    requireFinite(gameScore, 'gameScore');
    const teamBefore = this.teamRolling(team);
    const own = this.pitchers.get(pitcher) ?? teamBefore;
    this.pitchers.set(pitcher, own + this.pitcherAlpha * (gameScore - own));
    this.teams.set(team, teamBefore + this.teamAlpha * (gameScore - teamBefore));
  }
}

/** One side's starter in a game; `gameScore` null until the start is played (or unknown). */
export interface StartingPitcher {
  readonly team: string;
  readonly pitcher: string;
  readonly gameScore: number | null;
}

/** Both starters of one game. */
export interface GameStarters {
  readonly gameId: number;
  readonly home: StartingPitcher;
  readonly away: StartingPitcher;
}

/**
 * Per-game Elo adjustment (home minus away pitcher adjustment, in Elo points) for games in time
 * order, each computed before that game's starts are recorded, so it is leak-free. Pass it to the
 * engine as `{ adjustment: (game) => adjustments.get(game.gameId) ?? 0 }`.
 */
export function pitcherAdjustments(games: readonly GameStarters[], options: GameScoreTrackerOptions = {}): Map<number, number> {
  const tracker = new GameScoreTracker(options);
  const adjustments = new Map<number, number>();
  for (const game of games) {
    adjustments.set(game.gameId, tracker.adjustment(game.home.team, game.home.pitcher) - tracker.adjustment(game.away.team, game.away.pitcher));
    for (const side of [game.home, game.away]) {
      if (side.gameScore !== null) tracker.record(side.team, side.pitcher, side.gameScore);
    }
  }
  return adjustments;
}

function requireAlpha(value: number, field: string): number {
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) {
    throw new SharplineError('SL_USAGE', `GameScoreTracker: ${field} ${String(value)} must be in (0, 1]`, { details: { field, value } });
  }
  return value;
}

function requireFinite(value: number, field: string): number {
  if (!Number.isFinite(value)) throw new SharplineError('SL_USAGE', `GameScoreTracker: ${field} ${String(value)} must be finite`, { details: { field, value } });
  return value;
}
