import type { IsoDate } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { readActorDictionary } from '../dictionaries/actor-dictionary-reader.ts';
import { readAgentDictionary } from '../dictionaries/agent-dictionary-reader.ts';
import { buildDictionarySet } from '../dictionaries/dictionary-set.ts';
import { readVerbDictionary } from '../dictionaries/verb-dictionary-reader.ts';
import { splitSentences } from '../nlp/sentence-splitter.ts';
import { SentenceAnalyser } from '../sentence-analysis.ts';

const dictionaries = buildDictionarySet({
  actors: [
    {
      origin: 'test',
      entries: readActorDictionary(`
NORLAND [NRL]
+NORLANDIAN
SUDARIA [SUD]
+SUDARIAN
OSTMARK [OST]
QUEEN_ELVA
\t[SUDGOV 20100101-20200101]
\t[SUDELI]
`),
    },
  ],
  agents: readAgentDictionary(`TROOPS {} [~MIL]
SOLDIER [~MIL]
GOVERNMENT [~GOV]
MINISTER [~GOV]
STUDENT [~EDU]
MSF {} [NGO~]`),
  verbs: readVerbDictionary(`
&MILITARY
+TROOPS
+SOLDIERS

--- ATTACK  [190]  ---
ATTACK
SHELL

--- CRITICIZE  [111]  ---
CRITICIZE
CONDEMN [122]

--- SEND  [---]  ---
SEND {SENDS SENDING SENT }
DEPLOY
- * &MILITARY                      [154]
- * AID (TO +)                     [070]

--- MEET  [040:040] ---
MEET {MEETS MET MEETING}
- % *                              [040:040]

--- RESTORE  [064]  ---
RESTORE
- * TRADE                          [061]
- * TRADE TIES                     [064]

--- SAY  [010]  ---
SAY {SAYS SAID SAYING}

--- ANNOUNCE  [010]  ---
ANNOUNCE

--- OPEN  [---]  ---
OPEN

--- INVESTIGATE  [090]  ---
INVESTIGATE

--- CANCEL  [---]  ---
SUSPEND
- * FLIGHTS                        [160]

--- IMPOSE  [170]  ---
IMPOSE
- * CURFEW                         [1723]

--- ALLEGE  [110]  ---
SWEAR {SWEARS SWORE SWORN}

--- TRY  [---]  ---
TRY {TRIES TRIED TRYING}

--- DECIDE  [---]  ---
DECIDE

--- TAKE_PART  [030]  ---
JOIN

--- RELEASE  [080]  ---
LIBERATE

=ASPECT CONTINUE
=NOUN ATTACK ATTACK
=CARRIER ANNOUNCE
=CARRIER OPEN
=CARRIER IMPOSE
=NOUN SUSPENSION SUSPEND
=NOUN INQUIRY INVESTIGATE
`),
  discards: [],
});
const analyser = new SentenceAnalyser(dictionaries);

function code(text: string, date = '2015-06-01'): string[] {
  const out: string[] = [];
  for (const s of splitSentences(text)) {
    for (const e of analyser.analyse(s, date as IsoDate).events) {
      for (const a of e.sources.length ? e.sources : [{ code: '-' }]) {
        for (const b of e.targets.length ? e.targets : [{ code: '-' }]) out.push(`${a.code}>${b.code}:${e.code}`);
      }
    }
  }
  return out;
}

