import {
  type Actor,
  type Claim,
  type ClaimId,
  type Document,
  type Event,
  emptyFrame,
  type IsoDate,
  type IsoDateTime,
  independentLineCount,
  type Place,
  type PloverType,
  quadClassOfPlover,
  type Source,
  type Store,
  type TimeSpan,
} from '@parallax/core';
import { createSqliteStore } from '@parallax/store-sqlite';
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
import { mergeEvents, splitEvent } from './decide-clusters.ts';
import { discreditSource, gradeSource } from './grade-source.ts';
import { recorroborate } from './recorroborate.ts';
import { retractDocument } from './retract-document.ts';

// A small made-up world: four states, their armies and ministries, two regions of one of them.
const ARL = testActor('Arland', 'ARL');
const ARL_MIL = testActor('Arland armed forces', 'ARLMIL');
const BOR_MIL = testActor('Borovia armed forces', 'BORMIL');
const BOR_GOV = testActor('Borovia government', 'BORGOV');
const CET_GOV = testActor('Cetia government', 'CETGOV');
const NORTH = testPlace('North March', 'BOR', 'BO-NM', 51.7, 36.2);
const SOUTH = testPlace('South March', 'BOR', 'BO-SM', 45.0, 39.0);
const BOROVIA = testPlace('Borovia', 'BOR', null, 55.0, 40.0);
const CLOCK = { now: () => TEST_NOW };

const wire = testSource('Wire Service', { kind: 'wire-agency', reliability: 'B' });
const portals = ['Portal One', 'Portal Two', 'Portal Three', 'Portal Four'].map((n) => testSource(n));
const cetiaMinistry = testSource('Cetia Defence Ministry', { kind: 'government', country: 'CET', reliability: 'B' });
const dravMinistry = testSource('Dravia Foreign Ministry', { kind: 'government', country: 'DRV', reliability: 'C' });
const arlandNews = testSource('Arland State News', { kind: 'wire-agency', country: 'ARL', reliability: 'E' });
const daily = testSource('Daily Courier', { kind: 'news-outlet', reliability: 'C' });

interface Say {
  quote: string;
  type?: PloverType;
  source?: Actor[];
  target?: Actor[];
  other?: Actor[];
  place?: Place | null;
  time?: TimeSpan | null;
  speaker?: { actor: Actor; name?: string } | null;
  stance?: Claim['stance'];
  hypothetical?: boolean;
  quantities?: [number, string][];
  dataset?: Claim['dataset'];
}

const day = (d: string): TimeSpan => ({ start: d as IsoDate, end: d as IsoDate, precision: 'day' });
const range = (a: string, b: string, precision: TimeSpan['precision'] = 'range'): TimeSpan => ({
  start: a as IsoDate,
  end: b as IsoDate,
  precision,
});
const OCTOBER = range('2031-10-01', '2031-10-31', 'month');

/** A deployment of Arland's army in Borovia's North March, the scenarios' usual happening. */
function deployment(quote: string, extra: Partial<Say> = {}): Say {
  return {
    quote,
    type: 'MOBILIZE',
    source: [ARL_MIL],
    other: [BOR_MIL],
    place: NORTH,
    time: day('2031-10-23'),
    ...extra,
  };
}

