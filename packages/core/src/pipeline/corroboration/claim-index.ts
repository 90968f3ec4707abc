import { type ClaimProfile, MAX_LINK_GAP_DAYS } from './claim-profile.ts';

/**
 * Grid cells (degrees) for finding points near each other across admin-1 or national borders. Half a
 * cell spans more than NEAR_KM up to 63° north or south (cos 63° × 0.5° of longitude ≈ 25 km), so a
 * point's neighbours lie in the four cells towards its nearest corner; further towards the poles the
 * eight cells around are read too (enough up to 77°).
 */
const CELL_LAT = 0.5;
const CELL_LON = 1;

interface File {
  ids: number[];
  /** Start day of each claim in `ids` (plain array: most files are tiny, typed arrays cost more). */
  starts: number[];
  maxSpan: number;
}

/**
 * Files of one actor key, by place key: an admin-1 code, `c:<country>` (country-level claims),
 * `all:<country>` (every claim in the country), `g:<cell>` (points) or `-` (no place).
 */
interface Shelf {
  places: Map<string, File>;
}

/**
 * Finds the claims that could join a given claim without comparing every pair. Claims are filed by
 * event type and actors (acting → target pairs, or the one role named), then by place (admin-1 unit,
 * country, or a half-degree grid cell for points), each file sorted by start day. A look-up reads only
 * the files a joinable claim could be in: the same unit, the country around it, the units inside a
 * country, neighbouring cells for points, and only the days within reach.
 */
export class ClaimIndex {
  private readonly shelves = new Map<string, Shelf>();
  private readonly stamp: Int32Array;
  private generation = 0;
  // Look-up keys per claim index, computed on first use (arrays: WeakMaps this large slow the GC).
  private readonly lookups: (string[] | undefined)[] = [];
  private readonly ownLookups: (string[] | undefined)[] = [];
  private readonly placeLookups: (string[] | null | undefined)[] = [];
  private sealed = false;

  constructor(private readonly profiles: readonly ClaimProfile[]) {
    this.stamp = new Int32Array(profiles.length);
  }

  add(i: number): void {
    const p = this.profiles[i] as ClaimProfile;
    for (const key of actorKeys(p)) {
      let shelf = this.shelves.get(key);
      if (!shelf) {
        shelf = { places: new Map() };
        this.shelves.set(key, shelf);
      }
      for (const place of placeKeys(p)) {
        let file = shelf.places.get(place);
        if (!file) {
          file = { ids: [], starts: [], maxSpan: 0 };
          shelf.places.set(place, file);
        }
        file.ids.push(i);
        if (p.lo !== null && p.span > file.maxSpan) file.maxSpan = p.span;
      }
    }
  }

  /** Sorts every file by start day; call once after adding and before looking up. */
  seal(): this {
    const lo = (i: number) => this.profiles[i]?.lo ?? Number.NEGATIVE_INFINITY;
    for (const shelf of this.shelves.values()) {
      for (const file of shelf.places.values()) {
        if (file.ids.length > 1) file.ids.sort((a, b) => lo(a) - lo(b) || a - b);
        file.starts = file.ids.map(lo);
      }
    }
    this.sealed = true;
    return this;
  }

