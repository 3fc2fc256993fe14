/**
 * @module models/ratings/elo
 * A generic Elo engine driven by an `EloProfile` (REFERENCE.md "Ratings"). Games are walked in time
 * order; each game gets the PRE-game ratings and probabilities, then (when final) the update. So the
 * output for a game depends only on earlier games: Elo is walk-forward by construction.
 *
 * Two-way sports: P(home) = 1 / (1 + 10^(−d/400)), d = elo_home − elo_away + HFA (0 at neutral
 * sites) + adjustment, times the playoff multiplier; P(draw) = 0. A tie updates with result 0.5.
 * Three-way (soccer): the Davidson draw model on the same d, with g = 10^(d/800):
 * P(home) = g/(g + 1/g + ν), P(draw) = ν/(g + 1/g + ν), P(away) = (1/g)/(g + 1/g + ν). It was chosen
 * over an ordered logit because ν = 0 gives back the two-way logistic exactly, P(draw) is largest for
 * equal teams and one parameter suffices; the update uses the expected score P(home) + P(draw)/2,
 * so a draw is result 0.5 as in two-way Elo.
 * Update: Δ = K · playoff K multiplier · MOVmult · (result − expected), added to home, taken from away.
 */
import type { GameRecord, OutcomeProbabilities } from '../types.js';
import { SharplineError } from '../../errors.js';
import { MOV_METHODS, type EloProfile, type MovMethod } from './profiles.js';

/** Engine options that are not plain data (so they live outside the profile). */
export interface EloOptions {
  /**
   * Extra Elo points added to the home side's pre-game difference (e.g. MLB starting pitchers,
   * `game-score.ts`). It must use only information known before the game. Default: 0 for every game.
   */
  readonly adjustment?: (game: GameRecord) => number;
}

/** One game's pre-game view: ratings before the game, the difference used, and the probabilities. */
export interface EloPoint {
  readonly gameId: number;
  /** Home rating before the game (after any season rollover), in Elo points. */
  readonly homeElo: number;
  readonly awayElo: number;
  /** homeElo − awayElo + HFA + adjustment, times the playoff multiplier: the d of the formulas. */
  readonly eloDiff: number;
  readonly probabilities: OutcomeProbabilities;
}

/** Trained state as plain JSON, so it can be stored in a registry and resumed with `EloEngine.fromSnapshot`. */
export interface EloSnapshot {
  readonly format: 'sharpline.elo';
  readonly version: 1;
  readonly profile: EloProfile;
  /** Current rating and the season of each team's last processed game. */
  readonly teams: Readonly<Record<string, { readonly elo: number; readonly season: number; readonly games?: number; readonly lastDate?: string }>>;
  readonly gamesProcessed: number;
}

interface TeamState {
  elo: number;
  season: number;
  /** Final games processed (drives `newTeamK`). */
  games: number;
  /** Date of the last final game (drives `backToBackPenalty`). */
  lastDate?: string;
}

function usage(message: string, details?: Record<string, unknown>): SharplineError {
  return new SharplineError('SL_USAGE', message, details ? { details } : {});
}

/** Throws `SL_USAGE` naming the field when a profile cannot drive the engine; returns it otherwise. */
export function validateEloProfile(profile: EloProfile): EloProfile {
  const where = `Elo profile ${profile.id}`;
  const finite = (value: number | undefined, field: string, rule: (v: number) => boolean, text: string): void => {
    if (value === undefined) return;
    if (!(Number.isFinite(value) && rule(value))) throw usage(`${where}: ${field} ${String(value)} ${text}`, { field, value });
  };
  finite(profile.k, 'k', (v) => v >= 0, 'must be a finite number ≥ 0');
  finite(profile.hfa, 'hfa', () => true, 'must be finite');
  finite(profile.seasonCarryOver, 'seasonCarryOver', (v) => v >= 0 && v <= 1, 'must be in [0, 1]');
  finite(profile.seasonMean, 'seasonMean', () => true, 'must be finite');
  finite(profile.newTeamRating, 'newTeamRating', () => true, 'must be finite');
  finite(profile.drawParameter, 'drawParameter', (v) => v >= 0, 'must be ≥ 0');
  finite(profile.playoff?.kMultiplier, 'playoff.kMultiplier', (v) => v >= 0, 'must be ≥ 0');
  finite(profile.playoff?.eloDiffMultiplier, 'playoff.eloDiffMultiplier', (v) => v > 0, 'must be > 0');
  finite(profile.newTeamK?.boost, 'newTeamK.boost', (v) => v >= 0, 'must be ≥ 0');
  finite(profile.newTeamK?.games, 'newTeamK.games', (v) => v > 0, 'must be > 0');
  finite(profile.backToBackPenalty, 'backToBackPenalty', () => true, 'must be finite');
  if (!MOV_METHODS.includes(profile.mov)) throw usage(`${where}: mov ${String(profile.mov)} is not one of ${MOV_METHODS.join(', ')}`);
  const outcomes = profile.outcomes ?? 'two_way';
  if (outcomes !== 'two_way' && outcomes !== 'three_way') throw usage(`${where}: outcomes ${String(outcomes)} is not two_way or three_way`);
  for (const [name, table] of [['initialRatings', profile.initialRatings], ['fixedSeasonStarts', profile.fixedSeasonStarts]] as const) {
    for (const [key, value] of Object.entries(table ?? {})) {
      if (!Number.isFinite(value)) throw usage(`${where}: ${name}.${key} ${String(value)} must be finite`, { field: `${name}.${key}`, value });
    }
  }
  return profile;
}

