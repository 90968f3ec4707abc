import {
  type Actor,
  actorId,
  buildActor,
  buildDocument,
  buildPlace,
  buildSource,
  type CameoCodebook,
  type Claim,
  claimId,
  type Document,
  type FrameActor,
  InvalidInputError,
  type IsoDate,
  type IsoDateTime,
  isIsoDate,
  type Place,
  type PlaceRef,
  type QuadClass,
  type Source,
} from '@parallax/core';
import type { Admin1Locator } from './admin1-locator.ts';

/** GDELT 2.0 events export: 61 tab-separated columns, no header. */
export const GDELT_EXPORT_COLUMNS = 61;
const COL = {
  id: 0,
  sqlDate: 1,
  actor1Code: 5,
  actor1Name: 6,
  actor1Country: 7,
  actor1Type: 12,
  actor2Code: 15,
  actor2Name: 16,
  actor2Country: 17,
  actor2Type: 22,
  eventCode: 26,
  quadClass: 29,
  goldstein: 30,
  geoType: 51,
  geoName: 52,
  geoCountryFips: 53,
  geoLat: 56,
  geoLon: 57,
  geoFeature: 58,
  sourceUrl: 60,
} as const;

export interface GdeltContext {
  codebook: CameoCodebook;
  locator: Admin1Locator;
  /** English name of a country by ISO 3166-1 alpha-3 (GDELT actor country codes are ISO-3). */
  countryName(iso3: string): string | null;
  /** Label of a CAMEO actor type code (GOV → Government). */
  actorTypeLabel(code: string): string | null;
}

export interface GdeltReadResult {
  document: Document;
  source: Source;
  claims: Claim[];
  actors: Actor[];
  places: Place[];
  /** Rows that could not be read, with their 1-based line number; good rows are kept. */
  rejected: { line: number; reason: string }[];
}

/** GDELT's own Source: a machine-coded dataset, a lead generator rather than a witness. */
export function gdeltSource(): Source {
  return buildSource({
    name: 'GDELT Project',
    domain: 'gdeltproject.org',
    kind: 'dataset',
    reliabilityRationale: 'Machine-coded media reports; not graded.',
  });
}

