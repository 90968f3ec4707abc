import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Hashes a file on a thread of its own (plain CommonJS, so it needs no TypeScript loader and starts
 * in tens of milliseconds). Reads into one reused buffer: no garbage, whatever the file's size.
 */
const HASH_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
const fd = openSync(workerData.path, 'r');
try {
  for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

function hashOnThread(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_THREAD, { eval: true, workerData: { path } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${path}: the hashing thread stopped (exit code ${code})`)));
  });
}

async function hashHere(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Original bytes kept content-addressed in the workspace: `<root>/sha256/ab/<hash>` for the bytes as
 * received, `<hash>.txt` beside it for the text extracted from them. The same bytes are stored once
 * however often they arrive. Files are written to a temporary name and renamed into place, so a
 * crash leaves either the whole file or none of it, never a truncated original.
 */
export class ContentArchive {
  constructor(
    readonly root: string,
    /** Files larger than this are hashed on a thread of their own (default 16 MiB). */
    private readonly hashOnThreadAbove = 16 * 2 ** 20,
  ) {}

  pathOf(hash: string): string {
    return join(this.root, 'sha256', hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  private writeAtomic(target: string, data: Uint8Array | string): void {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  }

  /** Stores bytes; returns their SHA-256. */
  putBytes(bytes: Uint8Array): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (!this.has(hash)) this.writeAtomic(this.pathOf(hash), bytes);
    return hash;
  }

  /** Stores the text extracted from an original, beside it. */
  putText(hash: string, text: string): void {
    const target = `${this.pathOf(hash)}.txt`;
    if (!existsSync(target)) this.writeAtomic(target, text);
  }

  /**
   * Hashes a file by streaming it (never whole in memory) while the kernel copies it in under a
   * temporary name (the two overlap: a GDELT backfill file is hundreds of MB), then moves the copy
   * into place, or drops it when those bytes are already archived. A large file is hashed on a
   * thread of its own, so a caller that goes on reading the file meanwhile (a dataset import parses
   * while its original is archived) is not held up by hashing hundreds of megabytes.
   */
  async putFile(path: string): Promise<string> {
    mkdirSync(this.root, { recursive: true });
    const tmp = join(this.root, `incoming.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const copied = copyFile(path, tmp);
      let digest: string;
      try {
        digest = await (statSync(path).size > this.hashOnThreadAbove ? hashOnThread(path) : hashHere(path));
      } finally {
        await copied.catch(() => {});
      }
      await copied;
      const target = this.pathOf(digest);
      if (!existsSync(target)) {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(tmp, target);
      }
      return digest;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
