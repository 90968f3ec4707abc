/** The unit the rest of the pipeline reads: a word with its place in the document and its tags. */

/** Universal POS tags, as wink-nlp assigns them. */
export type Pos =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB'
  | 'X'
  | 'SPACE';

export interface Token {
  /** Position in its sentence. */
  index: number;
  text: string;
  /** Offsets into the document text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  pos: Pos;
  /** Lower-case lemma (`troops` → `troop`, `said` → `say`). */
  lemma: string;
  lower: string;
  /** Upper case without diacritics or curly apostrophes: the form dictionaries are keyed by. */
  key: string;
  /** Dictionary words of the token: a hyphenated compound (`Al-Qaeda`) gives one word per part. */
  words: string[];
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  tokens: Token[];
}

const COMBINING = /[\u0300-\u036f]/g;
const APOSTROPHES = /[’‘`´]/g;

/** The dictionary key of a word: upper case, diacritics and typographic apostrophes normalised. */
export function wordKey(word: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
  const ascii = /^[\x00-\x7f]*$/.test(word);
  // Almost every word is plain ASCII without a backtick: upper-casing is all it needs.
  if (ascii && !word.includes('`')) return word.toUpperCase();
  const base = ascii ? word : word.normalize('NFKD').replace(COMBINING, '');
  return base.replace(APOSTROPHES, "'").toUpperCase();
}

/** Splits a key into dictionary words at hyphens (`AL-QAEDA` → `AL`, `QAEDA`); keeps `U.S.` whole. */
export function keyWords(key: string): string[] {
  if (!key.includes('-') || key.length === 1) return [key];
  const parts = key.split('-').filter((p) => p.length > 0);
  return parts.length > 0 ? parts : [key];
}
