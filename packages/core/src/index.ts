/**
 * @module
 * The Parallax core: the domain model (Source, Document, Claim, Event, Actor, Place, Brief), the
 * ports adapters implement (Store, Clock) and the pipeline stages as pure functions over values.
 * No IO, no Node or DOM types, no runtime dependencies.
 */
export * from './hash/content-id.ts';
export * from './hash/sha256.ts';
export * from './model/actor.ts';
export * from './model/brand.ts';
export * from './model/brief.ts';
export * from './model/cameo-codebook.ts';
export * from './model/claim.ts';
export * from './model/cluster-decision.ts';
export * from './model/codes.ts';
export * from './model/dataset-claim-table.ts';
export * from './model/dataset-record.ts';
export * from './model/document.ts';
export * from './model/errors.ts';
export * from './model/event.ts';
export * from './model/ids.ts';
export * from './model/place.ts';
export * from './model/source.ts';
export * from './model/time.ts';
export * from './pipeline/aggregate-events.ts';
export * from './pipeline/check-changes.ts';
export * from './pipeline/corroboration/claim-index.ts';
export * from './pipeline/corroboration/claim-origin.ts';
export * from './pipeline/corroboration/claim-profile.ts';
export * from './pipeline/corroboration/cluster-claims.ts';
export * from './pipeline/corroboration/corroborate.ts';
export * from './pipeline/corroboration/explain-event.ts';
export * from './pipeline/corroboration/find-contradictions.ts';
export * from './pipeline/corroboration/grade-credibility.ts';
export * from './pipeline/corroboration/join-rules.ts';
export * from './pipeline/corroboration/registrable-domain.ts';
export * from './pipeline/corroboration/weigh-event.ts';
export * from './pipeline/detect-syndication.ts';
export * from './pipeline/event-filter.ts';
export * from './pipeline/near-duplicates.ts';
export * from './pipeline/wire-credits.ts';
export * from './ports/clock.ts';
export * from './ports/extractor.ts';
export * from './ports/store.ts';
