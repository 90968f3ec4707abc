import { contentId } from '../hash/content-id.ts';
import type { Claim, EventFrame } from '../model/claim.ts';
import type { Credibility, EventStatus, Reliability } from '../model/codes.ts';
import type { Document } from '../model/document.ts';
import type { Contradiction, Event, Origin } from '../model/event.ts';
import { type DocumentId, type EventId, ID_PREFIX, type OriginId, type SourceId } from '../model/ids.ts';
import type { Source } from '../model/source.ts';
import { epochDay, type IsoDateTime } from '../model/time.ts';

/** What corroboration needs to know about the documents and sources behind the claims. */
export interface CorroborationContext {
  documents: ReadonlyMap<DocumentId, Document>;
  sources: ReadonlyMap<SourceId, Source>;
}

/** Claims whose times lie further apart than this many days are about different happenings. */
const TIME_JOIN_DAYS = 3;

function isDenial(claim: Claim): boolean {
  return claim.stance === 'denies' || claim.negated;
}

/**
 * The part of a frame that decides whether two claims could describe the same happening: what kind
 * of act, by whom, against whom, where. Time is compared separately because it is fuzzy.
 */
export function frameKey(frame: EventFrame): string {
  const kind = frame.plover?.type ?? (frame.cameo ? `cameo:${frame.cameo.slice(0, 2)}` : 'unknown');
  const ids = (role: string) =>
    frame.actors
      .filter((a) => a.role === role)
      .map((a) => a.id)
      .sort()
      .join('+');
  const where = frame.place?.admin1 ?? frame.place?.country ?? '';
  return `${kind}|${ids('source')}|${ids('target')}|${where}`;
}

/** Follows syndication links back to the document that was copied. */
export function originalDocument(doc: Document, documents: ReadonlyMap<DocumentId, Document>): Document {
  let current = doc;
  const seen = new Set<DocumentId>([doc.id]);
  while (current.syndicatedFrom) {
    const next = documents.get(current.syndicatedFrom);
    if (!next || seen.has(next.id)) break;
    seen.add(next.id);
    current = next;
  }
  return current;
}

interface OriginKey {
  key: string;
  kind: Origin['kind'];
  label: string;
  actorId: Origin['actorId'];
  sourceId: SourceId | null;
}

function originOf(claim: Claim, ctx: CorroborationContext): OriginKey {
  if (claim.speaker) {
    // Officials of one institution (two spokespeople of one ministry) are one origin: key on the
    // institution's code when the speaker has one.
    return {
      key: `speaker:${claim.speaker.code ?? claim.speaker.id}`,
      kind: 'speaker',
      label: claim.speaker.name,
      actorId: claim.speaker.id,
      sourceId: null,
    };
  }
  const doc = ctx.documents.get(claim.documentId);
  if (claim.dataset) {
    const article = claim.dataset.url ?? doc?.url ?? claim.documentId;
    return {
      key: `article:${article}`,
      kind: 'dataset-article',
      label: article,
      actorId: null,
      sourceId: doc?.sourceId ?? null,
    };
  }
  const original = doc ? originalDocument(doc, ctx.documents) : null;
  const sourceId = original?.sourceId ?? null;
  const source = sourceId ? ctx.sources.get(sourceId) : undefined;
  return {
    key: sourceId ? `newsroom:${sourceId}` : `document:${original?.id ?? claim.documentId}`,
    kind: 'newsroom',
    label: source?.name ?? original?.publisher ?? original?.title ?? claim.documentId,
    actorId: null,
    sourceId,
  };
}

/** Country part of a CAMEO-style actor code (`PRKMIL` → `PRK`). */
function codeCountry(code: string | null | undefined): string | null {
  return code && /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : null;
}

function isInterested(origin: OriginKey, frame: EventFrame, ctx: CorroborationContext, claim: Claim): boolean {
  const parties = new Set(frame.actors.map((a) => a.id as string));
  const partyCountries = new Set(frame.actors.map((a) => codeCountry(a.code)).filter((c): c is string => c !== null));
  if (origin.actorId) {
    if (parties.has(origin.actorId)) return true;
    const speakerCountry = codeCountry(claim.speaker?.code);
    return speakerCountry !== null && partyCountries.has(speakerCountry);
  }
  const source = origin.sourceId ? ctx.sources.get(origin.sourceId) : undefined;
  return source?.kind === 'government' && source.country !== null && partyCountries.has(source.country);
}

