/**
 * @module sources/sbr-mlb
 * SportsbookReview's MLB odds archive (sportsbookreviewsonline, xlsx saved as CSV), one file per
 * season: `Date,Rot,VH,Team,Pitcher,1st,…,9th,Final,Open,Close,RL,Open OU,,Close OU,`.
 * One row per team, visitor then home (see ./pairing.ts); `Date` is `MMDD` with the year taken from
 * the file name (`mlb_odds_sbr_2014.csv`) or `--season`, which overrides it. A pair becomes one
 * game (scores from `Final`), up to ten quotes from book `sportsbookreview` (see ./quotes.ts) and
 * up to two starting pitchers (`Pitcher`, e.g. `CKERSHAW-L`) as player game logs (see ./pitchers.ts):
 * player `sbr:CKERSHAW`, `started` true, keyed by the side's own row; the archive gives no
 * pitching line, so every count is null. A blank (or `UNDECIDED`) cell stages no starter for that
 * side and does not affect the game.
 *
 * Read faithfully, and what is left out:
 * - Innings (`1st`…`9th`) are stored as periods 1–9 (see ./innings.ts): `x` or blank is a
 *   half-inning not played (null); extra innings have no columns, so their runs are stored together
 *   as period 10 `extra`, derived as `Final` − innings 1–9; a cell that is not a whole number ≥ 0
 *   (the archive's three `-1` cells) or innings that cannot make up `Final` quarantine the pair.
 * - Starters are who the archive names; their ids are its text (no player ids in the file), so the
 *   same man written two ways is two players, and they are not matched to other sources' ids.
 * - The archive marks no postseason: see `seasonTypeByDate` (./season.ts).
 * - `Final` = `NL` is a game that was not played that day (e.g. 2016-06-06 NYM@PIT, rained out and
 *   made up next day): quarantined as `no_result`, since its bets were void and it never ended.
 * - Games the archive records tied (suspended or rain-shortened) are kept as published.
 * - A pair whose run lines do not mirror each other (both rows -1.5) is quarantined as
 *   `inconsistent_line`: one of the two cells is wrong and the file cannot say which.
 * - Doubleheaders: the same two teams on the same date get game numbers 1 and 2 in file order
 *   (see ./game-numbers.ts); a third is quarantined as `duplicate_game`.
 */
import type { SeasonType } from '../../domain/sports.js';
import { cell, parseScore, resolveTeamField } from '../fields.js';
import type { FileContext, RowIssue, SourceFormat, SourceRecord, StageContext, StagedGame, StagedPeriod, StagedPlayerLog, StagedQuote } from '../types.js';
import { onRow, pairRejects, pairRows, PairIssueError, rejectPair, type RowPair } from './pairing.js';
import { rowQuotes } from './quotes.js';
import { isSeasonYear, MAX_SEASON, MIN_SEASON, parseMonthDay, seasonFromPath, seasonTypeByDate } from './season.js';
import { runLineCell } from './cells.js';
import { GameNumbers } from './game-numbers.js';
import { inningPeriods } from './innings.js';
import { starterLog } from './pitchers.js';

/** A pair whose date and teams are known: enough to number doubleheaders and find the season's end. */
interface IdentifiedPair {
  readonly pair: RowPair;
  readonly gameDate: string;
  readonly homeTeamId: string;
  readonly awayTeamId: string;
}

export const sbrMlb: SourceFormat = {
  name: 'sbr-mlb',
  description: 'SportsbookReview MLB odds archive: one row per team; scores, opening/closing moneyline, run line, totals, starting pitchers (year from file name or --season)',
  requiredColumns: ['Date', 'Rot', 'VH', 'Team', 'Final', 'Open', 'Close', 'RL', 'Open OU', '_col20', 'Close OU', '_col22'],
  fileContext(path, options): FileContext {
    // Every record's hash includes the season, so the same row text in two seasons is two records.
    const season = options.season ?? seasonFromPath(path);
    return season === undefined ? {} : { season };
  },
  stage(records, context) {
    const games: StagedGame[] = [];
    const quotes: StagedQuote[] = [];
    const playerLogs: StagedPlayerLog[] = [];
    const periods: StagedPeriod[] = [];
    const rejects: { record: SourceRecord; issue: RowIssue }[] = [];

    const season = context.fileContext.season;
    if (!isSeasonYear(season)) {
      const issue: RowIssue = {
        code: 'missing_season',
        field: 'Date',
        message:
          season === undefined
            ? `Date is MMDD without a year and the file name "${context.filePath}" holds none: name it like mlb_odds_sbr_<YEAR>.csv or pass --season`
            : `season ${String(season)} is not a year from ${MIN_SEASON} to ${MAX_SEASON}`,
      };
      return { games, quotes, playerLogs, rejects: records.map((record) => ({ record, issue })) };
    }

    // A row met earlier in this file is counted as a duplicate by the pipeline; pairing skips it,
    // so it neither forms a second game nor breaks its neighbours' pairs.
    const seen = new Set<string>();
    const unique = records.filter((r) => !seen.has(r.contentHash) && seen.add(r.contentHash));
    const { pairs, unpaired } = pairRows(unique);
    rejects.push(...unpaired);

    // Identify pairs (date, teams) in file order, counting every team's games per date on the way.
    const numbers = new GameNumbers();
    const teamKey = (record: SourceRecord) => {
      const code = cell(record, 'Team');
      return context.teams.resolve('mlb', code, parseMonthDay(cell(record, 'Date'), season) ?? '', context.format) ?? code.toUpperCase();
    };
    const skip = (record: SourceRecord) => numbers.skip(cell(record, 'Date'), teamKey(record));
    const units = [...pairs.map((pair) => ({ row: pair.away.rowNumber, pair })), ...unpaired.map(({ record }) => ({ row: record.rowNumber, record }))];
    units.sort((a, b) => a.row - b.row);
    const identified: { identity: IdentifiedPair; gameNumber: number }[] = [];
    for (const unit of units) {
      if (!('pair' in unit)) {
        skip(unit.record);
        continue;
      }
      try {
        const identity = identify(unit.pair, season, context);
        identified.push({ identity, gameNumber: numbers.next(cell(unit.pair.home, 'Date'), identity.homeTeamId, identity.awayTeamId) });
      } catch (error) {
        if (!(error instanceof PairIssueError)) throw error;
        rejects.push(...pairRejects(unit.pair, error));
        skip(unit.pair.away);
        skip(unit.pair.home);
      }
    }

    const seasonType = seasonTypeByDate(identified.map(({ identity }) => identity.gameDate));
    for (const { identity, gameNumber } of identified) {
      try {
        const staged = stagePair(identity, gameNumber, season, seasonType(identity.gameDate));
        games.push(staged.game);
        quotes.push(...staged.quotes);
        playerLogs.push(...staged.playerLogs);
        periods.push(...staged.periods);
      } catch (error) {
        if (!(error instanceof PairIssueError)) throw error;
        rejects.push(...pairRejects(identity.pair, error));
      }
    }
    return { games, quotes, playerLogs, periods, rejects };
  },
};