/** Two-way Elo win probability of the side with difference `eloDiff` (Elo points): 1 / (1 + 10^(−d/400)). */
export function eloWinProbability(eloDiff: number): number {
  // Same operation order as 538's forecast.py, so the golden test matches to the file's rounding.
  return 1.0 / (Math.pow(10.0, -eloDiff / 400.0) + 1.0);
}

/** Davidson home/draw/away probabilities for Elo difference `eloDiff` and draw parameter ν ≥ 0 (module doc). */
export function davidsonProbabilities(eloDiff: number, drawParameter: number): OutcomeProbabilities {
  const g = Math.pow(10, eloDiff / 800);
  const inv = 1 / g;
  const total = g + inv + drawParameter;
  // Each from the common denominator, so none can round below 0 for a lopsided game.
  return { home: g / total, draw: drawParameter / total, away: inv / total };
}

/**
 * Margin-of-victory multiplier for a game with point difference `pointDiff` (home − away) and
 * `winnerEloDiff`, the pre-game d seen from the winner's side (d when home wins, −d when away wins,
 * ignored for ties). Formulas in `MovMethod`.
 */
export function movMultiplier(method: MovMethod, pointDiff: number, winnerEloDiff: number): number {
  const margin = Math.abs(pointDiff);
  switch (method) {
    case 'none':
      return 1;
    case 'fivethirtyeight_nfl': {
      // Operation order as in 538's forecast.py. The floor on the denominator never binds for real
      // ratings (it needs a favourite by 1,980 points); it keeps the multiplier positive.
      const denominator = pointDiff === 0 ? 1.0 : Math.max(winnerEloDiff * 0.001 + 2.2, 0.22);
      return Math.log(Math.max(margin, 1) + 1.0) * (2.2 / denominator);
    }
    case 'fivethirtyeight_nba': {
      const denominator = pointDiff === 0 ? 7.5 : Math.max(7.5 + 0.006 * winnerEloDiff, 0.75);
      return Math.pow(margin + 3, 0.8) / denominator;
    }
    case 'log':
      return Math.log(Math.max(margin, 1) + 1) / Math.LN2;
  }
}

function seasonKey(team: string, season: number): string {
  return `${team}${season}`;
}

/**
 * Elo ratings for one sport (or one soccer league: ratings are keyed by team id only, so run one
 * engine per league or give teams league-unique ids). State is explicit: `snapshot()` is all of it.
 *
 * @example
 * const engine = new EloEngine(ELO_PROFILES.nba);
 * for (const game of history) engine.process(game);
 * const upcoming = engine.predict(nextGame).probabilities.home;
 */
export class EloEngine {
  readonly profile: EloProfile;
  private readonly teams = new Map<string, TeamState>();
  private readonly adjustment: ((game: GameRecord) => number) | undefined;
  private readonly threeWay: boolean;
  private readonly drawParameter: number;
  private readonly playoffK: number;
  private readonly playoffDiff: number;
  private processed = 0;

