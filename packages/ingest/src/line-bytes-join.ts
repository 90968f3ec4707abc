/** The separator between runs: a buffer of its own, so handing it to another thread copies one byte. */
const NEWLINE = new Uint8Array([10]);

/**
 * Joins lines by `\n` as bytes, fed with each line's bytes as read (`LineBatch.spans`) instead of its
 * decoded text: a dataset slice's text as UTF-8 without building (and later encoding again) a
 * megabyte string. Lines that lie next to each other in one buffer are kept as one run, newline
 * included; the result is views into the buffers read, nothing copied. (A copy per slice was
 * measured to cost more than it saves: megabytes of fresh buffers each slice make V8 collect the
 * whole heap far more often.)
 */
export class LineBytesJoin {
  private parts: Uint8Array[] = [];
  private bytes: Uint8Array | null = null;
  private start = 0;
  private end = 0;

  /** Appends the line held in bytes[start, end) (its UTF-8, without line break). */
  add(bytes: Uint8Array, start: number, end: number): void {
    if (this.bytes) {
      if (bytes === this.bytes && start === this.end + 1 && bytes[this.end] === 10) {
        this.end = end;
        return;
      }
      this.flush();
      this.parts.push(NEWLINE);
    } else if (this.parts.length > 0) this.parts.push(NEWLINE);
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }

  private flush(): void {
    if (this.bytes && this.end > this.start) this.parts.push(this.bytes.subarray(this.start, this.end));
    this.bytes = null;
  }

  /** The lines added since the last `take`, joined by `\n`: the text's UTF-8 is these parts in order. */
  take(): Uint8Array[] {
    this.flush();
    const parts = this.parts;
    this.parts = [];
    return parts;
  }
}
