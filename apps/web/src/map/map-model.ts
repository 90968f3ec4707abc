import type { Feature, FeatureCollection } from 'geojson';

/** A region's count as a 0–1 shade: square root, so a few hot regions do not wash out the rest. */
export function shareOf(count: number, max: number): number {
  return max > 0 ? Math.sqrt(Math.max(0, count) / max) : 0;
}

/** The choropleth's features with a `share` property for the fill colour. */
export function shadeRegions(regions: FeatureCollection | null): { collection: FeatureCollection; max: number } {
  const features = regions?.features ?? [];
  const max = Math.max(0, ...features.map((f) => Number(f.properties?.count ?? 0)));
  return {
    max,
    collection: {
      type: 'FeatureCollection',
      features: features.map((f) => ({
        ...f,
        properties: { ...f.properties, share: shareOf(Number(f.properties?.count ?? 0), max) },
      })),
    },
  };
}

/** Legend labels along the sqrt scale: counts at shares 0, ½ and 1, rounded to whole events. */
export function legendStops(max: number): number[] {
  if (max <= 0) return [0];
  const stops = [0, Math.round(max / 4), max];
  return [...new Set(stops)];
}

export interface RegionRow {
  code: string;
  name: string;
  count: number;
}

/** The regions with most events: the keyboard-reachable counterpart of clicking the map. */
export function topRegions(regions: FeatureCollection | null, n: number): RegionRow[] {
  return (regions?.features ?? [])
    .map((f: Feature) => ({
      code: String(f.properties?.code ?? ''),
      name: String(f.properties?.name ?? f.properties?.code ?? ''),
      count: Number(f.properties?.count ?? 0),
    }))
    .filter((r) => r.code)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, n);
}

/** [west, south, east, north] around the points, or null when there are none. */
export function pointBounds(points: FeatureCollection | null): [number, number, number, number] | null {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const f of points?.features ?? []) {
    if (f.geometry.type !== 'Point') continue;
    const [x, y] = f.geometry.coordinates as [number, number];
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
