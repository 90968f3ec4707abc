/**
 * @module
 * Test support shared by every package: the Store conformance suite, the in-memory Store fake and
 * builders for domain objects. A devDependency only; product code never imports it.
 */
export * from './builders.ts';
export * from './memory-store.ts';
export * from './random-events.ts';
export * from './store-conformance.ts';
