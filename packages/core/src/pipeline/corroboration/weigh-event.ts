import { contentId } from '../../hash/content-id.ts';
import { type Claim, type EventFrame, type FrameActor, isVerbalFrame } from '../../model/claim.ts';
import { CREDIBILITY_LABELS, RELIABILITY_GRADES, type Reliability } from '../../model/codes.ts';
import type { Contradiction, Event, Origin } from '../../model/event.ts';
import { type ClaimId, type DocumentId, type EventId, ID_PREFIX, type OriginId } from '../../model/ids.ts';
import { dateFromEpochDay, type IsoDateTime, type TimeSpan } from '../../model/time.ts';
import { type ClaimOrigin, type CorroborationContext, codeCountry, exclusionOf, originOf } from './claim-origin.ts';
import type { ClaimProfile } from './claim-profile.ts';
import { type ClaimCluster, isDenial } from './cluster-claims.ts';
import {
  type ClaimFacts,
  dateContradictions,
  denialContradictions,
  placeContradictions,
  type QuantityPhases,
  quantityFindings,
} from './find-contradictions.ts';
import { eventStatus, type GradeBasis, gradeCredibility, type SupportLine } from './grade-credibility.ts';

/** An event's id: the hash of the claim that leads it (the first in canonical order). */
export function eventIdOf(leader: ClaimId): EventId {
  return contentId(ID_PREFIX.event, leader) as EventId;
}

export function isHedged(claim: Claim): boolean {
  return claim.hypothetical || claim.stance === 'speculates';
}

/** A claim that says the event happened: neither hedged nor a denial. Only these confirm. */
export function supportsEvent(claim: Claim): boolean {
  return !isHedged(claim) && !isDenial(claim);
}

/**
 * The independent lines of reporting that say the event happened, as its grade counts them: origins
 * that are not parties to it, once per lineage, with at least one supporting claim.
 */
export function independentLineCount(
  event: Pick<Event, 'origins'>,
  claimOf: (id: ClaimId) => Claim | undefined,
): number {
  const supporting = (id: ClaimId) => {
    const c = claimOf(id);
    return c !== undefined && supportsEvent(c);
  };
  return new Set(event.origins.filter((o) => !o.interested && o.claimIds.some(supporting)).map((o) => o.lineage)).size;
}

/** Origin ids by key: the same origins recur across events, and each id is a SHA-256. */
const originIds = new Map<string, OriginId>();
function originId(key: string): OriginId {
  let id = originIds.get(key);
  if (!id) {
    id = contentId(ID_PREFIX.origin, key) as OriginId;
    if (originIds.size > 200_000) originIds.clear();
    originIds.set(key, id);
  }
  return id;
}

