import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { loadCodebook, loadDictionaries } from '../load-extractor.ts';
import { splitSentences } from '../nlp/sentence-splitter.ts';
import type { Sentence } from '../nlp/token.ts';
import { SentenceAnalyser } from '../sentence-analysis.ts';
import { mainPloverType, runPetrarchUnit } from './suites.ts';
import { readValidationRecords, recordDate } from './validation-records.ts';

const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const haveShared = existsSync(`${shared}data/petrarch2/text/PETR.UnitTest.records.xml`);

describe('validation records', () => {
  it('reads sentences, dates, expected codings and error records, ignoring comments and parses', () => {
    const records = readValidationRecords(`<Validation><Sentences>
<!-- <Sentence id="HIDDEN"> -->
<Sentence date = "19950101" id ="A-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore
full diplomatic ties &amp; more.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="121108" id="B-2" category="AFP" evaluate="true"/>
<EventCoding noevents="True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence></Sentences></Validation>`);
    expect(records).toEqual([
      {
        id: 'A-1',
        date: '19950101',
        category: 'DEMO',
        text: 'Arnor is about to restore full diplomatic ties & more.',
        codings: [{ source: 'ARN', target: 'GON', code: '064' }],
        noEvents: false,
        error: null,
      },
      {
        id: 'B-2',
        date: '121108',
        category: 'AFP',
        text: 'Nothing happened.',
        codings: [],
        noEvents: true,
        error: null,
      },
    ]);
    expect(recordDate('19950101')).toBe('1995-01-01');
    expect(recordDate('121108')).toBe('2012-11-08');
  });
});

describe.skipIf(!haveShared)('PETRARCH unit-test suite (reads ../shared)', () => {
  it('codes the unit-test records at F1 ≥ 0.90', () => {
    const r = runPetrarchUnit(shared);
    expect(r.n).toBeGreaterThan(250);
    expect(r.f1).toBeGreaterThanOrEqual(0.9);
  });
});

if (!haveShared) {
  console.warn(`evaluation suites skipped: ${shared} (the gold data in ../shared) is not present`);
}

describe('the main event of a sentence', () => {
  const dictionaries = loadDictionaries();
  const codebook = loadCodebook();
  const analyser = new SentenceAnalyser(dictionaries);
  const main = (text: string) => mainPloverType(analyser, codebook, text, '2024-11-05' as IsoDate);

  it('is the demand, not what a clause after "before …" says will follow', () => {
    expect(main('Chile said that Peru must withdraw its troops before assistance to the region is released.')).toBe(
      'REQUEST',
    );
  });

  it('is the demand when a known demand is repeated, whoever repeats it', () => {
    expect(main('The labour office reiterated its demand that Israel ease restrictions on Palestinian workers.')).toBe(
      'REQUEST',
    );
  });

  it('is a refusal or agreement merged onto its complement, not a later verb of that complement', () => {
    expect(main('The militia refused to allow aid planes to land and evacuate the wounded.')).toBe('REJECT');
    expect(main('Both factions have agreed to allow aid workers into all areas for people in need.')).toBe('AGREE');
  });

  it('is coded from CAMEO meanings Parallax adds: emergency rule, expelled missions, demobilisation, cut links', () => {
    expect(main('The junta declared a state of siege in the capital on Friday.')).toBe('COERCE');
    expect(main('The regime expelled the weapons inspectors from the reactor site.')).toBe('SANCTION');
    expect(main('Two thousand militia fighters have been demobilized since the truce.')).toBe('RETREAT');
    expect(main('Ruritania ended its mediation between the two clans.')).toBe('SANCTION');
    expect(main('The ministry announced a suspension of rail links with its neighbour.')).toBe('SANCTION');
  });

  it('is a warning that wraps a clause, and a finding that someone must act is a demand', () => {
    expect(main('The interior minister warned that the police will no longer tolerate rallies.')).toBe('THREATEN');
    expect(main('The French government concluded that Germany must pay compensation to the families.')).toBe('REQUEST');
  });

  it('reads handing over aid, easing measures and cutting supplies', () => {
    expect(main('Volunteers handed over two tonnes of medicine to the local hospital.')).toBe('AID');
    expect(main('The government eased security measures in the northern province.')).toBe('CONCEDE');
    expect(main('The agency reduced food supplies to the camp on Monday.')).toBe('SANCTION');
  });

  it("finds the event noun before a head that frames an effort, with Parallax's meaning for it", () => {
    expect(main('The envoy undertook a mediation mission between the two clans.')).toBe('CONSULT');
    expect(main('The envoy announced a mediation effort.')).toBe('CONSULT');
  });

  it("resolves North Korea's army and ruling party from Parallax's actor table", () => {
    const sources = (text: string) =>
      analyser
        .analyse(splitSentences(text)[0] as Sentence, '2024-11-05' as IsoDate)
        .events.flatMap((e) => e.sources.map((a) => a.code));
    expect(sources("The Korean People's Army sent troops to the border.")).toContain('PRKMIL');
    expect(sources("The Workers' Party of Korea condemned the drills.")).toContain('PRKGOV');
  });

  it('reads troops offered to a peacekeeping force as peacekeeping, and inspectors sent as an inquiry', () => {
    expect(main('Ruritania is ready to contribute 500 troops to a peacekeeping force in the region.')).toBe('AGREE');
    expect(main('The agency dispatched inspectors to the plant on Monday.')).toBe('ACCUSE');
  });
});
