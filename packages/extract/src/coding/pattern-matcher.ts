/**
 * Matches one verb pattern against a predicate. Elements before `*` are sought in the clause
 * before the verb, elements after it in the clause after the verb (for a passive verb the subject
 * counts as the logical object). Words match in order, with gaps unless joined by `_`; a `{…}`
 * group must fall inside one noun phrase; a `(PREP …)` group inside one prepositional phrase. The
 * markers bind noun phrases: `+` the target, `$` the source, `^` one to skip; `%` flags a compound.
 */
import type { PatternElement, VerbPattern, WordElement } from '../dictionaries/verb-dictionary-reader.ts';
import type { NounGroup, NounPhrase, PrepPhrase } from '../nlp/shallow-parse.ts';
import type { Token } from '../nlp/token.ts';
import { prefixHash, wordHash } from './verb-index.ts';

/** What the matcher sees of a predicate. */
export interface MatchContext {
  tokens: readonly Token[];
  /** Token indices before the verb, in order. */
  before: number[];
  /** Token indices after the verb, in order (the logical object first for a passive). */
  after: number[];
  /** Noun phrases and PPs the regions contain, for group elements and markers. */
  nps: readonly NounPhrase[];
  pps: readonly PrepPhrase[];
  /** Noun groups by the token they start at (for markers binding a whole coordination). */
  groups: ReadonlyMap<number, NounGroup>;
  /** The subject is a coordination, which `%` requires. */
  compoundSubject: boolean;
  /** Pattern nouns also match their plural (CAMEO 2.0), or only as written (TABARI-era files). */
  plurals: boolean;
}

export interface PatternMatch {
  pattern: VerbPattern;
  source: NounGroup | null;
  target: NounGroup | null;
  /** Noun phrases the pattern consumed with `^`, never a target. */
  skipped: NounPhrase[];
  /** PPs named by a bare `(PREP)` group: their objects are the preferred target. */
  targetPps: PrepPhrase[];
  compound: boolean;
  /** Where after the verb the pattern's first element matched (region position; -1: nothing after). */
  reach: number;
}

/**
 * Pattern words match whole words, as in PETRARCH ("EFFORT" does not match "efforts"): plurals come
 * only from synsets, whose members the reader expands. Hyphenated words match on their parts.
 */
export function wordMatches(token: Token, word: string, plurals = false): boolean {
  if (token.key === word) return true;
  if (token.words.length > 1 && token.words.includes(word)) return true;
  // CAMEO 2.0 lists most nouns once ("DEMONSTRATION", "SANCTION"); its plurals count too. The
  // TABARI-era validation patterns are whole-word only and do not get this. Only nouns inflect so:
  // "controls" in "the faction that controls the city" is not the noun CONTROL.
  return plurals && word.length > 2 && (token.pos === 'NOUN' || token.pos === 'PROPN') && pluralOf(token.key, word);
}

/** `key` is `word` + S or + ES, or `word` is `key` + S (compared in place, no strings built). */
function pluralOf(key: string, word: string): boolean {
  if (key.length === word.length + 1) return key.endsWith('S') && key.startsWith(word);
  if (key.length === word.length + 2) return key.endsWith('ES') && key.startsWith(word);
  if (word.length === key.length + 1) return word.endsWith('S') && word.startsWith(key);
  return false;
}

interface State {
  /** Index into the region array of the next unconsumed token. */
  pos: number;
  source: NounGroup | null;
  target: NounGroup | null;
  skipped: NounPhrase[];
  targetPps: PrepPhrase[];
  compound: boolean;
  /** Region position where the sequence's first element matched, -1 before any. */
  first: number;
}

const SMALL = [[], [0], [0, 1], [0, 1, 2], [0, 1, 2, 3]];

const firstWords = new WeakMap<WordElement, Map<number, number[]>>();

/**
 * A word element's alternatives by the `wordHash` of their first word (built once per element).
 * Hashes need no string built for a plural or singular of a token, and number keys no string
 * compared; two words sharing a hash only add candidates, which `wordMatches` then rejects.
 */
function firstWordIndex(el: WordElement): Map<number, number[]> {
  let m = firstWords.get(el);
  if (!m) {
    m = new Map();
    el.alternatives.forEach((alt, a) => {
      const h = wordHash(alt[0] ?? '');
      const list = m?.get(h);
      if (list) list.push(a);
      else m?.set(h, [a]);
    });
    firstWords.set(el, m);
  }
  return m;
}

