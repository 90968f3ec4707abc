import { readFileSync } from 'node:fs';

type GeoJsonPolygon = number[][][];
/** A ring's points as x0, y0, x1, y1, …: one flat array of doubles rather than an array per point. */
type Ring = Float64Array;
/** Outer ring first, then holes. */
type PolygonCoords = Ring[];

interface Unit {
  /** ISO 3166-2 code (Natural Earth's; a few units without one carry a `~` placeholder). */
  admin1: string;
  /** ISO 3166-1 alpha-3 of the country the unit belongs to de jure. */
  country: string;
  name: string;
  polygons: PolygonCoords[];
  bbox: [number, number, number, number];
}

export interface Admin1Hit {
  admin1: string;
  country: string;
  name: string;
}

/**
 * Reverse geocoder: which first-level division contains a point. Reads Natural Earth admin-1
 * polygons once and indexes their bounding boxes on a 1° grid, so a lookup tests only the few
 * polygons near the point.
 *
 * Countries follow the de jure assignment (`cc_dejure`): a point in Crimea is in UA-43 and Ukraine,
 * the policy stated in data/geo/NOTICE.md.
 */
export class Admin1Locator {
  private readonly units: Unit[] = [];
  private readonly grid = new Map<number, number[]>();

  constructor(geojson: {
    features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[];
  }) {
    const iso3OfIso2 = new Map<string, string>();
    for (const f of geojson.features) {
      const p = f.properties;
      if (typeof p.iso_a2 === 'string' && typeof p.adm0_a3 === 'string' && p.iso_a2 === p.cc)
        iso3OfIso2.set(p.iso_a2, p.adm0_a3);
    }
    for (const f of geojson.features) {
      const p = f.properties;
      if (!f.geometry || typeof p.iso_3166_2 !== 'string') continue;
      const geoPolygons =
        f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates as GeoJsonPolygon]
          : f.geometry.type === 'MultiPolygon'
            ? (f.geometry.coordinates as GeoJsonPolygon[])
            : [];
      // Flat typed arrays: the garbage collector does not walk into them, where hundreds of
      // thousands of two-number arrays made every full collection of an import's heap slow.
      const polygons = geoPolygons.map((poly) => poly.map(flatRing));
      if (!polygons.length) continue;
      const cc = typeof p.cc === 'string' ? p.cc : null;
      const country = (cc && iso3OfIso2.get(cc)) ?? (typeof p.adm0_a3 === 'string' ? p.adm0_a3 : '');
      const bbox: [number, number, number, number] = [180, 90, -180, -90];
      for (const poly of polygons) {
        const outer = poly[0] ?? new Float64Array(0);
        for (let i = 0; i + 1 < outer.length; i += 2) {
          const x = outer[i] as number;
          const y = outer[i + 1] as number;
          bbox[0] = Math.min(bbox[0], x);
          bbox[1] = Math.min(bbox[1], y);
          bbox[2] = Math.max(bbox[2], x);
          bbox[3] = Math.max(bbox[3], y);
        }
      }
      const index = this.units.length;
      this.units.push({
        admin1: p.iso_3166_2,
        country,
        name: String(p.name_en ?? p.name ?? p.iso_3166_2),
        polygons,
        bbox,
      });
      for (let gx = Math.floor(bbox[0]); gx <= Math.floor(bbox[2]); gx++) {
        for (let gy = Math.floor(bbox[1]); gy <= Math.floor(bbox[3]); gy++) {
          const key = cellKey(gx, gy);
          const list = this.grid.get(key);
          if (list) list.push(index);
          else this.grid.set(key, [index]);
        }
      }
    }
  }

  static fromFile(path: string): Admin1Locator {
    return new Admin1Locator(JSON.parse(readFileSync(path, 'utf8')));
  }

  locate(lat: number, lon: number): Admin1Hit | null {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    for (const index of this.grid.get(cellKey(Math.floor(lon), Math.floor(lat))) ?? []) {
      const unit = this.units[index];
      if (!unit) continue;
      const [w, s, e, n] = unit.bbox;
      if (lon < w || lon > e || lat < s || lat > n) continue;
      if (unit.polygons.some((poly) => inPolygon(lon, lat, poly)))
        return { admin1: unit.admin1, country: unit.country, name: unit.name };
    }
    return null;
  }
}

function cellKey(x: number, y: number): number {
  return (x + 180) * 1000 + (y + 90);
}

/** Even-odd ray casting over the outer ring, excluding holes. */
function inPolygon(x: number, y: number, rings: PolygonCoords): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(x, y, outer)) return false;
  return !holes.some((h) => inRing(x, y, h));
}

/** A GeoJSON ring as a flat array; points missing a coordinate are left out, as before. */
function flatRing(points: number[][]): Ring {
  const out = new Float64Array(points.length * 2);
  let n = 0;
  for (const [x, y] of points) {
    if (x === undefined || y === undefined) continue;
    out[n++] = x;
    out[n++] = y;
  }
  return n === out.length ? out : out.slice(0, n);
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  const points = ring.length >> 1;
  for (let i = 0, j = points - 1; i < points; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
