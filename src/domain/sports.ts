/**
 * @module domain/sports
 * The sports sharpline knows, and the vocabulary of games and markets shared by every layer.
 */

/** A sport, as stored in `curated.games.sport`. */
export type Sport = 'nfl' | 'mlb' | 'nba' | 'nhl' | 'soccer';
export const SPORTS: readonly Sport[] = ['nfl', 'mlb', 'nba', 'nhl', 'soccer'];

export type SeasonType = 'preseason' | 'regular' | 'postseason';
/**
 * Where a game stands. Only a final carries scores: a live score is not a result. Postponed (also
 * suspended, to be resumed another day) and canceled games have no result; a rescheduled game
 * returns to `scheduled`. `GAME_STATUSES` lists them in the order a game moves through them.
 */
export type GameStatus = 'scheduled' | 'in_progress' | 'postponed' | 'canceled' | 'final';
export const GAME_STATUSES: readonly GameStatus[] = ['scheduled', 'in_progress', 'postponed', 'canceled', 'final'];

/** `GAME_STATUSES` as a SQL list, for accepted-values checks. */
export const GAME_STATUSES_SQL = GAME_STATUSES.map((s) => `'${s}'`).join(', ');
export type Market = 'moneyline' | 'spread' | 'total';
export type Side = 'home' | 'away' | 'draw' | 'over' | 'under';

/** Whether `value` names a sport sharpline knows. */
export function isSport(value: string): value is Sport {
  return (SPORTS as readonly string[]).includes(value);
}
