import type { ActorLexicon } from '../dictionaries/actor-lexicon.ts';
import type { VerbEntry, VerbPattern } from '../dictionaries/verb-dictionary-reader.ts';
import { REPORT_NOUN } from '../nlp/report-noun.ts';
import type { NounGroup, NounPhrase, Predicate, PrepPhrase, SentenceParse } from '../nlp/shallow-parse.ts';
import type { Token } from '../nlp/token.ts';
import type { ActorResolver, ResolvedActor } from './actor-resolver.ts';
import { combineEvents } from './event-combiner.ts';
import { type PatternMatch, PatternMatcher } from './pattern-matcher.ts';
import { PresentWords, type VerbHit, type VerbIndex } from './verb-index.ts';

/** One coded event: who did what to whom, read from one predicate. */
export interface CodedEvent {
  predicate: Predicate;
  code: string;
  sources: ResolvedActor[];
  targets: ResolvedActor[];
  /** The event runs target→source (the second half of an `[a:b]` code). */
  reverse: boolean;
  /** The pattern that decided the code, or null for the verb's default. */
  pattern: VerbPattern | null;
  /** Verb lemma as the dictionary lists it. */
  verb: string;
  /**
   * The verb the event was merged from when it is read off a complement ("agreed to allow": agree):
   * the event stands in the sentence where this verb stands.
   */
  head?: Predicate;
  /**
   * The verb that denies this event when it is read off a denial's object ("denied the deployment of
   * troops", "dismissed reports of a troop deployment"): the event is the denied content, not an act.
   */
  deniedBy?: Predicate;
}

/** Verbs that deny an event their object names: "denied the deployment of troops". */
const DENYING_EVENT = /^(deny|refute|disavow|dispute)$/;
/** Verbs that deny the event a report in their object names: "dismissed reports of a troop deployment". */
const DENYING_REPORT = /^(deny|refute|disavow|dispute|dismiss|reject|rebuff|repudiate|discount|brush|ridicule|deride)$/;

/** Acts of force a passive can happen in ("were killed in an Israeli airstrike"), naming who acted. */
const ATTACK_NOUN =
  /^(attacks?|strikes?|airstrikes?|raids?|shelling|bombings?|bombardments?|ambush(es)?|offensives?|assaults?)$/;

/** Heads that frame an effort ("mediation mission", "bombing campaign"): the event is the noun before. */
const FRAME = /^(MISSIONS?|EFFORTS?|CAMPAIGNS?|OPERATIONS?|DRIVES?|BIDS?)$/;

/** Roots whose passive subject is the actor, not the patient: troops "were deployed", "withdrew". */
const SELF_MOVING = /^(15|0872|0874|0873|087)/;

/**
 * An event from its predicate, pattern and verb plus code and roles. Written out field by field:
 * V8 (Node 20) builds `{ ...base, code, … }` — a spread followed by new properties — through a slow
 * path costing microseconds an object.
 */
function eventOf(
  base: { predicate: Predicate; pattern: VerbPattern | null; verb: string },
  code: string,
  sources: ResolvedActor[],
  targets: ResolvedActor[],
  reverse: boolean,
  deniedBy?: Predicate,
): CodedEvent {
  return codedEvent({
    predicate: base.predicate,
    pattern: base.pattern,
    verb: base.verb,
    code,
    sources,
    targets,
    reverse,
    head: undefined,
    deniedBy,
  });
}

/**
 * A copy of the event with some fields changed. Every event is built with all fields, `head` and
 * `deniedBy` included, in one order: events of one shape keep the JIT's optimised code valid, where
 * a property added to some of them later would throw it away (a deoptimisation and a recompile).
 */
export function eventWith(e: CodedEvent, change: Partial<CodedEvent>): CodedEvent {
  return Object.assign(codedEvent(e), change);
}

function codedEvent(e: CodedEvent): CodedEvent {
  return {
    predicate: e.predicate,
    pattern: e.pattern,
    verb: e.verb,
    code: e.code,
    sources: e.sources,
    targets: e.targets,
    reverse: e.reverse,
    head: e.head,
    deniedBy: e.deniedBy,
  };
}

