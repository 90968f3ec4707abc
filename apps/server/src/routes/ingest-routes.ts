import { ingestJobSchema, submitFeedSchema, submitUrlsSchema, uploadQuerySchema } from '@parallax/contract';
import { NotFoundError } from '@parallax/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../api-error.ts';
import type { IngestJobs } from '../ingest-jobs.ts';
import type { RouteContext } from './route-context.ts';

/** Largest upload accepted in one request; bigger datasets are imported with the CLI, which streams. */
export const MAX_UPLOAD_BYTES = 256 * 2 ** 20;

const writeErrors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

export function registerIngestRoutes(app: FastifyInstance, { authorizeWrite }: RouteContext, jobs: IngestJobs): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/ingest/urls',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Fetch web pages or PDFs and ingest them (a job; poll its status)',
        description:
          'URLs are fetched with timeouts, size caps and content-type checks; private, loopback and link-local addresses are refused unless the server was started to allow them. Unchanged pages (ETag/Last-Modified) are not re-read.',
        body: submitUrlsSchema,
        response: { 202: ingestJobSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      authorizeWrite(req.headers.authorization);
      return reply.code(202).send(jobs.submitUrls(req.body.urls));
    },
  );

  api.post(
    '/api/ingest/feeds',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Ingest the new items of an RSS, Atom or JSON feed (a job), optionally watching it from now on',
        body: submitFeedSchema,
        response: { 202: ingestJobSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      authorizeWrite(req.headers.authorization);
      return reply.code(202).send(jobs.submitFeed(req.body.feed, req.body.watch));
    },
  );

  // Uploads are raw bytes (any content type), so they get their own body parser in their own scope.
  app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/ingest/uploads',
      {
        schema: {
          tags: ['ingest'],
          summary: 'Upload one file (the request body, raw bytes) and ingest it (a job)',
          description: `Send the file as the request body (any Content-Type, e.g. application/octet-stream), at most ${MAX_UPLOAD_BYTES / 2 ** 20} MiB. Documents: .txt, .md, .html, .pdf. Datasets: GDELT events or mentions (raw or .zip), UCDP GED CSV.`,
          querystring: uploadQuerySchema,
          response: { 202: ingestJobSchema, ...writeErrors, 413: apiErrorSchema },
        },
      },
      async (req, reply) => {
        authorizeWrite(req.headers.authorization);
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          return reply.code(400).send({ error: 'invalid-input', message: `${req.query.name}: the upload is empty` });
        }
        return reply.code(202).send(jobs.submitUpload(req.query.name, req.query.kind, body));
      },
    );
  });

  api.get(
    '/api/ingest/jobs',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Ingest jobs of this server run, newest first',
        response: { 200: z.array(ingestJobSchema) },
      },
    },
    async () => jobs.list(),
  );

  api.get(
    '/api/ingest/jobs/:id',
    {
      schema: {
        tags: ['ingest'],
        summary: 'One ingest job: state, progress, summary and failures',
        params: z.object({ id: z.string().regex(/^job_[0-9a-f]{16}$/, 'expected a job id (job_…)') }),
        response: { 200: ingestJobSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const job = jobs.get(req.params.id);
      if (!job) throw new NotFoundError(`job ${req.params.id}: not found (jobs are kept while the server runs)`);
      return job;
    },
  );
}
