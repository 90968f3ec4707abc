// The writer thread of a SQLite store's bulk path: its own connection to the workspace database,
// writing encoded dataset chunks while the importing thread parses the next one.
import { parentPort, workerData } from 'node:worker_threads';
import { datasetWriter, type EncodedChunk } from './dataset-append.ts';
import { openDatabase } from './open-database.ts';

const db = openDatabase((workerData as { path: string }).path);
const write = datasetWriter(db);

parentPort?.on('message', (message: { id: number; chunk?: EncodedChunk; close?: boolean }) => {
  if (message.close) {
    db.close();
    parentPort?.postMessage({ id: message.id, closed: true });
    return;
  }
  try {
    parentPort?.postMessage({ id: message.id, result: write(message.chunk as EncodedChunk) });
  } catch (error) {
    const e = error as Error & { code?: string };
    parentPort?.postMessage({ id: message.id, error: { name: e.name, message: e.message, code: e.code } });
  }
});
