// Corroboration benchmark: claims clustered and weighed per second, and memory, at 100k and 1M
// synthetic claims (GDELT-shaped rows plus text-like claims, scripts/bench/claim-generator.ts). Two
// parts, each with a baseline from the same run:
//  1. In memory: `corroborate` (cluster + weigh) against the previous approach, grouping by an exact
//     frame key (type, actors, admin-1) and splitting runs in time; both from the same claims.
//  2. On the embedded store: the full re-weighing an import used to trigger, against the incremental
//     path (`recorroborate` with the new claims) for one GDELT 15-minute file and for one article.
// Sizes from BENCH_SIZES (default 100000,1000000); the store part runs up to BENCH_STORE_MAX claims.
import { mkdirSync, rmSync } from 'node:fs';
import { recorroborate } from '@parallax/app';
import {
  type Claim,
  clusterProfiles,
  corroborate,
  type DocumentId,
  epochDay,
  profileClaim,
  type SourceId,
  type Store,
} from '@parallax/core';
import { createSqliteStore } from '@parallax/store-sqlite';
import { syntheticClaims } from './claim-generator.ts';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const dir = new URL('../../.bench/corroborate/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
const clock = { now: () => '2024-06-01T00:00:00.000Z' as never };
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
const secs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
}

/** The approach on main before this work: exact frame key, then runs of claims within 3 days. */
function exactKeyBaseline(claims: readonly Claim[]): Claim[][] {
  const byKey = new Map<string, Claim[]>();
  for (const c of claims) {
    const f = c.frame;
    const ids = (role: string) =>
      f.actors
        .filter((a) => a.role === role)
        .map((a) => a.id)
        .sort()
        .join('+');
    const key = `${f.plover?.type ?? f.cameo}|${ids('source')}|${ids('target')}|${f.place?.admin1 ?? f.place?.country ?? ''}`;
    const g = byKey.get(key);
    if (g) g.push(c);
    else byKey.set(key, [c]);
  }
  const out: Claim[][] = [];
  for (const group of byKey.values()) {
    const dated = group
      .filter((c) => c.frame.time)
      .sort((a, b) => epochDay(a.frame.time?.start as never) - epochDay(b.frame.time?.start as never));
    let end = Number.NEGATIVE_INFINITY;
    for (const c of dated) {
      const t = c.frame.time as NonNullable<Claim['frame']['time']>;
      if (out.length && epochDay(t.start) <= end + 3) (out.at(-1) as Claim[]).push(c);
      else out.push([c]);
      end = Math.max(end, epochDay(t.end));
    }
  }
  return out;
}

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const out: string[] = [];
out.push('## Corroboration: clustering and weighing claims\n');
out.push(
  'Synthetic claims (`scripts/bench/claim-generator.ts`): 98% GDELT-shaped rows (actor pairs, CAMEO codes and places ' +
    'drawn from the real sample, 1–3 rows per article, a third re-reporting a recent happening) and 2% text-like claims ' +
    '(attributed speakers, month-long or multi-day spans, denials, troop figures), spread over 30 days.\n',
);
out.push('### In memory (pure core)\n');
out.push(
  '| claims | exact-key grouping (baseline) | clustering | clustering + weighing | claims/s (cluster + weigh) | events | heap held by claims + events | RSS |',
);
out.push('|---:|---:|---:|---:|---:|---:|---:|---:|');

