import type { FrameRole, PlaceRef } from '../../model/claim.ts';
import { dateFromEpochDay } from '../../model/time.ts';
import type { ClaimProfile, ProfileActor } from './claim-profile.ts';

/** Two points this close (km) can be one happening even across an admin-1 or national border. */
export const NEAR_KM = 25;
/** Two points in one admin-1 unit further apart than this (km) are different places. */
export const SAME_UNIT_MAX_KM = 100;

/** Why two claims can describe one happening, and how closely they fit (higher is closer). */
export interface Join {
  score: number;
  reasons: string[];
}

type PlaceRelation = { score: number; reason: string };

function actorMatch(x: ProfileActor, y: ProfileActor): 'same' | 'contains' | null {
  if (x.id === y.id) return 'same';
  if (!x.code || !y.code) return null;
  if (x.code === y.code) return 'same';
  // A bare country code names the whole state: `PRK` contains `PRKMIL`, but `PRKMIL` and `PRKGOV` differ.
  if (x.code.length >= 3 && y.code.length >= 3 && (x.code.startsWith(y.code) || y.code.startsWith(x.code)))
    return 'contains';
  return null;
}

const ROLE_WORD: Record<FrameRole, string> = { source: 'acting', target: 'target', other: 'also involved' };

function label(a: ProfileActor): string {
  return a.code ?? a.name;
}

function actorRelation(a: ClaimProfile, b: ClaimProfile, why: boolean): { score: number; reasons: string[] } | null {
  let score = 0;
  const reasons: string[] = [];
  let matched = false;
  for (const role of ['source', 'target', 'other'] as const) {
    const xs = a.actors.filter((x) => x.role === role);
    const ys = b.actors.filter((y) => y.role === role);
    if (!xs.length || !ys.length) continue;
    let roleMatched = false;
    for (const x of xs) {
      for (const y of ys) {
        const m = actorMatch(x, y);
        if (!m) continue;
        roleMatched = true;
        score += m === 'same' ? 3 : 1;
        if (why)
          reasons.push(
            m === 'same'
              ? `same ${ROLE_WORD[role]} actor ${label(x)}`
              : `${ROLE_WORD[role]} actors ${label(x)} and ${label(y)} are one state`,
          );
      }
    }
    // Roles matter: "A attacked B" and "B attacked A" are different happenings.
    if (!roleMatched && role !== 'other') return null;
    matched ||= roleMatched;
  }
  if (!matched) {
    if (a.actors.length || b.actors.length) return null;
    if (why) reasons.push('neither names an actor');
  }
  return { score, reasons };
}

function km(a: PlaceRef, b: PlaceRef): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const isPoint = (p: PlaceRef) => p.level === 'city' || p.level === 'point';

export function placeRelation(a: PlaceRef | null, b: PlaceRef | null, why = true): PlaceRelation | null {
  if (!a || !b) return { score: 0, reason: 'place not given by both' };
  const distance = isPoint(a) && isPoint(b) ? km(a, b) : null;
  if (a.id === b.id) return { score: 30, reason: why ? `same place ${a.name}` : '' };
  if (a.admin1 && b.admin1 && a.admin1 === b.admin1) {
    if (distance !== null && distance > SAME_UNIT_MAX_KM) return null;
    return { score: 30, reason: why ? `same admin-1 unit ${a.admin1}` : '' };
  }
  if (a.country && a.country === b.country) {
    if (!a.admin1 && !b.admin1) return { score: 30, reason: why ? `same country ${a.country}` : '' };
    if (!a.admin1 || !b.admin1) {
      const [outer, inner] = a.admin1 ? [b, a] : [a, b];
      return { score: 20, reason: why ? `${outer.name} contains ${inner.name}` : '' };
    }
  }
  if (distance !== null && distance <= NEAR_KM)
    return { score: 10, reason: why ? `${a.name} and ${b.name} are ${Math.round(distance)} km apart` : '' };
  return null;
}

function spanText(p: ClaimProfile): string {
  if (p.lo === null || p.hi === null) return 'undated';
  const start = dateFromEpochDay(p.lo);
  return p.lo === p.hi ? start : `${start}…${dateFromEpochDay(p.hi)}`;
}

