import type { Claim, FrameRole, PlaceRef } from '../../model/claim.ts';
import type { PloverType } from '../../model/codes.ts';
import type { ActorId } from '../../model/ids.ts';
import { epochDay, type TimePrecision } from '../../model/time.ts';

/**
 * Claims dated to at most this many days, with a place and an actor, pin a happening down: they
 * anchor events and link to each other. Claims vaguer in time ("in October"), place (none given) or
 * actors attach to the anchor they fit best, so a month-long statement or a row without a place
 * cannot glue every incident it could fit into one event.
 */
export const ANCHOR_MAX_DAYS = 7;

/** Claims spanning more than this (or undated) only cluster among themselves: they fit too much to place. */
export const PARTIAL_MAX_DAYS = 400;

/** Days of slack a claim's own span gets: a reported date may be a day off (time zones, "yesterday"). */
export const TIME_TOLERANCE_DAYS: Record<TimePrecision, number> = {
  hour: 1,
  day: 1,
  week: 1,
  month: 0,
  year: 0,
  range: 0,
};

/** The widest gap (days) between two linked claims' spans: both tolerances together. */
export const MAX_LINK_GAP_DAYS = 2;

/**
 * Event types coders confuse with each other often enough that a report coded one way and a report
 * coded the other can describe one happening (a raid coded as an arrest, a clash as an attack).
 */
const RELATED_TYPES: Partial<Record<PloverType, string>> = { ASSAULT: 'ASSAULT+COERCE', COERCE: 'ASSAULT+COERCE' };

export interface ProfileActor {
  role: FrameRole;
  id: ActorId;
  name: string;
  code: string | null;
  /** Block key: the first three letters of the code (country or IGO prefix), else the id. */
  root: string;
}

/** What clustering needs to know about one claim, computed once. */
export interface ClaimProfile {
  claim: Claim;
  /** PLOVER type (with related types grouped), else `cameo:<root>`, else `unknown`. */
  typeKey: string;
  actors: ProfileActor[];
  /** The same actors by role, so comparisons allocate nothing. */
  sources: ProfileActor[];
  targets: ProfileActor[];
  others: ProfileActor[];
  place: PlaceRef | null;
  /** Epoch days of the claim's span; null when undated. */
  lo: number | null;
  hi: number | null;
  /** Days covered; Infinity when undated. */
  span: number;
  tolerance: number;
  /** The id's hash digits as a number: a cheap stand-in for comparing ids as strings. */
  idKey: number;
  /**
   * `anchor`: precise in time, place and actors; links to other anchors. `partial`: vaguer in one of
   * them; attaches to the best anchor. `background`: undated or spanning over a year; links only to
   * other claims that fit no anchor.
   */
  tier: 'anchor' | 'partial' | 'background';
}

export function actorRoot(code: string | null, id: string): string {
  return code && code.length >= 3 ? code.slice(0, 3).toUpperCase() : id;
}

export function typeKeyOf(claim: Claim): string {
  const f = claim.frame;
  if (f.plover) return RELATED_TYPES[f.plover.type] ?? f.plover.type;
  if (f.cameo && /^\d{2}/.test(f.cameo)) return `cameo:${f.cameo.slice(0, 2)}`;
  return 'unknown';
}

export function profileClaim(claim: Claim): ClaimProfile {
  const t = claim.frame.time;
  const lo = t ? epochDay(t.start) : null;
  const hi = t ? epochDay(t.end) : null;
  const span = lo !== null && hi !== null ? hi - lo + 1 : Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  const actors: ProfileActor[] = [];
  for (const a of claim.frame.actors) {
    const key = `${a.role}:${a.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actors.push({ role: a.role, id: a.id, name: a.name, code: a.code, root: actorRoot(a.code, a.id) });
  }
  return {
    claim,
    typeKey: typeKeyOf(claim),
    actors,
    sources: actors.filter((a) => a.role === 'source'),
    targets: actors.filter((a) => a.role === 'target'),
    others: actors.filter((a) => a.role === 'other'),
    place: claim.frame.place,
    lo,
    hi,
    span,
    tolerance: t ? TIME_TOLERANCE_DAYS[t.precision] : 0,
    idKey: Number.parseInt(claim.id.slice(4, 17), 16) || 0,
    tier:
      lo === null || span > PARTIAL_MAX_DAYS
        ? 'background'
        : span <= ANCHOR_MAX_DAYS && claim.frame.place && actors.length
          ? 'anchor'
          : 'partial',
  };
}

/**
 * The canonical order of claims: narrowest span first, then earliest, then id. It decides which
 * claim leads an event (and so the event's id), whatever order the claims arrived in.
 */
export function compareProfiles(a: ClaimProfile, b: ClaimProfile): number {
  if (a.span !== b.span) return a.span < b.span ? -1 : 1;
  const al = a.lo ?? Number.POSITIVE_INFINITY;
  const bl = b.lo ?? Number.POSITIVE_INFINITY;
  if (al !== bl) return al < bl ? -1 : 1;
  // Ids are `clm_` + hex, so their leading hex digits order them as the strings do.
  if (a.idKey !== b.idKey) return a.idKey < b.idKey ? -1 : 1;
  return a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0;
}

/**
 * Whether two anchors name the same roles: both an acting and a target actor, or both only one. An
 * anchor naming only the acting side fits several acting→target pairs; linking through it would glue
 * them together, so it stays with its own kind.
 */
export function sameRoleShape(a: ClaimProfile, b: ClaimProfile): boolean {
  return a.sources.length > 0 === b.sources.length > 0 && a.targets.length > 0 === b.targets.length > 0;
}
