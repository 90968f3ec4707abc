/**
 * CAMEO's rules for verbs that take another verb, applied after each verb is coded on its own:
 *
 * - "agreed/pledged to X", "is about/prepared to X": the complement is the event ("agreed to lift
 *   sanctions" is easing sanctions);
 * - "wants/plans to X" (desire): intent to cooperate (03x) when X cooperates, a threat of force (138)
 *   when X is an attack, otherwise X itself;
 * - "wants Putin to X" (desire with an object): an appeal (02) to that object;
 * - "said it would X" (a report of one's own future act): intent (03x) or threat (138) likewise;
 * - "would not X", "will not X" where X cooperates: a rejection (12);
 * - "alleged/accused that Y …": Y is the target.
 */
import { reportingStance } from '../claims/attribution.ts';
import type { Predicate, SentenceParse } from '../nlp/shallow-parse.ts';
import type { ResolvedActor } from './actor-resolver.ts';
import { type CodedEvent, eventWith } from './event-coder.ts';

const DESIRE = /^(want|plan|intend|aim|hope|seek|wish|consider|mean|desire|strive|look)$/;
const COMMISSIVE = /^(agree|pledge|vow|swear|promise|commit|undertake|offer|resolve|determine|choose|opt|move)$/;
/** Verbs whose that-clause says what someone is to do. */
const DEMANDING = /^(demand|insist|urge|require|order|call|press|ask)$/;
/** Verbs that refuse what their complement names. */
const REFUSAL = /^(refuse|decline|reject|fail|oppose|resist|renege|balk)$/;
/** CAMEO 12 sub-codes for refusing what each root does. */
const REJECTION_OF: Record<string, string> = {
  '03': '120',
  '04': '125',
  '05': '120',
  '06': '121',
  '07': '122',
  '08': '124',
  '10': '120',
};
/** CAMEO 13 sub-codes for threatening what each conflictual root does. */
const THREAT_OF: Record<string, string> = {
  '14': '133',
  '15': '130',
  '16': '131',
  '17': '137',
  '18': '138',
  '19': '138',
  '20': '138',
};
/** Sectors that wield force; others who block or occupy protest (obstruction) in CAMEO's terms. */
const FORCE = /^(GOV|MIL|COP|SPY|JUD|REB|INS|UAF|IMG|SEP|LEG)$/;
/** What a road block blocks: passage. */
const PASSAGE =
  /^(roads?|roadways?|streets?|highways?|routes?|bridges?|railways?|traffic|transport|access|entrances?|crossings?|junctions?)$/;
/** What crowds throw. */
const THROWN = /^(stones?|rocks?|bricks?|bottles?)$/;
/** Sectors of the state, whose blocking of passage is coercion, not protest. */
const STATE = /^(GOV|MIL|COP|SPY|JUD)$/;
const BE_FORMS = /^(is|are|was|were|be|been|being|am|'s|'re)$/;
/** Readiness words between "be" and "to": "is willing/ready/prepared to …". */
const READY = /^(willing|ready|prepared|determined|eager|keen|committed|poised)$/;
/**
 * Aspect, readiness and attempts: the complement is the event. An attempt is the act ("tried to
 * hack into", "attempted to storm"), as CAMEO codes an attempted assassination as one.
 */
const TRANSPARENT =
  /^(prepare|begin|start|continue|resume|be|set|get|go|come|keep|stop|cease|manage|fail|need|have|expect|schedule|try|attempt|decide)$/;

/** Nouns that only frame an effort, whose infinitive names the act: "the operation to liberate …". */
const FRAME_NOUN = /^(operations?|campaigns?|efforts?|missions?|drives?|offensives?)$/;

/** CAMEO 03 sub-codes for intent to do what each cooperative root does. */
const INTENT_OF: Record<string, string> = { '04': '036', '05': '032', '06': '031', '07': '033', '08': '035' };
const root = (code: string) => code.slice(0, 2);
const cooperative = (code: string) => ['03', '04', '05', '06', '07', '08'].includes(root(code));
const violent = (code: string) => ['18', '19', '20'].includes(root(code));

/**
 * The rules run as passes, each its own function: a function the JIT compiles is smaller, and a
 * pass that meets an unseen object shape is recompiled alone rather than all of them together.
 */
