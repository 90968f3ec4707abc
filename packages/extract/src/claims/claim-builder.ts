/**
 * Turns one analysed sentence into Claims: each coded event becomes an EventFrame (actors with
 * roles, CAMEO code, PLOVER type and mode, quad class, Goldstein score, place, time, quantities),
 * wrapped with who says it and how (speaker, stance, negation, hypothetical), anchored to the
 * sentence's exact span in the document text.
 */
import {
  type Actor,
  type ActorRef,
  actorId,
  buildActor,
  buildPlace,
  type CameoCodebook,
  type Claim,
  claimId,
  type DocumentId,
  type EventFrame,
  type FrameActor,
  type IsoDate,
  type Place,
  type PlaceRef,
  type Quantity,
} from '@parallax/core';
import type { ActorResolver, ResolvedActor } from '../coding/actor-resolver.ts';
import { ploverOf } from '../coding/plover-of.ts';
import type { ActorLexicon } from '../dictionaries/actor-lexicon.ts';
import type { PlaceMention } from '../gazetteer/place-finder.ts';
import type { Predicate } from '../nlp/shallow-parse.ts';
import type { Token } from '../nlp/token.ts';
import type { SentenceAnalysis } from '../sentence-analysis.ts';
import type { Attribution, SentenceAttribution } from './attribution.ts';
import type { TimeMention } from './time-resolver.ts';

/** Sector labels for actors read from a country plus an agent noun ("North Korea military"). */
export type SectorLabels = ReadonlyMap<string, string>;

const LEVEL_RANK: Record<PlaceMention['entry']['level'], number> = { city: 3, admin1: 2, country: 1 };

/** Verbs whose infinitive complement describes a plan or intention, not a fact. */
const INTENT =
  /^(plan|intend|aim|threaten|prepare|want|seek|hope|expect|consider|propose|vow|pledge|promise|try|attempt|offer|agree|decide|wish|mean|set|due|about|going|likely|poised|ready)$/;
const CONDITIONAL = /^(if|unless|whether)$/;

export interface ClaimContext {
  documentId: DocumentId;
  text: string;
  date: IsoDate;
  extractor: string;
  lexicon: ActorLexicon;
  codebook: CameoCodebook;
  sectors: SectorLabels;
  /** Country names by ISO3 (from the gazetteer), for naming sector actors. */
  countryName: (iso3: string) => string | null;
  /** Is this a real ISO 3166-1 alpha-3 country code (vs IGO, region, unknown `---`)? */
  isCountry: (code: string) => boolean;
}

export interface SentenceMaterial {
  analysis: SentenceAnalysis;
  attribution: SentenceAttribution;
  resolver: ActorResolver;
  places: PlaceMention[];
  times: TimeMention[];
  quantities: Quantity[];
  /** Speaker carried over from earlier sentences, for "they said". */
  previousSpeaker: ResolvedActor[] | null;
  /** The person named shortly before this sentence, for "he said" (looked up only when needed). */
  personBefore: () => ResolvedActor[] | null;
}

/** The most specific place of a list (city before division before country), the first among equals. */
function specific(list: readonly PlaceMention[]): PlaceMention | undefined {
  return [...list].sort((a, b) => LEVEL_RANK[b.entry.level] - LEVEL_RANK[a.entry.level] || a.start - b.start)[0];
}

const unidentified = (a: ResolvedActor) => a.code.startsWith('---');

/**
 * The claim with its id, written out field by field: V8 (Node 20) builds `{ id, ...draft }` — a
 * spread after a property — through a slow path costing microseconds an object.
 */
function withId(draft: Omit<Claim, 'id'>): Claim {
  return {
    id: claimId(draft),
    documentId: draft.documentId,
    start: draft.start,
    end: draft.end,
    quote: draft.quote,
    speaker: draft.speaker,
    stance: draft.stance,
    negated: draft.negated,
    hypothetical: draft.hypothetical,
    frame: draft.frame,
    extractor: draft.extractor,
    dataset: draft.dataset,
  };
}

export class ClaimBuilder {
  readonly actors = new Map<string, Actor>();
  readonly places = new Map<string, Place>();
  private readonly placeOf = new Map<PlaceMention['entry'], Place>();
  /**
   * `actors` entries of named actors by lexicon index, for entries whose key needs no code read:
   * found without building and hashing a key string each time the actor is named.
   */
  private readonly namedActors = new Map<number, Actor>();

