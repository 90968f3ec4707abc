import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actorEdgesOf,
  compareEventsNewestFirst,
  type Event,
  type IsoDate,
  matchesEventFilter,
  placeCountsOf,
  type Store,
  type StoreChanges,
  timelineOf,
} from '@parallax/core';
import { createMemoryStore, randomEvents, sampleFilters, withEvidence } from '@parallax/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLICKHOUSE_BINARY,
  type LocalCluster,
  type LocalNode,
  startLocalCluster,
} from '../../../scripts/clickhouse/local-cluster.ts';
import { ClickHouseNode } from './clickhouse-node.ts';
import {
  ClickHouseSchemaError,
  type ClickHouseStore,
  ClickHouseUnavailableError,
  openClickHouseStore,
} from './index.ts';
import { CLICKHOUSE_TEST_URL, SKIP_MESSAGE } from './testing/test-server.ts';

// These tests stop and start shards, so they run their own two-node cluster rather than the shared one.
const enabled = CLICKHOUSE_TEST_URL !== null && existsSync(CLICKHOUSE_BINARY);
const suite = enabled ? describe : describe.skip;

/** Everything the workbench asks, answered by a store, for comparing two stores. */
async function answers(store: Store) {
  const out: unknown[] = [];
  for (const filter of sampleFilters().slice(0, 12)) {
    out.push(
      (await store.listEvents(filter, { limit: 1000 })).items.map((e) => e.id),
      await store.countEvents(filter),
      await store.timeline(filter, 'month', 'status'),
      await store.placeCounts(filter, 'admin1'),
      (await store.actorEdges(filter, 5)).map(({ goldsteinSum, ...rest }) => ({ ...rest, g: goldsteinSum.toFixed(6) })),
    );
  }
  return out;
}

/** A later write: regrades some events, moves some to another month, removes others. */
function revision(base: StoreChanges): StoreChanges {
  const events = base.events ?? [];
  const changed: Event[] = [];
  events.forEach((e, i) => {
    if (i % 3 === 0) changed.push({ ...e, status: 'confirmed', credibility: 1, rationale: 'revised' });
    if (i % 3 === 1 && e.frame.time) {
      const moved = { ...e.frame.time, start: '2023-02-01' as IsoDate, end: '2023-02-03' as IsoDate };
      changed.push({ ...e, frame: { ...e.frame, time: moved } });
    }
  });
  return { events: changed, removeEventIds: events.filter((_, i) => i % 7 === 2).map((e) => e.id) };
}

