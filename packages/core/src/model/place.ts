import { contentId } from '../hash/content-id.ts';
import { ID_PREFIX, type PlaceId } from './ids.ts';

export const PLACE_LEVELS = ['country', 'admin1', 'city', 'point', 'region'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** A gazetteer entry: country, admin-1 region, city or point. */
export interface Place {
  id: PlaceId;
  name: string;
  level: PlaceLevel;
  /** Where the entry comes from, e.g. `geonames:538560`, `ne:RUS-2362`, `iso:RUS`. */
  gazetteerId: string | null;
  /** ISO 3166-1 alpha-3. */
  country: string | null;
  /** ISO 3166-2 code of the first-level division, e.g. `RU-KRS`. */
  admin1: string | null;
  lat: number | null;
  lon: number | null;
}

export function placeId(key: { gazetteerId?: string | null; name: string; country?: string | null }): PlaceId {
  const basis = key.gazetteerId
    ? `gaz:${key.gazetteerId}`
    : `name:${key.name.trim().toLowerCase()}|${key.country ?? ''}`;
  return contentId(ID_PREFIX.place, basis) as PlaceId;
}

export function buildPlace(fields: Pick<Place, 'name' | 'level'> & Partial<Place>): Place {
  return {
    id:
      fields.id ??
      placeId({ gazetteerId: fields.gazetteerId ?? null, name: fields.name, country: fields.country ?? null }),
    name: fields.name,
    level: fields.level,
    gazetteerId: fields.gazetteerId ?? null,
    country: fields.country ?? null,
    admin1: fields.admin1 ?? null,
    lat: fields.lat ?? null,
    lon: fields.lon ?? null,
  };
}
