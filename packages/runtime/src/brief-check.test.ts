import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestDocuments, recorroborate } from '@parallax/app';
import { readDraft } from '@parallax/briefs';
import {
  type ActorRef,
  actorId,
  type Claim,
  claimId,
  type DocumentId,
  type EventFrame,
  type Extractor,
  emptyFrame,
  type IsoDate,
  type IsoDateTime,
  placeId,
} from '@parallax/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBriefDraft } from './brief-check.ts';
import { createFixtureExtractor, type FixtureClaim } from './demo/fixture-extractor.ts';
import { readDocumentFile } from './document-files.ts';
import { openWorkbench, type Workbench } from './workspace.ts';

const DATA = fileURLToPath(new URL('../../../data/brief-check/', import.meta.url));
const SEED = fileURLToPath(new URL('../../../../shared/seeds/000_4cede90a4ddf42e4.txt', import.meta.url));
const present = existsSync(SEED);
if (!present) console.warn(`skipping the seed fact-check test: ${SEED} is absent (../shared not mounted)`);
const clock = { now: () => '2024-12-01T00:00:00.000Z' as IsoDateTime };

const actor = (code: string, role: 'source' | 'target' | 'other') => ({
  id: actorId({ code, name: code }),
  name: code,
  code,
  role,
});

/**
 * Hand-built claims for the seed brief, so this test pins the fact check itself whatever the
 * extractor reads (brief-check-extractor.test.ts runs the real one end to end): each is anchored to
 * a short phrase found in the draft at run time (the brief's text is not copied here).
 */
function handCodedBriefExtractor(
  specs: { anchor: string; frame: Partial<EventFrame>; speaker?: ActorRef | null }[],
): Extractor {
  return {
    name: 'test-hand-coded',
    extract(input) {
      const claims: Claim[] = [];
      for (const s of specs) {
        const start = input.text.indexOf(s.anchor);
        if (start < 0) throw new Error(`anchor not found in the draft: ${s.anchor}`);
        const base: Omit<Claim, 'id'> = {
          documentId: input.id,
          start,
          end: start + s.anchor.length,
          quote: s.anchor,
          speaker: s.speaker ?? null,
          stance: 'asserts',
          negated: false,
          hypothetical: false,
          frame: { ...emptyFrame(), ...s.frame },
          extractor: 'test-hand-coded',
          dataset: null,
        };
        claims.push({ ...base, id: claimId(base) });
      }
      return { claims, actors: [], places: [] };
    },
  };
}

const day = (d: string) => ({ start: d as IsoDate, end: d as IsoDate, precision: 'day' as const });

