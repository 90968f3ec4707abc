// Checks the demo workspace's data (data/demo) through the same path `parallax demo` takes: the
// documents are read by the product's Markdown reader and their claims extracted by the product's
// extractor, then clustered with the core's reference clustering. The checks hold the documents,
// grades and extracted claims to the codebooks and the gazetteer. The demo is the first thing a
// newcomer sees, so its data must not rot.
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
import { createExtractor } from '../extractor.ts';
import { ReferenceData } from '../reference-data.ts';

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

// ---- extracted claims -------------------------------------------------------------------------------

// The demo has no hand-written claims: the product's extractor reads them out of the documents, as
// `parallax demo` does. These checks hold its output to the codebooks and the gazetteer, and check
// that it still tells the case the documents were written around.

const admin1ByCode = new Map(
  (
    readJson(new URL('geo/ne_admin1_attributes.json', dataDir)) as { iso_3166_2: string; cc_dejure: string | null }[]
  ).map((r) => [r.iso_3166_2, r]),
);

describe('demo claims, extracted', () => {
  const reference = new ReferenceData(fileURLToPath(dataDir));
  const extractor = createExtractor(reference);
  const documentFiles = new Map<DocumentId, string>(docs.map((d) => [d.document.id, d.file]));
  const byDocument = new Map<string, Document>(docs.map((d) => [d.document.id, d.document]));
  // Extracted on first use (loading the extractor takes a second or two).
  let cache: { claims: Claim[]; clusters: Claim[][] } | null = null;
  const extracted = () => {
    if (!cache) {
      const claims = docs.flatMap((d) => extractor.extract(d.document).claims);
      cache = { claims, clusters: clusterClaims(claims) };
    }
    return cache;
  };
  const fileOf = (c: Claim) => documentFiles.get(c.documentId);

  it('finds claims in every document, each quoting its exact span and naming the extractor', () => {
    const { claims } = extracted();
    for (const f of docFiles)
      expect(
        claims.some((c) => fileOf(c) === f),
        `${f} has no claim`,
      ).toBe(true);
    for (const c of claims) {
      expect(byDocument.get(c.documentId)?.text.slice(c.start, c.end)).toBe(c.quote);
      expect(c.extractor).toBe(extractor.name);
    }
  });

  it('uses the codebooks and the gazetteer: CAMEO codes, PLOVER types, stances, ISO places, day spans', () => {
    for (const c of extracted().claims) {
      const w = `${fileOf(c)}: "${c.quote.slice(0, 50)}…"`;
      expect(STANCES as readonly string[], w).toContain(c.stance);
      if (c.frame.cameo)
        expect(reference.codebook.lookup(c.frame.cameo), `${w}: CAMEO ${c.frame.cameo}`).not.toBeNull();
      if (c.frame.plover) expect(PLOVER_TYPES as readonly string[], w).toContain(c.frame.plover.type);
      for (const a of c.frame.actors) {
        expect(FRAME_ROLES as readonly string[], w).toContain(a.role);
        expect(a.code ?? '', w).toMatch(/^(?:[A-Z]{3}|---)[A-Z]*$/);
      }
      const p = c.frame.place;
      if (p) {
        expect(PLACE_LEVELS as readonly string[], w).toContain(p.level);
        if (p.country) expect(countries.has(p.country) || p.country === 'PSE', w).toBe(true);
        if (p.admin1) expect(admin1ByCode.has(p.admin1), `${w}: unknown admin-1 ${p.admin1}`).toBe(true);
      }
      const t = c.frame.time;
      if (t) {
        expect(isIsoDate(t.start) && isIsoDate(t.end) && t.start <= t.end, w).toBe(true);
        expect(TIME_PRECISIONS as readonly string[], w).toContain(t.precision);
        if (t.precision === 'month' || t.precision === 'year') expect(spanFor(t.start, t.precision), w).toEqual(t);
      }
      for (const q of c.frame.quantities) expect(Number.isFinite(q.value) && q.value > 0, w).toBe(true);
    }
  });

  it('tells the case: the deployment to Russia and to the Kursk region each come from several documents', () => {
    // Clusters whose lead claim is a North Korean military deployment placed by the predicate; the
    // documents behind all their claims (claims placed only in Russia join the Kursk event they fit).
    const docsOf = (placed: (f: Claim['frame']) => boolean) =>
      new Set(
        extracted()
          .clusters.filter((cl) => {
            const f = (cl[0] as Claim).frame;
            return (
              f.plover?.type === 'MOBILIZE' &&
              f.actors.some((a) => a.role === 'source' && a.code === 'PRKMIL') &&
              placed(f)
            );
          })
          .flat()
          .map(fileOf),
      );
    expect(docsOf((f) => f.place?.country === 'RUS').size).toBeGreaterThanOrEqual(4);
    expect(docsOf((f) => f.place?.admin1 === 'RU-KRS').size).toBeGreaterThanOrEqual(3);
  });

  it("keeps the sources' disagreement on numbers and who said them", () => {
    const troops = extracted().claims.flatMap((c) =>
      c.frame.quantities.filter((q) => /troops|soldiers|personnel/.test(q.unit)).map((q) => q.value),
    );
    expect(new Set(troops).size).toBeGreaterThanOrEqual(3);
    expect(extracted().claims.filter((c) => c.speaker !== null).length).toBeGreaterThanOrEqual(20);
  });
});
