import { createHash, type Hash } from 'node:crypto';

const NEWLINE = new Uint8Array([10]);

/**
 * SHA-256 of lines joined by `\n`, fed with each line's bytes as read (`LineBatch.spans`) instead of
 * the joined text: the same digest as hashing the text's UTF-8, without encoding megabytes of text
 * again. Lines that lie next to each other in one buffer are hashed as one run, newline included.
 */
export class LineBytesHash {
  private hash: Hash = createHash('sha256');
  private bytes: Uint8Array | null = null;
  private start = 0;
  private end = 0;
  private lines = 0;

  /** Appends the line held in bytes[start, end) (its UTF-8, without line break). */
  add(bytes: Uint8Array, start: number, end: number): void {
    if (this.lines++ > 0) {
      if (bytes === this.bytes && start === this.end + 1 && bytes[this.end] === 10) {
        this.end = end;
        return;
      }
      this.flush();
      this.hash.update(NEWLINE);
    }
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }

  private flush(): void {
    if (this.bytes && this.end > this.start) this.hash.update(this.bytes.subarray(this.start, this.end));
    this.bytes = null;
  }

  /** The hex digest of every line added; the hash starts over. */
  digest(): string {
    this.flush();
    const hex = this.hash.digest('hex');
    this.hash = createHash('sha256');
    this.lines = 0;
    return hex;
  }
}
