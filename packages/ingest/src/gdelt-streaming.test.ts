import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildCameoCodebook,
  type Claim,
  type DocumentUtf8,
  datasetChunkClaims,
  datasetClaimId,
  type IsoDateTime,
} from '@parallax/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { Admin1Locator } from './admin1-locator.ts';
import { openDatasetBytes } from './dataset-file-stream.ts';
import {
  type GdeltChunk,
  type GdeltContext,
  GdeltEventRows,
  nativeTextHash,
  readGdeltEvents,
} from './gdelt-export-reader.ts';
import { readGdeltMentions } from './gdelt-mentions-reader.ts';
import { REPO_DATA } from './test-paths.ts';

const retrieved = '2024-11-01T00:00:00.000Z' as IsoDateTime;
const SAMPLE = `${REPO_DATA}gdelt/samples/20180326044500.export.CSV`;
const sampleText = readFileSync(SAMPLE, 'utf8');
const sampleRows = sampleText.split('\n').filter(Boolean);
let ctx: GdeltContext;
let dir: string;

function tsv(path: string): Map<string, string> {
  return new Map(
    readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((r) => r.split('\t') as [string, string]),
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-gdelt-'));
  const fips = tsv(`${REPO_DATA}gdelt/lookups/FIPS104-ISO3.tsv`);
  ctx = {
    codebook: buildCameoCodebook({
      labels: tsv(`${REPO_DATA}gdelt/lookups/CAMEO.eventcodes.txt`),
      goldstein: new Map(
        [...tsv(`${REPO_DATA}gdelt/lookups/CAMEO.goldsteinscale.txt`)].map(([k, v]) => [k, Number(v)]),
      ),
      plover: new Map(),
    }),
    locator: Admin1Locator.fromFile(`${REPO_DATA}geo/ne_admin1.geojson`),
    countryName: () => null,
    actorTypeLabel: () => null,
    fipsToIso3: (c) => fips.get(c) ?? null,
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* bytesOf(text: string | Uint8Array, piece = 4096): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
}

async function collect(gen: AsyncIterable<GdeltChunk>): Promise<GdeltChunk[]> {
  const out: GdeltChunk[] = [];
  for await (const c of gen) out.push(c);
  return out;
}

const file = { name: 'sample.CSV', retrieved };
const claimsOf = (chunks: GdeltChunk[]) => chunks.flatMap(datasetChunkClaims);

describe('readGdeltEvents (streaming)', () => {
  it('reads the real export in slices whose claims quote their own rows', async () => {
    const chunks = await collect(readGdeltEvents(bytesOf(sampleText, 7777), file, ctx, { chunkRows: 500 }));
    expect(chunks.map((c) => c.table?.length)).toEqual([500, 500, 500, 40]);
    expect(chunks.reduce((n, c) => n + c.lines, 0)).toBe(1540);
    for (const c of chunks) {
      expect(c.document.mediaType).toBe('text/tab-separated-values');
      for (const claim of datasetChunkClaims(c)) {
        expect(claim.documentId).toBe(c.document.id);
        expect(c.document.text.slice(claim.start, claim.end)).toBe(claim.quote);
      }
    }
    const claims = claimsOf(chunks);
    expect(claims[0]?.id).toBe(datasetClaimId('gdelt-events', 741917022));
    expect(new Set(claims.map((c) => c.id)).size).toBe(1540);
    expect(chunks[0]?.document.title).toBe('GDELT 2.0 events export sample.CSV, lines 1–500');
  });

  it('gives in columns exactly the claims the row-by-row reader builds', async () => {
    const chunks = await collect(readGdeltEvents(bytesOf(sampleText, 5000), file, ctx, { chunkRows: 700 }));
    const rows = new GdeltEventRows(ctx);
    let n = 0;
    for (const chunk of chunks) {
      for (const claim of datasetChunkClaims(chunk)) {
        const line = sampleRows[n++] as string;
        expect(claim).toEqual(rows.read(line, chunk.document.id, claim.start));
      }
    }
    expect(n).toBe(1540);
    // Rows without actors, URL or place are among them.
    const claims = claimsOf(chunks);
    expect(claims.some((c) => c.frame.actors.length < 2)).toBe(true);
    expect(claims.some((c) => c.frame.place === null)).toBe(true);
  });

  it('filters by actor country, CAMEO root, date and bounding box as the raw columns say', async () => {
    const f = (row: string) => row.split('\t');
    const expectCount = async (filter: Parameters<typeof readGdeltEvents>[3], pred: (c: string[]) => boolean) => {
      const chunks = await collect(readGdeltEvents(bytesOf(sampleText), file, ctx, filter));
      const claims = claimsOf(chunks);
      expect(claims.length).toBe(sampleRows.filter((r) => pred(f(r))).length);
      expect(chunks.reduce((n, c) => n + c.filtered, 0)).toBe(1540 - claims.length);
      return claims;
    };
    await expectCount(
      { filter: { actorCountries: ['USA', 'RUS'] } },
      (c) => ['USA', 'RUS'].includes(c[7] ?? '') || ['USA', 'RUS'].includes(c[17] ?? ''),
    );
    await expectCount({ filter: { cameoRoots: ['19', '04'] } }, (c) =>
      ['19', '04'].includes((c[26] ?? '').slice(0, 2)),
    );
    await expectCount(
      { filter: { from: '2018-03-25' as never, to: '2018-03-26' as never } },
      (c) => (c[1] ?? '') >= '20180325' && (c[1] ?? '') <= '20180326',
    );
    const box = await expectCount({ filter: { bbox: [-10, 35, 40, 70] } }, (c) => {
      const lat = Number(c[56]);
      const lon = Number(c[57]);
      return c[56] !== '' && lat >= 35 && lat <= 70 && lon >= -10 && lon <= 40;
    });
    expect(box.length).toBeGreaterThan(50);
  });

  it('maps GDELT place countries from FIPS 10-4 to ISO-3, never reading FIPS as ISO', async () => {
    const row = (id: number, fipsCode: string) => {
      const cols = f0();
      cols[0] = String(id);
      cols[51] = '1';
      cols[52] = 'Somewhere';
      cols[53] = fipsCode;
      cols[56] = '';
      cols[57] = '';
      return cols.join('\t');
    };
    const f0 = () => (sampleRows[0] as string).split('\t');
    const text = [row(1, 'AS'), row(2, 'GM'), row(3, 'SF'), row(4, 'RS'), row(5, 'UP')].join('\n');
    const claims = claimsOf(await collect(readGdeltEvents(bytesOf(text), file, ctx)));
    expect(claims.map((c) => c.frame.place?.country)).toEqual(['AUS', 'DEU', 'ZAF', 'RUS', 'UKR']);
    // With coordinates the de jure country comes from the polygons (the sample's Toronto row is CAN).
    const toronto = claimsOf(await collect(readGdeltEvents(bytesOf(sampleRows[2] as string), file, ctx)))[0] as Claim;
    expect(toronto.frame.place).toMatchObject({ country: 'CAN', admin1: 'CA-ON' });
  });

  it('reports broken rows mid-file by line number and keeps every good row', async () => {
    const good = sampleRows.slice(0, 6);
    const bytes = Buffer.concat([
      Buffer.from(`${good[0]}\n${good[1]}\nonly\tthree\tcolumns\n`),
      Buffer.from([0x66, 0x6f, 0xff, 0xfe, 0x0a]),
      Buffer.from(`${good[2]}\n${(good[3] as string).replace(/^\d+/, 'x')}\n${good[4]}\n${good[5]}`),
    ]);
    const chunks = await collect(readGdeltEvents(bytesOf(bytes, 100), file, ctx, { chunkRows: 2 }));
    expect(claimsOf(chunks)).toHaveLength(5);
    expect(chunks.flatMap((c) => c.rejected)).toEqual([
      { line: 3, reason: 'expected 61 tab-separated columns, found 3' },
      { line: 4, reason: 'not valid UTF-8' },
      { line: 6, reason: 'GLOBALEVENTID, SQLDATE or EventCode is missing or malformed' },
    ]);
    await expect(collect(readGdeltEvents(bytesOf('\n\n'), { name: 'empty.CSV', retrieved }, ctx))).rejects.toThrow(
      /empty\.CSV: empty file/,
    );
  });

  it("hashes each slice's text as its UTF-8, whatever lines were left out or cut", async () => {
    // Held and hashed as the bytes read (line-bytes-join.ts), so every way the text can differ from the
    // bytes is here: a BOM, CRLF endings, blank lines, a broken row, an invalid line, a filtered
    // row, non-ASCII rows (the sample's own, and one with a BOM character inside), pieces that cut
    // lines and characters anywhere.
    const isNonAscii = (r: string) => [...r].some((ch) => (ch.codePointAt(0) as number) > 0x7f);
    const rows = [...sampleRows.slice(0, 30), ...sampleRows.filter(isNonAscii)];
    const odd = (rows[7] as string).replace('\t', '\t\uFEFF');
    const parts = [
      Buffer.from(`\uFEFF${rows[0]}\r\n${rows[1]}\n\n${rows[2]}\r\n   \n`),
      Buffer.from(`broken\trow\n${odd}\n`),
      Buffer.from([0x66, 0xff, 0x0a]),
      Buffer.from(`${rows.slice(3).join('\n')}\n${rows[5]}\r\n`),
    ];
    const bytes = Buffer.concat(parts);
    expect(rows.filter(isNonAscii).length).toBeGreaterThan(10);
    for (const piece of [1, 3, 64, 1000, 1 << 20]) {
      for (const options of [{ chunkRows: 7 }, { chunkRows: 5000 }, { filter: { cameoRoots: ['04', '01', '19'] } }]) {
        const chunks = await collect(readGdeltEvents(bytesOf(bytes, piece), file, ctx, options));
        expect(chunks.reduce((n, c) => n + (c.table?.length ?? 0), 0)).toBeGreaterThan(0);
        for (const c of chunks) {
          // The slice's bytes are its text's UTF-8 and the length is the text's; the text is decoded from them.
          const utf8 = c.documentUtf8 as DocumentUtf8;
          expect(Buffer.concat(utf8.parts).equals(Buffer.from(c.document.text))).toBe(true);
          expect(utf8.length).toBe(c.document.text.length);
          expect(c.document.contentHash).toBe(nativeTextHash(c.document.text));
        }
      }
    }
  });
});

function zipOf(name: string, data: Buffer): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(data, name);
  zip.end();
  const parts: Buffer[] = [];
  return new Promise((resolve) => {
    zip.outputStream.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts)));
  });
}

