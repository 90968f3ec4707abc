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

interface Keyed {
  entry: VerbEntry;
  form: string[];
  /** Position in `form` of the word that was indexed. */
  at: number;
}

/**
 * A block's patterns indexed by one word each requires (the first alternatives of its first
 * required word), so a verb tries only the patterns whose words occur around it.
 */
interface PatternIndex {
  byWord: Map<string, Slot[]>;
  always: VerbPattern[];
}

/** A pattern in an index, with the call that last collected it (no Set per call). */
interface Slot {
  pattern: VerbPattern;
  seen: number;
}

const byLine = (a: VerbPattern, b: VerbPattern) => a.line - b.line;

export class VerbIndex {
  private readonly patternIndex = new Map<VerbBlock, PatternIndex>();
  private call = 0;

  private indexOf(block: VerbBlock): PatternIndex {
    let idx = this.patternIndex.get(block);
    if (!idx) {
      idx = { byWord: new Map(), always: [] };
      for (const p of block.patterns) {
        const first = p.required[0];
        if (!first) {
          idx.always.push(p);
          continue;
        }
        const slot = { pattern: p, seen: 0 };
        for (const w of first) {
          const list = idx.byWord.get(w);
          if (list) list.push(slot);
          else idx.byWord.set(w, [slot]);
        }
      }
      this.patternIndex.set(block, idx);
    }
    return idx;
  }

  /** Patterns of a block that could match a sentence containing `present` words, in file order. */
  candidates(
    block: VerbBlock,
    present: ReadonlySet<string>,
    /** The same words in the set's order, when the caller has them (iterating an array allocates nothing). */
    presentList: readonly string[] = [...present],
  ): VerbPattern[] {
    const idx = this.indexOf(block);
    const call = ++this.call;
    const out: VerbPattern[] = [];
    for (const p of idx.always) if (requiredPresent(p, present, presentList)) out.push(p);
    if (idx.byWord.size > 0) {
      for (let i = 0; i < presentList.length; i++) {
        const w = presentList[i] as string;
        const slots = idx.byWord.get(w);
        if (!slots) continue;
        for (const slot of slots) {
          if (slot.seen === call) continue;
          slot.seen = call;
          if (requiredPresent(slot.pattern, present, presentList)) out.push(slot.pattern);
        }
      }
    }
    if (out.length > 1) out.sort(byLine);
    return out;
  }

  private readonly byWord = new Map<string, Keyed[]>();
  /** The dictionary uses PETRARCH-2 grouped patterns (`{…}`, `(…)`) rather than linear ones. */
  readonly grouped: boolean;

  constructor(readonly dictionary: VerbDictionary) {
    let grouped = false;
    for (const block of dictionary.blocks) {
      for (const p of block.patterns) if (/[{(]/.test(p.text)) grouped = true;
      for (const entry of block.verbs) {
        for (const form of entry.forms) {
          form.forEach((w, at) => {
            const list = this.byWord.get(w);
            const k = { entry, form, at };
            if (list) list.push(k);
            else this.byWord.set(w, [k]);
          });
        }
      }
    }
    this.grouped = grouped;
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
    for (const { entry } of this.byWord.get(verb.split(' ')[0] ?? '') ?? [])
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
    const list = this.byWord.get(key);
    if (!list) return;
    for (const { entry, form, at } of list) {
      if (hits.some((h) => h.entry === entry)) continue;
      const span = matchForm(tokens, main, form, at);
      if (span) hits.push({ entry, start: span.start, end: span.end });
    }
  }
}

const requiredSets = new WeakMap<VerbPattern, ReadonlySet<string>[]>();

/**
 * Every word the pattern needs occurs in `present` (as one of its alternatives). A synset offers
 * a hundred alternatives and a clause a few dozen words: the shorter side is walked.
 */
function requiredPresent(p: VerbPattern, present: ReadonlySet<string>, presentList: readonly string[]): boolean {
  let sets: ReadonlySet<string>[] | undefined;
  for (let g = 0; g < p.required.length; g++) {
    const alts = p.required[g] as string[];
    let any = false;
    if (alts.length > 8 && alts.length > present.size) {
      if (!sets) {
        sets = requiredSets.get(p);
        if (!sets) {
          sets = p.required.map((a) => new Set(a));
          requiredSets.set(p, sets);
        }
      }
      const set = sets[g] as ReadonlySet<string>;
      for (let i = 0; i < presentList.length; i++) {
        if (set.has(presentList[i] as string)) {
          any = true;
          break;
        }
      }
    } else {
      for (const w of alts) {
        if (present.has(w)) {
          any = true;
          break;
        }
      }
    }
    if (!any) return false;
  }
  return true;
}

function matchForm(
  tokens: readonly Token[],
  main: number,
  form: string[],
  at: number,
): { start: number; end: number } | null {
  if (form.length === 1) return { start: main, end: main + 1 };
  // Words before the indexed one must be adjacent; after it, one adverb or pronoun may intervene
  // ("called it off", "broke down completely" is handled by the pattern).
  let b = main - 1;
  for (let k = at - 1; k >= 0; k--) {
    if (tokens[b]?.key !== form[k]) return null;
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
    if (tokens[p]?.key !== form[k]) return null;
    p++;
  }
  return { start: b + 1, end: p };
}
