import { describe, expect, it } from 'vitest';
import { dateFromEpochDay, epochDay, type IsoDate, isIsoDate, spanFor, toIsoDate, toIsoDateTime } from './time.ts';

describe('calendar dates', () => {
  it('rejects impossible dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('24-01-01')).toBe(false);
  });

  it('round-trips epoch days', () => {
    expect(epochDay('1970-01-01' as IsoDate)).toBe(0);
    expect(dateFromEpochDay(epochDay('2024-10-28' as IsoDate))).toBe('2024-10-28');
  });

  it('normalises date-times to UTC', () => {
    expect(toIsoDateTime('2024-10-28T09:00:00+02:00')).toBe('2024-10-28T07:00:00.000Z');
    expect(toIsoDate('2024-10-28T23:30:00-02:00')).toBe('2024-10-29');
    expect(toIsoDate('not a date')).toBeNull();
  });

  it('widens a date to the span its precision implies', () => {
    expect(spanFor('2024-02-10' as IsoDate, 'month')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
      precision: 'month',
    });
    expect(spanFor('2024-02-10' as IsoDate, 'year')).toEqual({
      start: '2024-01-01',
      end: '2024-12-31',
      precision: 'year',
    });
  });
});
