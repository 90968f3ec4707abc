import { readFileSync } from 'node:fs';
import { buildCameoCodebook, type IsoDateTime } from '@parallax/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Admin1Locator } from './admin1-locator.ts';
import { type GdeltContext, readGdeltExport } from './gdelt-export-reader.ts';
import { REPO_DATA } from './test-paths.ts';

const retrieved = '2024-11-01T00:00:00.000Z' as IsoDateTime;
let ctx: GdeltContext;

function tsv(path: string): Map<string, string> {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return new Map(rows.map((r) => r.split('\t') as [string, string]));
}

beforeAll(() => {
  const plover = new Map<string, { type: string; mode: string | null }>();
  for (const line of readFileSync(`${REPO_DATA}codebook/cameo2plover_2021.derived.csv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)) {
    const [code, type, mode] = line.split(',');
    if (code && type) plover.set(code, { type, mode: mode || null });
  }
  const goldstein = new Map(
    [...tsv(`${REPO_DATA}gdelt/lookups/CAMEO.goldsteinscale.txt`)].map(([k, v]) => [k, Number(v)]),
  );
  ctx = {
    codebook: buildCameoCodebook({ labels: tsv(`${REPO_DATA}gdelt/lookups/CAMEO.eventcodes.txt`), goldstein, plover }),
    locator: Admin1Locator.fromFile(`${REPO_DATA}geo/ne_admin1.geojson`),
    countryName: (iso3) => ({ RUS: 'Russia', USA: 'United States', IND: 'India' })[iso3] ?? null,
    actorTypeLabel: (code) => tsv(`${REPO_DATA}gdelt/lookups/CAMEO.type.txt`).get(code) ?? null,
  };
});

describe('Admin1Locator', () => {
  it('finds the first-level division under a point, with de jure countries', () => {
    expect(ctx.locator.locate(51.737, 36.187)).toMatchObject({ admin1: 'RU-KRS', country: 'RUS' });
    expect(ctx.locator.locate(44.95, 34.1)).toMatchObject({ admin1: 'UA-43', country: 'UKR' });
    expect(ctx.locator.locate(39.03, 125.75)).toMatchObject({ admin1: 'KP-01', country: 'PRK' });
    expect(ctx.locator.locate(0, -30)).toBeNull();
  });
});

describe('readGdeltExport', () => {
  it('turns every row of the real sample into a claim quoting that row', () => {
    const text = readFileSync(`${REPO_DATA}gdelt/samples/20180326044500.export.CSV`, 'utf8');
    const result = readGdeltExport(text, { name: '20180326044500.export.CSV', retrieved }, ctx);
    expect(result.rejected).toEqual([]);
    expect(result.claims).toHaveLength(1540);
    for (const c of result.claims.slice(0, 50)) expect(text.slice(c.start, c.end)).toBe(c.quote);
    const first = result.claims[0];
    expect(first?.dataset).toEqual({
      dataset: 'gdelt',
      recordId: '741917022',
      url: 'https://yourstory.com/2018/03/flipkart-fy2018-fiscal-fitness/',
    });
    expect(first?.frame).toMatchObject({ cameo: '071', quadClass: 2, goldstein: 7.4, plover: { type: 'AID' } });
    expect(first?.frame.time).toEqual({ start: '2017-03-26', end: '2017-03-26', precision: 'day' });
    // ActionGeo type 1 (country centroid): the country is kept, the admin-1 under the centroid is not.
    expect(first?.frame.place).toMatchObject({ level: 'country', country: 'IND', admin1: null });
    const located = result.claims.filter((c) => c.frame.place?.admin1);
    expect(located.length).toBeGreaterThan(500);
    expect(new Set(result.claims.map((c) => c.id)).size).toBe(1540);
  });

  it('keeps good rows and reports broken ones by line number', () => {
    const text = readFileSync(`${REPO_DATA}gdelt/samples/20180326044500.export.CSV`, 'utf8').split('\n').slice(0, 3);
    const broken = [text[0], 'only\tthree\tcolumns', text[1], `${text[2]?.replace(/^\d+/, 'x1')}`].join('\n');
    const result = readGdeltExport(broken, { name: 'mixed.CSV', retrieved }, ctx);
    expect(result.claims).toHaveLength(2);
    expect(result.rejected).toEqual([
      { line: 2, reason: 'expected 61 tab-separated columns, found 3' },
      { line: 4, reason: 'GLOBALEVENTID, SQLDATE or EventCode is missing or malformed' },
    ]);
    expect(() => readGdeltExport('  \n', { name: 'empty.CSV', retrieved }, ctx)).toThrow(/empty\.CSV: empty file/);
  });
});