export function combineEvents(
  events: CodedEvent[],
  parse: SentenceParse,
  lemma: (p: Predicate) => string,
  /** The actors a predicate's subject names (pronouns resolved). */
  subjectActors: (p: Predicate) => ResolvedActor[],
): CodedEvent[] {
  const byPred = new Map<Predicate, CodedEvent[]>();
  for (const e of events) {
    const list = byPred.get(e.predicate);
    if (list) list.push(e);
    else byPred.set(e.predicate, [e]);
  }
  const dropped = new Set<CodedEvent>();
  const added = mergeComplements(parse, lemma, byPred, dropped);
  agreementsAsIntent(parse, lemma, byPred, dropped);
  let out = mutualCooperation([...events.filter((e) => !dropped.has(e)), ...added]);
  // With no events left there is nothing to recode.
  if (out.length > 0) recodeReports(out, parse, lemma);
  announcedIntent(out, parse, lemma);
  out = demands(out, parse, lemma, subjectActors);
  conditionalThreats(out, parse, lemma);
  out = out.map((e) => recodeByObject(e, parse, lemma));
  // Back into text order: merged and added events were appended.
  return out.sort((a, b) => a.predicate.verb.start - b.predicate.verb.start);
}

function mergeComplements(
  parse: SentenceParse,
  lemma: (p: Predicate) => string,
  byPred: ReadonlyMap<Predicate, CodedEvent[]>,
  dropped: Set<CodedEvent>,
): CodedEvent[] {
  const added: CodedEvent[] = [];
  // Verbs with an infinitive complement.
  for (const p of parse.predicates) {
    const g = p.governor;
    if (!g || !p.verb.infinitive) continue;
    const own = (byPred.get(p) ?? []).filter((e) => !e.reverse && !dropped.has(e));
    const gov = (byPred.get(g) ?? []).filter((e) => !e.reverse && !dropped.has(e));
    if (own.length === 0 || gov.length === 0) continue;
    const gl = lemma(g);
    const gCode = (gov[0] as CodedEvent).code;
    // "rejected a request to interrogate …": after an object the infinitive says what was asked; the
    // rejection of the request is the event, and what was asked did not happen.
    if (REFUSAL.test(gl) && g.object !== null && g.object.end <= p.verb.start) {
      for (const e of byPred.get(p) ?? []) dropped.add(e);
      continue;
    }
    if (REFUSAL.test(gl)) {
      // "refused to meet", "failed to reach agreement": a rejection of what the complement names.
      const c = own[0] as CodedEvent;
      for (const e of [...gov, ...(byPred.get(g) ?? []), ...(byPred.get(p) ?? [])]) dropped.add(e);
      added.push(
        eventWith(c, {
          code: REJECTION_OF[root(c.code)] ?? '120',
          sources: (gov[0] as CodedEvent).sources,
          targets: c.targets.length ? c.targets : (gov[0] as CodedEvent).targets,
          reverse: false,
          verb: `${(gov[0] as CodedEvent).verb} + ${c.verb}`,
          head: (gov[0] as CodedEvent).head ?? g,
        }),
      );
      continue;
    }
    // "took part in the operation to liberate X", "joined the campaign to oust Y": an infinitive
    // completing a noun that only frames an effort names the effort's act, which the governing
    // verb's subject takes part in; it is no intent of theirs.
    const framing = [g.object, ...g.pps.map((pp) => pp.object)].find((o) => o?.end === p.verb.start);
    // Only a verb of taking part (coded 03) joins the effort; "abandoned efforts to stop" does not.
    const framed =
      root(gCode) === '03' &&
      framing !== undefined &&
      FRAME_NOUN.test(parse.tokens[(framing?.end ?? 0) - 1]?.lower ?? '');
    // A governing verb coded as intent (03) is a desire, unless it is one of aspect ("prepared to attend").
    const desire =
      DESIRE.test(gl) || (root(gCode) === '03' && !framed && !COMMISSIVE.test(gl) && !TRANSPARENT.test(gl));
    const commissive = COMMISSIVE.test(gl);
    const transparent = TRANSPARENT.test(gl) || framed;
    // "began a hunger strike to protest …", "offered its troops to help …": after an object the
    // infinitive is a purpose clause, not the complement of an aspect or commitment verb.
    if ((transparent || commissive) && !desire && !framed && g.object !== null && g.object.end <= p.verb.start)
      continue;
    if (!desire && !commissive && !transparent) {
      // "abandoned efforts to stop …": the governing verb is the event.
      for (const e of byPred.get(p) ?? []) dropped.add(e);
      continue;
    }
    const c = own[0] as CodedEvent;
    const objectControl = g.object !== null && p.subject === g.object;
    let code = c.code;
    let sources = gov[0]?.sources.length ? (gov[0] as CodedEvent).sources : c.sources;
    let targets = c.targets.length ? c.targets : (gov[0] as CodedEvent).targets;
    if (desire && objectControl) {
      // "Obama wants Putin to attack …": an appeal to Putin.
      code = root(gCode) === '02' || root(gCode) === '10' ? gCode : '020';
      targets = c.sources;
      sources = (gov[0] as CodedEvent).sources;
    } else if ((desire || commissive) && violent(c.code)) {
      code = '138';
    } else if (desire && /^(16|17)/.test(c.code)) {
      // "plans to impose restrictions": a threat of the act (13x). A pledge or decision to do it
      // ("pledged to expel") is coded as the act, as PETRARCH-2 does; a plan to send troops stays a
      // (hypothetical) mobilisation — to an ally it threatens no one.
      code = THREAT_OF[root(c.code)] as string;
    } else if ((desire || commissive) && cooperative(c.code)) {
      // "agreed to provide aid", "wants to help": CAMEO codes the intent (03x), not the act.
      code = INTENT_OF[root(c.code)] ?? gCode;
    }
    for (const e of [...gov, ...(byPred.get(g) ?? [])]) dropped.add(e);
    for (const e of byPred.get(p) ?? []) dropped.add(e);
    added.push(
      eventWith(c, {
        code,
        sources,
        targets,
        reverse: false,
        verb: `${(gov[0] as CodedEvent).verb} + ${c.verb}`,
        head: (gov[0] as CodedEvent).head ?? g,
      }),
    );
  }
  return added;
}

