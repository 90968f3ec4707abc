import { contentId } from '../hash/content-id.ts';
import type { Reliability } from './codes.ts';
import { ID_PREFIX, type SourceId } from './ids.ts';

export const SOURCE_KINDS = [
  'news-outlet',
  'wire-agency',
  'government',
  'igo',
  'ngo',
  'think-tank',
  'dataset',
  'social-media',
  'individual',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Who publishes: an outlet, agency, government body, IGO or dataset. */
export interface Source {
  id: SourceId;
  name: string;
  kind: SourceKind;
  /** ISO 3166-1 alpha-3 of the publisher's home country, when known. */
  country: string | null;
  /** Registrable domain the source publishes on (e.g. `reuters.com`), the key used to recognise it. */
  domain: string | null;
  /** Admiralty reliability, set by an analyst; F ("cannot be judged") until someone does. */
  reliability: Reliability;
  reliabilityRationale: string;
  /** Sources whose material this one republishes (a portal carrying a wire feed points at the wire). */
  syndicates: SourceId[];
  /** Set when the source has been discredited; its claims stop counting towards corroboration. */
  discredited: { at: string; reason: string } | null;
}

/**
 * The id of a source: from its domain when it has one (so every page from `nato.int` lands on the same
 * Source), otherwise from its name.
 */
export function sourceId(key: { domain?: string | null; name: string }): SourceId {
  const basis = key.domain ? `domain:${key.domain.toLowerCase()}` : `name:${key.name.trim().toLowerCase()}`;
  return contentId(ID_PREFIX.source, basis) as SourceId;
}

export function buildSource(fields: Pick<Source, 'name'> & Partial<Source>): Source {
  return {
    id: fields.id ?? sourceId({ domain: fields.domain ?? null, name: fields.name }),
    name: fields.name,
    kind: fields.kind ?? 'other',
    country: fields.country ?? null,
    domain: fields.domain ?? null,
    reliability: fields.reliability ?? 'F',
    reliabilityRationale: fields.reliabilityRationale ?? 'Not yet graded by an analyst.',
    syndicates: fields.syndicates ?? [],
    discredited: fields.discredited ?? null,
  };
}

/**
 * Combines a stored source with a newly read version of it. An analyst's grade and a discrediting
 * always survive; facts the new reading does not know (kind `other`, no country) never erase facts
 * already recorded, so a document ingested after its source was described cannot blank the description.
 */
export function mergeSource(existing: Source, incoming: Source): Source {
  return {
    ...incoming,
    name: incoming.name || existing.name,
    kind: incoming.kind === 'other' ? existing.kind : incoming.kind,
    country: incoming.country ?? existing.country,
    domain: incoming.domain ?? existing.domain,
    reliability: existing.reliability,
    reliabilityRationale: existing.reliabilityRationale,
    discredited: existing.discredited,
    syndicates: [...new Set([...existing.syndicates, ...incoming.syndicates])].sort(),
  };
}
