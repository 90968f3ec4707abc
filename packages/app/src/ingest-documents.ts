import {
  type Actor,
  buildSource,
  type Claim,
  type Clock,
  type Document,
  type DocumentId,
  detectWireCredit,
  type Extractor,
  fingerprint,
  isDatasetMediaType,
  NearDuplicateIndex,
  type Place,
  type Source,
  type Store,
  type TextFingerprint,
  type WireAgency,
  wireAgencyOfDomain,
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
  /** New documents recorded as republished copies of an earlier one (`syndicatedFrom`). */
  syndicated: number;
  /** Fetched URLs the server said had not changed since the last fetch. */
  unchanged: number;
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

/** Share of the shorter text found in the longer one that marks a copy. */
export const COPY_THRESHOLD = 0.5;
/** The same when a wire credit ties the two (both credit one agency, or one is the agency's own story). */
export const CREDITED_COPY_THRESHOLD = 0.3;

interface Known {
  id: DocumentId;
  published: string | null;
  syndicatedFrom: DocumentId | null;
  sourceId: Source['id'] | null;
  domain: string | null;
  credit: WireAgency | null;
}

function domainOf(url: string | null): string | null {
  const host = url ? /^https?:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url)?.[1] : undefined;
  return host ? host.toLowerCase().replace(/^www\./, '') : null;
}

/** How much shared text makes `copy` a copy of `original`, given what their wire credits say. */
export function copyThresholdFor(
  copy: { credit: WireAgency | null; domain: string | null },
  original: { credit: WireAgency | null; domain: string | null },
): number {
  const copyCredit = copy.credit;
  if (!copyCredit) return COPY_THRESHOLD;
  if (original.credit?.name === copyCredit.name) return CREDITED_COPY_THRESHOLD;
  if (wireAgencyOfDomain(original.domain)?.name === copyCredit.name) return CREDITED_COPY_THRESHOLD;
  return COPY_THRESHOLD;
}

/**
 * Everything stored that new documents could copy, indexed for near-duplicate search: exact copies
 * by content hash, near copies by MinHash/LSH. Built from the store (prose documents only), then
 * grown as documents are ingested.
 */
export class LineageIndex {
  private readonly byHash = new Map<string, Known>();
  private readonly known = new Map<DocumentId, Known>();
  readonly near = new NearDuplicateIndex<DocumentId>();

  static async fromStore(store: Store): Promise<LineageIndex> {
    const index = new LineageIndex();
    let cursor: string | null = null;
    do {
      const page = await store.listDocuments({}, { limit: 500, cursor });
      for (const d of page.items) index.add(d);
      cursor = page.next;
    } while (cursor);
    return index;
  }

  add(d: Document, fp?: TextFingerprint): void {
    if (isDatasetMediaType(d.mediaType) || this.known.has(d.id)) return;
    const k: Known = {
      id: d.id,
      published: d.published,
      syndicatedFrom: d.syndicatedFrom,
      sourceId: d.sourceId,
      domain: domainOf(d.url),
      credit: detectWireCredit(d.text),
    };
    this.known.set(d.id, k);
    const earlier = this.byHash.get(d.contentHash);
    if (!earlier || (d.published ?? '9999') < (earlier.published ?? '9999')) this.byHash.set(d.contentHash, k);
    this.near.add(d.id, fp ?? fingerprint(d.text));
  }

  has(id: DocumentId): boolean {
    return this.known.has(id);
  }

  /** Follows stored lineage to the first original. */
  private root(k: Known): Known {
    let current = k;
    for (let i = 0; i < 20 && current.syndicatedFrom; i++) {
      const next = this.known.get(current.syndicatedFrom);
      if (!next) break;
      current = next;
    }
    return current;
  }

