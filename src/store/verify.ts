/**
 * @module store/verify
 * `sharpline db verify`: the store's physical schema against what the migration files say it
 * should be. The expectation is derived from the files themselves: the `up` SQL of every applied
 * migration, for this engine (`sqlForEngine`), is read statement by statement for CREATE SCHEMA,
 * SEQUENCE, TABLE (with PRIMARY KEY / UNIQUE), VIEW and INDEX, minus what later statements DROP or
 * RENAME. The parser understands exactly the DDL subset the migrations use; a statement it does not
 * recognise that touches the schema (CREATE/DROP/ALTER of something else) is reported as
 * `unparsed`, so a new kind of DDL cannot slip past unnoticed.
 */
import type { Database } from './database.js';
import { migrationStatus, readMigrationFiles, sqlForEngine, type MigrationFile, type MigrationStatus } from './migrator.js';

/** One object the migrations create. Names are lower case, tables and views schema-qualified. */
export type ExpectedObject =
  | { kind: 'schema'; name: string }
  | { kind: 'sequence'; name: string }
  | { kind: 'table'; name: string }
  | { kind: 'view'; name: string }
  | { kind: 'index'; name: string; table: string }
  | { kind: 'primary_key' | 'unique'; table: string; columns: string[] };

export interface VerifyProblem {
  /** missing: expected, not in the store; migration: a migration is not `applied`; unparsed: DDL the verifier cannot read. */
  kind: 'missing' | 'migration' | 'unparsed';
  object: string;
  detail: string;
}

export interface VerifyReport {
  version: 1;
  engine: Database['engine'];
  ok: boolean;
  checked: Record<string, number>;
  migrations: MigrationStatus[];
  problems: VerifyProblem[];
}

/** The ledger table the migrator itself creates (it is in no migration file). */
const LEDGER: ExpectedObject[] = [
  { kind: 'schema', name: 'ops' },
  { kind: 'table', name: 'ops.schema_migrations' },
  { kind: 'primary_key', table: 'ops.schema_migrations', columns: ['version'] },
];

/** A readable name for an expected object (also its identity). */
export function describeObject(o: ExpectedObject): string {
  switch (o.kind) {
    case 'primary_key':
    case 'unique':
      return `${o.kind} ${o.table} (${o.columns.join(', ')})`;
    case 'index':
      return `index ${o.name} on ${o.table}`;
    default:
      return `${o.kind} ${o.name}`;
  }
}

/** Strips `--` comments (the migrations put no `--` inside string literals). */
function stripComments(sql: string): string {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n');
}

/** Splits on commas outside parentheses. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function columnList(text: string): string[] {
  return text.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
}

/** The schema part of a possibly qualified name (`main` when unqualified, as DuckDB defaults). */
function schemaOf(qualified: string): string {
  return qualified.includes('.') ? qualified.split('.')[0]! : 'main';
}

const IDENT = '([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)';

/**
 * What `migrations` create on `engine`, in order, with later DROPs and RENAMEs applied. Returns
 * the objects and any schema statement the parser could not read.
 */
