/**
 * @module sources/fivethirtyeight-elo/layout
 * Which of FiveThirtyEight's game files a header belongs to. Both share `date, season, neutral,
 * playoff, team1, team2, elo_prob1, score1, score2`; the NFL file (`nfl-elo-game/data/nfl_games.csv`)
 * names the pre-game ratings `elo1`/`elo2`, the MLB file (`mlb_elo_latest.csv`) `elo1_pre`/`elo2_pre`
 * and adds the pitcher-adjusted `rating1_pre`/`rating2_pre`/`rating_prob1`.
 */
import type { Sport } from '../../domain/sports.js';

/** One published forecast column set: the system's name and the columns holding it. */
export interface ForecastColumns {
  /** The `system` stored in `curated.published_forecasts`. */
  readonly system: string;
  /** team1's (the home team's) pre-game win probability, 0–1 exclusive. */
  readonly probability: string;
  /** Pre-game ratings of team1 and team2, in Elo points. */
  readonly rating1: string;
  readonly rating2: string;
  /** Whether a row without this probability is refused (false: the forecast is simply absent). */
  readonly required: boolean;
}

/** What a recognised header means: the sport and the forecasts its rows carry. */
export interface EloLayout {
  readonly sport: Sport;
  readonly league: string;
  readonly forecasts: readonly ForecastColumns[];
}

/** The system name of 538's plain Elo forecast (elo_prob1). */
export const ELO_SYSTEM = 'fivethirtyeight-elo';
/** The system name of 538's MLB starting-pitcher-adjusted forecast (rating_prob1). */
export const RATING_SYSTEM = 'fivethirtyeight-rating';

const NFL_LAYOUT: EloLayout = {
  sport: 'nfl',
  league: 'NFL',
  forecasts: [{ system: ELO_SYSTEM, probability: 'elo_prob1', rating1: 'elo1', rating2: 'elo2', required: true }],
};

const MLB_LAYOUT: EloLayout = {
  sport: 'mlb',
  league: 'MLB',
  forecasts: [
    { system: ELO_SYSTEM, probability: 'elo_prob1', rating1: 'elo1_pre', rating2: 'elo2_pre', required: true },
    // 538 publishes rating_prob1 for every game, but a row without it is still a real game with an Elo forecast.
    { system: RATING_SYSTEM, probability: 'rating_prob1', rating1: 'rating1_pre', rating2: 'rating2_pre', required: false },
  ],
};

/** The layout a header names, or undefined when it is neither 538 file. */
export function detectLayout(columns: readonly string[]): EloLayout | undefined {
  const has = (name: string) => columns.includes(name);
  if (has('elo1_pre') && has('rating_prob1')) return MLB_LAYOUT;
  if (has('elo1') && has('elo2')) return NFL_LAYOUT;
  return undefined;
}
