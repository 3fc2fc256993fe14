/**
 * @module store
 * The store's public surface: the port, the factory the edges use, and migrations.
 */
export type { Database, Row, SqlValue, StoreCapabilities } from './database.js';
export { openStore, duckDbPath, type StoreEnv, type OpenStoreOptions } from './open-store.js';
export { migrate, rollback, migrationStatus, assertNoDrift, readMigrationFiles, MIGRATIONS_DIR, type MigrationStatus, type MigrationPlan } from './migrator.js';
