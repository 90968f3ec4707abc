/**
 * Turns document text into Sentences of Tokens with exact offsets: wink-nlp tokenises, splits and
 * tags; this module then repairs what news text trips it on — sentence breaks after abbreviations
 * ("Pres.", "Oct. 5", "U.S. officials"), hyphenated names split in three ("Al - Qaeda"), and run-on
 * input with no punctuation at all, which is cut into windows so nothing downstream goes quadratic.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { maskText } from './text-mask.ts';
import { keyWords, type Pos, type Sentence, type Token, wordKey } from './token.ts';

/** Titles and honorifics: a period after them never ends a sentence. */
const TITLES = new Set(
  'mr mrs ms dr pres gen lt col maj capt cpt sgt adm cmdr cmdt gov sen rep st sr jr prof rev hon amb sec secy dep insp supt brig fr messrs mme mlle'.split(
    ' ',
  ),
);
/** Month abbreviations: a break after them is wrong when a day number follows. */
const MONTHS = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
/** Other abbreviations that end in a period mid-sentence when a lower-case word or a number follows. */
const OTHER = new Set('u.s u.k u.n e.u no vs inc corp co ltd approx est dept univ a.m p.m etc'.split(' '));

/** Sentences longer than this are cut into windows: no news sentence is this long, run-on input is. */
const MAX_TOKENS = 120;

// Unicode-class patterns live at module level: the TypeScript loader rewrites a `\p{…}` literal
// inside a function into a `new RegExp` built on every call.
const STARTS_UPPER = /^\p{Lu}/u;
const STARTS_UPPER_OR_DIGIT = /^[\p{Lu}\d]/u;
const STARTS_LOWER_OR_DIGIT = /^[\p{Ll}\d]/u;
const ENDS_WORD = /[\p{L}\p{N}.]$/u;
const STARTS_WORD = /^[\p{L}\p{N}]/u;

type Wink = ReturnType<typeof winkNLP>;

let shared: Wink | null = null;

/** The wink pipeline is costly to build (≈70 ms) and stateless between documents, so it is shared. */
function wink(): Wink {
  shared ??= winkNLP(model, ['sbd', 'pos']);
  return shared;
}

/**
 * Splits text into blocks wink should not run together: paragraphs (blank lines), Markdown headings
 * and list items, and short title-like lines without end punctuation ("Troops in Tigray" above the
 * article body).
 */
function blocks(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const lines: { start: number; end: number }[] = [];
  for (let s = 0; s <= text.length; ) {
    const nl = text.indexOf('\n', s);
    const e = nl < 0 ? text.length : nl;
    lines.push({ start: s, end: e });
    s = e + 1;
  }
  let open: { start: number; end: number } | null = null;
  const close = () => {
    if (open && text.slice(open.start, open.end).trim()) out.push(open);
    open = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as { start: number; end: number };
    const body = text.slice(l.start, l.end);
    const trimmed = body.trim();
    if (trimmed === '') {
      close();
      continue;
    }
    const heading = /^#{1,6}\s/.test(trimmed);
    const listItem = /^(?:[-*+•]\s|\d{1,3}[.)]\s|>\s)/.test(trimmed);
    if (heading || listItem) close();
    if (open) open.end = l.end;
    else open = { start: l.start, end: l.end };
    const next = lines[i + 1];
    const nextText = next ? text.slice(next.start, next.end).trim() : '';
    const titleLike = trimmed.length <= 60 && !/[.!?:;,"”’)\]]$/.test(trimmed) && STARTS_UPPER_OR_DIGIT.test(nextText);
    if (heading || titleLike) close();
  }
  close();
  return out;
}

/** The forms of a token's text the pipeline reads, which depend on the text alone. */
interface Forms {
  lower: string;
  key: string;
  words: string[];
}

/**
 * Forms by token text, shared by every token with that text (no caller changes a token's words):
 * news repeats its words, and building three strings and an array per token was a tenth of all
 * the bytes extraction allocates. Cleared when full, so memory stays bounded.
 */
const formsCache = new Map<string, Forms>();
const FORMS_CACHE_LIMIT = 50_000;

function formsOf(text: string): Forms {
  let forms = formsCache.get(text);
  if (forms === undefined) {
    const key = wordKey(text);
    forms = { lower: text.toLowerCase(), key, words: keyWords(key) };
    if (formsCache.size >= FORMS_CACHE_LIMIT) formsCache.clear();
    formsCache.set(text, forms);
  }
  return forms;
}

function makeToken(text: string, start: number, pos: Pos, lemma: string): Token {
  const forms = formsOf(text);
  return {
    index: 0,
    text,
    start,
    end: start + text.length,
    pos,
    lemma: lemma.toLowerCase(),
    lower: forms.lower,
    key: forms.key,
    words: forms.words,
  };
}

