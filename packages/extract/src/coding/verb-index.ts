/**
 * Finds the verb-dictionary entries a verb group can be: by written form, by lemma, and for
 * multi-word verbs ("cordon off", "ask for", "wire tap") by the words around the verb.
 */
import type { VerbBlock, VerbDictionary, VerbEntry, VerbPattern } from '../dictionaries/verb-dictionary-reader.ts';
import type { Token } from '../nlp/token.ts';

export interface VerbHit {
  entry: VerbEntry;
  /** Token span the verb occupies (a multi-word verb spans its particles). */
  start: number;
  end: number;
}

/** A multi-word form a word is part of. */
interface Keyed {
  form: string[];
  /** Position in `form` of the word that was indexed. */
  at: number;
}

/**
 * The entries a word is a form of, in dictionary order. Most forms are one word, which always
 * matches: those entries are read without touching their forms (a lookup runs with cold caches, and
 * each object it reaches costs a memory load); `multi[i]` holds the form when `entries[i]` is a
 * multi-word one.
 */
interface WordForms {
  entries: VerbEntry[];
  multi: (Keyed | null)[] | null;
}

/**
 * The words around a verb, each with its `wordHash`. Patterns are indexed by hash: a call runs with
 * cold caches, and comparing numbers in a few arrays costs fewer memory loads than probing hash
 * tables keyed by dictionary strings (each probe reads the key string it meets).
 */
export class PresentWords {
  readonly list: string[] = [];
  readonly hashes: number[] = [];
  private readonly seen = new Set<string>();
  /** Open addressing by hash: position in `list` + 1, 0 for an empty slot. Built when first probed. */
  private table: Int32Array | null = null;
  /** The last table's memory, reused by the next build when large enough. */
  private spare: Int32Array | null = null;

  /** Empties the words, for the next verb (one instance serves a coder: nothing allocated a verb). */
  clear(): void {
    this.list.length = 0;
    this.hashes.length = 0;
    this.seen.clear();
    this.table = null;
  }

  add(w: string): void {
    if (this.seen.has(w)) return;
    this.seen.add(w);
    this.list.push(w);
    this.hashes.push(wordHash(w));
    this.table = null;
  }

  /** Is `w`, whose hash is `h`, one of the words? */
  has(h: number, w: string): boolean {
    const table = this.table ?? this.build();
    const mask = table.length - 1;
    for (let slot = h & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
      const i = (table[slot] as number) - 1;
      if (this.hashes[i] === h && this.list[i] === w) return true;
    }
    return false;
  }

  private build(): Int32Array {
    // At most a quarter full, so probes stay short.
    let size = 16;
    while (size < this.hashes.length * 4) size *= 2;
    let table = this.spare;
    if (table?.length === size) table.fill(0);
    else table = this.spare = new Int32Array(size);
    for (let i = 0; i < this.hashes.length; i++) {
      let slot = (this.hashes[i] as number) & (size - 1);
      while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
      table[slot] = i + 1;
    }
    this.table = table;
    return table;
  }
}

/** FNV-1a over the UTF-16 code units, cut to 30 bits so it stays a small integer (a cheap Map key). */
export function wordHash(w: string): number {
  return prefixHash(w, w.length);
}

