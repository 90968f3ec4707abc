/**
 * Finds place names in a sentence and resolves each to one gazetteer entry. A capitalised name (or
 * a Cyrillic/Hangul word) counts as a place when the gazetteer knows it and the text supports the
 * reading: a locative preposition before it ("shipped to Vladivostok"), a division word after it
 * ("Kanem region"), or a name too prominent to be anything else (countries, divisions, large
 * cities). Ambiguous names are ranked by kind, population and the countries the document mentions.
 */
import type { Token } from '../nlp/token.ts';
import { DIVISION_WORDS, type Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { placeKey } from './place-key.ts';

export interface PlaceMention {
  /** Token span [start, end), including a trailing division word. */
  start: number;
  end: number;
  entry: GazetteerEntry;
  /** The locative preposition before the name, lower case; `object` right after a verb; else null. */
  preposition: string | null;
}

const LOCATIVE = new Set([
  'in',
  'at',
  'near',
  'to',
  'into',
  'from',
  'outside',
  'around',
  'across',
  'toward',
  'towards',
  'inside',
  'through',
  'via',
  'over',
  'on',
  'off',
  'within',
  'throughout',
  'between',
  'beyond',
  'along',
]);

/** Capitalised words that are never place names in running text. */
const NOT_PLACES = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'this',
  'that',
  'but',
  'and',
  'or',
  'in',
  'on',
  'at',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'president',
  'minister',
  'general',
  'mr',
  'mrs',
  'ms',
]);

/**
 * Compass words alone ("the North", "the West") are regions of speech, not the towns GeoNames lists
 * under them ("North" is an alternate name of North Salt Lake); they may still open a longer name.
 */
const COMPASS = /^(north|south|east|west|northern|southern|eastern|western|central)$/;

const SAYING = /^(say|tell|claim|report|announce|state|add|believe|think|confirm|deny|warn|allege|note|urge|call)$/;

const HANGUL_PARTICLES = [
  '으로',
  '에서',
  '까지',
  '부터',
  '로',
  '에',
  '의',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '과',
  '와',
  '도',
];