/** `Al` `-` `Qaeda` with no spaces between → one token `Al-Qaeda`, tagged as its last part. */
function mergeHyphens(tokens: Token[]): Token[] {
  // Most sentences have no hyphen token: nothing to merge, no copy.
  if (!tokens.some((t) => t.text === '-' || t.text === '‑')) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (
      prev &&
      next &&
      (t.text === '-' || t.text === '‑') &&
      prev.end === t.start &&
      t.end === next.start &&
      ENDS_WORD.test(prev.text) &&
      STARTS_WORD.test(next.text)
    ) {
      const merged = makeToken(`${prev.text}-${next.text}`, prev.start, next.pos === 'NUM' ? 'ADJ' : next.pos, '');
      merged.lemma = `${prev.lower}-${next.lemma}`;
      out[out.length - 1] = merged;
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

function endsWithAbbreviation(tokens: Token[]): { abbr: string } | null {
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  if (last.text === '.') {
    const before = tokens[tokens.length - 2];
    if (!before || before.end !== last.start) return null;
    return { abbr: before.lower };
  }
  if (last.text.endsWith('.') && last.text.length > 1) return { abbr: last.lower.slice(0, -1) };
  return null;
}

function shouldMerge(prev: Token[], next: Token[]): boolean {
  const hit = endsWithAbbreviation(prev);
  const first = next[0];
  if (!hit || !first) return false;
  const abbr = hit.abbr.replace(/\.$/, '');
  if (TITLES.has(abbr)) return true;
  // A single capital initial ("George W. Bush") continues the name.
  if (/^[a-z]$/.test(abbr) && STARTS_UPPER.test(first.text)) return true;
  if (MONTHS.has(abbr)) return /^\d/.test(first.text);
  if (OTHER.has(abbr)) return STARTS_LOWER_OR_DIGIT.test(first.text);
  return false;
}

function renumber(tokens: Token[]): Token[] {
  for (let i = 0; i < tokens.length; i++) (tokens[i] as Token).index = i;
  return tokens;
}

/** Cuts a run-on token list into windows, preferring to cut after `;` or `,`. */
function windows(tokens: Token[]): Token[][] {
  if (tokens.length <= MAX_TOKENS) return [tokens];
  const out: Token[][] = [];
  let start = 0;
  while (start < tokens.length) {
    let end = Math.min(tokens.length, start + MAX_TOKENS);
    if (end < tokens.length) {
      for (let k = end - 1; k > start + MAX_TOKENS / 2; k--) {
        const tx = (tokens[k] as Token).text;
        if (tx === ';' || tx === ',') {
          end = k + 1;
          break;
        }
      }
    }
    out.push(tokens.slice(start, end));
    start = end;
  }
  return out;
}

/** Sentences of the document text, offsets into the original (unmasked) text. */
export function splitSentences(text: string): Sentence[] {
  const masked = maskText(text);
  const nlp = wink();
  const its = nlp.its;
  const raw: Token[][] = [];
  const bs = blocks(masked);
  if (bs.length === 0) return [];
  // One wink pass over the document (its set-up per call costs more than tagging a paragraph);
  // sentences are then also cut wherever a block ends.
  const first = (bs[0] as { start: number }).start;
  const last = (bs[bs.length - 1] as { end: number }).end;
  const doc = nlp.readDoc(masked.slice(first, last));
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const pos = doc.tokens().out(its.pos) as Pos[];
  // wink's typings declare `its.lemma` with a narrower signature than `out()` accepts; it works at run time.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const starts: number[] = new Array(values.length);
  // Tokens whose value is the document's own text there: the value (one string per word in wink's
  // vocabulary, already hashed) then serves as the token text, instead of a copy cut from the text.
  const unmasked = masked === text;
  // Tokens whose value was not found in the text (none, unless the model changes its input).
  let notFound: Set<number> | null = null;
  let cursor = first;
  for (let i = 0; i < values.length; i++) {
    cursor += (spaces[i] ?? '').length;
    const v = values[i] ?? '';
    // wink reproduces its input exactly; the search only guards against a model that does not.
    if (masked.startsWith(v, cursor)) starts[i] = cursor;
    else {
      const found = masked.indexOf(v, cursor);
      starts[i] = found >= 0 ? found : cursor;
      if (found < 0) {
        notFound ??= new Set();
        notFound.add(i);
      }
    }
    cursor = (starts[i] as number) + v.length;
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  let b = 0;
  for (const [a, z] of spans) {
    let toks: Token[] = [];
    for (let i = a; i <= z; i++) {
      const v = values[i] ?? '';
      if (v.trim() === '') continue;
      const at = starts[i] as number;
      while (b < bs.length - 1 && at >= (bs[b] as { end: number }).end) {
        b++;
        if (toks.length > 0) raw.push(toks);
        toks = [];
      }
      const tokenText = unmasked && !notFound?.has(i) ? v : text.slice(at, at + v.length);
      toks.push(makeToken(tokenText, at, pos[i] ?? 'X', lemmas[i] ?? v));
    }
    if (toks.length > 0) raw.push(toks);
  }
  // Undo breaks after abbreviations, then repair hyphenated words.
  const merged: Token[][] = [];
  for (const toks of raw) {
    const prev = merged[merged.length - 1];
    if (prev && shouldMerge(prev, toks)) prev.push(...toks);
    else merged.push(toks);
  }
  const out: Sentence[] = [];
  for (const toks of merged) {
    for (const w of windows(mergeHyphens(toks))) {
      const first = w[0] as Token;
      const last = w[w.length - 1] as Token;
      out.push({ index: out.length, start: first.start, end: last.end, tokens: renumber(w) });
    }
  }
  return out;
}