suite(enabled ? 'ClickHouse store when shards fail' : `ClickHouse store when shards fail (${SKIP_MESSAGE})`, () => {
  let dir: string;
  let cluster: LocalCluster;
  let node1: LocalNode;
  let node2: LocalNode;
  const direct = (node: LocalNode) =>
    new ClickHouseNode({ host: '127.0.0.1', port: node.httpPort }, { username: 'default', password: '' });
  const localCount = async (node: LocalNode, db: string, table: string) => {
    const n = direct(node);
    try {
      const [r] = await n.rows<{ n: string }>(`SELECT count() AS n FROM ${db}.${table}_local`);
      return Number(r?.n);
    } finally {
      await n.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-ch-faults-'));
    cluster = await startLocalCluster(dir, 2);
    [node1, node2] = cluster.nodes as [LocalNode, LocalNode];
  });
  afterAll(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the shard that is down, refuses writes before sending a row, and recovers', async () => {
    const url = cluster.storeUrl('faults_down');
    const store = await openClickHouseStore({ url });
    const all = withEvidence(randomEvents(40, 1));
    const first = { ...all, events: all.events?.slice(0, 20) };
    const second = { ...all, events: all.events?.slice(20) };
    await store.apply(first);
    const before = await Promise.all(['documents', 'claims', 'events'].map((t) => localCount(node1, 'faults_down', t)));

    await cluster.stopNode(node2);
    const read = store.countEvents({});
    await expect(read).rejects.toBeInstanceOf(ClickHouseUnavailableError);
    await expect(store.countEvents({})).rejects.toThrow(
      new RegExp(
        `shard 2 at 127\\.0\\.0\\.1:${node2.tcpPort} \\(http 127\\.0\\.0\\.1:${node2.httpPort}\\) is unreachable`,
      ),
    );
    const write = store.apply(second);
    await expect(write).rejects.toBeInstanceOf(ClickHouseUnavailableError);
    await expect(store.apply(second)).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${node2.httpPort} \\(shard 2 of cluster parallax_2shards\\) is unreachable`),
    );
    expect(
      await Promise.all(['documents', 'claims', 'events'].map((t) => localCount(node1, 'faults_down', t))),
    ).toEqual(before);
    await expect(openClickHouseStore({ url })).rejects.toThrow(
      new RegExp(`ClickHouse 127\\.0\\.0\\.1:${node2.httpPort} is unreachable`),
    );

    await cluster.startNode(node2);
    await store.apply(second);
    const reference = createMemoryStore();
    await reference.apply(all);
    expect(await answers(store)).toEqual(await answers(reference));
    await store.close();
  });

  it('refuses a node whose schema is newer or missing, naming it', async () => {
    const url = cluster.storeUrl('faults_schema');
    const store = await openClickHouseStore({ url });
    const n2 = direct(node2);
    const who = `127\\.0\\.0\\.1:${node2.httpPort} \\(shard 2 of cluster parallax_2shards\\)`;
    try {
      await n2.command(
        "INSERT INTO faults_schema.parallax_schema (version, description, applied_at) VALUES (99, 'from the future', now())",
      );
      await expect(openClickHouseStore({ url })).rejects.toBeInstanceOf(ClickHouseSchemaError);
      await expect(openClickHouseStore({ url })).rejects.toThrow(
        new RegExp(`${who}: database faults_schema is at schema version 99, newer than this Parallax \\(1\\)`),
      );
      await expect(store.apply(withEvidence(randomEvents(3, 3)))).rejects.toThrow(
        new RegExp(`${who}: database faults_schema is at schema version 99, this Parallax needs 1`),
      );

      // A node replaced by an empty one: the write is refused before anything reaches the other shard.
      await n2.command('DROP DATABASE faults_schema');
      await expect(store.apply(withEvidence(randomEvents(3, 3)))).rejects.toThrow(
        new RegExp(`${who}: database faults_schema has no Parallax schema`),
      );
      expect(await localCount(node1, 'faults_schema', 'events')).toBe(0);
      expect(await localCount(node1, 'faults_schema', 'documents')).toBe(0);
      await expect(openClickHouseStore({ url, migrate: false })).rejects.toThrow(
        new RegExp(`${who}: database faults_schema is at schema version 0, this Parallax needs 1`),
      );
      const healed = await openClickHouseStore({ url });
      await healed.apply(withEvidence(randomEvents(3, 3)));
      expect(await healed.countEvents({})).toBe(3);
      await healed.close();
    } finally {
      await n2.close();
      await store.close();
    }
  });

  it('completes a write cut short between shards when it is applied again, without duplicates', async () => {
    const url = cluster.storeUrl('faults_partial');
    // Tiny insert requests, so the events go out in many requests and one can fail half-way through.
    const store: ClickHouseStore = await openClickHouseStore({ url, insertBatchBytes: 12_000 });
    const base = withEvidence(randomEvents(60, 2));
    await store.apply(base);
    const update = revision(base);

    const coordinator = store.topology.coordinator;
    const original = coordinator.insert.bind(coordinator);
    let eventRequests = 0;
    let stopped: Promise<void> | null = null;
    coordinator.insert = async (table, rows, settings) => {
      if (table.endsWith('.events') && ++eventRequests === 3) {
        stopped = cluster.stopNode(node2);
        await stopped;
      }
      return original(table, rows, settings);
    };
    await expect(store.apply(update)).rejects.toThrow(
      new RegExp(`shard 2 at 127\\.0\\.0\\.1:${node2.tcpPort} .*is unreachable`),
    );
    coordinator.insert = original;
    await stopped;
    await cluster.startNode(node2);
    expect(eventRequests).toBeGreaterThanOrEqual(3);

    // Half-written, but consistent: every event that shows cites claims that are stored.
    const visible = (await store.listEvents({}, { limit: 1000 })).items;
    for (const e of visible) for (const c of e.claimIds) expect(await store.getClaim(c)).not.toBeNull();

    const reference = createMemoryStore();
    await reference.apply(base);
    const expected = await reference.apply(update);
    expect(await answers(store)).not.toEqual(await answers(reference));
    const retried = await store.apply(update);
    expect(retried.inserted + retried.updated).toBeGreaterThan(0);
    expect(retried.updated).toBeLessThanOrEqual(expected.updated);
    expect(await answers(store)).toEqual(await answers(reference));
    // Once complete, writing it again counts exactly as the reference counts a repeat.
    expect(await store.apply(update)).toEqual(await reference.apply(update));
    expect(await answers(store)).toEqual(await answers(reference));
    await store.close();
  });

  it('repairs an event whose version was written twice the next time the event is written', async () => {
    const url = cluster.storeUrl('faults_double');
    const store = await openClickHouseStore({ url });
    const changes = withEvidence(randomEvents(10, 4));
    await store.apply(changes);
    const target = changes.events?.[0] as Event;
    // A duplicate +1 row, as a write retried blindly by some other tool would leave.
    const coordinator = store.topology.coordinator;
    const copies = await coordinator.rows<{ ver: string }>(
      `SELECT * FROM faults_double.events WHERE id = '${target.id}' AND sign = 1`,
    );
    await coordinator.insert(
      'faults_double.events',
      copies.map((r) => ({ ...r, ver: Number(r.ver) })),
      { insert_distributed_sync: 1 },
    );
    expect(await store.countEvents({})).toBe(11);
    expect(await store.apply({ events: [target] })).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(await store.countEvents({})).toBe(10);
    const page = (await store.listEvents({}, { limit: 100 })).items;
    const ids = [...(changes.events ?? [])].sort(compareEventsNewestFirst).map((e) => e.id);
    expect(page.map((e) => e.id)).toEqual(ids);
    const stored = changes.events ?? [];
    expect(await store.timeline({}, 'day', 'plover')).toEqual(timelineOf(stored, 'day', 'plover'));
    expect(await store.placeCounts({}, 'country')).toEqual(placeCountsOf(stored, 'country'));
    expect((await store.actorEdges({}, 3)).map((e) => e.count)).toEqual(
      actorEdgesOf(
        stored.filter((e) => matchesEventFilter(e, {})),
        3,
      ).map((e) => e.count),
    );
    await store.close();
  });
});
