import {
  type Actor,
  actorEdgesOf,
  buildSource,
  type Claim,
  type ClusterDecision,
  clusterDecisionId,
  compareEventsNewestFirst,
  DATASET_TABLE_INT_COLUMNS,
  type DatasetChunk,
  type DatasetClaimTable,
  DatasetClaimTableBuilder,
  type Document,
  datasetChunkClaims,
  datasetClaimId,
  type Event,
  type EventFilter,
  emptyFrame,
  type FrameActor,
  IntegrityError,
  type IsoDateTime,
  matchesEventFilter,
  newTableSlot,
  type Place,
  placeCountsOf,
  type Source,
  type Store,
  type StoreChanges,
  type TableSlot,
  timelineOf,
} from '@parallax/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, testClaim, testDocument, testEvent, testSource } from './builders.ts';
import { randomEvents, sampleFilters, TEST_ACTORS, TEST_PLACES } from './random-events.ts';

/** A test the implementation cannot pass yet, with the reason written down (never a silent skip). */
export interface ConformanceSkip {
  reason: string;
  tests: string[];
}

export interface ConformanceOptions {
  /** A new, empty store. */
  create: () => Promise<Store>;
  /** Closes and reopens the same store, for implementations that persist. */
  reopen?: (store: Store) => Promise<Store>;
  skip?: ConformanceSkip[];
}

/**
 * Gives each event a document and a claim carrying its frame, so the change set is consistent.
 */
export function withEvidence(events: Event[]): StoreChanges {
  const documents: Document[] = [];
  const claims: Claim[] = [];
  const out: Event[] = [];
  for (const event of events) {
    const doc = testDocument(`Report ${event.id}`, { published: event.firstReported });
    const claim = testClaim({ documentId: doc.id, start: 0, end: 6, quote: doc.text.slice(0, 6), frame: event.frame });
    documents.push(doc);
    claims.push(claim);
    out.push({ ...event, claimIds: [claim.id] });
  }
  return { documents, claims, events: out, actors: TEST_ACTORS, places: TEST_PLACES };
}

/**
 * A dataset chunk shaped like an imported GDELT slice: `rows` tab-separated rows as the document
 * text, one claim per row quoting it, with ids from the record numbers (so two slices overlap).
 */
export function datasetChunk(rows: number, file = 'first file'): DatasetChunk & { claims: Claim[] } {
  const source = buildSource({ name: 'Test Dataset', domain: 'dataset.test', kind: 'dataset' });
  const lines = Array.from({ length: rows }, (_, i) => `${1000 + i}\t20240601\tRUS\tUKR\t190\t${file}`);
  const document = testDocument(`Dataset slice of ${file}`, {
    text: lines.join('\n'),
    mediaType: 'text/tab-separated-values',
    sourceId: source.id,
  });
  let offset = 0;
  const claims = lines.map((line, i) => {
    const frame = { ...(TEST_CLAIM_FRAMES[i % TEST_CLAIM_FRAMES.length] ?? emptyFrame()) };
    const claim: Claim = {
      id: datasetClaimId('gdelt-events', 1000 + i),
      documentId: document.id,
      start: offset,
      end: offset + line.length,
      quote: line,
      speaker: null,
      stance: 'asserts',
      negated: false,
      hypothetical: false,
      frame,
      extractor: 'test-dataset',
      dataset: { dataset: 'gdelt', recordId: String(1000 + i), url: i % 2 ? null : `https://news.test/${i}` },
    };
    offset += line.length + 1;
    return claim;
  });
  return { sources: [source], document, actors: TEST_ACTORS, places: TEST_PLACES, claims };
}

/**
 * The same kind of slice with its claims in columns (the bulk form readers write): rows for the
 * given record numbers, some without actors, place, time or URL, sharing actors and places.
 */
