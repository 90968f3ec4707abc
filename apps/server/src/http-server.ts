import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Workbench } from '@parallax/runtime';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { HttpError, handleApiError } from './api-error.ts';
import { IngestJobs } from './ingest-jobs.ts';
import { registerAnalyticsRoutes } from './routes/analytics-routes.ts';
import { registerBriefRoutes } from './routes/brief-routes.ts';
import { registerCatalogRoutes } from './routes/catalog-routes.ts';
import { registerEventRoutes } from './routes/event-routes.ts';
import { registerIngestRoutes } from './routes/ingest-routes.ts';

export interface ServerOptions {
  workbench: Workbench;
  /** Interface to bind; loopback unless the operator asks otherwise. */
  host?: string;
  port?: number;
  /** Folder of the built web app; when absent, only the API is served. */
  webDir?: string | null;
  /** Bearer token required for writes. Without one, writes are allowed on loopback only. */
  token?: string | null;
  logger?: boolean;
  /**
   * Let ingest jobs fetch from private, loopback and link-local addresses. Off by default: a URL
   * submitted over the API must not reach into the network the server sits in.
   */
  allowPrivateFetch?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Builds the HTTP server: the JSON API with its OpenAPI document and docs page, the web app and the map data. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? null;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 5 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleApiError);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Parallax API',
        version: '0.1.0',
        description:
          'Events, claims, documents, sources, actors and places of a Parallax workspace, with the aggregates the workbench draws (timeline, map, network). Errors are `{error, message}`.',
      },
      tags: [
        'events',
        'claims',
        'documents',
        'sources',
        'actors',
        'places',
        'analytics',
        'ingest',
        'briefs',
        'workspace',
      ].map((name) => ({
        name,
      })),
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Swagger UI's assets ship inside the package, so the docs page works offline.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const authorizeWrite = (authorization: string | undefined) => {
    if (token) {
      const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
      const expected = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new HttpError(
          401,
          'this server requires a bearer token for writes (Authorization: Bearer <PARALLAX_TOKEN>)',
        );
      }
      return;
    }
    if (!LOOPBACK.has(host))
      throw new HttpError(403, 'writes are disabled: the server listens beyond loopback without PARALLAX_TOKEN set');
  };

  const context = { workbench: options.workbench, authorizeWrite };
  app.get('/api/health', async () => ({ ok: true }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerEventRoutes(app, context);
  registerAnalyticsRoutes(app, context);
  registerCatalogRoutes(app, context);
  const jobs = new IngestJobs(options.workbench, { allowPrivateFetch: options.allowPrivateFetch ?? false });
  app.decorate('ingestJobs', jobs);
  registerIngestRoutes(app, context, jobs);
  registerBriefRoutes(app, context);

  // Boundaries for the offline map: shipped Natural Earth GeoJSON, served as static files.
  await app.register(fastifyStatic, {
    root: `${options.workbench.reference.dir}geo`,
    prefix: '/geo/',
    decorateReply: false,
    maxAge: '1h',
  });
  const webDir = options.webDir ?? null;
  if (webDir && existsSync(`${webDir}/index.html`)) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false });
    // Client-side routes (/events/…) load the app shell; unknown API paths stay 404s.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/geo/')) {
        return reply.sendFile('index.html');
      }
      return reply
        .code(404)
        .send({ error: 'not-found', message: `${req.method} ${req.url.split('?')[0]}: no such endpoint` });
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send({ error: 'not-found', message: `${req.method} ${req.url.split('?')[0]}: no such endpoint` }),
    );
  }
  return app;
}

/** Starts listening; resolves with the URL to print. */
export async function startServer(
  options: ServerOptions,
): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const app = await buildServer(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 4173 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}/`, app, close: () => app.close() };
}
