/**
 * A shallow parse good enough for who-did-what-to-whom: noun-phrase, verb-group and prepositional
 * chunks over wink's POS tags, coordination ("Gondor and Osgiliath", "Mordor, Rohan and Bree"),
 * apposition, clause boundaries, passive voice, and for each verb group its subject, object and
 * prepositional phrases. Dictionary mentions (actor names) are kept whole, so "Prince of Dol Amroth"
 * stays one noun phrase.
 */
import type { Mention } from '../dictionaries/actor-lexicon.ts';
import type { Token } from './token.ts';

export interface NounPhrase {
  start: number;
  end: number;
  /** The head word (last noun of the phrase). */
  head: number;
  /** Looks like a date or time ("on Monday", "last week"), never an actor or object. */
  temporal: boolean;
}

/** Noun phrases joined by and/or/nor (a single phrase is a group of one). */
export interface NounGroup {
  conjuncts: NounPhrase[];
  start: number;
  end: number;
}

export interface PrepPhrase {
  /** Preposition as written, lower case (`with`, `according to`). */
  prep: string;
  prepStart: number;
  object: NounGroup;
  /** PPs hanging off this PP's object ("the population of Gondor"). */
  start: number;
  end: number;
}

export type Tense = 'past' | 'present' | 'future' | 'none';

export interface VerbGroup {
  start: number;
  end: number;
  /** Main (lexical) verb; the last auxiliary when the group has none ("is"). */
  main: number;
  /** Only auxiliaries: a copula or an elided verb. */
  auxOnly: boolean;
  negated: boolean;
  /** Modal auxiliary (could, may, might, would, should, must, can), lower case. */
  modal: string | null;
  passive: boolean;
  tense: Tense;
  /** `to restore`: a non-finite complement of another verb. */
  infinitive: boolean;
  /** A bare -ing/-ed form with no auxiliary ("roads leading into Mordor", "killing eight"). */
  participle: boolean;
}

/** A verb group with its arguments. */
export interface Predicate {
  id: number;
  verb: VerbGroup;
  subject: NounGroup | null;
  /** PPs attached to the subject ("Soldiers from Gondor"). */
  subjectPps: PrepPhrase[];
  object: NounGroup | null;
  /** PPs attached to the object ("an attack by Osgiliath soldiers"). */
  objectPps: PrepPhrase[];
  /** PPs after the verb (and after the object), in text order, including the object's. */
  pps: PrepPhrase[];
  /** Token where the clause (and the pattern matcher's "before the verb" region) starts. */
  clauseStart: number;
  /** End (exclusive) of the region after the verb the predicate's arguments come from. */
  clauseEnd: number;
  /** The verb this one completes ("agreed to lift" → lift's governor is agree). */
  governor: Predicate | null;
  /** Subject found by inheritance (control, coordination, relative pronoun) rather than in place. */
  inheritedSubject: boolean;
  /** Introduced by a subordinator (that, after, because …), lower case. */
  subordinator: string | null;
  /** Introduced by a relative pronoun (who, which, that). */
  relative: boolean;
}

export interface SentenceParse {
  tokens: Token[];
  nps: NounPhrase[];
  pps: PrepPhrase[];
  verbs: VerbGroup[];
  predicates: Predicate[];
  units: Unit[];
}

export type UnitKind = 'np' | 'vg' | 'prep' | 'cc' | 'comma' | 'sub' | 'rel' | 'punct' | 'quote' | 'adv' | 'other';

export interface Unit {
  kind: UnitKind;
  start: number;
  end: number;
  np?: NounPhrase;
  vg?: VerbGroup;
}

const MODALS = new Set(['could', 'may', 'might', 'would', 'should', 'must', 'can', 'ca', 'shall', 'will', 'wo', "'ll"]);
const FUTURE = new Set(['will', 'shall', "'ll", 'wo']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'am', "'s", "'re", "'m"]);
const NEGATION = new Set(['not', "n't", 'never', 'no']);
const SUBORDINATORS = new Set([
  'that',
  'because',
  'after',
  'before',
  'as',
  'while',
  'when',
  'whenever',
  'if',
  'although',
  'though',
  'since',
  'until',
  'unless',
  'whether',
  'once',
  'where',
  'whereas',
]);
const RELATIVES = new Set(['who', 'which', 'whom', 'whose']);
// Unicode-class patterns live at module level: the TypeScript loader rewrites a `\p{…}` literal
// inside a function into a `new RegExp` built on every call.
const STARTS_UPPER = /^\p{Lu}/u;
const ALL_LOWER = /^\p{Ll}+$/u;
const MULTI_PREPS: string[][] = [
  ['according', 'to'],
  ['because', 'of'],
  ['in', 'front', 'of'],
  ['ahead', 'of'],
  ['instead', 'of'],
  ['along', 'with'],
  ['together', 'with'],
  ['close', 'to'],
  ['next', 'to'],
  ['due', 'to'],
  ['out', 'of'],
  ['on', 'behalf', 'of'],
  ['in', 'support', 'of'],
  ['with', 'respect', 'to'],
  ['in', 'response', 'to'],
];
/** Multi-word prepositions by their first word, so most tokens are dismissed with one lookup. */
const MULTI_PREPS_BY_FIRST = new Map<string, string[][]>();
for (const mp of MULTI_PREPS) {
  const list = MULTI_PREPS_BY_FIRST.get(mp[0] as string);
  if (list) list.push(mp);
  else MULTI_PREPS_BY_FIRST.set(mp[0] as string, [mp]);
}

/** Verbs of saying and thinking, which take a clause without "that". */
const REPORTING =
  /^(say|tell|claim|believe|think|report|announce|state|allege|deny|confirm|add|insist|warn|suggest|fear|know|hope|expect|argue|note|explain|admit|acknowledge|declare|assert|reveal|estimate)$/;
/** Verbs whose object, not subject, does what the infinitive says. */
const OBJECT_CONTROL =
  /^(urge|ask|tell|order|want|force|persuade|invite|encourage|allow|help|expect|require|call|press|pressure|push|instruct|warn|advise|permit|enable|lead|cause|compel|oblige|appeal|beg|get)$/;
// Word lists as Sets: each is asked of most tokens, and a lookup is cheaper than an alternation.
const DAY_NAMES = new Set(
  'monday tuesday wednesday thursday friday saturday sunday today yesterday tonight overnight'.split(' '),
);
const WEEKDAYS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow weekend morning afternoon evening night week month year day days weeks months years hours minutes january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. dawn overnight earlier recently'.split(
    ' ',
  ),
);
const QUOTES = new Set(['"', '“', '”', '«', '»', '„', "''", '``']);
/** The longest quote: a longer token is no quote without hashing it for the set. */
const QUOTE_LENGTH = Math.max(...[...QUOTES].map((q) => q.length));

