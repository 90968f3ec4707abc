/**
 * The gazetteer: countries (Natural Earth + Parallax's name list), first-level divisions (Natural
 * Earth admin-1, with ISO 3166-2 codes and names in many languages) and populated places (GeoNames
 * cities500, filtered), all behind one normalised-name index. Pure: it is built from file contents
 * the loader reads, and answers lookups in memory.
 */
import type { PlaceLevel } from '@parallax/core';
import { placeKey } from './place-key.ts';

export interface GazetteerEntry {
  /** `iso:RUS`, `ne:RUS-2362`, `geonames:538560`. */
  gazetteerId: string;
  name: string;
  level: Extract<PlaceLevel, 'country' | 'admin1' | 'city'>;
  /** ISO 3166-1 alpha-3. */
  country: string | null;
  /** ISO 3166-2 of the first-level division, when known. */
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  population: number;
  /** GeoNames feature code for places (PPLC capital, PPLA admin seat, …). */
  featureCode: string | null;
}

/** Natural Earth admin-1 attributes used here (see data/geo/NOTICE.md). */
export interface NaturalEarthAdmin1 {
  adm1_code: string;
  iso_3166_2: string | null;
  iso_a2: string | null;
  adm0_a3: string | null;
  cc_dejure?: string | null;
  name: string | null;
  name_en?: string | null;
  name_alt?: string | null;
  name_local?: string | null;
  gn_name?: string | null;
  gn_a1_code?: string | null;
  name_ru?: string | null;
  name_uk?: string | null;
  name_ko?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface NaturalEarthCountryPoint {
  cc: string | null;
  adm0_a3: string;
  name: string;
  lon: number;
  lat: number;
}

/** Words that name a kind of first-level division: "Kanem region", "Primorsky Krai". */
export const DIVISION_WORDS = new Set([
  'region',
  'oblast',
  'province',
  'krai',
  'kray',
  'republic',
  'governorate',
  'prefecture',
  'state',
  'county',
  'district',
  'territory',
  'область',
  'край',
  'республика',
  '도',
]);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 units of `key` (its leading words hash as a prefix of it: see indexCityKeys). */
function keyHash(key: string): number {
  let h = FNV_OFFSET;
  for (let c = 0; c < key.length; c++) h = Math.imul(h ^ key.charCodeAt(c), FNV_PRIME);
  return h;
}

/** Spreads FNV's high bits into the low ones a table slot is taken from. */
function mix(h: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return x ^ (x >>> 13);
}

/** A power of two at least twice `n`: open addressing stays short at half full. */
function tableSize(n: number): number {
  let size = 2;
  while (size < n * 2) size *= 2;
  return size;
}

const NO_ENTRIES: readonly GazetteerEntry[] = Object.freeze([]);

export class Gazetteer {
  /** Countries and first-level divisions (a few thousand), indexed in a map. */
  readonly entries: GazetteerEntry[] = [];
  private readonly index = new Map<string, number[]>();
  /**
   * Populated places (over a hundred thousand) stay as their text rows, with their names in a
   * sorted array found through hash tables of indices: loading is a split, not a million map
   * insertions, and an entry object is only made for a place a document actually names.
   */
  private cityRows: string[] = [];
  private cityKeys: string[] = [];
  private cityKeyRows: string[] = [];
  /** Open addressing over `cityKeys` by `keyHash`: slot → key index + 1, 0 for an empty slot. */
  private cityTable = new Int32Array(1);
  /**
   * The same over the leading words of multi-word city keys ("new york" of "new york mills"):
   * slot → index + 1 of the first key that starts with those words and a space.
   */
  private cityPrefixTable = new Int32Array(1);
  private readonly cityCache = new Map<number, GazetteerEntry>();
  private readonly cityKeyCache = new Map<number, readonly GazetteerEntry[]>();
  /** First words of every multi-word name, so a lookup of "X Y" is skipped when X starts none. */
  private readonly firstWords = new Set<string>();
  /** Every leading run of whole words of a multi-word country or division name ("bosnia and"). */
  private readonly indexPrefixes = new Set<string>();
  private geonamesAdmin1 = new Map<string, string>();
  private readonly iso2to3 = new Map<string, string>();
  private readonly countryIndex = new Map<string, number>();

  constructor(input: {
    countryNames: string;
    countryPoints: readonly NaturalEarthCountryPoint[];
    admin1: readonly NaturalEarthAdmin1[];
    cities: string;
  }) {
    this.addCountries(input.countryNames, input.countryPoints);
    const geonamesAdmin1 = this.addAdmin1(input.admin1);
    this.addCities(input.cities, geonamesAdmin1);
  }

  get size(): number {
    return this.entries.length + this.cityRows.length;
  }

  /** Could a name of several words start with this (normalised) word? */
  startsMultiword(word: string): boolean {
    return this.firstWords.has(word);
  }

