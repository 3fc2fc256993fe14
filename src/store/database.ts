/**
 * @module store/database
 * The one port every layer above `store/` talks to. Adapters: DuckDB (embedded, default) and
 * PostgreSQL. SQL is written once in the subset both engines accept, with `$1`-style parameters.
 */

/** A value bound to a `$n` parameter or written by `bulkLoad`. Dates go in as ISO-8601 strings. */
export type SqlValue = string | number | boolean | null | bigint;

/** A result row: column name → value. Integers arrive as `number`, timestamps as `Date`. */
export type Row = Record<string, unknown>;

/** What differs between engines, named so callers branch on a flag, not on an engine name. */
export interface StoreCapabilities {
  /** Only one process may write the store at a time (DuckDB's file lock). Default false. */
  readonly singleWriter: boolean;
  /** Several connections can run at once inside this process (PostgreSQL pool). Default true. */
  readonly concurrentConnections: boolean;
  /** Session-level advisory locks exist (PostgreSQL `pg_advisory_lock`). Default false. */
  readonly advisoryLocks: boolean;
}

/** The store port: query, execute scripts, bulk load, transact, close. */
export interface Database {
  /** `duckdb` or `postgres`: for display and for picking per-engine SQL in migrations only. */
  readonly engine: 'duckdb' | 'postgres';
  /** Where the data lives, for people: a file path or a redacted connection URL. */
  readonly location: string;
  readonly capabilities: StoreCapabilities;
  /** Runs one statement with `$1`… parameters and returns its rows (empty for DML/DDL). */
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one INSERT/UPDATE/DELETE with `$1`… parameters and returns how many rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Appends rows to `table` (schema-qualified) in the order of `columns`, as fast as the engine
   * allows (DuckDB: its appender for whole rows, else CSV file + COPY; PostgreSQL: COPY FROM
   * STDIN). Returns the row count.
   */
  bulkLoad(table: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>): Promise<number>;
  /**
   * Brings the query planner's statistics up to date on the staging, curated and analytics tables
   * that changed much since they were last measured, before analytic reads. PostgreSQL plans a
   * never-analyzed table as if it held a few rows and picks nested loops that take seconds on
   * thousands (a fresh store's MLB backtest: 21 s instead of 6 s); autovacuum catches up only later.
   * DuckDB keeps its statistics as it writes: nothing to do.
   */
  refreshStatistics(): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  /** Releases connections and file locks. Safe to call twice. */
  close(): Promise<void>;
}