export function expectedSchema(migrations: readonly MigrationFile[], engine: Database['engine']): { objects: ExpectedObject[]; unparsed: string[] } {
  const objects: ExpectedObject[] = [...LEDGER];
  const unparsed: string[] = [];
  const dropTable = (name: string) => {
    for (let i = objects.length - 1; i >= 0; i--) {
      const o = objects[i]!;
      if ((o.kind === 'table' && o.name === name) || ((o.kind === 'index' || o.kind === 'primary_key' || o.kind === 'unique') && o.table === name)) objects.splice(i, 1);
    }
  };
  const drop = (kind: ExpectedObject['kind'], name: string) => {
    const i = objects.findIndex((o) => o.kind === kind && 'name' in o && (o.name === name || o.name.endsWith(`.${name}`)));
    if (i >= 0) objects.splice(i, 1);
  };

  for (const migration of migrations) {
    const sql = stripComments(sqlForEngine(migration.up, engine));
    for (const raw of sql.split(';')) {
      const stmt = raw.trim().replace(/\s+/g, ' ');
      if (!stmt) continue;
      const lower = stmt.toLowerCase();
      let m: RegExpExecArray | null;
      if ((m = new RegExp(`^create schema (?:if not exists )?${IDENT}$`).exec(lower))) {
        objects.push({ kind: 'schema', name: m[1]! });
      } else if ((m = new RegExp(`^create sequence (?:if not exists )?${IDENT}\\b`).exec(lower))) {
        objects.push({ kind: 'sequence', name: m[1]! });
      } else if ((m = new RegExp(`^create (?:or replace )?view (?:if not exists )?${IDENT} as\\b`).exec(lower))) {
        objects.push({ kind: 'view', name: m[1]! });
      } else if ((m = new RegExp(`^create (?:unique )?index (?:if not exists )?${IDENT} on ${IDENT} ?\\(`).exec(lower))) {
        objects.push({ kind: 'index', name: m[1]!, table: m[2]! });
        if (lower.startsWith('create unique index')) {
          objects.push({ kind: 'unique', table: m[2]!, columns: columnList(lower.slice(lower.indexOf('(') + 1, lower.lastIndexOf(')'))) });
        }
      } else if ((m = new RegExp(`^create table (?:if not exists )?${IDENT} ?\\((.*)\\)$`).exec(lower))) {
        const table = m[1]!;
        objects.push({ kind: 'table', name: table });
        for (const item of splitTopLevel(m[2]!)) {
          let c: RegExpExecArray | null;
          if ((c = /^primary key ?\((.*)\)$/.exec(item))) objects.push({ kind: 'primary_key', table, columns: columnList(c[1]!) });
          else if ((c = /^unique ?\((.*)\)$/.exec(item))) objects.push({ kind: 'unique', table, columns: columnList(c[1]!) });
          else if (/^(constraint|check|foreign key)\b/.test(item)) continue;
          else {
            const column = item.split(' ')[0]!;
            if (/\bprimary key\b/.test(item)) objects.push({ kind: 'primary_key', table, columns: [column] });
            else if (/\bunique\b/.test(item)) objects.push({ kind: 'unique', table, columns: [column] });
          }
        }
      } else if ((m = new RegExp(`^create table (?:if not exists )?${IDENT} as\\b`).exec(lower))) {
        objects.push({ kind: 'table', name: m[1]! });
      } else if ((m = new RegExp(`^drop table (?:if exists )?${IDENT}(?: cascade)?$`).exec(lower))) {
        dropTable(m[1]!);
      } else if ((m = new RegExp(`^drop view (?:if exists )?${IDENT}(?: cascade)?$`).exec(lower))) {
        drop('view', m[1]!);
      } else if ((m = new RegExp(`^drop index (?:if exists )?${IDENT}$`).exec(lower))) {
        drop('index', m[1]!.split('.').pop()!);
      } else if ((m = new RegExp(`^drop sequence (?:if exists )?${IDENT}$`).exec(lower))) {
        drop('sequence', m[1]!);
      } else if ((m = new RegExp(`^drop schema (?:if exists )?${IDENT}(?: cascade)?$`).exec(lower))) {
        drop('schema', m[1]!);
      } else if ((m = new RegExp(`^alter table ${IDENT} rename to ([a-z_][a-z0-9_]*)$`).exec(lower))) {
        const from = m[1]!;
        const to = `${schemaOf(from)}.${m[2]!}`;
        for (const o of objects) {
          if (o.kind === 'table' && o.name === from) o.name = to;
          if ((o.kind === 'index' || o.kind === 'primary_key' || o.kind === 'unique') && o.table === from) o.table = to;
        }
      } else if (new RegExp(`^alter table ${IDENT} (add|drop) column\\b`).test(lower)) {
        // Columns are not verified (see the module doc): adding or dropping one changes no object here.
        continue;
      } else if (/^(create|drop|alter)\b/.test(lower)) {
        unparsed.push(`${String(migration.version).padStart(4, '0')}_${migration.name}: ${stmt.slice(0, 120)}`);
      }
      // INSERT / SELECT / UPDATE statements change data, not the schema.
    }
  }
  return { objects, unparsed };
}

