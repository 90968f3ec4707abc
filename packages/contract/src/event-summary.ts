import type { Event } from '@parallax/core';
import { z } from 'zod';
import { contradictionSchema, credibility, eventStatus, quantitySchema } from './domain-schemas.ts';

/**
 * The flat shape of an event that `parallax events --json` prints and `/api/events` returns: what a
 * script or a list view needs without walking the nested frame.
 */
export const eventSummarySchema = z
  .object({
    id: z.string(),
    plover: z.string().nullable().describe('PLOVER event type'),
    ploverMode: z.string().nullable(),
    cameo: z.string().nullable(),
    quadClass: z.number().nullable(),
    goldstein: z.number().nullable(),
    actors: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), role: z.string() })),
    place: z
      .object({
        id: z.string(),
        name: z.string(),
        admin1: z.string().nullable(),
        country: z.string().nullable(),
        lat: z.number().nullable(),
        lon: z.number().nullable(),
      })
      .nullable(),
    time: z.object({ start: z.string(), end: z.string(), precision: z.string() }).nullable(),
    quantities: z.array(quantitySchema),
    credibility,
    status: eventStatus,
    rationale: z.string(),
    origins: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        label: z.string(),
        interested: z.boolean(),
        lineage: z.string(),
        reliability: z.string(),
        documentCount: z.number(),
      }),
    ),
    contradictions: z.array(contradictionSchema),
    claimCount: z.number(),
    firstReported: z.string().nullable(),
  })
  .meta({ id: 'EventSummary' });

export type EventSummary = z.infer<typeof eventSummarySchema>;

export function toEventSummary(event: Event): EventSummary {
  const f = event.frame;
  return {
    id: event.id,
    plover: f.plover?.type ?? null,
    ploverMode: f.plover?.mode ?? null,
    cameo: f.cameo,
    quadClass: f.quadClass,
    goldstein: f.goldstein,
    actors: f.actors.map((a) => ({ id: a.id, name: a.name, code: a.code, role: a.role })),
    place: f.place
      ? {
          id: f.place.id,
          name: f.place.name,
          admin1: f.place.admin1,
          country: f.place.country,
          lat: f.place.lat,
          lon: f.place.lon,
        }
      : null,
    time: f.time ? { start: f.time.start, end: f.time.end, precision: f.time.precision } : null,
    quantities: f.quantities,
    credibility: event.credibility,
    status: event.status,
    rationale: event.rationale,
    origins: event.origins.map((o) => ({
      id: o.id,
      kind: o.kind,
      label: o.label,
      interested: o.interested,
      lineage: o.lineage,
      reliability: o.reliability,
      documentCount: o.documentIds.length,
    })),
    contradictions: event.contradictions,
    claimCount: event.claimIds.length,
    firstReported: event.firstReported,
  };
}
