import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { legendStops, pointBounds, shadeRegions, shareOf, topRegions } from './map-model.ts';

const regions: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: { code: 'A-1', name: 'A', count: 4 },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: { code: 'B-2', name: 'B', count: 100 },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: { code: 'C-3', name: 'C', count: 4 },
    },
  ],
};

describe('map view model', () => {
  it('shades regions on a square-root scale', () => {
    expect(shareOf(25, 100)).toBe(0.5);
    expect(shareOf(0, 0)).toBe(0);
    const { collection, max } = shadeRegions(regions);
    expect(max).toBe(100);
    expect(collection.features.map((f) => f.properties?.share)).toEqual([0.2, 1, 0.2]);
    expect(shadeRegions(null).collection.features).toEqual([]);
  });

  it('labels the legend at 0, a quarter and the maximum', () => {
    expect(legendStops(100)).toEqual([0, 25, 100]);
    expect(legendStops(1)).toEqual([0, 1]);
    expect(legendStops(0)).toEqual([0]);
  });

  it('lists the busiest regions first, ties by code', () => {
    expect(topRegions(regions, 2).map((r) => r.code)).toEqual(['B-2', 'A-1']);
  });

  it('bounds the event points', () => {
    const points: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [35, 51] }, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [125.7, 39] }, properties: {} },
      ],
    };
    expect(pointBounds(points)).toEqual([35, 39, 125.7, 51]);
    expect(pointBounds(null)).toBeNull();
  });
});
