/**
 * A complete set of coding dictionaries — actors, agents, verbs, discards — assembled into the
 * structures the coder reads. Built either from the original TABARI/PETRARCH files (the evaluation
 * suites, the build script) or from the compact files shipped in data/dictionaries.
 */
import { VerbIndex } from '../coding/verb-index.ts';
import type { ActorEntry } from './actor-dictionary-reader.ts';
import { ActorLexicon, type LexiconActor, splitCodes } from './actor-lexicon.ts';
import type { AgentEntry } from './agent-dictionary-reader.ts';
import type { DiscardEntry } from './discard-list-reader.ts';
import type { VerbDictionary } from './verb-dictionary-reader.ts';

export interface DictionarySet {
  lexicon: ActorLexicon;
  verbs: VerbIndex;
  discards: DiscardEntry[];
}

export interface ActorSource {
  /** Where the entries come from (`phoenix-countries`); decides the actor kind. */
  origin: string;
  entries: ActorEntry[];
}

/**
 * `VLADIMIR PUTIN` → `Vladimir Putin`. The dictionaries are all capitals, so acronyms cannot be told
 * from words for sure: short words without vowels or with dots (`U.N.`, `PKK`) stay as written, and
 * organisation names keep short capitals (`NATO`, `OSCE`).
 */
export function displayName(key: string, organisation = false): string {
  const small = new Set(['OF', 'THE', 'AND', 'FOR', 'IN', 'ON', 'AT', 'DE', 'DU', 'DES', 'LA', 'LE']);
  return key
    .split(' ')
    .map((w, i) => {
      if (i > 0 && small.has(w)) return w.toLowerCase();
      if (w.includes('.') || !/[AEIOUY]/.test(w) || (organisation && w.length <= 5)) return w;
      return w.toLowerCase().replace(/(^|[-'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
    })
    .join(' ');
}

function kindOf(origin: string, entry: ActorEntry): LexiconActor['kind'] {
  const codes = [...(entry.code ? splitCodes(entry.code) : []), ...entry.roles.flatMap((r) => splitCodes(r.code))];
  const first = codes[0] ?? '';
  if (origin.includes('nonstate') || origin.includes('milnonstate')) return 'armed-group';
  if (origin.includes('international')) return first.startsWith('IGO') ? 'igo' : 'organisation';
  // A bare three-letter code is a state; countries with dated codes (Ukraine: USRUKR before 1991)
  // still end on one.
  const current = entry.code ? splitCodes(entry.code) : splitCodes(entry.roles[entry.roles.length - 1]?.code ?? '');
  if (current.length > 0 && current.every((c) => c.length === 3)) return 'state';
  if (entry.roles.length > 0) return 'person';
  return 'organisation';
}

export function buildDictionarySet(input: {
  actors: ActorSource[];
  agents: AgentEntry[];
  verbs: VerbDictionary;
  discards: DiscardEntry[];
  extraActors?: { actor: LexiconActor; names: string[] }[];
  /** Names the dictionaries lack for actors they have: `name` is another name of the actor called `of`. */
  extraNames?: { name: string; of: string }[];
}): DictionarySet {
  const lexicon = new ActorLexicon();
  // Parallax's own table first: its current facts should win over the 2014 dictionaries on a tie.
  for (const { actor, names } of input.extraActors ?? []) lexicon.addActor(actor, names);
  for (const source of input.actors) {
    for (const e of source.entries) {
      const primary = e.names[0];
      if (!primary) continue;
      const kind = kindOf(source.origin, e);
      lexicon.addActor(
        {
          name: displayName(primary, kind !== 'person' && kind !== 'state'),
          kind,
          codes: e.code ? [e.code] : [],
          roles: e.roles,
          aliases: e.names.slice(1).map((n) => displayName(n, kind !== 'person' && kind !== 'state')),
          qid: null,
          origin: source.origin,
        },
        e.names,
      );
    }
  }
  for (const { name, of } of input.extraNames ?? []) {
    const id = lexicon.actorNamed(of);
    if (id !== null) lexicon.addNames(id, [name]);
  }
  for (const a of input.agents) lexicon.addAgent(a.phrase, { code: a.code, prefix: a.prefix });
  return { lexicon, verbs: new VerbIndex(input.verbs), discards: input.discards };
}
