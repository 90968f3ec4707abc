import type { EventFrame } from './claim.ts';
import type { Credibility, EventStatus } from './codes.ts';
import type { ActorId, ClaimId, DocumentId, EventId, OriginId, SourceId } from './ids.ts';
import type { IsoDateTime } from './time.ts';

/**
 * Where a claim ultimately comes from. Ten outlets quoting one ministry share one origin (the
 * ministry); a wire story and its copies share one origin (the newsroom that wrote it).
 */
export interface Origin {
  id: OriginId;
  kind: 'speaker' | 'newsroom' | 'dataset-article';
  label: string;
  actorId: ActorId | null;
  sourceId: SourceId | null;
  /** Documents that carry this origin's claims about the event. */
  documentIds: DocumentId[];
  claimIds: ClaimId[];
  /** A party to the event (the accused state, say): its word counts, but not as independent. */
  interested: boolean;
}

export const CONTRADICTION_KINDS = ['denial', 'quantity', 'date', 'place'] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

/** Two sides that cannot both be right; kept as a record, never resolved by deleting one. */
export interface Contradiction {
  kind: ContradictionKind;
  /** Claims on the side of the event's canonical frame. */
  claimIds: ClaimId[];
  /** Claims that contradict it. */
  againstClaimIds: ClaimId[];
  summary: string;
}

/** One real-world happening: the cluster of Claims that describe it, weighed. */
export interface Event {
  id: EventId;
  claimIds: ClaimId[];
  frame: EventFrame;
  origins: Origin[];
  credibility: Credibility;
  /** Why the grade is what it is: the origins counted and the contradictions weighed. */
  rationale: string;
  status: EventStatus;
  contradictions: Contradiction[];
  /** Earliest publication among the documents carrying its claims. */
  firstReported: IsoDateTime | null;
}

/** How many origins count as independent confirmation (not interested, not in one lineage). */
export function independentOriginCount(event: Pick<Event, 'origins'>): number {
  return event.origins.filter((o) => !o.interested).length;
}
