import { describe, expect, it } from 'vitest';
import { readActorDictionary } from './actor-dictionary-reader.ts';
import { ActorLexicon } from './actor-lexicon.ts';
import { readAgentDictionary } from './agent-dictionary-reader.ts';
import { readCompactActors, writeCompactActors } from './compact-dictionary.ts';
import { tabariDate } from './dictionary-text.ts';
import { readVerbDictionary, regularVerbForms } from './verb-dictionary-reader.ts';

const ACTORS = `
<!-- a comment
spanning lines -->
GONDOR [GON]  # a country
+MINAS_TIRITH
THE_SHIRE  [FRO/BIL/SAM]
GOLLUM  ; CountryInfo.txt
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
`;

describe('actor dictionaries', () => {
  it('reads names, synonyms, compound codes and date-bounded roles', () => {
    const entries = readActorDictionary(ACTORS);
    expect(entries.map((e) => e.names)).toEqual([['GONDOR', 'MINAS TIRITH'], ['THE SHIRE'], ['GOLLUM', 'SMEAGOL']]);
    expect(entries[2]?.roles).toEqual([
      { code: 'HOB', start: null, end: '1995-06-01' },
      { code: 'HOBGOV', start: '1995-06-01', end: '1999-08-15' },
      { code: 'HOBREB', start: '1999-08-16', end: null },
    ]);
  });

  it('survives the compact round trip', () => {
    const entries = readActorDictionary(ACTORS);
    expect(readCompactActors(writeCompactActors(entries, 'test'))).toEqual(entries);
  });

  it('picks the code a dated role gives on a date', () => {
    const lexicon = new ActorLexicon();
    const [, shire, gollum] = readActorDictionary(ACTORS);
    const g = lexicon.addActor(
      { name: 'Gollum', kind: 'person', codes: [], roles: gollum?.roles ?? [], aliases: [], qid: null, origin: 't' },
      ['GOLLUM'],
    );
    const s = lexicon.addActor(
      { name: 'Shire', kind: 'state', codes: [shire?.code ?? ''], roles: [], aliases: [], qid: null, origin: 't' },
      ['THE SHIRE'],
    );
    expect(lexicon.codesOn(g, '1996-01-01' as never)).toEqual(['HOBGOV']);
    expect(lexicon.codesOn(g, '2001-01-01' as never)).toEqual(['HOBREB']);
    expect(lexicon.codesOn(s, null)).toEqual(['FRO', 'BIL', 'SAM']);
  });

  it('reads two- and four-digit years the way the 2014 files use them', () => {
    expect(tabariDate('990809')).toBe('1999-08-09');
    expect(tabariDate('080507')).toBe('2008-05-07');
    expect(tabariDate('20130119')).toBe('2013-01-19');
    expect(tabariDate('991399')).toBeNull();
  });
});

describe('agent dictionaries', () => {
  it('expands plurals, explicit plurals and substitution sets, and places the code', () => {
    const agents = readAgentDictionary(`!PERSON! = MAN, MEN
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
MINISTRY [~GOV]`);
    const byPhrase = Object.fromEntries(agents.map((a) => [a.phrase, `${a.prefix ? 'pre' : 'suf'}:${a.code}`]));
    expect(byPhrase).toMatchObject({
      POLICE: 'suf:COP',
      'ATTORNEYS GENERAL': 'suf:GOV',
      CONGRESSMEN: 'suf:LEG',
      'HUMAN RIGHTS BODIES': 'pre:NGO',
      MINISTRIES: 'suf:GOV',
    });
    expect(byPhrase.POLICES).toBeUndefined();
  });
});

describe('verb dictionaries', () => {
  const verbs = readVerbDictionary(`
&TIETYPES_
+MILITARY
+ECONOMIC

&CURRENCY
+DOLLAR
+SWISS FRANCS_

--- SEND   [---]  ---
SEND {SENDS SENDING SENT }
+SHUT_DOWN {+SHUTS_DOWN +SHUT_DOWN}
- * {&TIETYPES TIES}                  [902]
- * &CURRENCY (TO +)                  [071]
- % * DIPLOMATIC                      [064:064]
- * (FROM ^)                          [:054]
- * JUNK                              [+++]
- * BROKEN (PATTERN                   [010]
`);
  const block = verbs.blocks[0];

  it('reads blocks, verb forms and multi-word verbs', () => {
    expect(block?.name).toBe('SEND');
    expect(block?.verbs.map((v) => v.lemma)).toEqual(['SEND', 'SHUT DOWN']);
    expect(block?.verbs[0]?.forms.map((f) => f.join(' '))).toEqual(
      expect.arrayContaining(['SEND', 'SENDS', 'SENT', 'SENDING']),
    );
    expect(block?.verbs[1]?.forms.map((f) => f.join(' '))).toEqual(expect.arrayContaining(['SHUT DOWN', 'SHUTS DOWN']));
  });

  it('expands synsets (with generated plurals unless marked _) and reads groups, markers and codes', () => {
    const [ties, money, compound, reverse] = block?.patterns ?? [];
    const np = ties?.after[0];
    expect(np?.kind).toBe('np');
    expect(verbs.synsets.get('&TIETYPES')).toEqual([['MILITARY'], ['ECONOMIC']]);
    expect(verbs.synsets.get('&CURRENCY')).toEqual([['DOLLAR'], ['DOLLARS'], ['SWISS', 'FRANCS']]);
    expect(money?.after.map((e) => e.kind)).toEqual(['word', 'pp']);
    expect(compound?.before.map((e) => e.kind)).toEqual(['compound']);
    expect([compound?.code, compound?.reverseCode]).toEqual(['064', '064']);
    expect([reverse?.code, reverse?.reverseCode]).toEqual([null, '054']);
  });

  it('skips patterns with unusable codes or broken groups, and says why', () => {
    expect(block?.patterns).toHaveLength(4);
    expect(verbs.skipped.map((s) => s.reason)).toEqual(['unusable code [+++]', 'missing )']);
  });

  it("reads Parallax's event-noun and carrier lines, and says why a malformed one is skipped", () => {
    const d = readVerbDictionary(`=NOUN SUSPENSION SUSPEND
=noun walkout walk_out
=CARRIER CARRY_OUT
=NOUN ORPHAN`);
    expect([...d.eventNouns]).toEqual([
      ['SUSPENSION', 'SUSPEND'],
      ['WALKOUT', 'WALK OUT'],
    ]);
    expect([...d.carriers]).toEqual(['CARRY OUT']);
    expect(d.skipped.map((s) => s.text)).toEqual(['=NOUN ORPHAN']);
  });

  it('generates regular verb forms', () => {
    expect(regularVerbForms('CRY')).toEqual(['CRY', 'CRIES', 'CRIED', 'CRYING']);
    expect(regularVerbForms('RESTORE')).toEqual(['RESTORE', 'RESTORES', 'RESTORED', 'RESTORING']);
  });
});
