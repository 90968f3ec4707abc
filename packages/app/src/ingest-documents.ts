import {
  type Actor,
  type Claim,
  type Clock,
  type Document,
  detectSyndication,
  type Extractor,
  type Place,
  type Source,
  type Store,
} from '@parallax/core';
import { type RecorroborateSummary, recorroborate } from './recorroborate.ts';

/** A document as an ingest adapter read it, with the Source it was published by. */
export interface ReadDocument {
  document: Document;
  source: Source | null;
}

export interface IngestFailure {
  input: string;
  reason: string;
}

export interface IngestSummary {
  read: number;
  inserted: number;
  duplicates: number;
  failed: number;
  failures: IngestFailure[];
  claims: number;
  events: RecorroborateSummary | null;
}

export interface IngestDeps {
  store: Store;
  clock: Clock;
  /** Null when no extractor is configured: documents are stored without claims. */
  extractor: Extractor | null;
}

/**
 * Stores documents, extracts their claims and re-weighs the events they bear on. Each document is
 * written in its own transaction together with its claims, so a failure leaves earlier documents
 * stored and nothing half-written; re-running the same input changes nothing (ids are content hashes).
 */
export async function ingestDocuments(
  deps: IngestDeps,
  inputs: readonly ReadDocument[],
  options: {
    failures?: IngestFailure[];
    corroborate?: boolean;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<IngestSummary> {
  const failures = [...(options.failures ?? [])];
  let inserted = 0;
  let duplicates = 0;
  let claimCount = 0;
  let done = 0;
  // Lineage must be known before a document is stored: documents are immutable afterwards.
  const copies = detectSyndication(inputs.map((i) => i.document));
  for (const input of inputs) {
    const { source } = input;
    const original = copies.get(input.document.id);
    const document = original ? { ...input.document, syndicatedFrom: original } : input.document;
    try {
      const existing = await deps.store.getDocument(document.id);
      if (existing) {
        duplicates++;
        continue;
      }
      let claims: Claim[] = [];
      let actors: Actor[] = [];
      let places: Place[] = [];
      if (deps.extractor) {
        const result = deps.extractor.extract(document);
        claims = result.claims;
        actors = result.actors;
        places = result.places;
      }
      await deps.store.apply({ sources: source ? [source] : [], documents: [document], claims, actors, places });
      inserted++;
      claimCount += claims.length;
    } catch (error) {
      failures.push({ input: document.url ?? document.title, reason: (error as Error).message });
    } finally {
      options.onProgress?.(++done, inputs.length);
    }
  }
  const events = options.corroborate === false || inserted === 0 ? null : await recorroborate(deps);
  return {
    read: inputs.length + (options.failures?.length ?? 0),
    inserted,
    duplicates,
    failed: failures.length,
    failures,
    claims: claimCount,
    events,
  };
}
