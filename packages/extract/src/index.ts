/**
 * @module
 * @parallax/extract — the extraction engine: Claims and CAMEO/PLOVER event frames from English text.
 */
export { splitSentences } from './nlp/sentence-splitter.ts';
export type { Sentence, Token } from './nlp/token.ts';
