import {
  type Actor,
  type ActorEdge,
  type ActorId,
  bucketStart,
  type Claim,
  type ClaimId,
  type ClaimQuery,
  type ClusterDecision,
  checkChanges,
  checkDatasetTable,
  compareClusterDecisions,
  type DatasetAppendSummary,
  type DatasetChunk,
  type Document,
  type DocumentId,
  type DocumentQuery,
  datasetChunkClaims,
  dateFromEpochDay,
  type Event,
  type EventFilter,
  type EventId,
  hourLabel,
  IntegrityError,
  InvalidInputError,
  type IsoDate,
  isDatasetMediaType,
  mergeSource,
  NUMBERED_DATASETS,
  type Page,
  type PageRequest,
  type Place,
  type PlaceCount,
  parseEventCursor,
  type SearchHit,
  type Source,
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
import { ClusterTopology } from './cluster-topology.ts';
import { isEmptySearch, parseSearchQuery, searchSnippet, searchSql, searchTerms } from './document-search.ts';
import { eventFilterSql } from './event-filter-sql.ts';
import { type EventRow, eventRow } from './event-rows.ts';
import { SCHEMA_VERSION, UNDATED_DAY } from './schema.ts';
import { sqlInteger, sqlString, sqlStringList } from './sql-literal.ts';
import { parseStoreUrl } from './store-url.ts';

export interface ClickHouseStoreOptions {
  /** `clickhouse://host:port[,host:port…]/database[?cluster=name]`; see parseStoreUrl. */
  url: string;
  /** Create or upgrade the schema on every node when opening (default true); false only checks it. */
  migrate?: boolean;
  /** Per-request timeout (default 300 s: a large insert or a cold aggregate can take minutes). */
  requestTimeoutMs?: number;
  /** Upper bound on the size of one INSERT request, in bytes of row data (default 16 MiB). */
  insertBatchBytes?: number;
}

export interface ClickHouseStore extends Store {
  readonly topology: ClusterTopology;
}

type Row = Record<string, unknown>;

interface StoredVersion {
  row: EventRow;
  /** Sum of sign over the version's rows: 1 stored, 0 cancelled, anything else a write cut short. */
  s: number;
}

/** Columns of an event row other than its key (start_day, id, ver) and sign. */
const STORED_COLUMNS = [
  'end_day',
  'hour',
  'report_day',
  'report_hour',
  'plover',
  'cameo_root',
  'quad',
  'credibility',
  'status',
  'country',
  'admin1',
  'lat',
  'lon',
  'goldstein',
  'actor_ids',
  'edge_sources',
  'edge_targets',
  'claim_ids',
  'doc_ids',
  'body',
] as const;

/**
 * How many ids go into one `IN (…)` lookup. Random ids hit nearly every granule of a large table, so a
 * lookup costs about one scan of the id column whatever its size: fewer, larger lookups are cheaper.
 */
const LOOKUP_CHUNK = 50_000;
/** Insert requests of one table in flight at once: two keep both server cores parsing. */
const INSERT_CONCURRENCY = 2;
const MAX_PAGE = 100_000;

/**
 * Claim ids built from a dataset's record number: the same record arriving in another slice (another
 * document) keeps its id, so these are looked up even when their document is new.
 */
const RECORD_CLAIM_ID = new RegExp(`^clm_(?:${Object.values(NUMBERED_DATASETS).join('|')})`);

const STACK_COLUMN: Record<TimelineStack, string> = { quadClass: 'quad', plover: 'plover', status: 'status' };

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function pageLimit(page: PageRequest): number {
  const limit = page.limit;
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw new InvalidInputError(`page limit ${String(limit)}: expected an integer from 0 to ${MAX_PAGE}`);
  }
  return limit;
}

function offsetOf(page: PageRequest): number {
  if (!page.cursor) return 0;
  const m = /^o:(\d{1,15})$/.exec(page.cursor);
  if (!m) throw new InvalidInputError(`page cursor ${JSON.stringify(page.cursor)} was not issued by this store`);
  return Number(m[1]);
}

const offsetNext = (offset: number, got: number, total: number) => (offset + got < total ? `o:${offset + got}` : null);

/** Rough size of a row for batching inserts: its text plus a little per field. */
function rowBytes(row: object): number {
  let n = 16;
  for (const v of Object.values(row)) {
    if (typeof v === 'string') n += v.length + 8;
    else if (Array.isArray(v)) for (const x of v) n += String(x).length + 4;
    else n += 12;
  }
  return n;
}

