import { isPloverType, type PloverType, type QuadClass, quadClassOfCameo } from './codes.ts';

/** What the CAMEO codebook says about one event code. */
export interface CameoEntry {
  code: string;
  label: string | null;
  goldstein: number | null;
  plover: { type: PloverType; mode: string | null } | null;
  quadClass: QuadClass | null;
}

/** Lookup over the CAMEO event codes, their Goldstein scores and the CAMEO→PLOVER table. */
export interface CameoCodebook {
  lookup(code: string): CameoEntry | null;
  size: number;
}

export interface CameoCodebookTables {
  /** `code → label` (GDELT's CAMEO.eventcodes.txt). */
  labels: ReadonlyMap<string, string>;
  /** `code → Goldstein score` (GDELT's CAMEO.goldsteinscale.txt). */
  goldstein: ReadonlyMap<string, number>;
  /** `code → PLOVER type and mode` (the PLOVER project's 2021 table). */
  plover: ReadonlyMap<string, { type: string; mode: string | null }>;
}

/**
 * Builds the codebook lookup. Codes missing from the PLOVER table (CAMEO 01x/02x, which PLOVER drops)
 * inherit the mapping of their nearest coded ancestor ("0874" → "087" → "08"), so a specific code is
 * never left untyped when its family is typed.
 */
export function buildCameoCodebook(tables: CameoCodebookTables): CameoCodebook {
  const cache = new Map<string, CameoEntry | null>();
  const codes = new Set([...tables.labels.keys(), ...tables.goldstein.keys(), ...tables.plover.keys()]);
  const ploverOf = (code: string) => {
    for (let len = code.length; len >= 2; len--) {
      const hit = tables.plover.get(code.slice(0, len));
      if (hit && isPloverType(hit.type)) return { type: hit.type, mode: hit.mode };
    }
    return null;
  };
  return {
    size: codes.size,
    lookup(code: string): CameoEntry | null {
      if (cache.has(code)) return cache.get(code) ?? null;
      let entry: CameoEntry | null = null;
      if (/^\d{2,4}$/.test(code) && codes.has(code)) {
        entry = {
          code,
          label: tables.labels.get(code) ?? null,
          goldstein: tables.goldstein.get(code) ?? null,
          plover: ploverOf(code),
          quadClass: quadClassOfCameo(code),
        };
      }
      cache.set(code, entry);
      return entry;
    },
  };
}
