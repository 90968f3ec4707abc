import { sqlString } from './sql-literal.ts';

/**
 * Word search for a server with no full-text index (18.16 has none, and no token functions). Each
 * document stores its words once more, normalised on the client and joined as ` word word … `; a
 * query word or phrase then matches exactly when ` its words ` occur in that string. Normalising in
 * JavaScript keeps Unicode case folding and accent stripping identical for documents and queries.
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, accents stripped: `Kyïv` → `kyiv`. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Most words are ASCII, and NFKD leaves those unchanged: skip the (slow) normalisation for them.
  return /^[ -~]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The `terms` column: every word of title and text, normalised, space-delimited on both ends. */
export function searchTerms(title: string, text: string): string {
  const words = `${title} ${text}`.match(WORD) ?? [];
  return ` ${words.map(normalizeWord).join(' ')} `;
}

export interface SearchQuery {
  /** Single words; all must occur. */
  words: string[];
  /** Quoted phrases as word lists; each must occur as consecutive words. */
  phrases: string[][];
}

/**
 * What a search box means: quoted text is a phrase, everything else is words that must all occur.
 * Operators typed by hand (AND, OR, `*`, `-`) are searched as words or dropped as punctuation, so no
 * input is a syntax error.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const phrases: string[][] = [];
  const rest = input.replace(/"([^"]*)"/g, (_, phrase: string) => {
    const words = (phrase.match(WORD) ?? []).map(normalizeWord);
    if (words.length) phrases.push(words);
    return ' ';
  });
  const words = [...new Set((rest.match(WORD) ?? []).map(normalizeWord))];
  return { words, phrases };
}

export function isEmptySearch(q: SearchQuery): boolean {
  return q.words.length === 0 && q.phrases.length === 0;
}

/** WHERE condition and a relevance score (occurrences of each word or phrase) over the `terms` column. */
export function searchSql(q: SearchQuery): { where: string; score: string } {
  const needles = [...q.words.map((w) => ` ${w} `), ...q.phrases.map((p) => ` ${p.join(' ')} `)];
  const where = needles.map((n) => `position(terms, ${sqlString(n)}) > 0`).join(' AND ');
  // Occurrences = removed length / needle length, counted in bytes on both sides.
  const score = needles
    .map((n) => {
      const lit = sqlString(n);
      return `(length(terms) - length(replaceAll(terms, ${lit}, ''))) / length(${lit})`;
    })
    .join(' + ');
  return { where: where || '0', score: score || '0' };
}

/**
 * An excerpt of the text around the first match, each matching word wrapped in `[` `]`. Words are
 * found in the original text and compared normalised, so the excerpt keeps the author's spelling.
 */
export function searchSnippet(text: string, q: SearchQuery, width = 200): string {
  const wanted = new Set([...q.words, ...q.phrases.flat()]);
  const words = [...text.matchAll(WORD)].map((m) => ({ at: m.index ?? 0, word: m[0] }));
  const first = words.find((w) => wanted.has(normalizeWord(w.word)));
  const center = first?.at ?? 0;
  let start = Math.max(0, center - Math.floor(width * 0.3));
  // Start on a word boundary rather than mid-word.
  const startWord = words.find((w) => w.at >= start);
  if (start > 0 && startWord) start = startWord.at;
  const end = Math.min(text.length, start + width);
  let out = '';
  let cursor = start;
  for (const w of words) {
    if (w.at < start || w.at + w.word.length > end) continue;
    if (!wanted.has(normalizeWord(w.word))) continue;
    out += `${text.slice(cursor, w.at)}[${w.word}]`;
    cursor = w.at + w.word.length;
  }
  out += text.slice(cursor, end);
  return `${start > 0 ? '…' : ''}${out.replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
