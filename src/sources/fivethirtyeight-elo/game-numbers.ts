/**
 * @module sources/fivethirtyeight-elo/game-numbers
 * Doubleheader numbers for 538's MLB rows, which carry no game number. Games of the same two teams
 * on the same date are numbered 1, 2, … in chronological order, whichever team is listed at home:
 * that is how Retrosheet and the MLB Stats API number a doubleheader (the day's sequence), so the
 * games merge with theirs.
 *
 * 538 lists games newest first, and within a date the later game first: checked against Retrosheet
 * 2021, reading each (date, teams) group bottom-up gives Retrosheet's game number for all 57
 * doubleheaders. A file whose first date is earlier than its last is taken as oldest first.
 *
 * Numbering by the team pair rather than by (date, home, away) matters when the two rows disagree on
 * home: on 2021-08-10 538 lists TOR at home for game 1 and ANA for game 2 (Retrosheet: ANA both), so
 * ANA–TOR is game 2 and merges with Retrosheet's game 2, not with the other game's score. The cost:
 * 538 dates a resumed suspended game on the day it finished (ATL–SDP of 2021-07-21, finished
 * 2021-09-24), and it makes that day's regular game number 2.
 */

/** The row order of a 538 file, from its dates. */
export type FileOrder = 'newest-first' | 'oldest-first';

/**
 * The file's order: oldest first when the first dated row is earlier than the last, otherwise
 * newest first (538's own order, also assumed for a file of a single date).
 */
export function fileOrder(dates: readonly (string | undefined)[]): FileOrder {
  const known = dates.filter((d): d is string => d !== undefined);
  if (known.length < 2) return 'newest-first';
  return known[0]! < known[known.length - 1]! ? 'oldest-first' : 'newest-first';
}

/**
 * The game number of each row: its place in chronological order among the rows with the same
 * `groupKey` (date and the two teams, unordered). Rows with an undefined key (unreadable) get 1.
 */
export function numberGames(groupKeys: readonly (string | undefined)[], order: FileOrder): number[] {
  const numbers = groupKeys.map(() => 1);
  const groups = new Map<string, number[]>();
  groupKeys.forEach((key, index) => {
    if (key === undefined) return;
    const list = groups.get(key) ?? [];
    list.push(index);
    groups.set(key, list);
  });
  for (const indexes of groups.values()) {
    const chronological = order === 'newest-first' ? [...indexes].reverse() : indexes;
    chronological.forEach((index, position) => {
      numbers[index] = position + 1;
    });
  }
  return numbers;
}

/** The doubleheader group of a game: date and the two team ids, unordered. */
export function pairKey(date: string, teamA: string, teamB: string): string {
  return teamA < teamB ? `${date}|${teamA}|${teamB}` : `${date}|${teamB}|${teamA}`;
}
