import {
  type Claim,
  CREDIBILITY_LABELS,
  type Credibility,
  type Document,
  type DocumentId,
  documentId,
  type Event,
  type EventFilter,
  type FrameActor as EventFrameActor,
  type EventId,
  type EventStatus,
  type Extractor,
  epochDay,
  type IsoDateTime,
  isVerbalFrame,
  type PlaceRef,
  type Store,
  type TimeSpan,
  textHash,
} from '@parallax/core';

export type ClaimVerdict = 'supported' | 'contradicted' | 'unverified';

/** A workspace claim shown as evidence, with the document it is quoted from. */
export interface EvidenceQuote {
  claimId: string;
  quote: string;
  stance: Claim['stance'];
  speaker: string | null;
  documentId: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  published: string | null;
  /** What the claim states that the draft's claim is compared on. */
  time: TimeSpan | null;
  place: string | null;
}

export type ConflictKind = 'date' | 'place' | 'quantity' | 'denial';

/** Why a draft's claim cannot stand as written: another date, another place, another number, a denial. */
export interface ClaimConflict {
  kind: ConflictKind;
  summary: string;
  quotes: EvidenceQuote[];
}

export interface ClaimEvidence {
  eventId: EventId;
  status: EventStatus;
  credibility: Credibility;
  credibilityLabel: string;
  rationale: string;
  /** Independent origins first; `interested` marks parties to the event. */
  origins: { label: string; kind: string; interested: boolean }[];
  supporting: EvidenceQuote[];
  conflicts: ClaimConflict[];
}

/** One factual claim of a draft and what the workspace says about it. */
export interface BriefClaimCheck {
  line: number;
  text: string;
  verdict: ClaimVerdict;
  evidence: ClaimEvidence | null;
  claim: Claim;
}

export interface BriefClaimInput {
  /** Name of the draft, for the id the extractor sees. */
  name: string;
  /** The draft's prose: offsets and line breaks those of the draft file. */
  text: string;
  /** The draft's date, which anchors relative dates ("on Monday"). */
  published: IsoDateTime | null;
  retrieved: IsoDateTime;
}

/**
 * Days either side of a claim's date within which a workspace event of the same kind and actors is
 * taken to be the same happening misdated, rather than another happening.
 */
export const DATE_SLIP_DAYS = 7;

function isDenial(c: Pick<Claim, 'stance' | 'negated'>): boolean {
  return c.stance === 'denies' || c.negated;
}

function codeCountry(code: string | null | undefined): string | null {
  return code && /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : null;
}

type FrameActorLike = EventFrameActor;

function sameActor(a: FrameActorLike, b: FrameActorLike): boolean {
  return a.id === b.id || (codeCountry(a.code) !== null && codeCountry(a.code) === codeCountry(b.code));
}

/**
 * How well the draft claim's actors fit the event's: the share of the draft's actors found among the
 * event's (by id, or by country code, so `RUS` meets `RUSGOV`), 0 when none is. Roles must agree
 * (a source is a source; `other` fits any role) unless every actor on both sides matches, which
 * allows for symmetric acts written the other way round ("Russia and North Korea signed").
 */
function actorMatch(claim: Claim, event: Event): number {
  const actors = claim.frame.actors;
  const theirs = event.frame.actors;
  if (!actors.length || !theirs.length) return 0;
  const roleFits = (a: FrameActorLike, b: FrameActorLike) =>
    a.role === b.role || a.role === 'other' || b.role === 'other';
  const withRoles = actors.filter((a) => theirs.some((b) => sameActor(a, b) && roleFits(a, b))).length;
  const any = actors.filter((a) => theirs.some((b) => sameActor(a, b))).length;
  const everyTheirs = theirs.every((b) => actors.some((a) => sameActor(a, b)));
  const hit = any === actors.length && everyTheirs ? any : withRoles;
  return hit / actors.length;
}

function spansOverlap(a: TimeSpan, b: TimeSpan): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function daysApart(a: TimeSpan, b: TimeSpan): number {
  if (spansOverlap(a, b)) return 0;
  return a.end < b.start ? epochDay(b.start) - epochDay(a.end) : epochDay(a.start) - epochDay(b.end);
}

function placesAgree(a: PlaceRef, b: PlaceRef): boolean {
  if (a.country && b.country && a.country !== b.country) return false;
  if (a.admin1 && b.admin1 && a.admin1 !== b.admin1) return false;
  if (a.level === 'point' && b.level === 'point' && (a.lat !== b.lat || a.lon !== b.lon)) return a.admin1 === b.admin1;
  return true;
}

function placeLabel(p: PlaceRef | null): string | null {
  return p ? [p.name, p.admin1 ?? p.country].filter(Boolean).join(', ') : null;
}

function formatSpan(t: TimeSpan): string {
  return t.start === t.end ? t.start : `${t.start} – ${t.end}`;
}

