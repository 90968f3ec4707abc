import {
  type Claim,
  claimId,
  type DocumentId,
  type EventFrame,
  type Extractor,
  emptyFrame,
  type IsoDate,
  type IsoDateTime,
} from '@parallax/core';
import {
  createMemoryStore,
  frameActor,
  placeRef,
  TEST_NOW,
  testActor,
  testClaim,
  testDocument,
  testPlace,
  testSource,
} from '@parallax/testkit';
import { describe, expect, it } from 'vitest';
import { checkBriefClaims } from './check-brief-claims.ts';
import { recorroborate } from './recorroborate.ts';

// A workspace and a draft written for this test: one claim per verdict and per kind of conflict.
const army = testActor('Northland army', 'NLDMIL');
const rebels = testActor('Southland rebels', 'SLDREB');
const ministry = testActor('Northland ministry', 'NLDGOV');
const riverton = testPlace('Riverton', 'NLD', 'NL-RV', 10, 10);
const hillbury = testPlace('Hillbury', 'NLD', 'NL-HB', 12, 12);
const day = (d: string) => ({ start: d as IsoDate, end: d as IsoDate, precision: 'day' as const });

function frame(f: Partial<EventFrame>): EventFrame {
  return { ...emptyFrame(), ...f };
}

const DRAFT = [
  'The army shelled rebel positions in Hillbury on 3 May.',
  'About 500 soldiers were sent to the front on 4 May.',
  'The ministry announced a curfew on 6 May.',
  'Talks with the rebels resumed on 9 May.',
  'The army struck a fuel depot on 10 May.',
].join('\n');

function draftExtractor(specs: { anchor: string; frame: EventFrame; negated?: boolean }[]): Extractor {
  return {
    name: 'test-draft',
    extract(input) {
      const claims: Claim[] = specs.map((s) => {
        const start = input.text.indexOf(s.anchor);
        const base: Omit<Claim, 'id'> = {
          documentId: input.id,
          start,
          end: start + s.anchor.length,
          quote: s.anchor,
          speaker: null,
          stance: 'asserts',
          negated: s.negated ?? false,
          hypothetical: false,
          frame: s.frame,
          extractor: 'test-draft',
          dataset: null,
        };
        return { ...base, id: claimId(base) };
      });
      return { claims, actors: [], places: [] };
    },
  };
}

async function workspace() {
  const store = createMemoryStore();
  const wire = testSource('Wire', { reliability: 'B', kind: 'wire-agency' });
  const paper = testSource('Paper', { reliability: 'C', kind: 'news-outlet' });
  const ministrySite = testSource('Ministry', { reliability: 'C', kind: 'government', country: 'NLD' });
  const d1 = testDocument('Shelling reported in Riverton', { sourceId: wire.id, published: TEST_NOW });
  const d2 = testDocument('Paper on the shelling', { sourceId: paper.id, published: TEST_NOW });
  const d3 = testDocument('Ministry denies depot strike', { sourceId: ministrySite.id, published: TEST_NOW });
  const claim = (doc: DocumentId, quote: string, f: EventFrame, extra: Partial<Claim> = {}) =>
    testClaim({ documentId: doc, quote, frame: f, ...extra });
  const shelling = frame({
    plover: { type: 'ASSAULT', mode: null },
    actors: [frameActor(army, 'source'), frameActor(rebels, 'target')],
    place: placeRef(riverton),
    time: day('2024-05-03'),
  });
  const troops = (n: number) =>
    frame({
      plover: { type: 'MOBILIZE', mode: 'troops' },
      actors: [frameActor(army, 'source')],
      time: day('2024-05-04'),
      quantities: [{ value: n, unit: 'troops', approximate: true, text: `about ${n}` }],
    });
  const talks = frame({
    plover: { type: 'CONSULT', mode: null },
    quadClass: 1,
    actors: [frameActor(ministry, 'source'), frameActor(rebels, 'target')],
    place: placeRef(riverton),
    time: day('2024-05-09'),
  });
  const depot = frame({
    plover: { type: 'ASSAULT', mode: null },
    actors: [frameActor(army, 'source'), frameActor(rebels, 'target')],
    time: day('2024-05-10'),
  });
  await store.apply({
    sources: [wire, paper, ministrySite],
    documents: [d1, d2, d3],
    actors: [army, rebels, ministry],
    places: [riverton, hillbury],
    claims: [
      claim(d1.id, 'shelling in Riverton', shelling),
      claim(d2.id, 'Riverton was shelled', shelling, { start: 20, end: 40 }),
      claim(d1.id, 'some 3,000 soldiers', troops(3000), { start: 50, end: 60 }),
      claim(d2.id, 'talks resumed', talks, { start: 70, end: 80 }),
      claim(d1.id, 'the depot was not hit', depot, {
        start: 30,
        end: 40,
        stance: 'denies',
        speaker: { id: ministry.id, name: ministry.name, code: 'NLDGOV' },
      }),
    ],
  });
  await recorroborate({ store, clock: { now: () => TEST_NOW } });
  return store;
}

