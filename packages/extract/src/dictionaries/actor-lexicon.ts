/**
 * The actor lexicon: every actor name, agent noun and demonym the extractor knows, in one word trie,
 * and the rules for reading codes off a match (dated roles, compound codes).
 */
import type { ActorKind, IsoDate } from '@parallax/core';
import type { Token } from '../nlp/token.ts';
import type { DatedCode } from './actor-dictionary-reader.ts';

/** A named actor: a state, organisation, person or armed group. */
export interface LexiconActor {
  name: string;
  kind: ActorKind;
  /** Codes used when no dated role applies; several for a compound actor (`FRO/BIL/SAM`). */
  codes: string[];
  roles: DatedCode[];
  aliases: string[];
  qid: string | null;
  /** Which dictionary it came from (`phoenix-countries`, `parallax`, …). */
  origin: string;
}

/** A generic noun that names a sector: `minister` → GOV, `troops` → MIL. */
export interface AgentSense {
  code: string;
  /** Organisation codes go before the country (`NGO~`): `MSF Arnor` → `NGOARN`. */
  prefix: boolean;
}

export interface Mention {
  /** Token span [start, end). */
  start: number;
  end: number;
  /** Actor indices (several records may share a name). */
  actors: number[];
  agent: AgentSense | null;
  /** Words matched, for explanations. */
  text: string;
}

interface Node {
  next: Map<string, Node>;
  actors: number[] | null;
  agent: AgentSense | null;
}

const node = (): Node => ({ next: new Map(), actors: null, agent: null });

/**
 * Dictionary phrase → trie words: hyphens and spaces both separate words, as in token words, and a
 * possessive is its own word as the tokeniser writes it ("PEOPLE'S LIBERATION ARMY" → PEOPLE 'S …,
 * "KURDISTAN WORKERS' PARTY" → WORKERS ' …), or no name with a possessive would ever match.
 */
function phraseWords(phrase: string): string[] {
  const out: string[] = [];
  for (const raw of phrase.split(/[\s-]+/)) {
    const w = raw.trim();
    if (!w) continue;
    const m = /^(.+?)('S|')$/.exec(w);
    if (m && (m[2] === "'S" || (m[1] as string).endsWith('S'))) out.push(m[1] as string, m[2] as string);
    else out.push(w);
  }
  return out;
}

/** Nouns that head descriptions of organisations as well as their names (a set: no regex per test). */
const GENERIC_HEADS = new Set(
  (
    'group groups party parties army armies front fronts movement movements council councils government ' +
    'governments court courts force forces union unions organisation organisations organization organizations ' +
    'committee committees league leagues alliance alliances coalition coalitions agency agencies ministry ' +
    'ministries commission commissions assembly assemblies parliament parliaments congress senate police guard ' +
    'guards brigade brigades militia militias authority authorities brotherhood network cell cells'
  ).split(' '),
);

/** Words of the filter on first words, less one: 2^17 bits (16 KB, stays in cache), ~20,000 words set. */
const FILTER_MASK = (1 << 12) - 1;

/**
 * A cheap hash of a word from its length and three of its letters, for the first-word filter:
 * hashing every letter would cost about what the map lookup it saves does, and this one already
 * turns away about four in five of the words no entry starts with.
 */
function wordHash(w: string): number {
  const l = w.length;
  let x = Math.imul(w.charCodeAt(0) ^ (l << 8), 0x9e3779b1);
  x = Math.imul(x ^ w.charCodeAt(l >> 1), 0x85ebca6b);
  x = Math.imul(x ^ w.charCodeAt(l - 1), 0xc2b2ae35);
  return x ^ (x >>> 15);
}

// Unicode-class patterns live at module level: the TypeScript loader rewrites a `\p{…}` literal
// inside a function into a `new RegExp` built on every call.
const CAPITAL_OR_DIGIT = /[\p{Lu}\d]/u;
const NOT_LETTER = /[^\p{L}]/gu;

/** A capital letter or a digit anywhere in the text; ASCII is checked without a regex. */
function hasCapitalOrDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return CAPITAL_OR_DIGIT.test(text);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  }
  return false;
}

/** Three letters or fewer, not all capitals (`us`, `Un`; not `US`, `U.N.`). */
function isShortMixedCase(text: string): boolean {
  let letters = 0;
  let lower = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      const all = text.replace(NOT_LETTER, '');
      return all.length <= 3 && all !== all.toUpperCase();
    }
    if (c >= 97 && c <= 122) lower = true;
    else if (!(c >= 65 && c <= 90)) continue;
    letters++;
  }
  return letters <= 3 && lower;
}

export class ActorLexicon {
  readonly actors: LexiconActor[] = [];
  private readonly root = node();
  /** Bit filter over the words that start an entry (see `wordHash`). */
  private readonly firstWords = new Int32Array(FILTER_MASK + 1);
  /** Buffers `scan` fills per sentence: its words, and the token each word belongs to. */
  private readonly words: string[] = [];
  private wordToken = new Int32Array(256);

  addActor(actor: LexiconActor, names: readonly string[]): number {
    const id = this.actors.length;
    this.actors.push(actor);
    this.addNames(id, names);
    return id;
  }

  /** More names for an actor already added (Parallax's supplements to the 2014 dictionaries). */
  addNames(id: number, names: readonly string[]): void {
    for (const name of names) {
      const words = phraseWords(name);
      if (words.length === 0) continue;
      const n = this.walk(words);
      if (!n.actors) n.actors = [];
      if (!n.actors.includes(id)) n.actors.push(id);
    }
  }

  /** The actor a whole name denotes (the first one listed), or null. */
  actorNamed(name: string): number | null {
    const words = phraseWords(name);
    let n: Node | undefined = this.root;
    for (const w of words) n = n?.next.get(w);
    return n?.actors?.[0] ?? null;
  }