function reliabilityOf(origin: Origin, ctx: CorroborationContext): Reliability {
  return origin.sourceId ? (ctx.sources.get(origin.sourceId)?.reliability ?? 'F') : 'F';
}

/** Groups claims into clusters of the same happening. Deterministic whatever the input order. */
export function clusterClaims(claims: readonly Claim[]): Claim[][] {
  const byKey = new Map<string, Claim[]>();
  const sorted = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const claim of sorted) {
    const key = frameKey(claim.frame);
    const group = byKey.get(key);
    if (group) group.push(claim);
    else byKey.set(key, [claim]);
  }
  const clusters: Claim[][] = [];
  for (const group of byKey.values()) {
    const dated = group.filter((c) => c.frame.time).sort((a, b) => startDay(a) - startDay(b) || cmpId(a, b));
    const undated = group.filter((c) => !c.frame.time);
    const runs: Claim[][] = [];
    let runEnd = Number.NEGATIVE_INFINITY;
    for (const claim of dated) {
      const t = claim.frame.time;
      if (!t) continue;
      const current = runs.at(-1);
      if (current && epochDay(t.start) <= runEnd + TIME_JOIN_DAYS) {
        current.push(claim);
        runEnd = Math.max(runEnd, epochDay(t.end));
      } else {
        runs.push([claim]);
        runEnd = epochDay(t.end);
      }
    }
    // An undated claim cannot be placed in time, so it joins the earliest happening it could describe.
    if (undated.length) {
      const first = runs[0];
      if (first) first.push(...undated);
      else runs.push(undated);
    }
    clusters.push(...runs);
  }
  return clusters;
}

function startDay(c: Claim): number {
  return c.frame.time ? epochDay(c.frame.time.start) : 0;
}

function cmpId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function quantityContradictions(claims: readonly Claim[]): Contradiction[] {
  const byUnit = new Map<string, { value: number; claim: Claim }[]>();
  for (const claim of claims) {
    for (const q of claim.frame.quantities) {
      const list = byUnit.get(q.unit) ?? [];
      list.push({ value: q.value, claim });
      byUnit.set(q.unit, list);
    }
  }
  const out: Contradiction[] = [];
  for (const [unit, values] of byUnit) {
    const distinct = [...new Set(values.map((v) => v.value))].sort((a, b) => a - b);
    const low = distinct[0];
    const high = distinct.at(-1);
    // Reports that differ by less than a tenth are rounding, not disagreement.
    if (low === undefined || high === undefined || high <= low * 1.1) continue;
    const lowSide = values.filter((v) => v.value === low).map((v) => v.claim.id);
    const highSide = values.filter((v) => v.value !== low).map((v) => v.claim.id);
    out.push({
      kind: 'quantity',
      claimIds: [...new Set(lowSide)].sort(),
      againstClaimIds: [...new Set(highSide)].sort(),
      summary: `${unit}: reports range from ${low.toLocaleString('en-US')} to ${high.toLocaleString('en-US')}`,
    });
  }
  return out;
}

function pickCanonical(claims: readonly Claim[]): Claim {
  const score = (c: Claim) =>
    (c.frame.place ? 4 : 0) +
    (c.frame.time ? 2 : 0) +
    (c.frame.quantities.length ? 1 : 0) +
    c.frame.actors.length / 100;
  return [...claims].sort((a, b) => score(b) - score(a) || cmpId(a, b))[0] as Claim;
}

/**
 * Weighs one cluster of claims: counts independent origins, records denials and conflicting numbers,
 * and grades credibility on the Admiralty scale with a rationale that names what was counted.
 */
