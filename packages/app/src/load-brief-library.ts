import type { Document, DocumentId, Event, EventId, Source, SourceId, Store } from '@parallax/core';

/** The documents, sources and events a brief cites, read from the workspace for composing it. */
export interface BriefLibraryData {
  documents: Document[];
  sources: Source[];
  events: Event[];
}

/**
 * Loads what a brief's citation keys name: the cited documents, the cited events with the documents
 * of their origins (an event is cited through them), the sources of all of those, and the originals
 * of republished copies (the source summary follows lineage to the newsroom that wrote the story).
 */
export async function loadBriefLibrary(
  store: Store,
  keys: { documents: readonly string[]; events: readonly string[] },
): Promise<BriefLibraryData> {
  const documents = new Map<string, Document>();
  const events: Event[] = [];
  const addDocument = async (id: string) => {
    let next: string | null = id;
    while (next && !documents.has(next)) {
      const doc: Document | null = await store.getDocument(next as DocumentId);
      if (!doc) return;
      documents.set(doc.id, doc);
      next = doc.syndicatedFrom;
    }
  };
  for (const id of keys.documents) await addDocument(id);
  for (const id of keys.events) {
    const event = await store.getEvent(id as EventId);
    if (!event) continue;
    events.push(event);
    for (const o of event.origins) for (const d of o.documentIds) await addDocument(d);
  }
  const sourceIds = new Set([...documents.values()].map((d) => d.sourceId).filter((s): s is SourceId => s !== null));
  const sources: Source[] = [];
  for (const id of sourceIds) {
    const s = await store.getSource(id);
    if (s) sources.push(s);
  }
  return { documents: [...documents.values()], sources, events };
}
