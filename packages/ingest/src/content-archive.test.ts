import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentArchive } from './content-archive.ts';

const dir = mkdtempSync(join(tmpdir(), 'parallax-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ContentArchive.putFile', () => {
  // 3 MiB and a bit: more than one read buffer, ending mid-buffer.
  const bytes = Buffer.alloc(3 * 2 ** 20 + 12_345);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2_654_435_761) >>> 24;
  const file = join(dir, 'original.bin');
  writeFileSync(file, bytes);
  const expected = createHash('sha256').update(bytes).digest('hex');

  for (const [how, above] of [
    ['here', Number.POSITIVE_INFINITY],
    ['on a thread of its own', 0],
  ] as const) {
    it(`hashes and archives a file (hashed ${how}), once however often it arrives`, async () => {
      const archive = new ContentArchive(join(dir, `archive-${above}`), above);
      expect(await archive.putFile(file)).toBe(expected);
      expect(await archive.putFile(file)).toBe(expected);
      expect(readFileSync(archive.pathOf(expected)).equals(bytes)).toBe(true);
      // No temporary copy is left behind.
      expect(readdirSync(archive.root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('fails, archiving nothing, when the file cannot be read', async () => {
    const archive = new ContentArchive(join(dir, 'archive-missing'), 0);
    await expect(archive.putFile(join(dir, 'missing.bin'))).rejects.toThrow(/missing\.bin/);
    expect(readdirSync(archive.root)).toEqual([]);
  });
});
