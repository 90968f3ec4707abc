/**
 * Reads CAMEO-style actor codes off noun phrases: a named actor's code on the date (`Putin` →
 * RUSGOV), extended by the agents around it (`Arnor cleric` → ARNREL, `MSF Arnor diplomat` →
 * NGOARNGOV), an agent with its country from an "of/in/from" phrase (`soldiers from Gondor` →
 * GONMIL), or an agent alone (`students` → ---EDU).
 */
import type { IsoDate } from '@parallax/core';
import type { ActorLexicon, AgentSense, Mention } from '../dictionaries/actor-lexicon.ts';
import type { NounGroup, NounPhrase, PrepPhrase } from '../nlp/shallow-parse.ts';
import type { Token } from '../nlp/token.ts';

/** One actor a phrase resolves to. */
export interface ResolvedActor {
  code: string;
  /** The named actor (lexicon index), or null for an agent alone. */
  actor: number | null;
  /** Token span of the words it was read from. */
  start: number;
  end: number;
  /** Sector codes applied, for explanations (`GOV`, `MIL`). */
  agents: string[];
  /**
   * The person the phrase names, when it names one besides the actor the code was read from
   * ("UN Secretary-General António Guterres" is coded from the UN but is António Guterres).
   */
  person?: number | null;
}

const UNKNOWN_COUNTRY = '---';

/** "the Al Qaeda-linked Somali militant group": a name ending in such a modifier is not the phrase's actor. */
const MODIFIER = /-(linked|led|backed|based|affiliated|allied|aligned|held|occupied|controlled|run|owned)$/i;

export class ActorResolver {
  constructor(
    private readonly lexicon: ActorLexicon,
    private readonly mentions: readonly Mention[],
    private readonly date: IsoDate | null,
    private readonly tokens: readonly Token[],
  ) {}

  private mentionsIn(start: number, end: number): Mention[] {
    // Mentions come from the lexicon scan in text order, without overlaps.
    const out: Mention[] = [];
    for (const m of this.mentions) {
      if (m.start >= end) break;
      if (m.start >= start && m.end <= end) out.push(m);
    }
    return out;
  }

  /** Actors of one noun phrase, using `pps` ("of Gondor") when the phrase names no actor itself. */
  phrase(np: NounPhrase, pps: readonly PrepPhrase[] = []): ResolvedActor[] {
    if (np.temporal) return [];
    const ms = this.mentionsIn(np.start, np.end);
    const named = ms.filter((m) => m.actors.length > 0);
    const agents = ms.filter((m) => m.agent !== null);
    const former = this.hasFormer(np);
    if (named.length === 0) {
      if (agents.length === 0) {
        // "the population of Gondor", "goats of Gondor": a phrase naming nobody stands for its "of X".
        const of = pps.find((pp) => pp.prep === 'of');
        return of ? this.group(of.object).filter((a) => a.actor !== null) : [];
      }
      // "Soldiers from Gondor", "the government of Gondor", "lawmakers in Fornost and Gondor"; and
      // "a spokesman for Gondor's army", "a reporter for Gondor TV": media people work for whom "for" names.
      const media = agents.every((m) => m.agent?.code === 'MED');
      for (const pp of pps) {
        if (!/^(of|from|in)$/.test(pp.prep) && !(media && pp.prep === 'for')) continue;
        const inner = this.group(pp.object);
        const countries = inner.filter((a) => a.actor !== null);
        if (countries.length > 0) return countries.map((a) => this.combine(a, agents, np));
      }
      return [this.agentOnly(agents, np, former)];
    }
    // One noun phrase names one actor: the first name in it ("Gondor's Prime Minister Falastur",
    // "Brazil's Amazonas state"), extended by the phrase's agents.
    // "the Al Qaeda-linked Somali militant group": a name inside an "X-linked/-led/-backed" modifier
    // describes the phrase's actor, it is not it.
    const m = named.find((x) => !MODIFIER.test(this.tokens[x.end - 1]?.text ?? '')) ?? (named[0] as Mention);
    const id = m.actors[0] as number;
    const person =
      named.map((x) => x.actors[0] as number).find((a) => this.lexicon.actors[a]?.kind === 'person') ?? null;
    const out = this.lexicon.codesOn(id, this.date).map((code) => {
      const r = this.combine({ code, actor: id, start: m.start, end: m.end, agents: [] }, agents, np, former);
      r.person = person;
      return r;
    });
    return dedupe(out);
  }

  private readonly memo = new Map<NounGroup, { pps: readonly PrepPhrase[]; result: ResolvedActor[] }[]>();

  /** Actors of a coordination; agents and "of X" phrases are shared as English shares them. */
  group(g: NounGroup, pps: readonly PrepPhrase[] = []): ResolvedActor[] {
    // The same subject is read for every verb it governs: remember each reading.
    const seen = this.memo.get(g);
    const hit = seen?.find((x) => x.pps.length === pps.length && x.pps.every((p, i) => p === pps[i]));
    if (hit) return hit.result;
    const result = this.readGroup(g, pps);
    if (seen) seen.push({ pps, result });
    else this.memo.set(g, [{ pps, result }]);
    return result;
  }