/** `retrieved` as YYYYMM, the documents' partition. */
function monthOf(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 0;
  const d = new Date(ms);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

/** The `documents` row of a new document. */
function documentRow(d: Document, ver: number): object {
  const { text, ...rest } = d;
  return {
    id: d.id,
    ver,
    retrieved_month: monthOf(d.retrieved),
    source_id: d.sourceId ?? '',
    syndicated: d.syndicatedFrom ? 1 : 0,
    published: d.published ?? '',
    title: d.title,
    text,
    text_length: text.length,
    terms: isDatasetMediaType(d.mediaType) ? '' : searchTerms(d.title, text),
    body: JSON.stringify(rest),
  };
}

/** A claim's `claims` row. */
function claimRow(c: Claim): { id: string; document_id: string; start: number; body: string } {
  return { id: c.id, document_id: c.documentId, start: c.start, body: JSON.stringify(c) };
}

/**
 * The id range of a slice's claims when they are all record-number claims of one dataset lying close
 * together (GDELT and UCDP files number their rows in ascending order): looking the slice up by range
 * reads the same granules as by list, without sending and parsing thousands of literals twice. Null
 * when the ids are hashed, mixed, or sparse (a filtered import), which are looked up by list.
 */
function recordRange(chunk: DatasetChunk, claims: readonly Claim[]): { lo: string; hi: string } | null {
  const table = chunk.table;
  if (!table || (chunk.claims?.length ?? 0) > 0 || table.length === 0) return null;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.length; i++) {
    const r = table.records[i] as number;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  if (hi - lo + 1 > 4 * table.length) return null;
  const ids = claims.map((c) => c.id).sort();
  return { lo: ids[0] as string, hi: ids.at(-1) as string };
}

/**
 * Opens (and by default creates or migrates) a Store on ClickHouse: one server, or a cluster of
 * shards reached through Distributed tables. See docs/scale-out.md for the schema and its trade-offs.
 */
export async function openClickHouseStore(options: ClickHouseStoreOptions): Promise<ClickHouseStore> {
  const url = parseStoreUrl(options.url);
  const topology = await ClusterTopology.connect(url, options.url, options.requestTimeoutMs);
  try {
    await topology.ensureSchema(options.migrate ?? true);
  } catch (error) {
    await topology.close();
    throw error;
  }
  return createStore(topology, options);
}

function createStore(topology: ClusterTopology, options: ClickHouseStoreOptions): ClickHouseStore {
  const db = topology.url.database;
  const clustered = topology.url.cluster !== null;
  /** The table queries and inserts go through: Distributed on a cluster, the table itself on one server. */
  const table = (name: string) => (clustered ? `${db}.${name}` : `${db}.${name}_local`);
  /** The shard-local table, for subqueries each shard runs over its own rows. */
  const local = (name: string) => `${db}.${name}_local`;
  const maxSpanSql = `(SELECT max(span) FROM ${table('event_span')})`;
  /**
   * Claims count as stored only once their document is: a document row is written after its claims,
   * so a write cut short leaves claims nobody sees, and re-running it completes the set. Claims are
   * sharded by document id, so each shard answers this for its own rows. `claimCond` narrows the
   * documents read to those of the claims asked about.
   */
  const documentStored = (claimCond?: string) =>
    claimCond === undefined
      ? `document_id IN (SELECT id FROM ${local('documents')})`
      : `document_id IN (SELECT id FROM ${local('documents')} WHERE id IN (SELECT document_id FROM ${local('claims')} WHERE ${claimCond}))`;
  const insertBudget = options.insertBatchBytes ?? 16 * 1024 * 1024;

  const rows = async <T = Row>(sql: string): Promise<T[]> => {
    try {
      return await topology.coordinator.rows<T>(sql);
    } catch (error) {
      throw topology.translate(error);
    }
  };
  const scalar = async (sql: string): Promise<number> => {
    const [row] = await rows<{ n: unknown }>(sql);
    return Number(row?.n ?? 0);
  };
  const insert = async (name: string, data: readonly object[]) => {
    const batches: object[][] = [];
    let batch: object[] = [];
    let bytes = 0;
    for (const row of data) {
      batch.push(row);
      bytes += rowBytes(row);
      if (bytes >= insertBudget) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length) batches.push(batch);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const rows = batches[next++] as object[];
        try {
          // Synchronous: the call returns only once every shard has its rows, so a read right after sees them.
          await topology.coordinator.insert(table(name), rows, { insert_distributed_sync: 1 });
        } catch (error) {
          next = batches.length;
          throw topology.translate(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(INSERT_CONCURRENCY, batches.length) }, worker));
  };

  let lastVersion = 0;
  /** Version of a write: microseconds since the epoch, strictly increasing within this process. */
  const nextVersion = () => {
    lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
    return lastVersion;
  };

  // One write at a time per store: a write reads the stored versions it replaces, so two interleaved
  // writes to one event could both cancel the same version.
  let writing: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = writing.then(fn, fn);
    writing = run.catch(() => undefined);
    return run;
  };

  // ---- lookups ---------------------------------------------------------------------------------

  const lookup = async <T>(ids: readonly string[], query: (list: string) => string): Promise<T[]> => {
    const out: T[] = [];
    for (const part of chunks(unique(ids), LOOKUP_CHUNK)) out.push(...(await rows<T>(query(sqlStringList(part)))));
    return out;
  };

  /** Latest body per id for sources, actors and places. */
  const latestBodies = async (name: 'sources' | 'actors' | 'places', ids: readonly string[]) => {
    const found = await lookup<{ id: string; body: string }>(
      ids,
      (list) => `SELECT id, argMax(body, ver) AS body FROM ${table(name)} WHERE id IN (${list}) GROUP BY id`,
    );
    return new Map(found.map((r) => [r.id, r.body]));
  };

  /**
   * Every version of these events whose rows do not sum to zero, copied column for column from the
   * events table (the truth): normally one live version per id, but after a write that failed half-way
   * there can be a version too many or one cancelled twice, and the next write of the id repairs it.
   */
  const eventVersions = async (ids: readonly string[]): Promise<Map<string, StoredVersion[]>> => {
    const out = new Map<string, StoredVersion[]>();
    for (const part of chunks(unique(ids), LOOKUP_CHUNK)) {
      const list = sqlStringList(part);
      const days = await rows<{ d: number }>(
        `SELECT start_day AS d FROM ${table('event_days')} WHERE id IN (${list}) GROUP BY d`,
      );
      if (!days.length) continue;
      const found = await rows<Record<string, unknown> & { s: string }>(
        `SELECT start_day, id, ver, sum(sign) AS s, ${STORED_COLUMNS.map((c) => `any(${c}) AS ${c}`).join(', ')}
         FROM ${table('events')} WHERE start_day IN (${days.map((r) => sqlInteger(r.d)).join(', ')}) AND id IN (${list})
         GROUP BY start_day, id, ver HAVING s != 0`,
      );
      for (const r of found) {
        const { s, ...row } = r;
        const version: StoredVersion = { s: Number(s), row: { ...(row as unknown as EventRow), ver: Number(row.ver) } };
        const id = version.row.id;
        out.set(id, [...(out.get(id) ?? []), version]);
      }
    }
    return out;
  };
  /** The version an id currently shows: the newest one with a positive sum. */
  const liveVersion = (versions: StoredVersion[] | undefined): StoredVersion | undefined =>
    (versions ?? []).filter((v) => v.s > 0).sort((a, b) => b.row.ver - a.row.ver)[0];

  const parseBody = <T>(body: string): T => JSON.parse(body) as T;

  const documentsById = async (ids: readonly string[]): Promise<Map<string, Document>> => {
    const found = await lookup<{ id: string; body: string; text: string }>(
      ids,
      (list) =>
        `SELECT id, argMax(body, ver) AS body, any(text) AS text FROM ${table('documents')}
         WHERE id IN (${list}) GROUP BY id`,
    );
    return new Map(found.map((r) => [r.id, { ...parseBody<Omit<Document, 'text'>>(r.body), text: r.text }]));
  };

  const claimsById = async (ids: readonly string[]): Promise<Map<string, Claim>> => {
    const found = await lookup<{ id: string; body: string }>(
      ids,
      (list) =>
        `SELECT id, any(body) AS body FROM ${table('claims')}
         WHERE id IN (${list}) AND ${documentStored(`id IN (${list})`)} GROUP BY id`,
    );
    return new Map(found.map((r) => [r.id, parseBody<Claim>(r.body)]));
  };

  // ---- writes ------------------------------------------------------------------------------------

  const applyChanges = async (changes: StoreChanges): Promise<WriteSummary> => {
    const summary: WriteSummary = { inserted: 0, updated: 0, unchanged: 0 };
    const sources = changes.sources ?? [];
    const documents = changes.documents ?? [];
    const actors = changes.actors ?? [];
    const places = changes.places ?? [];
    const claims = changes.claims ?? [];
    const events = changes.events ?? [];
    const removals = changes.removeEventIds ?? [];
    const grades = changes.grades ?? [];
    const discredits = changes.discredits ?? [];
    const decisions = changes.clusterDecisions ?? [];
    const total = sources.length + documents.length + actors.length + places.length + claims.length + events.length;
    if (total + removals.length + grades.length + discredits.length + decisions.length === 0) return summary;

    try {
      await topology.checkSchema();
    } catch (error) {
      throw topology.translate(error);
    }

    // What is stored already, for the integrity checks and for telling new from unchanged.
    const docLengths = new Map(
      (
        await lookup<{ id: string; n: string | number }>(
          [...documents.map((d) => d.id), ...claims.map((c) => c.documentId)],
          (list) => `SELECT id, any(text_length) AS n FROM ${table('documents')} WHERE id IN (${list}) GROUP BY id`,
        )
      ).map((r) => [r.id, Number(r.n)]),
    );
    // A claim counts as stored only once its document is, so claims of documents this change set
    // brings new cannot be stored yet: no need to look them up. Record-number ids are the exception:
    // the same record may be stored already under another slice's document.
    const newDocuments = new Set<string>(documents.filter((d) => !docLengths.has(d.id)).map((d) => d.id));
    const unstored = new Set<string>(
      claims.filter((c) => newDocuments.has(c.documentId) && !RECORD_CLAIM_ID.test(c.id)).map((c) => c.id),
    );
    const claimDocuments = new Map(
      (
        await lookup<{ id: string; d: string }>(
          [
            ...claims.map((c) => c.id),
            ...events.flatMap((e) => e.claimIds),
            ...decisions.flatMap((d) => [...d.claimIds, ...d.apartFromClaimIds]),
          ].filter((id) => !unstored.has(id)),
          (list) =>
            `SELECT id, any(document_id) AS d FROM ${table('claims')}
             WHERE id IN (${list}) AND ${documentStored(`id IN (${list})`)} GROUP BY id`,
        )
      ).map((r) => [r.id, r.d]),
    );
    checkChanges(changes, {
      hasDocument: (id) => docLengths.has(id),
      hasClaim: (id) => claimDocuments.has(id),
      documentLength: (id) => docLengths.get(id) ?? null,
    });

    const storedSources = await latestBodies('sources', [
      ...sources.map((s) => s.id),
      ...grades.map((g) => g.sourceId),
      ...discredits.map((d) => d.sourceId),
    ]);
    const storedDecisions = new Set(
      (
        await lookup<{ id: string }>(
          decisions.map((d) => d.id),
          (list) => `SELECT id FROM ${table('cluster_decisions')} WHERE id IN (${list}) GROUP BY id`,
        )
      ).map((r) => r.id),
    );
    const storedActors = await latestBodies(
      'actors',
      actors.map((a) => a.id),
    );
    const storedPlaces = await latestBodies(
      'places',
      places.map((p) => p.id),
    );
    const eventIds = unique([...removals, ...events.map((e) => e.id)]);
    const storedEvents = await eventVersions(eventIds);

    const count = (before: string | undefined, after: string) => {
      if (before === undefined) summary.inserted++;
      else if (before === after) summary.unchanged++;
      else summary.updated++;
    };
    const ver = nextVersion();

    // Sources: re-ingesting one must not wipe an analyst's grade, nor a vaguer reading erase facts.
    const sourceNow = new Map(storedSources);
    const sourceNames = new Map<string, string>();
    for (const s of sources) {
      const old = sourceNow.get(s.id);
      const next: Source = old === undefined ? s : mergeSource(parseBody<Source>(old), s);
      const body = JSON.stringify(next);
      count(old, body);
      sourceNow.set(s.id, body);
      sourceNames.set(s.id, next.name);
    }
    for (const g of grades) {
      const old = sourceNow.get(g.sourceId);
      if (old === undefined) continue;
      const graded: Source = {
        ...parseBody<Source>(old),
        reliability: g.reliability,
        reliabilityRationale: g.rationale,
      };
      sourceNow.set(g.sourceId, JSON.stringify(graded));
      sourceNames.set(g.sourceId, graded.name);
      summary.updated++;
    }
    for (const d of discredits) {
      const old = sourceNow.get(d.sourceId);
      if (old === undefined) continue;
      const discredited: Source = { ...parseBody<Source>(old), discredited: { at: d.at, reason: d.reason } };
      sourceNow.set(d.sourceId, JSON.stringify(discredited));
      sourceNames.set(d.sourceId, discredited.name);
      summary.updated++;
    }
    const sourceRows = [...sourceNow]
      .filter(([id, body]) => storedSources.get(id) !== body)
      .map(([id, body]) => ({ id, name: sourceNames.get(id) ?? '', ver, body }));

    const documentRows: object[] = [];
    for (const d of documents) {
      if (docLengths.has(d.id)) {
        summary.unchanged++;
        continue;
      }
      docLengths.set(d.id, d.text.length);
      summary.inserted++;
      documentRows.push(documentRow(d, ver));
    }

    const upsertRows = (list: readonly (Actor | Place)[], stored: Map<string, string>) => {
      const now = new Map(stored);
      const names = new Map<string, string>();
      for (const item of list) {
        const body = JSON.stringify(item);
        count(now.get(item.id), body);
        now.set(item.id, body);
        names.set(item.id, item.name);
      }
      return [...now]
        .filter(([id, body]) => stored.get(id) !== body)
        .map(([id, body]) => ({ id, name: names.get(id) ?? '', ver, body }));
    };
    const actorRows = upsertRows(actors, storedActors);
    const placeRows = upsertRows(places, storedPlaces);

    const decisionRows: object[] = [];
    for (const d of decisions) {
      if (storedDecisions.has(d.id)) {
        summary.unchanged++;
        continue;
      }
      storedDecisions.add(d.id);
      summary.inserted++;
      decisionRows.push({ id: d.id, at: d.at, body: JSON.stringify(d) });
    }

    const claimRows: object[] = [];
    const claimIndexRows: object[] = [];
    for (const c of claims) {
      if (claimDocuments.has(c.id)) {
        summary.unchanged++;
        continue;
      }
      claimDocuments.set(c.id, c.documentId);
      summary.inserted++;
      claimRows.push({ id: c.id, document_id: c.documentId, start: c.start, body: JSON.stringify(c) });
      claimIndexRows.push({ document_id: c.documentId, start: c.start, id: c.id });
    }

    // Events: removals first, then upserts, as every Store counts them. Then, per id, the rows that
    // take what is stored to what is wanted: cancel every other version, add the new one if needed.
    const eventNow = new Map<string, string>();
    for (const id of eventIds) {
      const live = liveVersion(storedEvents.get(id));
      if (live) eventNow.set(id, live.row.body);
    }
    const eventObjects = new Map<string, Event>();
    for (const id of removals) {
      if (eventNow.delete(id)) summary.updated++;
    }
    for (const e of events) {
      const body = JSON.stringify(e);
      count(eventNow.get(e.id), body);
      eventNow.set(e.id, body);
      eventObjects.set(e.id, e);
    }
    const eventRows: EventRow[] = [];
    const newRows: EventRow[] = [];
    for (const id of eventIds) {
      const wanted = eventNow.get(id);
      const versions = storedEvents.get(id) ?? [];
      const keep = wanted === undefined ? undefined : versions.find((v) => v.s > 0 && v.row.body === wanted);
      for (const v of versions) {
        const diff = (v === keep ? 1 : 0) - v.s;
        for (let i = 0; i < Math.abs(diff); i++) eventRows.push({ ...v.row, sign: diff > 0 ? 1 : -1 });
      }
      const event = eventObjects.get(id);
      if (wanted !== undefined && !keep && event) {
        const docIds = event.claimIds.map((c) => claimDocuments.get(c) ?? '');
        newRows.push(eventRow(event, wanted, ver, 1, docIds));
      }
    }
    eventRows.push(...newRows);
    const longest = newRows.reduce((max, r) => Math.max(max, r.end_day - r.start_day), -1);

    // Dependencies first: whatever a failure leaves visible cites only rows already written. A new
    // document comes after its claims and makes them visible, so it shows with all of them or not at all.
    await insert('sources', sourceRows);
    await insert('actors', actorRows);
    await insert('places', placeRows);
    await insert('claims_by_document', claimIndexRows);
    await insert('claims', claimRows);
    await insert('documents', documentRows);
    await insert('cluster_decisions', decisionRows);
    // Lookup rows before the truth, so a failure between them leaves extra candidates, never missing ones.
    await insert(
      'event_days',
      newRows.map((r) => ({ id: r.id, start_day: r.start_day })),
    );
    await insert(
      'event_claims',
      newRows.flatMap((r) => r.claim_ids.map((c) => ({ claim_id: c, event_id: r.id }))),
    );
    if (longest >= 0) await insert('event_span', [{ span: longest }]);
    await insert('events', eventRows);
    return summary;
  };

  /**
   * The bulk path, checked and encoded before it waits for the write lock (so the next slice is made
   * ready while this one is being written): the chunk's claims not stored yet, then its document,
   * which makes them visible (see documentStored). A failure before the document leaves nothing
   * anyone reads; re-appending finds no claim stored and writes the chunk whole.
   */
  const prepareChunk = (chunk: DatasetChunk) => {
    // A chunk's claims in columns (`table`) are stored here as claim objects, like any others.
    if (chunk.table) checkDatasetTable(chunk.table, chunk.document);
    const claims = datasetChunkClaims(chunk);
    for (const c of claims) {
      if (c.documentId !== chunk.document.id) {
        throw new IntegrityError(`claim ${c.id}: a dataset chunk's claims must cite its document ${chunk.document.id}`);
      }
    }
    checkChanges(
      { documents: [chunk.document], claims },
      { hasDocument: () => false, hasClaim: () => false, documentLength: () => null },
    );
    return { chunk, claims, rows: claims.map(claimRow), range: recordRange(chunk, claims) };
  };

  const appendChunk = async ({
    chunk,
    claims,
    rows: claimRows,
    range,
  }: ReturnType<typeof prepareChunk>): Promise<DatasetAppendSummary> => {
    try {
      await topology.checkSchema();
    } catch (error) {
      throw topology.translate(error);
    }
    const cond = range ? `id BETWEEN ${sqlString(range.lo)} AND ${sqlString(range.hi)}` : null;
    const [storedClaims, storedDocument] = await Promise.all([
      cond
        ? rows<{ id: string }>(
            `SELECT id FROM ${table('claims')} WHERE ${cond} AND ${documentStored(cond)} GROUP BY id`,
          )
        : lookup<{ id: string }>(
            claims.map((c) => c.id),
            (list) =>
              `SELECT id FROM ${table('claims')} WHERE id IN (${list}) AND ${documentStored(`id IN (${list})`)} GROUP BY id`,
          ),
      lookup<{ id: string }>(
        [chunk.document.id],
        (list) => `SELECT id FROM ${table('documents')} WHERE id IN (${list}) GROUP BY id`,
      ),
    ]);
    const stored = new Set(storedClaims.map((r) => r.id));
    const fresh = claimRows.filter((c) => {
      if (stored.has(c.id)) return false;
      stored.add(c.id);
      return true;
    });
    if (chunk.sources.length || chunk.actors.length || chunk.places.length) {
      await applyChanges({ sources: chunk.sources, actors: chunk.actors, places: chunk.places });
    }
    // Claims and their order index side by side: neither shows until the document does.
    const written = await Promise.allSettled([
      insert(
        'claims_by_document',
        fresh.map((c) => ({ document_id: c.document_id, start: c.start, id: c.id })),
      ),
      insert('claims', fresh),
    ]);
    for (const w of written) if (w.status === 'rejected') throw w.reason;
    if (!storedDocument.length) await insert('documents', [documentRow(chunk.document, nextVersion())]);
    return { inserted: fresh.length, duplicates: claims.length - fresh.length };
  };

  // ---- event queries -------------------------------------------------------------------------------

  const where = (filter: EventFilter) => eventFilterSql(filter, { maxSpanSql });

  const fetchEvents = async (keys: { start_day: number; id: string; ver: number }[]): Promise<Event[]> => {
    const bodies = new Map<string, string>();
    for (const part of chunks(keys, LOOKUP_CHUNK)) {
      const tuples = part
        .map((k) => `(${sqlInteger(k.start_day)}, ${sqlString(k.id)}, ${sqlInteger(k.ver)})`)
        .join(', ');
      const found = await rows<{ id: string; ver: string; body: string }>(
        `SELECT id, ver, any(body) AS body FROM ${table('events')}
         WHERE (start_day, id, ver) IN (${tuples}) GROUP BY start_day, id, ver`,
      );
      for (const r of found) bodies.set(`${r.id}@${r.ver}`, r.body);
    }
    return keys.flatMap((k) => {
      const body = bodies.get(`${k.id}@${k.ver}`);
      return body === undefined ? [] : [parseBody<Event>(body)];
    });
  };

  const listEvents = async (filter: EventFilter, page: PageRequest): Promise<Page<Event>> => {
    const limit = pageLimit(page);
    const cond = where(filter);
    let after = '1';
    let cursorDay: number | null = null;
    if (page.cursor) {
      const c = parseEventCursor(page.cursor);
      if (!c) throw new InvalidInputError(`event cursor ${JSON.stringify(page.cursor)} was not issued by this store`);
      cursorDay = c.day === Number.NEGATIVE_INFINITY ? UNDATED_DAY : Number(sqlInteger(c.day, 'event cursor day'));
      after = `(start_day < ${cursorDay} OR (start_day = ${cursorDay} AND id > ${sqlString(c.id)}))`;
    }
    // A version shows when its rows sum to more than zero. Summing every row would mean grouping the
    // whole table, so only versions with a -1 row (a small set until merges fold them away) are summed;
    // they sit on the same shard as their +1 rows, so each shard checks its own.
    const cancelled = `SELECT start_day, id, ver FROM ${local('events')}
      WHERE (start_day, id, ver) IN (SELECT start_day, id, ver FROM ${local('events')} WHERE sign = -1 AND ${eventFilterSql(filter)})
      GROUP BY start_day, id, ver HAVING sum(sign) <= 0`;
    const keysIn = (days: string, need: number) =>
      rows<{ start_day: number; id: string; ver: string }>(
        `SELECT start_day, id, ver FROM ${table('events')}
         WHERE sign = 1 AND ${cond} AND ${after} AND ${days} AND (start_day, id, ver) NOT IN (${cancelled})
         ORDER BY start_day DESC, id LIMIT 1 BY start_day, id, ver LIMIT ${need}`,
      );
    const totalQuery = scalar(`SELECT sum(sign) AS n FROM ${table('events')} WHERE ${cond}`);

    // 18.16 cannot read a table backwards in key order, so "newest first" would sort every match. The
    // page is filled from windows of start days instead, newest first and four times wider each time:
    // the first page of a busy feed reads the last month, and a rare match costs at most ~1.3 scans.
    const keys: { start_day: number; id: string; ver: string }[] = [];
    const need = () => limit + 1 - keys.length;
    if (cursorDay !== UNDATED_DAY) {
      // The days to scan, narrowed by the filter's own dates so that the key skips the rest.
      const dates = eventFilterSql({ from: filter.from, to: filter.to }, { maxSpanSql });
      const [range] = await rows<{ n: string; lo: number; hi: number }>(
        `SELECT count() AS n, min(start_day) AS lo, max(start_day) AS hi FROM ${table('events')}
         WHERE start_day != ${UNDATED_DAY} AND ${dates}`,
      );
      if (range && Number(range.n) > 0) {
        let top = Math.min(range.hi, cursorDay ?? range.hi);
        for (let width = 32; need() > 0 && top >= range.lo; width *= 4) {
          const bottom = top - width + 1;
          const days =
            bottom > range.lo
              ? `start_day BETWEEN ${bottom} AND ${top}`
              : `start_day <= ${top} AND start_day != ${UNDATED_DAY}`;
          keys.push(...(await keysIn(days, need())));
          top = bottom - 1;
        }
      }
    }
    if (need() > 0 && filter.from === undefined && filter.to === undefined) {
      keys.push(...(await keysIn(`start_day = ${UNDATED_DAY}`, need())));
    }
    const total = await totalQuery;
    const pageKeys = keys.slice(0, limit);
    const items = await fetchEvents(pageKeys.map((k) => ({ start_day: k.start_day, id: k.id, ver: Number(k.ver) })));
    const last = pageKeys.at(-1);
    const next =
      last && keys.length > limit ? `${last.start_day === UNDATED_DAY ? 'none' : last.start_day}~${last.id}` : null;
    return { items, next, total };
  };

  /** Day and hour columns are written from core's timelinePosition (see eventRow), so buckets match the reference. */
  const timeline = async (
    filter: EventFilter,
    interval: TimelineInterval | 'hour',
    stack: TimelineStack,
    basis: TimelineBasis = 'event',
  ): Promise<TimelineBucket[]> => {
    if (!(interval in { hour: 1, day: 1, week: 1, month: 1 }))
      throw new InvalidInputError(`timeline interval ${interval}`);
    if (basis !== 'event' && basis !== 'report') throw new InvalidInputError(`timeline basis ${String(basis)}`);
    const key = STACK_COLUMN[stack];
    if (!key) throw new InvalidInputError(`timeline stack ${stack}`);
    const dayColumn = basis === 'event' ? 'start_day' : 'report_day';
    const hourColumn = basis === 'event' ? 'hour' : 'report_hour';
    const hourly = interval === 'hour';
    // Grouped by day (and hour) on the server and bucketed here with the core's bucketStart, so weeks
    // and months mean exactly what the reference says, also before 1970 where ClickHouse's Date cannot go.
    const found = await rows<{ d: number; h: number; k: string | number; n: string }>(
      `SELECT ${dayColumn} AS d, ${hourly ? hourColumn : '0'} AS h, ${key} AS k, sum(sign) AS n FROM ${table('events')}
       WHERE ${where(filter)} AND ${dayColumn} != ${UNDATED_DAY}${hourly ? ` AND ${hourColumn} >= 0` : ''}
       GROUP BY d, h, k HAVING n > 0`,
    );
    const buckets = new Map<number, TimelineBucket>();
    for (const r of found) {
      const d = Number(r.d);
      const h = Number(r.h);
      const start = hourly ? d * 24 + h : bucketStart(d, interval);
      let b = buckets.get(start);
      if (!b) {
        const date = hourly ? hourLabel(d, h) : dateFromEpochDay(start);
        b = { date: date as IsoDate, counts: {}, total: 0 };
        buckets.set(start, b);
      }
      const k = r.k === '' || r.k === 0 ? 'none' : String(r.k);
      const n = Number(r.n);
      b.counts[k] = (b.counts[k] ?? 0) + n;
      b.total += n;
    }
    return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
  };

  const placeCounts = async (filter: EventFilter, level: 'admin1' | 'country'): Promise<PlaceCount[]> => {
    if (level !== 'admin1' && level !== 'country') throw new InvalidInputError(`place level ${String(level)}`);
    const found = await rows<{ code: string; n: string }>(
      `SELECT ${level} AS code, sum(sign) AS n FROM ${table('events')}
       WHERE ${where(filter)} AND ${level} != '' GROUP BY code HAVING n > 0`,
    );
    return sortPlaceCounts(found.map((r) => ({ code: r.code, count: Number(r.n) })));
  };

  const actorEdges = async (filter: EventFilter, limit: number): Promise<ActorEdge[]> => {
    const n = Number(sqlInteger(limit, 'actor edge limit'));
    if (n <= 0) return [];
    const found = await rows<{
      s: string;
      t: string;
      n: string;
      g: number;
      q1: string;
      q2: string;
      q3: string;
      q4: string;
    }>(
      `SELECT s, t, sum(sign) AS n, sum(goldstein * sign) AS g,
              sumIf(sign, quad = 1) AS q1, sumIf(sign, quad = 2) AS q2, sumIf(sign, quad = 3) AS q3, sumIf(sign, quad = 4) AS q4
       FROM ${table('events')} ARRAY JOIN edge_sources AS s, edge_targets AS t
       WHERE ${where(filter)}
       GROUP BY s, t HAVING n > 0 ORDER BY n DESC, s, t LIMIT ${n}`,
    );
    return sortActorEdges(
      found.map((r) => ({
        source: r.s as ActorId,
        target: r.t as ActorId,
        count: Number(r.n),
        goldsteinSum: Number(r.g),
        quadCounts: [Number(r.q1), Number(r.q2), Number(r.q3), Number(r.q4)],
      })),
    );
  };

  // ---- the port ----------------------------------------------------------------------------------

  const listBodies = async <T extends { id: string; name: string }>(name: 'sources' | 'actors' | 'places') =>
    (await rows<{ body: string }>(`SELECT argMax(body, ver) AS body FROM ${table(name)} GROUP BY id`))
      .map((r) => parseBody<T>(r.body))
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const getBody = async <T>(name: 'sources' | 'actors' | 'places', id: string): Promise<T | null> => {
    const body = (await latestBodies(name, [id])).get(id);
    return body === undefined ? null : parseBody<T>(body);
  };

  const store: ClickHouseStore = {
    topology,

    apply: (changes) => exclusive(() => applyChanges(changes)),
    appendDatasetChunk: async (chunk) => {
      const prepared = prepareChunk(chunk);
      return exclusive(() => appendChunk(prepared));
    },

    getSource: (id) => getBody<Source>('sources', id),
    listSources: () => listBodies<Source>('sources'),

    async getDocument(id) {
      return (await documentsById([id])).get(id) ?? null;
    },
    async listDocuments(query: DocumentQuery, page) {
      const limit = pageLimit(page);
      const offset = offsetOf(page);
      const conds: string[] = [];
      if (query.sourceId !== undefined) conds.push(`source_id = ${sqlString(query.sourceId)}`);
      if (query.syndicated !== undefined) conds.push(`syndicated = ${query.syndicated ? 1 : 0}`);
      const cond = conds.length ? conds.join(' AND ') : '1';
      const [ids, total] = await Promise.all([
        rows<{ id: string }>(
          `SELECT id, any(published) AS p FROM ${table('documents')} WHERE ${cond}
           GROUP BY id ORDER BY p = '', p DESC, id LIMIT ${limit} OFFSET ${offset}`,
        ),
        scalar(`SELECT uniqExact(id) AS n FROM ${table('documents')} WHERE ${cond}`),
      ]);
      const docs = await documentsById(ids.map((r) => r.id));
      const items = ids.flatMap((r) => docs.get(r.id) ?? []);
      return { items, next: offsetNext(offset, items.length, total), total };
    },
    async searchDocuments(text, page) {
      const limit = pageLimit(page);
      const offset = offsetOf(page);
      const q = parseSearchQuery(typeof text === 'string' ? text : '');
      if (isEmptySearch(q)) return { items: [], next: null, total: 0 };
      const s = searchSql(q);
      const [hits, total] = await Promise.all([
        rows<{ id: string; score: number }>(
          `SELECT id, max(${s.score}) AS score FROM ${table('documents')} WHERE ${s.where}
           GROUP BY id ORDER BY score DESC, id LIMIT ${limit} OFFSET ${offset}`,
        ),
        scalar(`SELECT uniqExact(id) AS n FROM ${table('documents')} WHERE ${s.where}`),
      ]);
      const docs = await documentsById(hits.map((h) => h.id));
      const items: SearchHit[] = hits.flatMap((h) => {
        const d = docs.get(h.id);
        if (!d) return [];
        return [
          {
            document: { id: d.id, title: d.title, url: d.url, publisher: d.publisher, published: d.published },
            snippet: searchSnippet(d.text, q),
            score: Number(h.score),
          },
        ];
      });
      return { items, next: offsetNext(offset, items.length, total), total };
    },
    retractDocument: (id, reason, at) =>
      exclusive(async () => {
        const [row] = await rows<Row & { body: string }>(
          `SELECT id, retrieved_month, source_id, syndicated, published, title, text, text_length, terms, body
           FROM ${table('documents')} WHERE id = ${sqlString(id)} ORDER BY ver DESC LIMIT 1`,
        );
        if (!row) return false;
        try {
          await topology.checkSchema();
        } catch (error) {
          throw topology.translate(error);
        }
        const body = JSON.stringify({ ...parseBody<Document>(row.body), retracted: { at, reason } });
        await insert('documents', [{ ...row, ver: nextVersion(), body }]);
        return true;
      }),

    async getClaim(id) {
      return (await claimsById([id])).get(id) ?? null;
    },
    async listClaims(query: ClaimQuery, page) {
      const limit = pageLimit(page);
      const offset = offsetOf(page);
      if (query.eventId !== undefined) {
        const live = liveVersion((await eventVersions([query.eventId])).get(query.eventId));
        const ids = live ? live.row.claim_ids : [];
        const found = await claimsById(ids);
        const list = [...found.values()]
          .filter((c) => query.documentId === undefined || c.documentId === query.documentId)
          .sort(
            (a, b) =>
              (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) ||
              a.start - b.start ||
              (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
          );
        const items = list.slice(offset, offset + limit);
        return { items, next: offsetNext(offset, items.length, list.length), total: list.length };
      }
      // By document: the lookup table names candidates, and only those the claims table holds count,
      // once the document itself is stored.
      const doc = query.documentId === undefined ? '' : sqlString(query.documentId);
      const source =
        query.documentId === undefined
          ? `${table('claims')} WHERE ${documentStored()}`
          : `${table('claims_by_document')} WHERE document_id = ${doc}
             AND document_id IN (SELECT id FROM ${local('documents')} WHERE id = ${doc})
             AND id IN (SELECT id FROM ${local('claims')} WHERE id IN (
               SELECT id FROM ${local('claims_by_document')} WHERE document_id = ${doc}))`;
      const [ids, total] = await Promise.all([
        rows<{ id: string }>(
          `SELECT id FROM ${source} GROUP BY document_id, start, id ORDER BY document_id, start, id LIMIT ${limit} OFFSET ${offset}`,
        ),
        scalar(`SELECT uniqExact(id) AS n FROM ${source}`),
      ]);
      const found = await claimsById(ids.map((r) => r.id));
      const items = ids.flatMap((r) => found.get(r.id) ?? []);
      return { items, next: offsetNext(offset, items.length, total), total };
    },

    async getEvent(id) {
      const live = liveVersion((await eventVersions([id])).get(id));
      return live ? parseBody<Event>(live.row.body) : null;
    },
    listEvents,
    async countEvents(filter) {
      return scalar(`SELECT sum(sign) AS n FROM ${table('events')} WHERE ${where(filter)}`);
    },
    async eventIdsForClaims(claimIds: ClaimId[]) {
      const candidates = await lookup<{ e: string }>(
        claimIds,
        (list) => `SELECT event_id AS e FROM ${table('event_claims')} WHERE claim_id IN (${list}) GROUP BY e`,
      );
      const wanted = new Set<string>(claimIds);
      const versions = await eventVersions(candidates.map((r) => r.e));
      return [...versions]
        .filter(([, vs]) => liveVersion(vs)?.row.claim_ids.some((c) => wanted.has(c)))
        .map(([id]) => id as EventId)
        .sort();
    },

    async listClusterDecisions() {
      const found = await rows<{ body: string }>(
        `SELECT any(body) AS body FROM ${table('cluster_decisions')} GROUP BY id`,
      );
      return found.map((r) => parseBody<ClusterDecision>(r.body)).sort(compareClusterDecisions);
    },

    getActor: (id) => getBody<Actor>('actors', id),
    listActors: () => listBodies<Actor>('actors'),
    getPlace: (id) => getBody<Place>('places', id),
    listPlaces: () => listBodies<Place>('places'),

    timeline,
    placeCounts,
    actorEdges,

    async info(): Promise<StoreInfo> {
      const distinct = (name: string) => scalar(`SELECT uniqExact(id) AS n FROM ${table(name)}`);
      const [sources, documents, claims, events, actors, places] = await Promise.all([
        distinct('sources'),
        distinct('documents'),
        scalar(`SELECT uniqExact(id) AS n FROM ${table('claims')} WHERE ${documentStored()}`),
        scalar(`SELECT sum(sign) AS n FROM ${table('events')}`),
        distinct('actors'),
        distinct('places'),
      ]);
      return {
        kind: 'clickhouse',
        location: topology.location,
        schemaVersion: SCHEMA_VERSION,
        counts: { sources, documents, claims, events, actors, places },
      };
    },
    async close() {
      await writing;
      await topology.close();
    },
  };
  return store;
}

/** Drops the store's database on every node. For tests and benchmarks; there is no undo. */
export async function dropClickHouseDatabase(url: string): Promise<void> {
  const parsed = parseStoreUrl(url);
  const topology = await ClusterTopology.connect(parsed, url);
  try {
    await Promise.all(topology.nodes.map((n) => n.command(`DROP DATABASE IF EXISTS ${parsed.database}`)));
  } finally {
    await topology.close();
  }
}

export type { DocumentId };
