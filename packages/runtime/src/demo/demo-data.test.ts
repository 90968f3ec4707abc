// Checks the demo workspace's data (data/demo) through the same path `parallax demo` takes: the
// documents are read by the product's Markdown reader, the hand-coded claims are replayed by the
// fixture extractor, and the claims must cluster into one event per happening with the core's
// reference clustering. The checks also hold the data to the codebooks and the gazetteer. The demo
// is the first thing a newcomer sees, so its data must not rot.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Claim,
  clusterClaims,
  type Document,
  type DocumentId,
  FRAME_ROLES,
  fixedClock,
  type IsoDateTime,
  isIsoDate,
  PLACE_LEVELS,
  PLOVER_TYPES,
  RELIABILITY_GRADES,
  SOURCE_KINDS,
  STANCES,
  spanFor,
  TIME_PRECISIONS,
} from '@parallax/core';
import { domainOf, type ReadResult } from '@parallax/ingest';
import { describe, expect, it } from 'vitest';
import { readDocumentFile } from '../document-files.ts';
import { loadCameoCodebook } from '../reference-data.ts';
import { createFixtureExtractor, type FixtureClaim } from './fixture-extractor.ts';

const dataDir = new URL('../../../../data/', import.meta.url);
const demoDir = new URL('demo/', dataDir);
const docsDir = new URL('documents/', demoDir);

const readText = (url: URL) => readFileSync(url, 'utf8');
const readJson = (url: URL): unknown => JSON.parse(readText(url));

// ---- documents -------------------------------------------------------------------------------------

interface DemoDocument extends ReadResult {
  file: string;
}

const clock = fixedClock('2025-05-01T00:00:00.000Z' as IsoDateTime);
const docFiles = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const docs: DemoDocument[] = docFiles.map((file) => ({
  file,
  ...readDocumentFile(fileURLToPath(new URL(file, docsDir)), clock),
}));
const docByFile = new Map(docs.map((d) => [d.file, d]));

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const paragraphs = (text: string) =>
  text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.trim());

