/**
 * @module sources/http/types
 * The contract of an HTTP source: which requests cover a window of days, how a response body
 * becomes raw records (one per game, event, transaction, …, each keeping its JSON as received), and
 * how records become staging rows (`format.stage`, the same contract file formats follow). No I/O
 * here: `collect/` fetches and writes.
 */
import type { Sport } from '../../domain/sports.js';
import type { UnreadableRow } from '../csv-reader.js';
import type { SourceFormat, SourceRecord } from '../types.js';

/** Days `start`..`end` inclusive, `YYYY-MM-DD`. */
export interface DateWindow {
  readonly start: string;
  readonly end: string;
}

/** One GET a window needs. `kind` names the endpoint in records and quarantine. */
export interface HttpRequestSpec {
  readonly kind: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | number | undefined>>;
  /** Facts the request implies that the body may not repeat (sport, snapshot asked for, odds format). */
  readonly context: Readonly<Record<string, string>>;
}

/** A response body split into records; a body that is not the documented JSON is one unreadable row. */
export interface ParsedResponse {
  readonly records: SourceRecord[];
  readonly unreadable: UnreadableRow[];
  /** Requests this body calls for next (e.g. game logs of the probable pitchers it names). */
  readonly followUps: HttpRequestSpec[];
}

/** A probable starting pitcher named by a schedule (MLB Stats API). */
export interface StagedProbablePitcher {
  readonly sourceKey: string;
  readonly side: 'home' | 'away';
  readonly sourceGameRef: string;
  readonly gameDate: string;
  readonly teamId: string;
  readonly playerRef: string;
  readonly playerName: string | null;
}

/** A roster transaction (MLB Stats API), injured-list moves flagged. */
export interface StagedTransaction {
  readonly sourceKey: string;
  readonly transactionRef: string;
  readonly playerRef: string | null;
  readonly playerName: string | null;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly transactionDate: string;
  readonly effectiveDate: string | null;
  readonly typeCode: string;
  readonly description: string | null;
  readonly isInjuredList: boolean;
}

/** Rows a source stages beyond the shared staging tables. */
export interface StagedExtras {
  readonly probablePitchers: StagedProbablePitcher[];
  readonly transactions: StagedTransaction[];
}

/** Options a collection passes to an adapter (from config or the command line). */
export interface RequestOptions {
  /** UTC times of day (`HH:MM`) at which historical odds snapshots are taken (The Odds API). */
  readonly snapshotTimes?: readonly string[];
  /** Bookmaker regions (The Odds API), default `us`. */
  readonly regions?: string;
  /** Markets (The Odds API), default `h2h,spreads,totals`. */
  readonly markets?: string;
  /** Live (current) data rather than a historical window: current odds and recent scores. */
  readonly live?: boolean;
}

/** An HTTP source sharpline can collect from. */
export interface HttpSource {
  /** The name on the command line and in `raw.records.source_format`. */
  readonly name: string;
  readonly description: string;
  readonly sports: readonly Sport[];
  readonly defaultBaseUrl: string;
  /** Environment variable holding the API key, when the source needs one. */
  readonly apiKeyEnv?: string;
  /** Query parameter the key goes in. */
  readonly apiKeyParam?: string;
  /** Days per backfill window (one checkpoint each). */
  readonly defaultWindowDays: number;
  /** The requests that cover `window` for `sport`. */
  requests(window: DateWindow, sport: Sport, options: RequestOptions): HttpRequestSpec[];
  /** One response body → records. Never throws on bad input: unparseable bodies are unreadable rows. */
  parse(spec: HttpRequestSpec, body: string, fetchedAt: string): ParsedResponse;
  /** Records → staging rows, rejects with reasons. */
  readonly format: SourceFormat;
  /**
   * A request that lists which sports are in season now (free to call), and how to read it: live
   * polls skip the sports it says are inactive instead of spending quota on empty answers.
   */
  readonly activeSports?: { readonly request: HttpRequestSpec; read(records: readonly SourceRecord[]): Sport[] };
  /** Rows for this source's own staging tables, from records `format.stage` accepted. */
  extras?(records: readonly SourceRecord[], teams: import('../../domain/teams/index.js').TeamRegistry): StagedExtras;
}