  /**
   * The original a new document copies, if any: an exact copy of stored text, or the best near
   * duplicate past the threshold that was published no later than it. Never the document itself,
   * and never a copy when the document is the credited agency's own story.
   */
  originalOf(d: Document, fp: TextFingerprint): Known | null {
    const domain = domainOf(d.url);
    const credit = detectWireCredit(d.text);
    const self = { credit, domain };
    if (wireAgencyOfDomain(domain) && (!credit || wireAgencyOfDomain(domain)?.name === credit.name)) return null;
    const notLater = (k: Known) => !d.published || !k.published || k.published <= d.published;
    const exact = this.byHash.get(d.contentHash);
    if (exact && exact.id !== d.id && notLater(exact)) return this.root(exact);
    for (const c of this.near.candidates(fp)) {
      if (c.key === d.id) continue;
      const k = this.known.get(c.key);
      if (!k || !notLater(k)) continue;
      if (c.containment >= copyThresholdFor(self, k)) return this.root(k);
    }
    return null;
  }
}

/**
 * Stores documents, links republished copies to their originals, extracts claims and re-weighs the
 * events they bear on. Lineage is decided before a document is stored (documents are immutable):
 * exact copies by content hash, near copies (a wire story under a new headline, a trimmed ending)
 * by MinHash/LSH against everything stored and everything earlier in the batch, helped by wire
 * credits. A copy's Source is recorded as syndicating the original's Source, and a credited copy
 * whose original is not in the workspace still links its Source to the agency's. Each document is
 * written in its own transaction with its claims, so a failure leaves earlier documents stored and
 * nothing half-written; re-running the same input changes nothing (ids are content hashes).
 */
export async function ingestDocuments(
  deps: IngestDeps,
  inputs: readonly ReadDocument[],
  options: {
    failures?: IngestFailure[];
    unchanged?: number;
    corroborate?: boolean;
    lineage?: LineageIndex;
    onProgress?: (done: number, total: number, summary: IngestSummary) => void;
  } = {},
): Promise<IngestSummary> {
  const failures = [...(options.failures ?? [])];
  const summary: IngestSummary = {
    read: inputs.length + failures.length + (options.unchanged ?? 0),
    inserted: 0,
    duplicates: 0,
    syndicated: 0,
    unchanged: options.unchanged ?? 0,
    failed: 0,
    failures,
    claims: 0,
    events: null,
  };
  const lineage = options.lineage ?? (await LineageIndex.fromStore(deps.store));
  // Earliest first, so within a batch the original is seen before its copies.
  const ordered = [...inputs].sort(
    (a, b) =>
      (a.document.published ?? '9999').localeCompare(b.document.published ?? '9999') ||
      (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0),
  );
  let done = 0;
  const newClaims: Claim['id'][] = [];
  for (const input of ordered) {
    const source = input.source;
    try {
      if (lineage.has(input.document.id) || (await deps.store.getDocument(input.document.id))) {
        summary.duplicates++;
        continue;
      }
      const fp = fingerprint(input.document.text);
      const original = lineage.originalOf(input.document, fp);
      const document: Document = original ? { ...input.document, syndicatedFrom: original.id } : input.document;
      const sources: Source[] = [];
      if (source) {
        const syndicates = new Set(source.syndicates);
        if (original?.sourceId && original.sourceId !== source.id) syndicates.add(original.sourceId);
        const credit = detectWireCredit(document.text);
        if (credit && wireAgencyOfDomain(source.domain)?.name !== credit.name) {
          const wire = buildSource({ name: credit.name, domain: credit.domain, kind: 'wire-agency' });
          sources.push(wire);
          syndicates.add(wire.id);
        }
        sources.push({ ...source, syndicates: [...syndicates].sort() });
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
      await deps.store.apply({ sources, documents: [document], claims, actors, places });
      lineage.add(document, fp);
      summary.inserted++;
      if (original) summary.syndicated++;
      summary.claims += claims.length;
      for (const c of claims) newClaims.push(c.id);
    } catch (error) {
      failures.push({ input: input.document.url ?? input.document.title, reason: (error as Error).message });
    } finally {
      options.onProgress?.(++done, inputs.length, summary);
    }
  }
  summary.failed = failures.length;
  // Only the events the new claims can reach are re-weighed.
  if (options.corroborate !== false && summary.inserted > 0)
    summary.events = await recorroborate(deps, { claimIds: newClaims });
  return summary;
}
