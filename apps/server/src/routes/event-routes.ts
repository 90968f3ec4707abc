import { getEventDetail } from '@parallax/app';
import {
  claimSchema,
  documentSchema,
  eventSchema,
  eventSummarySchema,
  sourceSchema,
  toEventSummary,
} from '@parallax/contract';
import type { DocumentId, EventId } from '@parallax/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../api-error.ts';
import { eventFilterFrom, filterQuery, pageQuery, pageSchema, type RouteContext } from './route-context.ts';

export function registerEventRoutes(app: FastifyInstance, { workbench }: RouteContext): void {
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