export function datasetTableChunk(records: readonly number[], file = 'table file'): DatasetChunk {
  const source = buildSource({ name: 'Test Dataset', domain: 'dataset.test', kind: 'dataset' });
  const lines = records.map(
    (r, i) => `${r}\t20240601\tGON\tMOR\t19${i % 10}\thttps://news.test/${file.replace(/ /g, '-')}/${r}`,
  );
  const document = testDocument(`Dataset slice of ${file}`, {
    text: lines.join('\n'),
    mediaType: 'text/tab-separated-values',
    sourceId: source.id,
  });
  const table = new DatasetClaimTableBuilder('gdelt-events', 'gdelt', 'test-dataset');
  const actorSlots = TEST_ACTORS.map(() => newTableSlot());
  const placeSlots = TEST_PLACES.map(() => newTableSlot());
  const codingSlots = TEST_CLAIM_FRAMES.map(() => newTableSlot());
  const timeSlots = TEST_CLAIM_FRAMES.map(() => newTableSlot());
  let offset = 0;
  records.forEach((record, i) => {
    const line = lines[i] as string;
    const actor = (k: number, role: FrameActor['role']) => {
      const a = TEST_ACTORS[k % TEST_ACTORS.length] as Actor;
      return table.index(
        'actors',
        { id: a.id, name: a.name, code: a.codes[0] ?? null, role },
        actorSlots[k % TEST_ACTORS.length] as TableSlot,
      );
    };
    const frame = TEST_CLAIM_FRAMES[i % TEST_CLAIM_FRAMES.length] ?? emptyFrame();
    const f = i % TEST_CLAIM_FRAMES.length;
    const coding = table.index(
      'codingValues',
      { cameo: frame.cameo, plover: frame.plover, quadClass: frame.quadClass, goldstein: frame.goldstein },
      codingSlots[f] as TableSlot,
    );
    const time = i % 5 === 4 || !frame.time ? -1 : table.index('timeValues', frame.time, timeSlots[f] as TableSlot);
    const p = TEST_PLACES[i % TEST_PLACES.length] as Place;
    const place =
      i % 3 === 2
        ? -1
        : table.index(
            'placeValues',
            { id: p.id, name: p.name, level: p.level, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon },
            placeSlots[i % TEST_PLACES.length] as TableSlot,
          );
    const url = line.lastIndexOf('\t') + 1;
    table.add(
      record,
      offset,
      offset + line.length,
      i % 4 === 3 ? -1 : url,
      i % 4 === 3 ? -1 : line.length,
      i % 6 === 5 ? -1 : actor(i, 'source'),
      i % 2 ? actor(i + 1, 'target') : -1,
      coding,
      time,
      place,
    );
    offset += line.length + 1;
  });
  return { sources: [source], document, actors: TEST_ACTORS, places: TEST_PLACES, table: table.build() };
}

/** A table whose columns are views of `memory`, laid out as `DatasetClaimTableBuilder` lays them in storage. */
function tableIn(table: DatasetClaimTable, memory: ArrayBufferLike): DatasetClaimTable {
  const n = table.length;
  const records = new Float64Array(memory, 0, n);
  records.set(table.records.subarray(0, n));
  const out: DatasetClaimTable = { ...table, records };
  DATASET_TABLE_INT_COLUMNS.forEach((column, k) => {
    const view = new Int32Array(memory, n * 8 + k * n * 4, n);
    view.set(table[column].subarray(0, n));
    out[column] = view;
  });
  return out;
}

/** Frames of a few random events, to give dataset claims realistic content. */
const TEST_CLAIM_FRAMES = randomEvents(4, 99).map((e) => e.frame);

function byId<T extends { id: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The Store port's executable specification. Every implementation (SQLite on a file and in memory,
 * ClickHouse, the in-memory fake) runs it; answers are compared with the core's reference functions.
 */
