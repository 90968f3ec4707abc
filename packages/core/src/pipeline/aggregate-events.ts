import type { Event } from '../model/event.ts';
import type { ActorId } from '../model/ids.ts';
import { dateFromEpochDay, type IsoDate } from '../model/time.ts';
import type {
  ActorEdge,
  PlaceCount,
  TimelineBasis,
  TimelineBucket,
  TimelineInterval,
  TimelineStack,
} from '../ports/store.ts';
import { eventDaySpan } from './event-filter.ts';

/** First day of the bucket an epoch day falls in. Weeks start on Monday (ISO 8601). */
export function bucketStart(day: number, interval: TimelineInterval): number {
  if (interval === 'day') return day;
  if (interval === 'week') {
    // 1970-01-01 was a Thursday; shifting by 3 makes Monday the zero of the modulus.
    return day - ((((day + 3) % 7) + 7) % 7);
  }
  const d = new Date(day * 86_400_000);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000);
}

/** The stack key an event contributes to. */
export function stackKey(event: Event, stack: TimelineStack): string {
  if (stack === 'quadClass') return event.frame.quadClass ? String(event.frame.quadClass) : 'none';
  if (stack === 'plover') return event.frame.plover?.type ?? 'none';
  return event.status;
}

/**
 * Where an event sits in time on a basis: its day (epoch days) and, when known, its hour (0–23 UTC).
 * On the event basis undated events fall back to their first report (see eventDaySpan); an hour is
 * known only for hour-precise times. On the report basis the first report gives both.
 */
export function timelinePosition(
  event: Pick<Event, 'frame' | 'firstReported'>,
  basis: TimelineBasis,
): { day: number; hour: number | null } | null {
  if (basis === 'report') {
    if (!event.firstReported) return null;
    const ms = Date.parse(event.firstReported);
    return { day: Math.floor(ms / 86_400_000), hour: new Date(ms).getUTCHours() };
  }
  const span = eventDaySpan(event);
  if (!span) return null;
  const t = event.frame.time;
  const hour = t?.precision === 'hour' && typeof t.hour === 'number' ? t.hour : null;
  return { day: span.start, hour };
}

/** The bucket label of an hour: `YYYY-MM-DDTHH:00Z`. */
export function hourLabel(day: number, hour: number): string {
  return `${dateFromEpochDay(day)}T${String(hour).padStart(2, '0')}:00Z`;
}

/** Reference timeline: events counted in the bucket of their start (or first-report) day or hour. */
export function timelineOf(
  events: Iterable<Event>,
  interval: TimelineInterval | 'hour',
  stack: TimelineStack,
  basis: TimelineBasis = 'event',
): TimelineBucket[] {
  const buckets = new Map<number, TimelineBucket>();
  for (const event of events) {
    const at = timelinePosition(event, basis);
    if (!at) continue;
    if (interval === 'hour' && at.hour === null) continue;
    const start = interval === 'hour' ? at.day * 24 + (at.hour as number) : bucketStart(at.day, interval);
    let bucket = buckets.get(start);
    if (!bucket) {
      const date = interval === 'hour' ? hourLabel(at.day, at.hour as number) : dateFromEpochDay(start);
      bucket = { date: date as IsoDate, counts: {}, total: 0 };
      buckets.set(start, bucket);
    }
    const key = stackKey(event, stack);
    bucket.counts[key] = (bucket.counts[key] ?? 0) + 1;
    bucket.total += 1;
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
}

/** Sorts counts largest first, ties by code, as every store must return them. */
export function sortPlaceCounts(counts: PlaceCount[]): PlaceCount[] {
  return counts.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function placeCountsOf(events: Iterable<Event>, level: 'admin1' | 'country'): PlaceCount[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    const code = level === 'admin1' ? event.frame.place?.admin1 : event.frame.place?.country;
    if (!code) continue;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return sortPlaceCounts([...counts].map(([code, count]) => ({ code, count })));
}

/** Source→target pairs of one event, each pair once, self-pairs dropped. */
export function edgePairs(event: Pick<Event, 'frame'>): [ActorId, ActorId][] {
  const sources = event.frame.actors.filter((a) => a.role === 'source');
  const targets = event.frame.actors.filter((a) => a.role === 'target');
  const seen = new Set<string>();
  const pairs: [ActorId, ActorId][] = [];
  for (const s of sources) {
    for (const t of targets) {
      if (s.id === t.id) continue;
      const key = `${s.id}>${t.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([s.id, t.id]);
    }
  }
  return pairs;
}

export function sortActorEdges(edges: ActorEdge[]): ActorEdge[] {
  return edges.sort(
    (a, b) =>
      b.count - a.count ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
      (a.target < b.target ? -1 : a.target > b.target ? 1 : 0),
  );
}

export function actorEdgesOf(events: Iterable<Event>, limit: number): ActorEdge[] {
  const edges = new Map<string, ActorEdge>();
  for (const event of events) {
    for (const [source, target] of edgePairs(event)) {
      const key = `${source}>${target}`;
      let edge = edges.get(key);
      if (!edge) {
        edge = { source, target, count: 0, goldsteinSum: 0, quadCounts: [0, 0, 0, 0] };
        edges.set(key, edge);
      }
      edge.count += 1;
      edge.goldsteinSum += event.frame.goldstein ?? 0;
      const q = event.frame.quadClass;
      if (q) edge.quadCounts[q - 1] = (edge.quadCounts[q - 1] ?? 0) + 1;
    }
  }
  return sortActorEdges([...edges.values()]).slice(0, limit);
}
