import { describe, expect, it } from 'vitest';
import { textLines } from './text-lines.ts';

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(bytes: Uint8Array, size: number) {
  const lines: string[] = [];
  const invalid: { line: number; reason: string }[] = [];
  for await (const batch of textLines(pieces(bytes, size), { name: 'test' })) {
    expect(batch.firstLine).toBe(lines.length + 1);
    lines.push(...batch.lines);
    invalid.push(...batch.invalid);
  }
  return { lines, invalid };
}

describe('textLines', () => {
  const text = [
    'plain ascii\tline',
    'Zürich\tcafé',
    'ascii again',
    '北京\t😀 emoji',
    '',
    'ünïcödé at the end\r',
    'last',
  ].join('\n');
  const bytes = new TextEncoder().encode(`\uFEFF${text}\n`);

  it('decodes ASCII and non-ASCII lines alike, whatever the pieces, dropping the BOM and CRs', async () => {
    const expected = text.split('\n').map((l) => l.replace(/\r$/, ''));
    for (const size of [1, 2, 3, 5, 7, 16, 1 << 20]) {
      const { lines, invalid } = await read(bytes, size);
      expect(lines).toEqual(expected);
      expect(invalid).toEqual([]);
    }
  });

  it('reports an invalid UTF-8 line by number and keeps the lines around it', async () => {
    const bad = new Uint8Array([...new TextEncoder().encode('Zürich\n'), 0xff, 0x41, 0x0a, 0x61, 0xc3, 0xa9, 0x0a]);
    const { lines, invalid } = await read(bad, 1 << 20);
    expect(lines).toEqual(['Zürich', '', 'aé']);
    expect(invalid).toEqual([{ line: 2, reason: 'not valid UTF-8' }]);
  });
});
