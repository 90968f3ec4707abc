// Store benchmark: loads N synthetic GDELT-shaped events into the embedded SQLite store and times
// the workbench's queries two ways in the same run — the in-process analytical index (default) and
// plain SQL over indexed columns (the baseline). Sizes from BENCH_SIZES (default 1,000,000).
import { mkdirSync, rmSync, statSync } from 'node:fs';
import type { EventFilter, Store } from '@parallax/core';
import { createSqliteStore } from '@parallax/store-sqlite';
import { syntheticChangeSets } from './event-generator.ts';

const sizes = (process.env.BENCH_SIZES ?? '1000000').split(',').map(Number);
const dir = new URL('../../.bench/store/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

const usa = 'USA';
const queries: [string, (s: Store, actorIds: EventFilter['actorIds']) => Promise<unknown>][] = [
  ['timeline by day, stacked by quad class, no filter', (s) => s.timeline({}, 'day', 'quadClass')],
  [
    'timeline by week, PLOVER stack, conflict + credibility ≤ 3',
    (s) => s.timeline({ quadClasses: [3, 4], minCredibility: 3 }, 'week', 'plover'),
  ],
  [
    'timeline by hour of first report, one week',
    (s) => s.timeline({ from: '2024-06-01' as never, to: '2024-06-07' as never }, 'hour', 'quadClass', 'report'),
  ],
  ['admin-1 counts, no filter', (s) => s.placeCounts({}, 'admin1')],
  [
    'admin-1 counts, one month',
    (s) => s.placeCounts({ from: '2024-06-01' as never, to: '2024-06-30' as never }, 'admin1'),
  ],
  ['actor edges top 500, no filter', (s) => s.actorEdges({}, 500)],
  ['actor edges top 500, one actor (USA)', (s, ids) => s.actorEdges({ actorIds: ids ?? [] }, 500)],
  ['event page (50), type ASSAULT', (s) => s.listEvents({ ploverTypes: ['ASSAULT'] }, { limit: 50 })],
  [
    'count, status + country + quad',
    (s) => s.countEvents({ statuses: ['reported', 'confirmed'], countries: ['USA', 'GBR'], quadClasses: [1, 2] }),
  ],
];

const out: string[] = [];
out.push('## Store: workbench queries on the embedded store\n');
out.push(
  'Synthetic GDELT-shaped events (`scripts/bench/event-generator.ts`, distributions from the real sample) in one SQLite file. ' +
    '“index” is the in-process columnar index (docs/adr/0001-analytics-index.md); “SQL” is the baseline: plain SQL over the ' +
    'indexed filter columns of the same file, same run. Latencies in ms (p50 / p95).\n',
);

for (const n of sizes) {
  const path = `${dir}events-${n}.db`;
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  const writer = createSqliteStore({ path });
  const t0 = performance.now();
  let done = 0;
  for (const changes of syntheticChangeSets(n)) {
    await writer.apply(changes);
    done += changes.events?.length ?? 0;
    if (done % 500_000 === 0) console.error(`  loaded ${done.toLocaleString('en-US')} events`);
  }
  const loadMs = performance.now() - t0;
  await writer.close();
  const size = statSync(path).size;

  const indexed = createSqliteStore({ path, snapshotAfter: 1 });
  const b0 = performance.now();
  await indexed.countEvents({});
  const buildMs = performance.now() - b0;
  await indexed.close();
  const reopened = createSqliteStore({ path });
  const s0 = performance.now();
  await reopened.countEvents({});
  const snapshotMs = performance.now() - s0;
  const heap = process.memoryUsage();

  const sql = createSqliteStore({ path, analytics: 'sql' });
  // Actor ids of USA-coded actors, resolved once for the actor-filtered query.
  const usaActors = (await reopened.listEvents({ countries: [usa] }, { limit: 200 })).items.flatMap((e) =>
    e.frame.actors.filter((a) => a.code?.startsWith(usa)).map((a) => a.id),
  );
  const filterIds = [...new Set(usaActors)];

  out.push(`\n### ${n.toLocaleString('en-US')} events\n`);
  out.push(
    `Load through \`Store.apply\` (events + claims + generation, 20,000 per transaction): ${(loadMs / 1000).toFixed(1)} s, ` +
      `${Math.round(n / (loadMs / 1000)).toLocaleString('en-US')} events/s; file ${(size / 2 ** 30).toFixed(2)} GiB. ` +
      `Index: first build from rows ${(buildMs / 1000).toFixed(1)} s; load from its snapshot in a new process-equivalent store ${(snapshotMs / 1000).toFixed(2)} s; ` +
      `RSS after load ${(heap.rss / 2 ** 20).toFixed(0)} MiB.\n`,
  );
  out.push('| query | index p50 | index p95 | SQL p50 | SQL p95 | SQL ÷ index (p50) |');
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const [name, q] of queries) {
    const fast = await time(() => q(reopened, filterIds), 20);
    const slow = await time(() => q(sql, filterIds), n > 2_000_000 ? 3 : 5);
    out.push(
      `| ${name} | ${fast.p50.toFixed(1)} | ${fast.p95.toFixed(1)} | ${slow.p50.toFixed(0)} | ${slow.p95.toFixed(0)} | ${(slow.p50 / fast.p50).toFixed(0)}× |`,
    );
    console.error(`  ${name}: index ${fast.p50.toFixed(1)} ms, sql ${slow.p50.toFixed(0)} ms`);
  }
  await reopened.close();
  await sql.close();
  if (!process.env.BENCH_KEEP) {
    rmSync(path, { force: true });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
}
console.log(out.join('\n'));
