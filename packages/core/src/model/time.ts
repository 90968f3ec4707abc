import type { Brand } from './brand.ts';

/** Calendar date `YYYY-MM-DD` (UTC). */
export type IsoDate = Brand<string, 'IsoDate'>;
/** Instant `YYYY-MM-DDTHH:mm:ss(.sss)Z` (UTC). */
export type IsoDateTime = Brand<string, 'IsoDateTime'>;

/**
 * How precisely a source pins down when something happened. A claim that says "in October" must not
 * be treated as contradicting one that says "on 28 October"; precision is what lets later stages
 * compare times fairly.
 */
export type TimePrecision = 'hour' | 'day' | 'week' | 'month' | 'year' | 'range';

export const TIME_PRECISIONS: readonly TimePrecision[] = ['hour', 'day', 'week', 'month', 'year', 'range'];

/** When an event happened: an inclusive interval of calendar days plus the precision the source gave. */
export interface TimeSpan {
  start: IsoDate;
  end: IsoDate;
  precision: TimePrecision;
  /** Hour of day (0–23, UTC) when precision is `hour`. */
  hour?: number | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2024-02-30). */
export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export function isIsoDateTime(value: string): value is IsoDateTime {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Parses a date or date-time string and returns the UTC calendar date, or null. */
export function toIsoDate(value: string): IsoDate | null {
  if (isIsoDate(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 10) as IsoDate;
}

/** Normalises any parseable date-time to UTC ISO form, or null. */
export function toIsoDateTime(value: string): IsoDateTime | null {
  const ms = Date.parse(isIsoDate(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString() as IsoDateTime;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a calendar date; the unit the analytical index buckets by. */
export function epochDay(date: IsoDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

export function dateFromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

/** The whole days a span covers, inclusive. */
export function spanDays(span: TimeSpan): number {
  return epochDay(span.end) - epochDay(span.start) + 1;
}

/** Builds the span a precision implies around a date: the whole month for `month`, and so on. */
export function spanFor(date: IsoDate, precision: TimePrecision): TimeSpan {
  const [y, m] = date.split('-');
  if (precision === 'month') {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return {
      start: `${y}-${m}-01` as IsoDate,
      end: `${y}-${m}-${String(last).padStart(2, '0')}` as IsoDate,
      precision,
    };
  }
  if (precision === 'year') return { start: `${y}-01-01` as IsoDate, end: `${y}-12-31` as IsoDate, precision };
  if (precision === 'week') {
    const day = epochDay(date);
    return { start: date, end: dateFromEpochDay(day + 6), precision };
  }
  return { start: date, end: date, precision };
}