  constructor(profile: EloProfile, options: EloOptions = {}) {
    this.profile = validateEloProfile(profile);
    this.adjustment = options.adjustment;
    this.threeWay = (profile.outcomes ?? 'two_way') === 'three_way';
    this.drawParameter = profile.drawParameter ?? 0;
    this.playoffK = profile.playoff?.kMultiplier ?? 1;
    this.playoffDiff = profile.playoff?.eloDiffMultiplier ?? 1;
  }

  /** Resumes an engine from `snapshot()` output; throws `SL_USAGE` when it is not such a snapshot. */
  static fromSnapshot(snapshot: EloSnapshot, options: EloOptions = {}): EloEngine {
    if (snapshot?.format !== 'sharpline.elo' || snapshot.version !== 1) throw usage('EloEngine.fromSnapshot: not a sharpline.elo version 1 snapshot');
    const engine = new EloEngine(snapshot.profile, options);
    for (const [team, state] of Object.entries(snapshot.teams)) {
      if (!Number.isFinite(state.elo) || !Number.isFinite(state.season)) throw usage(`EloEngine.fromSnapshot: team ${team} has a non-finite elo or season`);
      const games = state.games ?? NO_GAME_COUNT;
      if (!Number.isFinite(games)) throw usage(`EloEngine.fromSnapshot: team ${team} has a non-finite game count`);
      engine.teams.set(team, { elo: state.elo, season: state.season, games, ...(state.lastDate ? { lastDate: state.lastDate } : {}) });
    }
    engine.processed = snapshot.gamesProcessed;
    return engine;
  }

  /** Number of games passed to `process` (scored or not). */
  get gamesProcessed(): number {
    return this.processed;
  }

  /**
   * A team's rating in Elo points: its current rating, or, when `season` differs from the season of
   * its last game, the rating it would start `season` with (regressed or fixed). Unseen teams get
   * their initial rating. Never changes state.
   */
  rating(team: string, season?: number): number {
    const state = this.teams.get(team);
    if (!state) return this.firstRating(team);
    if (season === undefined || season === state.season) return state.elo;
    return this.seasonStart(team, state.elo, season);
  }

  /** Pre-game point for an upcoming or hypothetical game; never changes state. */
  predict(game: GameRecord): EloPoint {
    checkGame(game);
    return this.point(game, this.rating(game.home, game.season), this.rating(game.away, game.season));
  }

  /** The pre-game point, then (when the game is final) the update. Games must come in time order. */
  process(game: GameRecord): EloPoint {
    checkGame(game);
    const home = this.enter(game.home, game.season);
    const away = this.enter(game.away, game.season);
    const point = this.point(game, home.elo, away.elo);
    if (game.homeScore !== null && game.awayScore !== null) {
      const pointDiff = game.homeScore - game.awayScore;
      const result = pointDiff > 0 ? 1 : pointDiff < 0 ? 0 : 0.5;
      const expected = this.threeWay ? point.probabilities.home + point.probabilities.draw / 2 : point.probabilities.home;
      const winnerEloDiff = result === 0 ? -point.eloDiff : point.eloDiff;
      const k = game.seasonType === 'postseason' ? this.profile.k * this.playoffK : this.profile.k;
      const shift = k * movMultiplier(this.profile.mov, pointDiff, winnerEloDiff) * (result - expected);
      // Both sides move by the same amount (the mean of their new-team factors), so updates stay zero-sum.
      const factor = (this.newTeamFactor(home.games) + this.newTeamFactor(away.games)) / 2;
      home.elo += shift * factor;
      away.elo -= shift * factor;
      home.games += 1;
      away.games += 1;
      home.lastDate = game.date;
      away.lastDate = game.date;
    }
    this.processed += 1;
    return point;
  }

  /** All state as plain JSON (profile included). */
  snapshot(): EloSnapshot {
    const teams: Record<string, { elo: number; season: number; games?: number; lastDate?: string }> = {};
    for (const [team, state] of this.teams) {
      teams[team] = {
        elo: state.elo,
        season: state.season,
        ...(this.profile.newTeamK ? { games: state.games } : {}),
        ...(this.profile.backToBackPenalty && state.lastDate ? { lastDate: state.lastDate } : {}),
      };
    }
    return { format: 'sharpline.elo', version: 1, profile: this.profile, teams, gamesProcessed: this.processed };
  }

  /** 1 when the team's last final game was the day before `date`, else 0. */
  private playedDayBefore(team: string, date: string): number {
    const last = this.teams.get(team)?.lastDate;
    return last !== undefined && Date.parse(`${date}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`) === 86_400_000 ? 1 : 0;
  }

