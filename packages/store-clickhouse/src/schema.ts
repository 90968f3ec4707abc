import { sqlIdentifier } from './sql-literal.ts';

/** Where the schema lives: a database on every node, plus Distributed tables when there is a cluster. */
export interface SchemaTarget {
  database: string;
  cluster: string | null;
}

export interface Migration {
  version: number;
  description: string;
  /** Statements to run on one node, in order. Each is idempotent, so a migration cut short can be re-run. */
  statements: (target: SchemaTarget) => string[];
}

/** The table each node records its applied migrations in. Never distributed: it describes that node. */
export const SCHEMA_TABLE = 'parallax_schema';

/**
 * Start day of undated events (no time and never reported): the smallest Int32, so they sort last in
 * newest-first order and fall outside every date range.
 */
export const UNDATED_DAY = -2147483648;

/**
 * Months of the event's start day. ClickHouse keeps a min/max of `start_day` per part because it
 * appears in this expression, so date filters skip whole months. `Date` covers 1970–2105; days
 * outside (and undated events) land in the first or last month, which costs speed, never correctness.
 */
const EVENT_PARTITION = 'toYYYYMM(toDate(toUInt16(greatest(least(start_day, 65535), 0))))';

/** Filter and aggregate columns of an event version, shared by the write table and the events table. */
const EVENT_COLUMNS = `
  id String,
  ver UInt64,
  sign Int8,
  start_day Int32,
  end_day Int32,
  plover String,
  cameo_root String,
  quad UInt8,
  credibility UInt8,
  status String,
  country String,
  admin1 String,
  lat Nullable(Float64),
  lon Nullable(Float64),
  goldstein Float64,
  actor_ids Array(String),
  edge_sources Array(String),
  edge_targets Array(String),
  claim_ids Array(String),
  doc_ids Array(String)`;

const EVENT_COLUMN_NAMES =
  'id, ver, sign, start_day, end_day, plover, cameo_root, quad, credibility, status, country, admin1, lat, lon, goldstein, actor_ids, edge_sources, edge_targets, claim_ids, doc_ids';

/** Tables that get a Distributed table over them, with the key rows are sharded by (null: never inserted through it). */
export const DISTRIBUTED_TABLES: Record<string, string | null> = {
  sources: 'cityHash64(id)',
  actors: 'cityHash64(id)',
  places: 'cityHash64(id)',
  documents: 'cityHash64(id)',
  claims: 'cityHash64(id)',
  claims_by_document: null,
  // Every table fed from event_writes is filled on the shard the event's id hashes to, so an event's
  // versions, body, claim links and cancellations always sit together and shard-local subqueries see them all.
  event_writes: 'cityHash64(id)',
  events: null,
  event_bodies: null,
  event_claims: null,
  event_span: null,
};

function v1(t: SchemaTarget): string[] {
  const db = sqlIdentifier(t.database, 'database');
  const bodyTable = (name: string) =>
    `CREATE TABLE IF NOT EXISTS ${db}.${name}_local (id String, name String, ver UInt64, body String)
     ENGINE = ReplacingMergeTree(ver) ORDER BY id`;
  const statements = [
    bodyTable('sources'),
    bodyTable('actors'),
    bodyTable('places'),
    // Documents are immutable; a retraction writes a new version (higher ver) of the same row.
    `CREATE TABLE IF NOT EXISTS ${db}.documents_local (
       id String, ver UInt64, retrieved_month UInt32, source_id String, syndicated UInt8, published String,
       title String, text String, text_length UInt32, terms String, body String)
     ENGINE = ReplacingMergeTree(ver) PARTITION BY retrieved_month ORDER BY id`,
    `CREATE TABLE IF NOT EXISTS ${db}.claims_local (id String, document_id String, start UInt32, body String)
     ENGINE = ReplacingMergeTree ORDER BY id`,
    `CREATE TABLE IF NOT EXISTS ${db}.claims_by_document_local (document_id String, start UInt32, id String)
     ENGINE = ReplacingMergeTree ORDER BY (document_id, start, id)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.claims_by_document_mv TO ${db}.claims_by_document_local
     AS SELECT document_id, start, id FROM ${db}.claims_local`,
    // Events are written once into a Null table; materialized views fan each row out into the narrow
    // events table (scanned by every filter and aggregate), the bodies (fetched by id), the claim links
    // and the longest span seen. sign = -1 rows cancel an earlier version exactly.
    `CREATE TABLE IF NOT EXISTS ${db}.event_writes_local (${EVENT_COLUMNS}, body String) ENGINE = Null`,
    `CREATE TABLE IF NOT EXISTS ${db}.events_local (${EVENT_COLUMNS})
     ENGINE = CollapsingMergeTree(sign) PARTITION BY ${EVENT_PARTITION} ORDER BY (start_day, id, ver)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.events_mv TO ${db}.events_local
     AS SELECT ${EVENT_COLUMN_NAMES} FROM ${db}.event_writes_local`,
    `CREATE TABLE IF NOT EXISTS ${db}.event_bodies_local (id String, ver UInt64, sign Int8, doc_ids Array(String), body String)
     ENGINE = CollapsingMergeTree(sign) ORDER BY (id, ver) SETTINGS index_granularity = 1024`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.event_bodies_mv TO ${db}.event_bodies_local
     AS SELECT id, ver, sign, doc_ids, body FROM ${db}.event_writes_local`,
    `CREATE TABLE IF NOT EXISTS ${db}.event_claims_local (claim_id String, event_id String, ver UInt64, sign Int8)
     ENGINE = CollapsingMergeTree(sign) ORDER BY (claim_id, event_id, ver)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.event_claims_mv TO ${db}.event_claims_local
     AS SELECT claim_id, id AS event_id, ver, sign FROM ${db}.event_writes_local ARRAY JOIN claim_ids AS claim_id`,
    // The longest event seen (in days) lets a `from` filter also bound start_day, which the index can use.
    `CREATE TABLE IF NOT EXISTS ${db}.event_span_local (span AggregateFunction(max, Int32))
     ENGINE = AggregatingMergeTree ORDER BY tuple()`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.event_span_mv TO ${db}.event_span_local
     AS SELECT maxState(toInt32(end_day - start_day)) AS span FROM ${db}.event_writes_local`,
  ];
  if (t.cluster) {
    const cluster = sqlIdentifier(t.cluster, 'cluster');
    for (const [name, key] of Object.entries(DISTRIBUTED_TABLES)) {
      statements.push(
        `CREATE TABLE IF NOT EXISTS ${db}.${name} AS ${db}.${name}_local
         ENGINE = Distributed(${cluster}, ${db}, ${name}_local${key ? `, ${key}` : ''})`,
      );
    }
  }
  return statements;
}

/** Forward-only, versioned migrations. Add new versions at the end; never edit one that has shipped. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description:
      'sources, actors, places, documents (+search terms), claims, events (collapsing) with bodies, claim links, span',
    statements: v1,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function bootstrapStatements(t: SchemaTarget): string[] {
  const db = sqlIdentifier(t.database, 'database');
  return [
    `CREATE DATABASE IF NOT EXISTS ${db}`,
    `CREATE TABLE IF NOT EXISTS ${db}.${SCHEMA_TABLE} (version UInt32, description String, applied_at DateTime)
     ENGINE = MergeTree ORDER BY version`,
  ];
}
