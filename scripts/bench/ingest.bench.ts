// Ingest benchmark. GDELT: synthetic exports (scripts/bench/gdelt-file-generator.ts, value
// distributions of the real sample) imported into a fresh SQLite workspace, against the raw parse
// speed of the same file measured in the same run (stream, decode, split lines, split all 61 fields:
// the least any importer must do). Memory: peak RSS of the import process at 100k and 1M rows.
// Documents: HTML pages and PDFs read (and HTML ingested) per second. Syndication: precision and
// recall on the labelled pairs in data/syndication.
//   BENCH_ROWS=100000,1000000  BENCH_RUNS=3  BENCH_CHUNK_ROWS=5000 (rows per stored slice; default: the reader's)

import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { ingestDocuments, labelledPairs, scorePairs } from '@parallax/app';
import type { IsoDateTime } from '@parallax/core';
import { readHtmlDocument, readPdfDocument } from '@parallax/ingest';
import { openWorkbench } from '@parallax/runtime';
import { makePdf } from '../../packages/ingest/test/pdf-fixture.ts';
import { writeSyntheticGdelt } from './gdelt-file-generator.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = `${ROOT}.bench/ingest/`;
mkdirSync(dir, { recursive: true });
const sizes = (process.env.BENCH_ROWS ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const out: string[] = [];
const loadAtStart = os.loadavg()[0] as number;

/** The floor: read, validate UTF-8, split into lines and every line into its 61 fields. */
async function rawParse(path: string): Promise<{ rows: number; ms: number }> {
  const t0 = performance.now();
  let carry = '';
  let rows = 0;
  let fields = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    if (!isUtf8(buf)) throw new Error('not UTF-8');
    const text = carry + buf.toString('utf8');
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      fields += text.slice(start, end).split('\t').length;
      rows++;
      start = end + 1;
    }
    carry = text.slice(start);
  }
  if (fields < rows * 61) throw new Error('short rows');
  return { rows, ms: performance.now() - t0 };
}

function importRun(path: string): {
  rows: number;
  ms: number;
  firstSliceMs: number;
  cpuMs: number;
  maxRssMiB: number;
  peakHeapMiB: number;
  liveHeapMiB: number;
  failed: number;
} {
  const ws = `${dir}ws-import`;
  rmSync(ws, { recursive: true, force: true });
  const line = execFileSync(
    'node',
    ['--expose-gc', '--import', 'tsx', `${ROOT}scripts/bench/ingest-import-run.ts`, path, ws],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  rmSync(ws, { recursive: true, force: true });
  return JSON.parse(line.trim().split('\n').at(-1) as string);
}

out.push('## Ingest: GDELT import, documents, syndication\n');
out.push(
  'GDELT: synthetic 2.0 exports stitched from blocks of the real sample (`scripts/bench/gdelt-file-generator.ts`), ' +
    '~407 bytes a row. **Import** is the whole `parallax import gdelt` path in a fresh process and workspace ' +
    '(archive the original, stream, parse each row into a column table of claims, `Store.appendDatasetChunk` ' +
    'into SQLite in 5,000-row slices, each one document plus one columnar segment row, written by a writer ' +
    'thread), without re-corroboration. **Raw parse** is the floor measured on the same file in the same run: ' +
    'stream, validate UTF-8, split lines, split every line into its 61 fields. Medians of ' +
    `${runs} runs. Memory of the import process: peak RSS (includes SQLite page caches), peak V8 heap, and ` +
    'live heap (the largest heap still reachable after a forced full collection, taken once at 50k rows, its time left out of the import time, and at the end). ' +
    '**First slice** is the time until the first slice is handed to the store: no slice is stored before the original is archived ' +
    '(hashed on a thread of its own and copied by the kernel while the first slices, up to 16, are parsed and held). **CPU s** is the CPU time of ' +
    'every thread of the import process (importing, writer, garbage collection, file copy): on a shared machine the steadier measure of work.\n',
);
out.push(
  '| rows | raw parse rows/s | import rows/s | import ÷ raw | import s | first slice s | CPU s | peak RSS MiB | peak heap MiB | live heap MiB |',
);
out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const path = `${dir}gdelt-${n}.export.CSV`;
  if (!existsSync(path)) await writeSyntheticGdelt(path, n);
  const raw: number[] = [];
  const imp: {
    rate: number;
    ms: number;
    first: number;
    cpu: number;
    rss: number;
    heap: number;
    live: number;
  }[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await rawParse(path);
    raw.push((r.rows / r.ms) * 1000);
    const m = importRun(path);
    if (m.rows !== n || m.failed) throw new Error(`import read ${m.rows} rows, ${m.failed} failed`);
    imp.push({
      rate: (m.rows / m.ms) * 1000,
      ms: m.ms,
      first: m.firstSliceMs,
      cpu: m.cpuMs,
      rss: m.maxRssMiB,
      heap: m.peakHeapMiB,
      live: m.liveHeapMiB,
    });
    console.error(
      `  ${fmt(n)} rows run ${i + 1}: raw ${fmt(raw.at(-1) as number)}/s, import ${fmt(imp.at(-1)?.rate as number)}/s (first slice ${fmt(m.firstSliceMs)} ms, CPU ${fmt(m.cpuMs)} ms), RSS ${fmt(m.maxRssMiB)} MiB`,
    );
  }
  const rawRate = median(raw);
  const impRate = median(imp.map((x) => x.rate));
  out.push(
    `| ${fmt(n)} | ${fmt(rawRate)} | ${fmt(impRate)} | ${(impRate / rawRate).toFixed(2)} | ${(median(imp.map((x) => x.ms)) / 1000).toFixed(2)} | ${(median(imp.map((x) => x.first)) / 1000).toFixed(2)} | ${(median(imp.map((x) => x.cpu)) / 1000).toFixed(1)} | ${fmt(Math.max(...imp.map((x) => x.rss)))} | ${fmt(Math.max(...imp.map((x) => x.heap)))} | ${fmt(Math.max(...imp.map((x) => x.live)))} |`,
  );
}

