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
import type { CodedEvent } from './event-coder.ts';

const DESIRE = /^(want|plan|intend|aim|hope|seek|wish|try|attempt|consider|mean|desire|strive|look)$/;
const COMMISSIVE = /^(agree|pledge|vow|promise|decide|commit|undertake|offer|resolve|determine|choose|opt|move)$/;
/** Aspect and readiness: the complement is the event. */
const TRANSPARENT =
  /^(prepare|begin|start|continue|resume|be|set|get|go|come|keep|stop|cease|manage|fail|need|have|expect|schedule)$/;

/** CAMEO 03 sub-codes for intent to do what each cooperative root does. */
const INTENT_OF: Record<string, string> = { '04': '036', '05': '032', '06': '031', '07': '033', '08': '035' };
const root = (code: string) => code.slice(0, 2);
const cooperative = (code: string) => ['03', '04', '05', '06', '07', '08'].includes(root(code));
const violent = (code: string) => ['18', '19', '20'].includes(root(code));

export function combineEvents(
  events: CodedEvent[],
  parse: SentenceParse,
  lemma: (p: Predicate) => string,
): CodedEvent[] {
  const byPred = new Map<Predicate, CodedEvent[]>();
  for (const e of events) {
    const list = byPred.get(e.predicate);
    if (list) list.push(e);
    else byPred.set(e.predicate, [e]);
  }
  const dropped = new Set<CodedEvent>();
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
    const desire = DESIRE.test(gl) || (root(gCode) === '03' && !COMMISSIVE.test(gl));
    const commissive = COMMISSIVE.test(gl);
    const transparent = TRANSPARENT.test(gl);
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
    } else if (desire && cooperative(c.code)) {
      code = INTENT_OF[root(c.code)] ?? gCode;
    }
    for (const e of [...gov, ...(byPred.get(g) ?? [])]) dropped.add(e);
    for (const e of byPred.get(p) ?? []) dropped.add(e);
    added.push({ ...c, code, sources, targets, reverse: false, verb: `${(gov[0] as CodedEvent).verb} + ${c.verb}` });
  }

  let out = [...events.filter((e) => !dropped.has(e)), ...added];

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
    const speakerCodes = new Set(reporter.flatMap((e) => e.sources.map((s) => s.code)));
    for (const e of inner) {
      const future = first.verb.tense === 'future' || (first.verb.modal !== null && first.verb.modal !== 'must');
      const same = e.sources.length > 0 && e.sources.every((s) => speakerCodes.has(s.code) || sameCountry(s, reporter));
      if (!future || !same || first.verb.negated) continue;
      if (cooperative(e.code) && root(e.code) !== '03') e.code = INTENT_OF[root(e.code)] ?? '030';
      else if (violent(e.code)) e.code = '138';
    }
    for (const e of reporter) {
      if (e.targets.length > 0 || !['09', '11', '12'].includes(root(e.code))) continue;
      const subj = inner[0]?.sources ?? [];
      if (subj.length > 0) e.targets = subj;
    }
  }

  // "would not provide support": a refusal.
  out = out.map((e) => {
    const v = e.predicate.verb;
    if (v.negated && (v.modal !== null || v.tense === 'future') && cooperative(e.code) && root(e.code) !== '03') {
      return { ...e, code: '120' };
    }
    return e;
  });
  return out;
}

function sameCountry(s: ResolvedActor, reporter: CodedEvent[]): boolean {
  return reporter.some((r) => r.sources.some((x) => x.code.slice(0, 3) === s.code.slice(0, 3) && x.actor === s.actor));
}