export function weighCluster(cluster: readonly Claim[], ctx: CorroborationContext): Event {
  const usable = cluster.filter((c) => {
    const doc = ctx.documents.get(c.documentId);
    const source = doc?.sourceId ? ctx.sources.get(doc.sourceId) : undefined;
    return !doc?.retracted && !source?.discredited;
  });
  const supporting = usable.filter((c) => !isDenial(c));
  const denying = usable.filter(isDenial);
  const canonical = pickCanonical(supporting.length ? supporting : cluster);

  const origins = new Map<string, Origin>();
  for (const claim of usable) {
    const o = originOf(claim, ctx);
    let origin = origins.get(o.key);
    if (!origin) {
      origin = {
        id: contentId(ID_PREFIX.origin, o.key) as OriginId,
        kind: o.kind,
        label: o.label,
        actorId: o.actorId,
        sourceId: o.sourceId,
        documentIds: [],
        claimIds: [],
        interested: isInterested(o, canonical.frame, ctx, claim),
      };
      origins.set(o.key, origin);
    }
    if (o.kind === 'speaker' && !origin.label.split('; ').includes(o.label))
      origin.label = `${origin.label}; ${o.label}`;
    if (!origin.documentIds.includes(claim.documentId)) origin.documentIds.push(claim.documentId);
    origin.claimIds.push(claim.id);
  }
  const originList = [...origins.values()].sort(cmpId);
  for (const o of originList) {
    o.documentIds.sort();
    o.claimIds.sort();
  }
  const supportingIds = new Set(supporting.map((c) => c.id));
  const supportOrigins = originList.filter((o) => o.claimIds.some((id) => supportingIds.has(id)));
  const independent = supportOrigins.filter((o) => !o.interested);

  const contradictions: Contradiction[] = [];
  if (denying.length && supporting.length) {
    contradictions.push({
      kind: 'denial',
      claimIds: supporting.map((c) => c.id).sort(),
      againstClaimIds: denying.map((c) => c.id).sort(),
      summary: `Denied by ${[...new Set(denying.map((c) => c.speaker?.name ?? originOf(c, ctx).label))].join(', ')}`,
    });
  }
  contradictions.push(...quantityContradictions(supporting));

  const reliable = independent.some((o) => ['A', 'B'].includes(reliabilityOf(o, ctx)) || o.kind === 'speaker');
  let credibility: Credibility;
  if (independent.length >= 3 && reliable) credibility = 1;
  else if (independent.length >= 2) credibility = 2;
  else if (independent.length === 1) {
    const grade = reliabilityOf(independent[0] as Origin, ctx);
    credibility = grade === 'F' && independent[0]?.kind !== 'speaker' ? 6 : ['A', 'B', 'C'].includes(grade) ? 3 : 4;
  } else credibility = 6;

  const partyDenial = denying.some((c) => originList.find((o) => o.claimIds.includes(c.id))?.interested);
  let status: EventStatus;
  if (credibility === 1) status = 'confirmed';
  else if (denying.length && (partyDenial || !supporting.length)) status = 'denied';
  else if (contradictions.length) status = 'disputed';
  else if (independent.length >= 2) status = 'corroborated';
  else status = 'reported';

  const dates = usable
    .map((c) => ctx.documents.get(c.documentId))
    .map((d) => d?.published ?? d?.retrieved ?? null)
    .filter((d): d is IsoDateTime => d !== null)
    .sort();

  const describe = (o: Origin) => `${o.label} (${o.kind}${o.interested ? ', party to the event' : ''})`;
  const parts = [
    `${independent.length} independent origin${independent.length === 1 ? '' : 's'}${independent.length ? `: ${independent.map(describe).join('; ')}` : ''}.`,
  ];
  const interested = supportOrigins.filter((o) => o.interested);
  if (interested.length) parts.push(`Not counted as independent: ${interested.map(describe).join('; ')}.`);
  const copies = usable.length - supportOrigins.reduce((n, o) => n + o.claimIds.length, 0) - denying.length;
  if (copies > 0) parts.push(`${copies} further claims repeat origins already counted.`);
  for (const c of contradictions) parts.push(`Contradiction (${c.kind}): ${c.summary}.`);
  const excluded = cluster.length - usable.length;
  if (excluded) parts.push(`${excluded} claims excluded: retracted documents or discredited sources.`);
  parts.push(`Graded ${credibility}.`);

  const seed = [...cluster].sort(cmpId)[0] as Claim;
  return {
    id: contentId(ID_PREFIX.event, seed.id) as EventId,
    claimIds: cluster.map((c) => c.id).sort(),
    frame: {
      ...canonical.frame,
      quantities: dedupeQuantities(supporting.flatMap((c) => c.frame.quantities)),
    },
    origins: originList,
    credibility,
    rationale: parts.join(' '),
    status,
    contradictions,
    firstReported: dates[0] ?? null,
  };
}

function dedupeQuantities(qs: EventFrame['quantities']): EventFrame['quantities'] {
  const seen = new Map<string, EventFrame['quantities'][number]>();
  for (const q of qs) {
    const key = `${q.unit}:${q.value}`;
    if (!seen.has(key)) seen.set(key, q);
  }
  return [...seen.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.value - b.value));
}

/** Claims → Events: cluster, then weigh each cluster. Same claims in any order give the same events. */
export function corroborate(claims: readonly Claim[], ctx: CorroborationContext): Event[] {
  return clusterClaims(claims)
    .map((cluster) => weighCluster(cluster, ctx))
    .sort(cmpId);
}