describe('slice memory, reused', () => {
  /** A slice as plain values: what a store reads of it, copied out of any buffer. */
  const snapshot = (c: GdeltChunk) => ({
    text: Buffer.concat((c.documentUtf8 as DocumentUtf8).parts).toString('utf8'),
    length: c.documentUtf8?.length,
    title: c.document.title,
    claims: datasetChunkClaims({ ...c, document: { ...c.document, text: c.document.text } }),
    lines: c.lines,
    rejected: c.rejected,
  });

  it('reads the same slices when each is released (its buffer reused) and the file read into reused buffers', async () => {
    const path = join(dir, 'reuse.export.CSV');
    // Long enough that slices outgrow their first buffer and pieces wrap around the read buffers.
    const rows = Array.from({ length: 14 }, () => sampleRows).flat();
    writeFileSync(path, `${rows.join('\n')}\n`);
    for (const chunkRows of [97, 5000]) {
      const plain = (
        await collect(readGdeltEvents((await openDatasetBytes(path)).bytes, file, ctx, { chunkRows }))
      ).map(snapshot);
      const reused: ReturnType<typeof snapshot>[] = [];
      const input = await openDatasetBytes(path, { reuseBuffers: true });
      for await (const c of readGdeltEvents(input.bytes, file, ctx, { chunkRows })) {
        reused.push(snapshot(c));
        c.release?.();
        c.release?.();
      }
      expect(reused).toEqual(plain);
      expect(reused.reduce((n, c) => n + c.claims.length, 0)).toBe(rows.length);
    }
  });
});