function isPastParticiple(t: Token): boolean {
  const l = t.lower;
  if (t.pos !== 'VERB' && t.pos !== 'AUX') return false;
  if (l.endsWith('ing')) return false;
  if (l === t.lemma) return l.endsWith('ed') || /(?:wn|en|lt|pt|ught|ung|ade|one|ept|ent)$/.test(l);
  return !/(?:s)$/.test(l) || l.endsWith('ss');
}

function isGerund(t: Token): boolean {
  return t.lower.endsWith('ing') && (t.pos === 'VERB' || t.pos === 'AUX');
}

/** Token classes after local repairs of the tagger's usual slips in news text. */
type Cls =
  | 'N'
  | 'D'
  | 'A'
  | 'NUM'
  | 'PRON'
  | 'POSS'
  | 'V'
  | 'AUX'
  | 'TO'
  | 'NEG'
  | 'ADV'
  | 'P'
  | 'CC'
  | 'SUB'
  | 'REL'
  | ','
  | 'QUOTE'
  | 'PUNCT'
  | 'X';

function classify(tokens: Token[], inMention: readonly number[], verbLike: (t: Token) => boolean): Cls[] {
  const cls: Cls[] = tokens.map((t, i) => {
    if (inMention[i]) return 'N';
    const l = t.lower;
    if (t.text === ',') return ',';
    if (t.text.length <= QUOTE_LENGTH && QUOTES.has(t.text)) return 'QUOTE';
    if (t.pos === 'PUNCT' || t.pos === 'SYM') return t.text === '%' || t.text === '$' ? 'N' : 'PUNCT';
    if (l === "'s" || l === "'" || l === '’s') return 'POSS';
    if (NEGATION.has(l) && (t.pos === 'PART' || t.pos === 'ADV' || l === "n't" || l === 'not')) return 'NEG';
    if (l === 'to' && t.pos === 'PART') return 'TO';
    if (RELATIVES.has(l)) return 'REL';
    if (t.pos === 'SCONJ' || (SUBORDINATORS.has(l) && t.pos !== 'DET' && t.pos !== 'PRON' && t.pos !== 'ADP'))
      return 'SUB';
    if (t.pos === 'CCONJ') return l === 'and' || l === 'or' || l === 'nor' || l === '&' || l === 'but' ? 'CC' : 'X';
    switch (t.pos) {
      case 'NOUN':
      case 'PROPN':
        return 'N';
      case 'NUM':
        return 'NUM';
      case 'ADJ':
        return 'A';
      case 'DET':
        return 'D';
      case 'PRON':
        return /^(his|her|its|their|our|my|your)$/.test(l) ? 'D' : 'PRON';
      case 'AUX':
        return 'AUX';
      case 'VERB':
        return 'V';
      case 'ADV':
        return 'ADV';
      case 'ADP':
        return SUBORDINATORS.has(l) && l !== 'as' && l !== 'after' && l !== 'before' && l !== 'since' && l !== 'until'
          ? 'SUB'
          : 'P';
      case 'PART':
        return 'ADV';
      default:
        return 'X';
    }
  });
  // Repairs, left to right.
  for (let i = 0; i < tokens.length; i++) {
    // "after crowds trashed its embassy": a preposition that opens a clause is a subordinator.
    if (cls[i] === 'P' && /^(after|before|since|until|as|while|because|once)$/.test((tokens[i] as Token).lower)) {
      let k = i + 1;
      // The clause's subject may carry a prepositional phrase: "before assistance to the region is released".
      while (
        k < tokens.length &&
        k <= i + 9 &&
        (/^(N|A|D|NUM|PRON|POSS)$/.test(cls[k] as string) ||
          (cls[k] === 'P' &&
            k > i + 1 &&
            /^(of|to|in|for|from|on)$/.test((tokens[k] as Token).lower) &&
            /^(N|A|D|NUM|POSS)$/.test(cls[k + 1] as string)))
      )
        k++;
      if (k > i + 1 && (cls[k] === 'V' || cls[k] === 'AUX')) cls[i] = 'SUB';
    }
    const t = tokens[i] as Token;
    const prev = cls[i - 1];
    const next = cls[i + 1];
    // "that": a relative pronoun after a noun and before a verb; a complementizer after a verb, a
    // comma or a date ("said on Friday that …") or before a name; otherwise a determiner.
    if (t.lower === 'that') {
      const prevTok = tokens[i - 1];
      const nextTok = tokens[i + 1];
      const afterClauseWord =
        prev === 'V' ||
        prev === 'AUX' ||
        prev === ',' ||
        prev === undefined ||
        (prevTok !== undefined && WEEKDAYS.has(prevTok.lower));
      if (
        (prev === 'N' || prev === 'PRON') &&
        !afterClauseWord &&
        (next === 'V' || next === 'AUX' || next === 'ADV' || next === 'NEG')
      )
        cls[i] = 'REL';
      else if (
        (next === 'N' || next === 'A') &&
        nextTok?.pos !== 'PROPN' &&
        // "that" determines no plural ("that subunits of the army took part"): it opens a clause.
        !(nextTok?.pos === 'NOUN' && nextTok.lemma !== nextTok.lower && nextTok.lower.endsWith('s')) &&
        // "that more than 10,000 soldiers", "that most of them": a quantity word opens a noun phrase
        // "that" cannot determine.
        !QUANTITY_OPENER.test(nextTok?.lower ?? '') &&
        !opensClause(cls, tokens, i)
      )
        cls[i] = 'D';
      else cls[i] = 'SUB';
    }
    // "Gondor welcome a resumption": a known verb between a name and a determiner is a verb.
    if (
      cls[i] === 'N' &&
      !inMention[i] &&
      t.pos === 'NOUN' &&
      (prev === 'N' || prev === 'PRON') &&
      (next === 'D' || (next === 'PRON' && /^(his|her|its|their)$/.test(tokens[i + 1]?.lower ?? ''))) &&
      verbLike(t)
    ) {
      cls[i] = 'V';
    }
    // "it would free 150 prisoners": after a modal, a word the verb dictionary knows is a verb.
    if (
      (cls[i] === 'A' || cls[i] === 'N') &&
      !inMention[i] &&
      (prev === 'AUX' || (prev === 'NEG' && cls[i - 2] === 'AUX')) &&
      MODALS.has(tokens[prev === 'AUX' ? i - 1 : i - 2]?.lower ?? '') &&
      verbLike(t)
    ) {
      cls[i] = 'V';
    }
    // "Ankara plans to send": a third-person verb the tagger read as a plural noun.
    if (
      cls[i] === 'N' &&
      !inMention[i] &&
      t.pos === 'NOUN' &&
      /[^s]s$/.test(t.lower) &&
      (prev === 'N' || prev === 'PRON') &&
      next === 'TO' &&
      (cls[i + 2] === 'V' || cls[i + 2] === 'AUX')
    ) {
      cls[i] = 'V';
    }
    // "expressed hopes", "signed deals": a plural noun the tagger read as a second verb.
    if (cls[i] === 'V' && prev === 'V' && /s$/.test(t.lower) && !/ss$/.test(t.lower)) cls[i] = 'N';
    // "more than 10,000 soldiers", "fewer than 50": part of the number.
    if (tokens[i + 1]?.lower === 'than' && /^(more|less|fewer)$/.test(t.lower) && cls[i + 2] === 'NUM') {
      cls[i] = 'NUM';
      cls[i + 1] = 'NUM';
      continue;
    }
    // "at least eight people", "at most 300": part of the number.
    if (t.lower === 'at' && /^(least|most)$/.test(tokens[i + 1]?.lower ?? '') && cls[i + 2] === 'NUM') {
      cls[i] = 'NUM';
      cls[i + 1] = 'NUM';
      continue;
    }
    // "about 1,500 troops", "some 50,000 tonnes": an approximator before a number belongs to it.
    if (
      (cls[i] === 'P' || cls[i] === 'ADV' || cls[i] === 'D') &&
      next === 'NUM' &&
      /^(about|around|nearly|approximately|roughly|almost|some|over|under|up)$/.test(t.lower)
    ) {
      cls[i] = 'NUM';
      continue;
    }
    // An adverb inside a noun phrase ("full diplomatic ties", "about 1,500") is a modifier.
    if (cls[i] === 'ADV' && (next === 'A' || next === 'NUM' || (next === 'N' && t.pos !== 'PART'))) {
      if (
        next === 'NUM' ||
        prev === 'D' ||
        prev === 'V' ||
        prev === 'P' ||
        prev === undefined ||
        prev === 'AUX' ||
        prev === ','
      )
        cls[i] = next === 'NUM' ? 'NUM' : 'A';
    }
    // A participle between a determiner/adjective/verb and a noun is an adjective ("the affected villages").
    if (
      cls[i] === 'V' &&
      (t.lower.endsWith('ed') || t.lower.endsWith('ing') || isPastParticiple(t)) &&
      (next === 'N' || next === 'A') &&
      (prev === 'D' || prev === 'A' || prev === 'POSS' || prev === 'NUM' || prev === 'V' || prev === 'P')
    ) {
      cls[i] = 'A';
    }
    // "after an 18-year break,": a verb-tagged word closing a determiner's phrase is its noun.
    if (
      cls[i] === 'V' &&
      (prev === 'A' || prev === 'NUM' || isMeasure(tokens[i - 1])) &&
      (next === undefined || NOUN_END.test(next))
    ) {
      let k = i - 1;
      while (k >= 0 && (cls[k] === 'A' || cls[k] === 'NUM' || isMeasure(tokens[k]))) k--;
      if (cls[k] === 'D' || cls[k] === 'POSS') cls[i] = 'N';
    }
    // "troops liberated the town": a participle the tagger read as an adjective, after a noun and
    // before a determiner, modifies nothing there; it is the verb.
    if (cls[i] === 'A' && t.pos === 'ADJ' && prev === 'N' && next === 'D' && /[a-z]ed$/.test(t.lower)) cls[i] = 'V';
    // "reports of a troop dispatch as …": a bare verb form after a singular common noun that a
    // determiner opens, closing the phrase, disagrees with it as a subject: it ends a compound noun.
    if (
      cls[i] === 'V' &&
      prev === 'N' &&
      (next === undefined || NOUN_END.test(next)) &&
      ALL_LOWER.test(t.text) &&
      !/(s|ed|ing)$/.test(t.lower) &&
      !isPastParticiple(t) &&
      tokens[i + 1]?.lower !== 'by' &&
      ALL_LOWER.test(tokens[i - 1]?.text ?? '') &&
      !/s$/.test(tokens[i - 1]?.lower ?? '')
    ) {
      let k = i - 2;
      while (k >= 0 && (cls[k] === 'A' || cls[k] === 'N')) k--;
      if (cls[k] === 'D' || cls[k] === 'POSS') cls[i] = 'N';
    }
    // "used tear gas": a compound noun whose first word the tagger reads as a verb.
    if (cls[i] === 'V' && t.lower === 'tear' && /^gas(es)?$/.test(tokens[i + 1]?.lower ?? '')) cls[i] = 'A';
    // "Ousted President X has agreed", "Armed men stormed": a sentence-initial past participle before
    // a noun modifies it (a clause-opening participle is followed by its own complement: "Backed by").
    if (
      cls[i] === 'V' &&
      prev === undefined &&
      (t.lower.endsWith('ed') || isPastParticiple(t)) &&
      !t.lower.endsWith('ing') &&
      (next === 'N' || next === 'A')
    ) {
      cls[i] = 'A';
    }
  }
  // "Syrian forces clash with rioters": in a sentence the tagger left without a verb, a singular
  // noun right after a plural one and before a preposition or determiner is the present-tense verb.
  if (!cls.includes('V') && !cls.includes('AUX')) {
    for (let i = 1; i + 1 < tokens.length; i++) {
      const t = tokens[i] as Token;
      const before = tokens[i - 1] as Token;
      if (
        cls[i] === 'N' &&
        cls[i - 1] === 'N' &&
        /[^s]s$/.test(before.lower) &&
        ALL_LOWER.test(t.text) &&
        !t.lower.endsWith('s') &&
        (cls[i + 1] === 'P' || cls[i + 1] === 'D')
      ) {
        cls[i] = 'V';
        break;
      }
    }
  }
  return cls;
}

