/**
 * @module domain/sports
 * The sports sharpline knows, and the vocabulary of games and markets shared by every layer.
 */

/** A sport, as stored in `curated.games.sport`. */
export type Sport = 'nfl' | 'mlb' | 'nba' | 'nhl' | 'soccer';
export const SPORTS: readonly Sport[] = ['nfl', 'mlb', 'nba', 'nhl', 'soccer'];

export type SeasonType = 'preseason' | 'regular' | 'postseason';
export type GameStatus = 'scheduled' | 'final';
export type Market = 'moneyline' | 'spread' | 'total';
export type Side = 'home' | 'away' | 'draw' | 'over' | 'under';

/** Whether `value` names a sport sharpline knows. */
export function isSport(value: string): value is Sport {
  return (SPORTS as readonly string[]).includes(value);
}
