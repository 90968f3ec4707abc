import {
  type Actor,
  type ActorEdge,
  type ActorId,
  bucketStart,
  type Claim,
  type ClaimId,
  type ClusterDecision,
  checkChanges,
  type DatasetAppendSummary,
  type Document,
  type DocumentId,
  datasetChunkSize,
  dateFromEpochDay,
  type Event,
  type EventFilter,
  type EventId,
  hourLabel,
  type IsoDate,
  mergeSource,
  type Page,
  type PageRequest,
  type Place,
  type PlaceCount,
  parseEventCursor,
  type SearchHit,
  type Source,
  type SourceId,
  type Store,
  type StoreChanges,
  type StoreInfo,
  sortActorEdges,
  sortPlaceCounts,
  type TimelineBasis,
  type TimelineBucket,
  type TimelineInterval,
  type TimelineStack,
  type WriteSummary,
} from '@parallax/core';
import type { Database, Statement } from 'better-sqlite3';
import { decodeClaim, encodeClaimBody } from './claim-codec.ts';
import { datasetWriter, type EncodedChunk, encodeChunk } from './dataset-append.ts';
import { segmentReader } from './dataset-segments.ts';
import { DatasetWriterThread } from './dataset-writer-client.ts';
import { eventActorRows, eventColumns } from './event-columns.ts';
import { EventFactsIndex, type FactRow } from './event-facts-index.ts';
import { eventFilterSql } from './event-filter-sql.ts';
import { readSnapshot, writeSnapshot } from './facts-snapshot.ts';
import { ftsQuery } from './fts-query.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import { SharedValueSender } from './shared-values.ts';

export interface SqliteStoreOptions {
  /** Path of the workspace database file, or `:memory:`. */
  path: string;
  readonly?: boolean;
  /**
   * How event lists and aggregates are answered: `index` (default) scans the in-process columnar
   * index; `sql` runs plain SQL on the indexed columns (the baseline, and a cross-check in tests).
   */
  analytics?: 'index' | 'sql';
  /**
   * Write a fresh index snapshot once this many events changed since the last one (default 50,000),
   * so the next process to open the workspace loads it instead of rescanning every row.
   */
  snapshotAfter?: number;
  /**
   * Where `appendDatasetChunk` writes: `thread` (default for files) hands encoded chunks to a writer
   * thread with its own connection, so reading and writing overlap; `inline` writes on the caller's.
   */
  bulkWriter?: 'thread' | 'inline';
}

type Row = Record<string, unknown>;

const STACK_COLUMN: Record<TimelineStack, string> = { quadClass: 'e.quad', plover: 'e.plover', status: 'e.status' };