/** What the store has, as the same identities `describeObject` gives. */
async function actualObjects(db: Database): Promise<Set<string>> {
  const have = new Set<string>();
  const key = (o: ExpectedObject) => have.add(describeObject(o));
  const system = db.engine === 'postgres' ? `('pg_catalog', 'information_schema', 'pg_toast')` : `('information_schema', 'pg_catalog')`;
  for (const r of await db.query<{ s: string }>(`SELECT schema_name AS s FROM information_schema.schemata WHERE schema_name NOT IN ${system}`)) {
    key({ kind: 'schema', name: r.s.toLowerCase() });
  }
  for (const r of await db.query<{ s: string; t: string; k: string }>(
    `SELECT table_schema AS s, table_name AS t, table_type AS k FROM information_schema.tables WHERE table_schema NOT IN ${system}`,
  )) {
    key({ kind: r.k === 'VIEW' ? 'view' : 'table', name: `${r.s}.${r.t}`.toLowerCase() });
  }
  const sequences =
    db.engine === 'postgres'
      ? await db.query<{ s: string; n: string }>('SELECT sequence_schema AS s, sequence_name AS n FROM information_schema.sequences')
      : await db.query<{ s: string; n: string }>('SELECT schema_name AS s, sequence_name AS n FROM duckdb_sequences()');
  for (const r of sequences) key({ kind: 'sequence', name: `${r.s}.${r.n}`.toLowerCase() });
  const indexes =
    db.engine === 'postgres'
      ? await db.query<{ s: string; n: string; t: string }>('SELECT schemaname AS s, indexname AS n, tablename AS t FROM pg_indexes')
      : await db.query<{ s: string; n: string; t: string }>('SELECT schema_name AS s, index_name AS n, table_name AS t FROM duckdb_indexes()');
  for (const r of indexes) key({ kind: 'index', name: r.n.toLowerCase(), table: `${r.s}.${r.t}`.toLowerCase() });
  if (db.engine === 'postgres') {
    const rows = await db.query<{ s: string; t: string; k: string; c: string }>(
      `SELECT tc.table_schema AS s, tc.table_name AS t, tc.constraint_type AS k,
              string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) AS c
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu
         ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
       WHERE tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
       GROUP BY tc.table_schema, tc.table_name, tc.constraint_name, tc.constraint_type`,
    );
    for (const r of rows) key({ kind: r.k === 'UNIQUE' ? 'unique' : 'primary_key', table: `${r.s}.${r.t}`.toLowerCase(), columns: columnList(r.c) });
  } else {
    const rows = await db.query<{ s: string; t: string; k: string; c: string }>(
      `SELECT schema_name AS s, table_name AS t, constraint_type AS k, array_to_string(constraint_column_names, ',') AS c
       FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')`,
    );
    for (const r of rows) key({ kind: r.k === 'UNIQUE' ? 'unique' : 'primary_key', table: `${r.s}.${r.t}`.toLowerCase(), columns: columnList(r.c) });
  }
  return have;
}

/** Checks the store against its migration files (see the module doc). Changes nothing. */
export async function verifyStore(db: Database, options: { dir?: string } = {}): Promise<VerifyReport> {
  const migrations = await migrationStatus(db, options.dir);
  const problems: VerifyProblem[] = [];
  for (const m of migrations) {
    if (m.state === 'applied') continue;
    const name = `${String(m.version).padStart(4, '0')}_${m.name}`;
    const detail = {
      pending: 'not applied (run: sharpline db migrate)',
      changed: 'the file was edited after it was applied (checksum differs from ops.schema_migrations)',
      missing_file: 'applied in the store, but no such migration file exists',
    }[m.state];
    problems.push({ kind: 'migration', object: name, detail });
  }
  const applied = new Set(migrations.filter((m) => m.state === 'applied' || m.state === 'changed').map((m) => m.version));
  const files = readMigrationFiles(options.dir).filter((f) => applied.has(f.version));
  const { objects, unparsed } = expectedSchema(files, db.engine);
  for (const u of unparsed) problems.push({ kind: 'unparsed', object: u, detail: 'a schema statement the verifier cannot read; extend store/verify.ts' });
  const have = await actualObjects(db);
  const checked: Record<string, number> = {};
  for (const o of objects) {
    checked[o.kind] = (checked[o.kind] ?? 0) + 1;
    const id = describeObject(o);
    if (!have.has(id)) problems.push({ kind: 'missing', object: id, detail: `expected from the migrations, not found in the ${db.engine} store` });
  }
  return { version: 1, engine: db.engine, ok: problems.length === 0, checked, migrations, problems };
}
