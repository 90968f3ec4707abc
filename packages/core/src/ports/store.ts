import type { Actor } from '../model/actor.ts';
import type { Claim } from '../model/claim.ts';
import type { ClusterDecision } from '../model/cluster-decision.ts';
import type { Credibility, EventStatus, PloverType, QuadClass, Reliability } from '../model/codes.ts';
import { type DatasetClaimTable, datasetTableClaims } from '../model/dataset-claim-table.ts';
import type { Document, DocumentUtf8 } from '../model/document.ts';
import type { Event } from '../model/event.ts';
import type { ActorId, ClaimId, DocumentId, EventId, PlaceId, SourceId } from '../model/ids.ts';
import type { Place } from '../model/place.ts';
import type { Source } from '../model/source.ts';
import type { IsoDate } from '../model/time.ts';

/**
 * What the workbench can filter events by. Every field narrows; absent fields do not filter.
 * Lists within one field are alternatives (OR); fields combine with AND.
 */
export interface EventFilter {
  /** Events whose time overlaps [from, to] (inclusive calendar days). */
  from?: IsoDate;
  to?: IsoDate;
  /** Events in which any of these actors takes part, in any role. */
  actorIds?: ActorId[];
  ploverTypes?: PloverType[];
  /** CAMEO root codes, two digits ("19"). */
  cameoRoots?: string[];
  quadClasses?: QuadClass[];
  /**
   * Keep events graded this well or better: 3 keeps 1, 2 and 3. Grade 6 means "cannot be judged" and
   * is kept only when this is 6.
   */
  minCredibility?: Credibility;
  statuses?: EventStatus[];
  /** ISO 3166-1 alpha-3 of the event's place. */
  countries?: string[];
  /** ISO 3166-2 codes of the event's first-level division. */
  admin1?: string[];
  /** [west, south, east, north] in degrees; events without coordinates never match. */
  bbox?: [number, number, number, number];
  /** Only events with at least one claim from this document. */
  documentId?: DocumentId;
}

/** Keyset pagination: pass the previous page's `next` to continue. */
export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the following page, null on the last one. */
  next: string | null;
  /** Total matching items across all pages. */
  total: number;
}

export type TimelineInterval = 'day' | 'week' | 'month';
/** Which date places an event on the timeline: when it happened, or when it was first reported. */
export type TimelineBasis = 'event' | 'report';
export type TimelineStack = 'quadClass' | 'plover' | 'status';

export interface TimelineBucket {
  /** First day of the bucket. */
  date: IsoDate;
  /** Stack key (quad class number as string, PLOVER type or status) → count. */
  counts: Record<string, number>;
  total: number;
}

export interface PlaceCount {
  /** ISO 3166-2 code for admin-1 aggregates, ISO 3166-1 alpha-3 for country aggregates. */
  code: string;
  count: number;
}

/** Events between two actors, aggregated: the edges of the actor network. */
export interface ActorEdge {
  source: ActorId;
  target: ActorId;
  count: number;
  /** Sum of Goldstein scores, so the mean tells cooperation from conflict. */
  goldsteinSum: number;
  /** Counts per quad class 1–4. */
  quadCounts: [number, number, number, number];
}

export interface DocumentQuery {
  sourceId?: SourceId;
  /** Only documents that republish another (`true`) or only originals (`false`). */
  syndicated?: boolean;
}

export interface ClaimQuery {
  documentId?: DocumentId;
  eventId?: EventId;
}

export interface SearchHit {
  document: Pick<Document, 'id' | 'title' | 'url' | 'publisher' | 'published'>;
  /** Excerpt with the matches wrapped in `[` `]`. */
  snippet: string;
  score: number;
}

/**
 * A set of changes written atomically: either all of it is stored or none of it is. Events are
 * derived, so they are replaced wholesale: `events` upserts, `removeEventIds` deletes.
 */
export interface StoreChanges {
  sources?: Source[];
  documents?: Document[];
  actors?: Actor[];
  places?: Place[];
  claims?: Claim[];
  events?: Event[];
  removeEventIds?: EventId[];
  /** Reliability grades set by an analyst. */
  grades?: { sourceId: SourceId; reliability: Reliability; rationale: string }[];
  /** Sources an analyst discredited: their claims stop counting. Unknown source ids are ignored. */
  discredits?: { sourceId: SourceId; reason: string; at: string }[];
  /** Analyst rulings on which claims describe one happening; stored once (by id), never edited. */
  clusterDecisions?: ClusterDecision[];
}

/**
 * One slice of a coded dataset file (GDELT, UCDP), appended in bulk: a Document holding the slice's
 * raw rows as its text, and the Claims made from those rows, each quoting its row. The claims come
 * as objects (`claims`, any shape), in columns (`table`, the bulk form: no object per row), or both;
 * `datasetChunkClaims` gives them all as objects, which is what the chunk means. Every claim must
 * cite `document`. Sources, actors and places are upserted as in `apply`.
 */
export interface DatasetChunk {
  sources: Source[];
  document: Document;
  actors: Actor[];
  places: Place[];
  claims?: Claim[];
  table?: DatasetClaimTable;
  /**
   * `document.text` as UTF-8 bytes, when the reader holds them (`buildDocumentFromUtf8`). Then the
   * document's text is these bytes decoded, its contentHash their SHA-256 and its id
   * `documentId(url, contentHash)`: a store may write the bytes as they are and derive the hash and
   * id itself, never reading `document.text`, `contentHash` or `id` (which would work them out on
   * the caller's thread).
   */
  documentUtf8?: DocumentUtf8;
  /**
   * The one buffer the chunk's table columns and `documentUtf8` bytes lie in, when the reader built
   * them so (a pooled buffer). A store that writes on another thread may move the buffer there
   * (transfer it: nothing copied), which leaves the chunk's arrays empty on the caller's side; it
   * then hands the buffer back through `reuse` once it is done with it. Stores may ignore this.
   */
  memory?: DatasetChunkMemory;
}

