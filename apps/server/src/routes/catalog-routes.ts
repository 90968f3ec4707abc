import { discreditSource, gradeSource, gradeSources, retractDocument, sourceOverview } from '@parallax/app';
import {
  actorSchema,
  documentSchema,
  gradesFileSchema,
  placeSchema,
  recorroborateSummarySchema,
  reliability,
  sourceSchema,
} from '@parallax/contract';
import { type DocumentId, NotFoundError, type SourceId } from '@parallax/core';
import { workspaceSettings } from '@parallax/runtime';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../api-error.ts';
import { pageQuery, pageSchema, type RouteContext } from './route-context.ts';

export function registerCatalogRoutes(app: FastifyInstance, { workbench, authorizeWrite }: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = workbench;

  api.get(
    '/api/info',
    {
      schema: {
        tags: ['workspace'],
        summary: 'What the workspace holds',
        response: {
          200: z.object({
            workspace: z.string(),
            title: z.string().nullable().describe("what the workspace is about (its manifest's title)"),
            view: z
              .string()
              .nullable()
              .describe('filter query the workbench opens on when its URL names none, e.g. from=2024-06-01'),
            store: z.object({
              kind: z.string(),
              schemaVersion: z.number(),
              counts: z.record(z.string(), z.number()),
            }),
          }),
        },
      },
    },
    async () => {
      const info = await store.info();
      const settings = workspaceSettings(workbench.dir);
      return {
        workspace: workbench.dir,
        title: settings?.title ?? null,
        view: settings?.view ?? null,
        store: { kind: info.kind, schemaVersion: info.schemaVersion, counts: info.counts },
      };
    },
  );

  api.get(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Documents, newest first (without their text)',
        querystring: z
          .object({
            source: z.string().optional(),
            syndicated: z.enum(['true', 'false']).optional(),
            ...pageQuery,
          })
          .strict(),
        response: { 200: pageSchema(documentSchema.omit({ text: true })), 400: apiErrorSchema },
      },
    },
    async (req) => {
      const page = await store.listDocuments(
        {
          ...(req.query.source ? { sourceId: req.query.source as SourceId } : {}),
          ...(req.query.syndicated ? { syndicated: req.query.syndicated === 'true' } : {}),
        },
        { limit: req.query.limit, cursor: req.query.cursor ?? null },
      );
      return { ...page, items: page.items.map(({ text: _text, ...d }) => d) };
    },
  );

  api.get(
    '/api/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'One document with its text (shown as text, never rendered as HTML)',
        params: z.object({ id: z.string().regex(/^doc_[0-9a-f]{20}$/, 'expected a document id (doc_…)') }),
        response: { 200: documentSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const doc = await store.getDocument(req.params.id as DocumentId);
      if (!doc) throw new NotFoundError(`document ${req.params.id}: not found`);
      return doc;
    },
  );

  api.get(
    '/api/search',
    {
      schema: {
        tags: ['documents'],
        summary: 'Full-text search over documents: all words must match; "quoted phrases" stay together',
        querystring: z.object({ q: z.string().min(1).max(500), ...pageQuery }).strict(),
        response: {
          200: pageSchema(
            z.object({
              document: z.object({
                id: z.string(),
                title: z.string(),
                url: z.string().nullable(),
                publisher: z.string().nullable(),
                published: z.string().nullable(),
              }),
              snippet: z.string(),
              score: z.number(),
            }),
          ),
          400: apiErrorSchema,
        },
      },
    },
    async (req) => store.searchDocuments(req.query.q, { limit: req.query.limit, cursor: req.query.cursor ?? null }),
  );

  api.get(
    '/api/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Sources with their reliability grades',
        response: { 200: z.array(sourceSchema) },
      },
    },
    async () => store.listSources(),
  );

  api.get(
    '/api/sources/overview',
    {
      schema: {
        tags: ['sources'],
        summary: 'Sources with document counts, and the lineage between them (who republishes whom)',
        response: {
          200: z.object({
            sources: z.array(sourceSchema.extend({ documents: z.number(), copies: z.number() })),
            lineage: z.array(
              z.object({
                copier: z.string().describe('the source that republishes'),
                original: z.string().describe('the source whose material it carries'),
                documents: z.number().describe('copied documents seen (0 when only declared)'),
                declared: z.boolean().describe("the copier's record declares the link"),
              }),
            ),
            unattributed: z.number().describe('documents with no resolved source'),
            partial: z.boolean().describe('true when not every copied document was walked'),
          }),
        },
      },
    },
    async () => sourceOverview(store),
  );

  api.post(
    '/api/sources/:id/grade',
    {
      schema: {
        tags: ['sources'],
        summary: "Set a source's Admiralty reliability (A–F) with a rationale; events are re-weighed",
        params: z.object({ id: z.string() }),
        body: z.object({ reliability, rationale: z.string().trim().min(1).max(2000) }).strict(),
        response: {
          200: sourceSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
        },
      },
    },
    async (req) => {
      authorizeWrite(req.headers.authorization);
      return (await gradeSource(workbench, req.params.id, req.body.reliability, req.body.rationale)).source;
    },
  );

  const writeErrors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
  const reasonBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

  api.post(
    '/api/sources/grades',
    {
      schema: {
        tags: ['sources'],
        summary: 'Grade many sources at once (a grading file); nothing changes if one entry is bad',
        body: gradesFileSchema,
        response: {
          200: z.object({ sources: z.array(sourceSchema), events: recorroborateSummarySchema }),
          ...writeErrors,
        },
      },
    },
    async (req) => {
      authorizeWrite(req.headers.authorization);
      return gradeSources(workbench, req.body, 'body');
    },
  );

  api.post(
    '/api/sources/:id/discredit',
    {
      schema: {
        tags: ['sources'],
        summary: 'Discredit a source with a reason: its claims stop counting; returns the events that changed',
        params: z.object({ id: z.string() }),
        body: reasonBody,
        response: { 200: z.object({ source: sourceSchema, events: recorroborateSummarySchema }), ...writeErrors },
      },
    },
    async (req) => {
      authorizeWrite(req.headers.authorization);
      return discreditSource(workbench, req.params.id, req.body.reason);
    },
  );

  api.post(
    '/api/documents/:id/retract',
    {
      schema: {
        tags: ['documents'],
        summary: 'Mark a document retracted with a reason; returns the events that changed',
        params: z.object({ id: z.string().regex(/^doc_[0-9a-f]{20}$/, 'expected a document id (doc_…)') }),
        body: reasonBody,
        response: {
          200: z.object({ document: documentSchema.omit({ text: true }), events: recorroborateSummarySchema }),
          ...writeErrors,
        },
      },
    },
    async (req) => {
      authorizeWrite(req.headers.authorization);
      return retractDocument(workbench, req.params.id, req.body.reason);
    },
  );

  api.get(
    '/api/actors',
    { schema: { tags: ['actors'], summary: 'Actors known to the workspace', response: { 200: z.array(actorSchema) } } },
    async () => store.listActors(),
  );

  api.get(
    '/api/places',
    { schema: { tags: ['places'], summary: 'Places known to the workspace', response: { 200: z.array(placeSchema) } } },
    async () => store.listPlaces(),
  );
}
