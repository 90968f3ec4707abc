import { contentId } from '../hash/content-id.ts';
import type { ClaimId } from './ids.ts';
import type { IsoDateTime } from './time.ts';

export const CLUSTER_DECISION_KINDS = ['merge', 'split'] as const;
export type ClusterDecisionKind = (typeof CLUSTER_DECISION_KINDS)[number];

/**
 * An analyst's ruling on which claims describe one happening. Decisions name claims, not events,
 * because event ids are derived and change as claims arrive; every later clustering run applies them
 * in the order they were made.
 */
export interface ClusterDecision {
  id: string;
  kind: ClusterDecisionKind;
  /** merge: claims that describe one happening. split: the claims taken out. */
  claimIds: ClaimId[];
  /** split: the claims they must stay apart from (the rest of the event at the time). Empty for merge. */
  apartFromClaimIds: ClaimId[];
  reason: string;
  at: IsoDateTime;
}

export function clusterDecisionId(d: Omit<ClusterDecision, 'id'>): string {
  return contentId('cdc', d.kind, [...d.claimIds].sort().join(','), [...d.apartFromClaimIds].sort().join(','), d.at);
}

/** Oldest first, ties by id: the order in which decisions are applied. */
export function compareClusterDecisions(a: ClusterDecision, b: ClusterDecision): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
