import type { DocumentId, Source, SourceId, Store } from '@parallax/core';

/** A source with how much of the workspace it accounts for. */
export interface SourceSummary extends Source {
  /** Documents published by the source. */
  documents: number;
  /** Of those, documents that republish another document (wire copies). */
  copies: number;
}

/** "`copier` republishes `original`": one edge of the who-copies-whom graph. */
export interface LineageEdge {
  copier: SourceId;
  original: SourceId;
  /** Copied documents seen in the workspace (0 when the link is only declared). */
  documents: number;
  /** The source record declares the link (`syndicates`), as well as or instead of documents showing it. */
  declared: boolean;
}

export interface SourceOverview {
  sources: SourceSummary[];
  lineage: LineageEdge[];
  /** Documents with no resolved source. */
  unattributed: number;
  /** True when more copied documents exist than were walked for lineage. */
  partial: boolean;
}

const PAGE = 1000;

/**
 * Sources with their document counts and the lineage between them: declared syndication links plus
 * the links documents show (a copy whose original is published by another source). Circular
 * reporting is what corroboration must see through, so the analyst needs to see it too.
 */
export async function sourceOverview(store: Store, options: { maxCopies?: number } = {}): Promise<SourceOverview> {
  const maxCopies = options.maxCopies ?? 20_000;
  const list = await store.listSources();
  const sources: SourceSummary[] = [];
  for (const source of list) {
    const [all, copies] = await Promise.all([
      store.listDocuments({ sourceId: source.id }, { limit: 1 }),
      store.listDocuments({ sourceId: source.id, syndicated: true }, { limit: 1 }),
    ]);
    sources.push({ ...source, documents: all.total, copies: copies.total });
  }
  const total = (await store.listDocuments({}, { limit: 1 })).total;
  const attributed = sources.reduce((n, s) => n + s.documents, 0);

  const edges = new Map<string, LineageEdge>();
  const edge = (copier: SourceId, original: SourceId) => {
    const key = `${copier}>${original}`;
    let e = edges.get(key);
    if (!e) {
      e = { copier, original, documents: 0, declared: false };
      edges.set(key, e);
    }
    return e;
  };
  for (const s of list) for (const original of s.syndicates) edge(s.id, original).declared = true;

  const sourceOfDocument = new Map<DocumentId, SourceId | null>();
  let walked = 0;
  let cursor: string | null = null;
  do {
    const page = await store.listDocuments({ syndicated: true }, { limit: PAGE, cursor });
    for (const copy of page.items) {
      walked++;
      if (!copy.syndicatedFrom || !copy.sourceId) continue;
      let original = sourceOfDocument.get(copy.syndicatedFrom);
      if (original === undefined) {
        original = (await store.getDocument(copy.syndicatedFrom))?.sourceId ?? null;
        sourceOfDocument.set(copy.syndicatedFrom, original);
      }
      if (original && original !== copy.sourceId) edge(copy.sourceId, original).documents++;
    }
    cursor = page.next;
  } while (cursor && walked < maxCopies);

  return {
    sources: sources.sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name)),
    lineage: [...edges.values()].sort((a, b) => b.documents - a.documents || (a.copier < b.copier ? -1 : 1)),
    unattributed: Math.max(0, total - attributed),
    partial: cursor !== null,
  };
}
