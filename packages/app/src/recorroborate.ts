import {
  type Actor,
  type ActorId,
  ANCHOR_MAX_DAYS,
  actorRoot,
  type Claim,
  type ClaimCluster,
  type ClaimId,
  type ClaimProfile,
  type Clock,
  type ClusterDecision,
  type CorroborationContext,
  clusterProfiles,
  type Document,
  type DocumentId,
  type Event,
  type EventFilter,
  type EventId,
  epochDay,
  eventIdOf,
  MAX_LINK_GAP_DAYS,
  type PloverType,
  profileClaim,
  type Source,
  type SourceId,
  type Store,
  typeKeyOf,
  weighEvent,
} from '@parallax/core';

/** How an event's weight moved in one run. */
export interface EventChange {
  /** The event before (null: it is new) and after (null: it was removed or absorbed). */
  before: Pick<Event, 'id' | 'credibility' | 'status' | 'claimIds'> | null;
  after: Pick<Event, 'id' | 'credibility' | 'status' | 'claimIds'> | null;
}

export interface RecorroborateSummary {
  /** `full`: every claim was clustered; `incremental`: only the events the given claims could touch. */
  mode: 'full' | 'incremental';
  /** Claims clustered in this run. */
  claims: number;
  /** Events in the part of the workspace that was recomputed. */
  events: number;
  inserted: number;
  updated: number;
  removed: number;
  /** Events whose credibility, status or membership changed, and events added or removed. */
  changes: EventChange[];
}

export interface RecorroborateOptions {
  /**
   * Claims that are new or whose weight changed (their document was retracted, their source graded or
   * discredited). Only the events these claims could join are recomputed. Absent: everything is.
   */
  claimIds?: readonly ClaimId[];
  /** Above this share of all claims, an incremental run recomputes everything (it is faster). */
  fullAbove?: number;
}

const PAGE = 5000;