const NOMINAL = /^(N|A|D|NUM|POSS)$/;
/** Words that open a quantity ("more than", "most of", "several"), after which "that" is no determiner. */
const QUANTITY_OPENER = /^(more|less|fewer|most|many|several|some|all|both|few)$/;

/**
 * "an admission that Soviet forces murdered …": "that", a noun phrase, then a finite verb. The noun
 * phrase may carry an of/from/in phrase ("that the head of the agency said …").
 */
function opensClause(cls: Cls[], tokens: readonly Token[], that: number): boolean {
  let k = that + 1;
  while (k < cls.length && k <= that + 12) {
    if (NOMINAL.test(cls[k] as string)) k++;
    else if (
      k > that + 1 &&
      cls[k] === 'P' &&
      /^(of|from|in)$/.test(tokens[k]?.lower ?? '') &&
      NOMINAL.test((cls[k + 1] ?? '') as string)
    )
      k++;
    else break;
  }
  return k > that + 1 && (cls[k] === 'V' || cls[k] === 'AUX');
}

/** "18-year", "10,000-strong": a number joined to a noun that modifies the next one. */
const isMeasure = (t: Token | undefined) => t !== undefined && /^\d[\d,.]*-[a-z]+$/.test(t.lower);

/** Classes that can follow a noun phrase's last word. */
const NOUN_END = /^(,|\.|P|CC|SUB|REL|TO|PUNCT|:)$/;

