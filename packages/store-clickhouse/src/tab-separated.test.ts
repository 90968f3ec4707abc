import { describe, expect, it } from 'vitest';
import { tabSeparated, tsvString } from './tab-separated.ts';

describe('tabSeparated', () => {
  it('escapes the bytes that would end a field or a row, and nothing else', () => {
    expect(tsvString('plain “text” – ok')).toBe('plain “text” – ok');
    expect(tsvString('a\tb\nc\\d\re\u0000f')).toBe('a\\tb\\nc\\\\d\\re\\0f');
    expect(tsvString("it's")).toBe("it's");
  });

  it('writes rows in column order, nulls as \\N and arrays as quoted lists', () => {
    const rows = [
      { id: 'x', n: 3, lat: null, ok: true, tags: ["o'k", 'a\tb'], f: -1.5e-7 },
      { id: 'y\nz', n: 0, lat: 51.5, ok: false, tags: [], f: 2 },
    ];
    expect(tabSeparated(rows, ['tags', 'id', 'n', 'lat', 'ok', 'f'])).toBe(
      "['o\\'k','a\\tb']\tx\t3\t\\N\t1\t-1.5e-7\n[]\ty\\nz\t0\t51.5\t0\t2\n",
    );
    expect(tabSeparated([], ['id'])).toBe('');
  });

  it('refuses a value the format cannot hold', () => {
    expect(() => tabSeparated([{ n: Number.NaN }], ['n'])).toThrow(/column n/);
    expect(() => tabSeparated([{ o: { a: 1 } }], ['o'])).toThrow(/column o/);
  });
});