/** Notes a noun group under its first token, unless one already starts there. */
function addGroup(groupStarting: Map<number, NounGroup>, g: NounGroup | null): void {
  if (g && !groupStarting.has(g.start)) groupStarting.set(g.start, g);
}

/** Adds a token's dictionary words to the words present around a verb (with singulars of plural nouns). */
function notePresent(present: PresentWords, t: Token, grouped: boolean): void {
  present.add(t.key);
  if (grouped && t.key.endsWith('S') && (t.pos === 'NOUN' || t.pos === 'PROPN')) {
    present.add(t.key.slice(0, -1));
    if (t.key.endsWith('ES')) present.add(t.key.slice(0, -2));
  }
  if (t.words.length > 1) for (const w of t.words) present.add(w);
}

/** A group may be a default target: none of its phrases was skipped by the pattern or is a date. */
function usable(g: NounGroup, skip: ReadonlySet<NounPhrase>): boolean {
  return !g.conjuncts.some((np) => skip.has(np) || np.temporal);
}

/** Does the dictionary entry list `verb` (a lemma or one of its written forms)? */
function isFormOf(entry: VerbEntry, verb: string): boolean {
  return entry.lemma === verb || entry.forms.some((f) => f.join(' ') === verb);
}

export class EventCoder {
  private currentGroups = new Map<number, NounGroup>();
  /** The same groups in the map's order, made when first needed for a sentence. */
  private currentGroupList: NounGroup[] | null = null;
  private currentPredicates: readonly Predicate[] = [];
  private currentTokens: readonly Token[] = [];
  /** The words around the verb being matched (bestMatch runs once at a time, never nested). */
  private readonly present = new PresentWords();
  /** Predicates made for an event noun, and the carrier verb's predicate each stands for. */
  private nominalOf = new Map<Predicate, Predicate>();

  constructor(
    private readonly verbs: VerbIndex,
    readonly _lexicon: ActorLexicon,
  ) {}

