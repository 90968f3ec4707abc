/**
 * One sentence through the coding stages: dictionary mentions, shallow parse, CAMEO events. Shared
 * by the Extractor (which goes on to build Claims) and the evaluation suites (which score events).
 */
import type { IsoDate } from '@parallax/core';
import { type CodedEvent, EventCoder } from './coding/event-coder.ts';
import type { Mention } from './dictionaries/actor-lexicon.ts';
import type { DictionarySet } from './dictionaries/dictionary-set.ts';
import type { DiscardEntry } from './dictionaries/discard-list-reader.ts';
import { parseSentence, type SentenceParse } from './nlp/shallow-parse.ts';
import type { Sentence } from './nlp/token.ts';

export interface SentenceAnalysis {
  sentence: Sentence;
  mentions: Mention[];
  parse: SentenceParse;
  events: CodedEvent[];
  /** A discard phrase matched: `sentence` skips this sentence, `story` the whole document. */
  discarded: DiscardEntry['scope'] | null;
}

export class SentenceAnalyser {
  private readonly coder: EventCoder;

  constructor(private readonly dictionaries: DictionarySet) {
    this.coder = new EventCoder(dictionaries.verbs, dictionaries.lexicon);
  }

  analyse(sentence: Sentence, date: IsoDate | null): SentenceAnalysis {
    const mentions = this.dictionaries.lexicon.scan(sentence.tokens);
    const parse = parseSentence(sentence.tokens, mentions, (t) => this.dictionaries.verbs.knows(t));
    const discarded = discardScope(sentence, this.dictionaries.discards);
    const events = discarded ? [] : this.coder.code(parse, mentions, date);
    return { sentence, mentions, parse, events, discarded };
  }
}

/** Discard phrases match word-initially; unless marked whole-word, the last word may be a stem. */
function discardScope(sentence: Sentence, discards: readonly DiscardEntry[]): DiscardEntry['scope'] | null {
  if (discards.length === 0) return null;
  const text = ` ${sentence.tokens.map((t) => t.key).join(' ')} `;
  let scope: DiscardEntry['scope'] | null = null;
  for (const d of discards) {
    const at = text.indexOf(` ${d.phrase}`);
    if (at < 0) continue;
    const after = text[at + d.phrase.length + 1];
    if (d.wholeWord && after !== ' ') continue;
    if (d.scope === 'story') return 'story';
    scope = 'sentence';
  }
  return scope;
}