// Documents.
const retrieved = '2025-01-01T00:00:00.000Z' as IsoDateTime;
const fixture = readFileSync(`${ROOT}packages/ingest/test/fixtures/wire-story.html`, 'utf8');
const N_HTML = 300;
const pages = Array.from({ length: N_HTML }, (_, i) =>
  new TextEncoder().encode(
    fixture
      .replace('/world/border-crossing-reopens', `/world/story-${i}`)
      .replace('twelve kilometres', `${i + 2} kilometres`)
      .replace('Traders in the border town', `Traders in town number ${i}`),
  ),
);
const t0 = performance.now();
const read = pages.map((bytes, i) => readHtmlDocument({ name: `p${i}.html`, bytes, retrieved }));
const htmlMs = performance.now() - t0;
const ws = `${dir}ws-docs`;
rmSync(ws, { recursive: true, force: true });
const wb = await openWorkbench({ dir: ws, create: true });
const t1 = performance.now();
const summary = await ingestDocuments(wb, read, { corroborate: false });
const storeMs = performance.now() - t1;
await wb.close();
rmSync(ws, { recursive: true, force: true });
const N_PDF = 100;
const pdfs = Array.from({ length: N_PDF }, (_, i) =>
  makePdf(
    [
      `Statement ${i} of the ministry on the border crossing.\nTalks went on for two days.`,
      'Inspections continue while perishable goods are cleared first.',
      'The arrangement will be reviewed next week.',
    ],
    { title: `Statement ${i}` },
  ),
);
const t2 = performance.now();
for (const [i, bytes] of pdfs.entries()) await readPdfDocument({ name: `s${i}.pdf`, bytes, retrieved });
const pdfMs = performance.now() - t2;
out.push('\nDocuments (one process, warm): reading is decode + extraction + metadata; storing is de-duplication,');
out.push('MinHash/LSH syndication check and one SQLite transaction per document (no extractor configured).\n');
out.push('| input | documents | read docs/s | stored docs/s |');
out.push('|---|---:|---:|---:|');
out.push(
  `| HTML article (5 kB, Readability over linkedom) | ${N_HTML} | ${fmt((N_HTML / htmlMs) * 1000)} | ${fmt((summary.read / storeMs) * 1000)} (${summary.syndicated} linked as copies) |`,
);
out.push(`| PDF, 3 pages (unpdf) | ${N_PDF} | ${fmt((N_PDF / pdfMs) * 1000)} | – |`);

const pairs = labelledPairs(JSON.parse(readFileSync(`${ROOT}data/syndication/stories.json`, 'utf8')));
const score = scorePairs(pairs);
out.push(
  `\nSyndication on the labelled pairs (data/syndication, ${pairs.length} pairs: ${pairs.filter((p) => p.syndicated).length} syndicated, ` +
    `${pairs.filter((p) => !p.syndicated).length} independent): precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(2)}` +
    ` (TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives}, TN ${score.trueNegatives}).\n`,
);
out.push(
  `The machine is shared: its 1-minute load average was ${loadAtStart.toFixed(1)} when this run started and ` +
    `${(os.loadavg()[0] as number).toFixed(1)} when it ended (${os.cpus().length} cores), so absolute rates are low; ` +
    'the import ÷ raw ratio, measured on the same file in the same run, is the steadier figure.\n',
);
console.log(out.join('\n'));
