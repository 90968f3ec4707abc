import type { StyleSpecification } from 'maplibre-gl';
import { QUAD_COLORS } from '../labels.ts';

export interface MapPalette {
  ocean: string;
  land: string;
  border: string;
  regionLow: string;
  regionHigh: string;
  point: string;
  pointStroke: string;
  disputed: string;
  selected: string;
}

export const LIGHT: MapPalette = {
  ocean: '#dfe8ef',
  land: '#f7f5f0',
  border: '#9aa3ad',
  regionLow: '#fde0c5',
  regionHigh: '#c2412d',
  point: '#1f4e79',
  pointStroke: '#ffffff',
  disputed: '#3b3f45',
  selected: '#111111',
};

export const DARK: MapPalette = {
  ocean: '#0e1621',
  land: '#1c2530',
  border: '#4a5563',
  regionLow: '#5a3522',
  regionHigh: '#f08a4b',
  point: '#7cc4ff',
  pointStroke: '#0e1621',
  disputed: '#d5dbe1',
  selected: '#ffffff',
};

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * A map style built only from GeoJSON the server ships (Natural Earth countries and borders) plus
 * the API's aggregates: no tiles, no glyphs, no network beyond the workbench's own server.
 */
export function offlineStyle(base: string, palette: MapPalette): StyleSpecification {
  return {
    version: 8,
    sources: {
      // Coarser tiling of the static basemap: it is context, and tiling 4 MB of outlines finely costs seconds.
      countries: { type: 'geojson', data: `${base}geo/ne_admin0.geojson`, tolerance: 1.5, maxzoom: 8, buffer: 32 },
      borders: { type: 'geojson', data: `${base}geo/ne_admin0_boundary_lines.geojson`, tolerance: 1.5, maxzoom: 8 },
      regions: { type: 'geojson', data: EMPTY, promoteId: 'code' },
      disputed: { type: 'geojson', data: `${base}api/map/disputed`, promoteId: 'code' },
      events: { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 36, clusterMaxZoom: 9 },
      selected: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'ocean', type: 'background', paint: { 'background-color': palette.ocean } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': palette.land } },
      {
        id: 'regions-fill',
        type: 'fill',
        source: 'regions',
        paint: {
          'fill-color': ['interpolate', ['linear'], ['get', 'share'], 0, palette.regionLow, 1, palette.regionHigh],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.95, 0.7],
        },
      },
      {
        id: 'regions-outline',
        type: 'line',
        source: 'regions',
        paint: {
          'line-color': palette.regionHigh,
          'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.5, 0.6],
        },
      },
      {
        id: 'regions-hover',
        type: 'line',
        source: 'regions',
        paint: {
          'line-color': palette.pointStroke,
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2, 0],
        },
      },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': palette.border, 'line-width': 0.7 } },
      // Units whose de jure country differs from the one administering them: drawn with their de jure
      // country, outlined dashed, so the map never silently takes a side it does not state.
      {
        id: 'disputed-outline',
        type: 'line',
        source: 'disputed',
        paint: { 'line-color': palette.disputed, 'line-width': 1.4, 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'event-clusters',
        type: 'circle',
        source: 'events',
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': palette.point,
          'circle-opacity': 0.75,
          'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 8, 50, 16, 500, 26],
          'circle-stroke-color': palette.pointStroke,
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: 'event-points',
        type: 'circle',
        source: 'events',
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': [
            'match',
            ['get', 'quadClass'],
            1,
            QUAD_COLORS['1'] as string,
            2,
            QUAD_COLORS['2'] as string,
            3,
            QUAD_COLORS['3'] as string,
            4,
            QUAD_COLORS['4'] as string,
            palette.point,
          ],
          'circle-radius': 5.5,
          'circle-stroke-color': palette.pointStroke,
          'circle-stroke-width': 1.5,
        },
      },
      // The event open in the detail pane, ringed above everything so it stands out of its cluster.
      {
        id: 'selected-ring',
        type: 'circle',
        source: 'selected',
        paint: {
          'circle-radius': 12,
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': palette.selected,
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}
