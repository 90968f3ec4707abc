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

function actorRelation(a: ClaimProfile, b: ClaimProfile): { score: number; reasons: string[] } | null {
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
    reasons.push('neither names an actor');
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

export function placeRelation(a: PlaceRef | null, b: PlaceRef | null): PlaceRelation | null {
  if (!a || !b) return { score: 0, reason: 'place not given by both' };
  const distance = isPoint(a) && isPoint(b) ? km(a, b) : null;
  if (a.id === b.id) return { score: 30, reason: `same place ${a.name}` };
  if (a.admin1 && b.admin1 && a.admin1 === b.admin1) {
    if (distance !== null && distance > SAME_UNIT_MAX_KM) return null;
    return { score: 30, reason: `same admin-1 unit ${a.admin1}` };
  }
  if (a.country && a.country === b.country) {
    if (!a.admin1 && !b.admin1) return { score: 30, reason: `same country ${a.country}` };
    if (!a.admin1 || !b.admin1) {
      const [outer, inner] = a.admin1 ? [b, a] : [a, b];
      return { score: 20, reason: `${outer.name} contains ${inner.name}` };
    }
  }
  if (distance !== null && distance <= NEAR_KM)
    return { score: 10, reason: `${a.name} and ${b.name} are ${Math.round(distance)} km apart` };
  return null;
}

function spanText(p: ClaimProfile): string {
  if (p.lo === null || p.hi === null) return 'undated';
  const start = dateFromEpochDay(p.lo);
  return p.lo === p.hi ? start : `${start}…${dateFromEpochDay(p.hi)}`;
}

export function timeRelation(a: ClaimProfile, b: ClaimProfile): { score: number; reason: string } | null {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) {
    return a.lo === null && b.lo === null ? { score: 0, reason: 'neither is dated' } : null;
  }
  if (a.lo === b.lo && a.hi === b.hi) return { score: 3, reason: `same time ${spanText(a)}` };
  if ((a.lo <= b.lo && b.hi <= a.hi) || (b.lo <= a.lo && a.hi <= b.hi)) {
    const [outer, inner] = a.hi - a.lo >= b.hi - b.lo ? [a, b] : [b, a];
    return { score: 2, reason: `${spanText(inner)} lies within ${spanText(outer)}` };
  }
  if (a.lo <= b.hi && b.lo <= a.hi) return { score: 1, reason: `${spanText(a)} overlaps ${spanText(b)}` };
  const gap = a.lo > b.hi ? a.lo - b.hi : b.lo - a.hi;
  // Each side's precision earns its own slack: a dated report may be a day off, "in October" is not.
  if (gap <= a.tolerance + b.tolerance)
    return { score: 0, reason: `${spanText(a)} and ${spanText(b)} are ${gap} day${gap === 1 ? '' : 's'} apart` };
  return null;
}

/**
 * Whether two claims can describe one happening: the same (or a commonly confused) event type; in
 * each role both name, at least one shared actor; compatible places; times that meet within each
 * claim's precision. Symmetric, and null as soon as one test fails.
 */
export function joinClaims(a: ClaimProfile, b: ClaimProfile): Join | null {
  if (a.typeKey !== b.typeKey || a.typeKey === 'unknown') return null;
  const time = timeRelation(a, b);
  if (!time) return null;
  const actors = actorRelation(a, b);
  if (!actors) return null;
  const place = placeRelation(a.place, b.place);
  if (!place) return null;
  const type = a.typeKey.startsWith('cameo:') ? `same CAMEO root ${a.typeKey.slice(6)}` : `same type ${a.typeKey}`;
  return {
    score: place.score + actors.score * 2 + time.score,
    reasons: [type, ...actors.reasons, place.reason, time.reason],
  };
}
