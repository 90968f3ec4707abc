import {
  type Clock,
  InvalidInputError,
  NotFoundError,
  RELIABILITY_GRADES,
  type Reliability,
  type Source,
  type Store,
} from '@parallax/core';
import { recorroborate } from './recorroborate.ts';

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

/**
 * Sets an analyst's Admiralty reliability grade on a source, with the reason, and re-weighs events,
 * since grades feed credibility.
 */
export async function gradeSource(deps: { store: Store; clock: Clock }, ref: string, grade: string, rationale: string) {
  const reliability = grade.toUpperCase() as Reliability;
  if (!RELIABILITY_GRADES.includes(reliability)) {
    throw new InvalidInputError(`grade '${grade}': reliability must be one of A, B, C, D, E, F`);
  }
  if (!rationale.trim()) throw new InvalidInputError('a grade needs a rationale (--why "…")');
  const source = await findSource(deps.store, ref);
  await deps.store.apply({ grades: [{ sourceId: source.id, reliability, rationale: rationale.trim() }] });
  const events = await recorroborate(deps);
  return { source: { ...source, reliability, reliabilityRationale: rationale.trim() }, events };
}
