import {
  type Actor,
  type Credibility,
  EVENT_STATUSES,
  type Event,
  type EventFilter,
  type IsoDate,
  PLOVER_TYPES,
  type Place,
} from '@parallax/core';
import { testActor, testEvent, testPlace } from './builders.ts';

/** A small deterministic PRNG (mulberry32) so randomized tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TEST_ACTORS: Actor[] = [
  testActor('Arnor', 'ARN'),
  testActor('Gondor', 'GON'),
  testActor('Rohan', 'ROH'),
  testActor('Mordor', 'MOR'),
  testActor('Gondor Army', 'GONMIL', { kind: 'organisation' }),
  testActor('Rohan Government', 'ROHGOV', { kind: 'organisation' }),
];

export const TEST_PLACES: Place[] = [
  testPlace('Minas Tirith', 'GON', 'GO-MT', 45.1, 30.2),
  testPlace('Osgiliath', 'GON', 'GO-OS', 45.6, 31.0),
  testPlace('Edoras', 'ROH', 'RO-ED', 50.3, 20.5),
  testPlace('Barad-dur', 'MOR', 'MO-BD', 44.0, 40.7),
  testPlace('Fornost', 'ARN', null, 60.0, 10.0),
  testPlace('Pelargir', 'GON', 'GO-MT', -10.5, 179.5),
];

/** Events spread over the whole space of filterable values, including the awkward edges. */
export function randomEvents(count: number, seed = 42): Event[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const events: Event[] = [];
  const base = Date.UTC(2024, 0, 1) / 86_400_000;
  for (let i = 0; i < count; i++) {
    const dated = rnd() > 0.08;
    const startDay = base + Math.floor(rnd() * 400);
    const length = rnd() > 0.8 ? Math.floor(rnd() * 20) : 0;
    const toDate = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10) as IsoDate;
    const sources = rnd() > 0.1 ? [pick(TEST_ACTORS)] : [];
    if (rnd() > 0.85) sources.push(pick(TEST_ACTORS));
    const targets = rnd() > 0.3 ? [pick(TEST_ACTORS)] : [];
    if (rnd() > 0.9) targets.push(pick(TEST_ACTORS));
    const plover = rnd() > 0.05 ? pick(PLOVER_TYPES) : null;
    events.push(
      testEvent({
        id: `evt_${i.toString(16).padStart(20, '0')}`,
        day: dated ? toDate(startDay) : null,
        endDay: dated ? toDate(startDay + length) : undefined,
        plover,
        cameo:
          rnd() > 0.3 ? String(1 + Math.floor(rnd() * 20)).padStart(2, '0') + String(Math.floor(rnd() * 10)) : null,
        sources: [...new Map(sources.map((a) => [a.id, a])).values()],
        targets: [...new Map(targets.map((a) => [a.id, a])).values()],
        place: rnd() > 0.2 ? pick(TEST_PLACES) : null,
        credibility: pick([1, 2, 3, 4, 5, 6] as Credibility[]),
        status: pick(EVENT_STATUSES),
        goldstein: rnd() > 0.2 ? Math.round((rnd() * 20 - 10) * 10) / 10 : null,
        hour: dated && length === 0 && rnd() > 0.7 ? Math.floor(rnd() * 24) : null,
        firstReported:
          rnd() > 0.4
            ? (`${toDate(startDay + Math.floor(rnd() * 4))}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00.000Z` as Event['firstReported'])
            : null,
      }),
    );
  }
  return events;
}

/** Filters that exercise each field alone and in combination. */
export function sampleFilters(): EventFilter[] {
  const [arnor, gondor, , mordor] = TEST_ACTORS;
  return [
    {},
    { from: '2024-03-01' as IsoDate },
    { to: '2024-02-15' as IsoDate },
    { from: '2024-04-01' as IsoDate, to: '2024-04-30' as IsoDate },
    { actorIds: [gondor?.id as Actor['id']] },
    { actorIds: [arnor?.id as Actor['id'], mordor?.id as Actor['id']] },
    { ploverTypes: ['ASSAULT', 'MOBILIZE'] },
    { cameoRoots: ['19', '04'] },
    { quadClasses: [4] },
    { quadClasses: [1, 2] },
    { minCredibility: 1 },
    { minCredibility: 3 },
    { minCredibility: 5 },
    { minCredibility: 6 },
    { statuses: ['denied', 'disputed'] },
    { countries: ['GON'] },
    { admin1: ['GO-MT', 'RO-ED'] },
    { bbox: [25, 40, 35, 50] },
    { bbox: [170, -20, -170, 0] },
    { from: '2024-02-01' as IsoDate, to: '2024-09-30' as IsoDate, quadClasses: [3, 4], minCredibility: 4 },
    { actorIds: [gondor?.id as Actor['id']], countries: ['GON', 'MOR'], statuses: ['reported', 'confirmed'] },
    { ploverTypes: ['CONSULT'], admin1: ['GO-OS'], from: '2024-01-15' as IsoDate },
  ];
}
