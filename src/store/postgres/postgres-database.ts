/**
 * @module store/postgres/postgres-database
 * The PostgreSQL adapter: a `pg` pool, COPY FROM STDIN for bulk loads, a dedicated client per
 * transaction. Values come back in the same shapes as DuckDB's (numbers, Date, 'YYYY-MM-DD').
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SharplineError } from '../../errors.js';
import type { Database, Row, SqlValue, StoreCapabilities } from '../database.js';
import { CSV_NULL, encodeCsvRow } from '../csv-encode.js';

const CAPABILITIES: StoreCapabilities = { singleWriter: false, concurrentConnections: true, advisoryLocks: true };

// One place decides how PostgreSQL types reach JS, so both adapters return the same shapes.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
    if (oid === 1082 || oid === 114 || oid === 3802) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Connects to `url` and checks the server answers. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 4, types: types as pg.CustomTypesConfig });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new SharplineError('SL_STORE_CONNECT', `cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return new PostgresDatabase(redact(url), pool, null);
}

/** The URL without its password, for messages and `status`. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  readonly capabilities = CAPABILITIES;
  private closed = false;

  constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
    private readonly client: pg.PoolClient | null,
  ) {}

  private get target(): Queryable {
    return this.client ?? this.pool;
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      const result = await this.target.query(sql, params.map((p) => (typeof p === 'bigint' ? p.toString() : p)));
      return (result.rows ?? []) as T[];
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    try {
      const result = await this.target.query(sql, params.map((p) => (typeof p === 'bigint' ? p.toString() : p)));
      return result.rowCount ?? 0;
    } catch (error) {
      throw queryError(error, sql);
    }
  }

  async exec(script: string): Promise<void> {
    try {
      await this.target.query(script);
    } catch (error) {
      throw queryError(error, script);
    }
  }

  async bulkLoad(table: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>): Promise<number> {
    const client = this.client ?? (await this.pool.connect());
    let count = 0;
    function* chunks(): Generator<string> {
      let buffer = '';
      for (const row of rows) {
        buffer += encodeCsvRow(row);
        count++;
        if (buffer.length >= 1 << 20) {
          yield buffer;
          buffer = '';
        }
      }
      if (buffer) yield buffer;
    }
    try {
      const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, NULL '${CSV_NULL}')`;
      await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
      return count;
    } catch (error) {
      throw queryError(error, `COPY ${table}`);
    } finally {
      if (!this.client) client.release();
    }
  }

  async refreshStatistics(): Promise<void> {
    // A table is stale when never analyzed, when it grew by a fifth since (its file size, which is
    // current at once; the activity counters reach pg_stat up to a second late), or when autovacuum's
    // own rule (50 rows + 10% changed) holds. The raw zone is left out: imports read it by key only,
    // and ANALYZE of raw.records takes seconds.
    const stale = await this.query<{ name: string }>(
      `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       WHERE c.relkind = 'r' AND n.nspname IN ('staging', 'curated', 'analytics')
         AND (c.reltuples < 0
              OR pg_relation_size(c.oid) / current_setting('block_size')::int > 1.2 * c.relpages + 8
              OR s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup)
       ORDER BY 1`,
    );
    if (stale.length > 0) await this.exec(`ANALYZE ${stale.map((t) => t.name).join(', ')}`);
  }

  async transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    if (this.client) return work(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresDatabase(this.location, this.pool, client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed || this.client) return;
    this.closed = true;
    await this.pool.end();
  }
}

function queryError(error: unknown, sql: string): SharplineError {
  if (error instanceof SharplineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SharplineError('SL_STORE_QUERY', `PostgreSQL: ${message}`, { cause: error, details: { sql: sql.slice(0, 500) } });
}
