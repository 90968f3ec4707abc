// Synthetic GDELT-shaped events for benchmarks: every field is drawn from the value distributions
// of the real GDELT 2.0 export shipped in data/gdelt (actor codes, CAMEO codes, places, Goldstein
// scores), with a seeded PRNG so two runs produce the same data.
import { readFileSync } from 'node:fs';
import {
  actorId,
  buildActor,
  buildCameoCodebook,
  type Claim,
  claimId,
  contentId,
  type Document,
  documentId,
  type Event,
  type EventId,
  type FrameActor,
  type IsoDate,
  type IsoDateTime,
  type PlaceRef,
  type QuadClass,
  type StoreChanges,
  textHash,
} from '@parallax/core';

const ROOT = new URL('../../', import.meta.url).pathname;

/** mulberry32: a small seeded PRNG (the testkit has one too, but importing it would pull in vitest). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Row {
  a1: string;
  a2: string;
  code: string;
  quad: number;
  goldstein: number;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  placeName: string;
}

/**
 * The place a sample row's location names, as a claim's frame carries it; null when it has no point.
 * `below` is the level of a point inside an admin-1 region (GDELT's feature could be either).
 */
export function placeOfRow(where: Row, below: 'admin1' | 'city' = 'admin1'): PlaceRef | null {
  if (where.lat === null || where.lon === null) return null;
  return {
    id: contentId('plc', where.placeName) as PlaceRef['id'],
    name: where.placeName,
    level: where.admin1 ? below : 'country',
    country: where.country,
    admin1: where.admin1,
    lat: where.lat,
    lon: where.lon,
  };
}

/** The sample's rows reduced to the fields the generator draws from. Admin-1 codes come from the
 * ADM1 field's country prefix only when a locator is not wanted, so this stays dependency-free. */
export function sampleRows(): Row[] {
  const text = readFileSync(`${ROOT}data/gdelt/samples/20180326044500.export.CSV`, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const f = line.split('\t');
      const lat = f[56] ? Number(f[56]) : null;
      const lon = f[57] ? Number(f[57]) : null;
      return {
        a1: f[5] ?? '',
        a2: f[15] ?? '',
        code: f[26] ?? '010',
        quad: Number(f[29] ?? 1),
        goldstein: Number(f[30] ?? 0),
        lat,
        lon,
        country: f[7] || f[17] || null,
        admin1: f[54] && f[54].length > 2 ? `${f[53]}-${f[54].slice(2)}` : null,
        placeName: f[52] ?? '',
      };
    });
}

export function codebook() {
  const plover = new Map<string, { type: string; mode: string | null }>();
  for (const line of readFileSync(`${ROOT}data/codebook/cameo2plover_2021.derived.csv`, 'utf8').split('\n').slice(1)) {
    const [code, type, mode] = line.split(',');
    if (code && type && !plover.has(code)) plover.set(code, { type, mode: mode || null });
  }
  return buildCameoCodebook({ labels: new Map([...plover.keys()].map((k) => [k, k])), goldstein: new Map(), plover });
}

export interface SyntheticOptions {
  /**
   * Draw actor pairs from a pool of this many synthetic actors instead of the sample's ~250 codes,
   * so the actor network reaches thousands of nodes (UI benchmark).
   */
  actors?: number;
}

/** Synthetic actors `Actor 00042` with codes `Z00042`: no real names, stable ids. */
function actorPool(n: number): Omit<FrameActor, 'role'>[] {
  return Array.from({ length: n }, (_, i) => {
    const code = `Z${String(i).padStart(5, '0')}`;
    return { id: actorId({ code, name: code }), name: `Actor ${String(i).padStart(5, '0')}`, code };
  });
}

/**
 * Yields change sets of `batch` events (each with the document and claim it cites). Events spread
 * over `days` days from 2024-01-01; actor pairs, event codes and places follow the sample.
 */