function report(
  title: string,
  source: Source,
  published: string,
  says: Say[],
  extra: Partial<Document> = {},
): { document: Document; claims: Claim[] } {
  const text = `${title}. ${says.map((s) => s.quote).join(' ')}`;
  const document = testDocument(title, {
    text,
    sourceId: source.id,
    publisher: source.name,
    url: `https://${source.domain}/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    published: published as IsoDateTime,
    ...extra,
  });
  const claims = says.map((s) => {
    const frame = emptyFrame();
    const type = s.type ?? 'MOBILIZE';
    frame.plover = { type, mode: null };
    frame.quadClass = quadClassOfPlover(type);
    frame.actors = [
      ...(s.source ?? []).map((a) => frameActor(a, 'source')),
      ...(s.target ?? []).map((a) => frameActor(a, 'target')),
      ...(s.other ?? []).map((a) => frameActor(a, 'other')),
    ];
    frame.place = s.place ? placeRef(s.place) : null;
    frame.time = s.time === undefined ? day('2031-10-23') : s.time;
    frame.quantities = (s.quantities ?? []).map(([value, unit]) => ({
      value,
      unit,
      approximate: false,
      text: `${value} ${unit}`,
    }));
    const start = text.indexOf(s.quote);
    return testClaim({
      documentId: document.id,
      start,
      end: start + s.quote.length,
      quote: s.quote,
      speaker: s.speaker
        ? {
            id: s.speaker.actor.id,
            name: s.speaker.name ?? s.speaker.actor.name,
            code: s.speaker.actor.codes[0] ?? null,
          }
        : null,
      stance: s.stance ?? 'asserts',
      hypothetical: s.hypothetical ?? false,
      frame,
      dataset: s.dataset ?? null,
    });
  });
  return { document, claims };
}

type Report = ReturnType<typeof report>;

async function workspace(store: Store = createMemoryStore()): Promise<Store> {
  await store.apply({
    sources: [wire, ...portals, cetiaMinistry, dravMinistry, arlandNews, daily],
    actors: [ARL, ARL_MIL, BOR_MIL, BOR_GOV, CET_GOV],
    places: [NORTH, SOUTH, BOROVIA],
  });
  // Grades go through their own change, as an analyst sets them.
  await store.apply({
    grades: [wire, cetiaMinistry, dravMinistry, arlandNews, daily].map((s) => ({
      sourceId: s.id,
      reliability: s.reliability,
      rationale: 'test grade',
    })),
  });
  return store;
}

/**
 * Stores reports one at a time, re-weighing after each as ingest does, and always through the
 * incremental path (a small workspace would otherwise take the full one).
 */
async function arrive(store: Store, reports: readonly Report[]): Promise<void> {
  for (const r of reports) {
    await store.apply({ documents: [r.document], claims: r.claims });
    const run = await recorroborate({ store, clock: CLOCK }, { claimIds: r.claims.map((c) => c.id), fullAbove: 1 });
    expect(run.mode).toBe('incremental');
  }
}

async function events(store: Store): Promise<Event[]> {
  return (await store.listEvents({}, { limit: 1000 })).items.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function eventOf(store: Store, claim: Claim): Promise<Event> {
  const [id] = await store.eventIdsForClaims([claim.id]);
  const e = id ? await store.getEvent(id) : null;
  if (!e) throw new Error(`no event holds ${claim.id}`);
  return e;
}

describe('corroboration scenarios', () => {
  it('five wire copies of one story do not raise credibility', async () => {
    const original = report('Arland troops cross into North March', wire, '2031-10-24T08:00:00Z', [
      deployment('Arland moved an armoured brigade into North March on Thursday.'),
    ]);
    const alone = await workspace();
    await arrive(alone, [original]);
    const single = await eventOf(alone, original.claims[0] as Claim);

    const store = await workspace();
    const copies = portals.map((p, i) =>
      report(`Copy ${i + 1}: Arland troops cross`, p, `2031-10-24T1${i}:00:00Z`, [
        deployment('Arland moved an armoured brigade into North March on Thursday.'),
      ]),
    );
    for (const c of copies) c.document.syndicatedFrom = original.document.id;
    await arrive(store, [original, ...copies]);
    const event = await eventOf(store, original.claims[0] as Claim);
    expect(event.claimIds).toHaveLength(5);
    expect(event.origins).toHaveLength(1);
    expect(event.credibility).toBe(single.credibility);
    expect(event.credibility).toBe(3);
    expect(event.status).toBe('reported');
    expect(event.rationale).toMatch(/4 further claims repeat an origin/);
  });

  it('two ministries of different states reporting independently confirm; two of one state do not', async () => {
    const cetia = report('Cetia statement', cetiaMinistry, '2031-10-24T09:00:00Z', [
      deployment('Our observers saw Arland forces enter North March on 23 October.'),
    ]);
    const dravia = report('Dravia statement', dravMinistry, '2031-10-25T09:00:00Z', [
      deployment('Dravia has evidence that Arland units entered North March on 23 October.'),
    ]);
    const store = await workspace();
    await arrive(store, [cetia, dravia]);
    const event = await eventOf(store, cetia.claims[0] as Claim);
    expect(event.claimIds).toHaveLength(2);
    expect(event.credibility).toBe(1);
    expect(event.status).toBe('confirmed');
    expect(event.rationale).toContain('Cetia Defence Ministry');
    expect(event.rationale).toContain('Dravia Foreign Ministry');

    // The same story from two offices of one state is one line of reporting.
    const other = await workspace();
    const army = testActor('Cetia army', 'CETMIL');
    const one = report('Cetia ministry', daily, '2031-10-24T09:00:00Z', [
      deployment('The Cetian ministry said Arland forces entered North March.', { speaker: { actor: CET_GOV } }),
    ]);
    const two = report('Cetia army', wire, '2031-10-24T10:00:00Z', [
      deployment('The Cetian army said Arland units were in North March.', { speaker: { actor: army } }),
    ]);
    await arrive(other, [one, two]);
    const same = await eventOf(other, one.claims[0] as Claim);
    expect(same.origins).toHaveLength(2);
    expect(new Set(same.origins.map((o) => o.lineage))).toEqual(new Set(['state:CET']));
    expect(same.credibility).toBe(3);
    expect(same.status).toBe('reported');

    // The count surfaces show agrees with the grade's rationale.
    const claimOf = (id: ClaimId) =>
      [...cetia.claims, ...dravia.claims, ...one.claims, ...two.claims].find((c) => c.id === id);
    expect(independentLineCount(event, claimOf)).toBe(2);
    expect(independentLineCount(same, claimOf)).toBe(1);
  });

  it('a denial by the accused party marks the event denied, and a later admission shows the change', async () => {
    const accusation = report('Cetia accuses', cetiaMinistry, '2031-10-24T09:00:00Z', [
      deployment('Arland troops are deployed in North March.'),
    ]);
    const denial = report('Arland denies', arlandNews, '2031-10-26T09:00:00Z', [
      deployment('Arland has no troops in North March, the foreign minister said.', {
        speaker: { actor: testActor('Arland government', 'ARLGOV'), name: 'Arland foreign minister' },
        stance: 'denies',
      }),
    ]);
    const store = await workspace();
    await arrive(store, [accusation, denial]);
    let event = await eventOf(store, accusation.claims[0] as Claim);
    expect(event.status).toBe('denied');
    const record = event.contradictions.find((c) => c.kind === 'denial');
    expect(record).toMatchObject({
      standing: true,
      againstClaimIds: [denial.claims[0]?.id],
      party: { lineage: 'state:ARL', interested: true },
      acknowledged: null,
    });

    const admission = report('Arland admits', arlandNews, '2032-04-28T09:00:00Z', [
      deployment('The Arland army confirmed its units had served in North March since October.', {
        speaker: { actor: ARL_MIL, name: 'Arland general staff' },
        stance: 'confirms',
        time: range('2031-10-23', '2032-04-26'),
      }),
    ]);
    await arrive(store, [admission]);
    event = await eventOf(store, accusation.claims[0] as Claim);
    expect(event.claimIds).toContain(admission.claims[0]?.id);
    const changed = event.contradictions.find((c) => c.kind === 'denial');
    expect(changed).toMatchObject({
      standing: false,
      againstClaimIds: [denial.claims[0]?.id],
      acknowledged: { at: '2032-04-28T09:00:00Z', claimIds: [admission.claims[0]?.id] },
    });
    expect(changed?.summary).toMatch(
      /Denied by Arland foreign minister .* on 2031-10-26; acknowledged by Arland general staff on 2032-04-28/,
    );
    expect(event.status).not.toBe('denied');
  });

  it('a broad denial also bears on the more precise event it covers', async () => {
    const precise = report('Cetia sighting', cetiaMinistry, '2031-10-24T09:00:00Z', [
      deployment('Arland troops reached North March on 23 October.'),
    ]);
    const early = report('Dravia early report', dravMinistry, '2031-10-12T09:00:00Z', [
      deployment('Arland troops arrived in Borovia between 8 and 12 October.', {
        place: BOROVIA,
        time: range('2031-10-08', '2031-10-12'),
      }),
    ]);
    const denial = report('Borovia denies', daily, '2031-10-26T09:00:00Z', [
      deployment('No Arland soldiers were in Borovia in October, Borovia said.', {
        place: BOROVIA,
        time: OCTOBER,
        speaker: { actor: BOR_GOV },
        stance: 'denies',
      }),
    ]);
    const store = await workspace();
    await arrive(store, [precise, early, denial]);
    const inBorovia = await eventOf(store, early.claims[0] as Claim);
    const inNorth = await eventOf(store, precise.claims[0] as Claim);
    expect(inBorovia.id).not.toBe(inNorth.id);
    expect(inBorovia.claimIds).toContain(denial.claims[0]?.id);
    expect(inNorth.claimIds).not.toContain(denial.claims[0]?.id);
    expect(inNorth.contradictions.find((c) => c.kind === 'denial')?.againstClaimIds).toEqual([denial.claims[0]?.id]);
  });

  it('conflicting troop numbers become a contradiction kept as a range; figures for successive periods do not', async () => {
    const a = report('Cetia count', cetiaMinistry, '2031-11-01T09:00:00Z', [
      deployment('About 10,000 Arland troops were in North March in October.', {
        time: OCTOBER,
        quantities: [[10000, 'troops']],
      }),
      deployment('The first 1,500 arrived in the first days.', {
        time: range('2031-10-01', '2031-10-05'),
        quantities: [[1500, 'troops']],
      }),
    ]);
    const b = report('Dravia count', dravMinistry, '2031-11-02T09:00:00Z', [
      deployment('Dravia puts the Arland force in North March at 12,000 soldiers in October.', {
        time: OCTOBER,
        quantities: [[12000, 'soldiers']],
      }),
    ]);
    const store = await workspace();
    await arrive(store, [a, b]);
    const event = await eventOf(store, a.claims[1] as Claim);
    expect(event.claimIds).toHaveLength(3);
    const quantity = event.contradictions.filter((c) => c.kind === 'quantity');
    expect(quantity).toHaveLength(1);
    expect(quantity[0]?.figures).toEqual({
      unit: 'troops',
      low: 10000,
      high: 12000,
      values: [
        { value: 10000, by: ['Cetia Defence Ministry'], claimIds: [a.claims[0]?.id] },
        { value: 12000, by: ['Dravia Foreign Ministry'], claimIds: [b.claims[0]?.id] },
      ],
    });
    expect(event.status).toBe('confirmed');
    expect(event.rationale).toMatch(/stages rather than a contradiction — troops: 1,500 \(2031-10-01…2031-10-05/);

    // One line giving a first figure and a total is a build-up, never a contradiction.
    const staged = await workspace();
    await arrive(staged, [a]);
    expect((await eventOf(staged, a.claims[0] as Claim)).contradictions).toEqual([]);
  });

  it('outlets quoting one speaker share that speaker as their origin', async () => {
    const quoted = { speaker: { actor: CET_GOV, name: 'Cetia defence minister' } };
    const one = report('Minister speaks', portals[0] as Source, '2031-10-24T09:00:00Z', [
      deployment('Arland troops are in North March, the Cetian defence minister said.', quoted),
    ]);
    const two = report('Minister quoted', portals[1] as Source, '2031-10-24T11:00:00Z', [
      deployment('The Cetian defence minister told reporters Arland units had entered North March.', quoted),
    ]);
    const store = await workspace();
    await arrive(store, [one, two]);
    const event = await eventOf(store, one.claims[0] as Claim);
    expect(event.claimIds).toHaveLength(2);
    expect(event.origins).toHaveLength(1);
    expect(event.origins[0]).toMatchObject({ kind: 'speaker', actorId: CET_GOV.id });
    expect(event.origins[0]?.documentIds).toHaveLength(2);
    expect(event.status).toBe('reported');
  });

  it('coded rows from two different articles corroborate, but cannot confirm on their own', async () => {
    const gdelt = testSource('GDELT Project', { kind: 'dataset' });
    const row = (id: string, url: string): Say => ({
      quote: `row ${id}`,
      type: 'MOBILIZE',
      source: [ARL],
      place: NORTH,
      dataset: { dataset: 'gdelt', recordId: id, url },
    });
    const file = report('GDELT export', gdelt, '2031-10-24T00:15:00Z', [
      row('1', 'https://portal-one.example/a'),
      row('2', 'https://portal-two.example/b'),
    ]);
    const store = await workspace();
    await store.apply({ sources: [gdelt] });
    await arrive(store, [file]);
    const event = await eventOf(store, file.claims[0] as Claim);
    expect(new Set(event.origins.map((o) => o.lineage)).size).toBe(2);
    expect(event.credibility).toBe(2);
    expect(event.status).toBe('corroborated');
    expect(event.rationale).toMatch(/coded dataset rows/);
  });

  it('different lines naming different regions stand as a place contradiction: disputed', async () => {
    const north = report('Cetia place', portals[0] as Source, '2031-10-24T09:00:00Z', [
      deployment('Arland forces are in North March.'),
    ]);
    const south = report('Dravia place', portals[1] as Source, '2031-10-24T10:00:00Z', [
      deployment('Arland forces are in South March.', { place: SOUTH }),
    ]);
    const country = report('Wire place', daily, '2031-10-24T11:00:00Z', [
      deployment('Arland forces are somewhere in Borovia.', { place: BOROVIA, stance: 'speculates' }),
    ]);
    const store = await workspace();
    await arrive(store, [north, south, country]);
    const event = await eventOf(store, north.claims[0] as Claim);
    expect(event.claimIds).toHaveLength(3);
    const place = event.contradictions.find((c) => c.kind === 'place');
    expect(place).toMatchObject({ standing: true });
    expect(place?.summary).toBe('places differ: North March (Portal One); South March (Portal Two)');
    // Two lines that disagree on where have not confirmed one happening.
    expect(event.credibility).toBe(2);
    expect(event.status).toBe('disputed');
    expect(event.rationale).toMatch(/disagree on when or where/);
  });

  it('a statement placed in different regions by different lines is no place contradiction', async () => {
    // Where an accusation is placed is where it was made or what it was about; both lines report the same words.
    const accusation = (quote: string, place: Place): Say => ({
      quote,
      type: 'ACCUSE',
      source: [ARL_MIL],
      target: [BOR_MIL],
      place,
    });
    const north = report('Cetia words', portals[0] as Source, '2031-10-24T09:00:00Z', [
      accusation('Arland forces accused Borovia in North March.', NORTH),
    ]);
    const south = report('Dravia words', portals[1] as Source, '2031-10-24T10:00:00Z', [
      accusation('Arland forces accused Borovia over South March.', SOUTH),
    ]);
    const country = report('Wire words', daily, '2031-10-24T11:00:00Z', [
      accusation('Arland forces accused Borovia.', BOROVIA),
    ]);
    const store = await workspace();
    await arrive(store, [north, south, country]);
    const event = await eventOf(store, north.claims[0] as Claim);
    expect(event.claimIds).toHaveLength(3);
    expect(event.contradictions.filter((c) => c.kind === 'place')).toEqual([]);
    expect(event.status).not.toBe('disputed');
  });

  it('different lines putting the happening days apart stand as a date contradiction', async () => {
    const early = report('Cetia date', cetiaMinistry, '2031-10-30T09:00:00Z', [
      deployment('Arland forces entered North March on 23 October.', { time: day('2031-10-23') }),
    ]);
    const middle = report('Wire date', wire, '2031-10-30T09:30:00Z', [
      deployment('Arland forces entered North March on 24 October.', { time: day('2031-10-24') }),
    ]);
    const late = report('Dravia date', dravMinistry, '2031-10-30T10:00:00Z', [
      deployment('Arland forces entered North March on 25 October.', { time: day('2031-10-25') }),
    ]);
    const store = await workspace();
    await arrive(store, [early, middle, late]);
    const event = await eventOf(store, early.claims[0] as Claim);
    expect(event.claimIds).toHaveLength(3);
    const date = event.contradictions.find((c) => c.kind === 'date');
    expect(date?.summary).toBe(
      'dates differ: 2031-10-23 (Cetia Defence Ministry); 2031-10-24 (Wire Service); 2031-10-25 (Dravia Foreign Ministry)',
    );
    expect(event.status).toBe('disputed');
    expect(event.credibility).toBe(2);

    // A day apart is the usual slack (time zones, "yesterday"), not a contradiction.
    const close = await workspace();
    await arrive(close, [early, middle]);
    const agreed = await eventOf(close, early.claims[0] as Claim);
    expect(agreed.contradictions).toEqual([]);
    expect(agreed.status).toBe('confirmed');
  });

  it('a retraction lowers the credibility of exactly the affected events, and says which', async () => {
    const first = report('Cetia on the north', cetiaMinistry, '2031-10-24T09:00:00Z', [
      deployment('Arland forces are in North March.'),
    ]);
    const second = report('Dravia on the north', dravMinistry, '2031-10-25T09:00:00Z', [
      deployment('Arland units entered North March.'),
    ]);
    const south = (src: Source, title: string) =>
      report(title, src, '2031-10-25T12:00:00Z', [
        deployment('Arland artillery struck South March.', {
          type: 'ASSAULT',
          source: [ARL_MIL],
          target: [BOR_MIL],
          other: [],
          place: SOUTH,
        }),
      ]);
    const s1 = south(cetiaMinistry, 'Cetia on the south');
    const s2 = south(dravMinistry, 'Dravia on the south');
    const store = await workspace();
    await arrive(store, [first, second, s1, s2]);
    const northBefore = await eventOf(store, first.claims[0] as Claim);
    const southBefore = await eventOf(store, s1.claims[0] as Claim);
    expect([northBefore.credibility, southBefore.credibility]).toEqual([1, 1]);

    const result = await retractDocument({ store, clock: CLOCK }, second.document.id, 'The ministry withdrew it');
    expect(result.events.changes.map((c) => c.after?.id)).toEqual([northBefore.id]);
    expect(result.events.changes[0]).toMatchObject({ before: { credibility: 1 }, after: { credibility: 3 } });
    const northAfter = await eventOf(store, first.claims[0] as Claim);
    expect(northAfter.credibility).toBe(3);
    expect(northAfter.rationale).toMatch(/Excluded: 1 claim, document retracted \(The ministry withdrew it\)/);
    expect(await eventOf(store, s1.claims[0] as Claim)).toEqual(southBefore);

    // Discrediting a source works the same way, through every document it published.
    const discredited = await discreditSource(
      { store, clock: CLOCK },
      cetiaMinistry.domain as string,
      'Forged imagery',
    );
    expect(discredited.events.changes.map((c) => c.after?.id).sort()).toEqual([northBefore.id, southBefore.id].sort());
    expect((await eventOf(store, s1.claims[0] as Claim)).credibility).toBe(3);
  });

  it('coded dataset rows: one article is one origin, and a lead is corroborated by a document', async () => {
    const gdelt = testSource('GDELT Project', { kind: 'dataset' });
    const row = (id: string, url: string) => ({
      quote: `row ${id}`,
      type: 'MOBILIZE' as const,
      source: [ARL],
      other: [],
      target: [],
      place: NORTH,
      dataset: { dataset: 'gdelt', recordId: id, url },
    });
    const file = report('GDELT export', gdelt, '2031-10-24T00:15:00Z', [
      row('1', 'https://daily-courier.example/story-1'),
      row('2', 'https://daily-courier.example/story-1'),
      row('3', 'https://www.daily-courier.example/story-1'),
    ]);
    const store = await workspace();
    await store.apply({ sources: [gdelt] });
    await arrive(store, [file]);
    let lead = await eventOf(store, file.claims[0] as Claim);
    expect(lead.claimIds).toHaveLength(3);
    expect(lead.origins.filter((o) => o.kind === 'dataset-article')).toHaveLength(2);
    expect(new Set(lead.origins.map((o) => o.lineage)).size).toBe(1);
    // The cited outlet is graded C, so the lead is a single judged line.
    expect(lead.credibility).toBe(3);

    const doc = report('Cetia statement', cetiaMinistry, '2031-10-24T09:00:00Z', [
      deployment('Arland forces entered North March.', { source: [ARL_MIL], other: [] }),
    ]);
    await arrive(store, [doc]);
    lead = await eventOf(store, file.claims[0] as Claim);
    expect(lead.claimIds).toContain(doc.claims[0]?.id);
    expect(lead.credibility).toBe(1);
  });

  it('arrival order does not change the result, and incremental runs equal a full one', async () => {
    const reports = [
      report('R1', cetiaMinistry, '2031-10-24T09:00:00Z', [
        deployment('Arland troops reached North March on 23 October.'),
        deployment('Some 10,000 in all in October.', { time: OCTOBER, quantities: [[10000, 'troops']] }),
      ]),
      report('R2', dravMinistry, '2031-10-25T09:00:00Z', [
        deployment('Arland units were seen in North March on 24 October.', { time: day('2031-10-24') }),
        deployment('12,000 troops in October.', { time: OCTOBER, quantities: [[12000, 'troops']] }),
      ]),
      report('R3', arlandNews, '2031-10-26T09:00:00Z', [
        deployment('No Arland troops are in Borovia.', {
          place: BOROVIA,
          time: OCTOBER,
          stance: 'denies',
          speaker: { actor: testActor('Arland government', 'ARLGOV') },
        }),
      ]),
      report('R4', wire, '2031-10-27T09:00:00Z', [
        deployment('Arland shelled South March on 26 October.', {
          type: 'ASSAULT',
          target: [BOR_MIL],
          other: [],
          place: SOUTH,
          time: day('2031-10-26'),
        }),
        deployment('Arland moved reserves to Borovia in early October.', {
          place: BOROVIA,
          time: range('2031-10-02', '2031-10-06'),
        }),
      ]),
      report('R5', daily, '2031-10-28T09:00:00Z', [
        deployment('Shelling of South March continued on 27 October.', {
          type: 'ASSAULT',
          target: [BOR_MIL],
          other: [],
          place: SOUTH,
          time: day('2031-10-27'),
        }),
        deployment('Analysts doubt the force could be that large.', { time: OCTOBER, hypothetical: true }),
      ]),
    ];
    const full = await workspace();
    for (const r of reports) await full.apply({ documents: [r.document], claims: r.claims });
    const summary = await recorroborate({ store: full, clock: CLOCK });
    expect(summary.mode).toBe('full');
    const expected = await events(full);
    expect(expected.length).toBeGreaterThanOrEqual(3);

    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 6; round++) {
      const order = [...reports].sort(() => random() - 0.5);
      const store = await workspace();
      await arrive(store, order);
      expect(await events(store), `order ${order.map((r) => r.document.title).join(',')}`).toEqual(expected);
    }
    // Claims arriving one by one, out of document order.
    const claims = reports.flatMap((r) => r.claims.map((c) => ({ r, c }))).reverse();
    const store = await workspace();
    await store.apply({ documents: reports.map((r) => r.document) });
    for (const { c } of claims) {
      await store.apply({ claims: [c] });
      await recorroborate({ store, clock: CLOCK }, { claimIds: [c.id], fullAbove: 1 });
    }
    expect(await events(store)).toEqual(expected);
  });

  it('manual merges and splits hold when later claims arrive', async () => {
    const north = report('North', cetiaMinistry, '2031-10-24T09:00:00Z', [
      deployment('Arland troops are in North March.'),
    ]);
    const south = report('South', dravMinistry, '2031-10-24T10:00:00Z', [
      deployment('Arland troops are in South March.', { place: SOUTH }),
    ]);
    const store = await workspace();
    await arrive(store, [north, south]);
    const a = await eventOf(store, north.claims[0] as Claim);
    const b = await eventOf(store, south.claims[0] as Claim);
    expect(a.id).not.toBe(b.id);
    const merged = await mergeEvents({ store, clock: CLOCK }, [a.id, b.id], 'One operation across both regions');
    expect(merged.eventIds).toHaveLength(1);
    const later = report('Later', daily, '2031-10-25T09:00:00Z', [
      deployment('More Arland troops arrived in South March.', { place: SOUTH, time: day('2031-10-24') }),
    ]);
    await arrive(store, [later]);
    const joined = await eventOf(store, later.claims[0] as Claim);
    expect(joined.claimIds).toEqual(expect.arrayContaining([north.claims[0]?.id, south.claims[0]?.id]));

    const split = await splitEvent(
      { store, clock: CLOCK },
      joined.id,
      [north.claims[0]?.id as string],
      'The northern report is a different unit',
    );
    expect(split.eventIds).toHaveLength(1);
    const again = report('Again', wire, '2031-10-25T10:00:00Z', [
      deployment('Arland troops in North March were reinforced.', { time: day('2031-10-24') }),
    ]);
    await arrive(store, [again]);
    const northEvent = await eventOf(store, north.claims[0] as Claim);
    expect(northEvent.claimIds).toContain(again.claims[0]?.id);
    expect(northEvent.claimIds).not.toContain(south.claims[0]?.id);
    // A full run from scratch gives the same events: decisions are replayed, not remembered.
    const before = await events(store);
    await recorroborate({ store, clock: CLOCK });
    expect(await events(store)).toEqual(before);
  });

  it('grading a source re-weighs the events it carries; F and 6 mean unknown', async () => {
    const unknown = testSource('Unknown Blog');
    const only = report('Blog post', unknown, '2031-10-24T09:00:00Z', [
      deployment('Arland troops are in North March.'),
    ]);
    const store = await workspace();
    await store.apply({ sources: [unknown] });
    await arrive(store, [only]);
    expect((await eventOf(store, only.claims[0] as Claim)).credibility).toBe(6);
    const graded = await gradeSource({ store, clock: CLOCK }, unknown.id, 'c', 'Accurate on local matters');
    expect(graded.events.changes).toHaveLength(1);
    expect((await eventOf(store, only.claims[0] as Claim)).credibility).toBe(3);
    await expect(gradeSource({ store, clock: CLOCK }, unknown.id, 'G', 'x')).rejects.toThrow(/A, B, C, D, E, F/);
    await expect(gradeSource({ store, clock: CLOCK }, unknown.id, 'B', '  ')).rejects.toThrow(/reason is required/);
  });

  it('runs the same on the SQLite store', async () => {
    const reports = [
      report('S1', cetiaMinistry, '2031-10-24T09:00:00Z', [deployment('Arland troops are in North March.')]),
      report('S2', dravMinistry, '2031-10-25T09:00:00Z', [
        deployment('Arland troops entered North March.', { time: OCTOBER, quantities: [[3000, 'troops']] }),
      ]),
    ];
    const sqlite = await workspace(createSqliteStore({ path: ':memory:' }));
    const memory = await workspace();
    await arrive(sqlite, [...reports].reverse());
    await arrive(memory, reports);
    expect(await events(sqlite)).toEqual(await events(memory));
    await sqlite.close();
  });
});