function bestGrade(grades: Iterable<Reliability>): Reliability {
  let best: Reliability = 'F';
  for (const g of grades) if (RELIABILITY_GRADES.indexOf(g) < RELIABILITY_GRADES.indexOf(best)) best = g;
  return best;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unionActors(canonical: Claim, members: readonly ClaimProfile[]): FrameActor[] {
  const seen = new Set<string>();
  const out: FrameActor[] = [];
  const rest: FrameActor[] = [];
  for (const a of canonical.frame.actors) {
    const key = `${a.role}:${a.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(a);
    }
  }
  for (const m of members) {
    for (const a of m.claim.frame.actors) {
      const key = `${a.role}:${a.id}`;
      if (!seen.has(key)) {
        seen.add(key);
        rest.push(a);
      }
    }
  }
  const order = { source: 0, target: 1, other: 2 } as const;
  return [...out, ...rest.sort((a, b) => order[a.role] - order[b.role] || cmp(a.id, b.id))];
}

/** The days every claim of the event covers: what the event's time must span to be found by time. */
function hull(members: readonly ClaimProfile[], canonical: Claim): TimeSpan | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let uniform = true;
  const t = canonical.frame.time;
  for (const m of members) {
    if (m.lo === null || m.hi === null) continue;
    lo = Math.min(lo, m.lo);
    hi = Math.max(hi, m.hi);
    const mt = m.claim.frame.time;
    if (!t || !mt || mt.start !== t.start || mt.end !== t.end || mt.precision !== t.precision) uniform = false;
  }
  if (lo === Number.POSITIVE_INFINITY) return canonical.frame.time;
  if (uniform && t) return t;
  return { start: dateFromEpochDay(lo), end: dateFromEpochDay(hi), precision: lo === hi ? 'day' : 'range' };
}

function dedupeQuantities(qs: EventFrame['quantities']): EventFrame['quantities'] {
  const seen = new Map<string, EventFrame['quantities'][number]>();
  for (const q of qs) {
    const key = `${q.unit}:${q.value}`;
    if (!seen.has(key)) seen.set(key, q);
  }
  return [...seen.values()].sort((a, b) => cmp(a.unit, b.unit) || a.value - b.value);
}

/**
 * Weighs one cluster into an Event: gathers origins, sets aside retracted and discredited claims,
 * records contradictions (denials, also from broader claims filed with other events), grades
 * credibility and status, and writes a rationale that names every origin and contradiction counted.
 */
export function weighEvent(cluster: ClaimCluster, ctx: CorroborationContext): Event {
  const members = cluster.members;
  const leader = members[0]?.claim;
  if (!leader) throw new Error('weighEvent: a cluster needs at least one claim');

  const origins = new Map<ClaimId, ClaimOrigin>();
  const excluded = new Map<ClaimId, string>();
  for (const p of [...members, ...cluster.bearing]) {
    origins.set(p.claim.id, originOf(p.claim, ctx));
    const why = exclusionOf(p.claim, ctx);
    if (why) excluded.set(p.claim.id, why);
  }
  const usable = members.map((m) => m.claim).filter((c) => !excluded.has(c.id));
  const hedged = usable.filter(isHedged);
  const denials = usable.filter((c) => !isHedged(c) && isDenial(c));
  const support = usable.filter((c) => !isHedged(c) && !isDenial(c));
  const bearing = cluster.bearing.map((b) => b.claim).filter((c) => !excluded.has(c.id));

  const canonical = support[0] ?? usable[0] ?? leader;
  const actors = unionActors(canonical, members);
  const partyIds = new Set<string>(actors.map((a) => a.id));
  const partyCountries = new Set(actors.map((a) => codeCountry(a.code)).filter((c): c is string => c !== null));
  // A statement, accusation or appeal is itself the event: its author's own word is the primary record
  // of it, not a party's self-serving account. Only for material acts is the actor's word "interested".
  const verbal = isVerbalFrame(canonical.frame);
  const actingCountries = new Set(
    actors
      .filter((a) => a.role === 'source')
      .map((a) => codeCountry(a.code))
      .filter((c): c is string => c !== null),
  );
  const actingIds = new Set<string>(actors.filter((a) => a.role === 'source').map((a) => a.id));
  const interestedOrigin = (o: ClaimOrigin) => {
    if (
      verbal &&
      ((o.actorId !== null && actingIds.has(o.actorId)) || (o.country !== null && actingCountries.has(o.country)))
    )
      return false;
    return (
      (o.actorId !== null && partyIds.has(o.actorId)) ||
      (o.country !== null && partyCountries.has(o.country) && (o.kind === 'speaker' || o.sourceKind === 'government'))
    );
  };

  const originOfClaim = (c: Claim) => origins.get(c.id) as ClaimOrigin;
  const published = (c: Claim): IsoDateTime | null => {
    const d = ctx.documents.get(c.documentId);
    return d?.published ?? d?.retrieved ?? null;
  };
  const facts: ClaimFacts = {
    lineage: (c) => originOfClaim(c).lineage,
    by: (c) => originOfClaim(c).label,
    interested: (c) => interestedOrigin(originOfClaim(c)),
    published,
  };

  // Origins: every usable member, grouped by origin key.
  const byKey = new Map<string, { o: ClaimOrigin; labels: Set<string>; claims: Claim[]; grades: Reliability[] }>();
  for (const c of usable) {
    const o = originOfClaim(c);
    const entry = byKey.get(o.key) ?? { o, labels: new Set<string>(), claims: [], grades: [] };
    entry.labels.add(o.label);
    entry.claims.push(c);
    entry.grades.push(o.reliability);
    byKey.set(o.key, entry);
  }
  const originList: Origin[] = [...byKey.values()]
    .map(({ o, labels, claims, grades }) => ({
      id: originId(o.key),
      kind: o.kind,
      label: [...labels].sort().join('; '),
      actorId: o.actorId,
      sourceId: o.sourceId,
      documentIds: [...new Set(claims.map((c) => c.documentId))].sort() as DocumentId[],
      claimIds: [...new Set(claims.map((c) => c.id))].sort() as ClaimId[],
      interested: interestedOrigin(o),
      lineage: o.lineage,
      reliability: bestGrade(grades),
    }))
    .sort((a, b) => cmp(a.id, b.id));

  const supportIds = new Set(support.map((c) => c.id));
  const supportOrigins = originList.filter((o) => o.claimIds.some((id) => supportIds.has(id)));
  const lineMap = new Map<string, Origin[]>();
  for (const o of supportOrigins.filter((x) => !x.interested))
    lineMap.set(o.lineage, [...(lineMap.get(o.lineage) ?? []), o]);
  const lines: SupportLine[] = [...lineMap]
    .map(([lineage, os]) => ({
      lineage,
      label: os.map((o) => o.label).join('; '),
      reliability: bestGrade(os.map((o) => o.reliability)),
      datasetOnly: os.every((o) => o.kind === 'dataset-article'),
    }))
    .sort((a, b) => cmp(a.lineage, b.lineage));
  const interestedLines = new Set(supportOrigins.filter((o) => o.interested).map((o) => o.lineage));

  const denialRecords = denialContradictions(support, [...denials, ...bearing], facts);
  const quantities = quantityFindings(support, facts);
  const contradictions: Contradiction[] = [
    ...denialRecords,
    ...quantities.contradictions,
    ...dateContradictions(support, facts),
    ...(verbal ? [] : placeContradictions(support, facts)),
  ];
  const standingDenials = denialRecords.filter((d) => d.standing);
  const basis: GradeBasis = {
    usableClaims: usable.length,
    lines,
    interestedLines: interestedLines.size,
    hedgedClaims: hedged.length,
    supportClaims: support.length,
    denialClaims: denials.length + bearing.length,
    independentDenials: standingDenials.filter((d) => !d.party?.interested).length,
    partyDenialStanding: standingDenials.some((d) => d.party?.interested),
    detailContradictions: contradictions.filter((c) => c.kind !== 'denial' && c.standing).length,
    whenWhereContradictions: contradictions.filter((c) => (c.kind === 'date' || c.kind === 'place') && c.standing)
      .length,
  };
  const { credibility, why } = gradeCredibility(basis);
  const status = eventStatus(basis, credibility);

  const rationale = writeRationale({
    lines,
    interested: supportOrigins.filter((o) => o.interested),
    copies: support.length - new Set(support.map((c) => originOfClaim(c).key)).size,
    hedged: hedged.length,
    contradictions,
    phases: quantities.phases,
    excluded: members.map((m) => excluded.get(m.claim.id)).filter((w): w is string => w !== undefined),
    credibility,
    why,
  });

  const dates = usable
    .map(published)
    .filter((d): d is IsoDateTime => d !== null)
    .sort();
  return {
    id: eventIdOf(leader.id),
    claimIds: members.map((m) => m.claim.id).sort(),
    frame: {
      ...canonical.frame,
      actors,
      time: hull(members, canonical),
      quantities: dedupeQuantities(support.flatMap((c) => c.frame.quantities)),
    },
    origins: originList,
    credibility,
    rationale,
    status,
    contradictions,
    firstReported: dates[0] ?? null,
  };
}

function writeRationale(r: {
  lines: SupportLine[];
  interested: Origin[];
  copies: number;
  hedged: number;
  contradictions: Contradiction[];
  phases: QuantityPhases[];
  excluded: string[];
  credibility: keyof typeof CREDIBILITY_LABELS;
  why: string;
}): string {
  const n = r.lines.length;
  const parts = [
    `${n} independent line${n === 1 ? '' : 's'} of reporting${n ? `: ${r.lines.map((l) => `${l.label} [${l.lineage}, reliability ${l.reliability}]`).join('; ')}` : ''}.`,
  ];
  if (r.interested.length)
    parts.push(
      `Not counted as independent (party to the event): ${r.interested.map((o) => `${o.label} [${o.lineage}]`).join('; ')}.`,
    );
  if (r.copies > 0)
    parts.push(
      `${r.copies} further claim${r.copies === 1 ? '' : 's'} repeat${r.copies === 1 ? 's' : ''} an origin already counted (copies, quotes of the same speaker).`,
    );
  if (r.hedged)
    parts.push(
      `${r.hedged} claim${r.hedged === 1 ? ' only speculates or is' : 's only speculate or are'} conditional.`,
    );
  for (const c of r.contradictions)
    parts.push(`Contradiction (${c.kind}${c.standing ? '' : ', no longer standing'}): ${c.summary}.`);
  for (const p of r.phases)
    parts.push(
      `Figures for different periods, read as stages rather than a contradiction — ${p.unit}: ${p.steps
        .map(
          (s) =>
            `${s.low.toLocaleString('en-US')}${s.high !== s.low ? `–${s.high.toLocaleString('en-US')} (disputed)` : ''} (${s.scope}, ${s.by.join(', ')})`,
        )
        .join('; ')}.`,
    );
  if (r.excluded.length) {
    const counts = new Map<string, number>();
    for (const w of r.excluded) counts.set(w, (counts.get(w) ?? 0) + 1);
    parts.push(`Excluded: ${[...counts].map(([w, k]) => `${k} claim${k === 1 ? '' : 's'}, ${w}`).join('; ')}.`);
  }
  parts.push(`Credibility ${r.credibility} (${CREDIBILITY_LABELS[r.credibility]}): ${r.why}.`);
  return parts.join(' ');
}
