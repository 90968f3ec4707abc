import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActorEdge, actorEdgesOf, datasetChunkClaims, type Event, timelineOf } from '@parallax/core';
import {
  datasetChunk,
  datasetTableChunk,
  describeStoreConformance,
  randomEvents,
  withEvidence,
} from '@parallax/testkit';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { NEW_PAGE_SIZE } from './open-database.ts';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'parallax-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `ws-${++n}.db`);

describeStoreConformance('sqlite in memory (analytical index)', {
  create: async () => createSqliteStore({ path: ':memory:' }),
});
describeStoreConformance('sqlite in memory (plain SQL)', {
  create: async () => createSqliteStore({ path: ':memory:', analytics: 'sql' }),
});
describeStoreConformance('sqlite file, snapshot after every write', {
  create: async () => createSqliteStore({ path: freshPath(), snapshotAfter: 1 }),
  reopen: async (store) => {
    const { location } = await store.info();
    await store.close();
    return createSqliteStore({ path: location, snapshotAfter: 1 });
  },
});

describe('sqlite workspace files', () => {
  it('migrates a version-2 workspace, filling the hour and report-time columns from stored events', async () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) m.up(raw);
    raw.pragma('user_version = 2');
    const store2 = withEvidence(randomEvents(12, 31));
    raw.close();
    // Write through a current store into a copy, then graft the event rows into the v2 file.
    const current = createSqliteStore({ path: ':memory:' });
    await current.apply(store2);
    const rows = current.database
      .prepare('SELECT id, version, start_day, end_day, credibility, status, body FROM events')
      .all() as Record<string, unknown>[];
    await current.close();
    const v2 = new Database(path);
    const insert = v2.prepare(
      'INSERT INTO events (id, version, start_day, end_day, credibility, status, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) insert.run(r.id, r.version, r.start_day, r.end_day, r.credibility, r.status, r.body);
    v2.close();
    const migrated = createSqliteStore({ path, analytics: 'sql' });
    const events = store2.events ?? [];
    expect(await migrated.timeline({}, 'hour', 'status', 'report')).toEqual(
      timelineOf(events, 'hour', 'status', 'report'),
    );
    expect(await migrated.timeline({}, 'hour', 'status', 'event')).toEqual(
      timelineOf(events, 'hour', 'status', 'event'),
    );
    await migrated.close();
  });

  it('migrates a version-3 workspace: dataset claims stored as rows stay readable and count as duplicates', async () => {
    // A v3 workspace holding an imported slice whose claims are rows of the claims table.
    const before = freshPath();
    const current = createSqliteStore({ path: before });
    const rows = datasetChunk(6, 'old import');
    await current.appendDatasetChunk(rows);
    await current.close();
    const path = freshPath();
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) m.up(raw);
    raw.pragma('user_version = 3');
    raw.exec(`ATTACH '${before}' AS cur`);
    for (const table of ['sources', 'documents', 'actors', 'places', 'claims'])
      raw.exec(`INSERT INTO main.${table} SELECT * FROM cur.${table}`);
    raw.exec('DETACH cur');
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'dataset_segments'").get()).toEqual({
      n: 0,
    });
    raw.close();

    const migrated = createSqliteStore({ path });
    expect((await migrated.info()).schemaVersion).toBe(SCHEMA_VERSION);
    for (const c of rows.claims) expect(await migrated.getClaim(c.id)).toEqual(c);
    // Re-importing the same records, now as columns, adds only the rows not stored before.
    const records = rows.claims.map((c) => Number(c.dataset?.recordId));
    const again = datasetTableChunk([...records, 9_001, 9_002], 'old import again');
    expect(await migrated.appendDatasetChunk(again)).toEqual({ inserted: 2, duplicates: 6 });
    for (const c of datasetChunkClaims(again).slice(6)) expect(await migrated.getClaim(c.id)).toEqual(c);
    expect((await migrated.info()).counts.claims).toBe(8);
    await migrated.close();
  });

  it('migrates a version-4 workspace: the filter indexes go, and events list in the order the analytical index gives', async () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((m) => m.version <= 4)) m.up(raw);
    raw.pragma('user_version = 4');
    raw.close();
    const v4 = new Database(path);
    const indexes = () =>
      (
        v4.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as {
          name: string;
        }[]
      )
        .map((r) => r.name)
        .sort();
    expect(indexes()).toContain('events_by_plover');
    v4.close();
    const changes = withEvidence(randomEvents(30, 5));
    const before = createSqliteStore({ path, analytics: 'sql' });
    await before.apply(changes);
    const after = before.database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    // Only the id's and the analytical index's catch-up index are left on the events table.
    expect(after).toEqual(['events_by_version', 'sqlite_autoindex_events_1']);
    const listed = await before.listEvents({}, { limit: 100 });
    expect(listed.total).toBe(30);
    const indexed = createSqliteStore({ path: ':memory:' });
    await indexed.apply(changes);
    expect(listed.items.map((e) => e.id)).toEqual(
      (await indexed.listEvents({}, { limit: 100 })).items.map((e) => e.id),
    );
    await indexed.close();
    await before.close();
  });

  it('gives a new workspace 64 KiB pages and leaves an existing workspace its own page size', async () => {
    const fresh = freshPath();
    const created = createSqliteStore({ path: fresh });
    expect(created.database.pragma('page_size', { simple: true })).toBe(NEW_PAGE_SIZE);
    // The checkpoint interval is counted in pages: ~64 MB of WAL whatever the page size.
    expect(created.database.pragma('wal_autocheckpoint', { simple: true })).toBe(2 ** 26 / NEW_PAGE_SIZE);
    await created.appendDatasetChunk(datasetTableChunk([1, 2, 3], 'fresh'));
    await created.close();

    const old = freshPath();
    const raw = new Database(old);
    raw.pragma('page_size = 4096');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS) m.up(raw);
    raw.pragma(`user_version = ${MIGRATIONS.at(-1)?.version}`);
    raw.close();
    const reopened = createSqliteStore({ path: old });
    expect(reopened.database.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.database.pragma('wal_autocheckpoint', { simple: true })).toBe(2 ** 26 / 4096);
    expect(await reopened.appendDatasetChunk(datasetTableChunk([1, 2, 3], 'old'))).toEqual({
      inserted: 3,
      duplicates: 0,
    });
    await reopened.close();
    expect(createSqliteStore({ path: fresh }).database.pragma('page_size', { simple: true })).toBe(NEW_PAGE_SIZE);
  });

  it('refuses a file that is not SQLite, naming it', () => {
    const path = join(dir, 'not-a-db.db');
    writeFileSync(path, 'hello, this is plain text and no database at all');
    expect(() => createSqliteStore({ path })).toThrow(
      `${path}: not a Parallax workspace (the file is not an SQLite database)`,
    );
  });

  it('refuses an SQLite database that belongs to another program', () => {
    const path = join(dir, 'foreign.db');
    const other = new Database(path);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    expect(() => createSqliteStore({ path })).toThrow(/an SQLite database, but not a Parallax workspace/);
  });

  it('refuses a workspace from a newer schema', () => {
    const path = freshPath();
    createSqliteStore({ path }).close();
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => createSqliteStore({ path })).toThrow(/written by a newer Parallax \(schema 999/);
  });

  it('reports a damaged database clearly', () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    store.database.pragma('journal_mode = DELETE');
    void store.close();
    const bytes = Buffer.alloc(8192, 0x41);
    Buffer.from('SQLite format 3\u0000').copy(bytes);
    writeFileSync(path, bytes);
    expect(() => createSqliteStore({ path })).toThrow(new RegExp(`${path.replace(/[.]/g, '\\.')}: `));
  });

  it('catches up when another connection writes, without a reload', async () => {
    const path = freshPath();
    const reader = createSqliteStore({ path });
    const writer = createSqliteStore({ path });
    const events = randomEvents(40, 17);
    expect(await reader.countEvents({})).toBe(0);
    await writer.apply(withEvidence(events.slice(0, 25)));
    expect(await reader.countEvents({})).toBe(25);
    await writer.apply({ ...withEvidence(events.slice(25)), removeEventIds: [events[0]?.id as never] });
    expect(await reader.countEvents({})).toBe(39);
    await reader.close();
    await writer.close();
  });

  it('keeps actor edges right when events arrive, change and go after the first edge query', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const events = randomEvents(120, 23);
    // Sums of Goldstein scores depend on the order they are added in: compare them rounded.
    const rounded = (edges: ActorEdge[]) =>
      edges.map((e) => ({ ...e, goldsteinSum: Math.round(e.goldsteinSum * 1e6) }));
    const expectEdges = async (live: Event[]) => {
      for (const limit of [3, 10, 1000])
        expect(rounded(await store.actorEdges({}, limit))).toEqual(rounded(actorEdgesOf(live, limit)));
    };
    await store.apply(withEvidence(events.slice(0, 60)));
    await expectEdges(events.slice(0, 60));
    // New events, a replaced one (other actors) and a removed one, after the pair column was built.
    const replaced = { ...(events[0] as Event), frame: (events[90] as Event).frame };
    await store.apply(withEvidence([...events.slice(60, 90), replaced]));
    await store.apply({ removeEventIds: [(events[1] as Event).id] });
    await expectEdges([replaced, ...events.slice(2, 90)]);
    await store.close();
  });

  it('writes nothing when a change set is rejected midway', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    const good = withEvidence(randomEvents(5, 1));
    await store.apply(good);
    const before = await store.info();
    const bad = withEvidence(randomEvents(3, 2));
    const first = bad.events?.[0];
    if (!first) throw new Error('fixture');
    const broken = { ...bad, events: [...(bad.events ?? []), { ...first, id: 'evt_zz' as typeof first.id }] };
    await expect(store.apply(broken)).rejects.toThrow(/ids must be evt_/);
    expect((await store.info()).counts).toEqual(before.counts);
    await store.close();
  });
});