  code(parse: SentenceParse, resolver: ActorResolver): CodedEvent[] {
    const events: CodedEvent[] = [];
    const groupStarting = new Map<number, NounGroup>();
    this.currentGroups = groupStarting;
    this.currentGroupList = null;
    this.currentPredicates = parse.predicates;
    this.currentTokens = parse.tokens;
    // Nominal predicates belong to this sentence only; kept across sentences they would pile up.
    this.nominalOf.clear();
    for (const p of parse.predicates) {
      addGroup(groupStarting, p.subject);
      addGroup(groupStarting, p.object);
      for (const pp of p.pps) addGroup(groupStarting, pp.object);
    }
    for (const pp of parse.pps) addGroup(groupStarting, pp.object);
    for (const np of parse.nps) {
      if (!groupStarting.has(np.start)) groupStarting.set(np.start, { conjuncts: [np], start: np.start, end: np.end });
    }

    const coded = new Set<Predicate>();
    for (const pred of parse.predicates) {
      if (pred.verb.auxOnly) continue;
      // The infinitive under an infinitive already merged away ("abandoned efforts to stop …").
      if (
        pred.verb.infinitive &&
        pred.governor?.governor &&
        coded.has(pred.governor.governor) &&
        pred.governor.verb.infinitive
      ) {
        coded.add(pred);
        continue;
      }
      const hits = this.verbs.lookup(parse.tokens, pred.verb.main);
      // "Riots against the policy continued": a verb of aspect only says the event its subject
      // names goes on, begins or grows.
      if (this.verbs.isAspect(parse.tokens[pred.verb.main]?.lemma ?? '') && !pred.verb.passive) {
        const nominal = this.codeNominal(parse, pred, resolver, groupStarting, true);
        if (nominal.length > 0) {
          events.push(...nominal);
          coded.add(pred);
          continue;
        }
      }
      const denied = this.codeDenied(parse, pred, resolver, groupStarting);
      if (denied.length > 0) {
        events.push(...denied);
        coded.add(pred);
        continue;
      }
      const own = hits.length > 0 ? this.bestMatch(parse, pred, hits, groupStarting) : null;
      if (own?.best?.pattern.blocks) continue;
      // "announced a suspension of flights", "opened an investigation into …": a verb that only
      // carries the event its object names, when none of its own patterns matched, is coded as that
      // noun's verb would be.
      if (!own?.best && this.carrier(parse, pred, hits)) {
        const nominal = this.codeNominal(parse, pred, resolver, groupStarting);
        if (nominal.length > 0) {
          events.push(...nominal);
          coded.add(pred);
          continue;
        }
      }
      if (!own) continue;
      const best = own.best;
      let bestVerb = own.bestVerb;
      // No pattern: the verb's own code, from the first dictionary entry that has one.
      if (!best) bestVerb = hits.find((h) => h.entry.code || h.entry.reverseCode)?.entry ?? bestVerb;
      const forward = best ? best.pattern.code : bestVerb.code;
      const reverse = best ? best.pattern.reverseCode : bestVerb.reverseCode;
      if (!forward && !reverse) continue;

      coded.add(pred);
      const { sources, targets } = this.roles(pred, best, resolver, forward ?? reverse ?? '');
      const base = { predicate: pred, pattern: best?.pattern ?? null, verb: bestVerb.lemma };
      // `%`: the coordinated subject acts on itself ("Gondor and Osgiliath renewed ties").
      if (best?.compound && sources.length > 1) {
        for (const a of sources) {
          for (const b of sources) {
            if (a.code === b.code) continue;
            if (forward) events.push(eventOf(base, forward, [a], [b], false));
            if (reverse && reverse !== forward) events.push(eventOf(base, reverse, [b], [a], true));
          }
        }
        continue;
      }
      if (forward) events.push(eventOf(base, forward, sources, targets, false));
      if (reverse) events.push(eventOf(base, reverse, targets, sources, true));
    }
    // The combination rules are CAMEO's; the TABARI-era validation dictionary codes in WEIS.
    return this.verbs.grouped
      ? combineEvents(
          events,
          parse,
          (p) => parse.tokens[p.verb.main]?.lemma ?? '',
          (p) => this.subjectActors(p, resolver),
        )
      : events;
  }

  /** The most specific pattern of any of the verb's entries that matches, and the entry it came from. */
  private bestMatch(
    parse: SentenceParse,
    pred: Predicate,
    hits: VerbHit[],
    groupStarting: Map<number, NounGroup>,
  ): { best: PatternMatch | null; bestVerb: VerbEntry } | null {
    const first = hits[0];
    if (!first) return null;
    const ctx = this.context(parse, pred, first.start, first.end, groupStarting);
    const matcher = new PatternMatcher(ctx);
    // Words present around the verb: a pattern needing a word that is absent is not tried.
    const present = this.present;
    present.clear();
    const grouped = this.verbs.grouped;
    for (const i of ctx.before) notePresent(present, parse.tokens[i] as Token, grouped);
    for (const i of ctx.after) notePresent(present, parse.tokens[i] as Token, grouped);
    let best: PatternMatch | null = null;
    let bestVerb = first.entry;
    for (const hit of hits) {
      for (const pattern of this.verbs.candidates(hit.entry.block, present)) {
        if (pattern.onlyFor && !pattern.onlyFor.some((v) => isFormOf(hit.entry, v))) continue;
        const m = matcher.match(pattern);
        if (!m) continue;
        if (!best || this.better(m, best)) {
          best = m;
          bestVerb = hit.entry;
        }
      }
    }
    return { best, bestVerb };
  }

  /** Is the predicate's verb one that carries the event its object names? */
  private carrier(parse: SentenceParse, pred: Predicate, hits: VerbHit[]): boolean {
    if (pred.verb.passive || pred.verb.negated || !pred.object) return false;
    const lemma = parse.tokens[pred.verb.main]?.lemma ?? '';
    return this.verbs.carries(lemma) || hits.some((h) => this.verbs.carries(h.entry.lemma));
  }