const isNominal = (c: Cls | undefined) => c === 'N' || c === 'A' || c === 'NUM' || c === 'D' || c === 'POSS';

/**
 * `verbLike` tells the parser which words the verb dictionary knows, so a verb the tagger read as a
 * noun ("Fornost and Gondor welcome a resumption") can be recovered.
 */
export function parseSentence(
  tokens: Token[],
  mentions: readonly Mention[],
  verbLike: (t: Token) => boolean = () => false,
): SentenceParse {
  // Plain arrays: a typed array of more than 64 bytes lives off the heap, and allocating and
  // sweeping one per sentence costs more than the lookups save.
  const inMention: number[] = new Array(tokens.length).fill(0);
  const mentionStart: number[] = new Array(tokens.length).fill(-1);
  for (const m of mentions) {
    for (let i = m.start; i < m.end; i++) inMention[i] = 1;
    mentionStart[m.start] = m.end;
  }
  const cls = classify(tokens, inMention, verbLike);
  const units: Unit[] = [];
  const nps: NounPhrase[] = [];
  const verbs: VerbGroup[] = [];

  let i = 0;
  while (i < tokens.length) {
    const c = cls[i] as Cls;
    // Multi-word prepositions.
    const multi = MULTI_PREPS_BY_FIRST.get((tokens[i] as Token).lower)?.find((mp) =>
      mp.every((w, k) => tokens[i + k]?.lower === w),
    );
    if (multi && !inMention[i]) {
      units.push({ kind: 'prep', start: i, end: i + multi.length });
      i += multi.length;
      continue;
    }
    if (c === 'PRON') {
      const np: NounPhrase = { start: i, end: i + 1, head: i, temporal: false };
      nps.push(np);
      units.push({ kind: 'np', start: i, end: i + 1, np });
      i++;
      continue;
    }
    if (isNominal(c) && !(c === 'POSS')) {
      const start = i;
      let head = -1;
      let j = i;
      while (j < tokens.length) {
        const cj = cls[j] as Cls;
        if ((mentionStart[j] ?? -1) >= 0) {
          head = (mentionStart[j] as number) - 1;
          j = mentionStart[j] as number;
          continue;
        }
        // "Gondor almost five years": a number after a noun head starts a new phrase ("Boeing 777" does not).
        if (head >= 0 && cls[head] === 'N') {
          const numberNext = cj === 'NUM' || (tokens[j]?.pos === 'ADV' && cls[j + 1] === 'NUM');
          const codeLike =
            cj === 'NUM' &&
            j === head + 1 &&
            STARTS_UPPER.test((tokens[head] as Token).text) &&
            /^\d+$/.test((tokens[j] as Token).text);
          if (numberNext && !codeLike) break;
        }
        // "Gondor late Sunday": a time expression after a name is its own phrase.
        if (head >= 0 && j > start && (tokens[head] as Token).pos === 'PROPN' && !inMention[j]) {
          const w = (tokens[j] as Token).lower;
          const nxt = tokens[j + 1]?.lower ?? '';
          if (WEEKDAYS.has(w) || (/^(late|early|last|next|this)$/.test(w) && WEEKDAYS.has(nxt))) break;
        }
        // "Ukrainian lawmakers Tuesday endorsed": a day name after any head noun is its own phrase.
        if (head >= 0 && j > start && !inMention[j] && DAY_NAMES.has((tokens[j] as Token).lower)) break;
        if (cj === 'N' || cj === 'NUM') head = j;
        else if (cj === 'A') {
          /* modifier */
        } else if (cj === 'POSS') {
          // "the state 's fiercest foe": the possessive continues the phrase.
        } else if ((cj === ',' || cj === 'CC') && cls[j - 1] === 'A' && cls[j + 1] === 'A' && j > start) {
          // "complete, full diplomatic ties", "awful and evil minister": coordinated adjectives.
        } else if (
          cj === 'PUNCT' &&
          (tokens[j] as Token).text === '-' &&
          j > start &&
          tokens[j - 1]?.end === tokens[j]?.start &&
          isNominal(cls[j + 1])
        ) {
          // "an anti- Gondor parade": a dangling hyphen inside the phrase.
        } else if (cj === 'D') {
          // A determiner after a head starts a new phrase ("gave Gondor the keys").
          if (head >= 0 && j > start && cls[j - 1] !== 'POSS') break;
        } else break;
        j++;
      }
      if (head < 0) {
        // Adjectives/determiners alone ("the poor", "several"): keep as a phrase headed by its last word.
        head = j - 1;
      }
      const np: NounPhrase = { start, end: j, head, temporal: isTemporal(tokens, start, j) };
      nps.push(np);
      units.push({ kind: 'np', start, end: j, np });
      i = j;
      continue;
    }
    if (c === 'AUX' || c === 'V' || c === 'TO' || (c === 'NEG' && (cls[i + 1] === 'V' || cls[i + 1] === 'AUX'))) {
      const vg = readVerbGroup(tokens, cls, i);
      if (vg) {
        verbs.push(vg);
        units.push({ kind: 'vg', start: vg.start, end: vg.end, vg });
        i = vg.end;
        continue;
      }
    }
    const kind: UnitKind =
      c === 'P'
        ? 'prep'
        : c === 'CC'
          ? 'cc'
          : c === ','
            ? 'comma'
            : c === 'SUB'
              ? 'sub'
              : c === 'REL'
                ? 'rel'
                : c === 'QUOTE'
                  ? 'quote'
                  : c === 'PUNCT'
                    ? 'punct'
                    : c === 'ADV' || c === 'NEG'
                      ? 'adv'
                      : 'other';
    units.push({ kind, start: i, end: i + 1 });
    i++;
  }

  markReducedRelatives(tokens, units);

  const pps: PrepPhrase[] = [];
  const ppAt = new Map<number, PrepPhrase>();
  const groupAt = new Map<number, NounGroup>();
  // Noun groups: coordination over units. "A, B and C" and "A, B, and C" are lists; "A, the
  // state's fiercest foe," (no closing conjunction) is an apposition, left out of the group.
  // A method of a local object, not a named closure: the TypeScript loader wraps each named closure
  // in a __name() call (a property redefinition) every time it is created, once a sentence here.
  const reader = {
    readGroup(u: number): { group: NounGroup; next: number } | null {
      const first = units[u];
      if (first?.kind !== 'np' || !first.np) return null;
      const cached = groupAt.get(u);
      if (cached) return { group: cached, next: nextUnitAfter(units, cached.end) };
      const items: NounPhrase[] = [first.np];
      let k = u + 1;
      // Gather ", NP" items; they only count if a conjunction closes the list.
      const commaItems: NounPhrase[] = [];
      let q = k;
      // "On June 18, 2024, Russia and North Korea signed": a date and what follows its commas are no
      // list — the date's commas set it off from the clause.
      while (
        !first.np.temporal &&
        units[q]?.kind === 'comma' &&
        units[q + 1]?.kind === 'np' &&
        !units[q + 1]?.np?.temporal
      ) {
        commaItems.push(units[q + 1]?.np as NounPhrase);
        q += 2;
      }
      if (units[q]?.kind === 'comma' && units[q + 1]?.kind === 'cc') q++;
      const cc = units[q];
      const closing = units[q + 1];
      const conj = cc?.kind === 'cc' ? tokens[cc.start]?.lower : undefined;
      if (cc?.kind === 'cc' && conj !== 'but' && closing?.kind === 'np' && closing.np) {
        items.push(...commaItems, closing.np);
        k = q + 2;
      } else {
        k = u + 1;
      }
      const last = items[items.length - 1] as NounPhrase;
      const group: NounGroup = { conjuncts: items, start: first.np.start, end: last.end };
      groupAt.set(u, group);
      return { group, next: k };
    },
  };
  const readGroup: GroupReader = reader.readGroup;

  // Prepositional phrases: a preposition and the noun group after it.
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (unit.kind !== 'prep') continue;
    let v = u + 1;
    // "with respect to the", "for only" — skip adverbs between the preposition and its object.
    while (units[v]?.kind === 'adv') v++;
    const g = readGroup(v);
    if (!g) continue;
    // Most prepositions are one word: no slice, map and join for them.
    const prep =
      unit.end - unit.start === 1
        ? (tokens[unit.start] as Token).lower
        : tokens
            .slice(unit.start, unit.end)
            .map((t) => t.lower)
            .join(' ');
    const pp: PrepPhrase = { prep, prepStart: unit.start, object: g.group, start: unit.start, end: g.group.end };
    pps.push(pp);
    ppAt.set(u, pp);
  }

  const predicates = buildPredicates(tokens, units, ppAt, readGroup);
  return { tokens, nps, pps, verbs, predicates, units };
}

