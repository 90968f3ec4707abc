/**
 * Joins lines by `\n` as bytes, fed with each line's bytes as read (`LineBatch.spans`) instead of its
 * decoded text: a dataset slice's text as UTF-8 without building (and later encoding again) a
 * megabyte string. The bytes are copied into a buffer the caller gives (a pooled slice buffer that
 * crosses to the store's writer thread as it is); lines that lie next to each other in the bytes
 * read are copied as one run, their newlines included, so a slice costs a few copies, not one per line.
 */
export class LineBytesJoin {
  private out: Uint8Array;
  private length = 0;
  private lines = 0;
  /** The run of adjacent lines not yet copied: bytes[start, end). */
  private bytes: Uint8Array | null = null;
  private start = 0;
  private end = 0;

  /**
   * @param out where the text goes, from its first byte
   * @param grow called when `out` is too small: returns a buffer of at least `need` bytes whose first
   *   `length` bytes are a copy of out's (the caller may move other contents along with them)
   */
  constructor(
    out: Uint8Array,
    private readonly grow: (need: number, length: number) => Uint8Array,
  ) {
    this.out = out;
  }

  /** Appends the line held in bytes[start, end) (its UTF-8, without line break). */
  add(bytes: Uint8Array, start: number, end: number): void {
    if (this.bytes) {
      if (bytes === this.bytes && start === this.end + 1 && bytes[this.end] === 10) {
        this.end = end;
        this.lines++;
        return;
      }
      this.flush();
    }
    if (this.lines > 0) {
      if (this.length === this.out.length) this.out = this.grow(this.length + 1, this.length);
      this.out[this.length++] = 10;
    }
    this.lines++;
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }

  /** Copies the pending run: before the bytes it lies in are reused. */
  flush(): void {
    if (this.bytes && this.end > this.start) this.put(this.bytes, this.start, this.end);
    this.bytes = null;
  }

  private put(bytes: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.out.length) this.out = this.grow(this.length + n, this.length);
    this.out.set(bytes.subarray(start, end), this.length);
    this.length += n;
  }

  /** The lines added since the last `take`, joined by `\n` (a view of the buffer); then carries on in `next`. */
  take(next: Uint8Array): Uint8Array {
    this.flush();
    const text = this.out.subarray(0, this.length);
    this.out = next;
    this.length = 0;
    this.lines = 0;
    return text;
  }
}
