import { LIKELIHOOD_BANDS, type LikelihoodBand } from '@parallax/core';
import type { BriefDraft } from '../draft/brief-draft.ts';

/** Which yardstick a term belongs to; a product uses one (ICD 203: mixing needs a disclaimer). */
export type TermSet = 'icd203' | 'icd203-alternative' | 'kent' | 'uk-phia';

export const LANGUAGE_FINDING_KINDS = [
  'likelihood',
  'unmapped',
  'certainty',
  'likelihood-and-confidence',
  'mixed-terms',
  'no-basis',
] as const;
export type LanguageFindingKind = (typeof LANGUAGE_FINDING_KINDS)[number];

export interface LanguageFinding {
  kind: LanguageFindingKind;
  severity: 'error' | 'warning' | 'info';
  line: number;
  /** The words the finding is about, as written. */
  text: string;
  band: LikelihoodBand | null;
  message: string;
  suggestion: string;
}

interface Term {
  words: string;
  set: TermSet;
  band: LikelihoodBand | null;
}

const BAND_RANGE = (id: LikelihoodBand) => {
  const b = LIKELIHOOD_BANDS.find((x) => x.id === id);
  return b ? `${Math.round(b.min * 100)}–${Math.round(b.max * 100)}%` : '';
};

const PRIMARY = (id: LikelihoodBand) => LIKELIHOOD_BANDS.find((b) => b.id === id)?.terms[0] ?? id;

/**
 * Terms of the yardsticks analysts mix up. ICD 203's two columns come first; Kent's 1964 words and
 * the UK PHIA yardstick are listed only where their wording differs from ICD 203's, so "likely"
 * always reads as ICD 203.
 */
const TERMS: Term[] = [
  { words: 'almost no chance', set: 'icd203', band: 'almost-no-chance' },
  { words: 'remote chance', set: 'uk-phia', band: 'almost-no-chance' },
  { words: 'remote', set: 'icd203-alternative', band: 'almost-no-chance' },
  { words: 'very unlikely', set: 'icd203', band: 'very-unlikely' },
  { words: 'highly improbable', set: 'icd203-alternative', band: 'very-unlikely' },
  { words: 'highly unlikely', set: 'uk-phia', band: 'very-unlikely' },
  { words: 'almost certainly not', set: 'kent', band: 'almost-no-chance' },
  { words: 'probably not', set: 'kent', band: 'unlikely' },
  { words: 'unlikely', set: 'icd203', band: 'unlikely' },
  { words: 'improbable', set: 'icd203-alternative', band: 'unlikely' },
  { words: 'improbably', set: 'icd203-alternative', band: 'unlikely' },
  { words: 'roughly even chance', set: 'icd203', band: 'roughly-even' },
  { words: 'roughly even odds', set: 'icd203-alternative', band: 'roughly-even' },
  { words: 'chances about even', set: 'kent', band: 'roughly-even' },
  { words: 'realistic possibility', set: 'uk-phia', band: 'roughly-even' },
  { words: 'very likely', set: 'icd203', band: 'very-likely' },
  { words: 'highly probable', set: 'icd203-alternative', band: 'very-likely' },
  { words: 'highly likely', set: 'uk-phia', band: 'very-likely' },
  { words: 'likely', set: 'icd203', band: 'likely' },
  { words: 'probable', set: 'icd203-alternative', band: 'likely' },
  { words: 'probably', set: 'icd203-alternative', band: 'likely' },
  { words: 'almost certainly', set: 'icd203', band: 'almost-certain' },
  { words: 'almost certain', set: 'icd203', band: 'almost-certain' },
  { words: 'nearly certain', set: 'icd203-alternative', band: 'almost-certain' },
];

/** Hedges that say something is uncertain without saying how uncertain. */
const VAGUE = ['might', 'could', 'may', 'possibly', 'perhaps', 'conceivably', 'potentially', 'it is possible that'];
/** Words that claim certainty, which the ICD 203 scale deliberately excludes (no 0% or 100%). */
const CERTAIN = [
  'certainly',
  'definitely',
  'undoubtedly',
  'without doubt',
  'there is no doubt',
  'inevitably',
  'surely',
];

const CONFIDENCE =
  /\b(high|moderate|medium|low)[- ]confidence\b|\b(?:we|i|analysts?)\s+(?:are|am|is)\s+(?:highly\s+|moderately\s+)?confident\b|\bwith\s+(?:high|moderate|low)?\s*confidence\b/i;