  /** Entries whose name normalises to `key` (see placeKey): countries and divisions, then places. */
  lookupKey(key: string): readonly GazetteerEntry[] {
    const ids = this.index.get(key);
    const at = this.findCityKey(key);
    if (ids === undefined) return at >= 0 ? this.citiesOf(at) : NO_ENTRIES;
    const out = ids.map((i) => this.entries[i] as GazetteerEntry);
    if (at >= 0) out.push(...this.citiesOf(at));
    return out;
  }

  /** The places named by the city key at `at`, made once (as their entries are) and shared. */
  private citiesOf(at: number): readonly GazetteerEntry[] {
    let cities = this.cityKeyCache.get(at);
    if (cities === undefined) {
      cities = (this.cityKeyRows[at] as string).split(',').map((row) => this.city(Number(row)));
      this.cityKeyCache.set(at, cities);
    }
    return cities;
  }

  /**
   * Is `key` a name, or the leading words of a longer one? A reader trying "X Y", "X Y Z", … can stop
   * at the first that is neither.
   */
  startsName(key: string): boolean {
    if (this.index.has(key) || this.indexPrefixes.has(key)) return true;
    const h = keyHash(key);
    if (this.findCityKeyHashed(key, h) >= 0) return true;
    const table = this.cityPrefixTable;
    const mask = table.length - 1;
    const n = key.length;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const e = table[slot] as number;
      if (e === 0) return false;
      const k = this.cityKeys[e - 1] as string;
      if (k.length > n && k.charCodeAt(n) === 32 && k.startsWith(key)) return true;
    }
  }

  private findCityKey(key: string): number {
    return this.findCityKeyHashed(key, keyHash(key));
  }

