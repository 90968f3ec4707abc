/**
 * @module
 * Use cases shared by the CLI and the HTTP server. Each takes the ports it needs as arguments; none
 * reaches a file, socket or database any other way.
 */

export * from './check-brief-claims.ts';
export * from './decide-clusters.ts';
export * from './event-queries.ts';
export * from './event-timeline.ts';
export * from './grade-source.ts';
export * from './import-dataset.ts';
export * from './import-gdelt-mentions.ts';
export * from './ingest-documents.ts';
export * from './load-brief-library.ts';
export * from './recorroborate.ts';
export * from './require-reason.ts';
export * from './retract-document.ts';
export * from './source-overview.ts';
export * from './syndication-pairs.ts';