const NO_WORD = wordHash('');

/** Adds the alternatives listed under first-word hash `h`, each once. */
function addAlternatives(out: number[], byFirst: Map<number, number[]>, h: number): void {
  const list = byFirst.get(h);
  if (list) for (const a of list) if (!out.includes(a)) out.push(a);
}

/** A copy of a state; its lists are shared, and replaced (never pushed to) when one grows. */
const clone = (s: State): State => ({ ...s });

export class PatternMatcher {
  /** Matching the elements before the verb (where `%` means a compound subject). */
  private before = false;

  constructor(private readonly ctx: MatchContext) {}

  private nps: (NounPhrase | undefined)[] | null = null;
  private pps: (PrepPhrase | undefined)[] | null = null;

  /** The first noun phrase covering a token (phrases are listed in text order and do not overlap). */
  private npAt(token: number): NounPhrase | undefined {
    if (!this.nps) {
      this.nps = new Array(this.ctx.tokens.length);
      for (const n of this.ctx.nps) for (let i = n.start; i < n.end; i++) this.nps[i] ??= n;
    }
    return this.nps[token];
  }

  private ppAt(token: number): PrepPhrase | undefined {
    if (!this.pps) {
      this.pps = new Array(this.ctx.tokens.length);
      for (const x of this.ctx.pps) this.pps[x.prepStart] ??= x;
    }
    return this.pps[token];
  }