  constructor(private readonly ctx: ClaimContext) {}

  build(m: SentenceMaterial): { claims: Claim[]; speaker: ResolvedActor[] | null } {
    const { analysis, attribution } = m;
    const claims: Claim[] = [];
    let lastSpeaker: ResolvedActor[] | null = null;
    const forwardOf = new Set(analysis.events.filter((e) => !e.reverse).map((e) => e.predicate.id));
    for (const e of analysis.events) {
      if (attribution.wrappers.has(e.predicate.id)) continue;
      // The reverse half of an `[a:b]` code restates the forward event; keep it only when alone.
      if (e.reverse && forwardOf.has(e.predicate.id)) continue;
      const entry = this.ctx.codebook.lookup(e.code);
      const code = entry ? e.code : null;
      // "X said" with nothing recognised as said is not a claim about an event.
      if (!code || code === '010') continue;
      const att = (e.deniedBy ? attribution.denials.get(e.deniedBy.id) : undefined) ??
        attribution.of.get(e.predicate.id) ?? {
          via: null,
          speaker: null,
          stance: 'asserts' as const,
          negated: false,
        };
      const speakerActors = this.speakerOf(att, m);
      if (speakerActors && speakerActors.length > 0) lastSpeaker = speakerActors;
      const actors = [...this.frameActors(e.sources, 'source'), ...this.frameActors(e.targets, 'target')];
      const place = this.placeFor(e.predicate, m.places);
      // "Asked by reporters", "thanked leaders for their support": a frame whose actors are all
      // unnamed groups of no known country, placed nowhere, says nothing anyone could map or check.
      if (!place && e.sources.every(unidentified) && e.targets.every(unidentified)) continue;
      const frame: EventFrame = {
        actors,
        cameo: code,
        plover: ploverOf(this.ctx.codebook, code),
        quadClass: entry?.quadClass ?? null,
        goldstein: entry?.goldstein ?? null,
        place,
        time: this.timeFor(e.predicate, att, m.times, analysis),
        quantities: m.quantities,
      };
      const speaker = speakerActors?.[0] ? this.actorRef(speakerActors[0]) : null;
      const span = this.spanOf(e.predicate, analysis);
      const draft: Omit<Claim, 'id'> = {
        documentId: this.ctx.documentId,
        start: span.start,
        end: span.end,
        quote: this.ctx.text.slice(span.start, span.end),
        speaker,
        stance: att.stance,
        negated: e.predicate.verb.negated || att.negated,
        // A denied report's "may" or "could" is the report's hedge: the denial is of the act itself.
        hypothetical: att.ofReport && att.stance === 'denies' ? false : this.hypothetical(e.predicate, analysis),
        frame,
        extractor: this.ctx.extractor,
        dataset: null,
      };
      const claim = withId(draft);
      if (!claims.some((c) => c.id === claim.id)) claims.push(claim);
      // The report's maker says it too, in its own voice and with its own hedges: "brushed aside
      // suggestions from Seoul that troops may be helping" is also Seoul speculating that they may be.
      const by = att.reporter ? m.resolver.group(att.reporter.speaker).find((r) => r.actor !== null) : undefined;
      if (att.reporter && by) {
        const second = withId({
          documentId: draft.documentId,
          start: draft.start,
          end: draft.end,
          quote: draft.quote,
          speaker: this.actorRef(by),
          stance: att.reporter.stance,
          negated: e.predicate.verb.negated,
          hypothetical: this.hypothetical(e.predicate, analysis),
          frame: draft.frame,
          extractor: draft.extractor,
          dataset: draft.dataset,
        });
        if (!claims.some((c) => c.id === second.id)) claims.push(second);
      }
    }
    return { claims, speaker: lastSpeaker };
  }

