// The writer thread of a SQLite store's bulk path: its own connection to the workspace database,
// writing encoded dataset chunks while the importing thread parses the next one.
import { parentPort, workerData } from 'node:worker_threads';
import { datasetWriter, type EncodedChunk } from './dataset-append.ts';
import { segmentReader } from './dataset-segments.ts';
import { openDatabase } from './open-database.ts';
import { SharedValueReceiver } from './shared-values.ts';

const db = openDatabase((workerData as { path: string }).path);
// Appends go to the ends of the b-trees, so a small cache serves them; the store's default (256 MB)
// would only make the writer's memory grow with the size of the workspace. Slices are written once
// and not read back, so even 8 MB holds every page an append touches again (b-tree ends, the
// segment index). (Against 32 MB, two runs each at 1M rows on a loaded machine differed by less
// than their noise in both speed and peak memory.)
db.pragma('cache_size = -8192');
const path = (workerData as { path: string }).path;
const write = datasetWriter(db, segmentReader(db, path).has);
const shared = new SharedValueReceiver();
// Until this arrives the store writes chunks itself, so a booting thread never holds up an import.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (message: { id: number; chunk?: EncodedChunk; close?: boolean }) => {
  if (message.close) {
    db.close();
    parentPort?.postMessage({ id: message.id, closed: true });
    return;
  }
  const chunk = message.chunk as EncodedChunk;
  // The chunk's memory goes back with the answer, for the reader's next slice; nothing here keeps
  // a view of it past the write.
  const memory = chunk.memory;
  const back = memory ? [memory] : [];
  try {
    // Values are restored before the write, so a failed write has still taken the fresh values it
    // carried, as the importing side assumes.
    if (chunk.table && chunk.values) chunk.table = shared.restore(chunk.table, chunk.values);
    const result = write(chunk);
    parentPort?.postMessage({ id: message.id, result, memory }, back);
  } catch (error) {
    const e = error as Error & { code?: string };
    parentPort?.postMessage(
      { id: message.id, error: { name: e.name, message: e.message, code: e.code }, memory },
      back,
    );
  }
});