/** The pair's date and teams, or a pair issue. */
function identify(pair: RowPair, season: number, context: Pick<StageContext, 'teams' | 'format'>): IdentifiedPair {
  const dateText = cell(pair.home, 'Date');
  const gameDate = parseMonthDay(dateText, season);
  if (!gameDate) rejectPair('invalid_date', 'Date', `Date "${dateText}" is not a month and day (MMDD) in ${season}`);
  const awayTeamId = onRow(pair.away, () => resolveTeamField(context.teams, 'mlb', pair.away, 'Team', gameDate, context.format));
  const homeTeamId = onRow(pair.home, () => resolveTeamField(context.teams, 'mlb', pair.home, 'Team', gameDate, context.format));
  if (homeTeamId === awayTeamId) rejectPair('same_team', 'Team', `both rows of the game are ${homeTeamId}`);
  return { pair, gameDate, homeTeamId, awayTeamId };
}

/** One identified pair → its game, quotes, starting pitchers and innings, or a pair issue. */
function stagePair(
  identity: IdentifiedPair,
  gameNumber: number,
  season: number,
  seasonType: SeasonType,
): { game: StagedGame; quotes: StagedQuote[]; playerLogs: StagedPlayerLog[]; periods: StagedPeriod[] } {
  const { pair, gameDate, homeTeamId, awayTeamId } = identity;
  const { away, home } = pair;
  if (gameNumber > 2) {
    rejectPair('duplicate_game', 'Team', `a ${ordinal(gameNumber)} game between ${awayTeamId} and ${homeTeamId} on ${gameDate}: MLB plays at most two a day`);
  }
  if ([away, home].some((r) => /^nl$/i.test(cell(r, 'Final')))) {
    rejectPair('no_result', 'Final', `Final is "NL": the game has no result on ${gameDate} (not played, e.g. postponed), so its bets were void`);
  }
  const awayScore = onRow(away, () => parseScore(away, 'Final', 'mlb'));
  const homeScore = onRow(home, () => parseScore(home, 'Final', 'mlb'));
  if ((awayScore === null) !== (homeScore === null)) {
    rejectPair('partial_score', 'Final', `only the ${awayScore === null ? 'home' : 'visitor'} row has a Final score`);
  }

  const key = home.contentHash;
  const awayQuotes = onRow(away, () => rowQuotes(away, 'away', key));
  const homeQuotes = onRow(home, () => rowQuotes(home, 'home', key));
  const awayRunLine = onRow(away, () => runLineCell(away, 'RL'));
  const homeRunLine = onRow(home, () => runLineCell(home, 'RL'));
  // Each side's run line is read from its own row; the two must mirror each other (-1.5 / +1.5).
  if (awayRunLine && homeRunLine && awayRunLine.line + homeRunLine.line !== 0) {
    rejectPair('inconsistent_line', 'RL', `the run lines "${awayRunLine.text}" (visitor) and "${homeRunLine.text}" (home) do not mirror each other`);
  }
  const periods = inningPeriods(pair, key, awayScore, homeScore);

  const game: StagedGame = {
    sourceKey: key,
    sourceGameRef: `${gameDate}:${cell(away, 'Rot')}-${cell(home, 'Rot')}`,
    sport: 'mlb',
    league: 'MLB',
    season,
    seasonType,
    gameDate,
    startAt: null,
    gameNumber,
    homeTeamId,
    awayTeamId,
    isNeutralSite: pair.isNeutralSite,
    status: homeScore === null ? 'scheduled' : 'final',
    homeScore,
    awayScore,
  };
  const playerLogs = [starterLog(away, 'away', game), starterLog(home, 'home', game)].filter((l): l is StagedPlayerLog => l !== null);
  return { game, quotes: [...awayQuotes, ...homeQuotes], playerLogs, periods };
}

function ordinal(n: number): string {
  return n === 3 ? 'third' : `${n}th`;
}