const storeRows: string[] = [];
for (const n of sizes) {
  gc();
  const corpus = syntheticClaims(n);
  const ctx = {
    documents: new Map<DocumentId, (typeof corpus.documents)[number]>(corpus.documents.map((d) => [d.id, d])),
    sources: new Map<SourceId, (typeof corpus.sources)[number]>(corpus.sources.map((s) => [s.id, s])),
  };
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const runs = n <= 200_000 ? 3 : 1;
  const base: number[] = [];
  const cluster: number[] = [];
  const total: number[] = [];
  let events = 0;
  let held = 0;
  for (let r = 0; r < runs; r++) {
    base.push(timeIt(() => exactKeyBaseline(corpus.claims)).ms);
    gc();
    cluster.push(timeIt(() => clusterProfiles(corpus.claims.map(profileClaim))).ms);
    gc();
    const run = timeIt(() => corroborate(corpus.claims, ctx));
    total.push(run.ms);
    events = run.value.length;
    held = Math.max(held, process.memoryUsage().heapUsed - heapBefore);
    gc();
  }
  const rss = process.memoryUsage().rss;
  out.push(
    `| ${n.toLocaleString('en-US')} | ${secs(median(base))} | ${secs(median(cluster))} | ${secs(median(total))} | ${rate(n, median(total))} | ${events.toLocaleString('en-US')} | ${mib(held)} | ${mib(rss)} |`,
  );
  // Progress on stderr: a 1M run takes a while, and partial figures are still figures.
  console.error(out.at(-1));
  if (n > Number(process.env.BENCH_STORE_MAX ?? Number.POSITIVE_INFINITY)) continue;

  // Part 2: the same claims in a SQLite workspace.
  const path = `${dir}claims-${n}.db`;
  rmSync(path, { force: true });
  const store: Store = createSqliteStore({ path });
  await store.apply({ sources: corpus.sources });
  for (let i = 0; i < corpus.claims.length; i += 20_000) {
    const chunk = corpus.claims.slice(i, i + 20_000);
    const needed = new Set(chunk.map((c) => c.documentId));
    await store.apply({ documents: corpus.documents.filter((d) => needed.has(d.id)), claims: chunk });
  }
  const full = await timeAsync(() => recorroborate({ store, clock }));
  console.error(`  ${n}: full re-weighing on the store ${secs(full.ms)}`);
  const days = Date.UTC(2024, 0, 1) / 86_400_000;
  const incremental: number[] = [];
  const region: number[] = [];
  for (let b = 0; b < 3; b++) {
    const batch = syntheticClaims(1_500, {
      tag: `gdelt${b}`,
      seed: 100 + b,
      startDay: days + 29,
      days: 1,
      textShare: 0,
    });
    await store.apply({ sources: [], documents: batch.documents, claims: batch.claims });
    const run = await timeAsync(() => recorroborate({ store, clock }, { claimIds: batch.claims.map((c) => c.id) }));
    incremental.push(run.ms);
    region.push(run.value.claims);
    console.error(`  ${n}: 1,500-row file re-weighed in ${secs(run.ms)}, region ${run.value.claims} claims`);
  }
  const text: number[] = [];
  for (let b = 0; b < 3; b++) {
    const batch = syntheticClaims(20, { tag: `text${b}`, seed: 200 + b, startDay: days + 10, days: 10, textShare: 1 });
    await store.apply({ documents: batch.documents, claims: batch.claims });
    text.push((await timeAsync(() => recorroborate({ store, clock }, { claimIds: batch.claims.map((c) => c.id) }))).ms);
  }
  const fullAfter = await timeAsync(() => recorroborate({ store, clock }));
  storeRows.push(
    `| ${n.toLocaleString('en-US')} | ${secs(full.ms)} (${rate(n, full.ms)}) | ${secs(fullAfter.ms)} | ${secs(median(incremental))} (${Math.round(median(region)).toLocaleString('en-US')} claims in region) | ${secs(median(text))} |`,
  );
  console.error(storeRows.at(-1));
  await store.close();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
}

out.push('\n### On the embedded store (SQLite): full re-weighing vs the incremental path\n');
out.push(
  'Claims loaded into a SQLite workspace, then re-weighed from scratch (baseline: what every import did before). ' +
    'Then three GDELT-shaped files of 1,500 rows on the last day and three articles of 20 text-like claims arrive; each ' +
    'is re-weighed through `recorroborate` with its claim ids (median of three). “Full, again” re-weighs everything ' +
    'after the batches, for comparison in the same state.\n',
);
out.push('| claims | full (first) | full, again | incremental: 1,500-row file | incremental: 20-claim article |');
out.push('|---:|---:|---:|---:|---:|');
out.push(...storeRows);
console.log(out.join('\n'));