  /**
   * Indexed claims that share a file with claim `i` and whose time could meet it; each at most once.
   * With `sameRoles`, only claims naming the same roles (what anchors link to) that start no earlier
   * than claim `i`: for a symmetric relation, each pair is then met once from its earlier end.
   */
  candidates(i: number, visit: (j: number) => void, sameRoles = false): void {
    if (!this.sealed) throw new Error('ClaimIndex: seal() before looking up');
    const p = this.profiles[i] as ClaimProfile;
    const g = ++this.generation;
    const stamp = this.stamp;
    const cache = sameRoles ? this.ownLookups : this.lookups;
    let keys = cache[i];
    if (!keys) {
      keys = sameRoles ? ownKeys(p) : lookupKeys(p);
      cache[i] = keys;
    }
    let places = this.placeLookups[i];
    if (places === undefined) {
      places = placeLookups(p);
      this.placeLookups[i] = places;
    }
    for (const key of keys) {
      const shelf = this.shelves.get(key);
      if (!shelf) continue;
      for (const place of places ?? ['*']) {
        const file = shelf.places.get(place);
        if (!file) continue;
        const { ids, starts } = file;
        let k = 0;
        let to = Number.POSITIVE_INFINITY;
        if (p.lo !== null && p.hi !== null) {
          // Linking is symmetric and every claim looks up its own kind, so each pair is found from the
          // claim that starts first: read forward only.
          k = lowerBound(starts, sameRoles ? p.lo : p.lo - file.maxSpan - MAX_LINK_GAP_DAYS);
          to = p.hi + MAX_LINK_GAP_DAYS;
        }
        for (; k < ids.length && (starts[k] as number) <= to; k++) {
          const j = ids[k] as number;
          if (stamp[j] === g) continue;
          stamp[j] = g;
          visit(j);
        }
      }
    }
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function roots(actors: ClaimProfile['sources']): string[] {
  return [...new Set(actors.map((a) => a.root))].sort();
}

function cell(lat: number, lon: number): string {
  return `g:${Math.floor(lat / CELL_LAT)},${Math.floor(lon / CELL_LON)}`;
}

const isPoint = (p: ClaimProfile) =>
  (p.place?.level === 'city' || p.place?.level === 'point') && p.place.lat !== null && p.place.lon !== null;

/**
 * The place files a claim is filed under: its unit (or its country when it names no unit), every
 * claim of a country once more under `all:` (so a country-level claim reads one file, not one per
 * unit), and its grid cell when it is a point.
 */
function placeKeys(p: ClaimProfile): string[] {
  const pl = p.place;
  // `*` holds every claim of the shelf, for look-ups by claims that give no place.
  if (!pl) return ['-', '*'];
  const keys = ['*', pl.admin1 ?? (pl.country ? `c:${pl.country}` : `p:${pl.id}`)];
  if (pl.country) keys.push(`all:${pl.country}`);
  if (isPoint(p)) keys.push(cell(pl.lat as number, pl.lon as number));
  return keys;
}

/** The place files where a claim that could join `p` would be filed; null means every file (no place given). */
function placeLookups(p: ClaimProfile): string[] | null {
  const pl = p.place;
  if (!pl) return null;
  const keys = ['-'];
  if (pl.admin1) {
    keys.push(pl.admin1);
    if (pl.country) keys.push(`c:${pl.country}`);
  } else if (pl.country) {
    // A country contains every unit in it.
    keys.push(`all:${pl.country}`);
  } else keys.push(`p:${pl.id}`);
  if (isPoint(p)) {
    const y = (pl.lat as number) / CELL_LAT;
    const x = (pl.lon as number) / CELL_LON;
    const r = Math.floor(y);
    const c = Math.floor(x);
    if (Math.abs(pl.lat as number) > 63) {
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) keys.push(`g:${r + dr},${c + dc}`);
    } else {
      const dr = y - r < 0.5 ? -1 : 1;
      const dc = x - c < 0.5 ? -1 : 1;
      keys.push(`g:${r},${c}`, `g:${r + dr},${c}`, `g:${r},${c + dc}`, `g:${r + dr},${c + dc}`);
    }
  }
  return keys;
}

/**
 * The actor shelves a claim is filed under: its acting→target pairs (`st:`), or the one role it
 * names (`s:`, `t:`), every claim once more under each acting and each target actor (`s*:`, `t*:`,
 * for look-ups by claims naming one side only), and its other actors (`o:`).
 */
function actorKeys(p: ClaimProfile): string[] {
  const s = roots(p.sources);
  const t = roots(p.targets);
  const keys: string[] = [];
  if (s.length && t.length) for (const a of s) for (const b of t) keys.push(`${p.typeKey}|st:${a}>${b}`);
  else if (s.length) for (const a of s) keys.push(`${p.typeKey}|s:${a}`);
  else if (t.length) for (const b of t) keys.push(`${p.typeKey}|t:${b}`);
  for (const a of s) keys.push(`${p.typeKey}|s*:${a}`);
  for (const b of t) keys.push(`${p.typeKey}|t*:${b}`);
  for (const c of roots(p.others)) keys.push(`${p.typeKey}|o:${c}`);
  if (!p.actors.length) keys.push(`${p.typeKey}|-`);
  return keys;
}

/** The shelves holding claims that name the same roles as `p` and could share an actor with it. */
function ownKeys(p: ClaimProfile): string[] {
  const s = roots(p.sources);
  const t = roots(p.targets);
  const keys: string[] = [];
  if (s.length && t.length) for (const a of s) for (const b of t) keys.push(`${p.typeKey}|st:${a}>${b}`);
  else if (s.length) for (const a of s) keys.push(`${p.typeKey}|s:${a}`);
  else if (t.length) for (const b of t) keys.push(`${p.typeKey}|t:${b}`);
  else for (const c of roots(p.others)) keys.push(`${p.typeKey}|o:${c}`);
  if (!p.actors.length) keys.push(`${p.typeKey}|-`);
  return keys;
}

/** The shelves where any claim that could join `p` would be filed. */
function lookupKeys(p: ClaimProfile): string[] {
  const s = roots(p.sources);
  const t = roots(p.targets);
  const keys: string[] = [];
  if (s.length && t.length) {
    for (const a of s) for (const b of t) keys.push(`${p.typeKey}|st:${a}>${b}`);
    for (const a of s) keys.push(`${p.typeKey}|s:${a}`);
    for (const b of t) keys.push(`${p.typeKey}|t:${b}`);
  } else if (s.length) {
    // Naming only the acting side, it can join any claim with that acting actor.
    for (const a of s) keys.push(`${p.typeKey}|s*:${a}`);
  } else if (t.length) for (const b of t) keys.push(`${p.typeKey}|t*:${b}`);
  for (const c of roots(p.others)) keys.push(`${p.typeKey}|o:${c}`);
  if (!p.actors.length) keys.push(`${p.typeKey}|-`);
  return keys;
}
