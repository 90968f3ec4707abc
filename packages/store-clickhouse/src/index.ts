/**
 * @module
 * The scale-out Store: ClickHouse (18.16 or newer) over HTTP, on one server or a sharded cluster of
 * Distributed tables. Implements the core Store port; imports nothing but the core and its driver.
 */
export { ClickHouseSchemaError, ClickHouseUnavailableError } from './clickhouse-node.ts';
export {
  type ClickHouseStore,
  type ClickHouseStoreOptions,
  dropClickHouseDatabase,
  openClickHouseStore,
} from './clickhouse-store.ts';
export { ClusterTopology, MIN_SERVER_VERSION } from './cluster-topology.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { sqlIdentifier, sqlNumber, sqlString } from './sql-literal.ts';
export { type ClickHouseStoreUrl, parseStoreUrl, redactStoreUrl } from './store-url.ts';
