import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Original bytes kept content-addressed in the workspace: `<root>/sha256/ab/<hash>` for the bytes as
 * received, `<hash>.txt` beside it for the text extracted from them. The same bytes are stored once
 * however often they arrive. Files are written to a temporary name and renamed into place, so a
 * crash leaves either the whole file or none of it, never a truncated original.
 */
export class ContentArchive {
  constructor(readonly root: string) {}

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
   * into place, or drops it when those bytes are already archived.
   */
  async putFile(path: string): Promise<string> {
    mkdirSync(this.root, { recursive: true });
    const tmp = join(this.root, `incoming.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const copied = copyFile(path, tmp);
      const hash = createHash('sha256');
      try {
        for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
      } finally {
        await copied.catch(() => {});
      }
      await copied;
      const digest = hash.digest('hex');
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