export function timeRelation(a: ClaimProfile, b: ClaimProfile, why = true): { score: number; reason: string } | null {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) {
    return a.lo === null && b.lo === null ? { score: 0, reason: 'neither is dated' } : null;
  }
  if (a.lo === b.lo && a.hi === b.hi) return { score: 3, reason: why ? `same time ${spanText(a)}` : '' };
  if ((a.lo <= b.lo && b.hi <= a.hi) || (b.lo <= a.lo && a.hi <= b.hi)) {
    const [outer, inner] = a.hi - a.lo >= b.hi - b.lo ? [a, b] : [b, a];
    return { score: 2, reason: why ? `${spanText(inner)} lies within ${spanText(outer)}` : '' };
  }
  if (a.lo <= b.hi && b.lo <= a.hi) return { score: 1, reason: why ? `${spanText(a)} overlaps ${spanText(b)}` : '' };
  const gap = a.lo > b.hi ? a.lo - b.hi : b.lo - a.hi;
  // Each side's precision earns its own slack: a dated report may be a day off, "in October" is not.
  if (gap <= a.tolerance + b.tolerance)
    return {
      score: 0,
      reason: why ? `${spanText(a)} and ${spanText(b)} are ${gap} day${gap === 1 ? '' : 's'} apart` : '',
    };
  return null;
}

/**
 * Whether two claims can describe one happening, and how closely (higher is closer): the same (or a
 * commonly confused) event type; in each role both name, at least one shared actor; compatible places;
 * times that meet within each claim's precision. Symmetric; null as soon as one test fails. The hot
 * path of clustering, so it builds no text: `joinClaims` says why.
 */
export function joinScore(a: ClaimProfile, b: ClaimProfile): number | null {
  if (a.typeKey !== b.typeKey || a.typeKey === 'unknown') return null;
  const time = timeScore(a, b);
  if (time < 0) return null;
  const actors = actorScore(a, b);
  if (actors < 0) return null;
  const place = placeRelation(a.place, b.place, false);
  if (!place) return null;
  return place.score + actors * 2 + time;
}

/** `timeRelation`'s score without its text; -1 when the times cannot meet. */
function timeScore(a: ClaimProfile, b: ClaimProfile): number {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) return a.lo === null && b.lo === null ? 0 : -1;
  if (a.lo === b.lo && a.hi === b.hi) return 3;
  if ((a.lo <= b.lo && b.hi <= a.hi) || (b.lo <= a.lo && a.hi <= b.hi)) return 2;
  if (a.lo <= b.hi && b.lo <= a.hi) return 1;
  const gap = a.lo > b.hi ? a.lo - b.hi : b.lo - a.hi;
  return gap <= a.tolerance + b.tolerance ? 0 : -1;
}

function roleScore(xs: readonly ProfileActor[], ys: readonly ProfileActor[]): number {
  let score = 0;
  for (const x of xs) {
    for (const y of ys) {
      const m = actorMatch(x, y);
      if (m) score += m === 'same' ? 3 : 1;
    }
  }
  return score;
}

/** `actorRelation`'s score without its text; -1 when the actors rule the pair out. */
function actorScore(a: ClaimProfile, b: ClaimProfile): number {
  let score = 0;
  let matched = false;
  if (a.sources.length && b.sources.length) {
    const s = roleScore(a.sources, b.sources);
    if (!s) return -1;
    score += s;
    matched = true;
  }
  if (a.targets.length && b.targets.length) {
    const s = roleScore(a.targets, b.targets);
    if (!s) return -1;
    score += s;
    matched = true;
  }
  if (a.others.length && b.others.length) {
    const s = roleScore(a.others, b.others);
    score += s;
    matched ||= s > 0;
  }
  if (!matched && (a.actors.length || b.actors.length)) return -1;
  return score;
}

/** `joinScore` with the reasons spelled out, for explanations. */
export function joinClaims(a: ClaimProfile, b: ClaimProfile): Join | null {
  if (a.typeKey !== b.typeKey || a.typeKey === 'unknown') return null;
  const time = timeRelation(a, b);
  if (!time) return null;
  const actors = actorRelation(a, b, true);
  if (!actors) return null;
  const place = placeRelation(a.place, b.place);
  if (!place) return null;
  const ta = a.claim.frame.plover?.type;
  const tb = b.claim.frame.plover?.type;
  const type = a.typeKey.startsWith('cameo:')
    ? `same CAMEO root ${a.typeKey.slice(6)}`
    : ta === tb
      ? `same type ${ta}`
      : `related types ${ta} and ${tb}`;
  return {
    score: place.score + actors.score * 2 + time.score,
    reasons: [type, ...actors.reasons, place.reason, time.reason],
  };
}
