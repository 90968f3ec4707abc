import { type DocumentId, InvalidInputError, type IsoDateTime } from '@parallax/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExtractor } from './load-extractor.ts';
import type { ParallaxExtractor } from './parallax-extractor.ts';

let extractor: ParallaxExtractor;
beforeAll(() => {
  extractor = loadExtractor();
}, 60_000);

const extract = (text: string, published = '2024-10-19T09:00:00Z') =>
  extractor.extract({
    id: 'doc_test' as DocumentId,
    text,
    published: published as IsoDateTime,
    retrieved: '2024-11-01T00:00:00Z' as IsoDateTime,
    language: 'en',
  });

describe('ParallaxExtractor', () => {
  it('reads the reported troop transfer into one complete claim', () => {
    const text =
      "South Korea's spy agency said on Friday that about 1,500 North Korean special forces troops had been shipped to Vladivostok.";
    const { claims, actors, places } = extract(text);
    expect(claims).toHaveLength(1);
    const c = claims[0];
    expect(c?.quote).toBe(text.slice(c?.start, c?.end));
    expect(c?.speaker?.code).toBe('KORSPY');
    expect(c?.stance).toBe('asserts');
    expect(c?.negated).toBe(false);
    expect(c?.frame.actors.find((a) => a.role === 'source')?.code).toBe('PRKMIL');
    expect(c?.frame.cameo).toBe('154');
    expect(c?.frame.plover).toEqual({ type: 'MOBILIZE', mode: 'troops' });
    expect(c?.frame.quadClass).toBe(4);
    expect(c?.frame.place).toMatchObject({ name: 'Vladivostok', level: 'city', country: 'RUS', admin1: 'RU-PRI' });
    expect(c?.frame.time).toEqual({ start: '2024-10-18', end: '2024-10-18', precision: 'day' });
    expect(c?.frame.quantities).toEqual([
      { value: 1500, unit: 'troops', approximate: true, text: 'about 1,500 North Korean special forces troops' },
    ]);
    expect(actors.map((a) => a.id)).toContain(c?.frame.actors[0]?.id);
    expect(places.map((p) => p.id)).toEqual([c?.frame.place?.id]);
  });

  it('names the person who speaks, resolves "Monday" to the past, and places "Kursk region" in RU-KRS', () => {
    const { claims } = extract(
      "NATO Secretary General Mark Rutte said on Monday that North Korean troops had been deployed to Russia's Kursk region.",
      '2024-10-30T12:00:00Z',
    );
    expect(claims[0]?.speaker).toMatchObject({ name: 'Mark Rutte', code: 'IGOWSTNAT' });
    expect(claims[0]?.frame.place).toMatchObject({ level: 'admin1', admin1: 'RU-KRS', country: 'RUS' });
    expect(claims[0]?.frame.time?.start).toBe('2024-10-28');
  });

  it('marks a report that is itself negated, and denials', () => {
    const [notConfirmed] = extract(
      "Russia's defence ministry did not confirm that Ukrainian troops had attacked Kursk.",
    ).claims;
    expect(notConfirmed).toMatchObject({ stance: 'confirms', negated: true });
    const [denied] = extract('Moscow denied that North Korean soldiers were fighting in Ukraine.').claims;
    expect(denied?.stance).toBe('denies');
    expect(denied?.speaker?.code).toBe('RUS');
  });

  it("reads a rejected report as a denial of what it says, not as the denier's hedge", () => {
    const said = (text: string) =>
      extract(text).claims.map((c) => [c.speaker?.code ?? null, c.stance, c.hypothetical, c.frame.cameo]);
    // The "may" is the report's: the Kremlin denies that the soldiers are helping, while Armenia,
    // whose suggestion it was, speculates that they may be.
    expect(
      said(
        'The Kremlin brushed aside suggestions from Armenia that Azerbaijani soldiers may already be helping Russia.',
      ),
    ).toEqual([
      ['RUSGOV', 'denies', false, '070'],
      ['ARM', 'speculates', true, '070'],
    ]);
    expect(said('Georgia rejected claims by Armenia that Azerbaijani troops had shelled the village.')).toEqual([
      ['GEO', 'denies', false, '190'],
      ['ARM', 'alleges', false, '190'],
    ]);
    expect(said('Georgia rejected reports that Azerbaijani troops had shelled the village.')).toEqual([
      ['GEO', 'denies', false, '190'],
    ]);
    // A rumour someone took note of is the rumour's, not theirs: speculation with no speaker.
    const rumour = extract(
      'The minister said he had taken note of the rumour, amplified by foreign media, that Azerbaijani troops had shelled the village.',
    ).claims.find((c) => c.frame.cameo === '190');
    expect([rumour?.speaker, rumour?.stance]).toEqual([null, 'speculates']);
    // "…, which both deny" comments on the accusation; it does not turn the accusation into a denial.
    expect(
      said('Western officials have accused Armenia of shelling Azerbaijani villages, which both countries deny.').map(
        (c) => c[1],
      ),
    ).not.toContain('denies');
    // "as X had expected" and "…, and more are expected" hedge nothing that came before them.
    expect(
      said('Azerbaijani troops shelled the village on Monday, as the ministry had expected.').map((c) => c[1]),
    ).toEqual(['asserts']);
    const expected = said(
      'According to Armenia, Azerbaijani troops shelled the village on Monday, and more attacks are expected soon.',
    );
    expect(expected.map((c) => [c[0], c[1]])).toEqual([['ARM', 'asserts']]);
    // A reported clause whose subject carries a relative clause: "says the units that … were moved".
    const moved = extract(
      'Armenia says the Azerbaijani units that had been trained at ranges in the south shelled the village on Monday.',
    ).claims.find((c) => c.frame.cameo?.startsWith('19'));
    expect([moved?.speaker?.code, moved?.frame.actors.find((a) => a.role === 'source')?.code]).toEqual([
      'ARM',
      'AZEMIL',
    ]);
    // Rejecting an offer is an event of its own, and no one's report.
    expect(said('Georgia rejected the offer to attack the village.').map((c) => c[1])).toEqual(['asserts']);
  });

  it("gives a statement's words to whoever issued it", () => {
    const speakers = (text: string) => extract(text).claims.map((c) => c.speaker?.code ?? null);
    expect(speakers('Armenia issued a statement saying that Azerbaijani troops had shelled the village.')).toEqual([
      'ARM',
    ]);
    // "that" before a plural noun opens a clause; it determines no plural.
    expect(
      speakers(
        'Armenia released a statement on Monday saying that units of the Azerbaijani army had shelled the village.',
      ),
    ).toEqual(['ARM']);
    // A participle reporting for the clause it hangs from: "rejected the claim, saying …".
    expect(speakers('Armenia rejected the claim, saying Azerbaijani troops had shelled the village.')).toContain('ARM');
  });

  it('reads "he" as a person named just before, never as an organisation that spoke earlier', () => {
    const speakers = (text: string) => extract(text).claims.map((c) => c.speaker?.code ?? null);
    // The Kremlin is no "he"; the minister the dictionaries do not know leaves the speaker unknown.
    expect(
      speakers(
        'The Kremlin denied that Armenian troops had attacked the border. The remarks followed testimony by Defence Minister Kim Tae-ho. He told lawmakers that Azerbaijani troops had shelled the village.',
      ),
    ).toEqual(['RUSGOV', null]);
    // An office named with whose it is ("vice-minister of Foreign Affairs of Armenia") is a person.
    expect(
      speakers(
        'Ashot Petrosyan, vice-minister of Foreign Affairs of Armenia, spoke to reporters on Friday. He said that Azerbaijani troops had shelled the village.',
      ).at(-1),
    ).toMatch(/^ARM/);
    // A surname alone is the person named in full before; a capital standing for its state is no one.
    expect(
      speakers(
        'Defense Secretary Lloyd Austin spoke in Rome on Monday. Pyongyang made no comment. Austin did not say more. He said Azerbaijani troops had shelled the village.',
      ).at(-1),
    ).toMatch(/^USA/);
    expect(
      speakers(
        'Defense Secretary Lloyd Austin spoke in Rome on Monday. Pyongyang made no comment. He said Azerbaijani troops had shelled the village.',
      ).at(-1),
    ).toMatch(/^USA/);
    // A bare title refers back to the person who held it when named in full.
    expect(
      speakers(
        'NATO Secretary General Mark Rutte said troops had been sent to Russia. The Secretary General called the deployment an escalation. He said Azerbaijani troops had shelled the village.',
      ).at(-1),
    ).toBe('IGOWSTNAT');
  });

  it('marks plans and possibilities as hypothetical', () => {
    expect(extract('North Korea could deploy more troops to Russia, the agency said.').claims[0]?.hypothetical).toBe(
      true,
    );
    const [plan] = extract('Pyongyang plans to send 10,000 troops to Russia in November.').claims;
    expect(plan?.hypothetical).toBe(true);
    expect(plan?.frame.plover?.type).toBe('MOBILIZE');
    expect(plan?.frame.time?.precision).toBe('month');
    expect(extract('Russian forces attacked Kharkiv on Tuesday.').claims[0]?.hypothetical).toBe(false);
  });

  it('reads common news constructions', () => {
    const codes = (text: string) => extract(text).claims.map((c) => c.frame.cameo);
    // A sentence-initial participle modifies the name; it is no event of its own.
    expect(codes('Ousted Ukrainian President Viktor Yanukovych has agreed to resign.')).toEqual(['035']);
    // After an object, the infinitive says what for: the strike is the event.
    expect(codes('Georgian students began a hunger strike on Monday to protest against the election results.')).toEqual(
      ['142'],
    );
    // The pattern whose words come first after the verb decides ("withdrawal", not "press on").
    expect(codes('European Union foreign ministers demanded the withdrawal of Russian forces on Monday.')).toEqual([
      '105',
    ]);
    // A reduced relative after the subject; the later passive verb keeps that subject as its target.
    const released = extract('The Ukrainian soldiers captured near Kursk were released by Russia on Friday.').claims;
    const release = released.find((c) => c.frame.cameo?.startsWith('08'));
    expect(release?.frame.actors.map((a) => `${a.role}:${a.code}`)).toEqual(['source:RUS', 'target:UKRMIL']);
    // A day name between subject and verb is not part of the subject.
    const endorsed = extract('Ukrainian lawmakers Tuesday endorsed an agreement with the European Union.').claims[0];
    expect(endorsed?.frame.actors.find((a) => a.role === 'source')?.code).toBe('UKRLEG');
    // A reduced relative modifies the noun right before it, even inside a prepositional phrase:
    // Bolivia imposed the accord; it did nothing to Peru's diplomats.
    const imposed = extract(
      'Chile pledged to expel the diplomats of Peru under the terms of an accord imposed on it by Bolivia.',
    ).claims.map((c) => c.frame.actors.map((a) => `${a.role}:${(a.code ?? '').slice(0, 3)}`).join(' '));
    expect(imposed).toContain('source:CHL target:PER');
    expect(imposed).not.toContain('source:BOL target:PER');
    // "being" before a participle is one more auxiliary: the by-phrase names who acts.
    const pressed = extract('Ukraine is being pressured by Hungary.').claims[0];
    expect(pressed?.frame.actors.map((a) => `${a.role}:${a.code}`)).toEqual(['source:HUN', 'target:UKR']);
    // After "said <day>", a pronoun and an -ed verb are a clause, not a reduced relative.
    const hoped = extract('Chile said Wednesday it hoped Peru would restore diplomatic ties.').claims;
    expect(hoped.map((c) => [c.speaker?.code, c.frame.actors.find((a) => a.role === 'source')?.code])).toEqual([
      ['CHL', 'PER'],
    ]);
    // Protesters (either spelling) who wreck things protest; they wield no state force.
    expect(codes('The Russian embassy was demolished by Moldovan protestors.')[0]?.slice(0, 2)).toBe('14');
    // A claim about one's own act accuses no one: the act is the claim.
    const own = extract('Estonia claimed that they had expelled Belarusian diplomats.').claims;
    expect(own.flatMap((c) => c.frame.actors.filter((a) => a.role === 'target').map((a) => a.code))).not.toContain(
      'EST',
    );
    // A description sharing a name's words is not the name: "an armed Islamic group" is not the GIA.
    const joined = extract('Syrian militants joined an armed Islamic group in Lebanon.').claims;
    expect(joined.flatMap((c) => c.frame.actors.map((a) => a.code ?? ''))).not.toContain('DZAREB');
    // "issued a reminder to Y that it must …": a statement carrying a demand on Y, not a grant (060).
    const reminded = extract(
      'Chile issued a stern reminder to Peru that it must withdraw its troops from the border.',
    ).claims;
    expect(reminded.map((c) => [c.frame.cameo, ...c.frame.actors.map((a) => a.code)])).toEqual([['100', 'CHL', 'PER']]);
    // Obstructing passage is protest (144) unless the state does it; crowds throwing stones riot (145).
    expect(codes('Farmers blocked the main highway into Warsaw on Monday.')).toEqual(['144']);
    expect(codes('Georgian youths threw stones at the parliament building.')).toEqual(['145']);
    // A date names no one: "telephoned X on Tuesday" is a call, not the "(ON) <issue>" pattern.
    expect(codes('The Chilean foreign minister telephoned his Peruvian counterpart on Tuesday.')[0]?.slice(0, 2)).toBe(
      '04',
    );
    expect(codes('Chile and Peru upgraded their diplomatic ties on Monday.')).toEqual(['050', '050']);
    expect(codes('Armenia has reinforced its troops near the border.')).toEqual(['154']);
    expect(codes('Azerbaijan mounted an offensive against Armenian positions.')[0]?.slice(0, 2)).toBe('19');
    // Taking part in fighting is fighting; taking part in talks is not.
    expect(codes('Armenian soldiers took part in combat near the border.')).toEqual(['190']);
    expect(codes('Armenian troops have begun to take part in the fighting.')).toEqual(['190']);
    expect(codes('Armenia took part in the conference in Geneva.')[0]).not.toBe('190');
    // Rejecting a request to do something rejects the request; what was asked did not happen.
    expect(codes('Georgia rejected a Russian request to extradite the activists.')).toEqual(['122']);
    expect(codes('The rebels dismissed an appeal from the Georgian president to lay down their arms.')).toEqual([
      '124',
    ]);
    // Preparing to attend is on the way to the act; being prepared to attend is readiness (intent).
    expect(codes('The Chilean president prepared to attend the summit in Lima.')[0]?.slice(0, 2)).toBe('04');
    expect(codes('Chile is prepared to attend the summit in Lima.')[0]?.slice(0, 2)).toBe('03');
    // A headline-style present tense the tagger reads as a noun: "forces clash with …".
    expect(codes('Armenian forces clash with Azerbaijani troops near the border')[0]?.slice(0, 2)).toBe('19');
    // Plans and readiness to coerce are threats; agreeing on something is intent to cooperate.
    expect(codes('Hungary plans to impose restrictions on Ukrainian grain imports.')).toEqual(['137']);
    expect(codes('Poland and Lithuania agreed on a plan for their border.')[0]).toBe('030');
  });

  it('reads a denial of an event named by a noun as a denial of that event, not as an act of denying', () => {
    const read = (text: string) =>
      extract(text).claims.map((c) => [
        c.speaker?.code,
        c.stance,
        c.negated,
        c.frame.cameo,
        c.frame.actors.map((a) => `${a.role}:${a.code}`).join(' '),
      ]);
    expect(read('Georgia dismissed reports of the deployment of Armenian troops to Azerbaijan.')).toEqual([
      ['GEO', 'denies', false, '154', 'source:ARMMIL target:AZE'],
    ]);
    // "a troop dispatch": the tagger's verb closing a noun phrase is the phrase's noun; "as …" is the denier's.
    expect(read('Georgia dismissed the reports of an Armenian troop dispatch as rumours.')).toEqual([
      ['GEO', 'denies', false, '154', 'source:ARMMIL'],
    ]);
    // The report's maker keeps its own voice.
    expect(read('Georgia rejected reports from Turkey of an Armenian troop deployment in Azerbaijan.')).toEqual([
      ['GEO', 'denies', false, '154', 'source:ARMMIL target:AZE'],
      ['TUR', 'asserts', false, '154', 'source:ARMMIL target:AZE'],
    ]);
    expect(read('Georgia did not deny the presence of Armenian soldiers in Azerbaijan.')).toEqual([
      ['GEO', 'denies', true, '154', 'source:ARMMIL target:AZE'],
    ]);
    // A frame of unnamed groups only, placed nowhere, is no claim: nothing in it can be mapped or checked.
    expect(read('Officials thanked the leaders for their support.')).toEqual([]);
    // Denying an accusation names no event: CAMEO's 016, in the document's voice.
    expect(read('Georgia denied the accusation.').map((c) => [c[0], c[1], c[3]])).toEqual([
      [undefined, 'asserts', '016'],
    ]);
  });

  it("takes a speaker's hedge in what they report as speculation, and reads who acted and on whom around a passive", () => {
    const read = (text: string) =>
      extract(text).claims.map((c) => [
        c.speaker?.code,
        c.stance,
        c.frame.cameo,
        c.frame.actors.map((a) => `${a.role}:${a.code}`).join(' '),
      ]);
    expect(
      read(
        "Georgia's defence minister said on Monday that a deployment of Armenian troops to help Azerbaijan was highly likely.",
      ),
    ).toEqual([['GEOGOV', 'speculates', '070', 'source:ARMMIL target:AZE']]);
    // A report's "of" phrase is who the clause is about; the act it happened in names who acted.
    expect(
      read('Georgia said that reports of Armenian officers being killed in an Azerbaijani drone strike were accurate.'),
    ).toEqual([['GEO', 'asserts', '190', 'source:AZE target:ARMMIL']]);
    expect(read('Three Georgian soldiers were killed in an Armenian attack.')).toEqual([
      [undefined, 'asserts', '190', 'source:ARM target:GEOMIL'],
    ]);
  });

  it('reads "that more than N …" as a clause, a participle coordinated with a passive as passive, and a partner as no target', () => {
    const read = (text: string) =>
      extract(text).claims.map((c) => [
        c.speaker?.code,
        c.stance,
        c.frame.cameo,
        c.frame.actors.map((a) => `${a.role}:${a.code}`).join(' '),
        c.frame.quantities.map((q) => `${q.value} ${q.unit}`).join(','),
      ]);
    expect(
      read('Georgia said it could confirm that more than 1,000 Armenian soldiers had been sent to Azerbaijan.'),
    ).toEqual([['GEO', 'confirms', '154', 'source:ARMMIL target:AZE', '1000 soldiers']]);
    expect(read('More than 300 Armenian soldiers had been killed or wounded.').map((c) => c[3])).toEqual([
      'target:ARMMIL',
      'target:ARMMIL',
    ]);
    expect(read('Armenian troops took part in combat operations alongside Azerbaijani forces.')).toEqual([
      [undefined, 'asserts', '190', 'source:ARMMIL', ''],
    ]);
  });

  it('reads units, brigades and military operations as the military', () => {
    const coded = (text: string) =>
      extract(text).claims.map((c) => [
        c.frame.cameo,
        c.frame.actors.find((a) => a.role === 'source')?.code,
        c.frame.actors.find((a) => a.role === 'target')?.code,
      ]);
    expect(coded('Georgian units were deployed to Armenia.')).toEqual([['154', 'GEOMIL', 'ARM']]);
    expect(coded('Georgia sent a brigade to Armenia.')).toEqual([['154', 'GEO', 'ARM']]);
    expect(coded('Georgian troops took part in military operations in Armenia.')).toEqual([['190', 'GEOMIL', 'ARM']]);
  });

  it('reads a signing by two leaders or two countries as cooperation between their countries, both ways', () => {
    const pairs = (text: string) =>
      extract(text)
        .claims.filter((c) => c.frame.cameo === '057')
        .map((c) =>
          [...c.frame.actors.map((a) => `${a.role}:${(a.code ?? '').slice(0, 3)}`), c.frame.time?.start].join(' '),
        )
        .sort();
    // The date's commas set it off from the clause: it is no item of the subject list.
    expect(pairs('On March 3, 2021, Chile and Peru signed a treaty on fisheries.')).toEqual([
      'source:CHL target:PER 2021-03-03',
      'source:PER target:CHL 2021-03-03',
    ]);
    // A treaty "between" the signers' own countries names no one else; the official name with a
    // possessive ("People's") resolves like the short one.
    expect(
      pairs(
        "In Pyongyang on 19 June 2024, Vladimir Putin and Kim Jong Un signed a treaty between the Russian Federation and the Democratic People's Republic of Korea.",
      ),
    ).toEqual(['source:PRK target:RUS 2024-06-19', 'source:RUS target:PRK 2024-06-19']);
  });

  it('reads words that name built-in object members ("constructor") as plain words', () => {
    const [c] = extract('Russia deployed 300 constructor troops to Kursk on Monday, officials said.').claims;
    expect(c?.frame.quantities.map((q) => `${q.value} ${q.unit}`)).toEqual(['300 troops']);
  });

  it('reads a deputy minister as government, not police', () => {
    const [c] = extract("Russia's deputy foreign minister said North Korean troops had been deployed to Kursk.").claims;
    expect(c?.speaker?.code).toBe('RUSGOV');
  });

  it('reads a spokesperson "for" an institution as speaking for it, but troops "for" a war as no one\'s', () => {
    const said = (t: string) => extract(t).claims[0]?.speaker?.code;
    expect(said('A spokesperson for the U.S. State Department said North Korea sent troops to Russia.')).toBe(
      'USAGOVMED',
    );
    expect(said('A spokesman for the Ukrainian military said North Korean troops attacked Ukrainian positions.')).toBe(
      'UKRMILMED',
    );
    const [c] = extract("Russia sent troops for Ukraine's war.").claims;
    expect(c?.frame.actors.map((a) => `${a.role}:${a.code}`)).toEqual(['source:RUS', 'target:UKR']);
  });

  it('reads no town into a compass word alone, but keeps names that open with one', () => {
    expect(extract('Russia might give the North military technology in return.').claims[0]?.frame.place).toBeNull();
    expect(extract('Ukrainian forces shelled targets in North Ossetia.').claims[0]?.frame.place).toMatchObject({
      country: 'RUS',
      admin1: 'RU-SE',
    });
  });

  it("reads weekdays as the last such day, the document's own weekday as that day, and the future ahead", () => {
    // Published Saturday 19 October 2024.
    const day = (text: string) => extract(text).claims[0]?.frame.time?.start;
    expect(day('Russian forces attacked Kharkiv on Saturday.')).toBe('2024-10-19');
    expect(day('Russian forces attacked Kharkiv late Sunday.')).toBe('2024-10-13');
    expect(day('Russian forces attacked Kharkiv yesterday.')).toBe('2024-10-18');
    expect(day('Russian and Ukrainian officials will meet in Istanbul on Monday.')).toBe('2024-10-21');
  });

  it('keeps the precision dates are given with', () => {
    const range = extract('Ukrainian forces shelled Belgorod from 1 to 3 November 2024.', '2024-11-05T00:00:00Z')
      .claims[0];
    expect(range?.frame.time).toEqual({ start: '2024-11-01', end: '2024-11-03', precision: 'range' });
    const year = extract('In 2023, Russian forces attacked Bakhmut repeatedly.').claims[0];
    expect(year?.frame.time).toEqual({ start: '2023-01-01', end: '2023-12-31', precision: 'year' });
    expect(year?.frame.place).toMatchObject({ name: 'Bakhmut', country: 'UKR' });
  });

  it('is deterministic: same text, same claims and ids', () => {
    const text = 'Kim Jong Un warned the United States on Friday. Russian forces attacked Kharkiv.';
    expect(extract(text)).toEqual(extract(text));
  });

  it('anchors every claim to its exact span', () => {
    const text = 'Intro line\n\nRussian forces attacked Kharkiv on Tuesday. Later, Ukrainian troops shelled Belgorod.';
    const { claims } = extract(text);
    expect(claims.length).toBeGreaterThanOrEqual(2);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.quote);
  });
});

