import { type EventFilter, epochDay, InvalidInputError, isIsoDate } from '@parallax/core';
import { UNDATED_DAY } from './schema.ts';
import { sqlInteger, sqlNumber, sqlString, sqlStringList } from './sql-literal.ts';

export interface EventFilterSqlOptions {
  /**
   * A scalar subquery giving the longest event span in days across the whole cluster. With it, a
   * `from` filter also bounds start_day, which the primary key and partition min/max can use; without
   * it (inside shard-local subqueries) the condition is exact but scans every month.
   */
  maxSpanSql?: string;
}

function dayOf(value: unknown, field: string): number {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new InvalidInputError(`event filter ${field}: ${JSON.stringify(value)} is not a YYYY-MM-DD date`);
  }
  return epochDay(value);
}

function strings(values: unknown, field: string): string[] {
  if (!Array.isArray(values)) throw new InvalidInputError(`event filter ${field}: expected a list`);
  for (const v of values) {
    if (typeof v !== 'string') throw new InvalidInputError(`event filter ${field}: ${JSON.stringify(v)} is not text`);
  }
  return values as string[];
}

/**
 * Translates an EventFilter into a WHERE condition over the events table, with the meaning of the
 * core's `matchesEventFilter`. Absent values are stored as '' (or 0), so each list condition also
 * requires a value: a filter never matches an event that lacks the field, even if it lists ''.
 */
export function eventFilterSql(filter: EventFilter, options: EventFilterSqlOptions = {}): string {
  const where: string[] = [];
  if (filter.from !== undefined) {
    const from = dayOf(filter.from, 'from');
    where.push(`end_day >= ${from}`);
    if (options.maxSpanSql) where.push(`start_day >= ${from} - ${options.maxSpanSql}`);
  }
  if (filter.to !== undefined) {
    where.push(`start_day <= ${dayOf(filter.to, 'to')}`, `start_day != ${UNDATED_DAY}`);
  }
  const list = (column: string, values: unknown, field: string) => {
    if (values === undefined) return;
    const items = strings(values, field);
    if (items.length) where.push(`${column} != '' AND ${column} IN (${sqlStringList(items)})`);
  };
  if (filter.actorIds !== undefined) {
    const ids = strings(filter.actorIds, 'actorIds');
    if (ids.length) where.push(`hasAny(actor_ids, [${sqlStringList(ids)}])`);
  }
  list('plover', filter.ploverTypes, 'ploverTypes');
  list('cameo_root', filter.cameoRoots, 'cameoRoots');
  if (filter.quadClasses?.length) {
    where.push(`quad IN (${filter.quadClasses.map((q) => sqlInteger(q, 'event filter quadClasses')).join(', ')})`);
  }
  if (filter.minCredibility !== undefined) {
    const min = Number(sqlInteger(filter.minCredibility, 'event filter minCredibility'));
    if (min < 6) where.push(`credibility <= ${min}`);
  }
  list('status', filter.statuses, 'statuses');
  list('country', filter.countries, 'countries');
  list('admin1', filter.admin1, 'admin1');
  if (filter.bbox !== undefined) {
    if (!Array.isArray(filter.bbox) || filter.bbox.length !== 4) {
      throw new InvalidInputError('event filter bbox: expected [west, south, east, north]');
    }
    const [w, s, e, n] = filter.bbox.map((v) => sqlNumber(v, 'event filter bbox'));
    where.push(`lat IS NOT NULL AND lon IS NOT NULL AND lat >= ${s} AND lat <= ${n}`);
    // A box whose west edge is east of its east edge crosses the antimeridian.
    where.push(Number(w) <= Number(e) ? `lon >= ${w} AND lon <= ${e}` : `(lon >= ${w} OR lon <= ${e})`);
  }
  if (filter.documentId !== undefined) where.push(`has(doc_ids, ${sqlString(filter.documentId)})`);
  return where.length ? where.map((c) => `(${c})`).join(' AND ') : '1';
}
