/**
 * @module models/ratings/profiles
 * Elo profiles: the plain-data parameter sets that drive the Elo engine, one default per sport
 * (REFERENCE.md "Ratings"). A profile is JSON-safe so a tuned one can be stored in a registry; the
 * only non-data input (a per-game Elo adjustment such as MLB starting pitchers) is an engine option.
 */
import type { Sport } from '../../domain/sports.js';
import { FIVETHIRTYEIGHT_NFL_PROFILE } from './fivethirtyeight-nfl.js';

/**
 * How the margin of victory scales an update (REFERENCE.md "Ratings"):
 * - `none`: multiplier 1;
 * - `fivethirtyeight_nfl`: ln(max(|PD|, 1) + 1) × 2.2 / (winner_elo_diff × 0.001 + 2.2), ties ln(max(|PD|, 1) + 1) × 2.2;
 * - `fivethirtyeight_nba`: (|PD| + 3)^0.8 / (7.5 + 0.006 × winner_elo_diff), ties with winner_elo_diff 0;
 * - `log`: ln(max(|PD|, 1) + 1) / ln 2, so a one-goal (or tied) game has multiplier 1: for
 *   low-scoring sports where 538 published no formula.
 */
export type MovMethod = 'none' | 'fivethirtyeight_nfl' | 'fivethirtyeight_nba' | 'log';
/** Every `MovMethod`, for validation and CLI choices. */
export const MOV_METHODS: readonly MovMethod[] = ['none', 'fivethirtyeight_nfl', 'fivethirtyeight_nba', 'log'];

/**
 * `two_way`: P(draw) = 0 and P(away) = 1 − P(home) (a tie still updates with result 0.5);
 * `three_way` (soccer): home/draw/away from the Davidson draw model (see `EloProfile.drawParameter`).
 */
export type EloOutcomeModel = 'two_way' | 'three_way';

/** Extra weight of postseason games. Defaults 1 (playoffs treated like any other game). */
export interface EloPlayoffOptions {
  /** Multiplies K in postseason games. Default 1. */
  readonly kMultiplier?: number;
  /** Multiplies the whole pre-game Elo difference (ratings, HFA and adjustment) in postseason games. Default 1. */
  readonly eloDiffMultiplier?: number;
}

/**
 * Faster learning while teams have few games in the store (their ratings are still mostly the
 * starting guess): a game's K is multiplied by the mean over its two teams of
 * 1 + boost · exp(−games / games0), `games` = the team's final games processed so far. Both sides
 * move by the same amount, so updates stay zero-sum. Default: none (K for every game).
 */
export interface EloNewTeamK {
  /** Extra share of K for a team with no games yet, ≥ 0. */
  readonly boost: number;
  /** Games over which the extra share decays by a factor e, > 0. */
  readonly games: number;
}

/** Everything the Elo engine needs to know about a sport, as plain data. Ratings are in Elo points. */
export interface EloProfile {
  /** Stable name, stored with predictions and snapshots, e.g. `nfl-538`. */
  readonly id: string;
  readonly sport: Sport;
  /** Update speed K, ≥ 0. */
  readonly k: number;
  /** Home-field advantage in Elo points added to the home side's difference; 0 at neutral sites. */
  readonly hfa: number;
  readonly mov: MovMethod;
  /** Share of a rating kept between seasons, in [0, 1]: elo = keep·elo + (1 − keep)·seasonMean. */
  readonly seasonCarryOver: number;
  /** The rating teams regress toward between seasons. */
  readonly seasonMean: number;
  /** Rating of a team seen for the first time and absent from `initialRatings`. */
  readonly newTeamRating: number;
  /** First-seen ratings by team id (538 NFL: `initial_elos.csv`). Default: none. */
  readonly initialRatings?: Readonly<Record<string, number>>;
  /**
   * Fixed season-start ratings keyed by team id + season (`CLE1999`): used instead of the regression
   * when a team's season changes (538 NFL "reversions of unknown origin"). Default: none.
   */
  readonly fixedSeasonStarts?: Readonly<Record<string, number>>;
  /** Postseason weighting. Default: both multipliers 1. */
  readonly playoff?: EloPlayoffOptions;
  /** Higher K while a team has few games in the store. Default: none. */
  readonly newTeamK?: EloNewTeamK;
  /**
   * Elo points a team gives up when it played the day before (second night of a back-to-back),
   * from the dates of the engine's own earlier games. Default 0.
   */
  readonly backToBackPenalty?: number;
  /** Default `two_way`. */
  readonly outcomes?: EloOutcomeModel;
  /**
   * Davidson draw parameter ν ≥ 0 for `three_way`: with g = 10^(d/800),
   * P(home) = g/(g + 1/g + ν), P(draw) = ν/(g + 1/g + ν), P(away) = (1/g)/(g + 1/g + ν).
   * ν = 0 gives back the two-way logistic; at d = 0, P(draw) = ν/(2 + ν). Default 0.
   */
  readonly drawParameter?: number;
  /** MLB: Elo points per game-score point of (pitcher rolling − team rolling) (538: 4.7). Used by `game-score`. */
  readonly pitcherAdjustmentWeight?: number;
  /** One line for people: where the numbers come from. */
  readonly description?: string;
}

