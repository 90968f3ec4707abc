import {
  type Actor,
  type ActorId,
  actorEdgesOf,
  type Claim,
  type ClaimId,
  type ClaimQuery,
  type ClusterDecision,
  checkChanges,
  checkDatasetTable,
  compareClusterDecisions,
  compareEventsNewestFirst,
  type DatasetAppendSummary,
  type DatasetChunk,
  type Document,
  type DocumentId,
  type DocumentQuery,
  datasetChunkClaims,
  type Event,
  type EventFilter,
  type EventId,
  eventCursor,
  IntegrityError,
  isAfterCursor,
  matchesEventFilter,
  mergeSource,
  type Page,
  type PageRequest,
  type Place,
  type PlaceId,
  parseEventCursor,
  placeCountsOf,
  type SearchHit,
  type Source,
  type SourceId,
  type Store,
  type StoreChanges,
  type StoreInfo,
  timelineOf,
  type WriteSummary,
} from '@parallax/core';

/**
 * The in-memory Store fake: a second, deliberately naive implementation of the port. It answers
 * every question by filtering plain arrays with the core's reference functions, so when it and a real
 * store pass the same conformance suite, the real store's fast paths are checked against the
 * reference meaning.
 */
export function createMemoryStore(): Store {
  const sources = new Map<SourceId, Source>();
  const documents = new Map<DocumentId, Document>();
  const claims = new Map<ClaimId, Claim>();
  const events = new Map<EventId, Event>();
  const actors = new Map<ActorId, Actor>();
  const places = new Map<PlaceId, Place>();
  const decisions = new Map<string, ClusterDecision>();
  const clone = <T>(value: T): T => structuredClone(value);

  function offsetPage<T>(items: T[], page: PageRequest): Page<T> {
    const offset = page.cursor ? Number(page.cursor.replace(/^o:/, '')) : 0;
    const slice = items.slice(offset, offset + page.limit);
    const nextOffset = offset + slice.length;
    return { items: slice, next: nextOffset < items.length ? `o:${nextOffset}` : null, total: items.length };
  }

  const filtered = (filter: EventFilter) => {
    let list = [...events.values()].filter((e) => matchesEventFilter(e, filter));
    if (filter.documentId) {
      const docId = filter.documentId;
      list = list.filter((e) => e.claimIds.some((id) => claims.get(id)?.documentId === docId));
    }
    return list;
  };

  const store: Store = {
    async appendDatasetChunk(chunk: DatasetChunk): Promise<DatasetAppendSummary> {
      // The naive meaning of the bulk path: one `apply` of the chunk's claims as objects, with
      // duplicates counted first.
      if (chunk.table) checkDatasetTable(chunk.table, chunk.document);
      const all = datasetChunkClaims(chunk);
      for (const c of all) {
        if (c.documentId !== chunk.document.id)
          throw new IntegrityError(
            `claim ${c.id}: a dataset chunk's claims must cite its document ${chunk.document.id}`,
          );
      }
      const seen = new Set<string>();
      const fresh = all.filter((c) => {
        if (claims.has(c.id) || seen.has(c.id)) return false;
        seen.add(c.id);
        return true;
      });
      await store.apply({
        sources: chunk.sources,
        documents: [chunk.document],
        actors: chunk.actors,
        places: chunk.places,
        claims: fresh,
      });
      return { inserted: fresh.length, duplicates: all.length - fresh.length };
    },

    async apply(changes: StoreChanges): Promise<WriteSummary> {
      checkChanges(changes, {
        hasDocument: (id) => documents.has(id),
        hasClaim: (id) => claims.has(id),
        documentLength: (id) => documents.get(id)?.text.length ?? null,
      });
      const summary: WriteSummary = { inserted: 0, updated: 0, unchanged: 0 };
      const upsert = <K, V>(map: Map<K, V>, key: K, value: V) => {
        const old = map.get(key);
        if (old === undefined) summary.inserted++;
        else if (JSON.stringify(old) === JSON.stringify(value)) summary.unchanged++;
        else summary.updated++;
        map.set(key, clone(value));
      };
      for (const s of changes.sources ?? []) {
        const old = sources.get(s.id);
        upsert(sources, s.id, old ? mergeSource(old, s) : s);
      }
      for (const d of changes.documents ?? []) {
        if (documents.has(d.id)) summary.unchanged++;
        else {
          documents.set(d.id, clone(d));
          summary.inserted++;
        }
      }
      for (const a of changes.actors ?? []) upsert(actors, a.id, a);
      for (const p of changes.places ?? []) upsert(places, p.id, p);
      for (const c of changes.claims ?? []) {
        if (claims.has(c.id)) summary.unchanged++;
        else {
          claims.set(c.id, clone(c));
          summary.inserted++;
        }
      }
      for (const id of changes.removeEventIds ?? []) {
        if (events.delete(id)) summary.updated++;
      }
      for (const e of changes.events ?? []) upsert(events, e.id, e);
      for (const g of changes.grades ?? []) {
        const s = sources.get(g.sourceId);
        if (!s) continue;
        sources.set(g.sourceId, { ...s, reliability: g.reliability, reliabilityRationale: g.rationale });
        summary.updated++;
      }
      for (const d of changes.discredits ?? []) {
        const s = sources.get(d.sourceId);
        if (!s) continue;
        sources.set(d.sourceId, { ...s, discredited: { at: d.at, reason: d.reason } });
        summary.updated++;
      }
      for (const d of changes.clusterDecisions ?? []) {
        if (decisions.has(d.id)) summary.unchanged++;
        else {
          decisions.set(d.id, clone(d));
          summary.inserted++;
        }
      }
      return summary;
    },

    async getSource(id) {
      return clone(sources.get(id) ?? null);
    },
    async listSources() {
      return clone([...sources.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || cmp(a.id, b.id)));
    },

    async getDocument(id) {
      return clone(documents.get(id) ?? null);
    },
    async listDocuments(query: DocumentQuery, page) {
      const list = [...documents.values()]
        .filter((d) => !query.sourceId || d.sourceId === query.sourceId)
        .filter((d) => query.syndicated === undefined || (d.syndicatedFrom !== null) === query.syndicated)
        .sort(compareDocumentsNewestFirst);
      return clone(offsetPage(list, page));
    },
    async searchDocuments(text, page) {
      const { terms, phrases } = parseSearch(text);
      if (!terms.length && !phrases.length) return { items: [], next: null, total: 0 };
      const hits: SearchHit[] = [];
      for (const d of documents.values()) {
        const words = tokenize(`${d.title} ${d.text}`);
        const wordSet = new Set(words);
        if (!terms.every((t) => wordSet.has(t))) continue;
        const joined = ` ${words.join(' ')} `;
        if (!phrases.every((p) => joined.includes(` ${p.join(' ')} `))) continue;
        const score = words.filter((w) => terms.includes(w) || phrases.some((p) => p.includes(w))).length;
        hits.push({
          document: { id: d.id, title: d.title, url: d.url, publisher: d.publisher, published: d.published },
          snippet: snippetOf(d.text, [...terms, ...phrases.flat()]),
          score,
        });
      }
      hits.sort((a, b) => b.score - a.score || cmp(a.document.id, b.document.id));
      return offsetPage(hits, page);
    },
    async retractDocument(id, reason, at) {
      const d = documents.get(id);
      if (!d) return false;
      documents.set(id, { ...d, retracted: { at, reason } });
      return true;
    },

    async getClaim(id) {
      return clone(claims.get(id) ?? null);
    },
    async listClaims(query: ClaimQuery, page) {
      let list = [...claims.values()];
      if (query.documentId) list = list.filter((c) => c.documentId === query.documentId);
      if (query.eventId) {
        const ids = new Set(events.get(query.eventId)?.claimIds ?? []);
        list = list.filter((c) => ids.has(c.id));
      }
      list.sort((a, b) => cmp(a.documentId, b.documentId) || a.start - b.start || cmp(a.id, b.id));
      return clone(offsetPage(list, page));
    },

    async getEvent(id) {
      return clone(events.get(id) ?? null);
    },
    async listEvents(filter, page) {
      const all = filtered(filter).sort(compareEventsNewestFirst);
      const after = page.cursor ? parseEventCursor(page.cursor) : null;
      const rest = after ? all.filter((e) => isAfterCursor(e, after)) : all;
      const items = rest.slice(0, page.limit);
      const last = items.at(-1);
      return clone({ items, next: last && rest.length > items.length ? eventCursor(last) : null, total: all.length });
    },
    async countEvents(filter) {
      return filtered(filter).length;
    },
    async eventIdsForClaims(claimIds) {
      const wanted = new Set(claimIds);
      return [...events.values()]
        .filter((e) => e.claimIds.some((id) => wanted.has(id)))
        .map((e) => e.id)
        .sort();
    },

    async listClusterDecisions() {
      return clone([...decisions.values()].sort(compareClusterDecisions));
    },

    async getActor(id) {
      return clone(actors.get(id) ?? null);
    },
    async listActors() {
      return clone([...actors.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || cmp(a.id, b.id)));
    },
    async getPlace(id) {
      return clone(places.get(id) ?? null);
    },
    async listPlaces() {
      return clone([...places.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || cmp(a.id, b.id)));
    },

    async timeline(filter, interval, stack, basis = 'event') {
      return timelineOf(filtered(filter), interval, stack, basis);
    },
    async placeCounts(filter, level) {
      return placeCountsOf(filtered(filter), level);
    },
    async actorEdges(filter, limit) {
      return actorEdgesOf(filtered(filter), limit);
    },

    async info(): Promise<StoreInfo> {
      return {
        kind: 'memory',
        location: ':memory:',
        schemaVersion: 0,
        counts: {
          sources: sources.size,
          documents: documents.size,
          claims: claims.size,
          events: events.size,
          actors: actors.size,
          places: places.size,
        },
      };
    },
    async close() {},
  };
  return store;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest publication first; undated documents last; ties by id. */
export function compareDocumentsNewestFirst(a: Document, b: Document): number {
  const pa = a.published ?? '';
  const pb = b.published ?? '';
  if (pa !== pb) return pa < pb ? 1 : -1;
  return cmp(a.id, b.id);
}

function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function parseSearch(text: string): { terms: string[]; phrases: string[][] } {
  const phrases: string[][] = [];
  const rest = text.replace(/"([^"]*)"/g, (_, p: string) => {
    const words = tokenize(p);
    if (words.length) phrases.push(words);
    return ' ';
  });
  return { terms: tokenize(rest), phrases };
}

function snippetOf(text: string, words: string[]): string {
  const lower = text.toLowerCase();
  const at = Math.max(0, Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), text.length));
  const start = Math.max(0, at - 60);
  let excerpt = text.slice(start, at + 140);
  for (const w of new Set(words)) {
    excerpt = excerpt.replace(new RegExp(`\\b(${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\b`, 'giu'), '[$1]');
  }
  return `${start > 0 ? '…' : ''}${excerpt}${at + 140 < text.length ? '…' : ''}`;
}
