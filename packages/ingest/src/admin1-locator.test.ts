import { describe, expect, it } from 'vitest';
import { Admin1Locator } from './admin1-locator.ts';

const square = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

const locator = new Admin1Locator({
  features: [
    {
      properties: { iso_3166_2: 'AA-1', name_en: 'Ringland', adm0_a3: 'AAA', cc: 'AA', iso_a2: 'AA' },
      // A square with a square hole in it.
      geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] },
    },
    {
      properties: { iso_3166_2: 'BB-2', name_en: 'Islands', adm0_a3: 'BBB', cc: 'BB', iso_a2: 'BB' },
      geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 21, 1)], [square(30, 5, 31.5, 6.5)]] },
    },
    // No geometry: skipped.
    { properties: { iso_3166_2: 'CC-3', name_en: 'Nowhere', adm0_a3: 'CCC' }, geometry: null },
  ],
});

describe('Admin1Locator', () => {
  it('finds the unit under a point, outside holes, in any part of a multipolygon', () => {
    expect(locator.locate(1, 1)).toEqual({ admin1: 'AA-1', country: 'AAA', name: 'Ringland' });
    expect(locator.locate(9.5, 0.5)).toEqual({ admin1: 'AA-1', country: 'AAA', name: 'Ringland' });
    expect(locator.locate(5, 5)).toBeNull(); // in the hole
    expect(locator.locate(0.5, 20.5)?.admin1).toBe('BB-2');
    expect(locator.locate(6, 31)?.admin1).toBe('BB-2');
    expect(locator.locate(6, 31.7)).toBeNull(); // in a grid cell the part touches, east of it
    expect(locator.locate(0.5, 25)).toBeNull(); // between the parts
    expect(locator.locate(Number.NaN, 1)).toBeNull();
    expect(locator.locate(95, 1)).toBeNull();
  });
});
