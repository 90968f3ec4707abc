import {
  type Claim,
  type Clock,
  corroborate,
  type Document,
  type DocumentId,
  type Event,
  type EventId,
  type Source,
  type SourceId,
  type Store,
} from '@parallax/core';

export interface RecorroborateSummary {
  events: number;
  inserted: number;
  updated: number;
  removed: number;
}

const PAGE = 5000;

async function allPages<T>(
  fetch: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/**
 * Recomputes every Event from every Claim and writes only the differences. Corroboration is a pure
 * function of the claims, documents and sources, so recomputing everything is always correct; it is
 * the simple strategy for workspaces that fit in memory (the demo, analyst collections).
 */
export async function recorroborate(deps: { store: Store; clock: Clock }): Promise<RecorroborateSummary> {
  const { store } = deps;
  const claims = await allPages<Claim>((cursor) => store.listClaims({}, { limit: PAGE, cursor }));
  const documents = await allPages<Document>((cursor) => store.listDocuments({}, { limit: PAGE, cursor }));
  const sources = await store.listSources();
  const events = corroborate(claims, {
    documents: new Map<DocumentId, Document>(documents.map((d) => [d.id, d])),
    sources: new Map<SourceId, Source>(sources.map((s) => [s.id, s])),
  });
  const existing = await allPages<Event>((cursor) => store.listEvents({}, { limit: PAGE, cursor }));
  const fresh = new Set(events.map((e) => e.id));
  const removeEventIds: EventId[] = existing.filter((e) => !fresh.has(e.id)).map((e) => e.id);
  const summary = await store.apply({ events, removeEventIds });
  return {
    events: events.length,
    inserted: summary.inserted,
    updated: summary.updated - removeEventIds.length,
    removed: removeEventIds.length,
  };
}
