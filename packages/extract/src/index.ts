/**
 * @module
 * @parallax/extract — the extraction engine: Claims and CAMEO/PLOVER event frames from English text.
 * `loadExtractor()` gives a ready Extractor (core's port); the lower layers are exported for the
 * evaluation suites and for tools that code events without building Claims.
 */

export type { CodedEvent } from './coding/event-coder.ts';
export { ploverOf } from './coding/plover-of.ts';
export type { ActorEntry, DatedCode } from './dictionaries/actor-dictionary-reader.ts';
export { readActorDictionary } from './dictionaries/actor-dictionary-reader.ts';
export { readAgentDictionary } from './dictionaries/agent-dictionary-reader.ts';
export { buildDictionarySet, type DictionarySet } from './dictionaries/dictionary-set.ts';
export { readDiscardList } from './dictionaries/discard-list-reader.ts';
export { readVerbDictionary } from './dictionaries/verb-dictionary-reader.ts';
export { Gazetteer, type GazetteerEntry } from './gazetteer/gazetteer.ts';
export { DEFAULT_DATA_DIR, loadCodebook, loadDictionaries, loadExtractor, loadGazetteer } from './load-extractor.ts';
export { splitSentences } from './nlp/sentence-splitter.ts';
export type { Sentence, Token } from './nlp/token.ts';
export { EXTRACTOR_NAME, ParallaxExtractor } from './parallax-extractor.ts';
export { SentenceAnalyser, type SentenceAnalysis } from './sentence-analysis.ts';
