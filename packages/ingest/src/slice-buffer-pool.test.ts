import { describe, expect, it } from 'vitest';
import { SliceBufferPool } from './slice-buffer-pool.ts';

describe('SliceBufferPool', () => {
  it('hands back buffers for reuse, at most `keep` of them, each once', () => {
    const pool = new SliceBufferPool(2);
    const a = pool.take(100_000);
    expect(a.byteLength).toBe(131_072);
    const b = pool.take(100_000);
    const c = pool.take(100_000);
    pool.give(a);
    pool.give(a);
    pool.give(b);
    pool.give(c);
    const again = [pool.take(100_000), pool.take(100_000)];
    expect(again.includes(a) && again.includes(b)).toBe(true);
    expect(pool.take(100_000)).not.toBe(c);
  });

  it('drops buffers moved away, and those too small for what is now asked', () => {
    const pool = new SliceBufferPool();
    const small = pool.take(10);
    const moved = pool.take(10);
    structuredClone(moved, { transfer: [moved] });
    pool.give(moved);
    pool.give(small);
    const big = pool.take(200_000);
    expect(big).not.toBe(small);
    pool.give(big);
    // The small one was let go when a bigger size was asked for; the big one serves small requests.
    expect(pool.take(10)).toBe(big);
    expect(pool.take(10)).not.toBe(small);
  });
});
