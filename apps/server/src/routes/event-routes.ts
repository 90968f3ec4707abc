import { getEventDetail, mergeEvents, splitEvent } from '@parallax/app';
import {
  claimSchema,
  clusterDecisionSchema,
  documentSchema,
  eventSchema,
  eventSummarySchema,
  recorroborateSummarySchema,
  sourceSchema,
  toEventSummary,
} from '@parallax/contract';
import type { DocumentId, EventId } from '@parallax/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../api-error.ts';
import { eventFilterFrom, filterQuery, pageQuery, pageSchema, type RouteContext } from './route-context.ts';

export function registerEventRoutes(app: FastifyInstance, { workbench, authorizeWrite }: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events matching a filter, newest first',
        querystring: filterQuery(pageQuery),
        response: { 200: pageSchema(eventSummarySchema), 400: apiErrorSchema },
      },
    },
    async (req) => {
      const { limit, cursor, ...filterQs } = req.query;
      const filter = await eventFilterFrom(workbench, filterQs);
      const page = await workbench.store.listEvents(filter, { limit, cursor: cursor ?? null });
      return { items: page.items.map(toEventSummary), next: page.next, total: page.total };
    },
  );

  api.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'One event with its claims, their documents and sources',
        params: z.object({ id: z.string().regex(/^evt_[0-9a-f]{20}$/, 'expected an event id (evt_…)') }),
        response: {
          200: z.object({
            event: eventSchema,
            summary: eventSummarySchema,
            claims: z.array(claimSchema),
            joins: z.array(z.object({ claimId: z.string(), via: z.string().nullable(), because: z.string() })),
            contradictingClaims: z.array(claimSchema),
            documents: z.array(documentSchema.omit({ text: true })),
            sources: z.array(sourceSchema),
          }),
          400: apiErrorSchema,
          404: apiErrorSchema,
        },
      },
    },
    async (req) => {
      const detail = await getEventDetail(workbench.store, req.params.id as EventId);
      return { ...detail, summary: toEventSummary(detail.event) };
    },
  );

  const eventId = z.string().regex(/^evt_[0-9a-f]{20}$/, 'expected an event id (evt_…)');
  const decisionResult = z.object({
    decision: clusterDecisionSchema,
    eventIds: z.array(z.string()),
    events: recorroborateSummarySchema,
  });
  const writeErrors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

  api.post(
    '/api/events/merge',
    {
      schema: {
        tags: ['events'],
        summary: 'Rule that events are one happening; later runs keep their claims together',
        body: z
          .object({ eventIds: z.array(eventId).min(2).max(100), reason: z.string().trim().min(1).max(2000) })
          .strict(),
        response: { 200: decisionResult, ...writeErrors },
      },
    },
    async (req) => {
      authorizeWrite(req.headers.authorization);
      return mergeEvents(workbench, req.body.eventIds, req.body.reason);
    },
  );

  api.post(
    '/api/events/:id/split',
    {
      schema: {
        tags: ['events'],
        summary: 'Rule that some claims of an event are another happening; later runs keep them apart',
        params: z.object({ id: eventId }),
        body: z
          .object({
            claimIds: z
              .array(z.string().regex(/^clm_[0-9a-f]{20}$/, 'expected claim ids (clm_…)'))
              .min(1)
              .max(10_000),
            reason: z.string().trim().min(1).max(2000),
          })
          .strict(),
        response: { 200: decisionResult, ...writeErrors },
      },
    },
    async (req) => {
      authorizeWrite(req.headers.authorization);
      return splitEvent(workbench, req.params.id, req.body.claimIds, req.body.reason);
    },
  );

  api.get(
    '/api/cluster-decisions',
    {
      schema: {
        tags: ['events'],
        summary: "Analysts' merges and splits, oldest first",
        response: { 200: z.array(clusterDecisionSchema) },
      },
    },
    async () => workbench.store.listClusterDecisions(),
  );

  api.get(
    '/api/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims of an event or a document, in document order',
        querystring: z
          .object({
            event: z
              .string()
              .regex(/^evt_[0-9a-f]{20}$/)
              .optional(),
            document: z
              .string()
              .regex(/^doc_[0-9a-f]{20}$/)
              .optional(),
            ...pageQuery,
          })
          .strict(),
        response: { 200: pageSchema(claimSchema), 400: apiErrorSchema },
      },
    },
    async (req) => {
      const { event, document, limit, cursor } = req.query;
      return workbench.store.listClaims(
        {
          ...(event ? { eventId: event as EventId } : {}),
          ...(document ? { documentId: document as DocumentId } : {}),
        },
        { limit, cursor: cursor ?? null },
      );
    },
  );
}