describe('checkBriefClaims', () => {
  it('judges each draft claim supported, contradicted or unverified, naming the conflicting evidence', async () => {
    const store = await workspace();
    const extractor = draftExtractor([
      {
        anchor: 'shelled rebel positions in Hillbury on 3 May',
        frame: frame({
          plover: { type: 'ASSAULT', mode: null },
          actors: [frameActor(army, 'source'), frameActor(rebels, 'target')],
          place: placeRef(hillbury),
          time: day('2024-05-03'),
        }),
      },
      {
        anchor: 'About 500 soldiers were sent',
        frame: frame({
          plover: { type: 'MOBILIZE', mode: 'troops' },
          actors: [frameActor(army, 'source')],
          time: day('2024-05-04'),
          quantities: [{ value: 500, unit: 'troops', approximate: true, text: 'About 500' }],
        }),
      },
      {
        anchor: 'announced a curfew',
        frame: frame({
          plover: { type: 'COERCE', mode: null },
          actors: [frameActor(ministry, 'source')],
          time: day('2024-05-06'),
        }),
      },
      {
        anchor: 'Talks with the rebels resumed',
        frame: frame({
          plover: { type: 'CONSULT', mode: null },
          actors: [frameActor(ministry, 'source'), frameActor(rebels, 'target')],
          time: day('2024-05-09'),
        }),
      },
      {
        anchor: 'struck a fuel depot',
        frame: frame({
          plover: { type: 'ASSAULT', mode: null },
          actors: [frameActor(army, 'source'), frameActor(rebels, 'target')],
          time: day('2024-05-10'),
        }),
      },
    ]);
    const checks = await checkBriefClaims(
      { store, extractor },
      { name: 'draft.md', text: DRAFT, published: null, retrieved: TEST_NOW },
    );
    expect(checks.map((c) => [c.line, c.verdict, c.evidence?.conflicts.map((k) => k.kind) ?? []])).toEqual([
      [1, 'contradicted', ['place']],
      [2, 'contradicted', ['quantity']],
      [3, 'unverified', []],
      [4, 'supported', []],
      [5, 'contradicted', ['denial']],
    ]);
    expect(checks[0]?.evidence?.conflicts[0]?.summary).toBe(
      "the draft places it in Hillbury, NL-HB; the workspace's sources place it in Riverton, NL-RV",
    );
    expect(checks[1]?.evidence?.conflicts[0]?.summary).toContain('3,000 troops');
    expect(checks[3]?.evidence?.supporting.map((q) => q.title)).toEqual(['Paper on the shelling']);
    expect(checks[4]?.evidence?.conflicts[0]?.quotes.map((q) => q.speaker)).toEqual(['Northland ministry']);
  });

  it('does not hold the draft’s own date against a claim the extractor dated by default', async () => {
    const store = await workspace();
    const talks = (d: string) =>
      draftExtractor([
        {
          anchor: 'Talks with the rebels resumed',
          frame: frame({
            plover: { type: 'CONSULT', mode: null },
            actors: [frameActor(ministry, 'source'), frameActor(rebels, 'target')],
            time: day(d),
          }),
        },
      ]);
    const published = '2024-05-30T00:00:00.000Z' as IsoDateTime;
    const input = { name: 'd', text: DRAFT, published, retrieved: TEST_NOW };
    expect((await checkBriefClaims({ store, extractor: talks('2024-05-30') }, input))[0]?.verdict).toBe('supported');
    // A date the draft states (here wrong by 20 days) is another happening, not a default.
    expect((await checkBriefClaims({ store, extractor: talks('2024-05-29') }, input))[0]?.verdict).toBe('unverified');
  });

  it('does not set where a statement was placed against the draft’s place for it', async () => {
    const store = await workspace();
    const talksIn = (place: typeof hillbury) =>
      draftExtractor([
        {
          anchor: 'Talks with the rebels resumed',
          frame: frame({
            plover: { type: 'CONSULT', mode: null },
            quadClass: 1,
            actors: [frameActor(ministry, 'source'), frameActor(rebels, 'target')],
            place: placeRef(place),
            time: day('2024-05-09'),
          }),
        },
      ]);
    const input = { name: 'd', text: DRAFT, published: null, retrieved: TEST_NOW };
    // Talks are words: one source places them where they were held, another where the fighting they
    // were about is. The shelling in the first test shows a material act's place is still checked.
    const [elsewhere] = await checkBriefClaims({ store, extractor: talksIn(hillbury) }, input);
    expect([elsewhere?.verdict, elsewhere?.evidence?.conflicts ?? []]).toEqual(['supported', []]);
    const [same] = await checkBriefClaims({ store, extractor: talksIn(riverton) }, input);
    expect(same?.verdict).toBe('supported');
  });

  it('matches actors by role unless every actor on both sides matches', async () => {
    const store = await workspace();
    const consult = (actors: EventFrame['actors']) =>
      draftExtractor([
        {
          anchor: 'Talks with the rebels resumed',
          frame: frame({ plover: { type: 'CONSULT', mode: null }, actors, time: day('2024-05-09') }),
        },
      ]);
    const input = { name: 'd', text: DRAFT, published: null, retrieved: TEST_NOW };
    // The rebels as the source of talks the ministry held with them: not the same act.
    expect(
      (await checkBriefClaims({ store, extractor: consult([frameActor(rebels, 'source')]) }, input))[0]?.verdict,
    ).toBe('unverified');
    // Both parties named, roles swapped ("the rebels and the ministry resumed talks"): the same act.
    expect(
      (
        await checkBriefClaims(
          { store, extractor: consult([frameActor(rebels, 'source'), frameActor(ministry, 'target')]) },
          input,
        )
      )[0]?.verdict,
    ).toBe('supported');
  });

  it('leaves hypotheticals and speculation to the language lint', async () => {
    const store = await workspace();
    const extractor: Extractor = {
      name: 'test-draft',
      extract(input) {
        const base: Omit<Claim, 'id'> = {
          documentId: input.id,
          start: 0,
          end: 5,
          quote: 'The army',
          speaker: null,
          stance: 'speculates',
          negated: false,
          hypothetical: true,
          frame: emptyFrame(),
          extractor: 'test-draft',
          dataset: null,
        };
        return { claims: [{ ...base, id: claimId(base) }], actors: [], places: [] };
      },
    };
    expect(
      await checkBriefClaims({ store, extractor }, { name: 'd', text: DRAFT, published: null, retrieved: TEST_NOW }),
    ).toEqual([]);
  });
});