/** The embedded Store: one SQLite file per workspace (WAL), FTS5 over documents, an analytical index for events. */
export function createSqliteStore(options: SqliteStoreOptions): Store & { readonly database: Database } {
  const db = openDatabase(options.path, { readonly: options.readonly ?? false });
  const analytics = options.analytics ?? 'index';
  const snapshotAfter = options.snapshotAfter ?? 50_000;
  const stmts = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let s = stmts.get(sql);
    if (!s) {
      s = db.prepare(sql);
      stmts.set(sql, s);
    }
    return s;
  };

  let index: EventFactsIndex | null = null;
  let indexVersion = -1;
  let changedSinceSnapshot = 0;

  const dataVersion = () => Number((prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as Row).value);

  /** Brings the in-process index up to date with the database, loading the snapshot on first use. */
  const syncIndex = db.transaction((): EventFactsIndex => {
    const version = dataVersion();
    if (!index) {
      const snapshot = readSnapshot(db);
      index = new EventFactsIndex(snapshot?.facts);
      indexVersion = snapshot?.version ?? -1;
    }
    if (version === indexVersion) return index;
    for (const t of prepare('SELECT event_rowid FROM event_tombstones WHERE version > ?').raw().all(indexVersion)) {
      index.remove((t as [number])[0]);
    }
    const counter = { count: 0 };
    index.upsert(factRows(db, indexVersion, counter));
    changedSinceSnapshot += counter.count;
    indexVersion = version;
    return index;
  });

  const currentIndex = (): EventFactsIndex => {
    const idx = syncIndex();
    if (!options.readonly && (changedSinceSnapshot >= snapshotAfter || idx.deadShare > 0.3)) {
      try {
        writeSnapshot(db, idx.snapshot(), indexVersion);
        changedSinceSnapshot = 0;
        index = null;
        indexVersion = -1;
        return syncIndex();
      } catch {
        // The snapshot is a cache: if it cannot be written (disk full, read-only file), queries still work.
      }
    }
    return idx;
  };

  const useIndex = (filter: EventFilter) => analytics === 'index' && !filter.documentId;

  const parse = <T>(row: unknown, extra?: (r: Row) => Partial<T>): T => {
    const r = row as Row;
    return { ...(JSON.parse(r.body as string) as T), ...(extra?.(r) ?? {}) };
  };
  const parseDocument = (row: unknown) => parse<Document>(row, (r) => ({ text: r.text as string }));

  /**
   * Rebuilds claims from rows, fetching each cited document's text at most once per call for the
   * quotes the bodies left out (claims of one document are usually read together).
   */
  const claimReader = () => {
    const texts = new Map<string, string>();
    const quoteOf = (documentId: string, start: number, end: number) => {
      let text = texts.get(documentId);
      if (text === undefined) {
        text = ((prepare('SELECT text FROM documents WHERE id = ?').get(documentId) as Row | undefined)?.text ??
          '') as string;
        if (texts.size > 8) texts.clear();
        texts.set(documentId, text);
      }
      return text.slice(start, end);
    };
    return (r: Row): Claim =>
      decodeClaim(r.id as string, r.document_id as string, r.start as number, r.body as string, quoteOf);
  };

  const segments = segmentReader(db, options.path);

  /** Claim order of every listing: by document, then start, then id. */
  const compareClaims = (a: Claim, b: Claim) =>
    a.documentId < b.documentId
      ? -1
      : a.documentId > b.documentId
        ? 1
        : a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  /** Every claim citing a document, from claim rows and segments, in claim order. */
  const claimsOfDocument = (documentId: string): Claim[] => {
    const read = claimReader();
    const rows = prepare('SELECT id, document_id, start, body FROM claims WHERE document_id = ?').all(
      documentId,
    ) as Row[];
    const out = rows.map(read);
    const fromSegments = segments.ofDocument(documentId);
    if (fromSegments.length) out.push(...fromSegments);
    return out.sort(compareClaims);
  };

  const claimById = (id: string): Claim | null => {
    const r = prepare('SELECT id, document_id, start, body FROM claims WHERE id = ?').get(id) as Row | undefined;
    return r ? claimReader()(r) : segments.get(id);
  };

  /** The smallest document id above `after` that any claim cites. */
  const nextClaimDocument = (after: string | null): string | null => {
    const row = (
      after === null
        ? prepare('SELECT min(document_id) AS d FROM claims').get()
        : prepare('SELECT min(document_id) AS d FROM claims WHERE document_id > ?').get(after)
    ) as { d: string | null };
    const fromSegments = segments.nextDocument(after);
    if (row.d === null) return fromSegments;
    if (fromSegments === null) return row.d;
    // Strings: the smaller id in code-unit order, as SQLite orders them.
    if (row.d < fromSegments) return row.d;
    return fromSegments;
  };

  /**
   * All claims in claim order from a keyset cursor (`k:` + JSON [documentId, start, id]): walks the
   * cited documents in id order, so a page costs what it returns, however many claims there are.
   */
  const listAllClaims = (page: PageRequest): Page<Claim> => {
    const total = (prepare('SELECT count(*) AS n FROM claims').get() as Row).n as number;
    const after =
      page.cursor?.startsWith('k:') === true ? (JSON.parse(page.cursor.slice(2)) as [string, number, string]) : null;
    const items: Claim[] = [];
    let documentId = after ? after[0] : nextClaimDocument(null);
    let more = false;
    while (documentId !== null) {
      for (const c of claimsOfDocument(documentId)) {
        if (after && c.documentId === after[0] && (c.start < after[1] || (c.start === after[1] && c.id <= after[2])))
          continue;
        if (items.length === page.limit) {
          more = true;
          break;
        }
        items.push(c);
      }
      if (more) break;
      documentId = nextClaimDocument(documentId);
      if (items.length === page.limit) {
        more = documentId !== null;
        break;
      }
    }
    const last = items.at(-1);
    return {
      items,
      next: more && last ? `k:${JSON.stringify([last.documentId, last.start, last.id])}` : null,
      total: total + segments.count(),
    };
  };

  const fetchEvents = (rowids: number[]): Event[] => {
    if (!rowids.length) return [];
    const byRowid = new Map<number, Event>();
    for (let i = 0; i < rowids.length; i += 500) {
      const chunk = rowids.slice(i, i + 500);
      const rows = db
        .prepare(`SELECT rowid, body FROM events WHERE rowid IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk);
      for (const r of rows as Row[]) byRowid.set(r.rowid as number, JSON.parse(r.body as string) as Event);
    }
    return rowids.map((id) => byRowid.get(id)).filter((e): e is Event => e !== undefined);
  };

  const applyTx = db.transaction((changes: StoreChanges): WriteSummary => {
    checkChanges(changes, {
      hasDocument: (id) => prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined,
      hasClaim: (id) => prepare('SELECT 1 FROM claims WHERE id = ?').get(id) !== undefined || segments.has(id),
      documentLength: (id) => {
        const r = prepare('SELECT length(text) AS n FROM documents WHERE id = ?').get(id) as Row | undefined;
        return r ? (r.n as number) : null;
      },
    });
    const summary: WriteSummary = { inserted: 0, updated: 0, unchanged: 0 };
    const count = (result: 'inserted' | 'updated' | 'unchanged') => {
      summary[result]++;
    };

    for (const s of changes.sources ?? []) {
      const old = prepare('SELECT body FROM sources WHERE id = ?').get(s.id) as Row | undefined;
      const next = old ? mergeSource(JSON.parse(old.body as string) as Source, s) : s;
      count(upsertBody('sources', next.id, next.name, next, old?.body as string | undefined));
    }

    for (const d of changes.documents ?? []) count(insertDocument(d) ? 'inserted' : 'unchanged');
    for (const a of changes.actors ?? []) {
      const old = prepare('SELECT body FROM actors WHERE id = ?').get(a.id) as Row | undefined;
      count(upsertBody('actors', a.id, a.name, a, old?.body as string | undefined));
    }
    for (const p of changes.places ?? []) {
      const old = prepare('SELECT body FROM places WHERE id = ?').get(p.id) as Row | undefined;
      count(upsertBody('places', p.id, p.name, p, old?.body as string | undefined));
    }
    const insertClaim = prepare('INSERT OR IGNORE INTO claims (id, document_id, start, body) VALUES (?, ?, ?, ?)');
    const newTexts = new Map((changes.documents ?? []).map((d) => [d.id as string, d.text]));
    for (const c of changes.claims ?? []) {
      // A dataset record already stored in columns is the same claim: left as it is.
      if (segments.has(c.id)) {
        count('unchanged');
        continue;
      }
      const text = newTexts.get(c.documentId);
      const body = encodeClaimBody(c, text !== undefined && text.slice(c.start, c.end) === c.quote);
      count(insertClaim.run(c.id, c.documentId, c.start, body).changes ? 'inserted' : 'unchanged');
    }

    const touchesEvents = (changes.events?.length ?? 0) > 0 || (changes.removeEventIds?.length ?? 0) > 0;
    const version = touchesEvents ? dataVersion() + 1 : 0;
    for (const id of changes.removeEventIds ?? []) {
      const r = prepare('SELECT rowid FROM events WHERE id = ?').get(id) as Row | undefined;
      if (!r) continue;
      prepare('DELETE FROM events WHERE rowid = ?').run(r.rowid);
      prepare('INSERT INTO event_tombstones (version, event_rowid) VALUES (?, ?)').run(version, r.rowid);
      count('updated');
    }
    for (const e of changes.events ?? []) {
      const body = JSON.stringify(e);
      const old = prepare('SELECT rowid, body FROM events WHERE id = ?').get(e.id) as Row | undefined;
      if (old && old.body === body) {
        count('unchanged');
        continue;
      }
      const c = eventColumns(e);
      const values = [
        version,
        c.startDay,
        c.endDay,
        c.plover,
        c.cameoRoot,
        c.quad,
        c.credibility,
        c.status,
        c.country,
        c.admin1,
        c.lat,
        c.lon,
        c.goldstein,
        c.hour,
        c.reportDay,
        c.reportHour,
        body,
      ];
      let rowid: number;
      if (old) {
        rowid = old.rowid as number;
        prepare(
          `UPDATE events SET version = ?, start_day = ?, end_day = ?, plover = ?, cameo_root = ?, quad = ?, credibility = ?,
           status = ?, country = ?, admin1 = ?, lat = ?, lon = ?, goldstein = ?, hour = ?, report_day = ?, report_hour = ?, body = ?
           WHERE rowid = ?`,
        ).run(...values, rowid);
        prepare('DELETE FROM event_actors WHERE event_rowid = ?').run(rowid);
        prepare('DELETE FROM event_claims WHERE event_rowid = ?').run(rowid);
        count('updated');
      } else {
        rowid = Number(
          prepare(
            `INSERT INTO events (id, version, start_day, end_day, plover, cameo_root, quad, credibility, status, country,
             admin1, lat, lon, goldstein, hour, report_day, report_hour, body)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(e.id, ...values).lastInsertRowid,
        );
        count('inserted');
      }
      const insertActor = prepare('INSERT OR IGNORE INTO event_actors (event_rowid, role, actor_id) VALUES (?, ?, ?)');
      for (const a of eventActorRows(e)) insertActor.run(rowid, a.role, a.actorId);
      const insertClaimLink = prepare('INSERT OR IGNORE INTO event_claims (event_rowid, claim_id) VALUES (?, ?)');
      for (const id of e.claimIds) insertClaimLink.run(rowid, id);
    }
    if (touchesEvents) prepare("UPDATE meta SET value = ? WHERE key = 'data_version'").run(String(version));

    for (const g of changes.grades ?? []) {
      const old = prepare('SELECT body FROM sources WHERE id = ?').get(g.sourceId) as Row | undefined;
      if (!old) continue;
      const s = {
        ...(JSON.parse(old.body as string) as Source),
        reliability: g.reliability,
        reliabilityRationale: g.rationale,
      };
      prepare('UPDATE sources SET body = ? WHERE id = ?').run(JSON.stringify(s), g.sourceId);
      count('updated');
    }
    for (const d of changes.discredits ?? []) {
      const old = prepare('SELECT body FROM sources WHERE id = ?').get(d.sourceId) as Row | undefined;
      if (!old) continue;
      const s = { ...(JSON.parse(old.body as string) as Source), discredited: { at: d.at, reason: d.reason } };
      prepare('UPDATE sources SET body = ? WHERE id = ?').run(JSON.stringify(s), d.sourceId);
      count('updated');
    }
    const insertDecision = prepare('INSERT OR IGNORE INTO cluster_decisions (id, at, body) VALUES (?, ?, ?)');
    for (const d of changes.clusterDecisions ?? []) {
      count(insertDecision.run(d.id, d.at, JSON.stringify(d)).changes ? 'inserted' : 'unchanged');
    }
    return summary;
  });

  /** Inserts a document unless its id is stored (documents are immutable); returns whether it did. */
  function insertDocument(d: Document): boolean {
    const { text, ...rest } = d;
    return (
      prepare(
        `INSERT OR IGNORE INTO documents (id, source_id, url, title, published, content_hash, syndicated_from, media_type, text, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        d.id,
        d.sourceId,
        d.url,
        d.title,
        d.published,
        d.contentHash,
        d.syndicatedFrom,
        d.mediaType,
        text,
        JSON.stringify(rest),
      ).changes > 0
    );
  }

  // The bulk path: chunks are checked and encoded here, then written by a writer thread with its own
  // connection, so an import parses the next chunk while the previous one is written. In-memory and
  // read-only stores (and `bulkWriter: 'inline'`) write on this thread.
  const threaded = (options.bulkWriter ?? 'thread') === 'thread' && options.path !== ':memory:' && !options.readonly;
  let inlineWriter: ((chunk: EncodedChunk) => DatasetAppendSummary) | null = null;
  let writerThread: DatasetWriterThread | null = null;
  /** What the writer thread knows of dataset tables' shared values; lives and dies with the thread. */
  let sharedValues: SharedValueSender | null = null;
  let appendedInline = 0;
  let sentToThread = false;
  /** A first dataset chunk this large starts the writer thread at once. */
  const EARLY_WRITER_ROWS = 2_000;

  function upsertBody(table: 'sources' | 'actors' | 'places', id: string, name: string, value: unknown, old?: string) {
    const body = JSON.stringify(value);
    if (old === body) return 'unchanged' as const;
    prepare(
      `INSERT INTO ${table} (id, name, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body`,
    ).run(id, name, body);
    return old === undefined ? ('inserted' as const) : ('updated' as const);
  }

  const offsetOf = (page: PageRequest) => (page.cursor ? Number(page.cursor.replace(/^o:/, '')) || 0 : 0);
  const offsetNext = (offset: number, got: number, total: number) =>
    offset + got < total ? `o:${offset + got}` : null;

  const sqlListEvents = (filter: EventFilter, page: PageRequest): Page<Event> => {
    const cond = eventFilterSql(filter, segments.claimIdsOfDocument);
    const total = (db.prepare(`SELECT count(*) AS n FROM events e WHERE ${cond.where}`).get(...cond.params) as Row)
      .n as number;
    let where = cond.where;
    const params = [...cond.params];
    const after = page.cursor ? parseEventCursor(page.cursor) : null;
    if (after) {
      if (after.day === Number.NEGATIVE_INFINITY) {
        where += ' AND e.start_day IS NULL AND e.id > ?';
        params.push(after.id);
      } else {
        where += ' AND (e.start_day < ? OR e.start_day IS NULL OR (e.start_day = ? AND e.id > ?))';
        params.push(after.day, after.day, after.id);
      }
    }
    const rows = db
      .prepare(
        `SELECT e.rowid AS rowid, e.start_day AS day, e.id AS id FROM events e WHERE ${where}
         ORDER BY e.start_day IS NULL, e.start_day DESC, e.id LIMIT ?`,
      )
      .all(...params, page.limit + 1) as Row[];
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      items: fetchEvents(pageRows.map((r) => r.rowid as number)),
      next: last && rows.length > page.limit ? `${last.day ?? 'none'}~${last.id}` : null,
      total,
    };
  };

  const sqlTimeline = (
    filter: EventFilter,
    interval: TimelineInterval | 'hour',
    stack: TimelineStack,
    basis: TimelineBasis,
  ): TimelineBucket[] => {
    const cond = eventFilterSql(filter, segments.claimIdsOfDocument);
    const dayCol = basis === 'event' ? 'e.start_day' : 'e.report_day';
    const hourCol = basis === 'event' ? 'e.hour' : 'e.report_hour';
    const hourly = interval === 'hour';
    const rows = db
      .prepare(
        `SELECT ${dayCol} AS day, ${hourly ? hourCol : '0'} AS h, ${STACK_COLUMN[stack]} AS k, count(*) AS n FROM events e
         WHERE ${cond.where} AND ${dayCol} IS NOT NULL ${hourly ? `AND ${hourCol} IS NOT NULL` : ''} GROUP BY 1, 2, 3`,
      )
      .raw()
      .all(...cond.params) as [number, number, string | number | null, number][];
    const buckets = new Map<number, TimelineBucket>();
    for (const [day, hour, k, n] of rows) {
      const start = hourly ? day * 24 + hour : bucketStart(day, interval);
      let b = buckets.get(start);
      if (!b) {
        b = { date: (hourly ? hourLabel(day, hour) : dateFromEpochDay(start)) as IsoDate, counts: {}, total: 0 };
        buckets.set(start, b);
      }
      const key = k === null ? 'none' : String(k);
      b.counts[key] = (b.counts[key] ?? 0) + n;
      b.total += n;
    }
    return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
  };

  const sqlPlaceCounts = (filter: EventFilter, level: 'admin1' | 'country'): PlaceCount[] => {
    const cond = eventFilterSql(filter, segments.claimIdsOfDocument);
    const col = level === 'admin1' ? 'e.admin1' : 'e.country';
    const rows = db
      .prepare(
        `SELECT ${col} AS code, count(*) AS count FROM events e WHERE ${cond.where} AND ${col} IS NOT NULL GROUP BY 1`,
      )
      .all(...cond.params) as PlaceCount[];
    return sortPlaceCounts(rows);
  };

  const sqlActorEdges = (filter: EventFilter, limit: number): ActorEdge[] => {
    const cond = eventFilterSql(filter, segments.claimIdsOfDocument);
    const rows = db
      .prepare(
        `SELECT s.actor_id AS source, t.actor_id AS target, count(*) AS count, total(e.goldstein) AS g,
                sum(e.quad = 1) AS q1, sum(e.quad = 2) AS q2, sum(e.quad = 3) AS q3, sum(e.quad = 4) AS q4
         FROM events e
         JOIN event_actors s ON s.event_rowid = e.rowid AND s.role = 'source'
         JOIN event_actors t ON t.event_rowid = e.rowid AND t.role = 'target'
         WHERE ${cond.where} AND s.actor_id <> t.actor_id
         GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?`,
      )
      .all(...cond.params, limit) as Row[];
    return sortActorEdges(
      rows.map((r) => ({
        source: r.source as ActorId,
        target: r.target as ActorId,
        count: r.count as number,
        goldsteinSum: r.g as number,
        quadCounts: [Number(r.q1 ?? 0), Number(r.q2 ?? 0), Number(r.q3 ?? 0), Number(r.q4 ?? 0)],
      })),
    );
  };

  return {
    database: db,

    async apply(changes) {
      return applyTx(changes);
    },
    expectDatasetAppends() {
      // Booting the thread takes a few hundred ms; started now, it is ready by the first slice, so
      // no slice is written on this thread (into this connection's page cache) while it boots.
      if (threaded && !writerThread) {
        writerThread = new DatasetWriterThread(options.path);
        sharedValues = new SharedValueSender();
      }
    },
    async appendDatasetChunk(chunk) {
      // The first chunk is written here: a small file is done before a thread would have started.
      // From the second on (or the first, when it is large and so announces a large file) the thread
      // starts; chunks are written here until it has booted (a few hundred ms), then all go to it, in
      // order (a chunk written here is committed before this returns).
      if (threaded && !writerThread && (appendedInline > 0 || datasetChunkSize(chunk) >= EARLY_WRITER_ROWS)) {
        writerThread = new DatasetWriterThread(options.path);
        sharedValues = new SharedValueSender();
      }
      if (writerThread && (writerThread.ready || sentToThread)) {
        // The slices written here while the thread booted stay in this connection's page cache
        // (up to 256 MB, kept for reads): let them go, so an import's memory does not keep them.
        if (!sentToThread && appendedInline > 0) db.pragma('shrink_memory');
        sentToThread = true;
        return writerThread.write(encodeChunk(chunk, sharedValues ?? undefined), chunk.memory?.reuse);
      }
      const encoded = encodeChunk(chunk);
      inlineWriter ??= datasetWriter(db, segments.has);
      appendedInline++;
      return inlineWriter(encoded);
    },

    async getSource(id) {
      const r = prepare('SELECT body FROM sources WHERE id = ?').get(id);
      return r ? parse<Source>(r) : null;
    },
    async listSources() {
      return (prepare('SELECT body FROM sources ORDER BY name COLLATE NOCASE, id').all() as Row[])
        .map((r) => parse<Source>(r))
        .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
    },

    async getDocument(id) {
      const r = prepare('SELECT body, text FROM documents WHERE id = ?').get(id);
      return r ? parseDocument(r) : null;
    },
    async listDocuments(query, page) {
      const clauses: string[] = [];
      const params: string[] = [];
      if (query.sourceId) {
        clauses.push('source_id = ?');
        params.push(query.sourceId);
      }
      if (query.syndicated !== undefined)
        clauses.push(query.syndicated ? 'syndicated_from IS NOT NULL' : 'syndicated_from IS NULL');
      const where = clauses.length ? clauses.join(' AND ') : '1';
      const total = (db.prepare(`SELECT count(*) AS n FROM documents WHERE ${where}`).get(...params) as Row)
        .n as number;
      const offset = offsetOf(page);
      const rows = db
        .prepare(
          `SELECT body, text FROM documents WHERE ${where}
           ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?`,
        )
        .all(...params, page.limit, offset);
      return { items: rows.map(parseDocument), next: offsetNext(offset, rows.length, total), total };
    },
    async searchDocuments(text, page) {
      const match = ftsQuery(text);
      if (!match) return { items: [], next: null, total: 0 };
      const total = (prepare('SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ?').get(match) as Row)
        .n as number;
      const offset = offsetOf(page);
      const rows = prepare(
        `SELECT d.body AS body, snippet(documents_fts, -1, '[', ']', '…', 24) AS snippet, bm25(documents_fts) AS score
         FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
         WHERE documents_fts MATCH ? ORDER BY score, d.id LIMIT ? OFFSET ?`,
      ).all(match, page.limit, offset) as Row[];
      const items: SearchHit[] = rows.map((r) => {
        const d = JSON.parse(r.body as string) as Document;
        return {
          document: { id: d.id, title: d.title, url: d.url, publisher: d.publisher, published: d.published },
          snippet: r.snippet as string,
          // bm25 is lower-is-better; flip it so every store reports higher-is-better.
          score: -(r.score as number),
        };
      });
      return { items, next: offsetNext(offset, items.length, total), total };
    },
    async retractDocument(id, reason, at) {
      const r = prepare('SELECT body FROM documents WHERE id = ?').get(id) as Row | undefined;
      if (!r) return false;
      const body = { ...(JSON.parse(r.body as string) as Document), retracted: { at, reason } };
      prepare('UPDATE documents SET body = ? WHERE id = ?').run(JSON.stringify(body), id);
      return true;
    },

    async getClaim(id) {
      return claimById(id);
    },
    async listClaims(query, page) {
      if (!query.documentId && !query.eventId) return listAllClaims(page);
      let list: Claim[];
      if (query.eventId) {
        const ids = (
          prepare(
            'SELECT ec.claim_id AS id FROM event_claims ec JOIN events e ON e.rowid = ec.event_rowid WHERE e.id = ?',
          ).all(query.eventId) as Row[]
        ).map((r) => r.id as string);
        list = ids.map(claimById).filter((c): c is Claim => c !== null);
        if (query.documentId) list = list.filter((c) => c.documentId === query.documentId);
        list.sort(compareClaims);
      } else list = claimsOfDocument(query.documentId as string);
      const offset = offsetOf(page);
      const items = list.slice(offset, offset + page.limit);
      return { items, next: offsetNext(offset, items.length, list.length), total: list.length };
    },

    async getEvent(id) {
      const r = prepare('SELECT body FROM events WHERE id = ?').get(id);
      return r ? parse<Event>(r) : null;
    },
    async listEvents(filter, page) {
      if (!useIndex(filter)) return sqlListEvents(filter, page);
      const result = currentIndex().page(filter, page.limit, page.cursor ?? null);
      return { items: fetchEvents(result.rowids), next: result.next, total: result.total };
    },
    async countEvents(filter) {
      if (useIndex(filter)) return currentIndex().countMatching(filter);
      const cond = eventFilterSql(filter, segments.claimIdsOfDocument);
      return (db.prepare(`SELECT count(*) AS n FROM events e WHERE ${cond.where}`).get(...cond.params) as Row)
        .n as number;
    },
    async eventIdsForClaims(claimIds: ClaimId[]) {
      const ids = new Set<EventId>();
      for (let i = 0; i < claimIds.length; i += 500) {
        const chunk = claimIds.slice(i, i + 500);
        const rows = db
          .prepare(
            `SELECT DISTINCT e.id AS id FROM event_claims ec JOIN events e ON e.rowid = ec.event_rowid
             WHERE ec.claim_id IN (${chunk.map(() => '?').join(',')})`,
          )
          .all(...chunk) as Row[];
        for (const r of rows) ids.add(r.id as EventId);
      }
      return [...ids].sort();
    },

    async listClusterDecisions() {
      return (prepare('SELECT body FROM cluster_decisions ORDER BY at, id').all() as Row[]).map((r) =>
        parse<ClusterDecision>(r),
      );
    },

    async getActor(id) {
      const r = prepare('SELECT body FROM actors WHERE id = ?').get(id);
      return r ? parse<Actor>(r) : null;
    },
    async listActors() {
      return (prepare('SELECT body FROM actors').all() as Row[])
        .map((r) => parse<Actor>(r))
        .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
    },
    async getPlace(id) {
      const r = prepare('SELECT body FROM places WHERE id = ?').get(id);
      return r ? parse<Place>(r) : null;
    },
    async listPlaces() {
      return (prepare('SELECT body FROM places').all() as Row[])
        .map((r) => parse<Place>(r))
        .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
    },

    async timeline(filter, interval, stack, basis = 'event') {
      return useIndex(filter)
        ? currentIndex().timeline(filter, interval, stack, basis)
        : sqlTimeline(filter, interval, stack, basis);
    },
    async placeCounts(filter, level) {
      return useIndex(filter) ? currentIndex().placeCounts(filter, level) : sqlPlaceCounts(filter, level);
    },
    async actorEdges(filter, limit) {
      return useIndex(filter) ? currentIndex().actorEdges(filter, limit) : sqlActorEdges(filter, limit);
    },

    async info(): Promise<StoreInfo> {
      const n = (table: string) => (prepare(`SELECT count(*) AS n FROM ${table}`).get() as Row).n as number;
      return {
        kind: 'sqlite',
        location: options.path,
        schemaVersion: SCHEMA_VERSION,
        counts: {
          sources: n('sources'),
          documents: n('documents'),
          claims: n('claims') + segments.count(),
          events: n('events'),
          actors: n('actors'),
          places: n('places'),
        },
      };
    },
    async close() {
      if (writerThread) await writerThread.close();
      writerThread = null;
      sentToThread = false;
      if (db.open) db.close();
    },
  };
}

/**
 * Streams the filter columns of every event written after `sinceVersion`, with its actors folded
 * into one string by a correlated subquery: better-sqlite3 cannot run a second query while an
 * iterator is open, and one query per event would be far slower.
 */
function* factRows(db: Database, sinceVersion: number, counter: { count: number }): Generator<FactRow> {
  const events = db
    .prepare(
      `SELECT e.rowid, e.id, e.start_day, e.end_day, e.plover, e.cameo_root, e.quad, e.credibility, e.status, e.country,
              e.admin1, e.lat, e.lon, e.goldstein, e.hour, e.report_day, e.report_hour,
              (SELECT group_concat(a.role || char(31) || a.actor_id, char(30)) FROM event_actors a WHERE a.event_rowid = e.rowid)
       FROM events e WHERE e.version > ?`,
    )
    .raw()
    .iterate(sinceVersion) as IterableIterator<unknown[]>;
  for (const r of events) {
    const actors: FactRow['actors'] = [];
    const packed = r[17] as string | null;
    if (packed) {
      for (const pair of packed.split('\u001e')) {
        const cut = pair.indexOf('\u001f');
        actors.push({ role: pair.slice(0, cut) as FactRow['actors'][number]['role'], actorId: pair.slice(cut + 1) });
      }
    }
    counter.count++;
    yield {
      rowid: r[0] as number,
      id: r[1] as string,
      columns: {
        startDay: r[2] as number | null,
        endDay: r[3] as number | null,
        plover: r[4] as string | null,
        cameoRoot: r[5] as string | null,
        quad: r[6] as number | null,
        credibility: r[7] as number,
        status: r[8] as string,
        country: r[9] as string | null,
        admin1: r[10] as string | null,
        lat: r[11] as number | null,
        lon: r[12] as number | null,
        goldstein: r[13] as number | null,
        hour: r[14] as number | null,
        reportDay: r[15] as number | null,
        reportHour: r[16] as number | null,
      },
      actors,
    };
  }
}

export type { DocumentId, SourceId };