  /**
   * Indices (in dictionary order) of the alternatives whose first word could match the token: a
   * synset has hundreds of members, of which only those sharing the token's key can match.
   */
  private alternativesFor(el: WordElement, token: Token): number[] {
    if (el.alternatives.length <= 4) return SMALL[el.alternatives.length] as number[];
    const byFirst = firstWordIndex(el);
    const out: number[] = [];
    const key = token.key;
    addAlternatives(out, byFirst, NO_WORD);
    addAlternatives(out, byFirst, wordHash(key));
    if (token.words.length > 1) for (const w of token.words) addAlternatives(out, byFirst, wordHash(w));
    if (this.ctx.plurals && (token.pos === 'NOUN' || token.pos === 'PROPN')) {
      if (key.endsWith('S')) addAlternatives(out, byFirst, prefixHash(key, key.length - 1));
      if (key.endsWith('ES')) addAlternatives(out, byFirst, prefixHash(key, key.length - 2));
      addAlternatives(out, byFirst, prefixHash(key, key.length, 'S'));
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  match(pattern: VerbPattern): PatternMatch | null {
    const init: State = {
      pos: 0,
      source: null,
      target: null,
      skipped: [],
      targetPps: [],
      compound: false,
      first: -1,
    };
    this.before = true;
    const before = this.matchSeq(pattern.before, 0, this.ctx.before, init, null);
    this.before = false;
    let after: State | null = null;
    for (const b of before) {
      if (pattern.adjacentBefore && b.pos !== this.ctx.before.length) continue;
      const res = this.matchSeq(pattern.after, 0, this.ctx.after, { ...clone(b), pos: 0, first: -1 }, null);
      if (res.length > 0) {
        after = res[0] as State;
        break;
      }
    }
    if (!after) return null;
    return {
      pattern,
      source: after.source,
      target: after.target,
      skipped: after.skipped,
      targetPps: after.targetPps,
      compound: after.compound,
      reach: after.first,
    };
  }

  /**
   * All ways (first few) a sequence of elements can match the region from `state.pos`. `limit`
   * confines matches to token indices inside [limit.start, limit.end) (a phrase group).
   */
  private matchSeq(
    els: readonly PatternElement[],
    from: number,
    region: number[],
    state: State,
    limit: { start: number; end: number } | null,
  ): State[] {
    const el = els[from];
    if (el === undefined) return [state];
    const out: State[] = [];
    const maxStart = el.adjacent ? state.pos : region.length - 1;
    for (let p = state.pos; p <= maxStart && p < region.length && out.length < 2; p++) {
      const tokenIndex = region[p] as number;
      if (limit && (tokenIndex < limit.start || tokenIndex >= limit.end)) {
        if (limit && tokenIndex >= limit.end) break;
        continue;
      }
      for (const m of this.matchElement(el, region, p, state, limit)) {
        const next = m.first === -1 ? { ...m, first: p } : m;
        for (const r of this.matchSeq(els, from + 1, region, next, limit)) out.push(r);
        if (out.length >= 2) break;
      }
    }
    // Markers may match nothing at the end of the region (a `+` with no phrase): allow an empty bind only for skip.
    return out;
  }

  private matchElement(
    el: PatternElement,
    region: number[],
    p: number,
    state: State,
    limit: { start: number; end: number } | null,
  ): State[] {
    const { tokens } = this.ctx;
    const tokenIndex = region[p] as number;
    switch (el.kind) {
      case 'word': {
        const token = tokens[tokenIndex] as Token;
        for (const a of this.alternativesFor(el, token)) {
          const alt = el.alternatives[a] as string[];
          let ok = true;
          for (let k = 0; k < alt.length; k++) {
            const ti = region[p + k];
            if (
              ti === undefined ||
              (limit && ti >= limit.end) ||
              !wordMatches(tokens[ti] as Token, alt[k] as string, this.ctx.plurals)
            ) {
              ok = false;
              break;
            }
            // Consecutive words of one alternative must be adjacent in the text.
            if (k > 0 && ti !== (region[p + k - 1] as number) + 1) {
              ok = false;
              break;
            }
          }
          if (ok) {
            const s = clone(state);
            s.pos = p + alt.length;
            return [s];
          }
        }
        return [];
      }
      case 'np': {
        const np = this.npAt(tokenIndex);
        if (!np) return [];
        const inner = this.matchSeq(el.words, 0, region, { ...clone(state), pos: p }, { start: np.start, end: np.end });
        return inner.map((s) => ({ ...s, pos: Math.max(s.pos, indexAfter(region, np.end)) }));
      }
      case 'pp': {
        const pp = this.ppAt(tokenIndex);
        if (!pp || !el.prepositions.some((prep) => prep.toLowerCase() === pp.prep)) return [];
        const objStart = indexAfter(region, pp.prepStart + pp.prep.split(' ').length);
        if (el.words.length === 0) {
          // "telephoned Kozyrev on Tuesday": a date names no one; a bare `(ON)` wants a target.
          if (pp.object.conjuncts.length > 0 && pp.object.conjuncts.every((np) => np.temporal)) return [];
          const s = clone(state);
          s.targetPps = [...s.targetPps, pp];
          s.pos = indexAfter(region, pp.end);
          return [s];
        }
        const inner = this.matchSeq(
          el.words,
          0,
          region,
          { ...clone(state), pos: objStart },
          { start: pp.start, end: pp.end },
        );
        return inner.map((s) => ({ ...s, pos: Math.max(s.pos, indexAfter(region, pp.end)) }));
      }
      case 'compound': {
        // Before the verb, `%` asks for a coordinated subject acting on itself; after it, a
        // coordinated target ("agrees with the Philippines and France").
        if (this.before) {
          if (!this.ctx.compoundSubject) return [];
          const s = clone(state);
          s.compound = true;
          return [s];
        }
        const group = this.ctx.groups.get(tokenIndex) ?? null;
        if (!group || group.conjuncts.length < 2) return [];
        const s = clone(state);
        s.target = group;
        s.pos = indexAfter(region, group.end);
        return [s];
      }
      case 'source':
      case 'target':
      case 'skip': {
        // The marker binds the noun phrase at this point — or the rest of the one it is inside
        // ("warned their ^ about +": `^` takes "populations" after the matched "their").
        const np = this.npAt(tokenIndex);
        if (!np) return [];
        const group = this.ctx.groups.get(np.start) ?? null;
        const s = clone(state);
        const end = group ? group.end : np.end;
        if (el.kind === 'source') s.source = group;
        else if (el.kind === 'target') s.target = group;
        else if (np) s.skipped = [...s.skipped, np];
        s.pos = indexAfter(region, end);
        return [s];
      }
    }
  }
}

/** Position in the region of the first token at or after `token`. */
function indexAfter(region: number[], token: number): number {
  let p = 0;
  while (p < region.length && (region[p] as number) < token) p++;
  return p;
}