/**
 * "…yielded ground seized in six days", "…the return of property seized by the government": an
 * -ed form with no auxiliary right after a noun, once the clause already has its verb, is a reduced
 * passive relative clause, not a second main verb.
 */
const PERSONAL = /^(i|you|he|she|it|we|they)$/;

function markReducedRelatives(tokens: Token[], units: Unit[]): void {
  let finite = false;
  for (let k = 0; k < units.length; k++) {
    const u = units[k] as Unit;
    if (u.kind === 'sub' || u.kind === 'rel' || (u.kind === 'punct' && /^[;:]$/.test(tokens[u.start]?.text ?? '')))
      finite = false;
    if (u.kind !== 'vg' || !u.vg) continue;
    const vg = u.vg;
    const t = tokens[vg.main] as Token;
    const bare = vg.start === vg.main && !vg.infinitive && !vg.auxOnly;
    // "said Ostmark attacked …": after a reporting verb the noun starts a clause of its own.
    // "said Wednesday she hoped …": a bare date may sit between the reporting verb and the clause.
    let b = k - 2;
    while (b > 0 && units[b]?.kind === 'np' && units[b]?.np?.temporal) b--;
    const before = units[b];
    const afterReport = before?.vg !== undefined && REPORTING.test(tokens[before.vg.main]?.lemma ?? '');
    // "she hoped", "they reported": a personal pronoun takes no reduced relative.
    const np = units[k - 1];
    const pronoun = np?.kind === 'np' && np.end - np.start === 1 && PERSONAL.test(tokens[np.start]?.lower ?? '');
    if (
      finite &&
      bare &&
      !afterReport &&
      !pronoun &&
      units[k - 1]?.kind === 'np' &&
      /(ed|en)$/.test(t.lower) &&
      t.lower !== t.lemma
    ) {
      vg.participle = true;
      vg.passive = true;
      vg.tense = 'none';
      continue;
    }
    if (!vg.infinitive && !vg.participle) finite = true;
  }
}

/**
 * "The civilians imprisoned for acting against Moscow were released by Putin": a bare -ed verb right
 * after the clause's first noun phrase, followed in the same clause by a finite verb group with an
 * auxiliary and no subject of its own, is a reduced relative on that phrase, which is the later
 * verb's subject. Returns finite verb unit → subject noun-phrase unit.
 */
function markFrontReducedRelatives(
  tokens: Token[],
  units: Unit[],
  ppAt: Map<number, PrepPhrase>,
  isBoundary: (u: Unit) => boolean,
): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 1; k < units.length; k++) {
    const vg = units[k]?.vg;
    if (!vg || units[k - 1]?.kind !== 'np') continue;
    const t = tokens[vg.main] as Token;
    if (vg.start !== vg.main || vg.infinitive || vg.auxOnly || vg.participle) continue;
    if (!/(ed|en)$/.test(t.lower) || t.lower === t.lemma) continue;
    // A passive participle takes no direct object: "officials suspended aid deliveries" is a clause.
    if (units[k + 1]?.kind === 'np') continue;
    // The noun phrase opens its clause: no verb between the last boundary and it.
    let q = k - 2;
    while (q >= 0 && !isBoundary(units[q] as Unit) && units[q]?.kind !== 'vg') q--;
    if (q >= 0 && units[q]?.kind === 'vg') continue;
    for (let m = k + 1; m < units.length; m++) {
      const x = units[m] as Unit;
      if (x.kind === 'rel' || (x.kind === 'punct' && /^[;:.]$/.test(tokens[x.start]?.text ?? ''))) break;
      // Only a gerund clause ("for acting against …") may come between, not a finite one ("that …").
      if (
        x.kind === 'sub' &&
        !(units[m + 1]?.vg?.participle && /ing$/.test(tokens[units[m + 1]?.vg?.main ?? 0]?.lower ?? ''))
      )
        break;
      if (x.kind !== 'vg' || !x.vg) continue;
      if (x.vg.infinitive || x.vg.participle) continue;
      if (x.vg.start === x.vg.main && !x.vg.auxOnly) break;
      let l = m - 1;
      while (units[l]?.kind === 'adv') l--;
      const left = units[l] as Unit;
      const inPp = left.kind === 'np' && findPrepOwning(units, l, ppAt) >= 0;
      if (!inPp && !(left.kind === 'vg' && left.vg?.participle)) break;
      vg.participle = true;
      vg.passive = true;
      vg.tense = 'none';
      out.set(m, k - 1);
      break;
    }
  }
  return out;
}

