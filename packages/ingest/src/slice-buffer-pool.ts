/**
 * Buffers for dataset slices, reused: a slice's table columns and text are written into one, the
 * store reads it (the SQLite store moves it to its writer thread and back: nothing is copied to
 * cross threads), and once the slice is stored the buffer comes back for the next slice. A fresh
 * few megabytes per slice made the allocator's footprint grow with the input. (Not shared memory:
 * V8 copies into a SharedArrayBuffer ten times slower than into an ArrayBuffer.)
 */
export class SliceBufferPool {
  private readonly free: ArrayBuffer[] = [];

  /** @param keep most idle buffers held; more are left to the garbage collector */
  constructor(private readonly keep = 4) {}

  /** A buffer of at least `bytes` bytes (its contents are whatever was last written to it). */
  take(bytes: number): ArrayBuffer {
    let found: ArrayBuffer | null = null;
    let kept = 0;
    for (const b of this.free) {
      if (!found && b.byteLength >= bytes) found = b;
      // Buffers too small for what slices now need would never be taken again: let them go.
      else if (b.byteLength >= bytes) this.free[kept++] = b;
    }
    this.free.length = kept;
    // Rounded up to 64 KiB, so sizes repeat and a returned buffer fits the next slice.
    return found ?? new ArrayBuffer(Math.ceil(bytes / 65_536) * 65_536);
  }

  /** Hands a buffer back; nothing may read or write it afterwards. One moved away (detached) is dropped. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength > 0 && this.free.length < this.keep && !this.free.includes(buffer)) this.free.push(buffer);
  }
}
