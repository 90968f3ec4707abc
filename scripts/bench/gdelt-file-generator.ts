// Synthetic GDELT 2.0 files for benchmarks and crash tests, written in GDELT's own format (61
// tab-separated columns, no header) so they go through exactly the code real files do. Each row is
// stitched from blocks of real rows in data/gdelt/samples: the actor-1 columns of one real row, the
// actor-2 columns of another, the event columns (code, quad class, Goldstein, tone) of a third and
// the three geography blocks of a fourth. Every field therefore follows the real sample's value
// distribution, blocks stay internally consistent (a CAMEO code keeps its Goldstein score, a place
// keeps its coordinates), and a seeded PRNG makes two runs byte-identical.
//
//   npx tsx scripts/bench/gdelt-file-generator.ts <out.CSV> <rows> [first-event-id]

import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sample = readFileSync(`${ROOT}data/gdelt/samples/20180326044500.export.CSV`, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => l.split('\t'));

const slice = (from: number, to: number) => sample.map((f) => f.slice(from, to).join('\t'));
const actor1 = slice(5, 15);
const actor2 = slice(15, 25);
const eventBlock = slice(25, 35);
const geoBlock = slice(35, 59);
const urls = sample.map((f) => f[60] ?? '');
const days = sample.map((f) => f[1] ?? '20180326');

/** Rows as GDELT writes them, `rows` of them from `firstId` on, in chunks of about 1 MB. */
export function* syntheticGdeltRows(rows: number, firstId = 800_000_000, seed = 42): Generator<string> {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const day = pick(days);
    const url = pick(urls);
    // Articles carry several events each in real exports; reuse a URL for a run of ids.
    const article = `${url}${url.includes('?') ? '&' : '?'}a=${Math.floor(i / 3)}`;
    buf += `${firstId + i}\t${day}\t${day.slice(0, 6)}\t${day.slice(0, 4)}\t${day.slice(0, 4)}.2356\t${pick(actor1)}\t${pick(actor2)}\t${pick(eventBlock)}\t${pick(geoBlock)}\t20180326044500\t${article}\n`;
    if (buf.length > 1_000_000) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export async function writeSyntheticGdelt(path: string, rows: number, firstId?: number, seed?: number): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of syntheticGdeltRows(rows, firstId, seed)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, rows, first] = process.argv.slice(2);
  if (!path || !rows) {
    console.error('usage: gdelt-file-generator.ts <out.CSV> <rows> [first-event-id]');
    process.exit(2);
  }
  await writeSyntheticGdelt(path, Number(rows), first ? Number(first) : undefined);
}
