import type { Database } from 'better-sqlite3';

/**
 * Identifies a Parallax workspace file (`PRLX`), so opening some other SQLite database fails with a
 * clear message instead of quietly adding tables to it.
 */
export const APPLICATION_ID = 0x50524c58;

export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

/**
 * Versioned, forward-only migrations. Each runs in its own transaction together with the bump of
 * `user_version`, so a crash leaves the file at the previous version, never half-migrated.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'sources, documents (+FTS5), claims, events with filter columns, actors, places',
    up: (db) => {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        INSERT INTO meta (key, value) VALUES ('data_version', '0');

        CREATE TABLE sources (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          body TEXT NOT NULL
        ) STRICT;

        CREATE TABLE documents (
          rowid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          source_id TEXT,
          url TEXT,
          title TEXT NOT NULL,
          published TEXT,
          content_hash TEXT NOT NULL,
          syndicated_from TEXT,
          media_type TEXT NOT NULL,
          text TEXT NOT NULL,
          body TEXT NOT NULL
        ) STRICT;
        CREATE INDEX documents_by_published ON documents (published DESC, id);
        CREATE INDEX documents_by_source ON documents (source_id, published DESC, id);
        CREATE INDEX documents_by_hash ON documents (content_hash);
        CREATE INDEX documents_by_url ON documents (url);
        CREATE INDEX documents_by_syndication ON documents (syndicated_from);

        CREATE VIRTUAL TABLE documents_fts USING fts5 (
          title, text, content = 'documents', content_rowid = 'rowid',
          tokenize = 'porter unicode61 remove_diacritics 2'
        );
        -- Dataset slices (raw GDELT/UCDP rows: codes, numbers and URLs) stay out of full-text search:
        -- there are millions of rows and no prose to find in them.
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents
        WHEN new.media_type NOT IN ('text/tab-separated-values', 'text/csv') BEGIN
          INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents
        WHEN old.media_type NOT IN ('text/tab-separated-values', 'text/csv') BEGIN
          INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;

        CREATE TABLE claims (
          rowid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          -- No foreign key: every write is checked against the documents first (checkChanges), and a
          -- per-row key lookup would cost a bulk import more than the insert itself.
          document_id TEXT NOT NULL,
          start INTEGER NOT NULL,
          -- JSON or the compact form of claim-codec.ts; the quote is left out when it is the document
          -- text at [start, end).
          body TEXT NOT NULL
        ) STRICT;
        -- (document_id, start) only: ties on start are few, and the id would add 24 bytes to every entry.
        CREATE INDEX claims_by_document ON claims (document_id, start);

        CREATE TABLE events (
          rowid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          version INTEGER NOT NULL,
          start_day INTEGER,
          end_day INTEGER,
          plover TEXT,
          cameo_root TEXT,
          quad INTEGER,
          credibility INTEGER NOT NULL,
          status TEXT NOT NULL,
          country TEXT,
          admin1 TEXT,
          lat REAL,
          lon REAL,
          goldstein REAL,
          body TEXT NOT NULL
        ) STRICT;
        -- Indexes for the plain-SQL path (lists by time, the filters analysts use most). Aggregates go
        -- through the in-process index instead, so each extra index here only slows imports.
        CREATE INDEX events_by_time ON events (start_day DESC, id);
        CREATE INDEX events_by_version ON events (version);
        CREATE INDEX events_by_plover ON events (plover, start_day);
        CREATE INDEX events_by_credibility ON events (credibility, start_day);
        CREATE INDEX events_by_status ON events (status, start_day);
        CREATE INDEX events_by_country ON events (country, start_day);
        CREATE INDEX events_by_admin1 ON events (admin1, start_day);

        CREATE TABLE event_actors (
          event_rowid INTEGER NOT NULL REFERENCES events (rowid) ON DELETE CASCADE,
          role TEXT NOT NULL,
          actor_id TEXT NOT NULL,
          PRIMARY KEY (event_rowid, role, actor_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX event_actors_by_actor ON event_actors (actor_id, event_rowid);

        CREATE TABLE event_claims (
          event_rowid INTEGER NOT NULL REFERENCES events (rowid) ON DELETE CASCADE,
          claim_id TEXT NOT NULL,
          PRIMARY KEY (event_rowid, claim_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX event_claims_by_claim ON event_claims (claim_id);

        -- Deleted events, so the in-process analytical index can catch up without a full reload.
        CREATE TABLE event_tombstones (version INTEGER NOT NULL, event_rowid INTEGER NOT NULL) STRICT;
        CREATE INDEX event_tombstones_by_version ON event_tombstones (version);

        CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL) STRICT;
        CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL) STRICT;

        -- A persisted copy of the analytical index, so opening a large workspace does not rescan
        -- every event row. Derived data: safe to delete at any time.
        CREATE TABLE facts_snapshot (part TEXT PRIMARY KEY, data BLOB NOT NULL) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: "cluster decisions: analysts' merges and splits of events, replayed by every clustering run",
    up: (db) => {
      db.exec(`
        CREATE TABLE cluster_decisions (id TEXT PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL) STRICT;
        CREATE INDEX cluster_decisions_by_time ON cluster_decisions (at, id);
      `);
    },
  },
  {
    version: 3,
    description: 'timelines by hour and by report time: event hour, first-report day and hour columns',
    up: (db) => {
      db.exec(`
        ALTER TABLE events ADD COLUMN hour INTEGER;
        ALTER TABLE events ADD COLUMN report_day INTEGER;
        ALTER TABLE events ADD COLUMN report_hour INTEGER;
        UPDATE events SET
          hour = CASE WHEN json_extract(body, '$.frame.time.precision') = 'hour'
                      THEN json_extract(body, '$.frame.time.hour') END,
          report_day = CAST(floor(unixepoch(json_extract(body, '$.firstReported')) / 86400.0) AS INTEGER),
          report_hour = CAST(strftime('%H', json_extract(body, '$.firstReported')) AS INTEGER);
        -- The analytical index gained columns: rebuild it from rows on next use.
        DELETE FROM facts_snapshot;
      `);
    },
  },
  {
    version: 4,
    description: 'dataset claims in columns: one segment row per imported slice, found by record number',
    up: (db) => {
      db.exec(`
        -- The claims of one dataset slice (dataset-segment-codec.ts): a row per slice instead of a
        -- row and three index entries per claim. dataset is the id tag (da01 = GDELT events); lo and
        -- hi bound the segment's record numbers.
        CREATE TABLE dataset_segments (
          rowid INTEGER PRIMARY KEY,
          document_id TEXT NOT NULL,
          dataset TEXT NOT NULL,
          count INTEGER NOT NULL,
          lo INTEGER NOT NULL,
          hi INTEGER NOT NULL,
          records BLOB NOT NULL,
          body BLOB NOT NULL
        ) STRICT;
        CREATE INDEX dataset_segments_by_document ON dataset_segments (document_id);
        -- Which segments may hold a record: an R*Tree over (dataset tag number, record range). Its
        -- 32-bit float boxes are rounded outwards, so it can only over-answer; the records blob decides.
        CREATE VIRTUAL TABLE dataset_segment_ranges USING rtree (id, tag_min, tag_max, lo, hi);
      `);
    },
  },
  {
    version: 5,
    description: 'events: drop the filter indexes of the plain-SQL path (the analytical index answers those filters)',
    up: (db) => {
      db.exec(`
        -- Each of these keyed events by (value, day), so a batch of events landed on nearly every leaf
        -- and every commit rewrote the whole index through the WAL: writing 2M events cost 21 GB of
        -- writes per 250k events at the end, against 2.6 GB without them (8,966 vs 30,479 events/s).
        -- Filters and aggregates go through the in-process analytical index, and the plain-SQL path
        -- (a document's events, the benchmark baseline) reads few rows or scans anyway.
        DROP INDEX IF EXISTS events_by_time;
        DROP INDEX IF EXISTS events_by_plover;
        DROP INDEX IF EXISTS events_by_credibility;
        DROP INDEX IF EXISTS events_by_status;
        DROP INDEX IF EXISTS events_by_country;
        DROP INDEX IF EXISTS events_by_admin1;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
