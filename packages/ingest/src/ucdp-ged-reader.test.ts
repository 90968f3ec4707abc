import { readFileSync } from 'node:fs';
import { buildCameoCodebook, type Claim, datasetClaimId, type IsoDateTime } from '@parallax/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Admin1Locator } from './admin1-locator.ts';
import type { GdeltChunk } from './gdelt-export-reader.ts';
import { REPO_DATA } from './test-paths.ts';
import { readUcdpGed, type UcdpContext } from './ucdp-ged-reader.ts';

const retrieved = '2024-11-01T00:00:00.000Z' as IsoDateTime;
const sample = readFileSync(`${REPO_DATA}ucdp/ucdpged_v23_sample_1000.csv`, 'utf8');
let ctx: UcdpContext;

beforeAll(() => {
  const goldstein = new Map(
    readFileSync(`${REPO_DATA}gdelt/lookups/CAMEO.goldsteinscale.txt`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .map(([k, v]) => [k as string, Number(v)]),
  );
  ctx = {
    codebook: buildCameoCodebook({
      labels: new Map([
        ['190', 'Use conventional military force'],
        ['180', 'Use unconventional violence'],
      ]),
      goldstein,
      plover: new Map(
        readFileSync(`${REPO_DATA}codebook/cameo2plover_2021.derived.csv`, 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(','))
          .map(([code, type, mode]) => [code as string, { type: type as string, mode: mode || null }]),
      ),
    }),
    locator: Admin1Locator.fromFile(`${REPO_DATA}geo/ne_admin1.geojson`),
  };
});

async function* bytes(text: string) {
  const b = new TextEncoder().encode(text);
  for (let i = 0; i < b.length; i += 5000) yield b.subarray(i, i + 5000);
}
async function read(text: string, chunkRows?: number) {
  const out: (GdeltChunk & { claims: Claim[] })[] = [];
  for await (const c of readUcdpGed(bytes(text), { name: 'ged.csv', retrieved }, ctx, { chunkRows })) out.push(c);
  return out;
}

describe('readUcdpGed', () => {
  it('turns every GED row into a claim with sides, violence type, place, dates and deaths', async () => {
    const chunks = await read(sample, 400);
    const claims = chunks.flatMap((c) => c.claims);
    expect(claims).toHaveLength(1000);
    expect(chunks.flatMap((c) => c.rejected)).toEqual([]);
    const first = claims[0];
    expect(first?.id).toBe(datasetClaimId('ucdp-ged', 300380));
    expect(first?.frame).toMatchObject({
      cameo: '190',
      plover: { type: 'ASSAULT' },
      time: { start: '2013-01-03', end: '2013-01-03', precision: 'day' },
      place: { country: 'SYR', lat: 35.763369, lon: 36.558974 },
      quantities: [{ value: 2, unit: 'deaths', approximate: false }],
    });
    expect(first?.frame.actors.map((a) => [a.name, a.role])).toEqual([
      ['Government of Syria', 'source'],
      ['Syrian insurgents', 'target'],
    ]);
    for (const c of chunks)
      for (const claim of c.claims) expect(c.document.text.slice(claim.start, claim.end)).toBe(claim.quote);
    expect(claims.filter((c) => c.frame.cameo === '180')).toHaveLength(160);
  });

  it('reports a broken row mid-file and rows with wrong column counts by line, keeping the rest', async () => {
    const lines = sample.trim().split('\n');
    const broken = [
      lines[0],
      lines[1],
      '300999,"unterminated quote,2013,1',
      lines[2],
      'too,few,columns',
      ...lines.slice(3, 10),
    ].join('\n');
    const chunks = await read(broken);
    expect(chunks.flatMap((c) => c.claims)).toHaveLength(9);
    expect(chunks.flatMap((c) => c.rejected)).toEqual([
      // The stray quote swallows the next line until a quote closes it; both are reported as one broken row.
      { line: 3, reason: expect.stringMatching(/quote/) },
      { line: 5, reason: 'expected 49 columns, found 3' },
    ]);
    await expect(read('a,b,c\n1,2,3\n')).rejects.toThrow(
      /ged\.csv: not a UCDP GED file \(missing columns: id, type_of_violence/,
    );
  });
});
