/**
 * One sentence through the coding stages: dictionary mentions, shallow parse, CAMEO events. Shared
 * by the Extractor (which goes on to build Claims) and the evaluation suites (which score events).
 */
import type { IsoDate } from '@parallax/core';
import { ActorResolver } from './coding/actor-resolver.ts';
import { type CodedEvent, EventCoder } from './coding/event-coder.ts';
import { wordHash } from './coding/verb-index.ts';
import type { Mention } from './dictionaries/actor-lexicon.ts';
import type { DictionarySet } from './dictionaries/dictionary-set.ts';
import type { DiscardEntry } from './dictionaries/discard-list-reader.ts';
import { parseSentence, type SentenceParse } from './nlp/shallow-parse.ts';
import type { Sentence, Token } from './nlp/token.ts';

export interface SentenceAnalysis {
  sentence: Sentence;
  mentions: Mention[];
  /** Reads actor codes off this sentence's phrases (memoised; shared with claim building). */
  resolver: ActorResolver;
  parse: SentenceParse;
  events: CodedEvent[];
  /** A discard phrase matched: `sentence` skips this sentence, `story` the whole document. */
  discarded: DiscardEntry['scope'] | null;
}

export class SentenceAnalyser {
  private readonly coder: EventCoder;
  private readonly discards: DiscardIndex;

  constructor(private readonly dictionaries: DictionarySet) {
    this.coder = new EventCoder(dictionaries.verbs, dictionaries.lexicon);
    this.discards = new DiscardIndex(dictionaries.discards);
  }

  analyse(sentence: Sentence, date: IsoDate | null): SentenceAnalysis {
    return this.analyseAll([sentence], date)[0] as SentenceAnalysis;
  }

  /**
   * A document's sentences, each stage over all of them before the next: the actor trie, the parser
   * and the verb patterns each stay in the processor's caches for a whole document rather than
   * taking turns sentence by sentence. Sentences do not depend on one another here, so the
   * analyses are the ones `analyse` gives one by one.
   */
  analyseAll(sentences: readonly Sentence[], date: IsoDate | null): SentenceAnalysis[] {
    const { lexicon, verbs } = this.dictionaries;
    const mentions = sentences.map((s) => lexicon.scan(s.tokens));
    const parses = sentences.map((s, i) => parseSentence(s.tokens, mentions[i] as Mention[], (t) => verbs.knows(t)));
    const out: SentenceAnalysis[] = [];
    for (let i = 0; i < sentences.length; i++) {
      const sentence = sentences[i] as Sentence;
      const m = mentions[i] as Mention[];
      const parse = parses[i] as SentenceParse;
      const discarded = this.discards.scope(sentence);
      const resolver = new ActorResolver(lexicon, m, date, sentence.tokens);
      const events = discarded ? [] : this.coder.code(parse, resolver);
      out.push({ sentence, mentions: m, resolver, parse, events, discarded });
    }
    return out;
  }
}

const NONE: readonly { words: string[]; entry: DiscardEntry }[] = [];

const PREFIX_SLOTS = 4096;

/**
 * A slot for a word's first three letters (all of them when it is shorter): a word and the key a
 * phrase or stem would be found under always share one.
 */
function prefixSlot(w: string): number {
  const n = Math.min(w.length, 3);
  let h = n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return (h >>> 7) & (PREFIX_SLOTS - 1);
}

/**
 * Discard phrases, indexed by their first word so a sentence is checked in one pass over its tokens.
 * Phrases match word-initially; unless marked whole-word, the last word may be a stem ("GOLF" in
 * "GOLFERS").
 */
class DiscardIndex {
  private readonly byFirst = new Map<string, { words: string[]; entry: DiscardEntry }[]>();
  /** One-word stems by their first three letters. */
  private readonly stems = new Map<string, DiscardEntry[]>();
  /**
   * Set where some phrase's first word has the slot (its `wordHash`), and where some stem is keyed
   * by a word's `prefixSlot`. Most words pass neither, and then cost neither a Map probe nor the
   * slice of their first letters.
   */
  private readonly firstSlots = new Uint8Array(PREFIX_SLOTS);
  private readonly stemSlots = new Uint8Array(PREFIX_SLOTS);

  constructor(discards: readonly DiscardEntry[]) {
    for (const entry of discards) {
      const words = entry.phrase.split(' ');
      const first = words[0] ?? '';
      // A one-word stem ("BASEBALL" matching "BASEBALLS") cannot be keyed by its whole first word.
      if (words.length === 1 && !entry.wholeWord) {
        const p = first.slice(0, 3);
        const list = this.stems.get(p);
        if (list) list.push(entry);
        else this.stems.set(p, [entry]);
        this.stemSlots[prefixSlot(p)] = 1;
        continue;
      }
      this.firstSlots[wordHash(first) & (PREFIX_SLOTS - 1)] = 1;
      const list = this.byFirst.get(first);
      if (list) list.push({ words, entry });
      else this.byFirst.set(first, [{ words, entry }]);
    }
  }

  scope(sentence: Sentence): DiscardEntry['scope'] | null {
    if (this.byFirst.size === 0 && this.stems.size === 0) return null;
    const tokens = sentence.tokens;
    let scope: DiscardEntry['scope'] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const k = (tokens[i] as Token).key;
      const phrases = this.firstSlots[wordHash(k) & (PREFIX_SLOTS - 1)] ? this.byFirst.get(k) : undefined;
      for (const { words, entry } of phrases ?? NONE) {
        let ok = true;
        for (let j = 1; j < words.length; j++) {
          const key = tokens[i + j]?.key;
          const w = words[j] as string;
          const last = j === words.length - 1;
          if (key === undefined || !(key === w || (last && !entry.wholeWord && key.startsWith(w)))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (entry.scope === 'story') return 'story';
        scope = 'sentence';
      }
      if (this.stemSlots[prefixSlot(k)] === 0) continue;
      const stems = this.stems.get(k.length > 3 ? k.slice(0, 3) : k);
      if (stems === undefined) continue;
      for (const entry of stems) {
        if (k.startsWith(entry.phrase)) {
          if (entry.scope === 'story') return 'story';
          scope = 'sentence';
        }
      }
    }
    return scope;
  }
}