function agreementsAsIntent(
  parse: SentenceParse,
  lemma: (p: Predicate) => string,
  byPred: ReadonlyMap<Predicate, CodedEvent[]>,
  dropped: ReadonlySet<CodedEvent>,
): void {
  // "agreed to share information", "agreed on a plan", "agreed that they should cooperate": an
  // agreement CAMEO has no more specific code for is an expression of intent to cooperate (03), not
  // the generic diplomatic cooperation (050) the verb dictionary falls back to.
  for (const g of parse.predicates) {
    if (!COMMISSIVE.test(lemma(g))) continue;
    for (const e of byPred.get(g) ?? []) if (!dropped.has(e) && e.pattern === null && e.code === '050') e.code = '030';
  }
}

function mutualCooperation(events: CodedEvent[]): CodedEvent[] {
  // "The US, Russia and Switzerland met", "Brazil and the United States are seeking to deepen a
  // partnership": cooperation among a coordinated subject with no one else named is mutual.
  const mutual: CodedEvent[] = [];
  // "Putin and Kim signed a treaty between Russia and North Korea": targets that only name the
  // sources' own countries add no one else, so the act is mutual too.
  const out = events.filter((e) => {
    // The cheap tests first: most events are no cooperation among several named sources.
    if (e.reverse || !['03', '04', '05', '06'].includes(root(e.code))) return true;
    const named = e.sources.filter((s) => s.actor !== null);
    if (named.length < 2) return true;
    const countries = new Set(named.map((s) => s.code.slice(0, 3)));
    if (!e.targets.every((t) => countries.has(t.code.slice(0, 3)))) return true;
    for (const a of named)
      for (const b of named) if (a.code !== b.code) mutual.push(eventWith(e, { sources: [a], targets: [b] }));
    return false;
  });
  out.push(...mutual);
  return out;
}

function recodeReports(out: readonly CodedEvent[], parse: SentenceParse, lemma: (p: Predicate) => string): void {
  // Reports of one's own future act, and accusations that name their target in a that-clause.
  for (const r of parse.predicates) {
    const stance = reportingStance(lemma(r));
    if (!stance) continue;
    const complement = parse.predicates.filter(
      (q) =>
        (q.verb.start > r.verb.end && q.subordinator !== null) ||
        (q.verb.start > r.verb.end && q.clauseStart <= r.verb.end + 3),
    );
    const first = complement[0];
    if (!first) continue;
    const reporter = out.filter((e) => e.predicate === r && !e.reverse);
    const inner = out.filter((e) => e.predicate === first && !e.reverse);
    const future = first.verb.tense === 'future' || (first.verb.modal !== null && first.verb.modal !== 'must');
    // Only a future, affirmed clause with events of its own is recoded: the speakers' codes are read for it alone.
    if (future && !first.verb.negated && inner.length > 0) {
      const speakerCodes = new Set(reporter.flatMap((e) => e.sources.map((s) => s.code)));
      for (const e of inner) {
        const same =
          e.sources.length > 0 && e.sources.every((s) => speakerCodes.has(s.code) || sameCountry(s, reporter));
        if (!same) continue;
        if (cooperative(e.code) && root(e.code) !== '03') e.code = INTENT_OF[root(e.code)] ?? '030';
        else if (THREAT_OF[root(e.code)]) e.code = THREAT_OF[root(e.code)] as string;
      }
    }
    for (const e of reporter) {
      if (e.targets.length > 0 || !['09', '11', '12'].includes(root(e.code))) continue;
      // "The US claimed that they had attacked Iraq": a claim about one's own act accuses no one.
      const subj = (inner[0]?.sources ?? []).filter((s) => !e.sources.some((x) => x.code === s.code));
      if (subj.length > 0) e.targets = subj;
    }
  }
}