/** Scripts written without capitals (or where case tells nothing): any word may be a name. */
const UNCASED = /^[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

// Unicode-class patterns live at module level: the TypeScript loader rewrites a `\p{…}` literal
// inside a function into a `new RegExp` built on every call.
const STARTS_UPPER = /^\p{Lu}/u;
const STARTS_LOWER = /^\p{Ll}/u;
const STARTS_NAME = /^[\p{Lu}\p{Lo}]/u;

/** STARTS_NAME, with ASCII (most words) answered without the regex. */
function startsName(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : STARTS_NAME.test(text);
}
const HANGUL = /\p{Script=Hangul}/u;
/** Words that may join the parts of a multi-word place name ("Bosnia and Herzegovina"). */
const JOINING = /^(and|of|on|upon|de|la|al|el)$/;

function looksLikeName(t: Token, sentenceStart: boolean): boolean {
  const c = t.text.charCodeAt(0);
  // Most tokens start with an ASCII character: only A–Z can start a name there.
  if (c < 128 && (c < 65 || c > 90)) return false;
  if (NOT_PLACES.has(t.lower)) return false;
  if (c >= 128 && UNCASED.test(t.text)) return true;
  if (!STARTS_UPPER.test(t.text)) return false;
  if (sentenceStart && t.pos !== 'PROPN') return false;
  return t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'X' || t.pos === 'VERB';
}

export interface PlaceContext {
  /** ISO3 codes of countries the sentence mentions (strong evidence). */
  sentenceCountries: ReadonlySet<string>;
  /** ISO3 codes of countries the document mentions (weaker). */
  documentCountries: ReadonlySet<string>;
  /** Token spans that name people or organisations, never read as places. */
  blocked: readonly { start: number; end: number }[];
  /**
   * Every dictionary name in the sentence: a place may not start inside one unless it covers it
   * whole ("Kharkiv" is both; "North" of "North Korean" is not a place).
   */
  names?: readonly { start: number; end: number }[];
}

export class PlaceFinder {
  /** Per-token place keys of the sentence being read, computed once each. */
  private readonly keys: (string | undefined)[] = [];
  /** Per-token flags of the sentence being read: 1 inside a span that names a person or organisation. */
  private blocked = new Uint8Array(128);
  /**
   * Gazetteer answers for the document being read: a document names the same places and people
   * again and again, and each lookup otherwise bisects several hundred thousand place names.
   */
  private lookups = new Map<string, readonly GazetteerEntry[]>();
  private nameStarts = new Map<string, boolean>();
  private placeKeys = new Map<string, string>();

  constructor(private readonly gazetteer: Gazetteer) {}

  /** Forgets the previous document's lookups (the memory stays bounded by one document). */
  startDocument(): void {
    this.lookups = new Map();
    this.nameStarts = new Map();
    this.placeKeys = new Map();
  }

  private keyOf(tokens: readonly Token[], i: number): string {
    let k = this.keys[i];
    if (k === undefined) {
      const text = (tokens[i] as Token).text;
      k = this.placeKeys.get(text);
      if (k === undefined) {
        k = placeKey(text);
        this.placeKeys.set(text, k);
      }
      this.keys[i] = k;
    }
    return k;
  }

  private lookupKey(key: string): readonly GazetteerEntry[] {
    let entries = this.lookups.get(key);
    if (entries === undefined) {
      entries = this.gazetteer.lookupKey(key);
      this.lookups.set(key, entries);
    }
    return entries;
  }

  private startsName(key: string): boolean {
    let starts = this.nameStarts.get(key);
    if (starts === undefined) {
      starts = this.gazetteer.startsName(key);
      this.nameStarts.set(key, starts);
    }
    return starts;
  }

  find(tokens: readonly Token[], ctx: PlaceContext): PlaceMention[] {
    const out: PlaceMention[] = [];
    for (let k = 0; k < tokens.length; k++) this.keys[k] = undefined;
    if (this.blocked.length < tokens.length) this.blocked = new Uint8Array(tokens.length * 2);
    const blocked = this.blocked;
    blocked.fill(0, 0, tokens.length);
    for (const b of ctx.blocked) for (let i = b.start; i < b.end && i < tokens.length; i++) blocked[i] = 1;
    let i = 0;
    let last: PlaceMention | null = null;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (blocked[i] || !looksLikeName(t, i === 0)) {
        i++;
        continue;
      }
      const hit = this.longest(tokens, i, blocked);
      if (!hit || (hit.end === i + 1 && COMPASS.test(t.lower))) {
        i++;
        continue;
      }
      const within = ctx.names?.find((n) => n.start <= i && i < n.end);
      if (within && (within.start !== i || hit.end < within.end)) {
        i++;
        continue;
      }
      let end = hit.end;
      const next = tokens[end];
      const division = next !== undefined && DIVISION_WORDS.has(next.lower);
      if (division) end++;
      let prep = this.prepositionBefore(tokens, i);
      // "in Tigray, Afar and Amhara": later items of a list share the first one's preposition.
      if (
        !prep &&
        last?.preposition &&
        tokens.slice(last.end, i).every((x) => x.text === ',' || x.lower === 'and' || x.lower === 'or')
      ) {
        prep = last.preposition;
      }
      // "the Victory Plan", "Vice Foreign Minister": a capitalised word right after means the name
      // goes on, and the small town that shares its first word is not meant.
      const continues = !division && next !== undefined && STARTS_UPPER.test(next.text);
      const entry = this.rank(hit.entries, { division, preposition: prep, continues, ctx });
      if (entry) {
        last = { start: i, end, entry, preposition: prep };
        out.push(last);
      }
      i = end;
    }
    return out;
  }

  private longest(
    tokens: readonly Token[],
    start: number,
    blocked: Uint8Array,
  ): { end: number; entries: readonly GazetteerEntry[] } | null {
    // Inside a multi-word name only names and joining words ("Bosnia and Herzegovina"): the words
    // after the first that may belong to it, before asking the gazetteer anything.
    let maxLen = 1;
    const limit = Math.min(4, tokens.length - start);
    while (maxLen < limit) {
      const k = start + maxLen;
      const t = tokens[k] as Token;
      if (blocked[k] || (!startsName(t.text) && !JOINING.test(t.lower))) break;
      maxLen++;
    }
    if (maxLen >= 2 && !this.gazetteer.startsMultiword(this.keyOf(tokens, start))) maxLen = 1;
    // No name starts with the first two words: the longer readings need no lookup.
    if (maxLen >= 2 && !this.startsName(`${this.keyOf(tokens, start)} ${this.keyOf(tokens, start + 1)}`)) maxLen = 1;
    for (let len = maxLen; len >= 1; len--) {
      let key = this.keyOf(tokens, start);
      for (let k = start + 1; k < start + len; k++) key += ` ${this.keyOf(tokens, k)}`;
      const entries = this.lookupKey(key);
      if (entries.length > 0) return { end: start + len, entries };
      if (len === 1) {
        const t = tokens[start] as Token;
        // Korean case particles attach to the noun: 블라디보스토크로 "to Vladivostok".
        if (HANGUL.test(t.text)) {
          for (const p of HANGUL_PARTICLES) {
            if (t.text.length > p.length + 1 && t.text.endsWith(p)) {
              const e = this.lookupKey(placeKey(t.text.slice(0, -p.length)));
              if (e.length > 0) return { end: start + 1, entries: e };
            }
          }
        }
      }
    }
    return null;
  }

  private prepositionBefore(tokens: readonly Token[], i: number): string | null {
    let k = i - 1;
    // "to eastern Russia", "in the occupied south": step over a determiner and direction words.
    for (let n = 0; n < 3 && k >= 0; n++) {
      const w = tokens[k] as Token;
      if (w.lower === 'the' || (w.pos === 'ADJ' && STARTS_LOWER.test(w.text))) k--;
      else break;
    }
    // "Brazil's Amazonas state": a possessive country counts as locative context.
    if (tokens[k]?.lower === "'s") return "'s";
    const w = tokens[k]?.lower;
    if (w && LOCATIVE.has(w)) return w;
    // "attacked Bakhmut", "shelled the town of …": the object of a verb (not of a verb of saying).
    if (tokens[k]?.pos === 'VERB' && !SAYING.test(tokens[k]?.lemma ?? '')) return 'object';
    return null;
  }

  private rank(
    entries: readonly GazetteerEntry[],
    opts: { division: boolean; preposition: string | null; continues: boolean; ctx: PlaceContext },
  ): GazetteerEntry | null {
    let best: GazetteerEntry | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const e of entries) {
      let s: number;
      if (e.level === 'country') s = opts.division ? -5 : 9;
      else if (e.level === 'admin1') s = opts.division ? 12 : 4;
      else {
        s = Math.log10(e.population + 10) + (e.featureCode === 'PPLC' ? 2 : e.featureCode === 'PPLA' ? 1 : 0);
        if (opts.division) s -= 3;
        // A small place needs a preposition before it to be read as a place at all.
        const prominent = e.population >= 100_000 || e.featureCode === 'PPLC' || e.featureCode === 'PPLA';
        if (!prominent && (!opts.preposition || opts.continues)) continue;
      }
      // "Japan's Vice Foreign Minister": a possessive is locative context only for a place of the
      // country it names ("Brazil's Amazonas state").
      if (opts.preposition === "'s" && e.level !== 'country' && e.country && !opts.ctx.sentenceCountries.has(e.country))
        continue;
      if (e.country && opts.ctx.sentenceCountries.has(e.country)) s += 4;
      else if (e.country && opts.ctx.documentCountries.has(e.country)) s += 2;
      if (s > bestScore) {
        bestScore = s;
        best = e;
      }
    }
    return best;
  }
}
