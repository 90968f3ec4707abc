/**
 * Near-duplicate detection at scale: word shingles → MinHash signatures → LSH bands. Comparing every
 * new document with every stored one is quadratic; LSH turns it into a few bucket look-ups, and the
 * signatures (120 numbers per document) estimate how much text two documents share without keeping
 * their shingle sets.
 */

/** Words per shingle: long enough that a shared shingle means copied text rather than shared phrasing. */
export const SHINGLE_WORDS = 5;
const HASHES = 120;
/** 40 bands of 3 rows: pairs with Jaccard ≥ 0.3 become candidates with probability ≥ 0.67, ≥ 0.5 with 0.996. */
const BANDS = 40;
const ROWS = HASHES / BANDS;

const SEEDS = (() => {
  const seeds = new Uint32Array(HASHES);
  let x = 0x9e3779b9;
  for (let i = 0; i < HASHES; i++) {
    x = fmix32((x + 0x6d2b79f5) | 0);
    seeds[i] = x;
  }
  return seeds;
})();

function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, finished with a murmur mix. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Lower-cased words (letters and digits) of a text. */
export function shingleWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A document's MinHash signature and the number of distinct shingles it summarises. */
export interface TextFingerprint {
  signature: Uint32Array;
  shingles: number;
}

export function fingerprint(text: string): TextFingerprint {
  const words = shingleWords(text);
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let shingle = words[i] as string;
    for (let k = 1; k < SHINGLE_WORDS; k++) shingle += ` ${words[i + k]}`;
    const h = hashString(shingle);
    if (seen.has(h)) continue;
    seen.add(h);
    for (let j = 0; j < HASHES; j++) {
      const v = fmix32(h ^ (SEEDS[j] as number));
      if (v < (signature[j] as number)) signature[j] = v;
    }
  }
  return { signature, shingles: seen.size };
}

/** Estimated Jaccard similarity of the two shingle sets: the share of equal signature slots. */
export function estimateJaccard(a: TextFingerprint, b: TextFingerprint): number {
  if (a.shingles === 0 || b.shingles === 0) return 0;
  let equal = 0;
  for (let i = 0; i < HASHES; i++) if (a.signature[i] === b.signature[i]) equal++;
  return equal / HASHES;
}

/**
 * Estimated share of the smaller document's shingles found in the larger one. A trimmed copy of a
 * wire story has a low Jaccard similarity with the full story (half the text is missing) but a
 * containment near 1, so this is what decides "copy". From |A∩B| = J(|A|+|B|)/(1+J).
 */
export function estimateContainment(a: TextFingerprint, b: TextFingerprint): number {
  const j = estimateJaccard(a, b);
  if (j === 0) return 0;
  const shared = (j * (a.shingles + b.shingles)) / (1 + j);
  return Math.min(1, shared / Math.min(a.shingles, b.shingles));
}

/** LSH over MinHash signatures: documents that share any band are candidates for a closer look. */
export class NearDuplicateIndex<K> {
  private readonly buckets = new Map<string, K[]>();
  private readonly prints = new Map<K, TextFingerprint>();

  get size(): number {
    return this.prints.size;
  }

  private *bandKeys(fp: TextFingerprint): Generator<string> {
    for (let b = 0; b < BANDS; b++) {
      let key = `${b}`;
      for (let r = 0; r < ROWS; r++) key += `:${fp.signature[b * ROWS + r]}`;
      yield key;
    }
  }

  add(key: K, fp: TextFingerprint): void {
    if (fp.shingles === 0 || this.prints.has(key)) return;
    this.prints.set(key, fp);
    for (const band of this.bandKeys(fp)) {
      const list = this.buckets.get(band);
      if (list) list.push(key);
      else this.buckets.set(band, [key]);
    }
  }

  get(key: K): TextFingerprint | undefined {
    return this.prints.get(key);
  }

  /** Indexed documents sharing a band with `fp`, with their estimated containment, best first. */
  candidates(fp: TextFingerprint): { key: K; containment: number }[] {
    if (fp.shingles === 0) return [];
    const found = new Set<K>();
    for (const band of this.bandKeys(fp)) for (const k of this.buckets.get(band) ?? []) found.add(k);
    return [...found]
      .map((key) => ({ key, containment: estimateContainment(fp, this.prints.get(key) as TextFingerprint) }))
      .sort((x, y) => y.containment - x.containment);
  }
}