  addAgent(phrase: string, sense: AgentSense): void {
    const words = phraseWords(phrase);
    if (words.length === 0) return;
    const n = this.walk(words);
    // The first definition wins, as in PETRARCH (later duplicates are usually typos or variants).
    n.agent ??= sense;
  }

  private walk(words: string[]): Node {
    const h = wordHash(words[0] as string);
    const slot = (h >>> 5) & FILTER_MASK;
    this.firstWords[slot] = (this.firstWords[slot] as number) | (1 << (h & 31));
    let n = this.root;
    for (const w of words) {
      let next = n.next.get(w);
      if (!next) {
        next = node();
        n.next.set(w, next);
      }
      n = next;
    }
    return n;
  }

  /**
   * Longest non-overlapping matches over a token sequence. Names must look like names (one matched
   * token capitalised; short all-caps names such as `US` only when written in capitals); agents are
   * ordinary nouns and match in any case.
   */
  scan(tokens: readonly Token[]): Mention[] {
    // The sentence's dictionary words and the token each belongs to, in buffers kept between scans.
    const words = this.words;
    let wordToken = this.wordToken;
    let count = 0;
    for (let t = 0; t < tokens.length; t++) {
      const ws = (tokens[t] as Token).words;
      for (let k = 0; k < ws.length; k++) {
        if (count === wordToken.length) {
          const grown = new Int32Array(count * 2);
          grown.set(wordToken);
          wordToken = grown;
          this.wordToken = grown;
        }
        words[count] = ws[k] as string;
        wordToken[count] = t;
        count++;
      }
    }
    const out: Mention[] = [];
    const root = this.root.next;
    const filter = this.firstWords;
    let p = 0;
    while (p < count) {
      const first = words[p] as string;
      const h = wordHash(first);
      // Over half the words of a sentence start no entry; the filter answers most of those.
      let n = (filter[(h >>> 5) & FILTER_MASK] as number) & (1 << (h & 31)) ? root.get(first) : undefined;
      if (!n) {
        p++;
        continue;
      }
      let bestEnd = -1;
      let bestActors: number[] | null = null;
      let bestAgent: AgentSense | null = null;
      for (let q = p; n; ) {
        if (n.actors && this.looksLikeName(tokens, wordToken[p] as number, wordToken[q] as number, q - p + 1)) {
          bestEnd = q;
          bestActors = n.actors;
          bestAgent = null;
        } else if (n.agent) {
          bestEnd = q;
          bestActors = null;
          bestAgent = n.agent;
        }
        q++;
        if (q >= count) break;
        n = n.next.get(words[q] as string);
      }
      if (bestEnd < 0) {
        p++;
        continue;
      }
      const start = wordToken[p] as number;
      const end = (wordToken[bestEnd] as number) + 1;
      const prev = out[out.length - 1];
      // Two matches inside one hyphenated token (`pro-Russian`) keep only the first.
      if (!prev || prev.end <= start || prev.start !== start) {
        let text = first;
        for (let q = p + 1; q <= bestEnd; q++) text += ` ${words[q] as string}`;
        out.push({ start, end, actors: bestActors ?? [], agent: bestAgent, text });
      }
      p = bestEnd + 1;
    }
    return out;
  }

  private looksLikeName(tokens: readonly Token[], from: number, to: number, wordCount: number): boolean {
    let capital = false;
    for (let i = from; i <= to; i++) {
      const t = tokens[i];
      // Capitalised, or at least written with a capital somewhere ("iSrael", "al-Shabab").
      if (t && hasCapitalOrDigit(t.text)) capital = true;
    }
    if (!capital) return false;
    // "an armed Islamic group", "the interim government": a name ending in an organisation noun
    // written in lower case is a description that happens to share the words of a name ("Armed
    // Islamic Group"). A lower-case person's name ("President obama") still counts.
    const last = tokens[to] as Token;
    if (to > from && !hasCapitalOrDigit(last.text) && GENERIC_HEADS.has(last.lower)) return false;
    if (wordCount === 1 && from === to) {
      // `US`, `UN`, `AU` only in capitals or with dots; `us`, `Un` are words.
      if (isShortMixedCase((tokens[from] as Token).text)) return false;
    }
    return true;
  }

  /** Codes by date, then by actor (no key string built per lookup). */
  private readonly codeCache = new Map<string, Map<number, string[]>>();
  private codeCacheSize = 0;

  /** The codes an actor carried on a date: its first matching dated role, else its defaults. */
  codesOn(actorIndex: number, date: IsoDate | null): string[] {
    const day = date ?? '';
    let byActor = this.codeCache.get(day);
    if (!byActor) {
      byActor = new Map();
      this.codeCache.set(day, byActor);
    }
    let codes = byActor.get(actorIndex);
    if (!codes) {
      codes = this.computeCodes(actorIndex, date);
      if (this.codeCacheSize > 100_000) {
        this.codeCache.clear();
        this.codeCacheSize = 0;
        this.codeCache.set(day, byActor);
        byActor.clear();
      }
      byActor.set(actorIndex, codes);
      this.codeCacheSize++;
    }
    return codes;
  }

  private computeCodes(actorIndex: number, date: IsoDate | null): string[] {
    const a = this.actors[actorIndex];
    if (!a) return [];
    if (date) {
      for (const r of a.roles) {
        if ((r.start === null || r.start <= date) && (r.end === null || date <= r.end)) return splitCodes(r.code);
      }
    }
    return a.codes.flatMap(splitCodes);
  }
}

/** `FRO/BIL/SAM` → three codes; null codes (`---`) and placeholders give none. */
export function splitCodes(code: string): string[] {
  return code
    .split('/')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^[A-Z0-9]{3,}$/.test(c));
}
