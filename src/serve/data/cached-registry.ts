/**
 * @module serve/data/cached-registry
 * The model-parameters cache tier (kind `model`, 24 h by default): a view of the store port whose
 * reads of `analytics.model_registry` are answered from the tiered cache. `predictMatchup` loads
 * the latest trained systems through the port on every call (about 5 ms and 50 kB of JSON on
 * DuckDB); serving hands it this port instead, so a prediction miss recomputes the forecast but
 * does not reload the models. A retrain changes the store fingerprint, hence the cache generation,
 * so a new model is read at once. Everything else passes through untouched.
 *
 * It matches the registry's SELECTs by their text, which is narrow on purpose: if predict.ts
 * accepted pre-loaded systems this module would go (a TODO for the models' owners, issue 8).
 */
import type { TieredCache } from '../../cache/tiered-cache.js';
import type { Database, Row, SqlValue } from '../../store/database.js';

const REGISTRY_READ = /^\s*SELECT\b[\s\S]*\bFROM\s+analytics\.model_registry\b/i;

export function withCachedRegistry(db: Database, cache: TieredCache): Database {
  const view: Database = {
    engine: db.engine,
    location: db.location,
    capabilities: db.capabilities,
    async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      if (!REGISTRY_READ.test(sql)) return db.query<T>(sql, params);
      return cache.get<T[]>('model', `registry:${sql}:${JSON.stringify(params.map((p) => (typeof p === 'bigint' ? String(p) : p)))}`, () => db.query<T>(sql, params));
    },
    execute: (sql, params) => db.execute(sql, params),
    exec: (script) => db.exec(script),
    bulkLoad: (table, columns, rows) => db.bulkLoad(table, columns, rows),
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
  };
  return view;
}
