// Scale-out benchmark: the same synthetic GDELT-shaped events (scripts/bench/event-generator.ts) into
// the embedded SQLite store, ClickHouse with 1 shard and ClickHouse with 2 shards, in one run; import
// rate and p50/p95 of each workbench query, plus the rows each shard read (from system.query_log).
// Both ClickHouse layouts run on one throwaway 2-node cluster on 127.0.0.1 started here.
//
//   BENCH_CLICKHOUSE_EVENTS  events to import (default 200,000; docs/benchmarks.md records 1,000,000:
//                            about 14 minutes on 2 shared cores, all three imports and the queries)
//   BENCH_CLICKHOUSE_RUNS    timed runs per query after one warm-up (default 15)
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventFilter, IsoDate, Store } from '@parallax/core';
import { openClickHouseStore } from '@parallax/store-clickhouse';
import { createSqliteStore } from '@parallax/store-sqlite';
import { type LocalCluster, startLocalCluster } from '../clickhouse/local-cluster.ts';
import { syntheticChangeSets } from './event-generator.ts';

const N = Number(process.env.BENCH_CLICKHOUSE_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_CLICKHOUSE_RUNS ?? 15);
/** Events per change set, as store.bench.ts writes them. */
const BATCH = 20_000;
const START = '2024-01-01' as IsoDate;
const DAYS = 365;
const day = (offset: number) => new Date(Date.parse(START) + offset * 86_400_000).toISOString().slice(0, 10) as IsoDate;
const log = (message: string) => console.error(`  ${message}`);

interface Target {
  name: string;
  store: Store;
  database?: string;
  shards?: number;
}

