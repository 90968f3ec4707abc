import {
  type Actor,
  buildActor,
  buildDocument,
  buildPlace,
  buildSource,
  type Claim,
  type ClaimId,
  type Credibility,
  claimId,
  type Document,
  type DocumentId,
  type Event,
  type EventId,
  type EventStatus,
  emptyFrame,
  type FrameActor,
  type IsoDate,
  type IsoDateTime,
  type Place,
  type PlaceRef,
  type PloverType,
  quadClassOfPlover,
  type Source,
} from '@parallax/core';

/** A fixed instant for tests, so nothing depends on the wall clock. */
export const TEST_NOW = '2024-11-01T12:00:00.000Z' as IsoDateTime;

export function testSource(name: string, overrides: Partial<Source> = {}): Source {
  return buildSource({ name, domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`, ...overrides });
}

export function testDocument(title: string, overrides: Partial<Document> = {}): Document {
  return buildDocument({
    title,
    text: overrides.text ?? `${title}. Body text of the test document about ${title.toLowerCase()}.`,
    retrieved: TEST_NOW,
    url: `https://news.example/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    language: 'en',
    mediaType: 'text/markdown',
    ...overrides,
  });
}

export function testActor(name: string, code: string, overrides: Partial<Actor> = {}): Actor {
  return buildActor({ name, codes: [code], country: code.slice(0, 3), kind: 'state', ...overrides });
}

export function testPlace(name: string, country: string, admin1: string | null, lat: number, lon: number): Place {
  return buildPlace({
    name,
    level: admin1 ? 'admin1' : 'country',
    country,
    admin1,
    lat,
    lon,
    gazetteerId: `test:${name}`,
  });
}

export function placeRef(p: Place): PlaceRef {
  return { id: p.id, name: p.name, level: p.level, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon };
}

export function frameActor(actor: Actor, role: FrameActor['role']): FrameActor {
  return { id: actor.id, name: actor.name, code: actor.codes[0] ?? null, role };
}

export interface TestEventSpec {
  id?: string;
  day?: IsoDate | null;
  endDay?: IsoDate;
  plover?: PloverType | null;
  cameo?: string | null;
  sources?: Actor[];
  targets?: Actor[];
  place?: Place | null;
  credibility?: Credibility;
  status?: EventStatus;
  goldstein?: number | null;
  claimIds?: ClaimId[];
  firstReported?: IsoDateTime | null;
  /** Hour of day (UTC) for an hour-precise event time. */
  hour?: number | null;
}

let counter = 0;

/** An event with just the fields a test cares about; ids are deterministic per spec order. */
export function testEvent(spec: TestEventSpec = {}): Event {
  counter++;
  const plover = spec.plover === undefined ? 'CONSULT' : spec.plover;
  const day = spec.day === undefined ? ('2024-10-28' as IsoDate) : spec.day;
  const frame = emptyFrame();
  frame.actors = [
    ...(spec.sources ?? []).map((a) => frameActor(a, 'source')),
    ...(spec.targets ?? []).map((a) => frameActor(a, 'target')),
  ];
  frame.plover = plover ? { type: plover, mode: null } : null;
  frame.quadClass = plover ? quadClassOfPlover(plover) : null;
  frame.cameo = spec.cameo ?? null;
  frame.goldstein = spec.goldstein ?? null;
  frame.place = spec.place ? placeRef(spec.place) : null;
  frame.time = day
    ? typeof spec.hour === 'number'
      ? { start: day, end: day, precision: 'hour', hour: spec.hour }
      : { start: day, end: spec.endDay ?? day, precision: 'day' }
    : null;
  return {
    id: (spec.id ?? `evt_${counter.toString(16).padStart(20, '0')}`) as EventId,
    claimIds: spec.claimIds ?? [],
    frame,
    origins: [],
    credibility: spec.credibility ?? 3,
    rationale: 'test event',
    status: spec.status ?? 'reported',
    contradictions: [],
    firstReported: spec.firstReported === undefined ? TEST_NOW : spec.firstReported,
  };
}

export interface TestClaimSpec extends Omit<Partial<Claim>, 'id'> {
  documentId: DocumentId;
}

export function testClaim(spec: TestClaimSpec): Claim {
  const base: Omit<Claim, 'id'> = {
    documentId: spec.documentId,
    start: spec.start ?? 0,
    end: spec.end ?? 10,
    quote: spec.quote ?? 'quoted text',
    speaker: spec.speaker ?? null,
    stance: spec.stance ?? 'asserts',
    negated: spec.negated ?? false,
    hypothetical: spec.hypothetical ?? false,
    frame: spec.frame ?? emptyFrame(),
    extractor: spec.extractor ?? 'test',
    dataset: spec.dataset ?? null,
  };
  return { ...base, id: claimId(base) };
}
