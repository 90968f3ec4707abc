import { Worker } from 'node:worker_threads';
import type { DatasetAppendSummary } from '@parallax/core';
import type { EncodedChunk } from './dataset-append.ts';

interface Pending {
  resolve: (value: DatasetAppendSummary) => void;
  reject: (error: Error) => void;
  /** Takes back the chunk's memory, moved to the thread with it (`DatasetChunk.memory`). */
  reuse?: (buffer: ArrayBuffer) => void;
}

/**
 * The importing side of the writer thread: posts encoded chunks in order and resolves each append
 * when the thread has committed it. SQLite allows one writer at a time, so the thread is the only
 * writer while an import runs; other connections keep reading committed data.
 */
export class DatasetWriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failure: Error | null = null;
  /** The thread has opened its connection and takes chunks. */
  ready = false;

  constructor(path: string) {
    this.worker = new Worker(new URL('./dataset-writer-boot.mjs', import.meta.url), { workerData: { path } });
    this.worker.on(
      'message',
      (m: {
        id: number;
        ready?: boolean;
        result?: DatasetAppendSummary;
        error?: { name: string; message: string; code?: string };
        memory?: ArrayBuffer;
      }) => {
        if (m.ready) {
          this.ready = true;
          return;
        }
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.memory) p.reuse?.(m.memory);
        if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, code: m.error.code }));
        else p.resolve(m.result as DatasetAppendSummary);
      },
    );
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (this.pending.size) this.fail(new Error(`the dataset writer thread stopped (exit code ${code})`));
    });
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  write(chunk: EncodedChunk, reuse?: (buffer: ArrayBuffer) => void): Promise<DatasetAppendSummary> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, reuse });
      try {
        // The chunk's memory moves to the thread (its views here become empty) and comes back with the answer.
        this.worker.postMessage({ id, chunk }, chunk.memory ? [chunk.memory] : []);
      } catch (error) {
        // A chunk that never reached the thread leaves it out of step (shared values it did not
        // receive): nothing more is written through it.
        this.fail(error as Error);
      }
    });
  }

  /** Waits for every posted chunk, closes the thread's connection and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) {
      const id = this.next++;
      await new Promise<void>((resolve) => {
        this.pending.set(id, { resolve: () => resolve(), reject: () => resolve() });
        this.worker.postMessage({ id, close: true });
      });
    }
    await this.worker.terminate();
  }
}
