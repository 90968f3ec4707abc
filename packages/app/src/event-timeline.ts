import type {
  EventFilter,
  IsoDate,
  Store,
  TimelineBasis,
  TimelineBucket,
  TimelineInterval,
  TimelineStack,
} from '@parallax/core';

export type { TimelineBasis };

export interface EventTimelineOptions {
  interval: TimelineInterval | 'hour';
  stack: TimelineStack;
  basis: TimelineBasis;
}

export interface EventTimeline {
  interval: TimelineInterval | 'hour';
  stack: TimelineStack;
  basis: TimelineBasis;
  /** Bucket starts: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:00Z` for hours. */
  buckets: TimelineBucket[];
  /**
   * With `hour`: events known only to the day, per day. They are shown apart rather than spread over
   * hours nobody reported.
   */
  dayOnly: TimelineBucket[];
  /** Events left out because they have no date on this basis (undated, or never reported). */
  undated: number;
  /** Events placed on this basis. */
  counted: number;
  /** Kept for API compatibility: always false, the store aggregates every interval and basis. */
  partial: boolean;
}

/**
 * Events over time under a filter, answered by the store's own aggregate for every interval and
 * basis. With hours, events known only to the day are returned per day in `dayOnly` rather than
 * spread over hours nobody reported.
 */
export async function eventTimeline(
  store: Store,
  filter: EventFilter,
  options: EventTimelineOptions,
): Promise<EventTimeline> {
  const { interval, stack, basis } = options;
  const [buckets, days, total] = await Promise.all([
    store.timeline(filter, interval, stack, basis),
    interval === 'day' ? null : store.timeline(filter, 'day', stack, basis),
    store.countEvents(filter),
  ]);
  const perDay = days ?? buckets;
  const placed = sum(perDay);
  let dayOnly: TimelineBucket[] = [];
  if (interval === 'hour') {
    // Per day, what the day counts hold beyond what the hours account for.
    const hoursByDay = new Map<string, Record<string, number>>();
    for (const b of buckets) {
      const day = b.date.slice(0, 10);
      const acc = hoursByDay.get(day) ?? {};
      for (const [k, n] of Object.entries(b.counts)) acc[k] = (acc[k] ?? 0) + n;
      hoursByDay.set(day, acc);
    }
    dayOnly = perDay.flatMap((d) => {
      const hours = hoursByDay.get(d.date) ?? {};
      const counts: Record<string, number> = {};
      let left = 0;
      for (const [k, n] of Object.entries(d.counts)) {
        const rest = n - (hours[k] ?? 0);
        if (rest > 0) {
          counts[k] = rest;
          left += rest;
        }
      }
      return left ? [{ date: d.date as IsoDate, counts, total: left }] : [];
    });
  }
  return { interval, stack, basis, buckets, dayOnly, undated: total - placed, counted: placed, partial: false };
}

function sum(buckets: TimelineBucket[]): number {
  let n = 0;
  for (const b of buckets) n += b.total;
  return n;
}
