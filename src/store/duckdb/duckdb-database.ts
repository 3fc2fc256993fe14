/**
 * @module store/duckdb/duckdb-database
 * The embedded adapter: one DuckDB file, one connection, work serialised through a mutex.
 * DuckDB lets one process write a file; a second one gets `SL_STORE_LOCKED`, never a raw error.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { SharplineError } from '../../errors.js';
import type { Database, Row, SqlValue, StoreCapabilities } from '../database.js';
import { CSV_NULL, encodeCsvRow } from '../csv-encode.js';

const CAPABILITIES: StoreCapabilities = { singleWriter: true, concurrentConnections: false, advisoryLocks: false };

/** Bytes buffered before a CSV chunk is written to the temp file during bulk load. */
const WRITE_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Column names per table (`schema.table`), in table order, for bulk loads through the appender.
 * Shared by a store and its transactions; cleared by every script (migrations change tables).
 */
type TableColumns = Map<string, string[]>;

/** Serialises async work: DuckDB's single connection must not interleave transactions. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** Opens (creating if needed) the DuckDB file at `path`. */
export async function openDuckDb(path: string): Promise<Database> {
  mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) {
      const holder = /PID (\d+)/.exec(message)?.[1];
      throw new SharplineError(
        'SL_STORE_LOCKED',
        `the store ${path} is open for writing in another process${holder ? ` (PID ${holder})` : ''}; ` +
          'stop it, or point SHARPLINE_HOME elsewhere. Nothing was written.',
        { cause: error },
      );
    }
    throw new SharplineError('SL_STORE_CONNECT', `cannot open the DuckDB store ${path}: ${message}`, { cause: error });
  }
  const connection = await instance.connect();
  try {
    await connection.run(settingsSql(process.env));
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  return new DuckDbDatabase(path, instance, connection, new Mutex(), false, new Map());
}

/**
 * Session settings. A checkpoint rewrites the file's compressed blocks; at DuckDB's default (every
 * 16 MB of WAL) an import checkpoints after almost every commit and spent most of its time there
 * (26 s of the soccer import's 64 s), so the WAL may grow to 256 MB first (1 GB measured no faster;
 * the WAL is replayed on open after a crash, and checkpointed on close). Memory is capped (default
 * 512 MB, `SHARPLINE_DUCKDB_MEMORY` to change; DuckDB spills to disk beyond it) instead of DuckDB's
 * 80% of RAM: an embedded store shares the machine.
 */
export function settingsSql(env: NodeJS.ProcessEnv): string {
  const memory = env.SHARPLINE_DUCKDB_MEMORY?.trim() || '512MB';
  if (!/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(memory)) {
    throw new SharplineError('SL_CONFIG', `SHARPLINE_DUCKDB_MEMORY="${memory}" is not a size such as 512MB or 2GB`);
  }
  return `SET checkpoint_threshold = '256MB'; SET memory_limit = '${memory}'`;
}

class DuckDbDatabase implements Database {
  readonly engine = 'duckdb' as const;
  readonly capabilities = CAPABILITIES;
  private closed = false;

  constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly mutex: Mutex,
    private readonly inTransaction: boolean,
    private readonly tableColumns: TableColumns,
  ) {}

  private guarded<T>(work: () => Promise<T>): Promise<T> {
    return this.inTransaction ? work() : this.mutex.run(work);
  }

  query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.guarded(async () => {
      try {
        const reader = await this.connection.runAndReadAll(sql, params.length ? (params as SqlValue[]) : undefined);
        return normaliseRows(reader.columnNames(), reader.columnTypes().map((t) => t.typeId), reader.getRowsJS()) as T[];
      } catch (error) {
        throw queryError(error, sql);
      }
    });
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.guarded(async () => {
      try {
        const result = await this.connection.run(sql, params.length ? (params as SqlValue[]) : undefined);
        return result.rowsChanged;
      } catch (error) {
        throw queryError(error, sql);
      }
    });
  }

  exec(script: string): Promise<void> {
    return this.guarded(async () => {
      this.tableColumns.clear();
      try {
        await this.connection.run(script);
      } catch (error) {
        throw queryError(error, script);
      }
    });
  }

  bulkLoad(table: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>): Promise<number> {
    return this.guarded(async () => {
      // Rows for every column of the table go through DuckDB's appender: values handed over as they
      // are, no CSV to encode, write and parse (the soccer quotes alone: about half the time of
      // CSV + COPY; the whole import 9% faster, with a lower peak RSS). Loads of some of a table's
      // columns (the rest by default) take the CSV + COPY path.
      const order = await this.appendOrder(table, columns);
      if (order) return this.append(table, order, rows);
      const file = join(tmpdir(), `sharpline-load-${randomUUID()}.csv`);
      const fd = openSync(file, 'w');
      let count = 0;
      try {
        // Encoded lines are written through one reused buffer: no multi-megabyte strings to collect.
        const chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
        let used = 0;
        for (const row of rows) {
          const line = encodeCsvRow(row);
          count++;
          if (used + line.length * 3 > WRITE_CHUNK_BYTES) {
            writeSync(fd, chunk, 0, used);
            used = 0;
            if (line.length * 3 > WRITE_CHUNK_BYTES) {
              writeSync(fd, line);
              continue;
            }
          }
          used += chunk.write(line, used);
        }
        if (used) writeSync(fd, chunk, 0, used);
        closeSync(fd);
        if (count === 0) return 0;
        const sql =
          `COPY ${table} (${columns.join(', ')}) FROM '${file.replace(/'/g, "''")}' ` +
          `(FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '${CSV_NULL}', AUTO_DETECT false)`;
        await this.connection.run(sql);
        return count;
      } catch (error) {
        throw queryError(error, `COPY ${table}`);
      } finally {
        try {
          closeSync(fd);
        } catch {
          // already closed on the success path
        }
        rmSync(file, { force: true });
      }
    });
  }

  /**
   * For each of the table's columns in table order, its index in `columns`; null unless `columns`
   * names every column of the table exactly once (the appender fills whole rows).
   */
  private async appendOrder(table: string, columns: readonly string[]): Promise<number[] | null> {
    let names = this.tableColumns.get(table);
    if (!names) {
      const [schema, name] = schemaAndName(table);
      const reader = await this.connection.runAndReadAll(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
        [schema, name],
      );
      names = reader.getRowsJS().map((r) => String(r[0]));
      this.tableColumns.set(table, names);
    }
    if (names.length === 0 || names.length !== columns.length) return null;
    const order = names.map((n) => columns.indexOf(n));
    return order.includes(-1) || new Set(order).size !== order.length ? null : order;
  }

  /** Appends `rows` (values in `columns` order, `order` mapping table order to it) in this transaction. */
  private async append(table: string, order: readonly number[], rows: Iterable<readonly SqlValue[]>): Promise<number> {
    let appender: DuckDBAppender | null = null;
    let count = 0;
    try {
      let kinds: AppendKind[] = [];
      for (const row of rows) {
        if (!appender) {
          const [schema, name] = schemaAndName(table);
          appender = await this.connection.createAppender(name, schema);
          kinds = order.map((_, i) => appendKind(appender!.columnType(i).typeId));
        }
        for (let i = 0; i < order.length; i++) appendValue(appender, kinds[i]!, row[order[i]!]);
        appender.endRow();
        count++;
      }
      appender?.closeSync();
      return count;
    } catch (error) {
      // Pending rows are dropped, never flushed later by the appender's destructor (outside the
      // transaction the caller is about to roll back).
      try {
        appender?.clear();
        appender?.closeSync();
      } catch {
        // closing a failed appender may fail again; its rows are already cleared
      }
      throw queryError(error, `append to ${table} (row ${count + 1})`);
    }
  }

  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.mutex.run(async () => {
      const tx = new DuckDbDatabase(this.location, this.instance, this.connection, this.mutex, true, this.tableColumns);
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(tx);
        await this.connection.run('COMMIT');
        return result;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async refreshStatistics(): Promise<void> {
    // DuckDB updates its table statistics as it writes.
  }

  async close(): Promise<void> {
    if (this.closed || this.inTransaction) return;
    this.closed = true;
    await this.mutex.run(async () => {
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}

/** `schema.table` → [schema, table]; an unqualified name is in `main`. */
function schemaAndName(table: string): [string, string] {
  const dot = table.indexOf('.');
  return dot < 0 ? ['main', table] : [table.slice(0, dot), table.slice(dot + 1)];
}

/** How a column takes a JS value: numbers by their own width, everything else as text DuckDB casts. */
type AppendKind = 'integer' | 'bigint' | 'double' | 'boolean' | 'text';

function appendKind(typeId: DuckDBTypeId): AppendKind {
  switch (typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
      return 'integer';
    case DuckDBTypeId.BIGINT:
      return 'bigint';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'double';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    default:
      // VARCHAR and JSON as they are; DATE, TIMESTAMPTZ, DECIMAL, … cast from their ISO text by DuckDB.
      return 'text';
  }
}

/** One value, the way the CSV path would have read it: null and non-finite numbers are NULL. */
function appendValue(appender: DuckDBAppender, kind: AppendKind, value: SqlValue | undefined): void {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    appender.appendNull();
    return;
  }
  if (typeof value === 'number') {
    if (kind === 'double') appender.appendDouble(value);
    else if (kind === 'integer' && Number.isInteger(value)) appender.appendInteger(value);
    // A 32-bit value goes in as one (DuckDB widens it): no BigInt allocated per row for ids.
    else if (kind === 'bigint' && Number.isInteger(value)) {
      if (Math.abs(value) <= 2147483647) appender.appendInteger(value);
      else appender.appendBigInt(BigInt(value));
    }
    else appender.appendVarchar(String(value));
  } else if (typeof value === 'boolean' && kind === 'boolean') {
    appender.appendBoolean(value);
  } else if (typeof value === 'bigint' && kind === 'bigint') {
    appender.appendBigInt(value);
  } else {
    appender.appendVarchar(String(value));
  }
}

function queryError(error: unknown, sql: string): SharplineError {
  if (error instanceof SharplineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SharplineError('SL_STORE_QUERY', `DuckDB: ${message}`, { cause: error, details: { sql: sql.slice(0, 500) } });
}

/** Maps DuckDB's JS values to the port's: integers as numbers, DATE as 'YYYY-MM-DD'. */
function normaliseRows(names: string[], typeIds: DuckDBTypeId[], rows: unknown[][]): Row[] {
  const out: Row[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r]!;
    const row: Row = {};
    for (let c = 0; c < names.length; c++) {
      let value = src[c];
      if (typeof value === 'bigint') value = Number(value);
      else if (value instanceof Date && typeIds[c] === DuckDBTypeId.DATE) value = value.toISOString().slice(0, 10);
      else if (value !== null && typeof value === 'object' && !(value instanceof Date)) value = String(value);
      row[names[c]!] = value ?? null;
    }
    out[r] = row;
  }
  return out;
}