  /** K multiplier of a team with `games` final games in the store (1 without `newTeamK`). */
  private newTeamFactor(games: number): number {
    const extra = this.profile.newTeamK;
    return extra ? 1 + extra.boost * Math.exp(-games / extra.games) : 1;
  }

  private firstRating(team: string): number {
    const initial = this.profile.initialRatings;
    return initial !== undefined && Object.hasOwn(initial, team) ? (initial[team] as number) : this.profile.newTeamRating;
  }

  private seasonStart(team: string, elo: number, season: number): number {
    const fixed = this.profile.fixedSeasonStarts;
    const key = seasonKey(team, season);
    if (fixed !== undefined && Object.hasOwn(fixed, key)) return fixed[key] as number;
    // Written as a step toward the mean, like 538's `elo + REVERT·(1505 − elo)`.
    return elo + (1 - this.profile.seasonCarryOver) * (this.profile.seasonMean - elo);
  }

  /** The team's state for a game in `season`: created on first sight, rolled over on a season change. */
  private enter(team: string, season: number): TeamState {
    let state = this.teams.get(team);
    if (!state) {
      // As in 538's code, fixed season starts apply only on a season change, not at a first appearance.
      state = { elo: this.firstRating(team), season, games: 0 };
      this.teams.set(team, state);
    } else if (state.season !== season) {
      state.elo = this.seasonStart(team, state.elo, season);
      state.season = season;
    }
    return state;
  }

  private point(game: GameRecord, homeElo: number, awayElo: number): EloPoint {
    let eloDiff = homeElo - awayElo + (game.neutral ? 0 : this.profile.hfa);
    const penalty = this.profile.backToBackPenalty ?? 0;
    if (penalty !== 0) eloDiff += penalty * (this.playedDayBefore(game.away, game.date) - this.playedDayBefore(game.home, game.date));
    if (this.adjustment) {
      const extra = this.adjustment(game);
      if (!Number.isFinite(extra)) throw usage(`Elo adjustment for game ${game.gameId} is ${String(extra)}, not a finite number`);
      eloDiff += extra;
    }
    if (game.seasonType === 'postseason') eloDiff *= this.playoffDiff;
    let probabilities: OutcomeProbabilities;
    if (this.threeWay) {
      probabilities = davidsonProbabilities(eloDiff, this.drawParameter);
    } else {
      const home = eloWinProbability(eloDiff);
      probabilities = { home, draw: 0, away: 1 - home };
    }
    return { gameId: game.gameId, homeElo, awayElo, eloDiff, probabilities };
  }
}

/**
 * Game count assumed for a team restored from a snapshot written without counts (before `newTeamK`):
 * it has been rated for a while, so no extra K.
 */
const NO_GAME_COUNT = 1_000_000;

function checkGame(game: GameRecord): void {
  if (game.home === game.away) throw usage(`Elo: game ${game.gameId} has ${game.home} at home and away`);
  if ((game.homeScore === null) !== (game.awayScore === null)) throw usage(`Elo: game ${game.gameId} has one score null and the other not`);
  if (game.homeScore !== null && !(Number.isFinite(game.homeScore) && Number.isFinite(game.awayScore))) {
    throw usage(`Elo: game ${game.gameId} has a non-finite score`);
  }
}

/**
 * Runs an engine over `games` (sorted by date, then gameId; throws `SL_USAGE` otherwise) and
 * returns one pre-game point per game, in input order. Unscored games get a point but no update.
 */
export function runElo(games: readonly GameRecord[], profile: EloProfile, options: EloOptions = {}): EloPoint[] {
  const engine = new EloEngine(profile, options);
  const points: EloPoint[] = new Array<EloPoint>(games.length);
  let previous: GameRecord | undefined;
  for (let i = 0; i < games.length; i += 1) {
    const game = games[i] as GameRecord;
    // Within a day the caller's order stands (kick-off time where known): a team plays once a day
    // except in doubleheaders, whose order the caller knows best.
    if (previous && game.date < previous.date) {
      throw usage(`runElo: games must be sorted in date order; game ${game.gameId} (${game.date}) comes after game ${previous.gameId} (${previous.date})`);
    }
    points[i] = engine.process(game);
    previous = game;
  }
  return points;
}
