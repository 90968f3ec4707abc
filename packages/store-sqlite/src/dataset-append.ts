import { createHash } from 'node:crypto';
import {
  type Actor,
  type Claim,
  checkChanges,
  checkDatasetTable,
  DATASET_TABLE_INT_COLUMNS,
  type DatasetAppendSummary,
  type DatasetChunk,
  type DatasetClaimTable,
  type Document,
  type DocumentId,
  documentId,
  IntegrityError,
  mergeSource,
  type Place,
  type Source,
} from '@parallax/core';
import type { Database, Statement } from 'better-sqlite3';
import { encodeClaimBody } from './claim-codec.ts';
import { segmentWriter } from './dataset-segments.ts';
import type { InternedValues, SharedValueSender } from './shared-values.ts';

/**
 * A dataset chunk checked and encoded for writing: what crosses to the writer thread. Claims given
 * as objects are encoded as claim rows here; a table crosses as it is (typed arrays and the shared
 * values), checked and encoded as one segment by the writer.
 */
export interface EncodedChunk {
  sources: Source[];
  document: Document;
  actors: Actor[];
  places: Place[];
  ids: string[];
  starts: number[];
  bodies: string[];
  table: DatasetClaimTable | null;
  /**
   * The document's text as UTF-8 when the reader held it so (`DatasetChunk.documentUtf8`); then
   * `document.text` is empty and these parts, joined, are written as the text, never decoded.
   */
  textUtf8?: readonly Uint8Array[];
  /** Set when the table's shared values were interned for the writer thread (shared-values.ts). */
  values?: InternedValues;
  /**
   * The buffer the table's columns and the text's bytes lie in (`DatasetChunk.memory`), to move to
   * the writer thread rather than copy; the thread sends it back once the chunk is written.
   */
  memory?: ArrayBuffer;
}

/**
 * Checks a chunk (every claim cites the chunk's document, inside its text) and encodes its claims
 * as stored rows. Done by the caller's thread, so only strings and bytes cross to a writer thread.
 */
export function encodeChunk(chunk: DatasetChunk, sender?: SharedValueSender): EncodedChunk {
  const utf8 = chunk.documentUtf8;
  // A text held as bytes is not read here, nor its hash or id (that would decode and hash megabytes
  // on the importing thread): the document crosses without them and the writer derives them.
  const doc = utf8 ? withoutDerived(chunk.document) : chunk.document;
  // Until the writer derives the id, messages name the document by its title (which names the file and lines).
  const named = utf8 ? (doc.title as DocumentId) : doc.id;
  checkChanges(
    { documents: [{ ...doc, id: named }] },
    { hasDocument: () => false, hasClaim: () => false, documentLength: () => null },
  );
  const length = utf8 ? utf8.length : doc.text.length;
  // Checked here, on the caller's thread, so a bad chunk fails with the core's own error type.
  if (chunk.table) checkDatasetTable(chunk.table, { id: named, text: { length } });
  const listed = chunk.claims ?? [];
  const n = listed.length;
  // Claims given as objects cite the document by id and are checked against its text: read only then.
  const text = n > 0 ? chunk.document.text : '';
  const docId = n > 0 ? chunk.document.id : named;
  const ids = new Array<string>(n);
  const starts = new Array<number>(n);
  const bodies = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const c = listed[i] as Claim;
    if (c.documentId !== docId)
      throw new IntegrityError(`claim ${c.id}: a dataset chunk's claims must cite its document ${docId}`);
    if (c.start < 0 || c.end < c.start || c.end > length) {
      throw new IntegrityError(
        `claim ${c.id}: span ${c.start}–${c.end} lies outside document ${docId} (length ${length})`,
      );
    }
    ids[i] = c.id;
    starts[i] = c.start;
    bodies[i] = encodeClaimBody(c, c.quote.length === c.end - c.start && text.startsWith(c.quote, c.start));
  }
  const encoded: EncodedChunk = {
    sources: chunk.sources,
    document: doc,
    ...(utf8 ? { textUtf8: utf8.parts } : {}),
    actors: chunk.actors,
    places: chunk.places,
    ids,
    starts,
    bodies,
    table: chunk.table ?? null,
  };
  if (chunk.table && sender) {
    const interned = sender.intern(chunk.table);
    encoded.table = interned.table;
    encoded.values = interned.values;
  }
  const memory = chunk.memory?.buffer;
  if (memory && sender && holdsAll(memory, encoded)) encoded.memory = memory;
  return encoded;
}

