import { type EventFilter, epochDay } from '@parallax/core';

/** A WHERE clause over `events e` plus its parameters. */
export interface SqlCondition {
  where: string;
  params: (string | number)[];
}

const list = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * Translates an EventFilter to SQL over the events table's filter columns. This is the plain-SQL
 * path: the baseline the analytical index is measured against, and the path for filters the index
 * does not cover (by document).
 */
export function eventFilterSql(
  filter: EventFilter,
  /** Ids of the claims a document holds outside the claims table (dataset segments). */
  segmentClaimIds: (documentId: string) => string[] = () => [],
): SqlCondition {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.from) {
    clauses.push('e.end_day >= ?');
    params.push(epochDay(filter.from));
  }
  if (filter.to) {
    clauses.push('e.start_day <= ?');
    params.push(epochDay(filter.to));
  }
  if (filter.actorIds?.length) {
    clauses.push(`e.rowid IN (SELECT event_rowid FROM event_actors WHERE actor_id IN (${list(filter.actorIds)}))`);
    params.push(...filter.actorIds);
  }
  if (filter.ploverTypes?.length) {
    clauses.push(`e.plover IN (${list(filter.ploverTypes)})`);
    params.push(...filter.ploverTypes);
  }
  if (filter.cameoRoots?.length) {
    clauses.push(`e.cameo_root IN (${list(filter.cameoRoots)})`);
    params.push(...filter.cameoRoots);
  }
  if (filter.quadClasses?.length) {
    clauses.push(`e.quad IN (${list(filter.quadClasses)})`);
    params.push(...filter.quadClasses);
  }
  if (filter.minCredibility !== undefined && filter.minCredibility < 6) {
    clauses.push('e.credibility <= ?');
    params.push(filter.minCredibility);
  }
  if (filter.statuses?.length) {
    clauses.push(`e.status IN (${list(filter.statuses)})`);
    params.push(...filter.statuses);
  }
  if (filter.countries?.length) {
    clauses.push(`e.country IN (${list(filter.countries)})`);
    params.push(...filter.countries);
  }
  if (filter.admin1?.length) {
    clauses.push(`e.admin1 IN (${list(filter.admin1)})`);
    params.push(...filter.admin1);
  }
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    clauses.push('e.lat IS NOT NULL AND e.lat BETWEEN ? AND ?');
    params.push(s, n);
    if (w <= e) {
      clauses.push('e.lon BETWEEN ? AND ?');
      params.push(w, e);
    } else {
      clauses.push('(e.lon >= ? OR e.lon <= ?)');
      params.push(w, e);
    }
  }
  if (filter.documentId) {
    const inSegments = segmentClaimIds(filter.documentId);
    clauses.push(
      `e.rowid IN (SELECT ec.event_rowid FROM event_claims ec JOIN claims c ON c.id = ec.claim_id WHERE c.document_id = ?${
        inSegments.length
          ? ' UNION SELECT event_rowid FROM event_claims WHERE claim_id IN (SELECT value FROM json_each(?))'
          : ''
      })`,
    );
    params.push(filter.documentId);
    if (inSegments.length) params.push(JSON.stringify(inSegments));
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1', params };
}
