/**
 * @module
 * The typed boundary of Parallax: zod schemas for what crosses a boundary (HTTP requests and
 * responses, CLI input, document front matter), shared by the server, the CLI and the web app.
 */
export * from './brief-schemas.ts';
export * from './dataset-import-options.ts';
export * from './domain-schemas.ts';
export * from './event-filter-query.ts';
export * from './event-summary.ts';
export * from './front-matter.ts';
export * from './grades-file.ts';
export * from './ingest-api.ts';
