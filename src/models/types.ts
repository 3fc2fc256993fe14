/**
 * @module models/types
 * The shapes every prediction system shares: the game as a model sees it (from `curated.games`,
 * ordered by time) and the market probabilities a system produces for it.
 */
import type { SeasonType, Sport } from '../domain/sports.js';

/** One game as the models see it. Scores are null until the game is final. */
export interface GameRecord {
  gameId: number;
  sport: Sport;
  /** e.g. `nfl`, `epl`: soccer ratings are kept per league. */
  league: string;
  season: number;
  seasonType: SeasonType;
  /** Local date at the venue, `YYYY-MM-DD`. */
  date: string;
  /** UTC start, ISO 8601, when known. */
  startAt: string | null;
  home: string;
  away: string;
  neutral: boolean;
  homeScore: number | null;
  awayScore: number | null;
  /** Starting pitchers (MLB), as player refs from `curated.player_game_logs`, when a source named them. */
  homeStarter?: string | null;
  awayStarter?: string | null;
  /**
   * Points in the early periods (NBA quarters 1–3, MLB innings 1–5), when a source gave periods:
   * the part of a game starters decide, before garbage time and bullpens.
   */
  homeEarly?: number | null;
  awayEarly?: number | null;
}

/** P(home win), P(draw), P(away win): they sum to 1 (draw is 0 where a sport has none). */
export interface OutcomeProbabilities {
  home: number;
  draw: number;
  away: number;
}

/** A point-spread market from the home side: `line` is the home handicap (−3.5: home gives 3.5). */
export interface SpreadProbabilities {
  line: number;
  homeCover: number;
  push: number;
  awayCover: number;
}

/** A totals market. */
export interface TotalProbabilities {
  line: number;
  over: number;
  push: number;
  under: number;
}

/** What a system says about one game. Each market's probabilities sum to 1. */
export interface MarketProbabilities {
  moneyline: OutcomeProbabilities;
  spread?: SpreadProbabilities;
  total?: TotalProbabilities;
}