  /**
   * Codes the event noun heading a carrier verb's object as its own verb would be coded: the
   * carrier's subject acts, the noun's "of" phrase is its object ("a suspension of air links with
   * X" reads as "suspend air links with X"), and the phrases after the noun are the verb's. With
   * `subject`, the noun heads the subject of a verb of aspect ("Palestinian riots against … are
   * continuing"): the noun's own phrase names who acts, its phrases whom. The event stands at the
   * verb, so the rules for verbs that take verbs and for reported speech apply to it as to the verb.
   */
  private codeNominal(
    parse: SentenceParse,
    pred: Predicate,
    resolver: ActorResolver,
    groupStarting: Map<number, NounGroup>,
    subject = false,
  ): CodedEvent[] {
    const np = (subject ? pred.subject : pred.object)?.conjuncts[0];
    if (!np || np.temporal) return [];
    // "a mediation mission", "a bombing campaign": a head that only frames an effort leaves the
    // event to the noun before it.
    let head = np.head;
    if (FRAME.test(parse.tokens[head]?.key ?? '') && head > np.start) head--;
    const verb = this.verbs.eventNoun(parse.tokens[head] as Token);
    if (!verb) return [];
    const hits = this.verbs.lookupLemma(verb, head);
    if (hits.length === 0) return [];
    const around = subject ? pred.subjectPps : pred.pps;
    const ofPp = around.find((pp) => pp.prep === 'of' && pp.prepStart === np.end);
    const nominal: Predicate = subject
      ? {
          ...pred,
          verb: { ...pred.verb, start: head, end: head + 1, main: head, passive: false },
          subject: { conjuncts: [np], start: np.start, end: np.end },
          subjectPps: [],
          object: ofPp?.object ?? null,
          objectPps: [],
          pps: around.filter((pp) => pp !== ofPp),
        }
      : {
          ...pred,
          verb: { ...pred.verb, start: head, end: head + 1, main: head },
          object: ofPp?.object ?? null,
          objectPps: ofPp ? pred.objectPps.filter((pp) => pp !== ofPp) : [],
          pps: around.filter((pp) => pp !== ofPp && pp.prepStart > head),
        };
    const own = this.bestMatch(parse, nominal, hits, groupStarting);
    if (!own || own.best?.pattern.blocks) return [];
    const { best } = own;
    // With no pattern, the last entry with a code decides: Parallax's supplement is read after CAMEO
    // 2.0 and says what an event noun's verb means on its own (MEDIATE: mediation, not yielding).
    const coded = hits.filter((h) => h.entry.code || h.entry.reverseCode);
    const entry = best ? own.bestVerb : (coded[coded.length - 1]?.entry ?? own.bestVerb);
    const forward = best ? best.pattern.code : entry.code;
    const reverse = best ? best.pattern.reverseCode : entry.reverseCode;
    if (!forward && !reverse) return [];
    this.nominalOf.set(nominal, pred);
    const { sources, targets } = this.roles(nominal, best, resolver, forward ?? reverse ?? '');
    const base = { predicate: pred, pattern: best?.pattern ?? null, verb: entry.lemma };
    const out: CodedEvent[] = [];
    if (forward) out.push(eventOf(base, forward, sources, targets, false));
    if (reverse) out.push(eventOf(base, reverse, targets, sources, true));
    return out;
  }

