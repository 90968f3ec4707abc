import type { Claim } from '../../model/claim.ts';
import type { ClusterDecision } from '../../model/cluster-decision.ts';
import type { Event } from '../../model/event.ts';
import type { CorroborationContext } from './claim-origin.ts';
import { profileClaim } from './claim-profile.ts';
import { clusterProfiles } from './cluster-claims.ts';
import { weighEvent } from './weigh-event.ts';

/**
 * Claims → Events: cluster, then weigh each cluster. The same claims and decisions give the same
 * events in any order, and a subset closed under "could join" gives exactly its share of them.
 */
export function corroborate(
  claims: readonly Claim[],
  ctx: CorroborationContext,
  decisions: readonly ClusterDecision[] = [],
): Event[] {
  return clusterProfiles(claims.map(profileClaim), decisions)
    .map((cluster) => weighEvent(cluster, ctx))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
