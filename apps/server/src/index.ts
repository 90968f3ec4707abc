/**
 * @module
 * The HTTP surface: a JSON API (validated and documented from the zod schemas in
 * @parallax/contract, OpenAPI at /api/openapi.json, docs at /api/docs) and the host of the built web
 * workbench. Thin: every route calls the store or a use case.
 */
export { apiErrorSchema, HttpError } from './api-error.ts';
export { buildServer, type ServerOptions, startServer } from './http-server.ts';