  /** Index in `cityKeys` of `key` (whose `keyHash` is `h`), or -1. */
  private findCityKeyHashed(key: string, h: number): number {
    const table = this.cityTable;
    const mask = table.length - 1;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const e = table[slot] as number;
      if (e === 0) return -1;
      if (this.cityKeys[e - 1] === key) return e - 1;
    }
  }

  private city(row: number): GazetteerEntry {
    const cached = this.cityCache.get(row);
    if (cached) return cached;
    const [id = '', cc = '', a1 = '', fcode = '', pop = '0', lat = '', lon = '', name = ''] = (
      this.cityRows[row] ?? ''
    ).split('\t');
    const entry: GazetteerEntry = {
      gazetteerId: `geonames:${id}`,
      name,
      level: 'city',
      country: this.iso2to3.get(cc) ?? null,
      admin1: this.geonamesAdmin1.get(`${cc}.${a1}`) ?? null,
      lat: Number(lat),
      lon: Number(lon),
      population: Number(pop),
      featureCode: fcode,
    };
    this.cityCache.set(row, entry);
    return entry;
  }

  lookup(name: string): readonly GazetteerEntry[] {
    return this.lookupKey(placeKey(name));
  }

  has(key: string): boolean {
    return this.index.has(key) || this.findCityKey(key) >= 0;
  }

  country(iso3: string): GazetteerEntry | null {
    const i = this.countryIndex.get(iso3);
    return i === undefined ? null : (this.entries[i] ?? null);
  }

  iso3(iso2: string): string | null {
    return this.iso2to3.get(iso2.toUpperCase()) ?? null;
  }

  /** Adds an entry under the keys (see placeKey) of its names. */
  private add(entry: GazetteerEntry, keys: readonly string[]): number {
    const id = this.entries.length;
    this.entries.push(entry);
    for (const k of keys) this.addKey(k, id);
    return id;
  }

  private addKey(key: string, id: number): void {
    if (key.length < 2) return;
    const space = key.indexOf(' ');
    if (space > 0) this.firstWords.add(key.slice(0, space));
    for (let at = space; at > 0; at = key.indexOf(' ', at + 1)) this.indexPrefixes.add(key.slice(0, at));
    const list = this.index.get(key);
    if (!list) this.index.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  private addCountries(names: string, points: readonly NaturalEarthCountryPoint[]): void {
    const listed = new Map<string, { iso3: string; names: string[] }>();
    for (const line of names.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [iso3 = '', iso2 = '', all = ''] = line.split('\t');
      listed.set(iso2, { iso3, names: all.split('|').filter(Boolean) });
      this.iso2to3.set(iso2, iso3);
    }
    const done = new Set<string>();
    for (const p of points) {
      if (!p.cc || done.has(p.cc)) continue;
      done.add(p.cc);
      const own = listed.get(p.cc);
      const iso3 = own?.iso3 ?? p.adm0_a3;
      this.iso2to3.set(p.cc, iso3);
      const name = own?.names[0] ?? p.name;
      const id = this.add(
        {
          gazetteerId: `iso:${iso3}`,
          name,
          level: 'country',
          country: iso3,
          admin1: null,
          lat: p.lat,
          lon: p.lon,
          population: 0,
          featureCode: null,
        },
        [p.name, ...(own?.names ?? [])].map(placeKey),
      );
      this.countryIndex.set(iso3, id);
    }
  }

  /** Returns GeoNames admin-1 code (`RU.41`) → ISO 3166-2 (`RU-KRS`), for placing cities. */
  private addAdmin1(rows: readonly NaturalEarthAdmin1[]): Map<string, string> {
    const byGeonames = new Map<string, string>();
    for (const r of rows) {
      const iso = r.iso_3166_2 && !r.iso_3166_2.includes('~') ? r.iso_3166_2 : null;
      const cc = r.cc_dejure ?? r.iso_a2;
      const country = cc ? (this.iso2to3.get(cc) ?? r.adm0_a3) : r.adm0_a3;
      const names = [
        r.name,
        r.name_en,
        r.name_local,
        r.gn_name,
        r.name_ru,
        r.name_uk,
        r.name_ko,
        ...(r.name_alt ?? '').split('|'),
      ].filter((n): n is string => typeof n === 'string' && n.trim().length > 1);
      if (names.length === 0) continue;
      const keys = names.map(placeKey);
      const id = this.add(
        {
          gazetteerId: `ne:${r.adm1_code}`,
          name: r.name_en || r.name || names[0] || r.adm1_code,
          level: 'admin1',
          country: country ?? null,
          admin1: iso,
          lat: r.latitude ?? null,
          lon: r.longitude ?? null,
          population: 0,
          featureCode: null,
        },
        keys,
      );
      // "Primorsky Krai" is also "Primorsky region": index the name without its division word.
      for (const k of keys) {
        const words = k.split(' ');
        if (words.length > 1 && DIVISION_WORDS.has(words[words.length - 1] as string)) {
          this.addKey(words.slice(0, -1).join(' '), id);
        }
      }
      if (r.gn_a1_code && iso) byGeonames.set(r.gn_a1_code, iso);
    }
    return byGeonames;
  }

  private addCities(text: string, geonamesAdmin1: Map<string, string>): void {
    this.geonamesAdmin1 = geonamesAdmin1;
    const split = text.indexOf('\n#keys');
    const places = split >= 0 ? text.slice(0, split) : text;
    const keys = split >= 0 ? text.slice(text.indexOf('\n', split + 1) + 1) : '';
    this.cityRows = places.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const keyLines = keys.split('\n');
    this.cityKeys = new Array(keyLines.length);
    this.cityKeyRows = new Array(keyLines.length);
    let n = 0;
    for (const line of keyLines) {
      const tab = line.indexOf('\t');
      if (tab <= 0) continue;
      const key = line.slice(0, tab);
      this.cityKeys[n] = key;
      this.cityKeyRows[n] = line.slice(tab + 1);
      const space = key.indexOf(' ');
      if (space > 0) this.firstWords.add(key.slice(0, space));
      n++;
    }
    this.cityKeys.length = n;
    this.cityKeyRows.length = n;
    this.indexCityKeys();
  }

  /**
   * Fills the hash tables over the city keys and their leading words (both at most half full). The
   * keys are sorted, so the keys sharing leading words follow one another and only the first of
   * them is entered for those words.
   */
  private indexCityKeys(): void {
    const keys = this.cityKeys;
    const table = new Int32Array(tableSize(keys.length));
    const mask = table.length - 1;
    // Leading words (hash, key index), gathered first to size their table.
    const prefixHashes: number[] = [];
    const prefixKeys: number[] = [];
    let prev = '';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      // Leading characters shared with the previous key (only a multi-word key needs them).
      let shared = 0;
      if (k.indexOf(' ') > 0) {
        const n = Math.min(k.length, prev.length);
        while (shared < n && k.charCodeAt(shared) === prev.charCodeAt(shared)) shared++;
      }
      let h = FNV_OFFSET;
      for (let c = 0; c < k.length; c++) {
        const code = k.charCodeAt(c);
        // The hash so far is that of the words before this space; the previous key has entered
        // them already when it shares the characters up to and including the space.
        if (code === 32 && c > 0 && c >= shared) {
          prefixHashes.push(h);
          prefixKeys.push(i + 1);
        }
        h = Math.imul(h ^ code, FNV_PRIME);
      }
      let slot = mix(h) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = i + 1;
      prev = k;
    }
    const prefixTable = new Int32Array(tableSize(prefixHashes.length));
    const prefixMask = prefixTable.length - 1;
    for (let p = 0; p < prefixHashes.length; p++) {
      let slot = mix(prefixHashes[p] as number) & prefixMask;
      while (prefixTable[slot] !== 0) slot = (slot + 1) & prefixMask;
      prefixTable[slot] = prefixKeys[p] as number;
    }
    this.cityTable = table;
    this.cityPrefixTable = prefixTable;
  }
}
