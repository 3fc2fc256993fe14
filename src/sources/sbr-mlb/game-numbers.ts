/**
 * @module sources/sbr-mlb/game-numbers
 * Doubleheader numbering. The archive lists a day's games in order, so the same two teams on the
 * same date get game numbers 1 and 2 in file order. The count is per team and includes rows that
 * could not be staged: when game 1 of a doubleheader is quarantined, game 2 keeps number 2 and
 * never merges with another source's game 1.
 */

/** Counts each team's games per date, in file order. Keys are opaque strings (date text, team). */
export class GameNumbers {
  private readonly games = new Map<string, number>();

  /** Records a game of `team` on `date` that will not be staged (a broken or quarantined row). */
  skip(date: string, team: string): void {
    const key = `${date}|${team}`;
    this.games.set(key, (this.games.get(key) ?? 0) + 1);
  }

  /** The game number (1-based) of the next game between `home` and `away` on `date`, recorded. */
  next(date: string, home: string, away: string): number {
    const number = Math.max(this.games.get(`${date}|${home}`) ?? 0, this.games.get(`${date}|${away}`) ?? 0) + 1;
    this.games.set(`${date}|${home}`, number);
    this.games.set(`${date}|${away}`, number);
    return number;
  }
}