function isTemporal(tokens: Token[], start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const t = tokens[k] as Token;
    if (WEEKDAYS.has(t.lower)) return true;
    if (end - start <= 2 && /^(1[89]|20)\d\d$/.test(t.text)) return true;
  }
  return false;
}

function readVerbGroup(tokens: Token[], cls: Cls[], start: number): VerbGroup | null {
  let j = start;
  let main = -1;
  let lastAux = -1;
  let negated = false;
  let modal: string | null = null;
  let sawBe = -1;
  let sawHave = false;
  let future = false;
  let progressivePassive = false;
  const infinitive = cls[start] === 'TO';
  if (infinitive) j++;
  while (j < tokens.length) {
    const c = cls[j] as Cls;
    const t = tokens[j] as Token;
    // "is being pressured", "were being held": progressive passive, whether the tagger calls
    // "being" an auxiliary or a verb and the participle a verb or an adjective.
    const being = main >= 0 ? main : lastAux;
    if (
      being >= 0 &&
      j === being + 1 &&
      (tokens[being] as Token).lower === 'being' &&
      (isPastParticiple(t) || (c === 'A' && /ed$/.test(t.lower)))
    ) {
      sawBe = being;
      lastAux = being;
      progressivePassive = true;
      main = j;
      j++;
      continue;
    }
    if (c === 'AUX') {
      if (main >= 0) break;
      if (MODALS.has(t.lower)) modal = t.lower === 'ca' ? 'can' : t.lower === 'wo' ? 'will' : t.lower;
      if (FUTURE.has(t.lower)) future = true;
      if (BE.has(t.lower) || t.lemma === 'be') sawBe = j;
      if (t.lemma === 'have') sawHave = true;
      lastAux = j;
      j++;
      // "is about to", "is going to", "is set to": prospective aspect, continued by the infinitive.
      if (
        BE.has(t.lower) &&
        /^(about|going|set|due|expected|likely|poised|ready|able|willing|prepared|determined|eager|keen|committed|unable|unwilling)$/.test(
          tokens[j]?.lower ?? '',
        ) &&
        cls[j + 1] === 'TO'
      ) {
        if (tokens[j]?.lower === 'going') future = true;
        j++;
        break;
      }
      continue;
    }
    if (c === 'NEG') {
      negated = true;
      j++;
      continue;
    }
    if ((c === 'ADV' || (c === 'A' && lastAux >= 0)) && main < 0) {
      // Adverbs inside the group ("has again appealed", "will not ever clash", "has once again
      // outright rejected"): up to three, as long as a verb follows.
      let k = j + 1;
      while (k < tokens.length && k <= j + 3 && (cls[k] === 'ADV' || cls[k] === 'A')) k++;
      if (cls[k] === 'V' || cls[k] === 'AUX' || cls[k] === 'NEG') {
        j = k;
        continue;
      }
      break;
    }
    if (c === 'V') {
      if (main >= 0) {
        // "wire tapped": two verb tags in a row; keep the second as the main verb only if directly adjacent.
        if (j === main + 1 && !isGerund(tokens[main] as Token)) {
          main = j;
          j++;
          continue;
        }
        break;
      }
      main = j;
      j++;
      continue;
    }
    break;
  }
  if (main < 0 && lastAux < 0) return null;
  if (j === start) return null;
  const mainIdx = main >= 0 ? main : lastAux;
  const mainTok = tokens[mainIdx] as Token;
  const passive =
    progressivePassive || (main >= 0 && sawBe >= 0 && sawBe < main && isPastParticiple(mainTok) && !isGerund(mainTok));
  const participle = !infinitive && lastAux < 0 && main >= 0 && isGerund(mainTok);
  let tense: Tense = 'none';
  if (future || modal === 'will' || modal === 'shall') tense = 'future';
  else if (!infinitive) {
    const finite = lastAux >= 0 ? (tokens[start] as Token) : mainTok;
    // Irregular past forms ("said", "met", "began") differ from their lemma without a present ending.
    const irregularPast =
      mainTok.lemma !== mainTok.lower && !/(?:s|ing)$/.test(mainTok.lower) && mainTok.pos === 'VERB';
    if (
      /^(was|were|had|did)$/.test(finite.lower) ||
      (lastAux < 0 && (/ed$/.test(mainTok.lower) || irregularPast)) ||
      sawHave
    )
      tense = 'past';
    else tense = participle ? 'none' : 'present';
  }
  return {
    start,
    end: j,
    main: mainIdx,
    auxOnly: main < 0,
    negated,
    modal: modal === 'will' || modal === 'shall' ? null : modal,
    passive,
    tense,
    infinitive,
    participle,
  };
}

type GroupReader = (u: number) => { group: NounGroup; next: number } | null;

/** PPs right after a noun group that describe it ("soldiers from Gondor", "population of Gondor"). */
function attachedPps(
  ppAt: Map<number, PrepPhrase>,
  unitOfToken: readonly number[],
  afterUnit: number,
  limit: number,
): { pps: PrepPhrase[]; next: number } {
  const out: PrepPhrase[] = [];
  let k = afterUnit;
  while (k < limit) {
    const pp = ppAt.get(k);
    if (!pp || !/^(of|from|in|at|by|for|with|against|on|near|inside|within|between|among)$/.test(pp.prep)) break;
    out.push(pp);
    k = (unitOfToken[pp.end - 1] ?? k) + 1;
    // Only chain through "of"/"from"/"in"; other prepositions attach once.
    if (!/^(of|from|in)$/.test(pp.prep)) break;
  }
  return { pps: out, next: k };
}

function isBoundaryUnit(tokens: Token[], u: Unit): boolean {
  return (
    u.kind === 'sub' || u.kind === 'rel' || (u.kind === 'punct' && /^[;:[\]—–]$/.test(tokens[u.start]?.text ?? ''))
  );
}

/** Unit index of the `(` that opens the parenthesis closed at unit `close`, or -1. */
function openingParen(tokens: Token[], units: Unit[], close: number): number {
  for (let k = close - 1; k >= 0 && k >= close - 12; k--) if (tokens[(units[k] as Unit).start]?.text === '(') return k;
  return -1;
}