/** Words that state where a judgment comes from. */
const BASIS =
  /\b(because|based on|given|according to|per|says?|said|stated?|told|reporting|reports?|evidence|indicat\w*|shows?|showed|suggests?|data|sources?|assess\w* (?:that )?on|due to|as a result of|since)\b|\[@|<sup>|\[\^|\^\d+\^/i;

interface Sentence {
  text: string;
  /** Offset in the draft text. */
  start: number;
  paragraphHasCitation: boolean;
}

function sentencesOf(draft: BriefDraft): Sentence[] {
  const out: Sentence[] = [];
  const offsets: number[] = [0];
  for (let i = 0; i < draft.lines.length; i++) offsets.push((offsets[i] as number) + (draft.lines[i]?.length ?? 0) + 1);
  for (const block of draft.body) {
    if (block.kind !== 'prose') continue;
    const start = offsets[block.line - 1] as number;
    const end = (offsets[block.endLine] as number) - 1;
    const raw = draft.text.slice(start, end);
    const cited = /<sup>\s*\d|\[\^|\[@|\^\d+\^|[¹²³⁴⁵⁶⁷⁸⁹]/.test(raw);
    // Sentence ends: . ! ? followed by space and a capital or quote, ignoring common abbreviations.
    const re = /[^.!?]+(?:[.!?]+(?:["”’)\]]|<\/sup>|<sup>\d+<\/sup>)*|$)/g;
    for (const m of raw.matchAll(re)) {
      const text = m[0];
      if (!text.trim()) continue;
      const prev = out.at(-1);
      // "U.S." and "e.g." end with a dot but not a sentence: join when the next piece starts lower-case.
      if (prev && prev.start + prev.text.length === start + (m.index ?? 0) && /^\s*[a-z0-9]/.test(text)) {
        prev.text += text;
        continue;
      }
      out.push({ text, start: start + (m.index ?? 0), paragraphHasCitation: cited });
    }
  }
  return out;
}

const lineStartsCache = new WeakMap<BriefDraft, number[]>();

/** Line of an offset, by binary search over line starts (computed once per draft). */
function lineAt(draft: BriefDraft, offset: number): number {
  let starts = lineStartsCache.get(draft);
  if (!starts) {
    starts = [0];
    for (let i = 0; i < draft.text.length; i++) if (draft.text.charCodeAt(i) === 10) starts.push(i + 1);
    lineStartsCache.set(draft, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function findWord(sentence: string, words: string, caseSensitive = false): number[] {
  const re = new RegExp(`(?<![\\p{L}-])${words.replace(/ /g, '\\s+')}(?![\\p{L}-])`, caseSensitive ? 'gu' : 'giu');
  return [...sentence.matchAll(re)].map((m) => m.index ?? 0);
}

/**
 * Checks estimative language against ICD 203: maps likelihood terms to their bands, flags hedges
 * with no band, certainty words, likelihood and confidence in one sentence, a mix of yardsticks,
 * and judgments that give no basis (no citation, no stated reason).
 */
export function lintLanguage(draft: BriefDraft): LanguageFinding[] {
  const findings: LanguageFinding[] = [];
  const uses: { set: TermSet; term: Term; line: number; text: string }[] = [];
  for (const s of sentencesOf(draft)) {
    const plain = s.text.replace(/<[^>]+>/g, (t) => ' '.repeat(t.length));
    const taken: [number, number][] = [];
    const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
    const hits: { term: Term; at: number; text: string }[] = [];
    for (const term of TERMS) {
      for (const at of findWord(plain, term.words)) {
        const end = at + term.words.length;
        if (overlaps(at, end)) continue;
        // "remote" alone is a likelihood only when it qualifies a chance ("is remote", "remote possibility").
        if (
          term.words === 'remote' &&
          !/remote\s+(?:chance|possibility|prospect|likelihood)|(?:is|are|remains?|seems?)\s+remote/i.test(
            plain.slice(Math.max(0, at - 12), end + 14),
          )
        )
          continue;
        taken.push([at, end]);
        hits.push({ term, at, text: plain.slice(at, end) });
      }
    }
    const vague: { at: number; text: string }[] = [];
    // Case-sensitive, so the month of May is not a hedge.
    for (const w of VAGUE)
      for (const at of findWord(plain, w, true))
        if (!overlaps(at, at + w.length)) vague.push({ at, text: plain.slice(at, at + w.length) });
    const certain: { at: number; text: string }[] = [];
    for (const w of CERTAIN)
      for (const at of findWord(plain, w))
        if (!overlaps(at, at + w.length)) certain.push({ at, text: plain.slice(at, at + w.length) });

    for (const h of hits.sort((a, b) => a.at - b.at)) {
      const line = lineAt(draft, s.start + h.at);
      uses.push({ set: h.term.set, term: h.term, line, text: h.text });
      const band = h.term.band;
      findings.push({
        kind: 'likelihood',
        severity: 'info',
        line,
        text: h.text,
        band,
        message: band
          ? `“${h.text}” is ICD 203 band ${band} (${BAND_RANGE(band)})${h.term.set === 'icd203' || h.term.set === 'icd203-alternative' ? '' : ` — a ${h.term.set === 'kent' ? 'Kent (1964)' : 'UK PHIA'} term`}`
          : `“${h.text}”`,
        suggestion: 'No change needed if this is the band you mean.',
      });
    }
    for (const v of vague) {
      findings.push({
        kind: 'unmapped',
        severity: 'warning',
        line: lineAt(draft, s.start + v.at),
        text: v.text,
        band: null,
        message: `“${v.text}” expresses uncertainty without a likelihood band`,
        suggestion:
          'Say how likely: use an ICD 203 term (e.g. “unlikely”, “roughly even chance”, “likely”), or state it as a possibility you do not estimate.',
      });
    }
    for (const c of certain) {
      findings.push({
        kind: 'certainty',
        severity: 'warning',
        line: lineAt(draft, s.start + c.at),
        text: c.text,
        band: null,
        message: `“${c.text}” claims certainty, which ICD 203 keeps off its scale`,
        suggestion: 'Use “almost certain” (95–99%) for a judgment, or state the fact with its source.',
      });
    }
    const confidence = CONFIDENCE.exec(plain);
    if (confidence && hits.length) {
      findings.push({
        kind: 'likelihood-and-confidence',
        severity: 'error',
        line: lineAt(draft, s.start + (confidence.index ?? 0)),
        text: `${hits[0]?.text} … ${confidence[0]}`,
        band: hits[0]?.term.band ?? null,
        message: `likelihood (“${hits[0]?.text}”) and confidence (“${confidence[0]}”) share one sentence`,
        suggestion: 'Split it: one sentence for how likely the event is, another for how confident you are and why.',
      });
    }
    const judgment = hits.length > 0 || vague.length > 0;
    if (judgment && !s.paragraphHasCitation && !BASIS.test(plain)) {
      const first = [...hits.map((h) => ({ at: h.at, text: h.text })), ...vague].sort((a, b) => a.at - b.at)[0];
      findings.push({
        kind: 'no-basis',
        severity: 'warning',
        line: lineAt(draft, s.start + (first?.at ?? 0)),
        text: s.text
          .replace(/<[^>]+>/g, '')
          .trim()
          .slice(0, 160),
        band: hits[0]?.term.band ?? null,
        message: `a judgment with no stated basis (no citation in its paragraph, no reason given): “${excerpt(s.text)}”`,
        suggestion: 'Cite the reporting it rests on, or say what it is based on (“because…”, “given…”).',
      });
    }
  }

  // Mixed yardsticks: the set used most is the brief's; every use of another set is flagged.
  const counts = new Map<TermSet, number>();
  for (const u of uses) counts.set(u.set, (counts.get(u.set) ?? 0) + 1);
  if (counts.size > 1) {
    const main = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === 'icd203' ? -1 : 1))[0]?.[0] as TermSet;
    for (const u of uses) {
      if (u.set === main) continue;
      const band = u.term.band;
      const replacement = band
        ? main === 'icd203-alternative'
          ? (LIKELIHOOD_BANDS.find((b) => b.id === band)?.terms[1] ?? PRIMARY(band))
          : PRIMARY(band)
        : null;
      findings.push({
        kind: 'mixed-terms',
        severity: 'warning',
        line: u.line,
        text: u.text,
        band,
        message: `“${u.text}” is from the ${label(u.set)} set, while the brief mostly uses the ${label(main)} set`,
        suggestion: replacement
          ? `Use “${replacement}”, or add a note explaining the mix of yardsticks.`
          : 'Use one set of terms throughout.',
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}

function excerpt(sentence: string): string {
  const t = sentence
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > 90 ? `${t.slice(0, 87)}…` : t;
}

function label(set: TermSet): string {
  return {
    icd203: 'ICD 203',
    'icd203-alternative': 'ICD 203 alternative (probable/improbable)',
    kent: 'Kent (1964)',
    'uk-phia': 'UK PHIA',
  }[set];
}

/** The ICD 203 likelihood terms in a piece of text, in order, with their bands. */
export function likelihoodTerms(text: string): { text: string; band: LikelihoodBand | null; set: TermSet }[] {
  const taken: [number, number][] = [];
  const hits: { at: number; text: string; band: LikelihoodBand | null; set: TermSet }[] = [];
  for (const term of TERMS) {
    for (const at of findWord(text, term.words)) {
      const end = at + term.words.length;
      if (taken.some(([x, y]) => at < y && end > x)) continue;
      if (term.words === 'remote') continue;
      taken.push([at, end]);
      hits.push({ at, text: text.slice(at, end), band: term.band, set: term.set });
    }
  }
  return hits.sort((a, b) => a.at - b.at).map(({ at: _at, ...h }) => h);
}