function announcedIntent(out: readonly CodedEvent[], parse: SentenceParse, lemma: (p: Predicate) => string): void {
  // "will provide aid", "is ready to send observers": announced cooperation is intent (03x).
  for (const e of out) {
    const v = e.predicate.verb;
    if (v.negated || !cooperative(e.code) || root(e.code) === '03') continue;
    const g = e.predicate.governor;
    const aspect = g ? lemma(g) : '';
    // "is ready/prepared to attend" is readiness; "the president prepared to attend" (an active
    // verb, no "be") is on the way to the act itself.
    const withBe =
      g !== null &&
      parse.tokens.slice(g.verb.start, g.verb.end - 1).some((t) => t.lemma === 'be' || BE_FORMS.test(t.lower));
    const ready = (withBe && READY.test(parse.tokens[(g?.verb.end ?? 0) - 1]?.lower ?? '')) || READY.test(aspect);
    if (v.tense === 'future' || (e.predicate.governor && ready)) e.code = INTENT_OF[root(e.code)] ?? '030';
  }
  // "is prepared to impose martial law": readiness to coerce or use force is a threat.
  for (const e of out) {
    const g = e.predicate.governor;
    if (e.predicate.verb.negated || !g || !e.predicate.verb.infinitive || !/^(16|17|18|19|20)/.test(e.code)) continue;
    if (READY.test(parse.tokens[g.verb.end - 1]?.lower ?? '')) e.code = THREAT_OF[root(e.code)] as string;
  }
}

function demands(
  events: CodedEvent[],
  parse: SentenceParse,
  lemma: (p: Predicate) => string,
  subjectActors: (p: Predicate) => ResolvedActor[],
): CodedEvent[] {
  let out = events;
  // "X said (that) Y must …", "X demanded that Y …", "a reminder to Iraq that it must …": a demand
  // on Y, whatever Y is to do.
  for (const r of parse.predicates) {
    // "demanded that …", and "reiterated its demand that …", "renewed its call that …".
    const demandNoun = (r.object?.conjuncts ?? []).some((np) =>
      /^(demands?|calls?|appeals?|insistence|request)$/.test(parse.tokens[np.head]?.lower ?? ''),
    );
    const demanding = DEMANDING.test(lemma(r)) || demandNoun;
    if (!reportingStance(lemma(r)) && !demanding && !/^(issue|send|deliver|make)$/.test(lemma(r))) continue;
    const reporting = reportingStance(lemma(r)) !== null;
    // The speaker's actors are read only when some clause is demanded.
    if (!parse.predicates.some((q) => isDemanded(q, r, reporting, demanding))) continue;
    const speaker = subjectActors(r);
    // A demand stands even when who makes it is no actor the dictionaries know; a "said … must" needs one.
    if (speaker.length === 0 && !demanding) continue;
    for (const q of parse.predicates) {
      if (!isDemanded(q, r, reporting, demanding)) continue;
      const own = out.filter((e) => e.predicate === q && !e.reverse);
      // "reminded Iraq that it must …": a demand is on someone else — a pronoun that resolved to the
      // speaker gives way to whom the speaker addressed.
      let target = subjectActors(q).filter((t) => !speaker.some((x) => x.code === t.code));
      if (target.length === 0) target = out.filter((e) => e.predicate === r && !e.reverse).flatMap((e) => e.targets);
      out = out.filter((e) => e.predicate !== q);
      const base = own[0];
      out.push({
        predicate: q,
        pattern: null,
        verb: base?.verb ?? lemma(q).toUpperCase(),
        code: '100',
        sources: speaker,
        targets: target.length > 0 ? target : (base?.targets ?? []),
        reverse: false,
        head: undefined,
        deniedBy: undefined,
      });
    }
  }
  return out;
}

