/**
 * @module
 * The embedded Store: one SQLite file per workspace, with an in-process columnar index that answers
 * the workbench's aggregates. Implements the core Store port; imports nothing but the core.
 */
export { EventFactsIndex } from './event-facts-index.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export { openDatabase } from './open-database.ts';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
