import { contentId } from '../hash/content-id.ts';
import type { Actor } from './actor.ts';
import type { PloverType, QuadClass, Stance } from './codes.ts';
import { type ActorId, type ClaimId, type DocumentId, ID_PREFIX } from './ids.ts';
import type { Place } from './place.ts';
import type { TimeSpan } from './time.ts';

export const FRAME_ROLES = ['source', 'target', 'other'] as const;
export type FrameRole = (typeof FRAME_ROLES)[number];

/** An actor as it appears in one frame: resolved id plus the code it carried at the time. */
export interface FrameActor {
  id: ActorId;
  name: string;
  /** CAMEO-style code on the event date, e.g. `PRKMIL`. */
  code: string | null;
  role: FrameRole;
}

/** The place a frame names, copied from the gazetteer so a claim stays readable on its own. */
export type PlaceRef = Pick<Place, 'id' | 'name' | 'level' | 'country' | 'admin1' | 'lat' | 'lon'>;

export type ActorRef = Pick<Actor, 'id' | 'name'> & { code: string | null };

/** A number a claim states, with its unit: "about 1,500 troops" → 1500 troops, approximate. */
export interface Quantity {
  value: number;
  unit: string;
  approximate: boolean;
  /** The words the number came from. */
  text: string;
}

/** Who did what to whom, where and when, as one claim states it. */
export interface EventFrame {
  actors: FrameActor[];
  /** CAMEO event code (2–4 digits), when known. */
  cameo: string | null;
  plover: { type: PloverType; mode: string | null } | null;
  quadClass: QuadClass | null;
  /** Goldstein conflict–cooperation score (−10…+10) of the CAMEO code. */
  goldstein: number | null;
  place: PlaceRef | null;
  time: TimeSpan | null;
  quantities: Quantity[];
}

/** A record from a coded dataset (GDELT, UCDP) a claim was made from: a lead, not a verified incident. */
export interface DatasetRecord {
  dataset: string;
  recordId: string;
  /** The article the dataset coded the record from, when it names one (GDELT's SOURCEURL). */
  url: string | null;
}

/** One assertion found in a Document, anchored to the exact text it came from. */
export interface Claim {
  id: ClaimId;
  documentId: DocumentId;
  /** Character offsets into the document text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  quote: string;
  /** Who asserts it; null when the document asserts it in its own voice. */
  speaker: ActorRef | null;
  stance: Stance;
  negated: boolean;
  hypothetical: boolean;
  frame: EventFrame;
  /** What produced the claim (`parallax-extract`, `gdelt`, `demo-fixture`), so no claim is an orphan. */
  extractor: string;
  dataset: DatasetRecord | null;
}

/**
 * A claim's id covers where it sits and what it says, so re-extracting the same document yields the
 * same ids, while two different frames read from one sentence stay distinct.
 */
export function claimId(claim: Omit<Claim, 'id'>): ClaimId {
  const f = claim.frame;
  const actors = f.actors.map((a) => `${a.role}:${a.id}`).join(',');
  return contentId(
    ID_PREFIX.claim,
    claim.documentId,
    claim.start,
    claim.end,
    claim.dataset ? `${claim.dataset.dataset}:${claim.dataset.recordId}` : '',
    claim.stance,
    f.cameo ?? f.plover?.type ?? '',
    actors,
  ) as ClaimId;
}

/**
 * A statement, appeal or accusation (quad class 1 or 3): the words are the event. Where such a frame is
 * placed is where it was said or what it was about, so two accounts that place it differently describe
 * the same words, not a disagreement about where something happened.
 */
export function isVerbalFrame(frame: EventFrame): boolean {
  return frame.quadClass === 1 || frame.quadClass === 3;
}

export function emptyFrame(): EventFrame {
  return {
    actors: [],
    cameo: null,
    plover: null,
    quadClass: null,
    goldstein: null,
    place: null,
    time: null,
    quantities: [],
  };
}