describe('ParallaxExtractor on bad input', () => {
  it('returns nothing for empty or blank text', () => {
    expect(extract('')).toEqual({ claims: [], actors: [], places: [] });
    expect(extract(' \n\t ').claims).toEqual([]);
  });

  it('gets through a 1 MB "sentence" without punctuation', () => {
    const words = ['troops', 'Kursk', 'said', 'the', 'attacked', 'Russia', 'region', 'about', '1,500', 'with'];
    const parts: string[] = [];
    for (let i = 0, n = 0; n < 1_000_000; i++) {
      const w = words[(i * 7) % words.length] as string;
      parts.push(w);
      n += w.length + 1;
    }
    const text = parts.join(' ');
    const { claims } = extract(text);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.quote);
  }, 60_000);

  it('reads Cyrillic and Hangul text without crashing, claiming only what resolves', () => {
    const ru = extract('Северная Корея направила около 1500 военных в Курскую область.');
    const ko = extract('북한군 1,500명이 블라디보스토크로 이동했다.');
    for (const r of [ru, ko]) {
      for (const c of r.claims) expect(c.frame.actors.length + (c.frame.place ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  it('survives unbalanced quotes, leftover HTML, emoji and control characters', () => {
    const texts = [
      'He said "Russian forces attacked Kharkiv on Tuesday.',
      '<div class="x"><p>Russian forces attacked Kharkiv &amp; Sumy on Tuesday.</p></div><script>',
      'Russian forces 🚀 attacked Kharkiv\u0000 on\u0007 Tuesday\u200b. 💥💥',
    ];
    for (const text of texts) {
      const { claims } = extract(text);
      expect(claims.length).toBeGreaterThan(0);
      for (const c of claims) {
        expect(text.slice(c.start, c.end)).toBe(c.quote);
        expect(c.frame.plover?.type).toBe('ASSAULT');
      }
    }
  });

  it('rejects an unreadable document date with an error naming the document', () => {
    expect(() =>
      extractor.extract({
        id: 'doc_bad' as DocumentId,
        text: 'Russian forces attacked Kharkiv.',
        published: 'not a date' as IsoDateTime,
        retrieved: 'also not' as IsoDateTime,
        language: 'en',
      }),
    ).toThrow(InvalidInputError);
  });
});
