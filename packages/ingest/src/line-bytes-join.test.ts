import { describe, expect, it } from 'vitest';
import { LineBytesJoin } from './line-bytes-join.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('LineBytesJoin', () => {
  it('joins lines by newline, copying runs of adjacent lines, growing its buffer as needed', () => {
    const a = bytes('one\ntwo\nthree\r\nfour\nfive');
    const b = bytes('six\nseven');
    let out = new Uint8Array(4);
    let grows = 0;
    const join = new LineBytesJoin(out, (need, length) => {
      grows++;
      const next = new Uint8Array(need + 3);
      next.set(out.subarray(0, length));
      out = next;
      return next;
    });
    // one and two lie next to each other; three loses its \r (its span stops before it); four and
    // five lie next to each other; six is in other bytes.
    join.add(a, 0, 3);
    join.add(a, 4, 7);
    join.add(a, 8, 13);
    join.add(a, 15, 19);
    join.add(a, 20, 24);
    join.add(b, 0, 3);
    const next = new Uint8Array(2);
    expect(text(join.take(next))).toBe('one\ntwo\nthree\nfour\nfive\nsix');
    out = next;
    // Copied by runs: fewer copies (and so fewer grows) than lines.
    expect(grows).toBeGreaterThan(0);
    expect(grows).toBeLessThan(6);
    // After take: the next text starts in the new buffer, without a leading newline; an empty line counts.
    join.add(b, 4, 9);
    join.add(bytes(''), 0, 0);
    expect(text(join.take(new Uint8Array(0)))).toBe('seven\n');
    expect(join.take(new Uint8Array(0)).length).toBe(0);
  });

  it('copies a run before the bytes it lies in are reused, when flushed', () => {
    const piece = bytes('alpha\nbeta');
    const join = new LineBytesJoin(new Uint8Array(64), () => {
      throw new Error('no growth expected');
    });
    join.add(piece, 0, 5);
    join.add(piece, 6, 10);
    join.flush();
    piece.fill(0x78);
    expect(text(join.take(new Uint8Array(0)))).toBe('alpha\nbeta');
  });
});
