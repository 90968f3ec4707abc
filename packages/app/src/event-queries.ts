import {
  type Actor,
  type ActorId,
  type Claim,
  type ClaimJoin,
  type Document,
  type Event,
  type EventFilter,
  type EventId,
  explainMembership,
  InvalidInputError,
  NotFoundError,
  type Source,
  type Store,
} from '@parallax/core';

/** An event filter whose actors may be given as ids, CAMEO codes or names. */
export type EventFilterWithRefs = EventFilter & { actorRefs?: string[] };

/**
 * Resolves actor references (an id, a CAMEO code such as `PRKMIL` or `PRK`, or a name or alias) to
 * actor ids. A code also matches more specific codes it prefixes: `PRK` finds `PRKMIL` and `PRKGOV`.
 * An unknown reference is an error that names it, not a silently empty result.
 */
export async function resolveEventFilter(store: Store, filter: EventFilterWithRefs): Promise<EventFilter> {
  const { actorRefs, ...rest } = filter;
  if (!actorRefs?.length) return rest;
  const actors = await store.listActors();
  const ids = new Set<ActorId>(rest.actorIds ?? []);
  for (const ref of actorRefs) {
    const matches = matchActors(actors, ref);
    if (!matches.length)
      throw new InvalidInputError(`actor: no actor matches '${ref}' (give an id, a CAMEO code or a name)`);
    for (const a of matches) ids.add(a.id);
  }
  return { ...rest, actorIds: [...ids].sort() };
}

function matchActors(actors: Actor[], ref: string): Actor[] {
  if (/^act_[0-9a-f]{20}$/.test(ref)) return actors.filter((a) => a.id === ref);
  const upper = ref.toUpperCase();
  if (/^[A-Z]{3,}$/.test(upper)) {
    const byCode = actors.filter((a) =>
      a.codes.some((c) => c === upper || (upper.length === 3 && c.startsWith(upper))),
    );
    if (byCode.length) return byCode;
  }
  const lower = ref.toLowerCase();
  return actors.filter((a) => a.name.toLowerCase() === lower || a.aliases.some((x) => x.toLowerCase() === lower));
}

/** An event with everything needed to show and check it: its claims, their documents and sources. */
export interface EventDetail {
  event: Event;
  claims: Claim[];
  /** Why each claim is in the event ("linked to … because same type …"). */
  joins: ClaimJoin[];
  /** Claims filed with other events that contradict this one (broader denials). */
  contradictingClaims: Claim[];
  documents: Omit<Document, 'text'>[];
  sources: Source[];
}

export async function getEventDetail(store: Store, id: EventId): Promise<EventDetail> {
  const event = await store.getEvent(id);
  if (!event) throw new NotFoundError(`event ${id}: not found`);
  const claims = (await store.listClaims({ eventId: id }, { limit: 10_000 })).items;
  const members = new Set(claims.map((c) => c.id));
  const outside = [...new Set(event.contradictions.flatMap((c) => c.againstClaimIds))].filter((c) => !members.has(c));
  const contradictingClaims = (await Promise.all(outside.map((c) => store.getClaim(c)))).filter(
    (c): c is Claim => c !== null,
  );
  const docIds = [...new Set([...claims, ...contradictingClaims].map((c) => c.documentId))];
  const documents = (await Promise.all(docIds.map((d) => store.getDocument(d)))).filter(
    (d): d is Document => d !== null,
  );
  const sourceIds = [
    ...new Set(documents.map((d) => d.sourceId).filter((s): s is NonNullable<typeof s> => s !== null)),
  ];
  const sources = (await Promise.all(sourceIds.map((s) => store.getSource(s)))).filter((s): s is Source => s !== null);
  return {
    event,
    claims,
    joins: explainMembership(claims),
    contradictingClaims,
    documents: documents.map(({ text: _text, ...rest }) => rest),
    sources,
  };
}
