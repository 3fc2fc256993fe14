/**
 * @module sources/oddsshark-splits
 * Oddsshark NFL betting splits (`nfl_oddsshark_splits_2022.csv`): snapshots of the public betting
 * page pulled repeatedly through the week. Each snapshot (`id`, pulled at `date_pulled`) lists every
 * game as two rows, away then home (see ./pairing.ts): the row's team with its spread, the share of
 * spread bets on it and the payout, and one side of the total (`ou` = Over on the away row, Under on
 * the home row) with the total line, its share of bets and payout. A row yields two splits: its
 * team's spread side and its total side. The source publishes shares of bets only, never of money
 * (`moneyShare` is null).
 *
 * Read faithfully, and what the file does not say plainly:
 * - `date_pulled` is a real UTC instant: the observation time.
 * - `game_time` is not UTC despite its `Z`: its date is the game's US date and its time a US Eastern
 *   12-hour clock reading without AM/PM (`08:15:00Z` is the 8:15 PM ET Thursday game). See
 *   `kickoff` (./cells.ts). `day` is ignored: it can be stale (the two Saturday games of week 18,
 *   2023-01-07, still say Sun), and `week` labels the scrape (the Super Bowl appears under 21 and 22).
 * - Shares are fractions (`0.55`, `1`, `0`); the two sides of a market add up to 1, give or take the
 *   rounding of published percentages (`SHARE_SUM_TOLERANCE`). Both sides 0 means no bets counted
 *   yet (58 total-market pairs in the 2022 file): the line and payout are kept with a null share.
 * - Payouts are American prices (`-110`, `-120`/`-100`), kept as text and as decimal odds.
 * - `id` numbers the snapshot, not the row; snapshot 2 repeats snapshot 1 (same pull time, same
 *   numbers). Such rows are loaded, but an observation already seen adds nothing to curated
 *   (`curated.betting_splits` is keyed by game, market, side and pull time).
 * - Some snapshots were pulled after kick-off (in-game numbers): kept, with their pull time, so
 *   as-of queries can leave them out.
 * - Home and away are the source's: at a neutral site (the Super Bowl) it may list the other team
 *   as home than the schedule does; curate matches such games both ways round.
 */
import type { Side } from '../../domain/sports.js';
import { cell, reject, resolveTeamField, RowIssueError } from '../fields.js';
import type { RowIssue, SourceFormat, SourceRecord, StageContext, StagedSplit } from '../types.js';
import { kickoff, line, observedAt, payout, required, share } from './cells.js';
import { onRow, pairRejects, pairRows, PairIssueError, rejectPair, type RowPair } from './pairing.js';

/** How far the two sides' shares may add up from 1: each is a percentage rounded to a whole number. */
export const SHARE_SUM_TOLERANCE = 0.02;

export const oddssharkSplits: SourceFormat = {
  name: 'oddsshark-splits',
  description: 'Oddsshark NFL betting splits: share of bets per side on spread and total, snapshots through the week (one row per team, away then home)',
  requiredColumns: ['id', 'date_pulled', 'game_time', 'team', 'home_away', 'matchup', 'spread', 'spread_share', 'spread_payout', 'ou', 'ou_target', 'ou_share', 'ou_payout'],
  fileContext: () => ({}),
  stage(records, context) {
    const { pairs, unpaired } = pairRows(records);
    const rejects: { record: SourceRecord; issue: RowIssue }[] = [...unpaired];
    const splits: StagedSplit[] = [];
    for (const pair of pairs) {
      try {
        splits.push(...stagePair(pair, context));
      } catch (error) {
        if (!(error instanceof PairIssueError)) throw error;
        rejects.push(...pairRejects(pair, error));
      }
    }
    return { games: [], quotes: [], splits, rejects };
  },
};

/** Runs a reader of a cell both rows share (pairing checked they are equal): its issue is the pair's. */
function onPair<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RowIssueError) throw new PairIssueError(null, error.issue);
    throw error;
  }
}

/** The row's team, checked against `team_full` when that names a team too. */
function rowTeam(record: SourceRecord, gameDate: string, context: StageContext): string {
  const id = resolveTeamField(context.teams, 'nfl', record, 'team', gameDate, context.format);
  const full = cell(record, 'team_full');
  const byName = full ? context.teams.resolve('nfl', full, gameDate, context.format) : undefined;
  if (byName && byName !== id) reject('inconsistent_team', 'team_full', `team_full "${full}" is ${byName} but team "${cell(record, 'team')}" is ${id}`);
  return id;
}

