import type { Brand } from './brand.ts';

export type SourceId = Brand<string, 'SourceId'>;
export type DocumentId = Brand<string, 'DocumentId'>;
export type ClaimId = Brand<string, 'ClaimId'>;
export type EventId = Brand<string, 'EventId'>;
export type ActorId = Brand<string, 'ActorId'>;
export type PlaceId = Brand<string, 'PlaceId'>;
export type BriefId = Brand<string, 'BriefId'>;
export type OriginId = Brand<string, 'OriginId'>;

/** Id prefixes, so an id says what it names when it turns up in a log or a URL. */
export const ID_PREFIX = {
  source: 'src',
  document: 'doc',
  claim: 'clm',
  event: 'evt',
  actor: 'act',
  place: 'plc',
  brief: 'brf',
  origin: 'org',
} as const;
