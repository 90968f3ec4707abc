// Scale-out benchmark: the same synthetic GDELT-shaped rows (scripts/bench/dataset-chunk-generator.ts)
// into the embedded SQLite store, ClickHouse with 1 shard and ClickHouse with 2 shards. Per store:
//   1. import: the rows as `parallax import gdelt` hands them over (5,000-row slices, each a Document
//      and a column table of claims, `Store.appendDatasetChunk`, two slices in flight);
//   2. events: one Event per claim written through `Store.apply` (what corroboration writes), because
//      the workbench queries read events, not claims;
//   3. p50/p95 of each workbench query, and on 2 shards the rows each shard read (system.query_log).
// Both ClickHouse layouts run on one throwaway 2-node cluster on 127.0.0.1 started here.
//
// A full run at 10M rows takes longer than one sitting of the shared machine's exclusive lock, so
// the stores can be measured in separate invocations: each records its figures in
// .bench/clickhouse/<store>-<rows>-<events>.json, and every invocation prints the tables of every
// store and size recorded there (the last one prints them all).
//
//   BENCH_CLICKHOUSE_EVENTS   rows to import (default 200,000)
//   BENCH_CLICKHOUSE_QUERY_EVENTS  events to write (one per claim of the first rows) and query; default
//                            all rows, 0 for an import-only run. Writing events through `apply` is far
//                            slower than importing (SQLite: ~1,000–1,500 events/s when they cite claims
//                            stored as segments), so a 10M import is measured with fewer events.
//   BENCH_CLICKHOUSE_TARGETS  which stores, comma-separated: sqlite,ch1,ch2 (default all three)
//   BENCH_CLICKHOUSE_RUNS     timed runs per query after one warm-up (default 15)
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DatasetChunk,
  datasetChunkSize,
  type EventFilter,
  type IsoDate,
  type Store,
  type StoreChanges,
} from '@parallax/core';
import { openClickHouseStore } from '@parallax/store-clickhouse';
import { createSqliteStore } from '@parallax/store-sqlite';
import { type LocalCluster, startLocalCluster } from '../clickhouse/local-cluster.ts';
import { chunkEvents, SLICE_ROWS, syntheticDatasetChunks } from './dataset-chunk-generator.ts';
import { seededRandom } from './event-generator.ts';