/** Is `q`, after the reporting or demanding verb of `r`, a clause that says what someone must do? */
function isDemanded(q: Predicate, r: Predicate, reporting: boolean, demanding: boolean): boolean {
  if (q.verb.start <= r.verb.end || q.verb.negated) return false;
  const must = q.verb.modal === 'must' && (reporting || q.subordinator === 'that');
  const subjunctive = demanding && q.subordinator === 'that' && q.verb.modal === null;
  return must || subjunctive;
}

function conditionalThreats(out: readonly CodedEvent[], parse: SentenceParse, lemma: (p: Predicate) => string): void {
  // Conflictual acts announced with a condition ("will withdraw … unless …") or as a plan: threats.
  const conditional = parse.predicates.some((q) => q.subordinator === 'unless');
  for (const e of out) {
    const v = e.predicate.verb;
    const g = e.predicate.governor;
    // A planned deployment is a posture, not yet a threat; planned sanctions and coercion are threats.
    const planned = g !== null && DESIRE.test(lemma(g)) && root(e.code) !== '15';
    if (
      !v.negated &&
      ((conditional && (v.tense === 'future' || v.modal !== null)) || planned) &&
      THREAT_OF[root(e.code)] &&
      !violent(e.code)
    ) {
      e.code = THREAT_OF[root(e.code)] as string;
    }
  }
}

function recodeByObject(e: CodedEvent, parse: SentenceParse, lemma: (p: Predicate) => string): CodedEvent {
  const v = e.predicate.verb;
  // "Ankara decided to send 12,000 troops": the troops sent are the sender's military, not a target.
  if (
    root(e.code) === '15' &&
    e.targets.length > 0 &&
    e.targets.every((t) => t.actor === null && /^---(MIL|COP)/.test(t.code))
  ) {
    const sector = (e.targets[0] as ResolvedActor).code.slice(3, 6);
    const sources = e.sources.map((s) =>
      s.code.length === 3 ? { ...s, code: s.code + sector, agents: [...s.agents, sector] } : s,
    );
    return eventWith(e, { sources, targets: [] });
  }
  // "would not provide support", "will not accept": a refusal.
  if (v.negated && (v.modal !== null || v.tense === 'future') && cooperative(e.code)) {
    return eventWith(e, { code: REJECTION_OF[root(e.code)] ?? '120' });
  }
  // Blocking a road, a bridge or traffic is obstructing passage (CAMEO 144, a protest) unless the
  // state does it; crowds throwing stones riot (145).
  if (
    /^(16|17)/.test(e.code) &&
    /^(block|blockade|barricade|obstruct)$/.test(lemma(e.predicate)) &&
    objectHeadIs(e, parse, PASSAGE) &&
    e.sources.every((s) => !hasSector(s.code, STATE))
  ) {
    return eventWith(e, { code: '144' });
  }
  if (
    /^(18|19)/.test(e.code) &&
    objectHeadIs(e, parse, THROWN) &&
    e.sources.every((s) => s.code.length === 3 || !hasSector(s.code, FORCE))
  ) {
    return eventWith(e, { code: '145' });
  }
  // Demonstrators blocking roads protest (CAMEO 144); coercion is for those who wield power.
  if (
    root(e.code) === '17' &&
    e.sources.length > 0 &&
    e.sources.every((s) => !hasSector(s.code, FORCE) && s.code.length > 3)
  ) {
    return eventWith(e, { code: '144' });
  }
  return e;
}

/** Does the head of any of the event's object conjuncts match? */
function objectHeadIs(e: CodedEvent, parse: SentenceParse, heads: RegExp): boolean {
  return (e.predicate.object?.conjuncts ?? []).some((np) => heads.test(parse.tokens[np.head]?.lower ?? ''));
}

/**
 * Does any of the agents after an actor code's country name one of these sectors? "HTIELIGOVMIL"
 * (a head of state's military government) wields force though its first agent is ELI.
 */
function hasSector(code: string, sectors: RegExp): boolean {
  for (let i = 3; i + 3 <= code.length; i += 3) if (sectors.test(code.slice(i, i + 3))) return true;
  return false;
}

function sameCountry(s: ResolvedActor, reporter: CodedEvent[]): boolean {
  return reporter.some((r) => r.sources.some((x) => x.code.slice(0, 3) === s.code.slice(0, 3) && x.actor === s.actor));
}