/** Every array of the chunk lies in `memory`: moving it then leaves nothing behind that is still needed. */
function holdsAll(memory: ArrayBuffer, chunk: EncodedChunk): boolean {
  for (const part of chunk.textUtf8 ?? []) if (part.buffer !== memory) return false;
  const t = chunk.table;
  if (t && t.length > 0) {
    if (t.records.buffer !== memory) return false;
    for (const column of DATASET_TABLE_INT_COLUMNS) if (t[column].buffer !== memory) return false;
  }
  return true;
}

const DERIVED = new Set(['text', 'contentHash', 'id']);

/** The document without what the writer derives from its bytes, its keys in order: what crosses then. */
function withoutDerived(document: Document): Document {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(document)) out[key] = DERIVED.has(key) ? '' : document[key as keyof Document];
  return out as unknown as Document;
}

function derivedDocument(document: Document, bytes: Buffer): Document {
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  return { ...document, contentHash, id: documentId(document.url, contentHash) };
}

/**
 * The parts as one Buffer: a view of the one part when there is one (a pooled slice buffer the reader
 * shares with this thread; read here, in place, and nothing of it kept once the write returns).
 */
function joinedBytes(parts: readonly Uint8Array[]): Buffer {
  if (parts.length === 1) {
    const p = parts[0] as Uint8Array;
    return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  }
  return Buffer.concat(parts);
}

/** Writes an encoded chunk in one transaction on `db`; the same code runs inline and in the writer thread. */
export function datasetWriter(
  db: Database,
  segmentHas: (claimId: string) => boolean,
): (chunk: EncodedChunk) => DatasetAppendSummary {
  const stmts = new Map<string, Statement>();
  const prepare = (sql: string) => {
    let s = stmts.get(sql);
    if (!s) {
      s = db.prepare(sql);
      stmts.set(sql, s);
    }
    return s;
  };
  const upsert = (table: 'sources' | 'actors' | 'places', id: string, name: string, value: unknown, old?: string) => {
    const body = JSON.stringify(value);
    if (old === body) return;
    prepare(
      `INSERT INTO ${table} (id, name, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body`,
    ).run(id, name, body);
  };
  const writeSegment = segmentWriter(db);
  return db.transaction((chunk: EncodedChunk): DatasetAppendSummary => {
    for (const s of chunk.sources) {
      const old = prepare('SELECT body FROM sources WHERE id = ?').get(s.id) as { body: string } | undefined;
      const next = old ? mergeSource(JSON.parse(old.body) as Source, s) : s;
      upsert('sources', next.id, next.name, next, old?.body);
    }
    const utf8 = chunk.textUtf8;
    // Text given as bytes: its hash and the document id are derived here, as core's buildDocument does.
    const bytes = utf8 ? joinedBytes(utf8) : null;
    const d = bytes ? derivedDocument(chunk.document, bytes) : chunk.document;
    const { text, ...rest } = d;
    // Bytes are stored as TEXT as they are (a CAST from a blob reinterprets, it does not convert):
    // they were checked as UTF-8 when read, and SQLite holds text as UTF-8.
    prepare(
      `INSERT OR IGNORE INTO documents (id, source_id, url, title, published, content_hash, syndicated_from, media_type, text, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${utf8 ? 'CAST(? AS TEXT)' : '?'}, ?)`,
    ).run(
      d.id,
      d.sourceId,
      d.url,
      d.title,
      d.published,
      d.contentHash,
      d.syndicatedFrom,
      d.mediaType,
      bytes ?? text,
      JSON.stringify(rest),
    );
    for (const a of chunk.actors) {
      const old = prepare('SELECT body FROM actors WHERE id = ?').get(a.id) as { body: string } | undefined;
      upsert('actors', a.id, a.name, a, old?.body);
    }
    for (const p of chunk.places) {
      const old = prepare('SELECT body FROM places WHERE id = ?').get(p.id) as { body: string } | undefined;
      upsert('places', p.id, p.name, p, old?.body);
    }
    const insertClaim = prepare('INSERT OR IGNORE INTO claims (id, document_id, start, body) VALUES (?, ?, ?, ?)');
    let inserted = 0;
    const { ids, starts, bodies } = chunk;
    for (let i = 0; i < ids.length; i++) {
      // A numbered dataset's record stored in a segment is a duplicate here too.
      if (segmentHas(ids[i] as string)) continue;
      inserted += insertClaim.run(ids[i], d.id, starts[i], bodies[i]).changes;
    }
    const fromTable = chunk.table ? writeSegment(d.id, chunk.table) : { inserted: 0, duplicates: 0 };
    return {
      inserted: inserted + fromTable.inserted,
      duplicates: ids.length - inserted + fromTable.duplicates,
    };
  });
}
