import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildDocument,
  buildDocumentFromUtf8,
  DATASET_TABLE_INT_COLUMNS,
  type DatasetChunk,
  type DatasetClaimTable,
  DatasetClaimTableBuilder,
  type DocumentUtf8,
  datasetChunkClaims,
} from '@parallax/core';
import { datasetTableChunk } from '@parallax/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeChunk } from './dataset-append.ts';
import { DatasetWriterThread } from './dataset-writer-client.ts';
import { SharedValueSender } from './shared-values.ts';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'parallax-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `ws-${++n}.db`);

/**
 * A table chunk whose text also holds non-ASCII (after the rows, so the rows' spans still hold), and
 * the same chunk with the text as UTF-8 parts cut anywhere, even inside a character. The parts'
 * document refuses to be decoded or hashed: a store that reads its `text`, `contentHash` or `id`
 * fails the test, and one that derives them differently from `buildDocument` stores another id.
 */
function chunks(records: number[], file: string): { text: DatasetChunk; utf8: DatasetChunk } {
  const base = datasetTableChunk(records, file);
  const text = `${base.document.text}\nZürich – Ålesund, 北京 🌍`;
  const { id: _id, contentHash: _hash, text: _text, ...draft } = base.document;
  const withText = { ...base, document: buildDocument({ ...draft, url: 'https://data.test/slice', text }) };
  const bytes = Buffer.from(text);
  const cuts = [0, 5, bytes.indexOf(0xc3) + 1, bytes.length - 2, bytes.length];
  const documentUtf8: DocumentUtf8 = {
    parts: cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end)),
    length: text.length,
  };
  const refuse = () => {
    throw new Error('the store decoded or hashed the text on the importing thread');
  };
  const document = buildDocumentFromUtf8({ ...draft, url: 'https://data.test/slice' }, documentUtf8, {
    decode: refuse,
    hash: refuse,
  });
  return { text: withText, utf8: { ...base, document, documentUtf8 } };
}

describe('dataset slices given as UTF-8 bytes', () => {
  it('are stored as the same text and claims as the slice given as a string, without decoding them', async () => {
    const { text, utf8 } = chunks([11, 12, 13], 'utf8 inline');
    const store = createSqliteStore({ path: freshPath(), bulkWriter: 'inline' });
    expect(await store.appendDatasetChunk(utf8)).toEqual({ inserted: 3, duplicates: 0 });
    expect(await store.getDocument(text.document.id)).toEqual(text.document);
    for (const c of datasetChunkClaims(text)) expect(await store.getClaim(c.id)).toEqual(c);
    // The same slice again, as a string: nothing new, so both forms are one document.
    expect(await store.appendDatasetChunk(text)).toEqual({ inserted: 0, duplicates: 3 });
    expect((await store.info()).counts.documents).toBe(1);
    await store.close();
  });

  it('cross to the writer thread as bytes and are stored as their text', async () => {
    const { text, utf8 } = chunks([21, 22, 23, 24], 'utf8 thread');
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const writer = new DatasetWriterThread(path);
    while (!writer.ready) await new Promise((r) => setTimeout(r, 10));
    const encoded = encodeChunk(utf8, new SharedValueSender());
    expect([encoded.document.text, encoded.document.contentHash, encoded.document.id]).toEqual(['', '', '']);
    expect(await writer.write(encoded)).toEqual({ inserted: 4, duplicates: 0 });
    await writer.close();
    const store = createSqliteStore({ path });
    expect(await store.getDocument(text.document.id)).toEqual(text.document);
    for (const c of datasetChunkClaims(text)) expect(await store.getClaim(c.id)).toEqual(c);
    await store.close();
  });

  it('move to the writer thread in their one buffer, which comes back once written', async () => {
    const { text, utf8 } = chunks([41, 42, 43], 'utf8 moved');
    const table = utf8.table as DatasetClaimTable;
    const bytes = Buffer.concat((utf8.documentUtf8 as DocumentUtf8).parts);
    // The reader's layout: the columns, then the text's bytes, in one buffer.
    const textAt = DatasetClaimTableBuilder.storageBytes(table.length);
    const memory = new ArrayBuffer(textAt + bytes.length + 16);
    const n = table.length;
    const moved: DatasetClaimTable = { ...table, records: new Float64Array(memory, 0, n) };
    moved.records.set(table.records);
    DATASET_TABLE_INT_COLUMNS.forEach((c, k) => {
      moved[c] = new Int32Array(memory, n * 8 + k * n * 4, n);
      moved[c].set(table[c]);
    });
    const part = new Uint8Array(memory, textAt, bytes.length);
    part.set(bytes);
    const back: ArrayBuffer[] = [];
    const chunk: DatasetChunk = {
      ...utf8,
      table: moved,
      documentUtf8: { parts: [part], length: (utf8.documentUtf8 as DocumentUtf8).length },
      memory: { buffer: memory, reuse: (b) => back.push(b) },
    };
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const writer = new DatasetWriterThread(path);
    while (!writer.ready) await new Promise((r) => setTimeout(r, 10));
    const encoded = encodeChunk(chunk, new SharedValueSender());
    expect(encoded.memory).toBe(memory);
    const written = writer.write(encoded, chunk.memory?.reuse);
    // Moved, not copied: the arrays here are empty until the buffer comes back.
    expect(memory.byteLength).toBe(0);
    expect(moved.records.length).toBe(0);
    expect(await written).toEqual({ inserted: 3, duplicates: 0 });
    expect(back).toHaveLength(1);
    expect(new Uint8Array(back[0] as ArrayBuffer, textAt, bytes.length)).toEqual(new Uint8Array(bytes));
    // A table whose arrays lie elsewhere is copied as before, and nothing is moved.
    const other = encodeChunk(chunks([44], 'utf8 copied').utf8, new SharedValueSender());
    expect(other.memory).toBeUndefined();
    await writer.close();
    const store = createSqliteStore({ path });
    expect(await store.getDocument(text.document.id)).toEqual(text.document);
    for (const c of datasetChunkClaims(text)) expect(await store.getClaim(c.id)).toEqual(c);
    await store.close();
  });

  it('are checked against the length given with the bytes', async () => {
    const { utf8 } = chunks([31, 32], 'utf8 short');
    const short = { ...utf8, documentUtf8: { ...(utf8.documentUtf8 as DocumentUtf8), length: 10 } };
    const store = createSqliteStore({ path: ':memory:' });
    await expect(store.appendDatasetChunk(short)).rejects.toThrow(/lies outside the document \(length 10\)/);
    await store.close();
  });
});