let dir: string;
let wb: Workbench;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-brief-'));
  wb = await openWorkbench({ dir, create: true, clock });
  const files = readdirSync(join(DATA, 'documents')).sort();
  const read = files.map((f) => ({ file: f, ...readDocumentFile(join(DATA, 'documents', f), clock) }));
  const fixtures = (JSON.parse(readFileSync(join(DATA, 'claims.json'), 'utf8')) as { claims: FixtureClaim[] }).claims;
  const extractor = createFixtureExtractor(
    fixtures,
    new Map<DocumentId, string>(read.map((r) => [r.document.id, r.file])),
    wb.reference.codebook,
  );
  await ingestDocuments(
    { store: wb.store, clock, extractor },
    read.map((r) => ({ document: r.document, source: r.source })),
  );
  await recorroborate(wb);
});
afterAll(async () => {
  await wb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!present)('brief check of the first-case brief against a workspace that holds the facts', () => {
  it('flags the treaty date as contradicted and supports what the sources bear out', async () => {
    const draft = await readDraft({ name: 'seed.txt', bytes: readFileSync(SEED) });
    const kursk = {
      id: placeId({ gazetteerId: 'iso3166-2:RU-KRS', name: 'Kursk' }),
      name: 'Kursk',
      level: 'admin1' as const,
      country: 'RUS',
      admin1: 'RU-KRS',
      lat: 51.7358,
      lon: 36.2921,
    };
    const extractor = handCodedBriefExtractor([
      // line 11: the brief dates the signing June 18, 2024; the sources say 19 June
      {
        anchor: 'signed a treaty on a comprehensive strategic partnership',
        frame: {
          cameo: '057',
          plover: { type: 'SUPPORT', mode: null },
          actors: [actor('RUSGOV', 'source'), actor('PRKGOV', 'target')],
          time: day('2024-06-18'),
        },
      },
      // line 11: units deployed to the Kursk region (Rutte's words) — borne out
      {
        anchor: 'military units have been deployed to the Kursk region',
        frame: {
          cameo: '154',
          plover: { type: 'MOBILIZE', mode: 'troops' },
          actors: [actor('PRKMIL', 'source'), actor('RUSMIL', 'other')],
          place: kursk,
        },
      },
      // line 35: the High Representative's statement of October 30, 2024
      {
        anchor: 'denounced the deployment',
        frame: {
          cameo: '111',
          plover: { type: 'ACCUSE', mode: 'disapprove' },
          actors: [actor('IGOEEC', 'source'), actor('PRKGOV', 'target')],
          time: day('2024-10-30'),
        },
      },
      // line 47: Austin's meeting with his South Korean counterpart on October 30
      {
        anchor: 'discussion with his South Korean counterparts',
        frame: {
          cameo: '040',
          plover: { type: 'CONSULT', mode: null },
          actors: [actor('USAMIL', 'source'), actor('KORMIL', 'target')],
          time: day('2024-10-30'),
        },
      },
      // line 47: the United States' concern — nothing in this workspace reports it
      {
        anchor: 'expressed serious concern',
        frame: {
          cameo: '111',
          plover: { type: 'ACCUSE', mode: 'disapprove' },
          actors: [actor('USAGOV', 'source'), actor('PRKGOV', 'target')],
        },
      },
    ]);
    const report = await checkBriefDraft({ ...wb, extractor }, draft);
    expect(report.factCheck.extractor).toBe('test-hand-coded');
    expect(report.claims.map((c) => [c.line, c.verdict])).toEqual([
      [11, 'contradicted'],
      [11, 'supported'],
      [35, 'supported'],
      [47, 'unverified'],
      [47, 'supported'],
    ]);
    const treaty = report.claims[0];
    expect(treaty?.evidence?.conflicts.map((c) => c.kind)).toEqual(['date']);
    expect(treaty?.evidence?.conflicts[0]?.summary).toBe(
      "the draft dates it 2024-06-18; the workspace's sources date it 2024-06-19",
    );
    expect(treaty?.evidence?.conflicts[0]?.quotes.map((q) => q.publisher).sort()).toEqual([
      'President of Russia',
      'Yonhap News Agency',
    ]);
    const kurskCheck = report.claims[1];
    expect(kurskCheck?.evidence?.origins.map((o) => o.label)).toEqual(['NATO Secretary General Mark Rutte']);
    expect(kurskCheck?.evidence?.credibility).toBeGreaterThanOrEqual(1);

    // With the Reuters page in the workspace, the title–URL check is certain, not a hint.
    const titleUrl = report.citations.filter((f) => f.kind === 'title-url-mismatch');
    expect(titleUrl.map((f) => [f.line, f.severity])).toEqual([[89, 'error']]);
    expect(titleUrl[0]?.message).toContain('North Korea may seek Russian ICBM');
  });

  it('says so when no extractor is configured instead of reporting no claims', async () => {
    const draft = await readDraft({ name: 'seed.txt', bytes: readFileSync(SEED) });
    const report = await checkBriefDraft({ ...wb, extractor: null }, draft);
    expect(report.claims).toEqual([]);
    expect(report.factCheck).toEqual({
      extractor: null,
      note: 'no extractor is configured for this workspace, so claims were not checked against its events',
    });
    expect(report.citations.length).toBeGreaterThan(10);
  });
});