/**
 * Default profile per sport. NFL and NBA are FiveThirtyEight's published constants; MLB keeps 538's
 * HFA and pitcher weight with a starting-point K; NHL and soccer are starting points to tune by
 * walk-forward log loss (`tune.ts`).
 */
export const ELO_PROFILES: Readonly<Record<Sport, EloProfile>> = {
  nfl: FIVETHIRTYEIGHT_NFL_PROFILE,
  // 538's 2015 constants, plus two NBA-only additions chosen on the first seasons of the archive
  // (harness numbers in the model notes):
  // - back-to-backs: a team on the second night gives up 40 Elo points (538's later NBA forecasts
  //   also charge fatigue). The away side is on a back-to-back 16 points of share more often than
  //   the home side (2007–2011: 31% vs 16%), which HFA 100 partly stood for, so HFA drops by
  //   40 × 0.156 ≈ 6 to keep the average home edge. 20/30/40/60 tried: Elo Brier 2007–2011
  //   0.20144/0.20133/0.20133/0.20154 (0.2019 without); 2012–2017 0.2098 → 0.2094 with 40;
  // - a cold store (the archive starts in 2007, every team new at 1300): a game's K is multiplied by
  //   1 + e^(−games/20) (mean over its two teams) while they have few games in the store: about
  //   double K at first, fading over a season's first quarter, like chess federations' higher K for
  //   players with few rated games. Not tuned: the only cold season is the first one scored (2007
  //   Elo Brier 0.2038 without, 0.2019 with it; a (2, 10) fitted there would give 0.2014, and the
  //   ensemble over 2007–2017 is 0.20454 either way). Later seasons are unaffected.
  nba: {
    id: 'nba-538-2015-b2b',
    sport: 'nba',
    k: 20,
    hfa: 94,
    mov: 'fivethirtyeight_nba',
    seasonCarryOver: 0.75,
    seasonMean: 1505,
    newTeamRating: 1300,
    backToBackPenalty: 40,
    newTeamK: { boost: 1, games: 20 },
    description: 'FiveThirtyEight NBA Elo, 2015 method (K 20, 538 NBA MOV, keep 3/4 toward 1505, expansion 1300) with a 40-point back-to-back penalty, HFA 100 → 94 to match, and faster K while a team is new to the store.',
  },
  mlb: {
    id: 'mlb-538',
    sport: 'mlb',
    // 538 did not publish K; about 4 is the usual starting point for a 162-game season. Tune it.
    k: 4,
    hfa: 24,
    // Run margins carry little signal beyond the result in baseball; 'log' is the alternative to try.
    mov: 'none',
    seasonCarryOver: 2 / 3,
    seasonMean: 1500,
    newTeamRating: 1500,
    pitcherAdjustmentWeight: 4.7,
    description: 'FiveThirtyEight MLB: HFA 24, pitcher adjustment 4.7 × (pitcher − team rolling game score); K 4 and no MOV are starting points to tune.',
  },
  nhl: {
    id: 'nhl-default',
    sport: 'nhl',
    // Starting points to tune: an 82-game season with goal margins of 1–3 sits between NBA and MLB.
    k: 6,
    hfa: 35,
    mov: 'log',
    seasonCarryOver: 0.7,
    seasonMean: 1505,
    newTeamRating: 1400,
    description: 'Starting point to tune: K 6, HFA 35, log MOV, keep 0.7 toward 1505, expansion 1400.',
  },
  soccer: {
    id: 'soccer-default',
    sport: 'soccer',
    // Starting points to tune per league: ν 0.7 gives P(draw) ≈ 0.26 between equal teams, near the
    // long-run share of draws in the big European leagues.
    k: 20,
    hfa: 60,
    mov: 'log',
    seasonCarryOver: 0.8,
    seasonMean: 1500,
    // Promoted clubs are usually weaker than the clubs they replace.
    newTeamRating: 1420,
    outcomes: 'three_way',
    drawParameter: 0.7,
    description: 'Starting point to tune: K 20, HFA 60, log MOV, keep 0.8 toward 1500, promoted 1420, Davidson draws ν 0.7.',
  },
};