  /**
   * A denial whose object names an event ("denied the deployment of North Korean troops", "dismissed
   * reports of a North Korean troop deployment") is a stance on that event, not an event of its own
   * (CAMEO's 016 would say only that something was denied). The event noun is coded as its verb in
   * the passive — "North Korean troops were deployed" — so the noun's own phrase or its "of" phrase
   * names who acts, as the subject of a passive does; the denier is the speaker, set by attribution.
   */
  private codeDenied(
    parse: SentenceParse,
    pred: Predicate,
    resolver: ActorResolver,
    groupStarting: Map<number, NounGroup>,
  ): CodedEvent[] {
    const lemma = parse.tokens[pred.verb.main]?.lemma ?? '';
    if (pred.verb.passive || !DENYING_REPORT.test(lemma)) return [];
    let np = pred.object?.conjuncts.length === 1 ? pred.object.conjuncts[0] : undefined;
    if (!np || np.temporal) return [];
    const ofAt = (end: number) => pred.pps.find((pp) => pp.prep === 'of' && pp.prepStart === end);
    if (REPORT_NOUN.test(parse.tokens[np.head]?.lower ?? '')) {
      // "reports from Seoul of a troop deployment": who made the report may come first.
      const by = pred.pps.find((pp) => (pp.prep === 'from' || pp.prep === 'by') && pp.prepStart === np?.end);
      const content = ofAt(by?.end ?? np.end)?.object;
      np = content?.conjuncts.length === 1 ? content.conjuncts[0] : undefined;
      if (!np || np.temporal) return [];
    } else if (!DENYING_EVENT.test(lemma)) return [];
    const head = np.head;
    // The parse made it a phrase's head whatever the tagger said ("a troop dispatch").
    const verb = this.verbs.eventNoun({ ...(parse.tokens[head] as Token), pos: 'NOUN' });
    if (!verb) return [];
    const hits = this.verbs.lookupLemma(verb, head);
    if (hits.length === 0) return [];
    const ofPp = ofAt(np.end);
    // The noun's own phrases run on from it ("… to Russia in October"); "dismissed X as Y" is the
    // denying verb's.
    const pps: PrepPhrase[] = [];
    let after = ofPp?.end ?? np.end;
    for (const pp of pred.pps) {
      if (pp.prepStart !== after || pp.prep === 'as') continue;
      pps.push(pp);
      after = pp.end;
    }
    const nominal: Predicate = {
      ...pred,
      verb: { ...pred.verb, start: np.start, end: head + 1, main: head, passive: true, negated: false },
      subject: ofPp ? ofPp.object : { conjuncts: [np], start: np.start, end: np.end },
      subjectPps: [],
      object: null,
      objectPps: [],
      pps,
      clauseEnd: after,
      inheritedSubject: false,
    };
    const own = this.bestMatch(parse, nominal, hits, groupStarting);
    if (!own || own.best?.pattern.blocks) return [];
    const { best } = own;
    const coded = hits.filter((h) => h.entry.code || h.entry.reverseCode);
    const entry = best ? own.bestVerb : (coded[coded.length - 1]?.entry ?? own.bestVerb);
    const forward = best ? best.pattern.code : entry.code;
    if (!forward) return [];
    this.nominalOf.set(nominal, pred);
    const { sources, targets } = this.roles(nominal, best, resolver, forward);
    // "dismissed reports of a troop dispatch": denying an act no one is named in is denying an
    // accusation (016), which the verb's own code says.
    if (!sources.some((a) => a.actor !== null) && !targets.some((a) => a.actor !== null)) return [];
    return [
      eventOf(
        { predicate: nominal, pattern: best?.pattern ?? null, verb: entry.lemma },
        forward,
        sources,
        targets,
        false,
        pred,
      ),
    ];
  }

  /** More specific wins; among equals the later line wins in grouped dictionaries (PETRARCH-2 overwrote). */
  private better(am: PatternMatch, bm: PatternMatch): boolean {
    const a = am.pattern;
    const b = bm.pattern;
    if (a.specificity !== b.specificity) return a.specificity > b.specificity;
    if (!this.verbs.grouped) return a.line < b.line;
    // PETRARCH-2 walks the words after the verb in order, so the pattern whose words come first wins
    // ("demanded the withdrawal … on Monday" is about the withdrawal, not "press on").
    const ar = am.reach < 0 ? Number.POSITIVE_INFINITY : am.reach;
    const br = bm.reach < 0 ? Number.POSITIVE_INFINITY : bm.reach;
    if (ar !== br) return ar < br;
    return a.line > b.line;
  }

