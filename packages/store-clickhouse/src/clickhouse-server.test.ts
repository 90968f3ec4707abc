import {
  type ActorId,
  type ClaimId,
  type DocumentId,
  type Event,
  type EventId,
  InvalidInputError,
  type IsoDate,
  type IsoDateTime,
  type SourceId,
} from '@parallax/core';
import { datasetChunk, testActor, testDocument, testEvent, testSource, withEvidence } from '@parallax/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseNode } from './clickhouse-node.ts';
import { type ClickHouseStore, dropClickHouseDatabase, openClickHouseStore } from './index.ts';
import { sqlString } from './sql-literal.ts';
import { parseStoreUrl } from './store-url.ts';
import { CLICKHOUSE_TEST_URL, SKIP_MESSAGE, withDatabase } from './testing/test-server.ts';

const suite = CLICKHOUSE_TEST_URL ? describe : describe.skip;
const title = CLICKHOUSE_TEST_URL ? 'ClickHouse store on a live cluster' : `ClickHouse store (${SKIP_MESSAGE})`;

suite(title, () => {
  const url = withDatabase(CLICKHOUSE_TEST_URL ?? '', `parallax_srv_${process.pid}`);
  let store: ClickHouseStore;
  let nodes: ClickHouseNode[];
  beforeAll(async () => {
    await dropClickHouseDatabase(url);
    store = await openClickHouseStore({ url });
    const parsed = parseStoreUrl(url);
    nodes = parsed.nodes.map((a) => new ClickHouseNode(a, parsed));
  });
  afterAll(async () => {
    await store?.close();
    for (const n of nodes ?? []) await n.close();
    await dropClickHouseDatabase(url);
  });

  const NASTY = [
    "O'Brien said: ''; DROP DATABASE parallax; --",
    "back\\slash \\' and \\x41 escapes",
    'line\nbreak\ttab\u0000nul\u001b',
    'Kyïv — 東京 😀 "quoted"',
  ];

  it('round-trips hostile text through every literal it reaches', async () => {
    const coordinator = nodes[0] as ClickHouseNode;
    for (const value of NASTY) {
      const [row] = await coordinator.rows<{ v: string }>(`SELECT ${sqlString(value)} AS v`);
      expect(row?.v).toBe(value);
    }
  });

  it('stores and finds hostile values without running them', async () => {
    const source = testSource(NASTY[0] as string, { country: "G'B" });
    const doc = testDocument(NASTY[1] as string, { sourceId: source.id, text: `${NASTY.join(' ')} ceasefire held.` });
    const actor = testActor("Actor ' ) OR 1=1 --", "X'Y", { id: "act_'); DROP TABLE x; --" as ActorId });
    const event = testEvent({ sources: [actor], day: '2024-05-01' as IsoDate });
    const changes = withEvidence([event]);
    await store.apply({
      ...changes,
      sources: [source],
      documents: [doc, ...(changes.documents ?? [])],
      actors: [actor],
    });

    expect(await store.getDocument(doc.id)).toEqual(doc);
    expect(await store.getSource(source.id)).toEqual(source);
    expect(await store.getActor(actor.id)).toEqual(actor);
    expect((await store.listEvents({ actorIds: [actor.id] }, { limit: 5 })).items.map((e) => e.id)).toEqual([event.id]);
    expect(await store.countEvents({ countries: ["' OR 1=1 --"], statuses: ["reported') OR ('1'='1" as never] })).toBe(
      0,
    );
    expect((await store.listDocuments({ sourceId: "x' OR '1'='1" as SourceId }, { limit: 5 })).total).toBe(0);
    expect((await store.listDocuments({ sourceId: source.id }, { limit: 5 })).items.map((d) => d.id)).toEqual([doc.id]);
    const hits = await store.searchDocuments("o'brien ceasefire", { limit: 5 });
    expect(hits.items.map((h) => h.document.id)).toEqual([doc.id]);
    expect(hits.items[0]?.snippet).toMatch(/\[O\]'\[Brien\]/);
    expect(await store.getDocument("doc_' OR '1'='1" as DocumentId)).toBeNull();
    expect(await store.eventIdsForClaims(["clm_') OR 1=1 --" as never])).toEqual([]);
    // The store is intact afterwards.
    expect((await store.info()).counts).toMatchObject({ documents: 2, events: 1, sources: 1 });
  });

  it('refuses a URL whose cluster the nodes do not define, or whose shards it does not list', async () => {
    const parsed = parseStoreUrl(url);
    const first = parsed.nodes[0];
    if (!first || !parsed.cluster) return;
    const one = `clickhouse://${first.host}:${first.port}/${parsed.database}`;
    await expect(openClickHouseStore({ url: `${one}?cluster=no_such_cluster` })).rejects.toThrow(
      /has no cluster no_such_cluster in its remote_servers configuration/,
    );
    if (parsed.nodes.length > 1) {
      const open = openClickHouseStore({ url: `${one}?cluster=${parsed.cluster}` });
      await expect(open).rejects.toBeInstanceOf(InvalidInputError);
      await expect(openClickHouseStore({ url: `${one}?cluster=${parsed.cluster}` })).rejects.toThrow(
        new RegExp(`shard 2 of cluster ${parsed.cluster} \\(.+\\) is served by none of the listed hosts`),
      );
    }
  });

  it('rejects malformed pages and filters with clear errors', async () => {
    await expect(store.listEvents({}, { limit: 10, cursor: "1~evt_x' OR 1=1" })).rejects.toThrow(InvalidInputError);
    await expect(store.listDocuments({}, { limit: -1 })).rejects.toThrow(/page limit -1/);
    await expect(store.listDocuments({}, { limit: 5, cursor: "o:1'" })).rejects.toThrow(/page cursor/);
    await expect(store.countEvents({ bbox: [0, 0, Number.POSITIVE_INFINITY, 1] })).rejects.toThrow(/bbox/);
    await expect(store.actorEdges({}, 1.5)).rejects.toThrow(/actor edge limit/);
  });

  it('finds a long event by a from-filter when only a shard away from the coordinator holds it', async () => {
    // Each shard bounds start_day by the longest span; that bound must be the cluster's, not the shard's.
    const coordinator = nodes[0] as ClickHouseNode;
    const candidates = Array.from({ length: 64 }, (_, i) => `evt_${(0xabc000 + i).toString(16).padStart(20, '0')}`);
    const shardOf = await coordinator.rows<{ id: string; s: string }>(
      `SELECT arrayJoin([${candidates.map(sqlString).join(', ')}]) AS id, cityHash64(id) % ${nodes.length} AS s`,
    );
    const ids = shardOf
      .filter((r) => Number(r.s) === nodes.length - 1)
      .map((r) => r.id as EventId)
      .slice(0, 3);
    const long = ids.map((id) => testEvent({ id, day: '2023-01-10' as IsoDate, endDay: '2023-12-20' as IsoDate }));
    const short = Array.from({ length: 30 }, (_, i) =>
      testEvent({ id: `evt_${(0xdef000 + i).toString(16).padStart(20, '0')}`, day: '2023-06-01' as IsoDate }),
    );
    await store.apply(withEvidence([...long, ...short]));
    const onCoordinator = await coordinator.rows<{ n: string }>(
      `SELECT count() AS n FROM ${parseStoreUrl(url).database}.events_local WHERE id IN (${ids.map(sqlString).join(', ')})`,
    );
    if (nodes.length > 1) expect(Number(onCoordinator[0]?.n)).toBe(0);
    const window = { from: '2023-11-01' as IsoDate, to: '2023-12-31' as IsoDate };
    const found = await store.listEvents(window, { limit: 100 });
    expect(found.items.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(await store.countEvents(window)).toBe(ids.length);
    expect((await store.timeline(window, 'month', 'status')).map((b) => b.total)).toEqual([ids.length]);
  });

  it('orders and buckets events before 1970, after 2105 and undated', async () => {
    const old = testEvent({ id: 'evt_00000000000000000a01', day: '1962-10-16' as IsoDate });
    const future = testEvent({ id: 'evt_00000000000000000a02', day: '2150-01-31' as IsoDate });
    const undated = testEvent({ id: 'evt_00000000000000000a03', day: null, firstReported: null });
    await store.apply(withEvidence([old, future, undated]));
    const filter = { actorIds: [] as ActorId[], cameoRoots: [] };
    const all = (await store.listEvents(filter, { limit: 1000 })).items.map((e) => e.id);
    expect(all[0]).toBe(future.id);
    expect(all.at(-1)).toBe(undated.id);
    expect(all.at(-2)).toBe(old.id);
    const months = await store.timeline({ to: '1970-01-01' as IsoDate }, 'month', 'status');
    expect(months).toEqual([{ date: '1962-10-01', counts: { reported: 1 }, total: 1 }]);
    const weeks = await store.timeline({ from: '2150-01-01' as IsoDate }, 'week', 'plover');
    expect(weeks).toEqual([{ date: '2150-01-26', counts: { CONSULT: 1 }, total: 1 }]);
    let cursor: string | null = null;
    const paged: string[] = [];
    do {
      const page: { items: Event[]; next: string | null } = await store.listEvents(filter, { limit: 7, cursor });
      paged.push(...page.items.map((e) => e.id));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('trusts no lookup row whose record a failed write never stored', async () => {
    const changes = withEvidence(
      Array.from({ length: 4 }, (_, i) =>
        testEvent({ id: `evt_${(0xfa11 + i).toString(16).padStart(20, '0')}`, day: '2022-02-02' as IsoDate }),
      ),
    );
    const coordinator = store.topology.coordinator;
    const original = coordinator.insert.bind(coordinator);
    const failOn = async (suffix: string) => {
      coordinator.insert = async (table, rows, settings) => {
        if (table.endsWith(suffix)) throw new Error(`injected failure writing ${table}`);
        return original(table, rows, settings);
      };
      try {
        await expect(store.apply(changes)).rejects.toThrow(/injected failure/);
      } finally {
        coordinator.insert = original;
      }
    };
    const claims = changes.claims ?? [];
    const events = changes.events ?? [];
    const docId = claims[0]?.documentId as DocumentId;

    // Claims index written, claims not: nothing of the document shows.
    await failOn('.claims');
    expect(await store.getDocument(docId)).toBeNull();
    expect(await store.listClaims({ documentId: docId }, { limit: 10 })).toEqual({ items: [], next: null, total: 0 });

    // Claims written, their document not: the claims stay invisible until the document is stored.
    const before = (await store.info()).counts;
    await failOn('.documents');
    expect(await store.getDocument(docId)).toBeNull();
    expect(await store.getClaim(claims[0]?.id as ClaimId)).toBeNull();
    const all = await store.listClaims({}, { limit: 10_000 });
    expect(all.items.filter((c) => c.documentId === docId)).toEqual([]);
    expect((await store.info()).counts).toEqual(before);

    // Claims stored, event lookup rows written, events not: no read finds the events.
    await failOn('.events');
    expect((await store.listClaims({ documentId: docId }, { limit: 10 })).total).toBe(1);
    expect(await store.eventIdsForClaims(claims.map((c) => c.id))).toEqual([]);
    expect(await store.getEvent(events[0]?.id as EventId)).toBeNull();
    expect(await store.countEvents({ to: '2022-12-31' as IsoDate, from: '2022-01-01' as IsoDate })).toBe(0);

    // Applying it again completes it.
    expect(await store.apply(changes)).toMatchObject({ inserted: events.length });
    expect(await store.eventIdsForClaims(claims.map((c) => c.id))).toEqual(events.map((e) => e.id).sort());
    expect(await store.countEvents({ to: '2022-12-31' as IsoDate, from: '2022-01-01' as IsoDate })).toBe(4);
  });

  it('shows a dataset chunk whole or not at all when a write fails, and re-appending completes it', async () => {
    const chunk = datasetChunk(40, 'cut short');
    const coordinator = store.topology.coordinator;
    const original = coordinator.insert.bind(coordinator);
    coordinator.insert = async (table, rows, settings) => {
      if (table.endsWith('.documents')) throw new Error(`injected failure writing ${table}`);
      return original(table, rows, settings);
    };
    try {
      await expect(store.appendDatasetChunk(chunk)).rejects.toThrow(/injected failure/);
    } finally {
      coordinator.insert = original;
    }
    // Every claim row reached the server; none is visible without its document.
    expect(await store.getDocument(chunk.document.id)).toBeNull();
    expect(await store.getClaim(chunk.claims[0]?.id as ClaimId)).toBeNull();
    expect((await store.listClaims({ documentId: chunk.document.id }, { limit: 100 })).total).toBe(0);
    expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 40, duplicates: 0 });
    expect(await store.appendDatasetChunk(chunk)).toEqual({ inserted: 0, duplicates: 40 });
    const listed = await store.listClaims({ documentId: chunk.document.id }, { limit: 100 });
    expect(listed.items).toEqual(chunk.claims);
    // Raw dataset rows stay out of search, as in the embedded store (ADR 0003).
    expect(await store.getDocument(chunk.document.id)).toEqual(chunk.document);
    expect((await store.searchDocuments('"cut short"', { limit: 5 })).total).toBe(0);
  });

  it('counts hours and first-report times on the timeline', async () => {
    const at = (iso: string) => iso as IsoDateTime;
    const hourly = (day: string, hour: number, firstReported: IsoDateTime | null) => {
      const e = testEvent({ day: day as IsoDate, firstReported, status: 'confirmed' });
      return {
        ...e,
        frame: { ...e.frame, time: { start: day as IsoDate, end: day as IsoDate, precision: 'hour' as const, hour } },
      };
    };
    const events = [
      hourly('2031-05-01', 7, at('2031-05-01T09:30:00.000Z')),
      hourly('2031-05-01', 7, at('2031-05-02T23:59:00.000Z')),
      hourly('2031-05-01', 22, null),
      testEvent({ day: '2031-05-01' as IsoDate, firstReported: at('2031-05-03T01:00:00.000Z'), status: 'confirmed' }),
    ];
    await store.apply(withEvidence(events));
    const filter = { from: '2031-01-01' as IsoDate, statuses: ['confirmed' as const] };
    expect(await store.timeline(filter, 'hour', 'status')).toEqual([
      { date: '2031-05-01T07:00Z', counts: { confirmed: 2 }, total: 2 },
      { date: '2031-05-01T22:00Z', counts: { confirmed: 1 }, total: 1 },
    ]);
    expect(await store.timeline(filter, 'hour', 'status', 'report')).toEqual([
      { date: '2031-05-01T09:00Z', counts: { confirmed: 1 }, total: 1 },
      { date: '2031-05-02T23:00Z', counts: { confirmed: 1 }, total: 1 },
      { date: '2031-05-03T01:00Z', counts: { confirmed: 1 }, total: 1 },
    ]);
    expect(await store.timeline(filter, 'day', 'status', 'report')).toEqual([
      { date: '2031-05-01', counts: { confirmed: 1 }, total: 1 },
      { date: '2031-05-02', counts: { confirmed: 1 }, total: 1 },
      { date: '2031-05-03', counts: { confirmed: 1 }, total: 1 },
    ]);
    expect(await store.timeline(filter, 'day', 'status')).toEqual([
      { date: '2031-05-01', counts: { confirmed: 4 }, total: 4 },
    ]);
  });

  it('keeps grades and retractions as new versions, never duplicates', async () => {
    const source = testSource('Versioned Wire');
    const doc = testDocument('Versioned report', {
      sourceId: source.id,
      published: '2024-06-01T00:00:00.000Z' as IsoDateTime,
    });
    await store.apply({ sources: [source], documents: [doc] });
    await store.apply({ grades: [{ sourceId: source.id, reliability: 'A', rationale: 'checked' }] });
    await store.retractDocument(doc.id, 'withdrawn', '2024-06-02T00:00:00.000Z');
    await store.retractDocument(doc.id, 'withdrawn again', '2024-06-03T00:00:00.000Z');
    expect((await store.getDocument(doc.id))?.retracted?.reason).toBe('withdrawn again');
    const listed = await store.listDocuments({ sourceId: source.id }, { limit: 10 });
    expect(listed.total).toBe(1);
    expect(listed.items).toHaveLength(1);
    expect((await store.listSources()).filter((s) => s.id === source.id)).toHaveLength(1);
    expect((await store.getSource(source.id))?.reliability).toBe('A');
  });
});
