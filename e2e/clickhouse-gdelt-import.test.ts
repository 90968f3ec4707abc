// End to end on ClickHouse: the real GDELT sample goes through the same import use case into the
// embedded store and into a sharded ClickHouse store, and every workbench question must get the same
// answer from both. Runs under `npm run test:clickhouse` (PARALLAX_TEST_CLICKHOUSE set).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDatasetFiles } from '@parallax/app';
import type { ClaimId, Clock, EventFilter, IsoDateTime, Store } from '@parallax/core';
import { ReferenceData, readGdeltExportFile } from '@parallax/runtime';
import { dropClickHouseDatabase, openClickHouseStore } from '@parallax/store-clickhouse';
import { createSqliteStore } from '@parallax/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const URL_ENV = process.env.PARALLAX_TEST_CLICKHOUSE?.trim() || null;
const GDELT = fileURLToPath(new URL('../data/gdelt/samples/20180326044500.export.CSV', import.meta.url));
const clock: Clock = { now: () => '2024-11-01T12:00:00.000Z' as IsoDateTime };

const suite = URL_ENV ? describe : describe.skip;
const name = URL_ENV
  ? 'GDELT import into ClickHouse answers like the embedded store'
  : 'GDELT import into ClickHouse (skipped: no ClickHouse configured; set PARALLAX_TEST_CLICKHOUSE or run `npm run test:clickhouse`)';

suite(name, () => {
  const url = (URL_ENV ?? '').replace(/^(clickhouse:\/\/[^/?#]+\/)[^?#]*/, `$1parallax_e2e_${process.pid}`);
  let dir: string;
  let sqlite: Store;
  let clickhouse: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-e2e-ch-'));
    await dropClickHouseDatabase(url);
    sqlite = createSqliteStore({ path: join(dir, 'parallax.db') });
    clickhouse = await openClickHouseStore({ url });
    const reference = new ReferenceData();
    for (const store of [sqlite, clickhouse]) {
      const summary = await importDatasetFiles({ store, clock }, [readGdeltExportFile(GDELT, reference, clock)]);
      expect(summary.inserted).toBeGreaterThan(1000);
      expect(summary.events?.events).toBeGreaterThan(1000);
    }
  });
  afterAll(async () => {
    await sqlite?.close();
    await clickhouse?.close();
    await dropClickHouseDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the same records', async () => {
    expect((await clickhouse.info()).counts).toEqual((await sqlite.info()).counts);
  });

  it('pages through the same events in the same order', async () => {
    const walk = async (store: Store, filter: EventFilter) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; next: string | null } = await store.listEvents(filter, {
          limit: 333,
          cursor,
        });
        ids.push(...page.items.map((e) => e.id));
        cursor = page.next;
      } while (cursor);
      return ids;
    };
    const all = await walk(clickhouse, {});
    expect(all.length).toBeGreaterThan(1000);
    expect(all).toEqual(await walk(sqlite, {}));
    const [top] = await sqlite.placeCounts({}, 'country');
    const filter: EventFilter = { countries: [top?.code ?? ''], quadClasses: [1, 4] };
    expect(await walk(clickhouse, filter)).toEqual(await walk(sqlite, filter));
  });

  it('answers every aggregate the same way', async () => {
    const countries = (await sqlite.placeCounts({}, 'country')).slice(0, 3).map((p) => p.code);
    const filters: EventFilter[] = [
      {},
      { countries },
      { cameoRoots: ['19', '04'], minCredibility: 5 },
      { from: '2018-03-20' as never, to: '2018-03-26' as never },
      { bbox: [-30, 20, 60, 70] },
    ];
    for (const filter of filters) {
      expect(await clickhouse.countEvents(filter)).toBe(await sqlite.countEvents(filter));
      for (const interval of ['day', 'week', 'month'] as const) {
        for (const stack of ['quadClass', 'plover', 'status'] as const) {
          expect(await clickhouse.timeline(filter, interval, stack)).toEqual(
            await sqlite.timeline(filter, interval, stack),
          );
        }
      }
      expect(await clickhouse.placeCounts(filter, 'admin1')).toEqual(await sqlite.placeCounts(filter, 'admin1'));
      expect(await clickhouse.placeCounts(filter, 'country')).toEqual(await sqlite.placeCounts(filter, 'country'));
      const a = await clickhouse.actorEdges(filter, 25);
      const b = await sqlite.actorEdges(filter, 25);
      expect(a.map(({ goldsteinSum, ...e }) => e)).toEqual(b.map(({ goldsteinSum, ...e }) => e));
      a.forEach((e, i) => {
        expect(e.goldsteinSum).toBeCloseTo(b[i]?.goldsteinSum ?? Number.NaN, 6);
      });
    }
  });

  it('links claims, documents and events the same way', async () => {
    const [doc] = (await sqlite.listDocuments({}, { limit: 1 })).items;
    if (!doc) throw new Error('no document imported');
    const ch = await clickhouse.listClaims({ documentId: doc.id }, { limit: 50 });
    const sq = await sqlite.listClaims({ documentId: doc.id }, { limit: 50 });
    expect(ch.total).toBe(sq.total);
    expect(ch.items).toEqual(sq.items);
    const claimIds = sq.items.slice(0, 20).map((c) => c.id as ClaimId);
    expect(await clickhouse.eventIdsForClaims(claimIds)).toEqual(await sqlite.eventIdsForClaims(claimIds));
    const [event] = (await sqlite.listEvents({ documentId: doc.id }, { limit: 1 })).items;
    if (event) expect(await clickhouse.getEvent(event.id)).toEqual(event);
    expect((await clickhouse.searchDocuments('gdelt', { limit: 5 })).total).toBe(
      (await sqlite.searchDocuments('gdelt', { limit: 5 })).total,
    );
  });

  it('imports the same file again without adding anything', async () => {
    const before = await clickhouse.info();
    const again = await importDatasetFiles({ store: clickhouse, clock }, [
      readGdeltExportFile(GDELT, new ReferenceData(), clock),
    ]);
    expect(again.inserted).toBe(0);
    expect((await clickhouse.info()).counts).toEqual(before.counts);
  });
});
