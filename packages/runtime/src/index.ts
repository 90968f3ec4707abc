/**
 * @module
 * The composition root: the one place that turns configuration (a workspace folder, environment
 * variables) into wired adapters. The CLI, the server and end-to-end tests all start here.
 */
export * from './brief-check.ts';
export * from './brief-compose.ts';
export * from './data-paths.ts';
export * from './dataset-files.ts';
export { buildDemoWorkspace, type DemoSummary } from './demo/build-demo-workspace.ts';
export * from './document-files.ts';
export * from './document-inputs.ts';
export { createExtractor } from './extractor.ts';
export * from './feeds.ts';
export * from './fetch-state.ts';
export * from './json-state-file.ts';
export * from './path-globs.ts';
export * from './reference-data.ts';
export * from './workspace.ts';
export * from './workspace-store.ts';
