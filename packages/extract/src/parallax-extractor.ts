/**
 * The Parallax Extractor: English text in, span-anchored Claims out (core's Extractor port).
 * Deterministic and free of IO — every dictionary, gazetteer and codebook is handed in already
 * loaded (see load-extractor.ts).
 */
import {
  type CameoCodebook,
  type Claim,
  type ExtractionInput,
  type ExtractionResult,
  type Extractor,
  InvalidInputError,
  type IsoDate,
  type Quantity,
  toIsoDate,
} from '@parallax/core';
import { attribute, type SentenceAttribution } from './claims/attribution.ts';
import { ClaimBuilder } from './claims/claim-builder.ts';
import { personBefore } from './claims/person-referent.ts';
import { readQuantities } from './claims/quantity-reader.ts';
import { type TimeMention, TimeResolver } from './claims/time-resolver.ts';
import type { ResolvedActor } from './coding/actor-resolver.ts';
import type { DictionarySet } from './dictionaries/dictionary-set.ts';
import type { Gazetteer } from './gazetteer/gazetteer.ts';
import { PlaceFinder, type PlaceMention } from './gazetteer/place-finder.ts';
import { splitSentences } from './nlp/sentence-splitter.ts';
import { SentenceAnalyser, type SentenceAnalysis } from './sentence-analysis.ts';

export interface ExtractorResources {
  dictionaries: DictionarySet;
  codebook: CameoCodebook;
  gazetteer: Gazetteer;
  /** CAMEO sector code → label (`MIL` → `Military`), for naming sector actors. */
  sectorLabels: ReadonlyMap<string, string>;
}

export const EXTRACTOR_NAME = 'parallax-extract/0.1';

export class ParallaxExtractor implements Extractor {
  readonly name = EXTRACTOR_NAME;
  private readonly analyser: SentenceAnalyser;
  private readonly places: PlaceFinder;
  private readonly times = new TimeResolver();

  constructor(private readonly resources: ExtractorResources) {
    this.analyser = new SentenceAnalyser(resources.dictionaries);
    this.places = new PlaceFinder(resources.gazetteer);
  }

  extract(input: ExtractionInput): ExtractionResult {
    if (typeof input.text !== 'string') {
      throw new InvalidInputError(`document ${input.id}: text must be a string, got ${typeof input.text}`);
    }
    const reference = input.published ?? input.retrieved;
    const date = toIsoDate(reference);
    if (!date) throw new InvalidInputError(`document ${input.id}: unreadable date "${reference}"`);
    const refTime = new Date(`${date}T12:00:00Z`);
    const { lexicon } = this.resources.dictionaries;
    const gazetteer = this.resources.gazetteer;
    const isCountry = (code: string) => gazetteer.country(code) !== null;

    this.places.startDocument();
    const sentences = splitSentences(input.text);
    const analyses = this.analyser.analyseAll(sentences, date);
    if (analyses.some((a) => a.discarded === 'story')) return { claims: [], actors: [], places: [] };

    const docCountries = new Set<string>();
    const countriesOf = analyses.map((a) => this.countriesIn(a.mentions, date));
    for (const cs of countriesOf) for (const c of cs) docCountries.add(c);

    const builder = new ClaimBuilder({
      documentId: input.id,
      text: input.text,
      date,
      extractor: this.name,
      lexicon,
      codebook: this.resources.codebook,
      sectors: this.resources.sectorLabels,
      countryName: (iso3) => gazetteer.country(iso3)?.name ?? null,
      isCountry,
    });
    // Places, dates and numbers are only worth reading where there is an event to attach them to.
    const eventful: number[] = [];
    for (let k = 0; k < analyses.length; k++) {
      const a = analyses[k] as SentenceAnalysis;
      if (!a.discarded && a.events.length > 0) eventful.push(k);
    }
    // Each reader runs over all the document's eventful sentences before the next, so its tables
    // (gazetteer, date patterns) stay in the processor's caches; only the Claims depend on order.
    const placesOf = eventful.map((k) => {
      const analysis = analyses[k] as SentenceAnalysis;
      const blocked = analysis.mentions.filter((m) =>
        m.actors.some((id) => {
          const kind = lexicon.actors[id]?.kind;
          return kind === 'person' || kind === 'organisation' || kind === 'igo' || kind === 'armed-group';
        }),
      );
      const sentenceCountries = new Set(countriesOf[k]);
      const places = this.places.find(analysis.sentence.tokens, {
        sentenceCountries,
        documentCountries: docCountries,
        blocked,
        names: analysis.mentions.filter((m) => m.actors.length > 0),
      });
      for (const p of places) if (p.entry.country) sentenceCountries.add(p.entry.country);
      return places;
    });
    const attributions = eventful.map((k) => attribute((analyses[k] as SentenceAnalysis).parse));
    const timesOf = eventful.map((k) => {
      const s = (analyses[k] as SentenceAnalysis).sentence;
      return this.times.resolve(input.text.slice(s.start, s.end), s.start, refTime);
    });
    const quantitiesOf = eventful.map((k) =>
      readQuantities((analyses[k] as SentenceAnalysis).sentence.tokens, input.text),
    );

    const claims: Claim[] = [];
    let previousSpeaker: ResolvedActor[] | null = null;
    for (let e = 0; e < eventful.length; e++) {
      const analysis = analyses[eventful[e] as number] as SentenceAnalysis;
      const built = builder.build({
        analysis,
        attribution: attributions[e] as SentenceAttribution,
        resolver: analysis.resolver,
        places: placesOf[e] as PlaceMention[],
        times: timesOf[e] as TimeMention[],
        quantities: quantitiesOf[e] as Quantity[],
        previousSpeaker,
        personBefore: () => personBefore(analyses, eventful[e] as number),
      });
      if (built.speaker) previousSpeaker = built.speaker;
      claims.push(...built.claims);
    }
    return { claims, actors: [...builder.actors.values()], places: [...builder.places.values()] };
  }

  private countriesIn(mentions: readonly { actors: number[] }[], date: IsoDate): string[] {
    const out: string[] = [];
    const gazetteer = this.resources.gazetteer;
    for (const m of mentions) {
      const id = m.actors[0];
      if (id === undefined) continue;
      for (const code of this.resources.dictionaries.lexicon.codesOn(id, date)) {
        const c = code.slice(0, 3);
        if (gazetteer.country(c)) out.push(c);
      }
    }
    return out;
  }
}
