/**
 * Reported speech: who a clause is attributed to, and how. Handles "X said/confirmed/denied/… that
 * …", "X said … (no that)", trailing attributions (", a senior official said." / ", said the
 * minister."), "according to X", and hedging adverbs ("reportedly", "allegedly").
 */
import type { Stance } from '@parallax/core';
import { REPORT_NOUN } from '../nlp/report-noun.ts';
import type { NounGroup, Predicate, SentenceParse } from '../nlp/shallow-parse.ts';

/** Reporting verbs by the stance they give the speaker towards what they report. */
// Prototype-free: looked up by any lemma of the text, "constructor" included.
const STANCE_OF: Record<string, Stance> = Object.create(null);
const add = (stance: Stance, words: string) => {
  for (const w of words.split(' ')) STANCE_OF[w] = stance;
};
add(
  'asserts',
  'say tell state announce report add note declare write explain stress insist reiterate argue emphasize emphasise remark comment mention indicate disclose reveal inform brief testify tweet post publish warn assert affirm maintain observe point signal conclude',
);
add('confirms', 'confirm verify acknowledge admit concede corroborate');
add('denies', 'deny dismiss refute dispute rebuff contest disavow');
add('alleges', 'allege claim accuse charge');
add('speculates', 'believe suspect estimate expect predict fear think speculate assess suggest guess anticipate hope');

/**
 * Verbs that reject what they take, and so deny a report's content when their object is a report
 * noun with a that-clause: "brushed aside suggestions from Seoul that …", "rejected reports that …".
 * With any other object ("rejected the offer") they are events, not attributions.
 */
const REJECTING = /^(reject|brush|repudiate|discount|ridicule|deride|scoff|rubbish|slam)$/;

/** What a report noun says of its content's standing: a rumour is speculation, a claim an allegation. */
const NOUN_STANCE: Record<string, Stance> = Object.create(null);
for (const n of ['rumour', 'rumor', 'suggestion', 'speculation']) NOUN_STANCE[n] = 'speculates';
for (const n of ['claim', 'allegation', 'accusation', 'assertion']) NOUN_STANCE[n] = 'alleges';

/**
 * The report noun a that-clause completes, if any ("the rumour that …", "claims, repeated by X,
 * that …"), as its singular lemma; null when "that" follows anything else.
 */
function reportNounBefore(q: Predicate, tokens: SentenceParse['tokens']): string | null {
  let that = q.verb.start - 1;
  while (that >= q.clauseStart && that > q.verb.start - 16 && tokens[that]?.lower !== 'that') that--;
  if (tokens[that]?.lower !== 'that') return null;
  let i = that - 1;
  // Step over an insert set off by commas: "the rumour, amplified by foreign media, that".
  if (tokens[i]?.text === ',') {
    i--;
    while (i >= 0 && i > that - 12 && tokens[i]?.text !== ',') i--;
    if (tokens[i]?.text !== ',') return null;
    i--;
  }
  const t = tokens[i];
  return t && t.pos === 'NOUN' && REPORT_NOUN.test(t.lower) ? t.lemma : null;
}

export function reportingStance(lemma: string): Stance | null {
  return STANCE_OF[lemma] ?? null;
}

export interface Attribution {
  /** The reporting verb's predicate, or null for "according to" and the document's own voice. */
  via: Predicate | null;
  /** Who speaks: a noun group in the sentence. */
  speaker: NounGroup | null;
  stance: Stance;
  /** "did not confirm": the speaker's report is itself negated. */
  negated: boolean;
  /**
   * The clause is the content of a report the speaker takes a stance on ("dismissed reports that
   * troops may have been sent"): its hedges are the report's words, not the speaker's.
   */
  ofReport?: boolean;
  /**
   * Whoever made the report the speaker takes a stance on ("brushed aside suggestions from Seoul
   * that …": Seoul), with the stance its noun gives: a second voice on the same clause.
   */
  reporter?: { speaker: NounGroup; stance: Stance };
}

const HEDGE_ALLEGES = /^(reportedly|allegedly|purportedly|supposedly|ostensibly)$/;
const HEDGE_SPECULATES = /^(possibly|probably|likely|apparently|perhaps|maybe|seemingly)$/;

export interface SentenceAttribution {
  /** Attribution of each predicate, by predicate id. */
  of: Map<number, Attribution>;
  /** Reporting predicates that only attribute (they are not events themselves). */
  wrappers: Set<number>;
  /**
   * Who denies, by the denying predicate's id, for an event the event coder read off a denial's
   * object ("dismissed reports of a troop deployment"): used only for events it marks as denied.
   */
  denials: Map<number, Attribution>;
}

/** Index of the unit holding a token (-1 if none). */
function unitAt(units: SentenceParse['units'], token: number): number {
  return units.findIndex((u) => u.start <= token && token < u.end);
}

/**
 * Who speaks through a reporting participle with no subject of its own: "X released a statement
 * saying that …", "Y rejected the claim, saying …" — the subject of the clause it hangs from.
 */