export function* syntheticChangeSets(
  total: number,
  batch = 20_000,
  days = 365,
  seed = 7,
  options: SyntheticOptions = {},
): Generator<StoreChanges> {
  const rows = sampleRows();
  const book = codebook();
  const rnd = seededRandom(seed);
  const pool = options.actors ? actorPool(options.actors) : null;
  // Zipf-like popularity: a few actors take part in many events, most in a handful, as in GDELT.
  const pickPooled = () => pool?.[Math.floor(pool.length * rnd() ** 2.2)] ?? null;
  const pick = () => rows[Math.floor(rnd() * rows.length)] as Row;
  const base = Date.UTC(2024, 0, 1) / 86_400_000;
  const doc: Document = {
    id: documentId('bench://synthetic', textHash('synthetic')),
    sourceId: null,
    url: 'bench://synthetic',
    title: 'Synthetic benchmark events',
    author: null,
    publisher: 'benchmark',
    published: null,
    retrieved: '2024-01-01T00:00:00.000Z' as IsoDateTime,
    language: 'und',
    mediaType: 'text/plain',
    text: 'synthetic',
    contentHash: textHash('synthetic'),
    originalHash: null,
    syndicatedFrom: null,
    retracted: null,
  };
  let first = true;
  for (let start = 0; start < total; start += batch) {
    const claims: Claim[] = [];
    const events: Event[] = [];
    for (let i = start; i < Math.min(total, start + batch); i++) {
      // Fields drawn independently from different sample rows, so combinations go beyond the sample.
      const who = pick();
      const what = pick();
      const where = pick();
      const day = new Date((base + Math.floor(rnd() * days)) * 86_400_000).toISOString().slice(0, 10) as IsoDate;
      const actors: FrameActor[] = [];
      const pooledSource = pool ? pickPooled() : null;
      const pooledTarget = pool ? pickPooled() : null;
      if (pooledSource && pooledTarget && pooledSource.id !== pooledTarget.id) {
        actors.push({ ...pooledSource, role: 'source' }, { ...pooledTarget, role: 'target' });
      } else if (who.a1)
        actors.push({ id: actorId({ code: who.a1, name: who.a1 }), name: who.a1, code: who.a1, role: 'source' });
      if (who.a2 && who.a2 !== who.a1)
        actors.push({ id: actorId({ code: who.a2, name: who.a2 }), name: who.a2, code: who.a2, role: 'target' });
      const place = placeOfRow(where);
      const entry = book.lookup(what.code);
      const frame = {
        actors,
        cameo: what.code,
        plover: entry?.plover ?? null,
        quadClass: (what.quad >= 1 && what.quad <= 4 ? what.quad : null) as QuadClass | null,
        goldstein: what.goldstein,
        place,
        time: { start: day, end: day, precision: 'day' as const },
        quantities: [],
      };
      const base_: Omit<Claim, 'id'> = {
        documentId: doc.id,
        start: 0,
        end: 9,
        quote: 'synthetic',
        speaker: null,
        stance: 'asserts',
        negated: false,
        hypothetical: false,
        frame,
        extractor: 'bench',
        dataset: { dataset: 'bench', recordId: String(i), url: null },
      };
      const claim = { ...base_, id: claimId(base_) };
      claims.push(claim);
      events.push({
        id: contentId('evt', claim.id) as EventId,
        claimIds: [claim.id],
        frame,
        origins: [],
        credibility: (1 + Math.floor(rnd() ** 2 * 6)) as Event['credibility'],
        rationale: '',
        status:
          (['reported', 'reported', 'reported', 'corroborated', 'confirmed', 'disputed', 'denied'] as const)[
            Math.floor(rnd() * 7)
          ] ?? 'reported',
        contradictions: [],
        firstReported: null,
      });
    }
    yield {
      documents: first ? [doc] : [],
      actors: first && pool ? pool.map((a) => buildActor({ name: a.name, codes: [a.code ?? ''] })) : [],
      claims,
      events,
    };
    first = false;
  }
}