describe('EventCoder', () => {
  it('codes a simple transitive sentence from the verb block', () => {
    expect(code('Norland attacked Sudaria on Monday.')).toEqual(['NRL>SUD:190']);
  });

  it('reads a participle the tagger took for an adjective, between a noun and a determiner, as the verb', () => {
    expect(code('Norlandian troops liberated the Sudarian capital.')).toEqual(['NRLMIL>SUD:080']);
  });

  it("codes the act an effort's infinitive names, not an intent, for whoever takes part in the effort", () => {
    expect(code('Norland joined the campaign to attack Sudaria.')).toEqual(['NRL>SUD:190']);
    // Without the framing noun, a 03 verb's infinitive is a desire: a threat of force.
    expect(code('Norland joined in order to attack Sudaria.').filter((c) => c.endsWith(':190'))).toEqual([]);
  });

  it('reads the source from the by-phrase of a passive and the target from its subject', () => {
    expect(code('Sudaria was attacked by Norland.')).toEqual(['NRL>SUD:190']);
  });

  it('prefers the more specific pattern', () => {
    expect(code('Norland restored trade ties with Sudaria.')).toEqual(['NRL>SUD:064']);
    expect(code('Norland restored trade with Sudaria.')).toEqual(['NRL>SUD:061']);
  });

  it('codes an announced cooperative act as intent (CAMEO 03x)', () => {
    expect(code('Norland will restore trade ties with Sudaria.')).toEqual(['NRL>SUD:031']);
  });

  it('codes each conjunct of a coordinated subject and object', () => {
    expect(code('Norland and Ostmark condemned Sudaria.')).toEqual(['NRL>SUD:122', 'OST>SUD:122']);
  });

  it('makes a coordinated subject act on itself for a % pattern', () => {
    expect(code('Norland and Sudaria met in the capital.')).toEqual(['NRL>SUD:040', 'SUD>NRL:040']);
  });

  it('adds agents to country codes, before or after as the agent says', () => {
    expect(code('Norlandian troops shelled Sudarian students.')).toEqual(['NRLMIL>SUDEDU:190']);
    expect(code('Soldiers from Norland attacked the government of Sudaria.')).toEqual(['NRLMIL>SUDGOV:190']);
    expect(code('An MSF Norland minister criticized Sudaria.')).toEqual(['NGONRLGOV>SUD:111']);
  });

  it('uses the dated role of a person on the document date', () => {
    expect(code('Queen Elva criticized Norland.', '2015-01-01')).toEqual(['SUDGOV>NRL:111']);
    expect(code('Queen Elva criticized Norland.', '2021-01-01')).toEqual(['SUDELI>NRL:111']);
  });

  it('treats troops that "were sent" as the mover of a military posture event', () => {
    expect(code('About 500 Norlandian troops were sent to the border.')).toEqual(['NRLMIL>-:154']);
  });

  it('gives an infinitive the subject of the verb it completes, and a pronoun its antecedent', () => {
    expect(code('Norland is about to attack Sudaria.')).toEqual(['NRL>SUD:190']);
    expect(code('Norland said Ostmark attacked Sudaria.')).toContain('OST>SUD:190');
  });

  it('codes a speaker announcing its own attack as a threat of force (CAMEO 138)', () => {
    expect(code('Norland said it would attack Sudaria.')).toContain('NRL>SUD:138');
  });

  it('steps over an apposition between subject and verb', () => {
    expect(code('Ostmark, the region’s largest state, condemned Norland.')).toEqual(['OST>NRL:122']);
  });

  it('codes an event noun after a verb that carries it as the verb the noun derives from', () => {
    expect(code('Norland announced a suspension of flights to Sudaria.')).toEqual(['NRL>SUD:160']);
    expect(code('Sudaria opened an inquiry into the shelling.')).toEqual(['SUD>-:090']);
  });

  it("keeps the carrier's own code when the noun codes nothing or the carrier's pattern matches", () => {
    expect(code('Norland announced a suspension of talks with Sudaria.')).toEqual(['NRL>SUD:010']);
    expect(code('Norland imposed a curfew on Sudaria.')).toEqual(['NRL>SUD:1723']);
  });

  it("lets any agent of a compound code wield force: a leader's government imposes, it does not protest", () => {
    expect(code('The government of Queen Elva imposed a curfew on Norland.', '2021-01-01')).toEqual([
      'SUDELIGOV>NRL:1723',
    ]);
  });

  it('codes an attempt as the act, and a sworn or decided act as CAMEO does', () => {
    expect(code('Norland tried to attack Sudaria.')).toEqual(['NRL>SUD:190']);
    expect(code('Norland swore to attack Sudaria.')).toEqual(['NRL>SUD:138']);
    expect(code('Norland decided to restore trade ties with Sudaria.')).toEqual(['NRL>SUD:064']);
  });

  it('codes the event noun heading the subject of a verb of aspect', () => {
    expect(code('Norlandian attacks against Sudaria continued.')).toEqual(['NRL>SUD:190']);
  });
});