async function quotesFor(store: Store, claims: Claim[]): Promise<EvidenceQuote[]> {
  const docs = new Map<DocumentId, Document | null>();
  const out: EvidenceQuote[] = [];
  for (const c of claims) {
    if (!docs.has(c.documentId)) docs.set(c.documentId, await store.getDocument(c.documentId));
    const d = docs.get(c.documentId) ?? null;
    out.push({
      claimId: c.id,
      quote: c.quote,
      stance: c.stance,
      speaker: c.speaker?.name ?? null,
      documentId: c.documentId,
      title: d?.title ?? null,
      publisher: d?.publisher ?? null,
      url: d?.url ?? null,
      published: d?.published ?? null,
      time: c.frame.time,
      place: placeLabel(c.frame.place),
    });
  }
  return out;
}

interface Assessment {
  event: Event;
  score: number;
  supporting: Claim[];
  conflicts: { kind: ConflictKind; summary: string; claims: Claim[] }[];
}

/** Compares a draft claim with one event's claims: which back it and what contradicts it. */
function assess(claim: Claim, event: Event, eventClaims: Claim[]): Assessment | null {
  const frame = claim.frame;
  const support = eventClaims.filter((c) => !isDenial(c));
  const denials = eventClaims.filter(isDenial);
  const conflicts: Assessment['conflicts'] = [];
  let score = actorMatch(claim, event) * 2;

  let agreeing = support;
  if (frame.time) {
    const t = frame.time;
    // A denial dated the same day is about the same happening as much as a report is.
    if (eventClaims.some((c) => c.frame.time && spansOverlap(t, c.frame.time))) score += 1;
    const dated = support.filter((c) => c.frame.time);
    const sameDay = dated.filter((c) => c.frame.time && spansOverlap(t, c.frame.time));
    const near = dated.filter((c) => c.frame.time && daysApart(t, c.frame.time) <= DATE_SLIP_DAYS);
    if (!near.length && dated.length) return null;
    // Only dates given to the day can contradict: "in October" or an ongoing range does not deny
    // that something was still so on the 30th.
    const pointDated = near.filter((c) => c.frame.time && ['day', 'hour'].includes(c.frame.time.precision));
    const exact = ['day', 'hour'].includes(t.precision);
    if (dated.length && !sameDay.length && exact && pointDated.length === near.length) {
      const dates = [...new Set(near.map((c) => formatSpan(c.frame.time as TimeSpan)))];
      conflicts.push({
        kind: 'date',
        summary: `the draft dates it ${formatSpan(t)}; the workspace's sources date it ${dates.join(', ')}`,
        claims: near,
      });
    } else if (sameDay.length) {
      score += 2;
      agreeing = agreeing.filter((c) => !c.frame.time || sameDay.includes(c));
    }
  }
  // Where a statement was made or what it was about is no contradiction of where it was said to be.
  if (frame.place && !isVerbalFrame(frame) && !isVerbalFrame(event.frame)) {
    const p = frame.place;
    const placed = support.filter((c) => c.frame.place);
    const agree = placed.filter((c) => c.frame.place && placesAgree(p, c.frame.place));
    if (placed.length && !agree.length) {
      const where = [...new Set(placed.map((c) => placeLabel(c.frame.place)))];
      conflicts.push({
        kind: 'place',
        summary: `the draft places it in ${placeLabel(p)}; the workspace's sources place it in ${where.join('; ')}`,
        claims: placed,
      });
    } else if (agree.length) {
      score += 1;
      agreeing = agreeing.filter((c) => !c.frame.place || agree.includes(c));
    }
  }
  for (const q of frame.quantities) {
    const stated = support.flatMap((c) =>
      c.frame.quantities.filter((x) => x.unit === q.unit).map((x) => ({ value: x.value, claim: c })),
    );
    if (!stated.length) continue;
    // Within a tenth is rounding, as in corroboration.
    const close = stated.filter((s) => Math.abs(s.value - q.value) <= Math.max(s.value, q.value) * 0.1);
    if (!close.length) {
      conflicts.push({
        kind: 'quantity',
        summary: `the draft says ${q.text || q.value} ${q.unit}; the workspace's sources say ${[...new Set(stated.map((s) => s.value.toLocaleString('en-US')))].join(', ')} ${q.unit}`,
        claims: [...new Set(stated.map((s) => s.claim))],
      });
    }
  }
  if (isDenial(claim)) {
    if (support.length)
      conflicts.push({
        kind: 'denial',
        summary: `the draft says it did not happen; ${support.length} workspace claim${support.length === 1 ? '' : 's'} report that it did (event ${event.status})`,
        claims: support,
      });
  } else if (denials.length && (event.status === 'denied' || !support.length)) {
    conflicts.push({
      kind: 'denial',
      summary: `denied: ${event.contradictions.find((c) => c.kind === 'denial')?.summary ?? `${denials.length} workspace claims deny it`}`,
      claims: denials,
    });
  }
  return { event, score, supporting: isDenial(claim) ? denials : agreeing, conflicts };
}