function participleSubject(p: Predicate, predicates: readonly Predicate[]): NounGroup | null {
  if (!p.verb.participle) return null;
  for (let i = predicates.indexOf(p) - 1; i >= 0; i--) {
    const q = predicates[i];
    if (q?.subject && q.verb.end <= p.verb.start) return q.subject;
  }
  return null;
}

/** Nouns naming a text someone issues, which speaks for its issuer ("released a statement saying"). */
const ISSUED_TEXT = /^(statements?|communiqu[eé]s?|declarations?|letters?|notes?|messages?|readouts?|releases?)$/;

/**
 * "X released a statement saying …": the statement speaks, but what it says is X's. A speaker that is
 * an issued text and the object of an earlier verb in the sentence gives way to that verb's subject.
 */
function issuerOf(speaker: NounGroup | null, predicates: readonly Predicate[], tokens: SentenceParse['tokens']) {
  const only = speaker?.conjuncts.length === 1 ? speaker.conjuncts[0] : undefined;
  if (!speaker || !only || !ISSUED_TEXT.test(tokens[only.head]?.lower ?? '')) return speaker;
  const issuing = predicates.find((q) => q.object?.start === only.start && q.subject);
  return issuing?.subject ?? speaker;
}

export function attribute(parse: SentenceParse): SentenceAttribution {
  const { tokens, predicates, units } = parse;
  const of = new Map<number, Attribution>();
  const wrappers = new Set<number>();
  const denials = new Map<number, Attribution>();

  for (const p of predicates) {
    const lemma = tokens[p.verb.main]?.lemma ?? '';
    const verbStance = reportingStance(lemma);
    const rejecting = REJECTING.test(lemma);
    if ((!verbStance && !rejecting) || p.verb.infinitive) continue;
    let u = unitAt(units, p.verb.end - 1) + 1;
    // Skip what may sit between the verb and its complement: "said on Friday that", "told reporters
    // that", "rejected claims by Kyiv that".
    let sawObject = false;
    let reportNoun = false;
    let nounLemma = '';
    let objectStart = -1;
    let reporterNp: NounGroup | null = null;
    while (u < units.length) {
      const x = units[u];
      if (!x) break;
      if (x.kind === 'quote' || x.kind === 'comma' || (x.kind === 'punct' && tokens[x.start]?.text === ':')) {
        u++;
        continue;
      }
      const reporter =
        reportNoun &&
        units[u - 1]?.kind === 'prep' &&
        /^(from|by)$/.test(tokens[units[u - 1]?.start ?? -1]?.lower ?? '');
      if (x.kind === 'adv' || x.kind === 'prep' || (x.kind === 'np' && (x.np?.temporal || !sawObject || reporter))) {
        if (x.kind === 'np' && !x.np?.temporal && !sawObject) {
          sawObject = true;
          objectStart = x.start;
          const head = tokens[x.np?.head ?? -1];
          reportNoun = REPORT_NOUN.test(head?.lower ?? '');
          nounLemma = head?.lemma ?? '';
        } else if (reporter && x.np && !reporterNp) {
          reporterNp = { conjuncts: [x.np], start: x.np.start, end: x.np.end };
        }
        u++;
        continue;
      }
      break;
    }
    if (rejecting || verbStance === 'denies') {
      denials.set(p.id, {
        via: p,
        speaker: issuerOf(p.subject ?? participleSubject(p, predicates), predicates, tokens),
        stance: 'denies',
        negated: p.verb.negated,
        ofReport: true,
        ...(reportNoun && reporterNp
          ? { reporter: { speaker: reporterNp, stance: NOUN_STANCE[nounLemma] ?? 'asserts' } }
          : {}),
      });
    }
    const stance: Stance | null = reportNoun && rejecting ? 'denies' : verbStance;
    if (!stance) continue;
    const next = units[u];
    // The reported clause runs to the next clause that contrasts or is set off by a semicolon
    // ("Moscow denied it, while Western officials accused …").
    const stop = predicates.find(
      (q) =>
        q.verb.start > p.verb.end &&
        ((q.subordinator !== null && /^(while|whereas|although|though)$/.test(q.subordinator)) ||
          tokens.slice(p.verb.end, q.clauseStart).some((t) => t.text === ';')),
    );
    const comp = predicates.filter(
      (q) => q.verb.start > p.verb.end && q !== p && (!stop || q.verb.start < stop.clauseStart),
    );
    const thatClause = next?.kind === 'sub' && tokens[next.start]?.lower === 'that';
    // "said the troops had been deployed": a clause straight after the verb.
    // "says the units that had been trained … were moved": the clause's subject carries a relative
    // clause before its verb.
    const bareClause =
      !thatClause &&
      sawObject &&
      ((next?.kind === 'vg' && comp[0]?.verb.start === next.start && !next.vg?.infinitive) ||
        (next?.kind === 'rel' &&
          comp.some((q) => !q.relative && !q.verb.participle && q.subject?.start === objectStart)));
    if ((thatClause || bareClause) && comp.length > 0 && (verbStance || thatClause)) {
      wrappers.add(p.id);
      const speaker = issuerOf(p.subject ?? participleSubject(p, predicates), predicates, tokens);
      const ofReport = reportNoun && thatClause;
      // "told lawmakers that a deployment was highly likely": the speaker's own hedge in what they
      // report makes the report a speculation, as it does in the document's own voice.
      let reported: Stance = stance;
      if (stance === 'asserts' && !ofReport) {
        const end = stop ? stop.clauseStart : tokens.length;
        for (let i = p.verb.end; i < end; i++) {
          const w = tokens[i]?.lower ?? '';
          if (HEDGE_SPECULATES.test(w)) reported = 'speculates';
        }
      }
      const reporter =
        ofReport && reporterNp ? { speaker: reporterNp, stance: NOUN_STANCE[nounLemma] ?? 'asserts' } : undefined;
      for (const q of comp) {
        const existing = of.get(q.id);
        // The nearest reporting verb wins ("X said Y claimed that Z": Z is Y's).
        if (!existing || (existing.via && existing.via.verb.start < p.verb.start)) {
          of.set(q.id, {
            via: p,
            speaker,
            stance: reported,
            negated: p.verb.negated,
            ofReport,
            ...(reporter ? { reporter } : {}),
          });
        }
      }
      continue;
    }
    if (!verbStance) continue;
    // "…, which both countries deny": a relative clause comments on what came before; it does not
    // make its subject the speaker of it.
    if (p.relative || units[unitAt(units, p.subject?.start ?? p.verb.start) - 1]?.kind === 'rel') continue;
    // "…, as the agency had expected" says it came true, not who says so; nor is it an event.
    if (p.subordinator === 'as') {
      wrappers.add(p.id);
      continue;
    }
    // "…, and a second transport is expected soon": a passive reporting verb's subject is what is
    // reported or expected, not a speaker; and being expected, believed or feared is no event.
    if (p.verb.passive) {
      if (verbStance === 'speculates') wrappers.add(p.id);
      continue;
    }
    // Trailing attribution: "…, a senior official said." or "…, said the minister."
    const before = predicates.filter((q) => q.verb.end <= (p.subject?.start ?? p.verb.start) && q !== p);
    const restIsTail = units
      .slice(u)
      .every(
        (x) =>
          x.kind === 'punct' ||
          x.kind === 'prep' ||
          x.kind === 'adv' ||
          x.kind === 'quote' ||
          (x.kind === 'np' && x.np?.temporal),
      );
    const inverted =
      next?.kind === 'np' &&
      !next.np?.temporal &&
      units
        .slice(u + 1)
        .every(
          (x) =>
            x.kind === 'punct' ||
            x.kind === 'quote' ||
            x.kind === 'prep' ||
            (x.kind === 'np' && x.np?.temporal) ||
            x.kind === 'comma' ||
            x.kind === 'np',
        );
    const commaBefore = units
      .slice(0, unitAt(units, p.subject?.start ?? p.verb.start))
      .some((x) => x.kind === 'comma' || x.kind === 'quote');
    if (before.length > 0 && commaBefore && (restIsTail || (inverted && !p.subject))) {
      wrappers.add(p.id);
      let speaker = p.subject;
      if (inverted && next?.np) speaker = { conjuncts: [next.np], start: next.np.start, end: next.np.end };
      for (const q of before) if (!of.has(q.id)) of.set(q.id, { via: p, speaker, stance, negated: p.verb.negated });
    }
  }

  // "had taken note of the rumour, amplified by foreign media, that the army had sent troops": the
  // clause is the rumour's content, no one's word, unless a wrapper already took that noun as its
  // object ("dismissed reports that …", "confirmed reports that …").
  for (const q of predicates) {
    const noun = q.subordinator === 'that' ? reportNounBefore(q, tokens) : null;
    if (noun === null || of.get(q.id)?.ofReport) continue;
    of.set(q.id, { via: null, speaker: null, stance: NOUN_STANCE[noun] ?? 'asserts', negated: false, ofReport: true });
  }

  // "according to X" speaks for everything else in the sentence.
  const according = parse.pps.find((pp) => pp.prep === 'according to');
  if (according) {
    for (const q of predicates) {
      if (!of.has(q.id) && !wrappers.has(q.id))
        of.set(q.id, { via: null, speaker: according.object, stance: 'asserts', negated: false });
    }
  }

  // Hedges in the clause shade the stance of a claim made in the document's own voice.
  for (const q of predicates) {
    if (of.has(q.id)) continue;
    let stance: Stance = 'asserts';
    for (let i = q.clauseStart; i < q.clauseEnd; i++) {
      const w = tokens[i]?.lower ?? '';
      if (HEDGE_ALLEGES.test(w)) stance = 'alleges';
      else if (HEDGE_SPECULATES.test(w) && stance === 'asserts') stance = 'speculates';
    }
    of.set(q.id, { via: null, speaker: null, stance, negated: false });
  }
  return { of, wrappers, denials };
}