const queries: { name: string; run: (s: Store) => Promise<unknown> }[] = [
  { name: 'timeline by month, quad-class stack, no filter', run: (s) => s.timeline({}, 'month', 'quadClass') },
  {
    name: 'timeline by day, PLOVER stack, last 90 days',
    run: (s) => s.timeline({ from: day(DAYS - 90), to: day(DAYS) }, 'day', 'plover'),
  },
  { name: 'admin-1 counts, no filter', run: (s) => s.placeCounts({}, 'admin1') },
  {
    name: 'admin-1 counts, material conflict in USA',
    run: (s) => s.placeCounts({ countries: ['USA'], quadClasses: [4] }, 'admin1'),
  },
  { name: 'actor edges top 100, last 30 days', run: (s) => s.actorEdges({ from: day(DAYS - 30) }, 100) },
  {
    name: 'event page (50), conflict in GBR or RUS',
    run: (s) => s.listEvents({ countries: ['GBR', 'RUS'], quadClasses: [3, 4] }, { limit: 50 }),
  },
  {
    name: 'event page (50), one week',
    run: (s) => s.listEvents({ from: day(200), to: day(206) }, { limit: 50 }),
  },
  {
    name: 'count, CAMEO 18–20 since July',
    run: (s) => s.countEvents({ cameoRoots: ['18', '19', '20'], from: day(182) } satisfies EventFilter),
  },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

async function http(port: number, sql: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: sql });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse :${port}: ${text}`);
  return text.trim();
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-ch-'));
  let cluster: LocalCluster | null = null;
  const cleanup = async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }
  // The machine is shared: the load around the run is part of the result.
  const loadBefore = loadavg()[0] ?? 0;
  try {
    cluster = await startLocalCluster(dir, 2);
    const [node1, node2] = cluster.nodes;
    if (!node1 || !node2) throw new Error('cluster did not start two nodes');
    const version = await http(node1.httpPort, 'SELECT version()');

    const sqlitePath = join(dir, 'sqlite', 'parallax.db');
    mkdirSync(join(dir, 'sqlite'), { recursive: true });
    const targets: Target[] = [
      { name: 'SQLite (embedded)', store: createSqliteStore({ path: sqlitePath }) },
      {
        name: 'ClickHouse, 1 shard',
        store: await openClickHouseStore({ url: cluster.storeUrl('bench_1shard', 1) }),
        database: 'bench_1shard',
        shards: 1,
      },
      {
        name: 'ClickHouse, 2 shards',
        store: await openClickHouseStore({ url: cluster.storeUrl('bench_2shards', 2) }),
        database: 'bench_2shards',
        shards: 2,
      },
    ];

    const imports: { name: string; seconds: number; records: number; bytes: number }[] = [];
    for (const t of targets) {
      console.error(`▶ importing ${int(N)} events into ${t.name}`);
      let applyMs = 0;
      let records = 0;
      let events = 0;
      for (const changes of syntheticChangeSets(N, BATCH, DAYS)) {
        const t0 = performance.now();
        await t.store.apply(changes);
        applyMs += performance.now() - t0;
        // SQLite's apply never yields to the event loop; let a Ctrl-C reach the cleanup handler.
        await new Promise((resolve) => setImmediate(resolve));
        records += (changes.documents?.length ?? 0) + (changes.claims?.length ?? 0) + (changes.events?.length ?? 0);
        events += changes.events?.length ?? 0;
        if (events % 1_000_000 < BATCH) log(`${int(events)} events, ${int(events / (applyMs / 1000))}/s`);
      }
      let bytes = 0;
      if (t.database) {
        // Let background merges settle so every store is queried in its steady state.
        for (let i = 0; i < 120; i++) {
          const running = await Promise.all(
            [node1, node2].map((n) =>
              http(n.httpPort, `SELECT count() FROM system.merges WHERE database = '${t.database}'`),
            ),
          );
          if (running.every((r) => r === '0')) break;
          await sleep(1000);
        }
        for (const n of [node1, node2]) {
          bytes += Number(
            await http(
              n.httpPort,
              `SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = '${t.database}'`,
            ),
          );
        }
      } else {
        await t.store.countEvents({}); // builds the analytical index, as the first query after opening would
        bytes = statSync(sqlitePath).size;
      }
      imports.push({ name: t.name, seconds: applyMs / 1000, records, bytes });
    }

    console.error('▶ timing queries');
    const results = new Map<string, Map<string, { p50: number; p95: number }>>();
    for (const q of queries) {
      const row = new Map<string, { p50: number; p95: number }>();
      for (const t of targets) row.set(t.name, await timed(() => q.run(t.store)));
      results.set(q.name, row);
      log(`${q.name}: ${targets.map((t) => `${t.name} ${fmt(row.get(t.name)?.p50 ?? Number.NaN)} ms`).join(', ')}`);
    }

    // One more run of each query on the 2-shard store, each alone in its own seconds of query_log,
    // to count the rows each shard read: the coordinator's initial query reports the total, the
    // other shard logs its part as a secondary query.
    console.error('▶ counting rows read per shard');
    const two = targets[2] as Target;
    const windows: { name: string; from: number; to: number }[] = [];
    for (const q of queries) {
      // query_log stamps whole seconds: a second apart, no window can catch its neighbour's queries.
      await sleep(1100);
      const from = Math.floor(Date.now() / 1000);
      await q.run(two.store);
      const to = Math.floor(Date.now() / 1000);
      windows.push({ name: q.name, from, to });
    }
    await sleep(1100);
    await Promise.all([node1, node2].map((n) => http(n.httpPort, 'SYSTEM FLUSH LOGS')));
    const split = new Map<string, { total: number; shard2: number }>();
    for (const w of windows) {
      const where = `type = 2 AND event_time BETWEEN toDateTime(${w.from}) AND toDateTime(${w.to}) AND query LIKE '%bench_2shards.%'`;
      const total = Number(
        await http(
          node1.httpPort,
          `SELECT sum(read_rows) FROM system.query_log WHERE ${where} AND is_initial_query = 1`,
        ),
      );
      const shard2 = Number(
        await http(
          node2.httpPort,
          `SELECT sum(read_rows) FROM system.query_log WHERE ${where} AND is_initial_query = 0`,
        ),
      );
      split.set(w.name, { total, shard2 });
    }
    const perShard = await Promise.all(
      [node1, node2].map((n) => http(n.httpPort, 'SELECT sum(sign) FROM bench_2shards.events_local').then(Number)),
    );

    const out: string[] = [];
    out.push('## Scale-out: ClickHouse vs the embedded store\n');
    out.push(
      `${int(N)} synthetic GDELT-shaped events (\`scripts/bench/event-generator.ts\`: actor pairs, CAMEO codes, ` +
        `Goldstein scores and places drawn from the real export sample, spread over ${DAYS} days), one Claim per Event, ` +
        `written in change sets of ${int(BATCH)} events through ` +
        '`Store.apply` into each store, same data, same run. ClickHouse ' +
        `${version} (Debian), two server processes on this machine (\`scripts/clickhouse/local-cluster.ts\`); ` +
        '“1 shard” is a Distributed table over node 1 only, “2 shards” spreads rows by `cityHash64(id)` over both. ' +
        `Run: \`BENCH_CLICKHOUSE_EVENTS=${N} npm run bench -- clickhouse\`.\n`,
    );
    out.push('### Import\n');
    out.push('| store | events | records written | seconds in `apply` | events/s | on disk |');
    out.push('|---|---:|---:|---:|---:|---:|');
    for (const i of imports) {
      out.push(
        `| ${i.name} | ${int(N)} | ${int(i.records)} | ${i.seconds.toFixed(1)} | ${int(N / i.seconds)} | ${(i.bytes / 2 ** 20).toFixed(0)} MiB |`,
      );
    }
    out.push(
      `\nEvents per shard in the 2-shard store: ${perShard.map(int).join(' / ')}. ` +
        'Records = documents + claims + events.\n',
    );
    out.push(`### Queries (ms, p50 / p95 of ${RUNS} runs after one warm-up)\n`);
    out.push(
      '| query | SQLite (embedded) | ClickHouse, 1 shard | ClickHouse, 2 shards | rows read, 2 shards: shard 1 (coordinator) / shard 2 |',
    );
    out.push('|---|---:|---:|---:|---|');
    for (const q of queries) {
      const row = results.get(q.name);
      const cell = (name: string) => {
        const r = row?.get(name);
        return r ? `${fmt(r.p50)} / ${fmt(r.p95)}` : '–';
      };
      const s = split.get(q.name);
      const rowsRead = s
        ? `${int(s.total - s.shard2)} / ${int(s.shard2)} (coordinator ${s.total ? Math.round(((s.total - s.shard2) / s.total) * 100) : 0}%)`
        : '–';
      out.push(
        `| ${q.name} | ${cell('SQLite (embedded)')} | ${cell('ClickHouse, 1 shard')} | ${cell('ClickHouse, 2 shards')} | ${rowsRead} |`,
      );
    }
    out.push(
      '\nBoth ClickHouse servers share this machine’s cores, so the 2-shard column shows the cost of the extra hop and ' +
        'merge, not the speed-up of a second machine; the rows-read split shows the work a second machine would take over. ' +
        `Load average (1 min) ${loadBefore.toFixed(1)} at the start of the run, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.\n`,
    );
    for (const t of targets) await t.store.close();
    console.log(out.join('\n'));
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