  /**
   * The words the claim stands on: its clause, from the subject (or the verb) to the end of the
   * verb's arguments — "Chadian troops had been deployed to the Kanem region" — so two claims
   * in one sentence keep their own spans. A clause too short to read alone falls back to the sentence.
   */
  private spanOf(p: Predicate, a: SentenceAnalysis): { start: number; end: number } {
    const tokens = a.sentence.tokens;
    const subject = p.subject && !p.inheritedSubject ? p.subject.start : p.verb.start;
    let first = Math.min(subject, p.verb.start);
    if (p.verb.passive && p.subject && p.subject.start < first) first = p.subject.start;
    let last = Math.max(p.clauseEnd, p.verb.end) - 1;
    while (last > first && /^[.,;:!?"“”'’)\]]$|^(and|but|or)$/.test(tokens[last]?.lower ?? '')) last--;
    if (last - first < 2) return { start: a.sentence.start, end: a.sentence.end };
    return { start: (tokens[first] as Token).start, end: (tokens[last] as Token).end };
  }

  private speakerOf(att: Attribution, m: SentenceMaterial): ResolvedActor[] | null {
    if (!att.speaker) return null;
    const only = att.speaker.conjuncts.length === 1 ? att.speaker.conjuncts[0] : undefined;
    const tokens = m.analysis.sentence.tokens;
    if (only && only.end - only.start === 1 && /^(he|she|they|it|we)$/.test(tokens[only.start]?.lower ?? '')) {
      // "he said": the subject of the clause the report depends on, else the last named speaker.
      const via = att.via;
      const prior = via ? m.analysis.parse.predicates.filter((p) => p.verb.end <= via.verb.start && p.subject) : [];
      for (const p of prior.reverse()) {
        if (!p.subject) continue;
        const r = m.resolver.group(p.subject, p.subjectPps).filter((a) => a.actor !== null);
        if (r.length > 0) return r;
      }
      // "he" and "she" are people: an organisation that spoke before is not who they are.
      return /^(he|she)$/.test(tokens[only.start]?.lower ?? '') ? m.personBefore() : m.previousSpeaker;
    }
    const r = m.resolver.group(att.speaker, att.via?.subjectPps ?? []);
    return r.length > 0 ? r : null;
  }

  private hypothetical(p: Predicate, a: SentenceAnalysis): boolean {
    if (p.verb.modal && p.verb.modal !== 'must' && p.verb.modal !== 'did') return true;
    if (p.verb.tense === 'future') return true;
    if (p.subordinator && CONDITIONAL.test(p.subordinator)) return true;
    for (let g = p.governor; g; g = g.governor) {
      const lemma = a.sentence.tokens[g.verb.main]?.lemma ?? '';
      if (INTENT.test(lemma) || g.verb.modal || g.verb.tense === 'future') return true;
      // "is about to", "is set to": the aspect word sits between the auxiliary and "to".
      const aspect = a.sentence.tokens[g.verb.end - 1]?.lower ?? '';
      if (INTENT.test(aspect)) return true;
    }
    return false;
  }

  private placeFor(p: Predicate, places: readonly PlaceMention[]): PlaceRef | null {
    // A country right after a verb is the verb's object (a target), not where something happened.
    const located = places.filter(
      (pl) => pl.preposition !== null && !(pl.preposition === 'object' && pl.entry.level === 'country'),
    );
    const inClause = located.filter((pl) => pl.start >= p.verb.end && pl.start < p.clauseEnd);
    const subject = p.subject;
    const inSubject = subject
      ? located.filter((pl) => pl.start >= subject.start && pl.end <= subject.end && pl.preposition !== 'object')
      : [];
    // "to Brazil's Amazonas state", "in Kharkiv, Ukraine": the most specific place named wins.
    const pick =
      specific(inClause) ??
      specific(inSubject) ??
      located.find((pl) => pl.start >= p.clauseStart && pl.preposition !== 'object') ??
      null;
    if (!pick) return null;
    const e = pick.entry;
    // A document places many events in the same few places: each Place (and its hashed id) is built once.
    let place = this.placeOf.get(e);
    if (!place) {
      place = buildPlace({
        name: e.name,
        level: e.level,
        gazetteerId: e.gazetteerId,
        country: e.country,
        admin1: e.admin1,
        lat: e.lat,
        lon: e.lon,
      });
      this.placeOf.set(e, place);
    }
    this.places.set(place.id, place);
    return {
      id: place.id,
      name: place.name,
      level: place.level,
      country: place.country,
      admin1: place.admin1,
      lat: place.lat,
      lon: place.lon,
    };
  }

  private timeFor(
    p: Predicate,
    att: Attribution,
    times: readonly TimeMention[],
    a: SentenceAnalysis,
  ): EventFrame['time'] {
    const tokens = a.sentence.tokens;
    const from = tokens[p.clauseStart]?.start ?? a.sentence.start;
    const to = tokens[p.clauseEnd - 1]?.end ?? a.sentence.end;
    const own = times.find((t) => t.start >= from && t.end <= to);
    if (own) return own.span;
    // A date on the report ("said on Friday that …") is the best anchor the text gives.
    if (att.via) {
      const v = att.via;
      const vFrom = tokens[v.clauseStart]?.start ?? a.sentence.start;
      const vTo = tokens[v.clauseEnd - 1]?.end ?? a.sentence.end;
      const reported = times.find((t) => t.start >= vFrom && t.end <= vTo);
      if (reported) return reported.span;
    }
    return times.length === 1 ? (times[0] as TimeMention).span : null;
  }

  private frameActors(list: readonly ResolvedActor[], role: FrameActor['role']): FrameActor[] {
    return list.map((r) => {
      const { actor, code } = this.identify(r);
      return { id: actor.id, name: actor.name, code, role };
    });
  }

  private actorRef(r: ResolvedActor): ActorRef {
    const { actor, code } = this.identify(r);
    return { id: actor.id, name: actor.name, code };
  }

  /** A phrase that names a person is that person, with the code their role gives on the date. */
  private identify(r: ResolvedActor): { actor: Actor; code: string } {
    if (r.person !== undefined && r.person !== null && r.person !== r.actor) {
      const own = this.ctx.lexicon.codesOn(r.person, this.ctx.date);
      const code = own[0] ?? r.code;
      return { actor: this.actorFor({ ...r, actor: r.person, code, agents: [] }), code };
    }
    return { actor: this.actorFor(r), code: r.code };
  }

  /**
   * The Actor a resolved code stands for: the named person or organisation itself when the code is
   * its own, otherwise the sector actor the code names ("North Korea military", PRKMIL).
   */
  private actorFor(r: ResolvedActor): Actor {
    const index = r.actor;
    const named = index !== null ? this.ctx.lexicon.actors[index] : undefined;
    let ownCodes: string[] | null = null;
    if (index !== null && named && r.agents.length > 0) ownCodes = this.ctx.lexicon.codesOn(index, this.ctx.date);
    if (index !== null && named && (r.agents.length === 0 || ownCodes?.includes(r.code))) {
      const person = named.kind === 'person';
      // The key below does not depend on the code read unless the entry has no code of its own.
      const byIndex = person || named.codes[0] !== undefined;
      const known = byIndex ? this.namedActors.get(index) : undefined;
      if (known) return known;
      const key = person ? `person:${named.qid ?? named.name}` : `code:${named.codes[0] ?? r.code}|${named.name}`;
      const existing = this.actors.get(key);
      if (existing) {
        if (byIndex) this.namedActors.set(index, existing);
        return existing;
      }
      ownCodes ??= this.ctx.lexicon.codesOn(index, this.ctx.date);
      const country = this.countryOf(ownCodes[0] ?? r.code);
      const actor = buildActor({
        id:
          person || named.kind === 'organisation'
            ? actorId({ name: named.qid ?? named.name })
            : actorId({ code: named.codes[0] ?? r.code, name: named.name }),
        name: named.name,
        kind: named.kind,
        country,
        aliases: named.aliases.slice(0, 20),
        codes: [...new Set([...named.codes, ...ownCodes])],
        roles: named.roles.map((role) => ({
          code: role.code,
          title: role.title ?? null,
          start: role.start,
          end: role.end,
        })),
        qid: named.qid,
      });
      this.actors.set(key, actor);
      if (byIndex) this.namedActors.set(index, actor);
      return actor;
    }
    const key = `sector:${r.code}`;
    const existing = this.actors.get(key);
    if (existing) return existing;
    const country = this.countryOf(r.code);
    const head = r.code.startsWith('---')
      ? 'Unidentified'
      : country
        ? (this.ctx.countryName(country) ?? r.code.slice(0, 3))
        : (named?.name ?? r.code.slice(0, 3));
    const sectors = r.agents.map((c) => this.ctx.sectors.get(c) ?? c).join(', ');
    const actor = buildActor({
      name: sectors ? `${head} (${sectors.toLowerCase()})` : head,
      kind: 'sector',
      country,
      codes: [r.code],
    });
    this.actors.set(key, actor);
    return actor;
  }

  private countryOf(code: string): string | null {
    const c = code.slice(0, 3);
    return this.ctx.isCountry(c) ? c : null;
  }
}
