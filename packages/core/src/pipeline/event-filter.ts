import { cameoRoot } from '../model/codes.ts';
import type { Event } from '../model/event.ts';
import { epochDay, type IsoDate } from '../model/time.ts';
import type { EventFilter } from '../ports/store.ts';

/**
 * The reference meaning of an EventFilter, over one event. Stores may answer filters their own way
 * (SQL, a columnar scan) but must agree with this function; the conformance suite checks that.
 */
export function matchesEventFilter(event: Event, filter: EventFilter): boolean {
  const f = event.frame;
  if (filter.from || filter.to) {
    const span = eventDaySpan(event);
    if (!span) return false;
    if (filter.from && span.end < epochDay(filter.from)) return false;
    if (filter.to && span.start > epochDay(filter.to)) return false;
  }
  if (filter.actorIds?.length && !f.actors.some((a) => filter.actorIds?.includes(a.id))) return false;
  if (filter.ploverTypes?.length && !(f.plover && filter.ploverTypes.includes(f.plover.type))) return false;
  if (filter.cameoRoots?.length) {
    const root = f.cameo ? cameoRoot(f.cameo) : null;
    if (!root || !filter.cameoRoots.includes(root)) return false;
  }
  if (filter.quadClasses?.length && !(f.quadClass && filter.quadClasses.includes(f.quadClass))) return false;
  if (filter.minCredibility !== undefined && !meetsCredibility(event.credibility, filter.minCredibility)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(event.status)) return false;
  if (filter.countries?.length && !(f.place?.country && filter.countries.includes(f.place.country))) return false;
  if (filter.admin1?.length && !(f.place?.admin1 && filter.admin1.includes(f.place.admin1))) return false;
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    const lat = f.place?.lat;
    const lon = f.place?.lon;
    if (lat === null || lat === undefined || lon === null || lon === undefined) return false;
    if (lat < s || lat > n) return false;
    // A box whose west edge is east of its east edge crosses the antimeridian.
    if (w <= e ? lon < w || lon > e : lon < w && lon > e) return false;
  }
  return true;
}

/** Grade 6 ("cannot be judged") is not below 5: it only passes a filter that asks for 6. */
export function meetsCredibility(grade: number, min: number): boolean {
  if (min >= 6) return true;
  return grade <= min;
}

/**
 * The event's time as epoch days. Undated events fall back to the day they were first reported, so
 * they still appear on the timeline, at the moment the world learned of them.
 */
export function eventDaySpan(event: Pick<Event, 'frame' | 'firstReported'>): { start: number; end: number } | null {
  const t = event.frame.time;
  if (t) return { start: epochDay(t.start), end: epochDay(t.end) };
  if (event.firstReported) {
    const d = epochDay(event.firstReported.slice(0, 10) as IsoDate);
    return { start: d, end: d };
  }
  return null;
}

/** Sort key for event lists: newest start first, then id ascending. Undated events sort last. */
export function compareEventsNewestFirst(a: Event, b: Event): number {
  const da = eventDaySpan(a)?.start ?? Number.NEGATIVE_INFINITY;
  const db = eventDaySpan(b)?.start ?? Number.NEGATIVE_INFINITY;
  if (da !== db) return db - da;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Cursor for keyset pagination of event lists: the sort key of the last item on the page. */
export function eventCursor(event: Event): string {
  const day = eventDaySpan(event)?.start;
  return `${day ?? 'none'}~${event.id}`;
}

export function parseEventCursor(cursor: string): { day: number; id: string } | null {
  const m = /^(-?\d+|none)~([a-z]+_[0-9a-f]+)$/.exec(cursor);
  if (!m) return null;
  return { day: m[1] === 'none' ? Number.NEGATIVE_INFINITY : Number(m[1]), id: m[2] as string };
}

/** True when `event` comes strictly after the cursor position in newest-first order. */
export function isAfterCursor(event: Event, cursor: { day: number; id: string }): boolean {
  const day = eventDaySpan(event)?.start ?? Number.NEGATIVE_INFINITY;
  if (day !== cursor.day) return day < cursor.day;
  return event.id > cursor.id;
}
