import type { EventFrame } from './claim.ts';
import type { Credibility, EventStatus, Reliability } from './codes.ts';
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
  /**
   * The line of reporting this origin belongs to (`state:USA`, `newsroom:reuters.com`, `org:IGONAT`).
   * Origins on one line are not independent of each other: two ministries of one state are one line.
   */
  lineage: string;
  /** Best analyst grade among the Sources that carried this origin's claims; F when none is graded. */
  reliability: Reliability;
}

export const CONTRADICTION_KINDS = ['denial', 'quantity', 'date', 'place'] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

/** One figure of a disputed quantity, with who gives it. */
export interface QuantityFigure {
  value: number;
  /** Labels of the origins that give this figure. */
  by: string[];
  claimIds: ClaimId[];
}

/** A party that denied the event and later said it happened: the change is kept, not the denial erased. */
export interface Acknowledgement {
  /** Publication of the first document in which the denying line says it happened, after its denial. */
  at: IsoDateTime | null;
  by: string[];
  claimIds: ClaimId[];
}

/** Two sides that cannot both be right; kept as a record, never resolved by deleting one. */
export interface Contradiction {
  kind: ContradictionKind;
  /** Claims on the side of the event's canonical frame. */
  claimIds: ClaimId[];
  /** Claims that contradict it. A denial may come from a broader claim that belongs to another event. */
  againstClaimIds: ClaimId[];
  summary: string;
  /** False once it no longer weighs: a denial the same party later took back. */
  standing: boolean;
  /** Denials: the line that denies (`state:PRK`) and whether it is a party to the event. */
  party: { lineage: string; label: string; interested: boolean } | null;
  /** Denials: when and how the denying line later acknowledged the event. */
  acknowledged: Acknowledgement | null;
  /** Quantities: the unit, the range and each figure with who gives it. */
  figures: { unit: string; low: number; high: number; values: QuantityFigure[] } | null;
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

/**
 * Origins that are not parties to the event, once per lineage, leaving out origins whose only word on
 * it is a denial. Without the claims at hand this cannot leave out hedged claims, so it can exceed the
 * grade's count (`independentLineCount` in the corroboration pipeline gives that exactly).
 */
export function independentOriginCount(event: Pick<Event, 'origins' | 'contradictions'>): number {
  const against = new Set(event.contradictions.filter((c) => c.kind === 'denial').flatMap((c) => c.againstClaimIds));
  return new Set(
    event.origins
      .filter((o) => !o.interested && !(o.claimIds.length > 0 && o.claimIds.every((id) => against.has(id))))
      .map((o) => o.lineage),
  ).size;
}