  private context(
    parse: SentenceParse,
    pred: Predicate,
    verbStart: number,
    verbEnd: number,
    groups: Map<number, NounGroup>,
  ) {
    const before: number[] = [];
    // Linear (TABARI-era) patterns read from the start of the sentence.
    const beforeStart = this.verbs.grouped ? pred.clauseStart : 0;
    for (let i = beforeStart; i < verbStart; i++) before.push(i);
    // Words of the governing verb group count too ("will not … clash", "indicated it would act").
    if (pred.governor) {
      for (let i = pred.governor.verb.start; i < pred.governor.verb.end; i++) if (!before.includes(i)) before.push(i);
      before.sort((a, b) => a - b);
    }
    const after: number[] = [];
    if (pred.verb.passive && pred.subject) {
      for (let i = pred.subject.start; i < pred.subject.end; i++) after.push(i);
    }
    // Linear (TABARI-era) patterns read on to the end of the sentence; grouped ones stay in the clause.
    const afterEnd = this.verbs.grouped ? pred.clauseEnd : parse.tokens.length;
    for (let i = verbEnd; i < afterEnd; i++) after.push(i);
    return {
      tokens: parse.tokens,
      before,
      after,
      nps: parse.nps,
      pps: parse.pps,
      groups,
      compoundSubject: (pred.subject?.conjuncts.length ?? 0) > 1,
      plurals: this.verbs.grouped,
    };
  }

  private roles(pred: Predicate, match: PatternMatch | null, resolver: ActorResolver, code: string) {
    const skip = new Set<NounPhrase>(match?.skipped ?? []);
    // "fought alongside Russian forces": a partner in the act is its target only when the act is
    // the cooperation itself (CAMEO 06, "fight alongside"); otherwise it is on the source's side.
    if (!code.startsWith('06')) {
      for (const pp of pred.pps) if (pp.prep === 'alongside') for (const np of pp.object.conjuncts) skip.add(np);
    }
    const byPp = pred.pps.find((pp) => pp.prep === 'by');
    let sources: ResolvedActor[] = [];
    let targets: ResolvedActor[] = [];

    if (match?.source) sources = resolver.group(match.source);
    else if (pred.verb.passive) {
      // "killed in a Ukrainian missile strike": with no by-phrase, the act the passive happened in
      // names who did it.
      const inAct = byPp
        ? undefined
        : pred.pps.find(
            (pp) =>
              pp.prep === 'in' &&
              pp.object.conjuncts.length === 1 &&
              ATTACK_NOUN.test(this.currentTokens[(pp.object.conjuncts[0] as NounPhrase).head]?.lower ?? ''),
          );
      if (byPp) sources = resolver.group(byPp.object);
      else if (inAct) sources = resolver.group(inAct.object).filter((a) => a.actor !== null);
      if (sources.length === 0 && !byPp && pred.subject && SELF_MOVING.test(code))
        sources = this.subjectActors(pred, resolver);
    } else if (pred.subject) sources = this.subjectActors(pred, resolver);

    if (match?.target) targets = resolver.group(match.target);
    else if (pred.verb.passive && !(pred.subject && !byPp && SELF_MOVING.test(code))) {
      if (pred.subject) targets = this.subjectActors(pred, resolver);
      // "Evidence against Russia was presented": the passive subject's own phrase names the target.
      if (targets.length === 0) {
        for (const pp of pred.subjectPps) {
          const r = resolver.group(pp.object).filter((a) => a.actor !== null);
          if (r.length > 0) {
            targets = r;
            break;
          }
        }
      }
    }
    if (targets.length === 0 && !match?.target) {
      targets = this.defaultTarget(pred, match, resolver, skip, byPp ?? null);
    }
    const sourceCodes = new Set(sources.map((s) => s.code));
    targets = targets.filter((t) => !sourceCodes.has(t.code) || t.actor === null);
    return { sources, targets };
  }