describe('openDatasetBytes', () => {
  it('streams a zipped export like the raw file', async () => {
    const path = join(dir, '20180326044500.export.CSV.zip');
    writeFileSync(path, await zipOf('20180326044500.export.CSV', Buffer.from(sampleText)));
    const input = await openDatasetBytes(path);
    expect(input.name).toBe(`${path}!20180326044500.export.CSV`);
    expect(claimsOf(await collect(readGdeltEvents(input.bytes, file, ctx)))).toHaveLength(1540);
  });

  it('stops zip bombs: too large once expanded, too high a ratio, or lying about its size', async () => {
    const zeros = Buffer.alloc(8 * 2 ** 20);
    const bomb = join(dir, 'bomb.zip');
    writeFileSync(bomb, await zipOf('rows.CSV', zeros));
    await expect(openDatasetBytes(bomb, { maxBytes: 2 ** 20 })).rejects.toThrow(
      /bomb\.zip!rows\.CSV: expands to 8 MiB, over the 1 MiB limit/,
    );
    await expect(openDatasetBytes(bomb, { ratioCheckAbove: 2 ** 20 })).rejects.toThrow(/refused as a likely zip bomb/);
    // Headers that understate the expanded size: caught while streaming.
    const zip = await zipOf('rows.CSV', zeros);
    for (const [sig, off] of [
      [0x04034b50, 22],
      [0x02014b50, 24],
    ] as const) {
      for (let i = 0; i < zip.length - 4; i++) if (zip.readUInt32LE(i) === sig) zip.writeUInt32LE(1000, i + off);
    }
    const liar = join(dir, 'liar.zip');
    writeFileSync(liar, zip);
    const input = await openDatasetBytes(liar);
    await expect(collect(readGdeltEvents(input.bytes, file, ctx))).rejects.toThrow(/liar\.zip!rows\.CSV: /);
  });

  it('never reads a 2 GB file whole: a sparse file of NULs fails within its first MiB', async () => {
    const huge = join(dir, 'huge.CSV');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 2 ** 30);
    await expect(openDatasetBytes(huge, { maxBytes: 2 ** 30 })).rejects.toThrow(
      /huge\.CSV: 2048 MiB is over the 1024 MiB limit/,
    );
    const before = process.memoryUsage().rss;
    const input = await openDatasetBytes(huge);
    await expect(collect(readGdeltEvents(input.bytes, { name: huge, retrieved }, ctx))).rejects.toThrow(
      /huge\.CSV: line 1 is longer than 1048576 bytes with no line break/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
  });
});

describe('readGdeltMentions', () => {
  it('reads GDELT tab-separated mentions and the headed comma-separated re-saves', async () => {
    const csv = readFileSync(`${REPO_DATA}gdelt/samples/mentions_20170701234500_sample.gdeltPyR.csv`, 'utf8');
    const lines = csv.trim().split('\n');
    const chunks = [];
    for await (const c of readGdeltMentions(bytesOf(csv), { name: 'm.csv', retrieved })) chunks.push(c);
    const mentions = chunks.flatMap((c) => c.mentions);
    expect(mentions.length + chunks.flatMap((c) => c.rejected).length).toBe(lines.length - 1);
    expect(mentions[0]).toMatchObject({
      eventId: 555924816,
      url: 'http://arabic.china.org.cn/txt/2017-07/02/content_41135804.htm',
      sourceName: 'china.org.cn',
    });
    const tabbed = lines
      .slice(1, 4)
      .map((l) => l.split(',').join('\t'))
      .join('\n');
    const t = [];
    for await (const c of readGdeltMentions(bytesOf(tabbed), { name: 'm.tsv', retrieved })) t.push(...c.mentions);
    expect(t).toHaveLength(3);
    expect(t[0]?.line).toBe(lines[1]?.split(',').join('\t'));
  });
});
