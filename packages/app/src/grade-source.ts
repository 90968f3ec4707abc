import {
  type ClaimId,
  type Clock,
  type DocumentId,
  InvalidInputError,
  NotFoundError,
  RELIABILITY_GRADES,
  type Reliability,
  type Source,
  type Store,
} from '@parallax/core';
import { type RecorroborateSummary, recorroborate } from './recorroborate.ts';
import { requireReason } from './require-reason.ts';

/** Finds a source by id, domain or name (case-insensitive). */
export async function findSource(store: Store, ref: string): Promise<Source> {
  const sources = await store.listSources();
  const lower = ref.toLowerCase();
  const hit =
    sources.find((s) => s.id === ref) ??
    sources.find((s) => s.domain === lower.replace(/^www\./, '')) ??
    sources.filter((s) => s.name.toLowerCase() === lower)[0];
  if (!hit) throw new NotFoundError(`source '${ref}': not found (give an id, a domain such as nato.int, or a name)`);
  return hit;
}

const PAGE = 5000;

/**
 * Claims whose weight depends on a source: those in its documents and in documents that copy them
 * (a copy's origin is the original's newsroom), and, when coded datasets are present, dataset rows
 * whose article the source published (found through the events whose origins name the source).
 */
export async function claimsCarriedBy(store: Store, source: Source): Promise<ClaimId[]> {
  const claimIds = new Set<ClaimId>();
  let docs: DocumentId[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listDocuments({ sourceId: source.id }, { limit: PAGE, cursor });
    docs.push(...page.items.map((d) => d.id));
    cursor = page.next;
  } while (cursor);
  docs = [...docs, ...(await copiesOf(store, docs))];
  for (const id of docs) {
    let c: string | null = null;
    do {
      const page = await store.listClaims({ documentId: id }, { limit: PAGE, cursor: c });
      for (const claim of page.items) claimIds.add(claim.id);
      c = page.next;
    } while (c);
  }
  if ((await store.listSources()).some((s) => s.kind === 'dataset')) {
    let c: string | null = null;
    do {
      const page = await store.listEvents({}, { limit: PAGE, cursor: c });
      for (const e of page.items)
        for (const o of e.origins) if (o.sourceId === source.id) for (const id of o.claimIds) claimIds.add(id);
      c = page.next;
    } while (c);
  }
  return [...claimIds];
}

/** Documents that republish any of these (directly or through another copy). */
export async function copiesOf(store: Store, originals: readonly DocumentId[]): Promise<DocumentId[]> {
  if (!originals.length) return [];
  const copies: { id: DocumentId; from: DocumentId }[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listDocuments({ syndicated: true }, { limit: PAGE, cursor });
    for (const d of page.items) if (d.syndicatedFrom) copies.push({ id: d.id, from: d.syndicatedFrom });
    cursor = page.next;
  } while (cursor);
  const found = new Set<DocumentId>(originals);
  const out: DocumentId[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of copies) {
      if (found.has(c.from) && !found.has(c.id)) {
        found.add(c.id);
        out.push(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * Sets an analyst's Admiralty reliability grade on a source, with the reason, and re-weighs the events
 * whose origins it carries.
 */
export async function gradeSource(
  deps: { store: Store; clock: Clock },
  ref: string,
  grade: string,
  rationale: string,
): Promise<{ source: Source; events: RecorroborateSummary }> {
  const reliability = grade.toUpperCase() as Reliability;
  if (!RELIABILITY_GRADES.includes(reliability)) {
    throw new InvalidInputError(`grade '${grade}': reliability must be one of A, B, C, D, E, F`);
  }
  const why = requireReason(rationale, '--why');
  const source = await findSource(deps.store, ref);
  await deps.store.apply({ grades: [{ sourceId: source.id, reliability, rationale: why }] });
  const events = await recorroborate(deps, { claimIds: await claimsCarriedBy(deps.store, source) });
  return { source: { ...source, reliability, reliabilityRationale: why }, events };
}

/**
 * Grades many sources at once (a team's grading file). Every entry is checked before anything is
 * written, so a bad line leaves every grade as it was; then one write and one re-weighing.
 */
export async function gradeSources(
  deps: { store: Store; clock: Clock },
  entries: readonly { source: string; grade: string; why: string }[],
  inputName = 'grades',
): Promise<{ sources: Source[]; events: RecorroborateSummary }> {
  const graded: Source[] = [];
  for (const [i, e] of entries.entries()) {
    const at = `${inputName} entry ${i + 1} (${e.source})`;
    const reliability = e.grade.toUpperCase() as Reliability;
    if (!RELIABILITY_GRADES.includes(reliability))
      throw new InvalidInputError(`${at}: grade '${e.grade}' must be one of A, B, C, D, E, F`);
    if (!e.why.trim()) throw new InvalidInputError(`${at}: give the reason for the grade`);
    const source = await findSource(deps.store, e.source).catch((err: Error) => {
      throw new InvalidInputError(`${at}: ${err.message}`);
    });
    if (graded.some((g) => g.id === source.id))
      throw new InvalidInputError(`${at}: ${source.name} is graded twice in one file`);
    graded.push({ ...source, reliability, reliabilityRationale: e.why.trim() });
  }
  await deps.store.apply({
    grades: graded.map((s) => ({ sourceId: s.id, reliability: s.reliability, rationale: s.reliabilityRationale })),
  });
  const claimIds = new Set<ClaimId>();
  for (const s of graded) for (const id of await claimsCarriedBy(deps.store, s)) claimIds.add(id);
  const events = await recorroborate(deps, { claimIds: [...claimIds] });
  return { sources: graded, events };
}

/**
 * Discredits a source (its claims stop counting, ICS 500-2: judgments resting on a discredited source
 * must be found and revised) and re-weighs the events that rested on it, reporting which changed.
 */
export async function discreditSource(
  deps: { store: Store; clock: Clock },
  ref: string,
  reason: string,
): Promise<{ source: Source; events: RecorroborateSummary }> {
  const why = requireReason(reason, '--why');
  const source = await findSource(deps.store, ref);
  const discredited = { at: deps.clock.now(), reason: why };
  await deps.store.apply({ discredits: [{ sourceId: source.id, ...discredited }] });
  const events = await recorroborate(deps, { claimIds: await claimsCarriedBy(deps.store, source) });
  return { source: { ...source, discredited }, events };
}