function sqlDate(value: string): IsoDate | null {
  if (!/^\d{8}$/.test(value)) return null;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/**
 * Reads one GDELT 2.0 events export file. The file itself becomes the Document (so every claim
 * quotes the exact row it came from, and the archive holds what GDELT published); each row becomes a
 * Claim that carries GDELT's CAMEO code, Goldstein score, quad class, place and source article URL.
 */
export function readGdeltExport(
  text: string,
  file: { name: string; url?: string | null; retrieved: IsoDateTime },
  ctx: GdeltContext,
): GdeltReadResult {
  if (!text.trim()) throw new InvalidInputError(`${file.name}: empty file, expected GDELT 2.0 export rows`);
  const source = gdeltSource();
  const document = buildDocument({
    title: `GDELT 2.0 events export ${file.name.split('/').pop() ?? file.name}`,
    text,
    retrieved: file.retrieved,
    url: file.url ?? null,
    publisher: 'GDELT Project',
    language: 'und',
    mediaType: 'text/tab-separated-values',
    sourceId: source.id,
  });
  const claims: Claim[] = [];
  const actors = new Map<string, Actor>();
  const places = new Map<string, Place>();
  const rejected: GdeltReadResult['rejected'] = [];

  const actorOf = (
    code: string,
    name: string,
    country: string,
    type: string,
    role: FrameActor['role'],
  ): FrameActor | null => {
    if (!code) return null;
    const id = actorId({ code, name });
    if (!actors.has(id)) {
      const countryName = country ? ctx.countryName(country) : null;
      const typeLabel = type ? ctx.actorTypeLabel(type) : null;
      const canonical = [countryName, typeLabel].filter(Boolean).join(' ') || titleCase(name) || code;
      actors.set(
        id,
        buildActor({
          id,
          name: canonical,
          kind: code.length === 3 && countryName ? 'state' : typeLabel ? 'sector' : 'other',
          country: country || null,
          codes: [code],
          aliases: name && titleCase(name) !== canonical ? [titleCase(name)] : [],
        }),
      );
    }
    return { id, name: actors.get(id)?.name ?? code, code, role };
  };

  let lineStart = 0;
  let lineNo = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    lineNo++;
    const contentEnd = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const line = text.slice(lineStart, contentEnd);
    const start = lineStart;
    lineStart = lineEnd + 1;
    if (!line.trim()) continue;
    const f = line.split('\t');
    if (f.length !== GDELT_EXPORT_COLUMNS) {
      rejected.push({
        line: lineNo,
        reason: `expected ${GDELT_EXPORT_COLUMNS} tab-separated columns, found ${f.length}`,
      });
      continue;
    }
    const col = (i: number) => (f[i] ?? '').trim();
    const recordId = col(COL.id);
    const day = sqlDate(col(COL.sqlDate));
    const code = col(COL.eventCode);
    if (!/^\d+$/.test(recordId) || !day || !/^\d{2,4}$/.test(code)) {
      rejected.push({ line: lineNo, reason: 'GLOBALEVENTID, SQLDATE or EventCode is missing or malformed' });
      continue;
    }
    const entry = ctx.codebook.lookup(code);
    const frameActors = [
      actorOf(col(COL.actor1Code), col(COL.actor1Name), col(COL.actor1Country), col(COL.actor1Type), 'source'),
      actorOf(col(COL.actor2Code), col(COL.actor2Name), col(COL.actor2Country), col(COL.actor2Type), 'target'),
    ].filter((a): a is FrameActor => a !== null);

    let place: PlaceRef | null = null;
    const geoType = Number(col(COL.geoType));
    const lat = Number(col(COL.geoLat));
    const lon = Number(col(COL.geoLon));
    if (geoType > 0 && col(COL.geoLat) !== '' && Number.isFinite(lat) && Number.isFinite(lon)) {
      const hit = ctx.locator.locate(lat, lon);
      // Type 1 rows are pinned to the country's centroid: the admin-1 unit under that point is an
      // accident of geometry, not information, so only the country is kept.
      const countryLevel = geoType === 1;
      const p = buildPlace({
        name: col(COL.geoName) || hit?.name || 'Unknown place',
        level: countryLevel ? 'country' : geoType === 2 || geoType === 5 ? 'admin1' : 'city',
        gazetteerId: countryLevel && hit ? `iso:${hit.country}` : `gdelt:${col(COL.geoFeature) || `${lat},${lon}`}`,
        country: hit?.country ?? null,
        admin1: countryLevel ? null : (hit?.admin1 ?? null),
        lat,
        lon,
      });
      places.set(p.id, p);
      place = { id: p.id, name: p.name, level: p.level, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon };
    }
    const quad = Number(col(COL.quadClass));
    const goldstein = Number(col(COL.goldstein));
    const base: Omit<Claim, 'id'> = {
      documentId: document.id,
      start,
      end: contentEnd,
      quote: line,
      speaker: null,
      stance: 'asserts',
      negated: false,
      hypothetical: false,
      frame: {
        actors: frameActors,
        cameo: code,
        plover: entry?.plover ?? null,
        quadClass: quad >= 1 && quad <= 4 ? (quad as QuadClass) : (entry?.quadClass ?? null),
        goldstein: col(COL.goldstein) !== '' && Number.isFinite(goldstein) ? goldstein : (entry?.goldstein ?? null),
        place,
        time: { start: day, end: day, precision: 'day' },
        quantities: [],
      },
      extractor: 'gdelt-2.0-export',
      dataset: { dataset: 'gdelt', recordId, url: col(COL.sourceUrl) || null },
    };
    claims.push({ ...base, id: claimId(base) });
  }
  return { document, source, claims, actors: [...actors.values()], places: [...places.values()], rejected };
}