async function allPages<T>(
  fetch: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/**
 * Recomputes Events from Claims and writes only the differences. With `claimIds`, only the region
 * those claims can reach is recomputed: the events they belong to, the events near them in time that
 * share their type and an actor, and events tied to them by an analyst's decision. Clustering is a
 * pure function of the claims, so the region's result equals what a full run gives for it.
 */
export async function recorroborate(
  deps: { store: Store; clock: Clock },
  options: RecorroborateOptions = {},
): Promise<RecorroborateSummary> {
  const { store } = deps;
  const decisions = await store.listClusterDecisions();
  if (options.claimIds) {
    if (!options.claimIds.length) return emptySummary('incremental');
    const total = (await store.info()).counts.claims;
    if (options.claimIds.length <= total * (options.fullAbove ?? 0.2)) {
      return incremental(store, options.claimIds, decisions);
    }
  }
  const claims = await allPages<Claim>((cursor) => store.listClaims({}, { limit: PAGE, cursor }));
  const existing = await allPages<Event>((cursor) => store.listEvents({}, { limit: PAGE, cursor }));
  const ctx = await contextFor(store, claims, true);
  return writeRegion(store, 'full', claims, existing, decisions, ctx);
}

function emptySummary(mode: RecorroborateSummary['mode']): RecorroborateSummary {
  return { mode, claims: 0, events: 0, inserted: 0, updated: 0, removed: 0, changes: [] };
}

async function contextFor(store: Store, claims: readonly Claim[], all: boolean): Promise<CorroborationContext> {
  const sources = new Map<SourceId, Source>((await store.listSources()).map((s) => [s.id, s]));
  const documents = new Map<DocumentId, Document>();
  if (all) {
    for (const d of await allPages<Document>((cursor) => store.listDocuments({}, { limit: PAGE, cursor })))
      documents.set(d.id, d);
    return { documents, sources };
  }
  // Documents of the claims, and the originals they copy (lineage decides origins).
  let pending = [...new Set(claims.map((c) => c.documentId))];
  while (pending.length) {
    const next: DocumentId[] = [];
    for (const id of pending) {
      if (documents.has(id)) continue;
      const d = await store.getDocument(id);
      if (!d) continue;
      documents.set(id, d);
      if (d.syndicatedFrom && !documents.has(d.syndicatedFrom)) next.push(d.syndicatedFrom);
    }
    pending = next;
  }
  return { documents, sources };
}

function plover(typeKey: string): { ploverTypes?: PloverType[]; cameoRoots?: string[] } | null {
  if (typeKey === 'unknown') return null;
  if (typeKey.startsWith('cameo:')) return { cameoRoots: [typeKey.slice(6)] };
  return { ploverTypes: typeKey.split('+') as PloverType[] };
}

/** Seeds close in time share one store query: the store scans once per query, not per claim. */
const WINDOW_MERGE_DAYS = 31;

async function incremental(
  store: Store,
  claimIds: readonly ClaimId[],
  decisions: readonly ClusterDecision[],
): Promise<RecorroborateSummary> {
  const seeds = (await Promise.all([...new Set(claimIds)].map((id) => store.getClaim(id)))).filter(
    (c): c is Claim => c !== null,
  );
  const regionEvents = new Map<EventId, Event>();
  const regionClaims = new Map<ClaimId, Claim>(seeds.map((c) => [c.id, c]));
  const addEvents = async (ids: readonly EventId[]) => {
    for (const id of ids) {
      if (regionEvents.has(id)) continue;
      const e = await store.getEvent(id);
      if (e) regionEvents.set(id, e);
    }
  };
  await addEvents(await store.eventIdsForClaims(seeds.map((c) => c.id)));

  // Events the seeds could join: same type, a shared actor root, time within reach.
  const profiles = seeds.map(profileClaim);
  const actorsByRoot = new Map<string, ActorId[]>();
  for (const a of await store.listActors()) for (const code of a.codes) addRoot(actorsByRoot, code, a);
  const touches = seedMatcher(profiles);
  for (const query of seedQueries(profiles, actorsByRoot)) {
    let filters = [query.filter];
    // Too many candidates: one query per actor prefix reads far fewer events than one over all of them.
    if (query.roots.size > 1 && (await store.countEvents(query.filter)) > SPLIT_ABOVE)
      filters = [...query.roots.values()].map((ids) => ({ ...query.filter, actorIds: [...ids].sort() }));
    for (const filter of filters) {
      for (const e of await allPages<Event>((cursor) => store.listEvents(filter, { limit: PAGE, cursor }))) {
        if (!regionEvents.has(e.id) && touches(e)) regionEvents.set(e.id, e);
      }
    }
  }

  // Whole events only, and closed under decisions and under denials filed elsewhere that bear on them.
  const loaded = new Set<EventId>();
  for (;;) {
    for (const [id] of regionEvents) {
      if (loaded.has(id)) continue;
      loaded.add(id);
      for (const c of await allPages<Claim>((cursor) => store.listClaims({ eventId: id }, { limit: PAGE, cursor })))
        regionClaims.set(c.id, c);
    }
    const wanted = new Set<ClaimId>();
    for (const e of regionEvents.values())
      for (const c of e.contradictions) for (const id of c.againstClaimIds) if (!regionClaims.has(id)) wanted.add(id);
    for (const d of decisions) {
      const ids = [...d.claimIds, ...d.apartFromClaimIds];
      if (ids.some((id) => regionClaims.has(id))) for (const id of ids) if (!regionClaims.has(id)) wanted.add(id);
    }
    if (!wanted.size) break;
    const owners = await store.eventIdsForClaims([...wanted]);
    const before = regionEvents.size;
    await addEvents(owners);
    // Claims of a decision that no event holds yet (never clustered) join as they are.
    const owned = new Set<ClaimId>();
    for (const id of owners) for (const c of regionEvents.get(id)?.claimIds ?? []) owned.add(c);
    let added = false;
    for (const id of wanted) {
      if (owned.has(id) || regionClaims.has(id)) continue;
      const c = await store.getClaim(id);
      if (c) {
        regionClaims.set(id, c);
        added = true;
      }
    }
    if (regionEvents.size === before && !added) break;
  }

  const claims = [...regionClaims.values()];
  const ctx = await contextFor(store, claims, false);
  const dirty = new Set<ClaimId>(seeds.map((c) => c.id));
  return writeRegion(store, 'incremental', claims, [...regionEvents.values()], decisions, ctx, dirty);
}

function addRoot(map: Map<string, ActorId[]>, code: string, actor: Actor): void {
  const root = actorRoot(code, actor.id);
  const list = map.get(root);
  if (list) list.push(actor.id);
  else map.set(root, [actor.id]);
}

/** Above this many candidate events, a query is split by actor so fewer events are read. */
const SPLIT_ABOVE = 20_000;

interface SeedQuery {
  filter: EventFilter;
  /** Actor ids per root, to split the query when it matches too many events. */
  roots: Map<string, ActorId[]>;
}

/**
 * Store queries that together return every event a seed could join (and some it cannot): one per
 * event type and stretch of time, over the actors the seeds name (and every actor sharing their
 * country or organisation prefix).
 */
function seedQueries(profiles: readonly ClaimProfile[], actorsByRoot: ReadonlyMap<string, ActorId[]>): SeedQuery[] {
  type Group = { from: number; to: number; roots: Map<string, ActorId[]> };
  const groups = new Map<string, Group[]>();
  const out: SeedQuery[] = [];
  const undated = new Set<string>();
  const reach = MAX_LINK_GAP_DAYS + ANCHOR_MAX_DAYS;
  for (const p of [...profiles].sort((a, b) => (a.lo ?? 0) - (b.lo ?? 0))) {
    if (!plover(p.typeKey)) continue;
    if (p.lo === null || p.hi === null) {
      undated.add(p.typeKey);
      continue;
    }
    // Actorless seeds cannot narrow by actor; they get their own queries.
    const key = `${p.typeKey}|${p.actors.length ? 'actors' : 'none'}`;
    const list = groups.get(key) ?? [];
    groups.set(key, list);
    const from = p.lo - reach;
    const to = p.hi + reach;
    let g = list.at(-1);
    if (!g || from > g.to + WINDOW_MERGE_DAYS) {
      g = { from, to, roots: new Map() };
      list.push(g);
    }
    g.to = Math.max(g.to, to);
    for (const a of p.actors) {
      const ids = g.roots.get(a.root) ?? [];
      if (!ids.length) {
        ids.push(...(actorsByRoot.get(a.root) ?? []));
        g.roots.set(a.root, ids);
      }
      if (!ids.includes(a.id)) ids.push(a.id);
    }
  }
  const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10) as EventFilter['from'];
  for (const [key, list] of groups) {
    const [typeKey, kind] = key.split('|') as [string, string];
    for (const g of list) {
      const filter: EventFilter = { from: day(g.from), to: day(g.to), ...plover(typeKey) };
      if (kind === 'actors') filter.actorIds = [...new Set([...g.roots.values()].flat())].sort();
      out.push({ filter, roots: kind === 'actors' ? g.roots : new Map() });
    }
  }
  for (const typeKey of undated) out.push({ filter: { ...plover(typeKey) }, roots: new Map() });
  return out;
}

