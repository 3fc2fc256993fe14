/**
 * @module serve/data/picks
 * A day's picks: every priced side of every game where the ensemble's probability beats the
 * vig-free market by at least the minimum edge and the bet has positive expected value, at the
 * stored prices. Games without a stored price or without trained systems are listed apart, with
 * the reason, so a short list never hides what was left out.
 */
import type { Decision } from '../../models/predict.js';
import { isSharplineError } from '../../errors.js';
import type { GameSummary } from './games.js';
import type { GamePrediction } from './predictions.js';

export const PICK_MARKETS = ['moneyline', 'spread', 'total'] as const;
export type PickMarket = (typeof PICK_MARKETS)[number];

export interface PickFilter {
  /** Minimum edge over the vig-free market probability, e.g. 0.02 for 2 points. Default 0. */
  minEdge: number;
  /** Minimum model probability of the side. Default 0. */
  minConfidence: number;
  markets: readonly PickMarket[];
}

export interface Pick extends Decision {
  game_id: number;
  sport: string;
  game_date: string;
  home_team_id: string;
  away_team_id: string;
  book: string | null;
}

export interface PicksReport {
  version: 1;
  date: string;
  filter: PickFilter & { sport: string | null };
  games: number;
  picks: Pick[];
  /** Games the systems were trained on (their training reached the game's date): hindsight, not forecasts. */
  trained_on_games: number;
  /** Games that could not be considered, and why. */
  skipped: { game_id: number; home_team_id: string; away_team_id: string; sport: string; reason: string }[];
}

/** Picks among `games`, each predicted through `predict` (which may be cached). */
export async function picksForGames(
  date: string,
  sport: string | null,
  games: readonly GameSummary[],
  predict: (game: GameSummary) => Promise<GamePrediction>,
  filter: PickFilter,
): Promise<PicksReport> {
  const picks: Pick[] = [];
  const skipped: PicksReport['skipped'] = [];
  let trainedOn = 0;
  for (const game of games) {
    const base = { game_id: game.game_id, home_team_id: game.home_team_id, away_team_id: game.away_team_id, sport: game.sport };
    let prediction: GamePrediction;
    try {
      prediction = await predict(game);
    } catch (error) {
      // A sport nobody trained is a reason to skip, not a failed page.
      if (isSharplineError(error)) {
        skipped.push({ ...base, reason: error.message });
        continue;
      }
      throw error;
    }
    if (prediction.trained_on_game.length > 0) trainedOn += 1;
    if (prediction.prices.source === 'none') {
      skipped.push({ ...base, reason: prediction.prices.note ?? 'no stored price' });
      continue;
    }
    for (const d of prediction.decisions) {
      if (!filter.markets.includes(d.market)) continue;
      if (d.edge === null || d.edge < filter.minEdge || d.ev <= 0 || d.probability < filter.minConfidence) continue;
      picks.push({ ...d, ...base, game_date: game.game_date, book: prediction.prices.book });
    }
  }
  picks.sort((a, b) => (b.edge ?? 0) - (a.edge ?? 0) || a.game_id - b.game_id);
  return { version: 1, date, filter: { ...filter, sport }, games: games.length, trained_on_games: trainedOn, picks, skipped };
}
