import {
  type ClaimId,
  type Clock,
  type ClusterDecision,
  clusterDecisionId,
  type EventId,
  InvalidInputError,
  NotFoundError,
  type Store,
} from '@parallax/core';
import { type RecorroborateSummary, recorroborate } from './recorroborate.ts';
import { requireReason } from './require-reason.ts';

async function eventClaims(store: Store, id: string): Promise<ClaimId[]> {
  const event = await store.getEvent(id as EventId);
  if (!event) throw new NotFoundError(`event ${id}: not found`);
  return event.claimIds;
}

export interface DecisionResult {
  decision: ClusterDecision;
  /** The events now holding the decided claims. */
  eventIds: EventId[];
  events: RecorroborateSummary;
}

async function decide(
  deps: { store: Store; clock: Clock },
  draft: Omit<ClusterDecision, 'id' | 'at'>,
): Promise<DecisionResult> {
  const body = { ...draft, at: deps.clock.now() };
  const decision: ClusterDecision = { ...body, id: clusterDecisionId(body) };
  await deps.store.apply({ clusterDecisions: [decision] });
  const events = await recorroborate(deps, { claimIds: [...decision.claimIds, ...decision.apartFromClaimIds] });
  return { decision, eventIds: await deps.store.eventIdsForClaims(decision.claimIds), events };
}

/** An analyst rules that two or more events are one happening; later runs keep their claims together. */
export async function mergeEvents(
  deps: { store: Store; clock: Clock },
  ids: readonly string[],
  reason: string,
): Promise<DecisionResult> {
  const why = requireReason(reason, '--why');
  const distinct = [...new Set(ids)];
  if (distinct.length < 2) throw new InvalidInputError('merge: give at least two different event ids');
  const claimIds = (await Promise.all(distinct.map((id) => eventClaims(deps.store, id)))).flat();
  return decide(deps, { kind: 'merge', claimIds: [...new Set(claimIds)].sort(), apartFromClaimIds: [], reason: why });
}

/**
 * An analyst rules that some claims of an event describe another happening; later runs keep them apart
 * from the rest of the event as it stands now. New claims still join whichever side they fit.
 */
export async function splitEvent(
  deps: { store: Store; clock: Clock },
  id: string,
  claimIds: readonly string[],
  reason: string,
): Promise<DecisionResult> {
  const why = requireReason(reason, '--why');
  const members = await eventClaims(deps.store, id);
  const taken = [...new Set(claimIds)] as ClaimId[];
  const strangers = taken.filter((c) => !members.includes(c));
  if (strangers.length) throw new InvalidInputError(`split: claims not in event ${id}: ${strangers.join(', ')}`);
  const rest = members.filter((c) => !taken.includes(c));
  if (!taken.length || !rest.length)
    throw new InvalidInputError("split: name some, but not all, of the event's claims (--claims a,b)");
  return decide(deps, { kind: 'split', claimIds: taken.sort(), apartFromClaimIds: rest.sort(), reason: why });
}
