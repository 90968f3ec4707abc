// Brief benchmark: how long `brief check` (read + citation lint + language lint) takes on drafts of
// growing size, and how long composing takes with the team's Chicago style against the official
// Chicago style (the baseline Zotero users run), in the same process. Drafts are generated here.
import { existsSync, readFileSync } from 'node:fs';
import { composeBrief, lintCitations, lintLanguage, parseDraft } from '@parallax/briefs';
import { buildDocument, buildSource, type IsoDateTime } from '@parallax/core';

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** A draft with `notes` notes, one paragraph per note, a bibliography and a few defects. */
function draft(notes: number): string {
  const body: string[] = ['# Generated brief', ''];
  const defs: string[] = [];
  const bib: string[] = [];
  for (let i = 1; i <= notes; i++) {
    body.push(`Paragraph ${i} states a fact that is likely to matter, according to reporting.<sup>${i}</sup>`, '');
    const url = i % 7 === 0 ? `https://news.example/story-${i}- part` : `https://news.example/story-${i}-part`;
    defs.push(
      `<sup>${i}</sup> Writer${i}, Ann. 2024. "Story Number ${i} about the Harbour." Example News. ${url}.`,
      '',
    );
    bib.push(
      `- Writer${i}, Ann. 2024. "Story Number ${i} about the Harbour." Example News. https://news.example/story-${i}-part.`,
    );
  }
  return [...body, ...defs, '## Bibliography', '', ...bib.sort(), ''].join('\n');
}

const rows: string[] = [];
for (const n of [10, 100, 1000]) {
  const text = draft(n);
  const runs = n >= 1000 ? 5 : 20;
  const ms = time(() => {
    const d = parseDraft(text, { name: 'bench.md', format: 'markdown' });
    lintCitations(d);
    lintLanguage(d);
  }, runs);
  rows.push(
    `| ${n} notes, ${text.split('\n').length} lines | ${ms.toFixed(1)} ms | ${((text.split('\n').length / ms) * 1000).toFixed(0)} lines/s |`,
  );
}

const SEED = new URL('../../../shared/seeds/000_4cede90a4ddf42e4.txt', import.meta.url);
if (existsSync(SEED)) {
  const text = readFileSync(SEED, 'utf8');
  const ms = time(() => {
    const d = parseDraft(text, { name: 'seed.txt', format: 'markdown' });
    lintCitations(d);
    lintLanguage(d);
  }, 50);
  rows.push(
    `| first-case brief (105 lines, 10 notes) | ${ms.toFixed(2)} ms | ${((105 / ms) * 1000).toFixed(0)} lines/s |`,
  );
}

// Compose: 60 citations of 30 documents (every work cited twice: full note, then short note).
const source = buildSource({ name: 'Example News', domain: 'news.example', kind: 'news-outlet' });
const at = '2024-10-28T09:00:00.000Z' as IsoDateTime;
const docs = Array.from({ length: 30 }, (_, i) =>
  buildDocument({
    title: `Story number ${i} about the harbour closures`,
    text: `Body ${i}`,
    author: `Ann Writer${i}`,
    publisher: 'Example News',
    sourceId: source.id,
    published: at,
    retrieved: at,
    url: `https://news.example/story-${i}`,
  }),
);
const md = `# Bench\n\n${[...docs, ...docs].map((d, i) => `Sentence ${i} [@doc:${d.id}].`).join('\n\n')}\n`;
const library = {
  documents: new Map(docs.map((d) => [d.id, d])),
  sources: new Map([[source.id, source]]),
  events: new Map(),
};
const ours = time(() => composeBrief(md, library), 5);
const composeRows = [`| Parallax Chicago style (ours) | ${ours.toFixed(0)} ms | 1.00× |`];
const OFFICIAL = new URL('../../../shared/data/csl/chicago-notes-bibliography.csl', import.meta.url);
if (existsSync(OFFICIAL)) {
  const style = readFileSync(OFFICIAL, 'utf8');
  const theirs = time(() => composeBrief(md, library, { style }), 3);
  composeRows.push(
    `| official chicago-notes-bibliography.csl | ${theirs.toFixed(0)} ms | ${(theirs / ours).toFixed(1)}× |`,
  );
}

console.log(`## Briefs

\`npm run bench\` → \`scripts/bench/brief.bench.ts\`. Medians on this machine.

Check (read + citation lint + ICD 203 language lint, no workspace):

| draft | median | throughput |
|---|---|---|
${rows.join('\n')}

Compose 60 citations of 30 documents (full first notes, short repeats, bibliography), style compiled each run:

| style | median | vs ours |
|---|---|---|
${composeRows.join('\n')}
`);