  /**
   * The subject's actors; a subject pronoun ("Ethiopia indicated it would act", "North Korea said
   * they had …") stands for the subject of the clause it depends on.
   */
  private subjectActors(pred: Predicate, resolver: ActorResolver): ResolvedActor[] {
    const g = pred.subject;
    if (!g) return [];
    const only = g.conjuncts.length === 1 ? g.conjuncts[0] : undefined;
    const pronoun = only && only.end - only.start === 1 ? this.currentTokens[only.start]?.lower : undefined;
    if (pronoun && /^(he|she|it|they|we)$/.test(pronoun)) {
      for (let k = this.currentPredicates.indexOf(this.nominalOf.get(pred) ?? pred) - 1; k >= 0; k--) {
        const prev = this.currentPredicates[k] as Predicate;
        if (!prev.subject || prev.subject === g) continue;
        const r = resolver.group(prev.subject, prev.subjectPps).filter((a) => a.actor !== null);
        if (r.length > 0) return r;
      }
      return [];
    }
    // "reports of North Korean officers being killed": a report noun's "of" phrase is who the
    // clause is about; the report itself is no actor in it.
    if (only && REPORT_NOUN.test(this.currentTokens[only.head]?.lower ?? '')) {
      const of = pred.subjectPps.find((pp) => pp.prep === 'of' && pp.prepStart === only.end);
      if (of)
        return resolver.group(
          of.object,
          pred.subjectPps.filter((pp) => pp !== of && pp.prepStart > of.end),
        );
    }
    return resolver.group(g, pred.subjectPps);
  }

  private defaultTarget(
    pred: Predicate,
    match: PatternMatch | null,
    resolver: ActorResolver,
    skip: Set<NounPhrase>,
    byPp: PrepPhrase | null,
  ): ResolvedActor[] {
    for (const pp of match?.targetPps ?? []) {
      const r = resolver.group(pp.object);
      if (r.length > 0) return r;
    }
    // Named actors first (object, then its "of X", then the verb's PPs); an unnamed group
    // ("more troops") is a target only when nothing named is.
    let unnamed: ResolvedActor[] = [];
    if (!pred.verb.passive && pred.object && usable(pred.object, skip)) {
      const r = resolver.group(pred.object, pred.objectPps);
      if (r.some((a) => a.actor !== null)) return r;
      for (const pp of pred.objectPps) {
        const rp = resolver.group(pp.object);
        if (rp.some((a) => a.actor !== null)) return rp;
      }
      unnamed = r;
    }
    for (const pp of pred.pps) {
      if (pp === byPp && pred.verb.passive) continue;
      if (!usable(pp.object, skip)) continue;
      const r = resolver.group(pp.object);
      if (r.some((a) => a.actor !== null)) return r;
      if (unnamed.length === 0 && r.length > 0) unnamed = r;
    }
    if (unnamed.length > 0) return unnamed;
    // TABARI's rule of last resort: the first named actor after the verb in its clause
    // ("cordoned off the roads leading into Mordor", "boycotted the parade supporting Gondor").
    for (const g of this.groupsAfter(pred)) {
      if (!usable(g, skip)) continue;
      const r = resolver.group(g).filter((a) => a.actor !== null);
      if (r.length > 0) return r;
    }
    return [];
  }

  private groupsAfter(pred: Predicate): NounGroup[] {
    const out: NounGroup[] = [];
    // Linear dictionaries look on past the clause, but not past a comma (", a senior official said").
    let end = pred.clauseEnd;
    if (!this.verbs.grouped) {
      end = this.currentTokens.length;
      for (let i = pred.verb.end; i < this.currentTokens.length; i++) {
        if (this.currentTokens[i]?.text === ',') {
          end = i;
          break;
        }
      }
    }
    // Walked as an array: iterating the map's entries allocates a pair and a result per group.
    if (this.currentGroupList === null) this.currentGroupList = [...this.currentGroups.values()];
    for (const g of this.currentGroupList) {
      if (g.start >= pred.verb.end && g.start < end) out.push(g);
    }
    // An infinitive complement's arguments ("signed an accord to supply Gondor").
    for (const p of this.currentPredicates) {
      if (p.governor === pred && p.verb.infinitive) {
        if (p.object) out.push(p.object);
        for (const pp of p.pps) out.push(pp.object);
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }
}