/** The `wordHash` of the first `n` letters of `w` followed by `suffix`, with no string built. */
export function prefixHash(w: string, n: number, suffix = ''): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  for (let i = 0; i < suffix.length; i++) h = Math.imul(h ^ suffix.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** One word a pattern requires: its alternatives sorted by hash, with their hashes alongside. */
interface RequiredWord {
  hashes: Int32Array;
  words: string[];
}

/** A pattern in an index, with the call that last collected it (no Set per call). */
interface Slot {
  pattern: VerbPattern;
  required: RequiredWord[];
  seen: number;
}

/**
 * A block's patterns indexed by the hash of one word each requires (the first alternatives of its
 * first required word), so a verb tries only the patterns whose words occur around it. Two words
 * sharing a hash share a list; `requiredPresent` compares the words themselves. `filter` has a bit
 * set for each indexed hash, so most absent words cost one load rather than a probe.
 */
interface PatternIndex {
  byHash: Map<number, Slot[]>;
  filter: Uint32Array;
  always: Slot[];
}

const byLine = (a: VerbPattern, b: VerbPattern) => a.line - b.line;

function requiredWord(alternatives: readonly string[]): RequiredWord {
  const pairs = alternatives.map((w) => ({ w, h: wordHash(w) })).sort((a, b) => a.h - b.h);
  return { hashes: Int32Array.from(pairs, (x) => x.h), words: pairs.map((x) => x.w) };
}

/** Is the hash's bit set in a filter whose size is a power of two (in 32-bit words)? */
function mayHave(filter: Uint32Array, h: number): boolean {
  return ((filter[(h >>> 5) & (filter.length - 1)] as number) & (1 << (h & 31))) !== 0;
}

function buildIndex(block: VerbBlock): PatternIndex {
  const byHash = new Map<number, Slot[]>();
  const always: Slot[] = [];
  for (const p of block.patterns) {
    const slot = { pattern: p, required: p.required.map(requiredWord), seen: 0 };
    const first = p.required[0];
    if (!first) {
      always.push(slot);
      continue;
    }
    for (const h of new Set(first.map(wordHash))) {
      const list = byHash.get(h);
      if (list) list.push(slot);
      else byHash.set(h, [slot]);
    }
  }
  // About 32 bits an indexed hash: an absent word passes the filter about once in 32.
  let words = 1;
  while (words < byHash.size) words *= 2;
  const filter = new Uint32Array(words);
  for (const h of byHash.keys())
    filter[(h >>> 5) & (words - 1)] = (filter[(h >>> 5) & (words - 1)] as number) | (1 << (h & 31));
  return { byHash, filter, always };
}

export class VerbIndex {
  private readonly patternIndex = new Map<VerbBlock, PatternIndex>();
  private call = 0;

  private indexOf(block: VerbBlock): PatternIndex {
    let idx = this.patternIndex.get(block);
    if (!idx) {
      idx = buildIndex(block);
      this.patternIndex.set(block, idx);
    }
    return idx;
  }

  /** Patterns of a block that could match a sentence containing `present` words, in file order. */
  candidates(block: VerbBlock, present: PresentWords): VerbPattern[] {
    const idx = this.indexOf(block);
    const call = ++this.call;
    const out: VerbPattern[] = [];
    for (const slot of idx.always) if (requiredPresent(slot, present)) out.push(slot.pattern);
    if (idx.byHash.size > 0) {
      const { filter } = idx;
      const hashes = present.hashes;
      for (let i = 0; i < hashes.length; i++) {
        const h = hashes[i] as number;
        if (!mayHave(filter, h)) continue;
        const slots = idx.byHash.get(h);
        if (!slots) continue;
        for (const slot of slots) {
          if (slot.seen === call) continue;
          slot.seen = call;
          if (requiredPresent(slot, present)) out.push(slot.pattern);
        }
      }
    }
    if (out.length > 1) out.sort(byLine);
    return out;
  }

  private readonly byWord = new Map<string, WordForms>();
  /** The dictionary uses PETRARCH-2 grouped patterns (`{…}`, `(…)`) rather than linear ones. */
  readonly grouped: boolean;

  constructor(readonly dictionary: VerbDictionary) {
    let grouped = false;
    for (const block of dictionary.blocks) {
      for (const p of block.patterns) if (/[{(]/.test(p.text)) grouped = true;
      for (const entry of block.verbs) {
        for (const form of entry.forms)
          for (let at = 0; at < form.length; at++) this.index(form[at] as string, entry, form, at);
      }
    }
    this.grouped = grouped;
  }

  private index(w: string, entry: VerbEntry, form: string[], at: number): void {
    let forms = this.byWord.get(w);
    if (!forms) {
      forms = { entries: [], multi: null };
      this.byWord.set(w, forms);
    }
    const { entries } = forms;
    // After a one-word form of the entry, its later forms with this word could never be its hit.
    for (let i = 0; i < entries.length; i++) if (entries[i] === entry && !forms.multi?.[i]) return;
    if (form.length > 1 && !forms.multi) forms.multi = entries.map(() => null);
    entries.push(entry);
    forms.multi?.push(form.length > 1 ? { form, at } : null);
  }

  /**
   * The dictionary verb an event noun is coded as ("suspensions" → SUSPEND), or null. Plurals are
   * read off the singular the table lists.
   */
  eventNoun(t: Token): string | null {
    if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return null;
    const nouns = this.dictionary.eventNouns;
    const k = t.key;
    return (
      nouns.get(k) ??
      (k.endsWith('S') ? (nouns.get(k.slice(0, -1)) ?? (k.endsWith('ES') ? nouns.get(k.slice(0, -2)) : null)) : null) ??
      null
    );
  }

  /** Does this verb carry the event its object names ("announced a suspension of …")? */
  carries(lemma: string): boolean {
    return this.dictionary.carriers.has(lemma.toUpperCase());
  }

  /** Is this a verb of aspect whose subject names the event ("fighting continued")? */
  isAspect(lemma: string): boolean {
    return this.dictionary.aspects.has(lemma.toUpperCase());
  }

  /** Entries listing `verb` as their lemma, as hits at one token (a noun standing for the verb). */
  lookupLemma(verb: string, at: number): VerbHit[] {
    const out: VerbHit[] = [];
    for (const entry of this.byWord.get(verb.split(' ')[0] ?? '')?.entries ?? [])
      if (entry.lemma === verb && !out.some((h) => h.entry === entry)) out.push({ entry, start: at, end: at + 1 });
    return out;
  }

  /** Is the word a form of some dictionary verb? */
  knows(t: Token): boolean {
    return this.byWord.has(t.key) || this.byWord.has(t.lemma.toUpperCase());
  }

  /** Entries for the verb at `main`; the longest multi-word reading wins over shorter ones. */
  lookup(tokens: readonly Token[], main: number): VerbHit[] {
    const t = tokens[main];
    if (!t) return [];
    const hits: VerbHit[] = [];
    const lemmaKey = t.lemma.toUpperCase();
    this.collect(tokens, main, t.key, hits);
    if (lemmaKey !== t.key) this.collect(tokens, main, lemmaKey, hits);
    if (hits.length <= 1) return hits;
    let longest = 0;
    for (const h of hits) if (h.end - h.start > longest) longest = h.end - h.start;
    return hits.filter((h) => h.end - h.start === longest);
  }

  private collect(tokens: readonly Token[], main: number, key: string, hits: VerbHit[]): void {
    const forms = this.byWord.get(key);
    if (!forms) return;
    const { entries, multi } = forms;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as VerbEntry;
      if (hasEntry(hits, entry)) continue;
      const k = multi?.[i];
      if (!k) hits.push({ entry, start: main, end: main + 1 });
      else matchForm(tokens, main, entry, k.form, k.at, hits);
    }
  }
}

function hasEntry(hits: readonly VerbHit[], entry: VerbEntry): boolean {
  for (let i = 0; i < hits.length; i++) if ((hits[i] as VerbHit).entry === entry) return true;
  return false;
}

/** Every word the pattern needs occurs in `present` (as one of its alternatives). */
function requiredPresent(slot: Slot, present: PresentWords): boolean {
  const { list, hashes } = present;
  for (let g = 0; g < slot.required.length; g++) {
    const req = slot.required[g] as RequiredWord;
    const n = req.hashes.length;
    let any = false;
    // The cheaper side is walked: each alternative probed in the words' table, or (for a synset of
    // a hundred alternatives) each word searched among the sorted alternatives.
    if (n <= hashes.length * (34 - Math.clz32(n))) {
      for (let j = 0; j < n && !any; j++) any = present.has(req.hashes[j] as number, req.words[j] as string);
    } else {
      for (let i = 0; i < hashes.length && !any; i++) any = holds(req, hashes[i] as number, list[i] as string);
    }
    if (!any) return false;
  }
  return true;
}

/** Is `w` (whose hash is `h`) one of the alternatives? A binary search by hash, then the words compared. */
function holds(req: RequiredWord, h: number, w: string): boolean {
  const { hashes, words } = req;
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((hashes[mid] as number) < h) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < hashes.length && hashes[lo] === h; lo++) if (words[lo] === w) return true;
  return false;
}

/** Adds the entry's hit when its multi-word form stands around the verb at `main`. */
function matchForm(
  tokens: readonly Token[],
  main: number,
  entry: VerbEntry,
  form: string[],
  at: number,
  hits: VerbHit[],
): void {
  // Words before the indexed one must be adjacent; after it, one adverb or pronoun may intervene
  // ("called it off", "broke down completely" is handled by the pattern).
  let b = main - 1;
  for (let k = at - 1; k >= 0; k--) {
    if (tokens[b]?.key !== form[k]) return;
    b--;
  }
  let p = main + 1;
  for (let k = at + 1; k < form.length; k++) {
    if (
      tokens[p]?.key !== form[k] &&
      (tokens[p]?.pos === 'ADV' || tokens[p]?.pos === 'PRON') &&
      tokens[p + 1]?.key === form[k]
    )
      p++;
    if (tokens[p]?.key !== form[k]) return;
    p++;
  }
  hits.push({ entry, start: b + 1, end: p });
}
