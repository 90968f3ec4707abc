/**
 * Who "he" or "she" is when a reported clause has one for its speaker: the last person named as a
 * subject or a "by" agent in the sentences just before. Organisations and states are not people, so
 * "The Kremlin brushed it aside. … He told lawmakers that …" does not give the minister's words to
 * the Kremlin. A person named without anything the dictionaries resolve ("Austin", "the Secretary
 * General") is matched to an earlier, resolved mention sharing a name or title word ("Defense
 * Secretary Lloyd J. Austin III"); failing that the speaker stays unknown rather than guessed.
 */
import type { ResolvedActor } from '../coding/actor-resolver.ts';
import type { NounGroup, PrepPhrase } from '../nlp/shallow-parse.ts';
import type { SentenceAnalysis } from '../sentence-analysis.ts';

/** Words that make a noun phrase a person: a title, an office or an honorific. */
const TITLE =
  /^((vice|deputy|under)-)?(president|minister|spokesman|spokeswoman|spokesperson|secretary|chief|general|director|ambassador|envoy|commander|premier|chancellor|king|queen|leader|chairman|chairwoman|senator|governor|mayor|admiral|colonel|prosecutor|lawmaker|official|mr|mrs|ms|dr)\.?$/;
/** Honorifics and function words say nothing about which person is meant. */
const NOT_IDENTIFYING = /^(mr|mrs|ms|dr|the|a|an|of|and|for|'s|’s)\.?$/;
const HONORIFIC = /^(mr|mrs|ms|dr)$/;

/** How many sentences back the nearest person is looked for. */
const REACH = 2;
/** How many sentences back an unresolved person is matched to a resolved mention. */
const MATCH_REACH = 20;

interface PersonMention {
  /** Actors it resolves to as a person (empty when the dictionaries know no one by these words). */
  actors: ResolvedActor[];
  /** Name words, lower case ("lloyd", "austin"). */
  names: string[];
  /** Title words, lower case ("defense", "secretary" are both kept: "secretary", "general"). */
  titles: string[];
  /** A name alone, which may as well be a place standing for a state ("Austin", "Moscow"). */
  bare: boolean;
}

/** Person-like subjects and "by" agents of one sentence, last first. */
function peopleIn(a: SentenceAnalysis): PersonMention[] {
  const tokens = a.sentence.tokens;
  const groups: { g: NounGroup; pps: readonly PrepPhrase[] }[] = [];
  for (const p of a.parse.predicates)
    if (p.subject && !p.inheritedSubject) groups.push({ g: p.subject, pps: p.subjectPps });
  for (const pp of a.parse.pps) if (pp.prep === 'by') groups.push({ g: pp.object, pps: [] });
  groups.sort((x, y) => y.g.start - x.g.start);
  const out: PersonMention[] = [];
  for (const { g, pps } of groups) {
    const np = g.conjuncts.length === 1 ? g.conjuncts[0] : undefined;
    if (!np) continue;
    const names: string[] = [];
    const titles: string[] = [];
    let properName = true;
    for (let i = np.start; i < np.end; i++) {
      const t = tokens[i];
      if (!t) continue;
      // A name is capitalised words, not an acronym ("NATO", "DPRK" are organisations and states).
      if (t.pos !== 'PROPN' || t.text === t.text.toUpperCase()) properName = false;
      if (TITLE.test(t.lower)) titles.push(t.lower.replace(/\.$/, ''));
      else if (t.pos === 'PROPN' && !NOT_IDENTIFYING.test(t.lower)) names.push(t.lower);
    }
    // "vice-minister of Foreign Affairs of the DPRK": the office's phrases say whose it is.
    const resolved = a.resolver.group(g, pps).filter((r) => r.actor !== null);
    const person = resolved.some((r) => r.person !== null && r.person !== undefined);
    if (titles.length > 0 || person) out.push({ actors: resolved, names, titles, bare: false });
    else if (properName) out.push({ actors: [], names, titles, bare: true });
  }
  return out;
}

/** Does `earlier`, a resolved person, name the same person as `m`: a shared name, else every title word? */
function samePerson(m: PersonMention, earlier: PersonMention): boolean {
  if (earlier.bare || earlier.actors.length === 0 || earlier === m) return false;
  if (m.names.length > 0) return m.names.some((w) => earlier.names.includes(w));
  const identifying = m.titles.filter((w) => !HONORIFIC.test(w));
  return identifying.length > 0 && identifying.every((w) => earlier.titles.includes(w));
}

/** The person "he"/"she" in sentence `index` most likely is, from the sentences before it. */
export function personBefore(analyses: readonly SentenceAnalysis[], index: number): ResolvedActor[] | null {
  const earlierMatch = (m: PersonMention, from: number): ResolvedActor[] | null => {
    for (let k = from; k >= 0 && k >= index - MATCH_REACH; k--)
      for (const earlier of peopleIn(analyses[k] as SentenceAnalysis))
        if (samePerson(m, earlier)) return earlier.actors;
    return null;
  };
  for (let k = index - 1; k >= 0 && k >= index - REACH; k--) {
    for (const m of peopleIn(analyses[k] as SentenceAnalysis)) {
      if (!m.bare && m.actors.length > 0) return m.actors;
      const earlier = earlierMatch(m, k);
      if (earlier) return earlier;
      // Someone with a title the dictionaries do not know: the speaker is unknown, not someone else.
      if (!m.bare) return null;
    }
  }
  return null;
}