/** Which side of the total a row's `ou` cell names. */
function totalSide(record: SourceRecord): 'over' | 'under' {
  const text = required(record, 'ou');
  if (/^over$/i.test(text)) return 'over';
  if (/^under$/i.test(text)) return 'under';
  return reject('invalid_value', 'ou', `ou "${text}" is not Over or Under`);
}

/** The two sides' shares of one market, checked to add up to 1; both 0 (no bets counted) → nulls. */
function marketShares(pair: RowPair, field: string): { away: number | null; home: number | null } {
  const away = onRow(pair.away, () => share(pair.away, field));
  const home = onRow(pair.home, () => share(pair.home, field));
  if (away === 0 && home === 0) return { away: null, home: null };
  const sum = away + home;
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    rejectPair('shares_not_summing', field, `${field} ${cell(pair.away, field)} (away) and ${cell(pair.home, field)} (home) add up to ${Number(sum.toFixed(4))}, not 1`);
  }
  return { away, home };
}

/** One game in one snapshot → four splits (each team's spread side, over and under), or a pair issue. */
function stagePair(pair: RowPair, context: StageContext): StagedSplit[] {
  const { away, home } = pair;
  const observed = onPair(() => observedAt(away, 'date_pulled'));
  const { gameDate, startAt } = onPair(() => kickoff(away, 'game_time'));
  const awayTeamId = onRow(away, () => rowTeam(away, gameDate, context));
  const homeTeamId = onRow(home, () => rowTeam(home, gameDate, context));
  if (awayTeamId === homeTeamId) rejectPair('same_team', 'team', `both rows of the game are ${homeTeamId}`);

  // Spread: each row's line is its own team's; the two must mirror each other.
  const awayLine = onRow(away, () => line(away, 'spread'));
  const homeLine = onRow(home, () => line(home, 'spread'));
  if (Math.abs(awayLine + homeLine) > 1e-9) {
    rejectPair('inconsistent_line', 'spread', `the spreads ${cell(away, 'spread')} (away) and ${cell(home, 'spread')} (home) do not mirror each other`);
  }
  const spreadShares = marketShares(pair, 'spread_share');

  // Total: one row is the over, the other the under, on the same line.
  const awayTotalSide = onRow(away, () => totalSide(away));
  const homeTotalSide = onRow(home, () => totalSide(home));
  if (awayTotalSide === homeTotalSide) rejectPair('invalid_value', 'ou', `both rows of the game say ${cell(away, 'ou')}: one must be Over, the other Under`);
  const awayTotal = onRow(away, () => line(away, 'ou_target'));
  const homeTotal = onRow(home, () => line(home, 'ou_target'));
  for (const [record, total] of [[away, awayTotal], [home, homeTotal]] as const) {
    if (!(total > 0)) onRow(record, () => reject('invalid_line', 'ou_target', `ou_target ${cell(record, 'ou_target')} is not a positive total`));
  }
  if (awayTotal !== homeTotal) {
    rejectPair('inconsistent_line', 'ou_target', `the totals ${cell(away, 'ou_target')} (away row) and ${cell(home, 'ou_target')} (home row) differ`);
  }
  const totalShares = marketShares(pair, 'ou_share');

  const rows = [
    { record: away, side: 'away', teamId: awayTeamId, line: awayLine, totalSide: awayTotalSide, spreadShare: spreadShares.away, totalShare: totalShares.away },
    { record: home, side: 'home', teamId: homeTeamId, line: homeLine, totalSide: homeTotalSide, spreadShare: spreadShares.home, totalShare: totalShares.home },
  ] as const;
  const splits: StagedSplit[] = [];
  for (const row of rows) {
    const spreadPrice = onRow(row.record, () => payout(row.record, 'spread_payout'));
    const totalPrice = onRow(row.record, () => payout(row.record, 'ou_payout'));
    const base = { sourceKey: row.record.contentHash, sport: 'nfl', gameDate, startAt, homeTeamId, awayTeamId, moneyShare: null, observedAt: observed } as const;
    splits.push(
      { ...base, splitSeq: 1, market: 'spread', side: row.side as Side, teamId: row.teamId, line: row.line, betsShare: row.spreadShare, priceDecimal: spreadPrice.decimal, priceText: spreadPrice.text },
      { ...base, splitSeq: 2, market: 'total', side: row.totalSide, teamId: null, line: awayTotal, betsShare: row.totalShare, priceDecimal: totalPrice.decimal, priceText: totalPrice.text },
    );
  }
  return splits;
}