// Functions here take what they need as arguments rather than closing over it: the TypeScript
// loader (tsx, keepNames) wraps every named closure in a __name() call made each time the closure
// is created — a property redefinition costing about a microsecond, several times a sentence.
function buildPredicates(
  tokens: Token[],
  units: Unit[],
  ppAt: Map<number, PrepPhrase>,
  readGroup: GroupReader,
): Predicate[] {
  const preds: Predicate[] = [];
  const predOfUnit = new Map<number, Predicate>();
  const unitOfToken: number[] = new Array(tokens.length).fill(-1);
  units.forEach((u, k) => {
    for (let t = u.start; t < u.end; t++) unitOfToken[t] = k;
  });

  const frontRelatives = markFrontReducedRelatives(tokens, units, ppAt, (u) => isBoundaryUnit(tokens, u));

  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (unit.kind !== 'vg' || !unit.vg) continue;
    const vg = unit.vg;
    const pred: Predicate = {
      id: preds.length,
      verb: vg,
      subject: null,
      subjectPps: [],
      object: null,
      objectPps: [],
      pps: [],
      clauseStart: 0,
      clauseEnd: tokens.length,
      governor: null,
      inheritedSubject: false,
      subordinator: null,
      relative: false,
    };

    // ---- Look left: subject and clause start.
    let k = u - 1;
    while (k >= 0 && (units[k] as Unit).kind === 'adv') k--;
    const left = units[k];
    let prevPred: Predicate | undefined;
    for (let q = preds.length - 1; q >= 0; q--) {
      if ((preds[q] as Predicate).verb.end <= unit.start) {
        prevPred = preds[q];
        break;
      }
    }
    // The verb an infinitive completes: the nearest earlier predicate with no clause boundary between.
    const governing =
      vg.infinitive &&
      prevPred &&
      !units
        .slice((unitOfToken[prevPred.verb.end - 1] ?? u) + 1, u)
        .some((x) => isBoundaryUnit(tokens, x) || x.kind === 'vg')
        ? prevPred
        : null;
    if (governing) {
      pred.governor = governing;
      pred.inheritedSubject = true;
      pred.clauseStart = governing.clauseStart;
      const objectControl = OBJECT_CONTROL.test(tokens[governing.verb.main]?.lemma ?? '');
      if (objectControl && governing.object && left?.kind === 'np') {
        // "urged Eriador to respond", "wants Putin to attack": the object does the infinitive.
        pred.subject = governing.object;
        pred.subjectPps = governing.objectPps;
      } else {
        // "agreed to lift", "is about to restore", "signed an accord … to supply".
        pred.subject = governing.subject;
        pred.subjectPps = governing.subjectPps;
      }
    } else if (vg.participle && left?.kind === 'comma' && prevPred) {
      // ", killing at least eight people": the participle's subject is the main clause's.
      pred.subject = prevPred.subject;
      pred.subjectPps = prevPred.subjectPps;
      pred.inheritedSubject = true;
      pred.clauseStart = left.end;
    } else if (
      left?.kind === 'cc' &&
      prevPred &&
      !units
        .slice((unitOfToken[prevPred.verb.end - 1] ?? k) + 1, k)
        .some((x) => x.kind === 'vg' || isBoundaryUnit(tokens, x))
    ) {
      // Coordinated verbs share the subject: "condemned an attack … and promised aid".
      // "had been killed or wounded": a bare participle right after a passive shares its auxiliaries.
      const bare = vg.end - vg.start === 1 && !vg.modal && !vg.negated && !vg.infinitive;
      const participleForm =
        /[a-z]ed$/.test(tokens[vg.main]?.lower ?? '') || isPastParticiple(tokens[vg.main] as Token);
      if (prevPred.verb.passive && bare && participleForm && prevPred.verb.end === left.start) {
        pred.verb = { ...vg, passive: true, tense: prevPred.verb.tense };
      }
      pred.subject = prevPred.subject;
      pred.subjectPps = prevPred.subjectPps;
      pred.inheritedSubject = true;
      pred.clauseStart = prevPred.clauseStart;
      pred.governor = prevPred.governor;
    } else if (left?.kind === 'rel') {
      // "Osgiliath, which opposed …": the antecedent is the subject.
      pred.relative = true;
      let a = k - 1;
      while (a >= 0 && (units[a] as Unit).kind === 'comma') a--;
      const antecedent = findNounGroupEndingAt(units, a, readGroup);
      pred.subject = antecedent;
      pred.inheritedSubject = true;
      pred.clauseStart = left.start;
    } else if (
      prevPred?.relative &&
      prevPred.subject &&
      !vg.participle &&
      !vg.infinitive &&
      units
        .slice((unitOfToken[prevPred.verb.end - 1] ?? u) + 1, u)
        .every((x) => x.kind === 'np' || x.kind === 'prep' || x.kind === 'adv')
    ) {
      // "the units that had been trained at ranges in the Far East were moved …": a finite verb right
      // after a relative clause's phrases closes it, and its subject is the clause's antecedent.
      const antecedent = prevPred.subject;
      pred.subject = antecedent;
      pred.subjectPps = prevPred.subjectPps;
      let c = (unitOfToken[antecedent.start] ?? 0) - 1;
      while (c >= 0 && !isBoundaryUnit(tokens, units[c] as Unit) && (units[c] as Unit).kind !== 'vg') c--;
      pred.clauseStart = c >= 0 ? (units[c] as Unit).end : 0;
      if (c >= 0 && (units[c] as Unit).kind === 'sub')
        pred.subordinator = tokens[(units[c] as Unit).start]?.lower ?? null;
    } else {
      // Scan left for the nearest noun group in this clause, stepping over PPs and appositions.
      let s = k;
      let subjectUnit = frontRelatives.get(u) ?? -1;
      if (subjectUnit >= 0) s = -1;
      const commaBeforeVerb = units[k]?.kind === 'comma';
      while (s >= 0) {
        const x = units[s] as Unit;
        if (x.kind === 'np' && x.np?.temporal && s > 0) {
          // "Ukrainian lawmakers Tuesday endorsed …": a bare date between subject and verb.
          s--;
          continue;
        }
        if (x.kind === 'np') {
          // Inside a PP? Then keep going left to the PP's head noun.
          const prepBefore = findPrepOwning(units, s, ppAt);
          // "the conditions of an agreement forced on …": a reduced relative modifies the noun
          // right before it, even inside a prepositional phrase.
          const reducedOn = vg.participle && vg.passive && s === k;
          if (prepBefore >= 0 && !reducedOn) {
            s = prepBefore - 1;
            continue;
          }
          subjectUnit = s;
          break;
        }
        if (x.kind === 'comma') {
          // ", in remarks published on Monday," — a parenthetical between subject and verb: jump over it
          // when it opens with a preposition or an adverb; otherwise (an apposition) keep scanning.
          let open = -1;
          for (let q = s - 1; q >= 0 && q >= s - 14; q--) {
            const y = units[q] as Unit;
            if (y.kind === 'comma') {
              open = q;
              break;
            }
            if (isBoundaryUnit(tokens, y)) break;
          }
          const opener = units[open + 1];
          if (
            open > 0 &&
            opener &&
            (opener.kind === 'prep' || opener.kind === 'adv') &&
            units[open - 1]?.kind === 'np'
          ) {
            s = open - 1;
            continue;
          }
          s--;
          continue;
        }
        if (x.kind === 'adv' || x.kind === 'prep' || x.kind === 'quote') {
          s--;
          continue;
        }
        // "The European Union (EU) agree": step over a parenthesis.
        if (x.kind === 'punct' && tokens[x.start]?.text === ')') {
          const open = openingParen(tokens, units, s);
          if (open > 0) {
            s = open - 1;
            continue;
          }
        }
        break;
      }
      if (subjectUnit >= 0) {
        // Walk back over a coordination ("Mordor, Rohan, Fornost and Bree") and appositions to the first conjunct.
        let first = subjectUnit;
        const g0 = findNounGroupEndingAt(units, subjectUnit, readGroup);
        if (g0) first = unitOfToken[g0.start] ?? first;
        // Skip appositions: "Osgiliath, the state's fiercest foe, ..." — prefer the phrase before the comma.
        const beforeComma = units[first - 1];
        const beforeThat = units[first - 2];
        if (
          commaBeforeVerb &&
          beforeComma?.kind === 'comma' &&
          beforeThat?.kind === 'np' &&
          tokens[units[first]?.start ?? 0]?.pos === 'DET' &&
          !units.slice(0, first - 1).some((x) => x.kind === 'vg' && x.end > (beforeThat?.start ?? 0))
        ) {
          const gA = findNounGroupEndingAt(units, first - 2, readGroup);
          if (gA) first = unitOfToken[gA.start] ?? first;
        }
        const g = readGroup(first);
        if (g) {
          pred.subject = g.group;
          const att = attachedPps(ppAt, unitOfToken, g.next >= 0 ? g.next : first + 1, u);
          pred.subjectPps = att.pps;
        }
        // Clause start: back from the subject to the previous boundary.
        let c = first - 1;
        while (c >= 0 && !isBoundaryUnit(tokens, units[c] as Unit) && (units[c] as Unit).kind !== 'vg') c--;
        pred.clauseStart = c >= 0 ? (units[c] as Unit).end : 0;
        if (c >= 0 && (units[c] as Unit).kind === 'sub')
          pred.subordinator = tokens[(units[c] as Unit).start]?.lower ?? null;
      } else {
        let c = k;
        while (c >= 0 && !isBoundaryUnit(tokens, units[c] as Unit) && (units[c] as Unit).kind !== 'vg') c--;
        pred.clauseStart = c >= 0 ? (units[c] as Unit).end : 0;
        if (c >= 0 && (units[c] as Unit).kind === 'sub')
          pred.subordinator = tokens[(units[c] as Unit).start]?.lower ?? null;
      }
    }

    // ---- Look right: object, prepositional phrases, clause end.
    let r = u + 1;
    while (r < units.length && (units[r] as Unit).kind === 'adv') r++;
    let end = units.length;
    for (let q = r; q < units.length; q++) {
      const x = units[q] as Unit;
      if (isBoundaryUnit(tokens, x)) {
        end = q;
        break;
      }
      if (x.kind === 'vg' && x.vg && !x.vg.infinitive && !x.vg.participle) {
        end = q;
        break;
      }
      if (x.kind === 'vg' && x.vg?.infinitive) {
        end = q;
        break;
      }
      if (x.kind === 'cc' && units[q + 1]?.kind === 'vg') {
        end = q;
        break;
      }
      if (x.kind === 'comma') {
        // A comma ends the arguments unless a list of noun phrases continues through it.
        const prev = units[q - 1];
        const nx = units[q + 1];
        if (!(prev?.kind === 'np' && nx?.kind === 'np' && ppOrListContinues(units, q))) {
          end = q;
          break;
        }
      }
    }
    if (r < end && units[r]?.kind === 'np' && !(units[r]?.np?.temporal ?? false)) {
      const g = readGroup(r);
      if (g) {
        pred.object = g.group;
        const att = attachedPps(ppAt, unitOfToken, g.next >= 0 ? g.next : r + 1, end);
        pred.objectPps = att.pps;
      }
    }
    for (let q = u + 1; q < end; q++) {
      const pp = ppAt.get(q);
      if (pp) pred.pps.push(pp);
    }
    pred.clauseEnd = end < units.length ? (units[end] as Unit).start : tokens.length;
    preds.push(pred);
    predOfUnit.set(u, pred);
  }
  return preds;
}

