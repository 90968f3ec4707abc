import { PLOVER_TYPES, type TimelineBucket } from '@parallax/core';

/** Resolutions the timeline draws; the API is asked for hours or days and the rest is folded here. */
export type Resolution = 'hour' | 'day' | 'week' | 'month';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export function dayMs(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days in an inclusive date range. */
export function daysIn(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY) + 1;
}

/**
 * What to ask the API for: hours when the filter spans three days or less (analysts zoom in to see
 * the order of a morning's events), otherwise days, folded into weeks or months for display.
 */
export function requestInterval(from: string | null, to: string | null): 'hour' | 'day' {
  return from && to && daysIn(from, to) <= 3 ? 'hour' : 'day';
}

/** Day bars while they stay at least ~2 px wide on a wide screen; weeks, then months beyond that. */
export function displayResolution(days: number): 'day' | 'week' | 'month' {
  if (days <= 550) return 'day';
  if (days <= 6 * 365) return 'week';
  return 'month';
}

/** Start (ms) of the bucket a day falls in; weeks start on Monday, as the store's do. */
export function bucketStartMs(ms: number, resolution: Resolution): number {
  if (resolution === 'hour') return Math.floor(ms / HOUR) * HOUR;
  const day = Math.floor(ms / DAY) * DAY;
  if (resolution === 'day') return day;
  if (resolution === 'week') {
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    return day - weekday * DAY;
  }
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** End (exclusive, ms) of the bucket starting at `start`. */
export function bucketEndMs(start: number, resolution: Resolution): number {
  if (resolution === 'hour') return start + HOUR;
  if (resolution === 'day') return start + DAY;
  if (resolution === 'week') return start + 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Start (ms) of an API bucket date: `YYYY-MM-DD` or `YYYY-MM-DDTHH:00Z`. */
export function bucketDateMs(date: string): number {
  return date.length > 10 ? Date.parse(date.endsWith('Z') ? date : `${date}Z`) : dayMs(date);
}

/** Folds day buckets into weeks or months, summing the stacks. */
export function rebucket(buckets: TimelineBucket[], resolution: Resolution): TimelineBucket[] {
  if (resolution === 'day' || resolution === 'hour') return buckets;
  const out = new Map<number, TimelineBucket>();
  for (const b of buckets) {
    const start = bucketStartMs(bucketDateMs(b.date), resolution);
    let into = out.get(start);
    if (!into) {
      into = { date: isoDay(start) as TimelineBucket['date'], counts: {}, total: 0 };
      out.set(start, into);
    }
    for (const [k, n] of Object.entries(b.counts)) into.counts[k] = (into.counts[k] ?? 0) + n;
    into.total += b.total;
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
}

/**
 * The time span drawn: the filter's dates when set (so an empty stretch still shows as empty), the
 * data's extent otherwise, always whole buckets.
 */
export function timeDomain(
  buckets: TimelineBucket[],
  resolution: Resolution,
  from: string | null,
  to: string | null,
): [number, number] | null {
  const starts = buckets.map((b) => bucketDateMs(b.date));
  const lo = from ? dayMs(from) : starts.length ? Math.min(...starts) : null;
  const hi = to ? dayMs(to) + DAY : starts.length ? Math.max(...starts) + 1 : null;
  if (lo === null || hi === null || hi <= lo) return null;
  const start = bucketStartMs(lo, resolution);
  const lastStart = bucketStartMs(hi - 1, resolution);
  return [start, bucketEndMs(lastStart, resolution)];
}

/**
 * The calendar days a brushed span covers: from the day of its left edge to the day of its right
 * edge, inclusive; filters are whole days even when the timeline shows hours.
 */
export function brushToDates(domain: [number, number], x0: number, x1: number, width: number): [string, string] {
  const [lo, hi] = x0 <= x1 ? [x0, x1] : [x1, x0];
  const at = (x: number) => domain[0] + (Math.max(0, Math.min(width, x)) / width) * (domain[1] - domain[0]);
  const start = at(lo);
  const end = Math.max(start, at(hi) - 1);
  return [isoDay(start), isoDay(end)];
}

/** The inclusive dates of one bucket, for a click on its bar. */
export function bucketDates(date: string, resolution: Resolution): [string, string] {
  const start = bucketStartMs(bucketDateMs(date), resolution);
  return [isoDay(start), isoDay(bucketEndMs(start, resolution) - 1)];
}

/** Ticks for the time axis: at most one label per `minGap` pixels, on bucket-aligned dates. */
export function axisTicks(
  domain: [number, number],
  width: number,
  minGap = 90,
): { ms: number; label: string; x: number }[] {
  const span = domain[1] - domain[0];
  const steps = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY];
  const step = steps.find((s) => (s / span) * width >= minGap) ?? 365 * DAY;
  const ticks: { ms: number; label: string; x: number }[] = [];
  let ms: number;
  if (step >= 365 * DAY) ms = Date.UTC(new Date(domain[0]).getUTCFullYear(), 0, 1);
  else if (step >= 30 * DAY) ms = bucketStartMs(domain[0], 'month');
  else if (step >= 7 * DAY) ms = bucketStartMs(domain[0], 'week');
  else ms = Math.floor(domain[0] / step) * step;
  while (ms < domain[1]) {
    if (ms >= domain[0]) {
      const iso = new Date(ms).toISOString();
      const label =
        step < DAY
          ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
          : step >= 365 * DAY
            ? iso.slice(0, 4)
            : iso.slice(0, 10);
      ticks.push({ ms, label, x: ((ms - domain[0]) / span) * width });
    }
    if (step >= 365 * DAY) ms = Date.UTC(new Date(ms).getUTCFullYear() + 1, 0, 1);
    else if (step >= 30 * DAY) {
      const d = new Date(ms);
      ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + Math.round(step / (30 * DAY)), 1);
    } else ms += step;
  }
  return ticks;
}

export const QUAD_KEYS = ['4', '3', '2', '1', 'none'] as const;

/** Stack order bottom-up: conflict at the base, where the eye compares best. */
export function stackKeys(stack: 'quadClass' | 'plover'): string[] {
  return stack === 'quadClass' ? [...QUAD_KEYS] : [...[...PLOVER_TYPES].reverse(), 'none'];
}
