import { contentId } from '../hash/content-id.ts';
import { sha256Hex } from '../hash/sha256.ts';
import { type DocumentId, ID_PREFIX, type SourceId } from './ids.ts';
import type { IsoDateTime } from './time.ts';

/**
 * One retrieved item: an article, statement, report or dataset file. Immutable once stored; a
 * retraction is recorded beside it, never by editing it.
 */
export interface Document {
  id: DocumentId;
  sourceId: SourceId | null;
  url: string | null;
  title: string;
  author: string | null;
  /** Publisher's display name as the document gives it; the Source is the resolved entity. */
  publisher: string | null;
  published: IsoDateTime | null;
  retrieved: IsoDateTime;
  /** BCP 47 language tag, `und` when unknown. */
  language: string;
  /** Media type of the original (`text/markdown`, `text/html`, `application/pdf`, …). */
  mediaType: string;
  text: string;
  /** SHA-256 of `text`. */
  contentHash: string;
  /** SHA-256 of the archived original bytes, when they were kept. */
  originalHash: string | null;
  /** The document this one republishes (a wire story on a portal), if any. */
  syndicatedFrom: DocumentId | null;
  retracted: { at: string; reason: string } | null;
}

/**
 * Same URL and same text give the same id, so re-ingesting is a no-op; the same text at another URL is
 * a different Document (a copy, which ingest links with `syndicatedFrom`).
 */
export function documentId(url: string | null, contentHash: string): DocumentId {
  return contentId(ID_PREFIX.document, url ?? '', contentHash) as DocumentId;
}

export function textHash(text: string): string {
  return sha256Hex(text);
}

export type DocumentDraft = Pick<Document, 'title' | 'text' | 'retrieved'> & Partial<Document>;

export function buildDocument(draft: DocumentDraft): Document {
  const contentHash = draft.contentHash ?? textHash(draft.text);
  const url = draft.url ?? null;
  return {
    id: draft.id ?? documentId(url, contentHash),
    sourceId: draft.sourceId ?? null,
    url,
    title: draft.title,
    author: draft.author ?? null,
    publisher: draft.publisher ?? null,
    published: draft.published ?? null,
    retrieved: draft.retrieved,
    language: draft.language ?? 'und',
    mediaType: draft.mediaType ?? 'text/plain',
    text: draft.text,
    contentHash,
    originalHash: draft.originalHash ?? null,
    syndicatedFrom: draft.syndicatedFrom ?? null,
    retracted: draft.retracted ?? null,
  };
}

/**
 * A document's text as the UTF-8 bytes it was read from: `parts` in order (views into the buffers a
 * reader read, so nothing is copied to make them), with the text's length in UTF-16 code units.
 */
export interface DocumentUtf8 {
  parts: readonly Uint8Array[];
  length: number;
}

/**
 * A Document whose text is held as UTF-8 bytes. Its `text`, `contentHash` (SHA-256 of the bytes) and
 * `id` (from url and contentHash, as `buildDocument` makes it) are worked out only when first read,
 * by functions the caller supplies (the core has neither decoder nor fast hash), then kept. Dataset
 * readers hold each slice as the bytes they read; a store given those bytes
 * (`DatasetChunk.documentUtf8`) may derive the three itself, on its own thread, and never read them
 * here. The caller vouches that the bytes are valid UTF-8 of `utf8.length` UTF-16 units.
 */
export function buildDocumentFromUtf8(
  draft: Omit<DocumentDraft, 'text' | 'contentHash' | 'id'>,
  utf8: DocumentUtf8,
  derive: { decode(utf8: DocumentUtf8): string; hash(utf8: DocumentUtf8): string },
): Document {
  const document = buildDocument({ ...draft, text: '', contentHash: '' });
  let text: string | null = null;
  let contentHash: string | null = null;
  let id: DocumentId | null = null;
  const hash = () => {
    contentHash ??= derive.hash(utf8);
    return contentHash;
  };
  // Redefined in place, so the document's keys keep buildDocument's order.
  const lazy = (key: 'text' | 'contentHash' | 'id', get: () => string) =>
    Object.defineProperty(document, key, { enumerable: true, configurable: true, get });
  lazy('text', () => {
    text ??= derive.decode(utf8);
    return text;
  });
  lazy('contentHash', hash);
  lazy('id', () => {
    id ??= documentId(document.url, hash());
    return id;
  });
  return document;
}

/**
 * Media types of dataset slices (a stored piece of a GDELT or UCDP file): records, not prose, so they
 * are neither searched nor compared for syndication. SQLite's search triggers (migration v1) spell
 * the same list in SQL.
 */
export const DATASET_MEDIA_TYPES: readonly string[] = ['text/tab-separated-values', 'text/csv'];

export function isDatasetMediaType(mediaType: string): boolean {
  return DATASET_MEDIA_TYPES.includes(mediaType);
}