const N = Number(process.env.BENCH_CLICKHOUSE_EVENTS ?? 200_000);
const E = Math.min(N, Number(process.env.BENCH_CLICKHOUSE_QUERY_EVENTS ?? N));
const RUNS = Number(process.env.BENCH_CLICKHOUSE_RUNS ?? 15);
const TARGET_KEYS = ['sqlite', 'ch1', 'ch2'] as const;
type TargetKey = (typeof TARGET_KEYS)[number];
const WANTED = (process.env.BENCH_CLICKHOUSE_TARGETS ?? TARGET_KEYS.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as TargetKey[];
for (const w of WANTED) if (!TARGET_KEYS.includes(w)) throw new Error(`BENCH_CLICKHOUSE_TARGETS: unknown store ${w}`);
/** Events per `apply`, as store.bench.ts writes them. */
const EVENT_BATCH = 20_000;
/** Slices handed to the store and not yet confirmed, as `importDatasetChunks` keeps them. */
const IN_FLIGHT = 2;
const START = '2024-01-01' as IsoDate;
const DAYS = 365;
const ROOT = new URL('../../', import.meta.url).pathname;
const RESULTS = join(ROOT, '.bench', 'clickhouse');
const day = (offset: number) => new Date(Date.parse(START) + offset * 86_400_000).toISOString().slice(0, 10) as IsoDate;
const log = (message: string) => console.error(`  ${message}`);

const TARGET_NAMES: Record<TargetKey, string> = {
  sqlite: 'SQLite (embedded)',
  ch1: 'ClickHouse, 1 shard',
  ch2: 'ClickHouse, 2 shards',
};
/** How each store answers the workbench queries: not the same machinery, so the table says so. */
const QUERY_PATHS: Record<TargetKey, string> = {
  sqlite:
    'the in-process columnar index of ADR 0001 (typed arrays in the querying process, built from the SQLite rows or loaded from its snapshot; SQLite is the record, not the query engine); event pages read their bodies from SQLite',
  ch1: 'SQL on the server: a Distributed table over one shard-local CollapsingMergeTree, scanned per query',
  ch2: 'SQL on the server: a Distributed table over two shard-local CollapsingMergeTrees, each shard scanning its half and the coordinator (node 1) merging',
};

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

interface Quantiles {
  p50: number;
  p95: number;
}

/** One store's figures, as recorded in .bench/clickhouse/<store>.json. */
interface TargetResult {
  key: TargetKey;
  rows: number;
  events: number;
  runs: number;
  measuredAt: string;
  clickhouseVersion: string | null;
  importSeconds: number;
  eventSeconds: number;
  /** SQLite: building the index on the first query after the events were written. */
  firstQuerySeconds: number;
  bytes: number;
  /** ClickHouse: whether background merges had finished when the size was taken (it waits 3 minutes). */
  mergesSettled: boolean;
  queries: Record<string, Quantiles>;
  /** 2 shards: rows read per query, in total (the coordinator's initial query) and by shard 2. */
  split?: Record<string, { total: number; shard2: number }>;
  perShard?: number[];
  /** Claims (import rows) on each shard of the 2-shard store. */
  claimsPerShard?: number[];
  loadBefore: number[];
  loadAfter: number[];
  peakRssMiB: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function timed(fn: () => Promise<unknown>): Promise<Quantiles> {
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
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
const loads = () => loadavg().map((l) => Math.round(l * 100) / 100);

/** Appends every slice with two in flight, as `importDatasetChunks` does; wall-clock seconds. */
async function importSlices(store: Store, slices: readonly DatasetChunk[]): Promise<number> {
  const inFlight: Promise<unknown>[] = [];
  let rows = 0;
  const t0 = performance.now();
  for (const slice of slices) {
    while (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    const appended = store.appendDatasetChunk(slice);
    appended.catch(() => {});
    inFlight.push(appended);
    rows += datasetChunkSize(slice);
    if (rows % 1_000_000 < SLICE_ROWS) {
      const s = (performance.now() - t0) / 1000;
      log(`${int(rows)} rows handed over, ${int(rows / s)}/s`);
    }
  }
  while (inFlight.length) await inFlight.shift();
  return (performance.now() - t0) / 1000;
}

/** Writes one Event per claim of the first E rows in change sets of EVENT_BATCH; seconds spent in `apply`. */
async function writeEvents(store: Store, slices: readonly DatasetChunk[]): Promise<number> {
  const rnd = seededRandom(11);
  let ms = 0;
  let events = 0;
  let pending: StoreChanges['events'] = [];
  const flush = async () => {
    if (!pending?.length) return;
    const t0 = performance.now();
    await store.apply({ events: pending });
    ms += performance.now() - t0;
    events += pending.length;
    pending = [];
    // SQLite's apply never yields to the event loop; let a Ctrl-C reach the cleanup handler.
    await yieldToLoop();
    if (events % 1_000_000 < EVENT_BATCH) log(`${int(events)} events, ${int(events / (ms / 1000))}/s`);
  };
  let made = 0;
  for (const slice of slices) {
    if (made >= E) break;
    const events = chunkEvents(slice, rnd).slice(0, E - made);
    made += events.length;
    pending.push(...events);
    if (pending.length >= EVENT_BATCH) await flush();
  }
  await flush();
  return ms / 1000;
}

/** True when no merge is running any more; false when it gave up after three minutes. */
async function settleMerges(ports: number[], database: string): Promise<boolean> {
  // Let background merges settle so every store is queried in its steady state.
  for (let i = 0; i < 180; i++) {
    const running = await Promise.all(
      ports.map((p) => http(p, `SELECT count() FROM system.merges WHERE database = '${database}'`)),
    );
    if (running.every((r) => r === '0')) return true;
    await sleep(1000);
  }
  return false;
}

async function measure(
  key: TargetKey,
  slices: readonly DatasetChunk[],
  cluster: LocalCluster | null,
  dir: string,
): Promise<TargetResult> {
  const loadBefore = loads();
  const ports = cluster?.nodes.map((n) => n.httpPort) ?? [];
  const database = key === 'ch1' ? 'bench_1shard' : 'bench_2shards';
  let store: Store;
  let sqlitePath = '';
  let clickhouseVersion: string | null = null;
  if (key === 'sqlite') {
    sqlitePath = join(dir, 'sqlite', 'parallax.db');
    mkdirSync(join(dir, 'sqlite'), { recursive: true });
    store = createSqliteStore({ path: sqlitePath });
  } else {
    if (!cluster) throw new Error('no cluster');
    clickhouseVersion = await http(ports[0] as number, 'SELECT version()');
    store = await openClickHouseStore({ url: cluster.storeUrl(database, key === 'ch1' ? 1 : 2) });
  }
  console.error(`▶ ${TARGET_NAMES[key]}: importing ${int(N)} rows`);
  const importSeconds = await importSlices(store, slices);
  log(`import: ${importSeconds.toFixed(1)} s, ${int(N / importSeconds)} rows/s`);
  let eventSeconds = 0;
  if (E > 0) {
    console.error(`▶ ${TARGET_NAMES[key]}: writing ${int(E)} events`);
    eventSeconds = await writeEvents(store, slices);
    log(`events: ${eventSeconds.toFixed(1)} s, ${int(E / eventSeconds)} events/s`);
  }

  let bytes = 0;
  let firstQuerySeconds = 0;
  let mergesSettled = true;
  if (key === 'sqlite' && E > 0) {
    const t0 = performance.now();
    await store.countEvents({}); // builds the analytical index, as the first query after opening would
    firstQuerySeconds = (performance.now() - t0) / 1000;
  }
  if (key === 'sqlite') {
    bytes = statSync(sqlitePath).size;
    for (const suffix of ['-wal']) if (existsSync(sqlitePath + suffix)) bytes += statSync(sqlitePath + suffix).size;
  } else {
    mergesSettled = await settleMerges(ports, database);
    for (const p of ports) {
      bytes += Number(
        await http(p, `SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = '${database}'`),
      );
    }
  }

  console.error(`▶ ${TARGET_NAMES[key]}: timing queries`);
  const results: Record<string, Quantiles> = {};
  for (const q of E > 0 ? queries : []) {
    results[q.name] = await timed(() => q.run(store));
    log(`${q.name}: ${fmt(results[q.name]?.p50 ?? Number.NaN)} ms`);
  }

  const result: TargetResult = {
    key,
    rows: N,
    events: E,
    runs: RUNS,
    measuredAt: new Date().toISOString(),
    clickhouseVersion,
    importSeconds,
    eventSeconds,
    firstQuerySeconds,
    bytes,
    mergesSettled,
    queries: results,
    loadBefore,
    loadAfter: [],
    peakRssMiB: 0,
  };

  if (key === 'ch2') {
    result.claimsPerShard = await Promise.all(
      ports.map((p) => http(p, `SELECT count() FROM ${database}.claims_local FINAL`).then(Number)),
    );
  }
  if (key === 'ch2' && E > 0) {
    // One more run of each query, each alone in its own seconds of query_log, to count the rows each
    // shard read: the coordinator's initial query reports the total, the other shard logs its part
    // as a secondary query.
    console.error('▶ counting rows read per shard');
    const [p1, p2] = ports as [number, number];
    const windows: { name: string; from: number; to: number }[] = [];
    for (const q of queries) {
      // query_log stamps whole seconds: a second apart, no window can catch its neighbour's queries.
      await sleep(1100);
      const from = Math.floor(Date.now() / 1000);
      await q.run(store);
      const to = Math.floor(Date.now() / 1000);
      windows.push({ name: q.name, from, to });
    }
    await sleep(1100);
    await Promise.all([p1, p2].map((p) => http(p, 'SYSTEM FLUSH LOGS')));
    result.split = {};
    for (const w of windows) {
      const where = `type = 2 AND event_time BETWEEN toDateTime(${w.from}) AND toDateTime(${w.to}) AND query LIKE '%${database}.%'`;
      const total = Number(
        await http(p1, `SELECT sum(read_rows) FROM system.query_log WHERE ${where} AND is_initial_query = 1`),
      );
      const shard2 = Number(
        await http(p2, `SELECT sum(read_rows) FROM system.query_log WHERE ${where} AND is_initial_query = 0`),
      );
      result.split[w.name] = { total, shard2 };
    }
    result.perShard = await Promise.all(
      [p1, p2].map((p) => http(p, `SELECT sum(sign) FROM ${database}.events_local`).then(Number)),
    );
  }
  await store.close();
  result.loadAfter = loads();
  result.peakRssMiB = process.resourceUsage().maxRSS / 1024;
  // Each store's data is dropped once measured: at 10M rows the three together would not fit the disk twice.
  if (key === 'sqlite') rmSync(join(dir, 'sqlite'), { recursive: true, force: true });
  else for (const p of ports) await http(p, `DROP DATABASE IF EXISTS ${database}`);
  return result;
}

/** One size's tables: the stores measured with `rows` imported and `events` written. */
function section(group: TargetResult[]): string {
  const byKey = new Map(group.map((r) => [r.key, r]));
  const present = TARGET_KEYS.filter((k) => byKey.has(k));
  const first = group[0] as TargetResult;
  const { rows, events } = first;
  const out: string[] = [];
  out.push(
    `### ${int(rows)} rows imported, ${events ? `${int(events)} events queried` : 'import only (no events, no queries)'}\n`,
  );
  const separately =
    present.length < TARGET_KEYS.length || new Set(group.map((r) => r.measuredAt.slice(0, 13))).size > 1;
  out.push(
    `Run: \`BENCH_CLICKHOUSE_EVENTS=${rows}${events < rows ? ` BENCH_CLICKHOUSE_QUERY_EVENTS=${events}` : ''} npm run bench -- clickhouse\`` +
      (separately ? ' with `BENCH_CLICKHOUSE_TARGETS` naming one or two stores per invocation' : '') +
      `, measured ${[...new Set(group.map((r) => `${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC`))].join(', ')}.\n`,
  );
  if (events > 0) {
    out.push('How each store answers the queries:\n');
    for (const k of present) out.push(`- ${TARGET_NAMES[k]}: ${QUERY_PATHS[k]}.`);
    out.push('');
  }
  out.push(
    '| store | rows | import s | import rows/s | events | events s | events/s | first query s | on disk | load (1/5/15 min) before → after | peak RSS (bench process) |',
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const k of present) {
    const r = byKey.get(k) as TargetResult;
    out.push(
      `| ${TARGET_NAMES[k]} | ${int(r.rows)} | ${r.importSeconds.toFixed(1)} | ${int(r.rows / r.importSeconds)} | ` +
        `${int(r.events)} | ${r.events ? r.eventSeconds.toFixed(1) : '–'} | ${r.events ? int(r.events / r.eventSeconds) : '–'} | ` +
        `${r.firstQuerySeconds ? r.firstQuerySeconds.toFixed(1) : '–'} | ` +
        `${(r.bytes / 2 ** 30).toFixed(2)} GiB${r.mergesSettled === false ? ' (merging)' : ''} | ${r.loadBefore.join(' ')} → ${r.loadAfter.join(' ')} | ${int(r.peakRssMiB)} MiB |`,
    );
  }
  const two = byKey.get('ch2');
  const notes = [
    two?.claimsPerShard
      ? `Imported rows (claims) per shard in the 2-shard store: ${two.claimsPerShard.map(int).join(' / ')} (a slice's claims sit with its document, so whole slices of ${int(SLICE_ROWS)} land on one shard).`
      : '',
    two?.perShard ? `Events per shard: ${two.perShard.map(int).join(' / ')}.` : '',
  ].filter(Boolean);
  if (notes.length) out.push(`\n${notes.join(' ')}`);
  out.push('');
  if (events === 0) return out.join('\n');
  out.push(`Queries (ms, p50 / p95 of ${first.runs} runs after one warm-up):\n`);
  out.push(
    `| query | ${present.map((k) => TARGET_NAMES[k]).join(' | ')} | rows read, 2 shards: shard 1 (coordinator) / shard 2 |`,
  );
  out.push(`|---|${present.map(() => '---:').join('|')}|---|`);
  for (const q of queries) {
    const cells = present.map((k) => {
      const r = byKey.get(k)?.queries[q.name];
      return r ? `${fmt(r.p50)} / ${fmt(r.p95)}` : '–';
    });
    const s = two?.split?.[q.name];
    const rowsRead = s
      ? `${int(s.total - s.shard2)} / ${int(s.shard2)} (coordinator ${s.total ? Math.round(((s.total - s.shard2) / s.total) * 100) : 0}%)`
      : '–';
    out.push(`| ${q.name} | ${cells.join(' | ')} | ${rowsRead} |`);
  }
  out.push('');
  return out.join('\n');
}

/** Every size recorded in .bench/clickhouse, largest first. */
function render(all: TargetResult[]): string {
  const version = all.find((r) => r.clickhouseVersion)?.clickhouseVersion ?? '18.16';
  const groups = new Map<string, TargetResult[]>();
  for (const r of [...all].sort((a, b) => b.rows - a.rows || b.events - a.events)) {
    const key = `${r.rows}/${r.events}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: string[] = [];
  out.push('## Scale-out: ClickHouse vs the embedded store\n');
  out.push(
    'Synthetic GDELT-shaped rows (`scripts/bench/dataset-chunk-generator.ts`: actor pairs, CAMEO codes, ' +
      `Goldstein scores and places drawn from the real export sample, spread over ${DAYS} days; the same seeded rows ` +
      'for every store). **Import** is the path `parallax import gdelt` takes: slices of ' +
      `${int(SLICE_ROWS)} rows, each a Document holding the rows' text and a column table of their claims, through ` +
      '`Store.appendDatasetChunk` with two slices in flight (wall clock; the rows are generated in memory beforehand, ' +
      'and their text is a compact ~90-byte line where a real export row is ~400). The workbench queries read ' +
      'Events, which corroboration derives from claims, so **events** then writes one Event per claim (of the first ' +
      `rows when fewer events than rows are asked for) through \`Store.apply\` in change sets of ${int(EVENT_BATCH)} ` +
      `(seconds inside \`apply\`), and the queries run over those events. ClickHouse ${version} (Debian), two server ` +
      'processes on this machine (`scripts/clickhouse/local-cluster.ts`); “1 shard” is a Distributed table over node 1 ' +
      'only, “2 shards” spreads events by `cityHash64` of their id and claims by that of their document id over both. ' +
      'Each store’s data is dropped once it is measured, so a size can be measured one store per invocation.\n',
  );
  out.push(
    '“First query” is SQLite’s first query after the events were written, which builds the columnar index from the rows. ' +
      'On disk: the SQLite file (and WAL), or the active parts on both ClickHouse nodes after merges settled (claims, ' +
      'slice documents, events and lookup tables; “merging”: merges were still running after 3 minutes). Both ClickHouse ' +
      'servers share this machine’s two cores, so the 2-shard column shows the cost of the extra hop and merge, not the ' +
      'speed-up of a second machine; the rows-read split shows the work a second machine would take over (the ' +
      'coordinator’s share is the rows its own shard read; merging the shards’ partial results reads no table rows). ' +
      'The machine is shared: the load averages include other engineers’ work.\n',
  );
  for (const group of groups.values()) out.push(section(group));
  return out.join('\n');
}

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
  try {
    console.error(`▶ generating ${int(N)} rows`);
    const g0 = performance.now();
    const slices = [...syntheticDatasetChunks(N)];
    log(`${slices.length} slices in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    if (WANTED.some((k) => k !== 'sqlite')) cluster = await startLocalCluster(dir, 2);
    mkdirSync(RESULTS, { recursive: true });
    for (const key of WANTED) {
      const result = await measure(key, slices, cluster, dir);
      writeFileSync(join(RESULTS, `${key}-${N}-${E}.json`), `${JSON.stringify(result, null, 2)}\n`);
    }
  } finally {
    await cleanup();
  }
  // Every store and size recorded, this invocation's and earlier ones'.
  const all = readdirSync(RESULTS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(RESULTS, f), 'utf8')) as TargetResult)
    .filter((r) => TARGET_KEYS.includes(r.key));
  console.log(render(all));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