export function describeStoreConformance(name: string, options: ConformanceOptions): void {
  const skipped = new Map<string, string>();
  for (const s of options.skip ?? []) for (const t of s.tests) skipped.set(t, s.reason);
  const test = (title: string, fn: () => Promise<void>) => {
    const reason = skipped.get(title);
    if (reason) it.skip(`${title} (skipped: ${reason})`, fn);
    else it(title, fn);
  };

  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await options.create();
    });
    afterEach(async () => {
      await store.close();
    });

    test('starts empty', async () => {
      const info = await store.info();
      expect(info.counts).toEqual({ sources: 0, documents: 0, claims: 0, events: 0, actors: 0, places: 0 });
    });

    test('stores documents and treats them as immutable', async () => {
      const doc = testDocument('Troops moved', {
        published: '2024-10-01T10:00:00.000Z' as IsoDateTime,
        author: 'A. Writer',
      });
      expect(await store.apply({ documents: [doc] })).toMatchObject({ inserted: 1 });
      expect(await store.getDocument(doc.id)).toEqual(doc);
      const summary = await store.apply({ documents: [{ ...doc, title: 'Edited title' }] });
      expect(summary).toMatchObject({ inserted: 0, unchanged: 1 });
      expect((await store.getDocument(doc.id))?.title).toBe('Troops moved');
      expect(await store.getDocument('doc_00000000000000000000' as Document['id'])).toBeNull();
    });

    test('rejects a change set with a dangling claim and writes none of it', async () => {
      const doc = testDocument('Kept out');
      const orphan = testClaim({ documentId: 'doc_ffffffffffffffffffff' as Document['id'] });
      await expect(store.apply({ documents: [doc], claims: [orphan] })).rejects.toBeInstanceOf(IntegrityError);
      expect(await store.getDocument(doc.id)).toBeNull();
      expect((await store.info()).counts.documents).toBe(0);
    });

    test('rejects claims whose span lies outside the document', async () => {
      const doc = testDocument('Short', { text: 'Short text.' });
      const claim = testClaim({ documentId: doc.id, start: 5, end: 500 });
      await expect(store.apply({ documents: [doc], claims: [claim] })).rejects.toThrow(/outside document/);
      expect((await store.info()).counts.claims).toBe(0);
    });

    test('rejects events citing unknown claims', async () => {
      const event = { ...testEvent(), claimIds: ['clm_00000000000000000000' as Claim['id']] };
      await expect(store.apply({ events: [event] })).rejects.toBeInstanceOf(IntegrityError);
    });

    test('round-trips events, claims, actors and places exactly', async () => {
      const changes = withEvidence(randomEvents(20, 7));
      await store.apply(changes);
      for (const e of changes.events ?? []) expect(await store.getEvent(e.id)).toEqual(e);
      for (const c of changes.claims ?? []) expect(await store.getClaim(c.id)).toEqual(c);
      expect(byId(await store.listActors())).toEqual(byId(TEST_ACTORS));
      expect(byId(await store.listPlaces())).toEqual(byId(TEST_PLACES));
      const first = TEST_ACTORS[0];
      if (first) expect(await store.getActor(first.id)).toEqual(first);
      const place = TEST_PLACES[0];
      if (place) expect(await store.getPlace(place.id)).toEqual(place);
    });

    test('is idempotent: applying the same changes twice changes nothing', async () => {
      const changes = withEvidence(randomEvents(15, 3));
      await store.apply(changes);
      const before = await store.info();
      const again = await store.apply(changes);
      expect(again.inserted).toBe(0);
      expect(again.updated).toBe(0);
      expect((await store.info()).counts).toEqual(before.counts);
    });

    test('appends a dataset chunk: claims quote their rows, re-appending adds nothing', async () => {
      const chunk = datasetChunk(5);
      expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 5, duplicates: 0 });
      for (const c of chunk.claims) expect(await store.getClaim(c.id)).toEqual(c);
      expect(await store.getDocument(chunk.document.id)).toEqual(chunk.document);
      const listed = await store.listClaims({ documentId: chunk.document.id }, { limit: 100 });
      expect(listed.items).toEqual(chunk.claims);
      expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 0, duplicates: 5 });
      // The same records arriving in another slice (another file, other chunking) are duplicates too.
      const overlap = datasetChunk(7, 'second file');
      expect(await store.appendDatasetChunk(overlap)).toEqual({ inserted: 2, duplicates: 5 });
      expect((await store.info()).counts).toMatchObject({ documents: 2, claims: 7 });
      expect(await store.getSource(chunk.sources[0]?.id as Source['id'])).toMatchObject({ kind: 'dataset' });
    });

    test('rejects a dataset chunk whose claims point outside it, writing none of it', async () => {
      const chunk = datasetChunk(3);
      const bad = {
        ...chunk,
        claims: [
          ...chunk.claims,
          { ...(chunk.claims[0] as Claim), id: 'clm_da0100000000000000ff' as Claim['id'], end: 10_000 },
        ],
      };
      await expect(store.appendDatasetChunk(bad)).rejects.toBeInstanceOf(IntegrityError);
      const foreign = {
        ...chunk,
        claims: [{ ...(chunk.claims[0] as Claim), documentId: 'doc_ffffffffffffffffffff' as Document['id'] }],
      };
      await expect(store.appendDatasetChunk(foreign)).rejects.toBeInstanceOf(IntegrityError);
      expect((await store.info()).counts).toMatchObject({ documents: 0, claims: 0, sources: 0 });
    });

    test('appends a dataset chunk in columns: every row reads back as the claim it describes', async () => {
      const records = Array.from({ length: 40 }, (_, i) => 5_000 + i);
      const chunk = datasetTableChunk(records);
      const claims = datasetChunkClaims(chunk);
      expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 40, duplicates: 0 });
      for (const c of claims) expect(await store.getClaim(c.id)).toEqual(c);
      expect((await store.listClaims({ documentId: chunk.document.id }, { limit: 100 })).items).toEqual(claims);
      const first = await store.listClaims({ documentId: chunk.document.id }, { limit: 15 });
      const rest = await store.listClaims({ documentId: chunk.document.id }, { limit: 100, cursor: first.next });
      expect([...first.items, ...rest.items]).toEqual(claims);
      expect(first.total).toBe(40);
      expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 0, duplicates: 40 });
      // Other slicing of overlapping records (a second file, a re-run after a crash): only new rows count.
      const overlap = datasetTableChunk([5_030, 5_039, 5_040, 5_041, 4_999], 'second file');
      expect(await store.appendDatasetChunk(overlap)).toEqual({ inserted: 3, duplicates: 2 });
      const kept = datasetChunkClaims(overlap).filter((c) => !records.includes(Number(c.dataset?.recordId)));
      for (const c of kept) expect(await store.getClaim(c.id)).toEqual(c);
      // A record number that was stored from the first file keeps its first claim.
      expect(await store.getClaim(claims[30]?.id as Claim['id'])).toEqual(claims[30]);
      expect((await store.listClaims({ documentId: overlap.document.id }, { limit: 100 })).items).toEqual(kept);
      expect(await store.getClaim(datasetClaimId('gdelt-events', 5_100))).toBeNull();
      expect(await store.getClaim(datasetClaimId('ucdp-ged', 5_000))).toBeNull();
      expect((await store.info()).counts).toMatchObject({ documents: 2, claims: 43 });
    });

    test("keeps nothing of a chunk's memory once the append settles: a reader may reuse it", async () => {
      // Readers build slices into pooled buffers (the table's columns and the text's UTF-8 in one)
      // and refill them once an append settles; a store may also move the buffer away and hand it
      // back. What the store answers must not change when either buffer is overwritten.
      for (const [k, records] of [
        [6_000, 6_001, 6_002, 6_003, 6_004],
        [6_005, 6_006],
      ].entries()) {
        const chunk = datasetTableChunk(records, `pooled file ${k}`);
        const claims = datasetChunkClaims(chunk);
        const table = chunk.table as NonNullable<DatasetChunk['table']>;
        const text = new TextEncoder().encode(chunk.document.text);
        const textAt = DatasetClaimTableBuilder.storageBytes(table.length);
        const memory = new ArrayBuffer(textAt + text.length);
        const bytes = new Uint8Array(memory, textAt, text.length);
        bytes.set(text);
        const handedBack: ArrayBuffer[] = [];
        const pooled: DatasetChunk = {
          ...chunk,
          documentUtf8: { parts: [bytes], length: chunk.document.text.length },
          table: tableIn(table, memory),
          memory: { buffer: memory, reuse: (b) => handedBack.push(b) },
        };
        expect(await store.appendDatasetChunk(pooled)).toEqual({ inserted: records.length, duplicates: 0 });
        for (const b of [memory, ...handedBack]) new Uint8Array(b).fill(0x31);
        for (const c of claims) expect(await store.getClaim(c.id)).toEqual(c);
        expect((await store.getDocument(chunk.document.id))?.text).toBe(chunk.document.text);
      }
    });

    test('counts a record repeated within a chunk, or stored as an object claim, as a duplicate', async () => {
      const objects = datasetChunk(3);
      await store.apply({ sources: objects.sources, documents: [objects.document], claims: objects.claims });
      const chunk = datasetTableChunk([1_001, 7_000, 7_001, 7_000, 1_002, 7_002]);
      expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 3, duplicates: 3 });
      const claims = datasetChunkClaims(chunk);
      expect(await store.getClaim(claims[1]?.id as Claim['id'])).toEqual(claims[1]);
      expect(await store.getClaim(objects.claims[1]?.id as Claim['id'])).toEqual(objects.claims[1]);
      expect((await store.info()).counts.claims).toBe(6);
      // And an object claim whose record is stored in columns is not stored twice.
      const again = await store.apply({ claims: [{ ...(claims[2] as Claim) }] });
      expect(again.inserted).toBe(0);
      expect((await store.info()).counts.claims).toBe(6);
    });

    test('rejects a dataset chunk whose table points outside its document, writing none of it', async () => {
      const chunk = datasetTableChunk([1, 2, 3]);
      const table = chunk.table as NonNullable<DatasetChunk['table']>;
      const ends = table.ends.slice();
      ends[2] = chunk.document.text.length + 5;
      await expect(store.appendDatasetChunk({ ...chunk, table: { ...table, ends } })).rejects.toBeInstanceOf(
        IntegrityError,
      );
      const places = table.places.slice();
      places[0] = 99;
      await expect(store.appendDatasetChunk({ ...chunk, table: { ...table, places } })).rejects.toBeInstanceOf(
        IntegrityError,
      );
      expect((await store.info()).counts).toMatchObject({ documents: 0, claims: 0, sources: 0 });
    });

    test('events cite claims stored in columns; claims list by event and all together, each once', async () => {
      const table = datasetTableChunk([900, 901, 902, 903], 'events file');
      const objects = datasetChunk(4, 'object file');
      await store.appendDatasetChunk(table);
      await store.appendDatasetChunk(objects);
      const tableClaims = datasetChunkClaims(table);
      const event = {
        ...testEvent(),
        claimIds: [tableClaims[3]?.id, objects.claims[0]?.id, tableClaims[1]?.id] as Claim['id'][],
      };
      await store.apply({ events: [event] });
      const expected = [...tableClaims, ...objects.claims].sort((a, b) =>
        a.documentId < b.documentId
          ? -1
          : a.documentId > b.documentId
            ? 1
            : a.start - b.start || (a.id < b.id ? -1 : 1),
      );
      const byEvent = await store.listClaims({ eventId: event.id }, { limit: 10 });
      expect(byEvent.items).toEqual(expected.filter((c) => event.claimIds.includes(c.id)));
      expect(await store.eventIdsForClaims([tableClaims[3]?.id as Claim['id']])).toEqual([event.id]);
      const seen: Claim[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['listClaims']>> = await store.listClaims({}, { limit: 3, cursor });
        expect(page.total).toBe(8);
        seen.push(...page.items);
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(expected);
      // The workbench's "events of this document" finds the event through a claim stored in columns.
      expect((await store.listEvents({ documentId: table.document.id }, { limit: 10 })).items).toEqual([event]);
      expect(await store.countEvents({ documentId: table.document.id })).toBe(1);
      const other = datasetTableChunk([950], 'unrelated file');
      await store.appendDatasetChunk(other);
      expect(await store.countEvents({ documentId: other.document.id })).toBe(0);
    });

    test('replaces and removes events', async () => {
      const changes = withEvidence(randomEvents(5, 11));
      await store.apply(changes);
      const [a, b] = changes.events ?? [];
      if (!a || !b) throw new Error('fixture');
      await store.apply({
        events: [{ ...a, credibility: 1, status: 'confirmed', rationale: 'regraded' }],
        removeEventIds: [b.id],
      });
      expect(await store.getEvent(a.id)).toMatchObject({ credibility: 1, status: 'confirmed', rationale: 'regraded' });
      expect(await store.getEvent(b.id)).toBeNull();
      expect(await store.countEvents({})).toBe(4);
      expect(await store.countEvents({ minCredibility: 1 })).toBe(
        (changes.events ?? []).filter((e) => e.id !== b.id && (e.id === a.id || e.credibility === 1)).length,
      );
    });

    test('lists events newest first and pages through all of them exactly once', async () => {
      const changes = withEvidence(randomEvents(57, 5));
      await store.apply(changes);
      const expected = [...(changes.events ?? [])].sort(compareEventsNewestFirst).map((e) => e.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listEvents({}, { limit: 10, cursor });
        expect(page.total).toBe(57);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(expected);
    });

    test('answers every filter as the reference does', async () => {
      const events = randomEvents(300, 21);
      await store.apply(withEvidence(events));
      const stored = await Promise.all(events.map((e) => store.getEvent(e.id)));
      const all = stored.filter((e): e is Event => e !== null);
      for (const filter of sampleFilters()) {
        const expected = all.filter((e) => matchesEventFilter(e, filter)).sort(compareEventsNewestFirst);
        const page = await store.listEvents(filter, { limit: 1000 });
        expect({ filter, ids: page.items.map((e) => e.id) }).toEqual({ filter, ids: expected.map((e) => e.id) });
        expect(page.total).toBe(expected.length);
        expect(await store.countEvents(filter)).toBe(expected.length);
      }
    });

    test('aggregates timelines, places and actor edges as the reference does', async () => {
      const events = randomEvents(400, 99);
      await store.apply(withEvidence(events));
      const stored = (await store.listEvents({}, { limit: 10_000 })).items;
      for (const filter of sampleFilters()) {
        const matching = stored.filter((e) => matchesEventFilter(e, filter));
        for (const interval of ['hour', 'day', 'week', 'month'] as const) {
          for (const stack of ['quadClass', 'plover', 'status'] as const) {
            for (const basis of ['event', 'report'] as const) {
              expect({
                filter,
                interval,
                stack,
                basis,
                buckets: await store.timeline(filter, interval, stack, basis),
              }).toEqual({
                filter,
                interval,
                stack,
                basis,
                buckets: timelineOf(matching, interval, stack, basis),
              });
            }
          }
        }
        // Without a basis the timeline is by event time.
        expect(await store.timeline(filter, 'day', 'quadClass')).toEqual(
          timelineOf(matching, 'day', 'quadClass', 'event'),
        );
        expect(await store.placeCounts(filter, 'admin1')).toEqual(placeCountsOf(matching, 'admin1'));
        expect(await store.placeCounts(filter, 'country')).toEqual(placeCountsOf(matching, 'country'));
        const edges = await store.actorEdges(filter, 7);
        const reference = actorEdgesOf(matching, 7);
        expect(edges.map(({ goldsteinSum, ...rest }) => rest)).toEqual(
          reference.map(({ goldsteinSum, ...rest }) => rest),
        );
        edges.forEach((e, i) => {
          expect(e.goldsteinSum).toBeCloseTo(reference[i]?.goldsteinSum ?? Number.NaN, 6);
        });
      }
    });

    test('filters events by the document that carries their claims', async () => {
      const changes = withEvidence(randomEvents(6, 8));
      await store.apply(changes);
      const claim = changes.claims?.[2];
      if (!claim) throw new Error('fixture');
      const page = await store.listEvents({ documentId: claim.documentId }, { limit: 10 });
      expect(page.items.map((e) => e.id)).toEqual([changes.events?.[2]?.id]);
      expect(await store.eventIdsForClaims([claim.id])).toEqual([changes.events?.[2]?.id]);
    });

    test('lists claims by document and by event', async () => {
      const doc = testDocument('Two claims', { text: 'Alpha said one thing. Beta said another thing.' });
      const c1 = testClaim({
        documentId: doc.id,
        start: 0,
        end: 21,
        quote: 'Alpha said one thing.',
        frame: emptyFrame(),
      });
      const c2 = testClaim({
        documentId: doc.id,
        start: 22,
        end: 46,
        quote: 'Beta said another thing.',
        stance: 'denies',
      });
      const event = { ...testEvent(), claimIds: [c2.id] };
      await store.apply({ documents: [doc], claims: [c2, c1], events: [event] });
      expect((await store.listClaims({ documentId: doc.id }, { limit: 10 })).items.map((c) => c.id)).toEqual([
        c1.id,
        c2.id,
      ]);
      expect((await store.listClaims({ eventId: event.id }, { limit: 10 })).items).toEqual([c2]);
      const paged = await store.listClaims({ documentId: doc.id }, { limit: 1 });
      expect(paged.total).toBe(2);
      expect(paged.next).not.toBeNull();
      const second = await store.listClaims({ documentId: doc.id }, { limit: 1, cursor: paged.next });
      expect(second.items.map((c) => c.id)).toEqual([c2.id]);
    });

    test('keeps analyst grades when a source is written again', async () => {
      const source = testSource('Wire Agency', { kind: 'wire-agency' });
      await store.apply({ sources: [source] });
      await store.apply({
        grades: [{ sourceId: source.id, reliability: 'B', rationale: 'Long record of accurate wire copy.' }],
      });
      await store.apply({ sources: [{ ...source, country: 'GBR' }] });
      // A later, vaguer reading of the same source (as ingest makes from a document) erases nothing.
      await store.apply({ sources: [{ ...source, kind: 'other', country: null }] });
      const stored = await store.getSource(source.id);
      expect(stored).toMatchObject({
        reliability: 'B',
        reliabilityRationale: 'Long record of accurate wire copy.',
        country: 'GBR',
        kind: 'wire-agency',
      });
      expect((await store.listSources()).map((s) => s.id)).toEqual([source.id]);
    });

    test('lists documents newest first, by source and by syndication', async () => {
      const wire = testSource('Wire');
      const original = testDocument('Original', {
        sourceId: wire.id,
        published: '2024-10-02T00:00:00.000Z' as IsoDateTime,
      });
      const copy = testDocument('Copy', {
        syndicatedFrom: original.id,
        published: '2024-10-03T00:00:00.000Z' as IsoDateTime,
      });
      const undated = testDocument('Undated');
      await store.apply({ sources: [wire], documents: [undated, copy, original] });
      const all = await store.listDocuments({}, { limit: 10 });
      expect(all.items.map((d) => d.title)).toEqual(['Copy', 'Original', 'Undated']);
      expect((await store.listDocuments({ sourceId: wire.id }, { limit: 10 })).items.map((d) => d.title)).toEqual([
        'Original',
      ]);
      expect((await store.listDocuments({ syndicated: true }, { limit: 10 })).items.map((d) => d.title)).toEqual([
        'Copy',
      ]);
      const first = await store.listDocuments({}, { limit: 2 });
      const rest = await store.listDocuments({}, { limit: 2, cursor: first.next });
      expect([...first.items, ...rest.items].map((d) => d.title)).toEqual(['Copy', 'Original', 'Undated']);
      expect(rest.next).toBeNull();
    });

    test('searches document text by words and phrases', async () => {
      const a = testDocument('Alliance briefing', {
        text: 'The alliance confirmed that soldiers crossed the river at dawn.',
      });
      const b = testDocument('Ministry statement', {
        text: 'The ministry denied that any soldiers were present near the river.',
      });
      const c = testDocument('Weather', { text: 'Heavy rain fell across the northern plains.' });
      await store.apply({ documents: [a, b, c] });
      const ids = async (q: string) =>
        (await store.searchDocuments(q, { limit: 10 })).items.map((h) => h.document.id).sort();
      expect(await ids('soldiers river')).toEqual([a.id, b.id].sort());
      expect(await ids('"crossed the river"')).toEqual([a.id]);
      expect(await ids('denied')).toEqual([b.id]);
      expect(await ids('nothingmatches')).toEqual([]);
      const hit = (await store.searchDocuments('rain', { limit: 10 })).items[0];
      expect(hit?.snippet).toMatch(/\[rain\]/i);
      // Query syntax characters are treated as text, never as a syntax error.
      for (const q of ['"unbalanced', 'AND OR NOT', 'alliance*', "ministry's (statement)", '-', '']) {
        await expect(store.searchDocuments(q, { limit: 5 })).resolves.toBeDefined();
      }
    });

    test('marks documents retracted without changing their text', async () => {
      const doc = testDocument('Later withdrawn');
      await store.apply({ documents: [doc] });
      expect(await store.retractDocument(doc.id, 'Publisher withdrew the story', TEST_NOW)).toBe(true);
      const stored = await store.getDocument(doc.id);
      expect(stored?.retracted).toEqual({ at: TEST_NOW, reason: 'Publisher withdrew the story' });
      expect(stored?.text).toBe(doc.text);
      expect(await store.retractDocument('doc_99999999999999999999' as Document['id'], 'x', TEST_NOW)).toBe(false);
    });

    test('discredits a source and keeps the mark when the source is written again', async () => {
      const source = testSource('Fabricating Outlet', { kind: 'news-outlet' });
      await store.apply({ sources: [source] });
      await store.apply({ discredits: [{ sourceId: source.id, reason: 'Invented quotes', at: TEST_NOW }] });
      await store.apply({ sources: [{ ...source, country: 'FRA' }] });
      expect(await store.getSource(source.id)).toMatchObject({
        country: 'FRA',
        discredited: { at: TEST_NOW, reason: 'Invented quotes' },
      });
      // Discrediting an unknown source changes nothing and is not an error.
      await store.apply({
        discredits: [{ sourceId: 'src_00000000000000000000' as never, reason: 'x', at: TEST_NOW }],
      });
      expect((await store.listSources()).length).toBe(1);
    });

    test('keeps cluster decisions, lists them oldest first and rejects ones citing unknown claims', async () => {
      const doc = testDocument('Decided', { text: 'First claim here. Second claim here. Third claim.' });
      const [a, b, c] = [0, 18, 37].map((start) =>
        testClaim({ documentId: doc.id, start, end: start + 10, quote: doc.text.slice(start, start + 10) }),
      ) as [Claim, Claim, Claim];
      await store.apply({ documents: [doc], claims: [a, b, c] });
      const decide = (d: Omit<ClusterDecision, 'id'>): ClusterDecision => ({ ...d, id: clusterDecisionId(d) });
      const split = decide({
        kind: 'split',
        claimIds: [c.id],
        apartFromClaimIds: [a.id, b.id],
        reason: 'A different strike on the same day',
        at: '2024-11-02T09:00:00.000Z' as IsoDateTime,
      });
      const merge = decide({
        kind: 'merge',
        claimIds: [a.id, b.id],
        apartFromClaimIds: [],
        reason: 'Same convoy, reported twice',
        at: '2024-11-01T09:00:00.000Z' as IsoDateTime,
      });
      expect(await store.apply({ clusterDecisions: [split, merge] })).toMatchObject({ inserted: 2 });
      expect(await store.apply({ clusterDecisions: [merge] })).toMatchObject({ inserted: 0, unchanged: 1 });
      expect(await store.listClusterDecisions()).toEqual([merge, split]);
      const dangling = decide({
        kind: 'merge',
        claimIds: [a.id, 'clm_00000000000000000000' as Claim['id']],
        apartFromClaimIds: [],
        reason: 'x',
        at: TEST_NOW,
      });
      await expect(store.apply({ clusterDecisions: [dangling] })).rejects.toBeInstanceOf(IntegrityError);
      expect(await store.listClusterDecisions()).toHaveLength(2);
    });

    if (options.reopen) {
      const reopen = options.reopen;
      test('keeps everything across close and reopen', async () => {
        const changes = withEvidence(randomEvents(30, 4));
        await store.apply(changes);
        const filter: EventFilter = { quadClasses: [4] };
        const before = await store.timeline(filter, 'month', 'plover');
        store = await reopen(store);
        expect((await store.info()).counts.events).toBe(30);
        expect(await store.timeline(filter, 'month', 'plover')).toEqual(before);
        const first = changes.events?.[0];
        if (first) expect(await store.getEvent(first.id)).toEqual(first);
      });

      test('keeps dataset claims in columns across close and reopen, and still knows them as duplicates', async () => {
        const chunk = datasetTableChunk([10, 11, 12, 13, 14]);
        await store.appendDatasetChunk(chunk);
        store = await reopen(store);
        for (const c of datasetChunkClaims(chunk)) expect(await store.getClaim(c.id)).toEqual(c);
        expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 0, duplicates: 5 });
        expect((await store.info()).counts.claims).toBe(5);
      });
    }
  });
}
