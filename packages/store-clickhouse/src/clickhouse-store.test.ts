import { describeStoreConformance } from '@parallax/testkit';
import { afterAll, describe, it } from 'vitest';
import { type ClickHouseStore, dropClickHouseDatabase, openClickHouseStore } from './index.ts';
import { CLICKHOUSE_TEST_URL, SKIP_MESSAGE, singleNodeUrl, withDatabase } from './testing/test-server.ts';

if (!CLICKHOUSE_TEST_URL) {
  describe('Store conformance: ClickHouse', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
} else {
  const base = CLICKHOUSE_TEST_URL;
  const created: string[] = [];
  let counter = 0;
  const fresh = (url: string) => {
    const next = withDatabase(url, `parallax_conf_${process.pid}_${++counter}`);
    created.push(next);
    return openClickHouseStore({ url: next });
  };
  const reopen = async (store: ClickHouseStore | { info(): Promise<{ location: string }> }) => {
    const { location } = await store.info();
    await (store as ClickHouseStore).close();
    return openClickHouseStore({ url: location });
  };
  afterAll(async () => {
    for (const url of created) await dropClickHouseDatabase(url);
  });

  describeStoreConformance('ClickHouse cluster (Distributed tables)', {
    create: () => fresh(base),
    reopen: (s) => reopen(s),
  });
  describeStoreConformance('ClickHouse single server', {
    create: () => fresh(singleNodeUrl(base)),
    reopen: (s) => reopen(s),
  });
}
