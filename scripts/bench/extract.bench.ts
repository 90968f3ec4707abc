// Extraction benchmark: sentences per second through the whole Extractor (sentences, tagging,
// parse, actors, event coding, places, dates, quantities, Claims) on one core, against two
// baselines in the same run — wink-nlp's tokenising and tagging alone (the floor any extraction
// pays) and the sentence analysis alone (tagging + actors + parse + event coding, no Claims) — plus
// dictionary/gazetteer load time and memory. Corpus: the demo documents in data/demo/documents,
// read round after round. Timings are CPU time of this process (user + system, all its threads:
// V8's garbage collector and compiler included), so a shared machine's load does not count, and
// the figure is what one core does, not what a wall clock shows.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { DocumentId, IsoDate, IsoDateTime } from '@parallax/core';
import {
  loadCodebook,
  loadDictionaries,
  loadExtractor,
  loadGazetteer,
  SentenceAnalyser,
  splitSentences,
} from '@parallax/extract';

const root = new URL('../../', import.meta.url).pathname;
const dir = `${root}data/demo/documents/`;
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(dir + f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// V8 keeps compiling the pipeline's large functions on background threads for the first ~25 passes
// over the corpus (≈4,000 sentences), and that compiling is CPU time of this process: rounds before
// it settles measure the compiler, not the extraction. They are left out, and the very first pass,
// what a freshly started process pays, is reported on its own.
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 5);
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
const timed = (f: () => unknown) => {
  global.gc?.();
  const w0 = performance.now();
  f();
  return performance.now() - w0;
};

// Load time: the first load pays for module start-up too; later loads show the steady cost.
const firstLoad = timed(() => loadExtractor());
const loads: number[] = [];
const parts = { dictionaries: [] as number[], gazetteer: [] as number[], codebook: [] as number[] };
let extractor = loadExtractor();
for (let i = 0; i < 3; i++) {
  loads.push(
    timed(() => {
      extractor = loadExtractor();
    }),
  );
  parts.dictionaries.push(timed(() => loadDictionaries()));
  parts.gazetteer.push(timed(() => loadGazetteer()));
  parts.codebook.push(timed(() => loadCodebook()));
}
global.gc?.();
const heapAfterLoad = process.memoryUsage().heapUsed;
const rssAfterLoad = process.memoryUsage().rss;

const analyser = new SentenceAnalyser(loadDictionaries());
const date = '2024-11-05' as IsoDate;
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
const coding: number[] = [];
const base: number[] = [];
let claims = 0;
let events = 0;
let firstPass = Number.NaN;
for (let r = 0; r < ROUNDS + WARMUP_ROUNDS; r++) {
  // The three measures take turns within each round, so load on the machine touches all alike.
  const t1 = process.cpuUsage();
  claims = 0;
  for (let k = 0; k < PASSES; k++) {
    docs.forEach((d, i) => {
      const n = extractor.extract(input(d, i)).claims.length;
      if (k === 0) claims += n;
    });
    if (r === 0 && k === 0) firstPass = sentences / (cpuMs(t1) / 1000);
  }
  const e = cpuMs(t1);
  const t2 = process.cpuUsage();
  events = 0;
  for (let k = 0; k < PASSES; k++) {
    for (const d of docs) {
      for (const s of splitSentences(d)) {
        const n = analyser.analyse(s, date).events.length;
        if (k === 0) events += n;
      }
    }
  }
  const c = cpuMs(t2);
  const t3 = process.cpuUsage();
  for (let k = 0; k < PASSES; k++) for (const d of docs) splitSentences(d);
  const w = cpuMs(t3);
  console.error(`  round ${r}: whole ${((PASSES * sentences) / (e / 1000)).toFixed(0)}/s`);
  if (r >= WARMUP_ROUNDS) {
    full.push((PASSES * sentences) / (e / 1000));
    coding.push((PASSES * sentences) / (c / 1000));
    base.push((PASSES * sentences) / (w / 1000));
  }
}
const peakRss = process.memoryUsage().rss;
const mb = (b: number) => (b / 2 ** 20).toFixed(0);
const ms = (sps: number) => `${(1000 / sps).toFixed(3)} ms a sentence`;
const loadEnd = os.loadavg()[0] ?? 0;

console.log(`## Extraction: sentences per second (\`scripts/bench/extract.bench.ts\`)

Whole extraction — sentence splitting, tokens, POS tags, shallow parse, actor and agent dictionaries,
verb patterns, event coding, places, dates, quantities, speakers and stance, Claims — on one core,
over the ${docs.length} demo documents in data/demo/documents (${sentences} sentences, ${words.toLocaleString('en')} words;
${events} coded events and ${claims} claims per pass), ${PASSES} passes a round, median of ${ROUNDS} rounds after
${WARMUP_ROUNDS} warm-up rounds (${WARMUP_ROUNDS * PASSES} passes, while V8 compiles the hot functions; the first pass is shown apart). Time is CPU time of the process (user + system, V8's garbage collector and compiler
threads included), so it is the cost on one core, whatever else the machine runs. Two baselines in
the same rounds: wink-nlp tokenising, splitting and tagging the same text (the floor every extraction
pays), and the sentence analysis alone (tagging, actors, parse, event coding; no places, dates or Claims).

| measure | sentences/s | cost |
|---|---:|---:|
| whole extraction | **${median(full).toFixed(0)}** | ${ms(median(full))} |
| first pass in a fresh process (JIT compiling) | ${firstPass.toFixed(0)} | ${ms(firstPass)} |
| baseline: tagging + actors + parse + event coding | ${median(coding).toFixed(0)} | ${ms(median(coding))} |
| baseline: tokenise + split + tag only | ${median(base).toFixed(0)} | ${ms(median(base))} |
| whole extraction / tagging only | ${(median(base) / median(full)).toFixed(1)}× the cost | |

| load and memory | value |
|---|---:|
| load: dictionaries + gazetteer + codebook, wall time | ${median(loads).toFixed(0)} ms (median of ${loads.length}; first load with module start-up ${firstLoad.toFixed(0)} ms) |
| of which dictionaries (actors, agents, verb patterns) | ${median(parts.dictionaries).toFixed(0)} ms |
| of which gazetteer (countries, admin-1, GeoNames cities) | ${median(parts.gazetteer).toFixed(0)} ms |
| of which codebook | ${median(parts.codebook).toFixed(0)} ms |
| heap after load | ${mb(heapAfterLoad)} MB |
| RSS after load / at the end | ${mb(rssAfterLoad)} MB / ${mb(peakRss)} MB |

Goal: ≥ 5,000 sentences/s. The demo documents are dense crisis reporting: every sentence has a verb
the dictionaries know and nine in ten a coded event, so no sentence can be skipped before tagging and
parsing; sentences without a coded event skip the place, date and number readers. Gazetteer answers are remembered within
a document only, never across documents, so repeating the corpus does not flatter the figure. The machine
is shared: its 1-minute load average was ${loadAtStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end of this run on
${os.cpus().length} cores (CPU time keeps other processes out of the figure, not their effect on caches).
`);