export interface DatasetChunkMemory {
  buffer: ArrayBuffer;
  reuse?(buffer: ArrayBuffer): void;
}

/** Every claim of a chunk as an object: its `claims`, then its table's rows in order. */
export function datasetChunkClaims(chunk: DatasetChunk): Claim[] {
  const listed = chunk.claims ?? [];
  if (!chunk.table) return listed;
  return [...listed, ...datasetTableClaims(chunk.table, chunk.document)];
}

/** How many claims a chunk carries. */
export function datasetChunkSize(chunk: DatasetChunk): number {
  return (chunk.claims?.length ?? 0) + (chunk.table?.length ?? 0);
}

/** What appending a dataset chunk did: claims added, and claims whose id was already stored. */
export interface DatasetAppendSummary {
  inserted: number;
  duplicates: number;
}

/** How many records a write added, changed or left alone. */
export interface WriteSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface StoreInfo {
  /** Which implementation (`sqlite`, `memory`, `clickhouse`) and where. */
  kind: string;
  location: string;
  schemaVersion: number;
  counts: { sources: number; documents: number; claims: number; events: number; actors: number; places: number };
}

/**
 * The Store port: everything the pipeline and the surfaces read and write. It speaks in domain
 * objects and questions the workbench asks, never in SQL, so SQLite, ClickHouse and the in-memory
 * fake can all implement it and all pass one conformance suite.
 *
 * Documents are immutable: writing a document whose id exists leaves it unchanged.
 */
export interface Store {
  apply(changes: StoreChanges): Promise<WriteSummary>;
  /**
   * Appends a dataset chunk atomically (all of it or none of it). Idempotent: a stored document is
   * left as it is and a claim whose id is stored counts as a duplicate, so a re-import, or a re-run
   * after a crash, adds only what is missing. The bulk path for imports of millions of rows: stores
   * may lay these claims out for sequential writes, but must answer for them like any other claim.
   * A store keeps nothing of the chunk's arrays once the returned promise settles (a reader may
   * refill them), and may move `chunk.memory` away (see there): callers read what they need of a
   * chunk before appending it.
   */
  appendDatasetChunk(chunk: DatasetChunk): Promise<DatasetAppendSummary>;
  /**
   * Says that many dataset chunks are about to be appended (a large file is being read), so a store
   * can get ready while the first are read: the SQLite store starts its writer thread. Optional;
   * calling it changes nothing a store stores or answers.
   */
  expectDatasetAppends?(): void;

  getSource(id: SourceId): Promise<Source | null>;
  listSources(): Promise<Source[]>;

  getDocument(id: DocumentId): Promise<Document | null>;
  listDocuments(query: DocumentQuery, page: PageRequest): Promise<Page<Document>>;
  /** Full-text search over document titles and text. */
  searchDocuments(text: string, page: PageRequest): Promise<Page<SearchHit>>;
  /** Marks a document retracted (the text stays; it is immutable). */
  retractDocument(id: DocumentId, reason: string, at: string): Promise<boolean>;

  getClaim(id: ClaimId): Promise<Claim | null>;
  listClaims(query: ClaimQuery, page: PageRequest): Promise<Page<Claim>>;

  getEvent(id: EventId): Promise<Event | null>;
  /** Events matching the filter, newest first (by event start, then id). */
  listEvents(filter: EventFilter, page: PageRequest): Promise<Page<Event>>;
  countEvents(filter: EventFilter): Promise<number>;
  /** Event ids that contain any of the given claims. */
  eventIdsForClaims(claimIds: ClaimId[]): Promise<EventId[]>;
  /** Every manual merge and split, oldest first (ties by id): clustering runs replay them in order. */
  listClusterDecisions(): Promise<ClusterDecision[]>;

  getActor(id: ActorId): Promise<Actor | null>;
  listActors(): Promise<Actor[]>;
  getPlace(id: PlaceId): Promise<Place | null>;
  listPlaces(): Promise<Place[]>;

  /**
   * Events per time bucket under a filter, stacked by a category. Empty buckets are omitted.
   * `basis` (default `event`) places events by when they happened or when they were first reported.
   * With `hour`, only events known to the hour on that basis count, and bucket dates read
   * `YYYY-MM-DDTHH:00Z`.
   */
  timeline(
    filter: EventFilter,
    interval: TimelineInterval | 'hour',
    stack: TimelineStack,
    basis?: TimelineBasis,
  ): Promise<TimelineBucket[]>;
  /** Event counts per admin-1 unit or per country under a filter, largest first. */
  placeCounts(filter: EventFilter, level: 'admin1' | 'country'): Promise<PlaceCount[]>;
  /**
   * The heaviest source→target actor pairs under a filter, by event count (ties by actor ids).
   * An event with several sources or targets contributes one edge per source–target pair.
   */
  actorEdges(filter: EventFilter, limit: number): Promise<ActorEdge[]>;

  info(): Promise<StoreInfo>;
  close(): Promise<void>;
}
