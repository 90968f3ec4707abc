import {
  CREDIBILITY_GRADES,
  EVENT_STATUSES,
  FRAME_ROLES,
  isIsoDate,
  isIsoDateTime,
  PLACE_LEVELS,
  PLOVER_TYPES,
  RELIABILITY_GRADES,
  SOURCE_KINDS,
  STANCES,
  TIME_PRECISIONS,
} from '@parallax/core';
import { z } from 'zod';

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDate = z.string().refine(isIsoDate, { message: 'expected a calendar date YYYY-MM-DD' });
/** An ISO 8601 instant with a zone. */
export const isoDateTime = z
  .string()
  .refine(isIsoDateTime, { message: 'expected an ISO 8601 date-time with a time zone' });

export const ploverType = z.enum(PLOVER_TYPES);
export const eventStatus = z.enum(EVENT_STATUSES);
export const stance = z.enum(STANCES);
export const reliability = z.enum(RELIABILITY_GRADES);
export const credibility = z.union(
  CREDIBILITY_GRADES.map((g) => z.literal(g)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]],
);
export const quadClass = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const placeRefSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(PLACE_LEVELS),
    country: z.string().nullable(),
    admin1: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  })
  .meta({ id: 'PlaceRef' });

export const timeSpanSchema = z
  .object({
    start: isoDate,
    end: isoDate,
    precision: z.enum(TIME_PRECISIONS),
    hour: z.number().int().min(0).max(23).nullable().optional(),
  })
  .meta({ id: 'TimeSpan' });

export const frameActorSchema = z
  .object({ id: z.string(), name: z.string(), code: z.string().nullable(), role: z.enum(FRAME_ROLES) })
  .meta({ id: 'FrameActor' });

export const quantitySchema = z
  .object({ value: z.number(), unit: z.string(), approximate: z.boolean(), text: z.string() })
  .meta({ id: 'Quantity' });

export const eventFrameSchema = z
  .object({
    actors: z.array(frameActorSchema),
    cameo: z.string().nullable(),
    plover: z.object({ type: ploverType, mode: z.string().nullable() }).nullable(),
    quadClass: quadClass.nullable(),
    goldstein: z.number().nullable(),
    place: placeRefSchema.nullable(),
    time: timeSpanSchema.nullable(),
    quantities: z.array(quantitySchema),
  })
  .meta({ id: 'EventFrame' });

export const claimSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    quote: z.string(),
    speaker: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }).nullable(),
    stance,
    negated: z.boolean(),
    hypothetical: z.boolean(),
    frame: eventFrameSchema,
    extractor: z.string(),
    dataset: z.object({ dataset: z.string(), recordId: z.string(), url: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Claim' });

export const originSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['speaker', 'newsroom', 'dataset-article']),
    label: z.string(),
    actorId: z.string().nullable(),
    sourceId: z.string().nullable(),
    documentIds: z.array(z.string()),
    claimIds: z.array(z.string()),
    interested: z.boolean(),
    lineage: z.string().describe('line of reporting; origins on one line are not independent'),
    reliability: reliability.describe('best analyst grade among the Sources that carried it; F = not judged'),
  })
  .meta({ id: 'Origin' });

export const contradictionSchema = z
  .object({
    kind: z.enum(['denial', 'quantity', 'date', 'place']),
    claimIds: z.array(z.string()),
    againstClaimIds: z.array(z.string()),
    summary: z.string(),
    standing: z.boolean().describe('false once a denying party acknowledged the event'),
    party: z.object({ lineage: z.string(), label: z.string(), interested: z.boolean() }).nullable(),
    acknowledged: z
      .object({ at: z.string().nullable(), by: z.array(z.string()), claimIds: z.array(z.string()) })
      .nullable(),
    figures: z
      .object({
        unit: z.string(),
        low: z.number(),
        high: z.number(),
        values: z.array(z.object({ value: z.number(), by: z.array(z.string()), claimIds: z.array(z.string()) })),
      })
      .nullable(),
  })
  .meta({ id: 'Contradiction' });

export const clusterDecisionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['merge', 'split']),
    claimIds: z.array(z.string()),
    apartFromClaimIds: z.array(z.string()),
    reason: z.string(),
    at: z.string(),
  })
  .meta({ id: 'ClusterDecision' });

export const eventSchema = z
  .object({
    id: z.string(),
    claimIds: z.array(z.string()),
    frame: eventFrameSchema,
    origins: z.array(originSchema),
    credibility,
    rationale: z.string(),
    status: eventStatus,
    contradictions: z.array(contradictionSchema),
    firstReported: z.string().nullable(),
  })
  .meta({ id: 'Event' });

export const documentSchema = z
  .object({
    id: z.string(),
    sourceId: z.string().nullable(),
    url: z.string().nullable(),
    title: z.string(),
    author: z.string().nullable(),
    publisher: z.string().nullable(),
    published: z.string().nullable(),
    retrieved: z.string(),
    language: z.string(),
    mediaType: z.string(),
    text: z.string(),
    contentHash: z.string(),
    originalHash: z.string().nullable(),
    syndicatedFrom: z.string().nullable(),
    retracted: z.object({ at: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'Document' });

export const sourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(SOURCE_KINDS),
    country: z.string().nullable(),
    domain: z.string().nullable(),
    reliability,
    reliabilityRationale: z.string(),
    syndicates: z.array(z.string()),
    discredited: z.object({ at: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'Source' });

export const actorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['state', 'organisation', 'igo', 'person', 'armed-group', 'sector', 'other']),
    country: z.string().nullable(),
    aliases: z.array(z.string()),
    codes: z.array(z.string()),
    roles: z.array(
      z.object({
        code: z.string(),
        title: z.string().nullable(),
        start: z.string().nullable(),
        end: z.string().nullable(),
      }),
    ),
    qid: z.string().nullable(),
  })
  .meta({ id: 'Actor' });

export const placeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(PLACE_LEVELS),
    gazetteerId: z.string().nullable(),
    country: z.string().nullable(),
    admin1: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  })
  .meta({ id: 'Place' });

const eventWeightSchema = z.object({
  id: z.string(),
  credibility,
  status: eventStatus,
  claimIds: z.array(z.string()),
});

/** What a re-weighing run did: which events changed and how. */
export const recorroborateSummarySchema = z
  .object({
    mode: z.enum(['full', 'incremental']),
    claims: z.number(),
    events: z.number(),
    inserted: z.number(),
    updated: z.number(),
    removed: z.number(),
    changes: z.array(z.object({ before: eventWeightSchema.nullable(), after: eventWeightSchema.nullable() })),
  })
  .meta({ id: 'RecorroborateSummary' });