describe('demo documents', () => {
  it('has 16 to 20 numbered Markdown files', () => {
    expect(docFiles.length).toBeGreaterThanOrEqual(16);
    expect(docFiles.length).toBeLessThanOrEqual(20);
    for (const f of docFiles) expect(f).toMatch(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.md$/);
    const numbers = docFiles.map((f) => f.slice(0, 2));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  // The reader has already refused unknown keys, bad URLs and unparseable dates; these are the
  // fields every demo document must have on top of that.
  it.each(docFiles)('%s has title, publisher, URL, date and language in its front matter', (file) => {
    const { document: d } = docByFile.get(file) as DemoDocument;
    expect(d.title).not.toBe(file);
    expect(d.publisher?.trim()).toBeTruthy();
    const url = new URL(d.url ?? '');
    expect(url.protocol).toBe('https:');
    // Paths are made up; the marker says so to anyone who opens one.
    expect(url.pathname).toContain('parallax-demo');
    expect(d.published).not.toBeNull();
    expect(d.published?.startsWith('202')).toBe(true);
    expect(d.language).toBe('en');
  });

  it.each(docFiles)('%s has a plain body of 120 to 400 words', (file) => {
    const { text } = (docByFile.get(file) as DemoDocument).document;
    const n = words(text);
    expect(n).toBeGreaterThanOrEqual(120);
    expect(n).toBeLessThanOrEqual(400);
    // Quotes are matched against the raw text, so no Markdown markup may sit inside sentences.
    expect(text).not.toMatch(/\[[^\]]*\]\(|\*\*|__|^#/m);
  });

  it('has unique URLs and titles', () => {
    const urls = docs.map((d) => d.document.url);
    const titles = docs.map((d) => d.document.title);
    expect(new Set(urls).size).toBe(urls.length);
    expect(new Set(titles).size).toBe(titles.length);
  });

  const copies = docs.filter((d) => d.declaredOriginal !== null);

  it('has a wire story republished by at least two other sites', () => {
    const byOriginal = new Map<string, number>();
    for (const c of copies) {
      const original = c.declaredOriginal as string;
      byOriginal.set(original, (byOriginal.get(original) ?? 0) + 1);
    }
    expect(Math.max(0, ...byOriginal.values())).toBeGreaterThanOrEqual(2);
  });

  it.each(copies.map((c) => c.file))('%s is a faithful copy of the document it names', (file) => {
    const copy = docByFile.get(file) as DemoDocument;
    const originalFile = copy.declaredOriginal as string;
    const original = docByFile.get(originalFile);
    expect(original, `${file}: syndicated_from names missing ${originalFile}`).toBeDefined();
    if (!original) return;
    expect(original.declaredOriginal, 'copies point at the original, not at another copy').toBeNull();
    expect(copy.document.title).not.toBe(original.document.title);
    expect(domainOf(copy.document.url)).not.toBe(domainOf(original.document.url));
    expect((copy.document.published ?? '') >= (original.document.published ?? '')).toBe(true);
    // A copy is the original with a wire credit in front and the last paragraph cut, nothing else.
    const copied = paragraphs(copy.document.text);
    const source = paragraphs(original.document.text);
    const credit = /^[A-Z][A-Z/ ]+ \([A-Za-z ]+\) — /;
    expect(copied[0]).toMatch(credit);
    copied[0] = (copied[0] as string).replace(credit, '');
    expect(copied).toEqual(source.slice(0, -1));
  });
});

// ---- grades ----------------------------------------------------------------------------------------

interface DemoGrade {
  domain: string;
  name: string;
  kind: string;
  country: string | null;
  reliability: string;
  rationale: string;
}

const grades = readJson(new URL('grades.json', demoDir)) as DemoGrade[];
const countries = new Set(
  (
    readJson(new URL('geo/ne_admin0_label_points.geojson', dataDir)) as {
      features: { properties: { adm0_a3: string } }[];
    }
  ).features.map((f) => f.properties.adm0_a3),
);
// The demo loader keys a graded Source on its domain and ingest keys a document's Source on its URL's
// host without `www.`; a grade only reaches documents when the two are the same string.
const hosts = [...new Set(docs.map((d) => domainOf(d.document.url) as string))];

describe('demo source grades', () => {
  it('grade real demo sources once each with Admiralty grades A–F', () => {
    expect(Array.isArray(grades)).toBe(true);
    expect(new Set(grades.map((g) => g.domain)).size).toBe(grades.length);
    for (const g of grades) {
      expect(g.domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(g.name.trim()).not.toBe('');
      expect(SOURCE_KINDS as readonly string[]).toContain(g.kind);
      expect(RELIABILITY_GRADES as readonly string[]).toContain(g.reliability);
      if (g.country !== null) expect(countries, `${g.domain}: country ${g.country}`).toContain(g.country);
      expect(g.rationale.length).toBeGreaterThan(20);
      expect(hosts, `${g.domain} is the host of no demo document`).toContain(g.domain);
    }
  });

  it('leave some sources ungraded, so the F default shows', () => {
    const ungraded = hosts.filter((h) => !grades.some((g) => g.domain === h));
    expect(ungraded.length).toBeGreaterThanOrEqual(1);
  });
});

// ---- claims ----------------------------------------------------------------------------------------

interface DemoActor {
  name: string;
  code: string;
  role: string;
}
interface DemoClaim {
  document: string;
  quote: string;
  speaker: { name: string; code: string } | null;
  stance: string;
  negated: boolean;
  hypothetical: boolean;
  cameo: string | null;
  plover: { type: string; mode: string | null } | null;
  actors: DemoActor[];
  place: {
    name: string;
    level: string;
    country: string | null;
    admin1: string | null;
    lat: number;
    lon: number;
  } | null;
  time: { start: string; end: string; precision: string } | null;
  quantities: { value: number; unit: string; approximate: boolean; text: string }[];
}

const claimsFile = readJson(new URL('claims.json', demoDir)) as { note: string; claims: DemoClaim[] };
const claims = claimsFile.claims;
const where = (c: DemoClaim) => `${c.document}: "${c.quote.slice(0, 40)}…"`;

const cameoCodes = new Set(
  readText(new URL('gdelt/lookups/CAMEO.eventcodes.txt', dataDir))
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0]?.trim())
    .filter((c): c is string => !!c),
);
const cameoToPlover = new Map(
  readText(new URL('codebook/cameo2plover_2021.derived.csv', dataDir))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([code, event]) => [code as string, event as string]),
);
const ontology = readJson(new URL('codebook/plover_ontology.derived.json', dataDir)) as {
  events: { event: string; modes: { mode: string }[] }[];
};
const modesOf = new Map(ontology.events.map((e) => [e.event, new Set(e.modes.map((m) => m.mode))]));
const admin1ByCode = new Map(
  (
    readJson(new URL('geo/ne_admin1_attributes.json', dataDir)) as {
      iso_3166_2: string;
      adm0_a3: string;
      latitude: number;
      longitude: number;
    }[]
  ).map((r) => [r.iso_3166_2, r]),
);
const countryPoints = new Map(
  (
    readJson(new URL('geo/ne_admin0_label_points.geojson', dataDir)) as {
      features: { properties: { adm0_a3: string }; geometry: { coordinates: [number, number] } }[];
    }
  ).features.map((f) => [f.properties.adm0_a3, f.geometry.coordinates]),
);

/** CAMEO-style actor code: a country (ISO-3) or `IGO`, then a three-letter agent or group code. */
function checkActorCode(code: string, context: string) {
  expect(code, context).toMatch(/^[A-Z]{6}$/);
  const country = code.slice(0, 3);
  expect(country === 'IGO' || countries.has(country), `${context}: ${code} has no known country`).toBe(true);
}

describe('demo claims', () => {
  it('say plainly that they are hand-coded demo data', () => {
    expect(claimsFile.note).toMatch(/hand-coded/i);
    expect(claimsFile.note).toMatch(/demo/i);
  });

  it('cover every document with 2 to 6 claims and name only existing documents', () => {
    const perDoc = new Map<string, number>();
    for (const c of claims) {
      expect(docByFile.has(c.document), `unknown document ${c.document}`).toBe(true);
      perDoc.set(c.document, (perDoc.get(c.document) ?? 0) + 1);
    }
    for (const f of docFiles) {
      const n = perDoc.get(f) ?? 0;
      expect(n, `${f} has ${n} claims`).toBeGreaterThanOrEqual(2);
      expect(n, `${f} has ${n} claims`).toBeLessThanOrEqual(6);
    }
  });

  it('quote text that occurs exactly once in the document body', () => {
    for (const c of claims) {
      const body = docByFile.get(c.document)?.document.text ?? '';
      const first = body.indexOf(c.quote);
      expect(first, `${where(c)} not found in the body`).toBeGreaterThanOrEqual(0);
      expect(body.indexOf(c.quote, first + 1), `${where(c)} occurs more than once`).toBe(-1);
    }
  });

  it('use the stances, PLOVER types and modes, CAMEO codes and actor codes of the codebooks', () => {
    for (const c of claims) {
      const w = where(c);
      expect(STANCES as readonly string[], w).toContain(c.stance);
      expect(typeof c.negated, w).toBe('boolean');
      expect(typeof c.hypothetical, w).toBe('boolean');
      if (c.speaker) {
        expect(c.speaker.name.trim(), w).not.toBe('');
        checkActorCode(c.speaker.code, w);
      }
      if (c.plover) {
        expect(PLOVER_TYPES as readonly string[], w).toContain(c.plover.type);
        if (c.plover.mode !== null) expect(modesOf.get(c.plover.type), w).toContain(c.plover.mode);
      }
      if (c.cameo !== null) {
        expect(cameoCodes, w).toContain(c.cameo);
        const mapped = cameoToPlover.get(c.cameo);
        if (mapped && c.plover) expect(c.plover.type, `${w}: CAMEO ${c.cameo} maps to ${mapped}`).toBe(mapped);
      }
      expect(c.actors.length, w).toBeGreaterThan(0);
      for (const a of c.actors) {
        checkActorCode(a.code, w);
        expect(FRAME_ROLES as readonly string[], w).toContain(a.role);
      }
    }
  });

  it('place claims at gazetteer entries with their coordinates', () => {
    for (const c of claims) {
      if (!c.place) continue;
      const w = where(c);
      const p = c.place;
      expect(PLACE_LEVELS as readonly string[], w).toContain(p.level);
      if (p.admin1) {
        const row = admin1ByCode.get(p.admin1);
        expect(row, `${w}: unknown admin-1 ${p.admin1}`).toBeDefined();
        expect(p.country, w).toBe(row?.adm0_a3);
        expect([p.lat, p.lon], w).toEqual([row?.latitude, row?.longitude]);
      } else {
        expect(p.level, w).toBe('country');
        const point = countryPoints.get(p.country ?? '');
        expect(point, `${w}: unknown country ${p.country}`).toBeDefined();
        expect([p.lon, p.lat], w).toEqual(point);
      }
    }
  });

  it('give times as day spans with a precision that matches them', () => {
    for (const c of claims) {
      if (!c.time) continue;
      const w = where(c);
      const t = c.time;
      expect(isIsoDate(t.start) && isIsoDate(t.end), w).toBe(true);
      expect(t.start <= t.end, w).toBe(true);
      expect(TIME_PRECISIONS as readonly string[], w).toContain(t.precision);
      if (t.precision === 'day') expect(t.end, w).toBe(t.start);
      if (isIsoDate(t.start) && (t.precision === 'month' || t.precision === 'year')) {
        expect(spanFor(t.start, t.precision), w).toEqual(t);
      }
    }
  });

  it('keep the words each quantity came from', () => {
    for (const c of claims) {
      for (const q of c.quantities) {
        expect(Number.isFinite(q.value) && q.value > 0, where(c)).toBe(true);
        expect(q.unit.trim(), where(c)).not.toBe('');
        expect(c.quote, `${where(c)}: quantity text "${q.text}"`).toContain(q.text);
      }
    }
  });
});

// ---- clustering ------------------------------------------------------------------------------------

/** What a hand-coder means by "the same frame": act, actors by role, and place. */
function frameKey(frame: Claim['frame']): string {
  const ids = (role: string) =>
    frame.actors
      .filter((a) => a.role === role)
      .map((a) => a.id)
      .sort()
      .join('+');
  return `${frame.plover?.type ?? frame.cameo}|${ids('source')}|${ids('target')}|${frame.place?.admin1 ?? frame.place?.country ?? ''}`;
}

describe('demo claims as events', () => {
  const documentFiles = new Map<DocumentId, string>(docs.map((d) => [d.document.id, d.file]));
  const extractor = createFixtureExtractor(
    claims as FixtureClaim[],
    documentFiles,
    loadCameoCodebook(fileURLToPath(dataDir)),
  );
  const byDocument = new Map<string, Document>(docs.map((d) => [d.document.id, d.document]));
  // Built on first use, so a bad fixture fails the tests that need it with the extractor's message
  // instead of stopping the whole file from loading.
  let cache: { built: Claim[]; clusters: Claim[][] } | null = null;
  const replayed = () => {
    if (!cache) {
      const built = docs.flatMap((d) => extractor.extract(d.document).claims);
      cache = { built, clusters: clusterClaims(built) };
    }
    return cache;
  };
  const fileOf = (c: Claim) => documentFiles.get(c.documentId);

  it('replay every hand-coded claim, labelled as demo fixtures', () => {
    const { built } = replayed();
    expect(built.length).toBe(claims.length);
    for (const c of built) {
      expect(c.extractor).toBe('demo-fixture');
      expect(byDocument.get(c.documentId)?.text.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it('cluster into one event per frame: same act, actors and place at overlapping times', () => {
    const clustersPerKey = new Map<string, number>();
    for (const cluster of replayed().clusters) {
      const key = frameKey((cluster[0] as Claim).frame);
      clustersPerKey.set(key, (clustersPerKey.get(key) ?? 0) + 1);
    }
    const split = [...clustersPerKey].filter(([, n]) => n > 1);
    expect(split, 'frames whose claims fall apart in time').toEqual([]);
  });

  it('tell the case: the treaty, the deployment to Russia and to Kursk and the first clashes each have several documents', () => {
    const docsOf = (plover: string, source: string, admin1OrCountry: string) => {
      const cluster = replayed().clusters.find((cl) => {
        const f = (cl[0] as Claim).frame;
        return (
          f.plover?.type === plover &&
          f.actors.some((a) => a.role === 'source' && a.code === source) &&
          (f.place?.admin1 ?? f.place?.country) === admin1OrCountry
        );
      });
      return new Set((cluster ?? []).map(fileOf));
    };
    expect(docsOf('SUPPORT', 'RUSGOV', 'KP-01').size).toBeGreaterThanOrEqual(2);
    expect(docsOf('MOBILIZE', 'PRKMIL', 'RUS').size).toBeGreaterThanOrEqual(5);
    expect(docsOf('MOBILIZE', 'PRKMIL', 'RU-KRS').size).toBeGreaterThanOrEqual(5);
    expect(docsOf('ASSAULT', 'PRKMIL', 'RU-KRS').size).toBeGreaterThanOrEqual(3);
  });

  it('attach every denial to an event that someone else asserts', () => {
    for (const cluster of replayed().clusters) {
      if (!cluster.some((c) => c.stance === 'denies')) continue;
      expect(
        cluster.some((c) => c.stance !== 'denies'),
        `a denial stands alone: ${cluster.map((c) => c.quote).join(' | ')}`,
      ).toBe(true);
    }
  });
});
