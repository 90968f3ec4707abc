// Extraction benchmark: sentences per second through the whole Extractor (sentences, tagging,
// parse, actors, event coding, places, dates, quantities, Claims) on one core, against a baseline
// in the same run — wink-nlp's tokenising and tagging alone, the floor any extraction pays — plus
// dictionary/gazetteer load time and memory. Corpus: the demo documents in data/demo/documents,
// read round after round. Timings are CPU time of this process (the machine is shared).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { DocumentId, IsoDateTime } from '@parallax/core';
import { loadExtractor, splitSentences } from '@parallax/extract';

const root = new URL('../../', import.meta.url).pathname;
const dir = `${root}data/demo/documents/`;
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(dir + f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const loadAtStart = os.loadavg()[0] ?? 0;
const PASSES = 5;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

// Load time: the first load pays for module start-up too; later loads show the steady cost.
const loads: number[] = [];
let extractor = loadExtractor();
for (let i = 0; i < 3; i++) {
  global.gc?.();
  const w0 = performance.now();
  extractor = loadExtractor();
  loads.push(performance.now() - w0);
}
global.gc?.();
const heapAfterLoad = process.memoryUsage().heapUsed;
const rssAfterLoad = process.memoryUsage().rss;

const sentences = docs.reduce((n, d) => n + splitSentences(d).length, 0);
const words = docs.reduce((n, d) => n + d.split(/\s+/).filter(Boolean).length, 0);
const input = (text: string, i: number) => ({
  id: `doc_bench_${i}` as DocumentId,
  text,
  published: '2024-11-05T12:00:00Z' as IsoDateTime,
  retrieved: '2024-11-05T12:00:00Z' as IsoDateTime,
  language: 'en',
});

const full: number[] = [];
const base: number[] = [];
let claims = 0;
for (let r = 0; r < ROUNDS + 1; r++) {
  const t1 = process.cpuUsage();
  claims = 0;
  for (let k = 0; k < PASSES; k++) {
    docs.forEach((d, i) => {
      const n = extractor.extract(input(d, i)).claims.length;
      if (k === 0) claims += n;
    });
  }
  const e = cpuMs(t1);
  const t2 = process.cpuUsage();
  for (let k = 0; k < PASSES; k++) for (const d of docs) splitSentences(d);
  const w = cpuMs(t2);
  // The first round warms the JIT and is left out.
  if (r > 0) {
    full.push((PASSES * sentences) / (e / 1000));
    base.push((PASSES * sentences) / (w / 1000));
  }
}
const peakRss = process.memoryUsage().rss;
const mb = (b: number) => (b / 2 ** 20).toFixed(0);
const perSentence = 1000 / median(full);

console.log(`## Extraction: sentences per second (\`scripts/bench/extract.bench.ts\`)

Whole extraction — sentences, tagging, shallow parse, actor and agent dictionaries, verb patterns,
places, dates, quantities, Claims — on one core, over the ${docs.length} demo documents
(${sentences} sentences, ${words.toLocaleString('en')} words; ${claims} claims per pass), ${PASSES} passes a
round, median of ${ROUNDS} rounds after a warm-up round, CPU time of the process. Baseline: wink-nlp
tokenising, splitting and tagging the same text, the floor every extraction pays.

| measure | value |
|---|---:|
| whole extraction | **${median(full).toFixed(0)} sentences/s** (${perSentence.toFixed(2)} ms a sentence) |
| baseline: tokenise + tag only | ${median(base).toFixed(0)} sentences/s |
| extraction / baseline | ${(median(base) / median(full)).toFixed(1)}× the cost |
| load (dictionaries, gazetteer, codebook), wall time | ${median(loads).toFixed(0)} ms (median of ${loads.length}) |
| heap after load | ${mb(heapAfterLoad)} MB |
| RSS after load / at the end | ${mb(rssAfterLoad)} MB / ${mb(peakRss)} MB |

Goal: ≥ 5,000 sentences/s. The demo documents are dense crisis reporting (more than one claim per
sentence); sentences without a codable verb skip the place, date and number readers. The machine is
shared: its 1-minute load average was ${loadAtStart.toFixed(1)} at the start and ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end of this run
on ${os.cpus().length} cores, so the extraction ÷ baseline ratio is the steadier figure.
`);
