/**
 * @module sources/types
 * The contract every file format implements: turn records as received into typed staging rows
 * (games, quotes, player logs, betting splits, period scores) or a reason for quarantine. No I/O and no business rules beyond
 * reading the source faithfully: dates, codes, prices as that source means them.
 */
import type { TeamRegistry } from '../domain/teams/index.js';
import type { GameStatus, Market, SeasonType, Side, Sport } from '../domain/sports.js';

/** One record as received: cells by column name, exactly as text. */
export interface SourceRecord {
  /** 1-based line number in the file where the record ends (the header is line 1). */
  readonly rowNumber: number;
  readonly payload: Readonly<Record<string, string>>;
  /** sha1 of format, file context and payload: the record's identity across files and runs. */
  readonly contentHash: string;
}

/** Why a record was rejected: a snake_case code, the field at fault, and a sentence for people. */
export interface RowIssue {
  readonly code: string;
  readonly field?: string;
  readonly message: string;
}

/** What a file's name or the command line says about its rows (season, league, …). */
export type FileContext = Readonly<Record<string, string | number>>;

export interface StagedGame {
  readonly sourceKey: string;
  readonly sourceGameRef: string | null;
  readonly sport: Sport;
  readonly league: string;
  readonly season: number;
  readonly seasonType: SeasonType;
  /** Local date at the venue, `YYYY-MM-DD`. */
  readonly gameDate: string;
  /** ISO-8601 UTC instant, when the source gives a start time. */
  readonly startAt: string | null;
  readonly gameNumber: number;
  readonly homeTeamId: string;
  readonly awayTeamId: string;
  readonly isNeutralSite: boolean;
  readonly status: GameStatus;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
}

export interface StagedQuote {
  readonly sourceKey: string;
  /** Position among the quotes that one record yields (stable across re-reads). */
  readonly quoteSeq: number;
  /** `sourceKey` of the staged game this quote prices. */
  readonly gameSourceKey: string;
  readonly book: string;
  readonly market: Market;
  readonly side: Side;
  /** Spread from `side`'s point of view (home −3.5), or the total; null for moneyline. */
  readonly line: number | null;
  /** Decimal odds; null when the source publishes the line without its price. */
  readonly priceDecimal: number | null;
  /** The quote as published: "-110", "+1.5(-116)", "2.10", or just the line "-3". */
  readonly priceText: string;
  readonly observedAt: string | null;
  readonly isOpening: boolean;
  readonly isClosing: boolean;
}

/** One player's line in one game (pitching for now: outs, batters faced, strikeouts, …). */
export interface StagedPlayerLog {
  readonly sourceKey: string;
  readonly sport: Sport;
  /** The source's player id with a prefix naming the id system: `retro:kershcl01`, `mlbam:477132`. */
  readonly playerRef: string;
  readonly playerName: string | null;
  readonly teamId: string;
  readonly opponentTeamId: string;
  readonly isHome: boolean | null;
  readonly gameDate: string;
  readonly gameNumber: number;
  readonly sourceGameRef: string | null;
  readonly started: boolean | null;
  readonly outs: number | null;
  readonly battersFaced: number | null;
  readonly strikeouts: number | null;
  readonly walks: number | null;
  readonly hits: number | null;
  readonly runs: number | null;
  readonly earnedRuns: number | null;
  readonly homeRuns: number | null;
  readonly pitches: number | null;
}

/**
 * One period of a staged game (a quarter, an inning, overtime) with the points each side scored in
 * it, oriented like its game. Periods are numbered from 1; overtime and extra innings come after
 * regulation (NBA overtime is 5, MLB extra innings 10). A side's points are null when it did not
 * play the period (the home half of a 9th not batted) or the source leaves the cell blank.
 */
export interface StagedPeriod {
  /** `sourceKey` of the staged game. */
  readonly sourceKey: string;
  readonly period: number;
  /** As people name it: `q1`…`q4`, `ot`, innings `1`…`9`, `extra`. */
  readonly periodLabel: string;
  readonly homePoints: number | null;
  readonly awayPoints: number | null;
}

/** A pre-game forecast another system published for a staged game (e.g. 538's elo_prob1). */
export interface StagedForecast {
  readonly sourceKey: string;
  readonly gameSourceKey: string;
  readonly system: string;
  readonly homeWinProb: number;
  readonly homeRating: number | null;
  readonly awayRating: number | null;
}

/**
 * One side of a betting split: the share of bets (and money) a side drew at a moment, with the line
 * and price shown then. It names its game by sport, local date and teams (curate finds the game).
 */
export interface StagedSplit {
  readonly sourceKey: string;
  /** Position among the splits one record yields (stable across re-reads). */
  readonly splitSeq: number;
  readonly sport: Sport;
  /** Local date at the venue, `YYYY-MM-DD`. */
  readonly gameDate: string;
  /** Kick-off as an ISO-8601 UTC instant, when the source gives it. */
  readonly startAt: string | null;
  readonly homeTeamId: string;
  readonly awayTeamId: string;
  readonly market: Market;
  readonly side: Side;
  /** The team the side backs (spread, moneyline); null for totals. */
  readonly teamId: string | null;
  /** Spread from `side`'s point of view, or the total; null for moneyline. */
  readonly line: number | null;
  /** Share of bets on this side, 0..1; null when the source shows none. */
  readonly betsShare: number | null;
  /** Share of money (handle) on this side, 0..1; null when the source has none. */
  readonly moneyShare: number | null;
  readonly priceDecimal: number | null;
  /** The price as published, e.g. "-110"; null when none was shown. */
  readonly priceText: string | null;
  /** When the source showed these numbers: ISO-8601 UTC. */
  readonly observedAt: string;
}

/** The staging result for a batch of records; every record not in `rejects` counts as loaded. */
export interface StageOutput {
  readonly games: StagedGame[];
  readonly quotes: StagedQuote[];
  readonly playerLogs?: StagedPlayerLog[];
  readonly forecasts?: StagedForecast[];
  readonly splits?: StagedSplit[];
  /** Per-period scores of the staged games (only those of games that are kept are written). */
  readonly periods?: StagedPeriod[];
  readonly rejects: { record: SourceRecord; issue: RowIssue }[];
}

/** Everything a format may consult while staging. */
export interface StageContext {
  readonly format: string;
  readonly filePath: string;
  readonly fileContext: FileContext;
  readonly teams: TeamRegistry;
}

/** A file format sharpline can import. */
export interface SourceFormat {
  /** The name used on the command line, e.g. `nflverse-games`. */
  readonly name: string;
  readonly description: string;
  /** Columns that must be present in the header, or the whole file is refused. */
  readonly requiredColumns: readonly string[];
  /** Columns required given the file context (e.g. those a `csv --map` mapping names); overrides `requiredColumns`. */
  requiredColumnsFor?(context: FileContext): readonly string[];
  /** The publisher leaves trailing empty cells off some rows: pad them rather than refuse them (see `CsvReadOptions`). */
  readonly padShortRows?: boolean;
  /** Context from the path and options (e.g. the season a file name implies); `{}` when none. */
  fileContext(path: string, options: { season?: number; mapping?: string }): FileContext;
  /** Records of one file, in file order, → staging rows and rejects. */
  stage(records: readonly SourceRecord[], context: StageContext): StageOutput;
}