/** Events whose place lies further than this (km) from a seed's are taken as out of its reach. */
const PLACE_REACH_KM = 300;

/**
 * A cheap test on a stored event before its claims are read: could any seed join it? Same type; an
 * actor prefix shared in the same role (or no actors on either side); time within reach; and a place
 * in the same country, or within PLACE_REACH_KM, or unknown on either side. The place test reads the
 * event's canonical place: its other claims lie in the same country, or a few km across a border, so
 * only a chain of border-crossing links longer than PLACE_REACH_KM could escape it.
 */
function seedMatcher(profiles: readonly ClaimProfile[]): (e: Event) => boolean {
  const reach = MAX_LINK_GAP_DAYS + ANCHOR_MAX_DAYS;
  const byKey = new Map<string, ClaimProfile[]>();
  const file = (key: string, p: ClaimProfile) => {
    const list = byKey.get(key);
    if (list) list.push(p);
    else byKey.set(key, [p]);
  };
  for (const p of profiles) {
    if (!p.actors.length) file(`${p.typeKey}|*`, p);
    for (const key of new Set(p.actors.map((a) => `${p.typeKey}|${a.role}|${a.root}`))) file(key, p);
  }
  const fits = (p: ClaimProfile, e: Event, start: number, end: number) => {
    if (p.lo !== null && p.hi !== null && (end < p.lo - reach || start > p.hi + reach)) return false;
    const a = p.place;
    const b = e.frame.place;
    if (!a || !b || (a.country && a.country === b.country)) return true;
    const d = km(a, b);
    return d === null ? !a.country || !b.country : d <= PLACE_REACH_KM;
  };
  return (e) => {
    const f = e.frame;
    const typeKey = typeKeyOf({ frame: f } as Claim);
    const start = f.time ? epochDay(f.time.start) : Number.NEGATIVE_INFINITY;
    const end = f.time ? epochDay(f.time.end) : Number.POSITIVE_INFINITY;
    if ((byKey.get(`${typeKey}|*`) ?? []).some((p) => fits(p, e, start, end))) return true;
    for (const key of new Set(f.actors.map((a) => `${typeKey}|${a.role}|${actorRoot(a.code, a.id)}`)))
      if ((byKey.get(key) ?? []).some((p) => fits(p, e, start, end))) return true;
    return false;
  };
}