function nextUnitAfter(units: Unit[], token: number): number {
  const k = units.findIndex((x) => x.start >= token);
  return k < 0 ? units.length : k;
}

function ppOrListContinues(units: Unit[], commaAt: number): boolean {
  for (let q = commaAt + 1; q < units.length; q++) {
    const x = units[q] as Unit;
    if (x.kind === 'np' || x.kind === 'comma') continue;
    return x.kind === 'cc';
  }
  return false;
}

/** If unit `s` is the object of a preposition, the index of that preposition unit. */
function findPrepOwning(units: Unit[], s: number, ppAt: Map<number, PrepPhrase>): number {
  for (let k = s - 1; k >= 0 && k >= s - 8; k--) {
    const pp = ppAt.get(k);
    if (pp && pp.end >= (units[s] as Unit).end && pp.start <= (units[s] as Unit).start) return k;
    const kind = (units[k] as Unit).kind;
    if (kind !== 'np' && kind !== 'comma' && kind !== 'cc' && kind !== 'adv' && kind !== 'prep') break;
  }
  return -1;
}

/** The noun group whose last conjunct ends at unit `end` (walking back over "A, B and"). */
function findNounGroupEndingAt(units: Unit[], end: number, readGroup: GroupReader): NounGroup | null {
  const u = units[end];
  if (u?.kind !== 'np') return null;
  let first = end;
  for (let k = end - 1; k >= 1; k--) {
    const x = units[k] as Unit;
    const y = units[k - 1] as Unit;
    if ((x.kind === 'cc' || x.kind === 'comma') && y.kind === 'np') {
      first = k - 1;
      k--;
      continue;
    }
    if ((x.kind === 'comma' && y.kind === 'cc') || (x.kind === 'cc' && y.kind === 'comma')) continue;
    break;
  }
  for (let f = first; f <= end; f++) {
    const g = readGroup(f);
    if (g && g.group.end >= u.end) return g.group;
  }
  return readGroup(end)?.group ?? null;
}
