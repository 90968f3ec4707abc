/**
 * Buffers for dataset slices, reused: a slice's table columns and text are written into one, the
 * store reads it (the SQLite store's writer thread reads it where it lies: the memory is shared, so
 * nothing is copied to cross threads), and once the slice is stored the buffer comes back for the
 * next slice. A fresh few megabytes per slice made the allocator's footprint grow with the input.
 */
export class SliceBufferPool {
  private readonly free: SharedArrayBuffer[] = [];

  /** @param keep most idle buffers held; more are left to the garbage collector */
  constructor(private readonly keep = 4) {}

  /** A buffer of at least `bytes` bytes (its contents are whatever was last written to it). */
  take(bytes: number): SharedArrayBuffer {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const b = this.free[i] as SharedArrayBuffer;
      if (b.byteLength >= bytes) {
        this.free.splice(i, 1);
        return b;
      }
    }
    // Rounded up to 64 KiB, so sizes repeat and a returned buffer fits the next slice.
    return new SharedArrayBuffer(Math.ceil(bytes / 65_536) * 65_536);
  }

  /** Hands a buffer back; nothing may read or write it afterwards. */
  give(buffer: SharedArrayBuffer): void {
    if (this.free.length < this.keep) this.free.push(buffer);
  }
}