function km(a: { lat: number | null; lon: number | null }, b: { lat: number | null; lon: number | null }) {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A stored event that a cluster reproduces exactly — same claims, same denials filed elsewhere, none
 * of them changed — is kept as it is: weighing is a pure function of those, so it would come out the
 * same. Regions are mostly such neighbours.
 */
function unchangedEvent(
  cluster: ClaimCluster,
  old: ReadonlyMap<EventId, Event>,
  dirty: ReadonlySet<ClaimId>,
): Event | null {
  const leader = cluster.members[0]?.claim;
  if (!leader) return null;
  if (cluster.members.some((m) => dirty.has(m.claim.id)) || cluster.bearing.some((b) => dirty.has(b.claim.id)))
    return null;
  const before = old.get(eventIdOf(leader.id));
  if (!before || before.claimIds.length !== cluster.members.length) return null;
  const members = new Set<ClaimId>(cluster.members.map((m) => m.claim.id));
  if (!before.claimIds.every((id) => members.has(id))) return null;
  const storedBearing = new Set<ClaimId>();
  for (const c of before.contradictions)
    for (const id of c.againstClaimIds) if (!members.has(id)) storedBearing.add(id);
  const bearing = new Set<ClaimId>(cluster.bearing.map((b) => b.claim.id));
  if (storedBearing.size !== bearing.size || ![...bearing].every((id) => storedBearing.has(id))) return null;
  return before;
}

async function writeRegion(
  store: Store,
  mode: RecorroborateSummary['mode'],
  claims: readonly Claim[],
  existing: readonly Event[],
  decisions: readonly ClusterDecision[],
  ctx: CorroborationContext,
  dirty: ReadonlySet<ClaimId> | null = null,
): Promise<RecorroborateSummary> {
  const old = new Map(existing.map((e) => [e.id, e]));
  const events: Event[] = [];
  const written: Event[] = [];
  for (const cluster of clusterProfiles(claims.map(profileClaim), decisions)) {
    const kept = dirty ? unchangedEvent(cluster, old, dirty) : null;
    if (kept) {
      events.push(kept);
      continue;
    }
    const e = weighEvent(cluster, ctx);
    events.push(e);
    written.push(e);
  }
  const fresh = new Map(events.map((e) => [e.id, e]));
  const removeEventIds = existing.filter((e) => !fresh.has(e.id)).map((e) => e.id);
  const summary = await store.apply({ events: written, removeEventIds });
  const brief = (e: Event) => ({ id: e.id, credibility: e.credibility, status: e.status, claimIds: e.claimIds });
  const changes: EventChange[] = [];
  for (const e of events) {
    const before = old.get(e.id);
    if (
      !before ||
      before.credibility !== e.credibility ||
      before.status !== e.status ||
      before.claimIds.join() !== e.claimIds.join()
    )
      changes.push({ before: before ? brief(before) : null, after: brief(e) });
  }
  for (const id of removeEventIds) changes.push({ before: brief(old.get(id) as Event), after: null });
  return {
    mode,
    claims: claims.length,
    events: events.length,
    inserted: summary.inserted,
    updated: summary.updated - removeEventIds.length,
    removed: removeEventIds.length,
    changes,
  };
}
