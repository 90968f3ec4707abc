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

/** Filter and aggregate columns of an event version. */
const EVENT_COLUMNS = `
  id String,
  ver UInt64,
  sign Int8,
  start_day Int32,
  end_day Int32,
  hour Int8,
  report_day Int32,
  report_hour Int8,
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

/** Tables that get a Distributed table over them, with the key rows are sharded by. */
export const DISTRIBUTED_TABLES: Record<string, string> = {
  sources: 'cityHash64(id)',
  actors: 'cityHash64(id)',
  places: 'cityHash64(id)',
  documents: 'cityHash64(id)',
  // A claim sits with its document, so "claims whose document is stored" is a shard-local question.
  claims: 'cityHash64(document_id)',
  claims_by_document: 'cityHash64(document_id)',
  cluster_decisions: 'cityHash64(id)',
  // An event's versions, cancellations and index rows hash to one shard, so shard-local subqueries see them all.
  events: 'cityHash64(id)',
  event_days: 'cityHash64(id)',
  event_claims: 'cityHash64(event_id)',
  event_span: 'rand()',
};

/**
 * Version 1. There are no materialized views: a view that fails after its source table was written
 * leaves the two disagreeing, and 18.16 cannot roll either back. Instead each kind of record has one
 * table that is the truth, and the lookup tables beside it (claims by document, the days and claims of
 * each event, the longest span) are written by the client *before* the truth and only ever name
 * candidates that reads check against it. A failed write can leave extra candidates, never missing ones.
 */
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
    // Analyst merges and splits: written once by id, never edited.
    `CREATE TABLE IF NOT EXISTS ${db}.cluster_decisions_local (id String, at String, body String)
     ENGINE = ReplacingMergeTree ORDER BY id`,
    `CREATE TABLE IF NOT EXISTS ${db}.claims_by_document_local (document_id String, start UInt32, id String)
     ENGINE = ReplacingMergeTree ORDER BY (document_id, start, id)`,
    // One row per event version; sign = -1 rows cancel a version exactly (CollapsingMergeTree folds the
    // pairs away in background merges; every read sums sign, so unmerged pairs are already correct).
    // Small granules: a page of events fetches bodies by key, and reads whole granules to do it.
    `CREATE TABLE IF NOT EXISTS ${db}.events_local (${EVENT_COLUMNS}, body String)
     ENGINE = CollapsingMergeTree(sign) PARTITION BY ${EVENT_PARTITION} ORDER BY (start_day, id, ver)
     SETTINGS index_granularity = 1024`,
    // Every start day an event id was ever written with: how a lookup by id finds its rows by key.
    `CREATE TABLE IF NOT EXISTS ${db}.event_days_local (id String, start_day Int32)
     ENGINE = ReplacingMergeTree ORDER BY (id, start_day)`,
    `CREATE TABLE IF NOT EXISTS ${db}.event_claims_local (claim_id String, event_id String)
     ENGINE = ReplacingMergeTree ORDER BY (claim_id, event_id)`,
    // The longest event ever written, in days: lets a from-filter also bound start_day for the index.
    `CREATE TABLE IF NOT EXISTS ${db}.event_span_local (span Int32) ENGINE = MergeTree ORDER BY tuple()`,
  ];
  if (t.cluster) {
    const cluster = sqlIdentifier(t.cluster, 'cluster');
    for (const [name, key] of Object.entries(DISTRIBUTED_TABLES)) {
      statements.push(
        `CREATE TABLE IF NOT EXISTS ${db}.${name} AS ${db}.${name}_local
         ENGINE = Distributed(${cluster}, ${db}, ${name}_local, ${key})`,
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
      'sources, actors, places, documents (+search terms), claims, cluster decisions, events (collapsing) with bodies, claim links, span',
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
