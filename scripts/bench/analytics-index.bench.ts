// The analytical index alone at 10 million events: the query engine the SQLite store answers the
// workbench's aggregates with, fed directly from generated events (loading 10M rows through
// Store.apply first takes hours on this machine; see the store benchmark for the end-to-end path at
// 1M). Sizes from BENCH_INDEX_SIZES (default 1,000,000 and 10,000,000).
import type { EventFilter } from '@parallax/core';
import { eventActorRows, eventColumns } from '../../packages/store-sqlite/src/event-columns.ts';
import { EventFactsIndex } from '../../packages/store-sqlite/src/event-facts-index.ts';
import { syntheticChangeSets } from './event-generator.ts';

const sizes = (process.env.BENCH_INDEX_SIZES ?? '1000000,10000000').split(',').map(Number);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function time(fn: () => unknown, runs = 21): { p50: number; p95: number } {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

const out: string[] = ['## Analytical index at scale\n'];
out.push(
  'The in-process columnar index (docs/adr/0001-analytics-index.md) built from synthetic GDELT-shaped events without SQLite in between, ' +
    'so the query engine itself is measured at 10M events. 21 runs after a warm-up; ms. Goal: every workbench query p95 < 300 ms at 10M.\n',
);
out.push('| events | query | p50 | p95 |');
out.push('|---:|---|---:|---:|');
const notes: string[] = [];
for (const n of sizes) {
  const index = new EventFactsIndex();
  let rowid = 0;
  const t0 = performance.now();
  let usa: string[] = [];
  for (const changes of syntheticChangeSets(n, 50_000)) {
    const events = changes.events ?? [];
    if (!usa.length)
      usa = [...new Set(events.flatMap((e) => e.frame.actors.filter((a) => a.code === 'USA').map((a) => a.id)))];
    index.upsert(
      events.map((e) => ({ rowid: ++rowid, id: e.id, columns: eventColumns(e), actors: eventActorRows(e) })),
    );
  }
  const buildMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const arrays = process.memoryUsage().arrayBuffers / 2 ** 20;
  const f = (x: EventFilter) => x;
  const queries: [string, () => unknown][] = [
    ['timeline by day × quad class, no filter', () => index.timeline({}, 'day', 'quadClass')],
    [
      'timeline by week × PLOVER, quad 3–4 + credibility ≤ 3',
      () => index.timeline(f({ quadClasses: [3, 4], minCredibility: 3 }), 'week', 'plover'),
    ],
    [
      'timeline by hour of first report, one week',
      () =>
        index.timeline(f({ from: '2024-06-01' as never, to: '2024-06-07' as never }), 'hour', 'quadClass', 'report'),
    ],
    ['admin-1 counts, no filter', () => index.placeCounts({}, 'admin1')],
    [
      'admin-1 counts, one month',
      () => index.placeCounts(f({ from: '2024-06-01' as never, to: '2024-06-30' as never }), 'admin1'),
    ],
    ['actor edges top 500, no filter', () => index.actorEdges({}, 500)],
    ['actor edges top 500, actor USA', () => index.actorEdges(f({ actorIds: usa as never }), 500)],
    ['event page (50), type ASSAULT', () => index.page(f({ ploverTypes: ['ASSAULT'] }), 50, null)],
    ['event page (50), no filter', () => index.page({}, 50, null)],
    [
      'count, status + country + quad',
      () =>
        index.countMatching(f({ statuses: ['reported', 'confirmed'], countries: ['USA', 'GBR'], quadClasses: [1, 2] })),
    ],
  ];
  for (const [name, q] of queries) {
    const r = time(q);
    out.push(`| ${n.toLocaleString('en-US')} | ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
    console.error(`  ${n}: ${name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
  }
  const snap0 = performance.now();
  const snapshot = index.snapshot();
  const snapMs = performance.now() - snap0;
  const bytes =
    Object.values(snapshot.columns).reduce((s, c) => s + c.byteLength, 0) +
    snapshot.actorIds.byteLength +
    snapshot.actorRoles.byteLength;
  notes.push(
    `- ${n.toLocaleString('en-US')} events: generated and indexed in ${(buildMs / 1000).toFixed(1)} s; ` +
      `snapshot ${(bytes / 2 ** 20).toFixed(0)} MiB (${(bytes / n).toFixed(0)} bytes/event), taken in ${snapMs.toFixed(0)} ms; ` +
      `JS heap ${heapMiB.toFixed(0)} MiB, typed arrays ${arrays.toFixed(0)} MiB.`,
  );
}
console.log([...out, '', ...notes].join('\n'));