  /** The phrase names only agents ("lawmakers", "officials"), no actor. */
  private bareAgent(np: NounPhrase): boolean {
    const ms = this.mentionsIn(np.start, np.end);
    return ms.length > 0 && ms.every((m) => m.agent !== null);
  }

  private readGroup(g: NounGroup, pps: readonly PrepPhrase[]): ResolvedActor[] {
    // One phrase (most groups) shares nothing with other conjuncts.
    if (g.conjuncts.length === 1) return dedupe(this.phrase(g.conjuncts[0] as NounPhrase, pps));
    // Trailing "of/in/from X" belongs to the last conjunct, and to earlier ones only when they are
    // bare agents ("lawmakers and officials in Fornost" — both in Fornost).
    const per = g.conjuncts.map((np, k) =>
      this.phrase(np, k === g.conjuncts.length - 1 || this.bareAgent(np) ? pps : []),
    );
    const last = g.conjuncts[g.conjuncts.length - 1];
    const lastMentions = last ? this.mentionsIn(last.start, last.end) : [];
    // Only "British activists"-style conjuncts (a name plus its head noun) lend their head noun.
    const lastAgents = lastMentions.some((m) => m.actors.length > 0) ? lastMentions.filter((m) => m.agent) : [];
    const out: ResolvedActor[] = [];
    // "Danish media and government": a name modifying the first conjunct carries over to bare agents.
    const first = g.conjuncts[0];
    const firstMentions = first ? this.mentionsIn(first.start, first.end) : [];
    const firstName = firstMentions.find((m) => m.actors.length > 0);
    const firstNameIsModifier =
      firstName !== undefined && firstMentions.some((m) => m.agent && m.start > firstName.start);
    g.conjuncts.forEach((np, k) => {
      let mine = per[k] ?? [];
      if (k > 0 && firstNameIsModifier && this.bareAgent(np) && mine.every((a) => a.actor === null)) {
        const base = (per[0] ?? [])[0];
        const ms = this.mentionsIn(np.start, np.end);
        if (base) {
          const country = this.lexicon.codesOn(firstName.actors[0] as number, this.date)[0] ?? base.code;
          mine = [
            this.combine(
              { code: country, actor: firstName.actors[0] as number, start: np.start, end: np.end, agents: [] },
              ms,
              np,
            ),
          ];
        }
      }
      const ms = this.mentionsIn(np.start, np.end);
      const bareName = ms.length > 0 && ms.every((m) => m.actors.length > 0) && k < g.conjuncts.length - 1;
      // "US and British activists": the head noun of the last conjunct applies to the bare names before it.
      if (bareName && lastAgents.length > 0 && mine.every((a) => a.agents.length === 0)) {
        out.push(...mine.map((a) => this.combine(a, lastAgents, np)));
      } else {
        out.push(...mine);
      }
    });
    return dedupe(out);
  }

  private agentOnly(agents: Mention[], np: NounPhrase, former: boolean): ResolvedActor {
    return this.combine(
      { code: UNKNOWN_COUNTRY, actor: null, start: np.start, end: np.end, agents: [] },
      agents,
      np,
      former,
    );
  }

  /** "former security officials": CAMEO codes people out of office as elites (ELI). */
  private hasFormer(np: NounPhrase): boolean {
    for (let i = np.start; i < np.end; i++)
      if (this.tokens[i]?.lower === 'former' || this.tokens[i]?.lower === 'ex') return true;
    return false;
  }

  private combine(base: ResolvedActor, agents: readonly Mention[], np: NounPhrase, former = false): ResolvedActor {
    let code = base.code;
    const applied = [...base.agents];
    const prefixes: string[] = [];
    if (former && agents.some((m) => m.agent && !m.agent.prefix)) {
      return {
        code: code.endsWith('ELI') ? code : `${code}ELI`,
        actor: base.actor,
        start: Math.min(base.start, np.start),
        end: Math.max(base.end, np.end),
        agents: ['ELI'],
        person: undefined,
      };
    }
    for (const m of agents) {
      const a = m.agent as AgentSense;
      if (a.prefix) {
        prefixes.push(a.code);
      } else if (!code.endsWith(a.code)) {
        // "defence ministry" (GOVMIL) on a government code (USAGOV) adds only what is new: USAGOVMIL.
        const overlap = a.code.startsWith(code.slice(-3)) ? 3 : 0;
        code += a.code.slice(overlap);
      }
      applied.push(a.code);
    }
    return {
      code: prefixes.join('') + code,
      actor: base.actor,
      start: Math.min(base.start, np.start),
      end: Math.max(base.end, np.end),
      agents: applied,
      // Present from the start (phrase() sets it): actors of one shape keep optimised code valid.
      person: undefined,
    };
  }
}

/** The list without later actors of a code already listed; a fresh list is returned as it is when it has one. */
function dedupe(list: ResolvedActor[]): ResolvedActor[] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  return list.filter((a) => {
    if (seen.has(a.code)) return false;
    seen.add(a.code);
    return true;
  });
}