function eventFilterFor(claim: Claim): EventFilter | null {
  const f = claim.frame;
  const filter: EventFilter = {};
  if (f.plover) filter.ploverTypes = [f.plover.type];
  else if (f.cameo) filter.cameoRoots = [f.cameo.slice(0, 2)];
  else return null;
  if (f.time) {
    const from = new Date(Date.parse(`${f.time.start}T00:00:00Z`) - DATE_SLIP_DAYS * 86_400_000);
    const to = new Date(Date.parse(`${f.time.end}T00:00:00Z`) + DATE_SLIP_DAYS * 86_400_000);
    filter.from = from.toISOString().slice(0, 10) as EventFilter['from'];
    filter.to = to.toISOString().slice(0, 10) as EventFilter['to'];
  }
  return filter;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Checks a draft's factual claims against the workspace. The extractor reads the draft's prose as it
 * reads any document; each claim that states a happening (not a hypothetical or a speculation) is
 * matched to workspace Events of the same kind with the same actors near the same date, and judged:
 * supported (sources back the date, place and numbers it gives), contradicted (the sources give
 * another date, place or number, or deny it) or unverified (the workspace has nothing on it).
 */
export async function checkBriefClaims(
  deps: { store: Store; extractor: Extractor },
  input: BriefClaimInput,
): Promise<BriefClaimCheck[]> {
  const id = documentId(`brief:${input.name}`, textHash(input.text));
  const result = deps.extractor.extract({
    id,
    text: input.text,
    published: input.published,
    retrieved: input.retrieved,
    language: 'en',
  });
  const checks: BriefClaimCheck[] = [];
  const claimsOf = new Map<EventId, Claim[]>();
  // An extractor dates a claim that gives no date by the document's own date; for a draft that date
  // says when the brief was written, not when the happening was, so such a time is left out of the match.
  const ownDate = input.published?.slice(0, 10) ?? null;
  const factual = result.claims
    // A hedged sentence ("might spread the war") is a judgment for the language lint, not a fact to
    // check, even when the extractor did not mark it hypothetical.
    .filter((c) => !c.hypothetical && c.stance !== 'speculates' && !/\b(might|could|would|may)\b/.test(c.quote))
    .map((c) =>
      ownDate && c.frame.time?.start === ownDate && c.frame.time.end === ownDate
        ? { ...c, frame: { ...c.frame, time: null } }
        : c,
    )
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  for (const claim of factual) {
    const base = { line: lineOf(input.text, claim.start), text: claim.quote.replace(/\s+/g, ' ').trim(), claim };
    const filter = eventFilterFor(claim);
    if (!filter || !claim.frame.actors.length) {
      checks.push({ ...base, verdict: 'unverified', evidence: null });
      continue;
    }
    const candidates = (await deps.store.listEvents(filter, { limit: 500 })).items.filter(
      (e) => actorMatch(claim, e) >= (claim.frame.actors.length > 1 ? 0.99 : 0.5),
    );
    const assessed: Assessment[] = [];
    for (const event of candidates) {
      let eventClaims = claimsOf.get(event.id);
      if (!eventClaims) {
        eventClaims = (await deps.store.listClaims({ eventId: event.id }, { limit: 10_000 })).items;
        claimsOf.set(event.id, eventClaims);
      }
      const a = assess(claim, event, eventClaims);
      if (a) assessed.push(a);
    }
    const rank = (a: Assessment) => a.score - (a.event.credibility - 1) / 10;
    const clean = assessed.filter((a) => !a.conflicts.length && a.supporting.length);
    const best = (clean.length ? clean : assessed).sort((a, b) => rank(b) - rank(a))[0];
    if (!best) {
      checks.push({ ...base, verdict: 'unverified', evidence: null });
      continue;
    }
    const e = best.event;
    checks.push({
      ...base,
      verdict: best.conflicts.length ? 'contradicted' : 'supported',
      evidence: {
        eventId: e.id,
        status: e.status,
        credibility: e.credibility,
        credibilityLabel: CREDIBILITY_LABELS[e.credibility],
        rationale: e.rationale,
        origins: [...e.origins]
          .sort((a, b) => Number(a.interested) - Number(b.interested))
          .map((o) => ({ label: o.label, kind: o.kind, interested: o.interested })),
        supporting: await quotesFor(deps.store, best.supporting.slice(0, 8)),
        conflicts: await Promise.all(
          best.conflicts.map(async (c) => ({
            kind: c.kind,
            summary: c.summary,
            quotes: await quotesFor(deps.store, c.claims.slice(0, 8)),
          })),
        ),
      },
    });
  }
  return checks;
}

/** The workspace's documents that have a URL, as title + URL, to check cited titles against. */
export async function workspacePages(store: Store): Promise<{ url: string; title: string; documentId: string }[]> {
  const out: { url: string; title: string; documentId: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listDocuments({}, { limit: 2000, cursor });
    for (const d of page.items) if (d.url) out.push({ url: d.url, title: d.title, documentId: d.id });
    cursor = page.next;
  } while (cursor);
  return out;
}
