import type { TimelineBucket } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  brushToDates,
  bucketDates,
  dayMs,
  displayResolution,
  rebucket,
  requestInterval,
  stackKeys,
  timeDomain,
} from './timeline-model.ts';

const b = (date: string, counts: Record<string, number>): TimelineBucket => ({
  date: date as TimelineBucket['date'],
  counts,
  total: Object.values(counts).reduce((x, y) => x + y, 0),
});

describe('timeline view model', () => {
  it('asks for hours only when the filter spans three days or less', () => {
    expect(requestInterval('2024-10-27', '2024-10-29')).toBe('hour');
    expect(requestInterval('2024-10-27', '2024-10-30')).toBe('day');
    expect(requestInterval('2024-10-27', null)).toBe('day');
    expect(displayResolution(365)).toBe('day');
    expect(displayResolution(3 * 365)).toBe('week');
    expect(displayResolution(20 * 365)).toBe('month');
  });

  it('folds days into Monday weeks and calendar months, summing stacks', () => {
    const days = [b('2024-10-27', { '4': 1 }), b('2024-10-28', { '4': 2, '1': 1 }), b('2024-11-03', { '1': 5 })];
    expect(rebucket(days, 'week')).toEqual([
      b('2024-10-21', { '4': 1 }),
      { date: '2024-10-28', counts: { '4': 2, '1': 6 }, total: 8 },
    ]);
    expect(rebucket(days, 'month').map((x) => [x.date, x.total])).toEqual([
      ['2024-10-01', 4],
      ['2024-11-01', 5],
    ]);
  });

  it('draws the filter range when set, the data extent otherwise', () => {
    const days = [b('2024-10-05', { '1': 1 }), b('2024-10-09', { '1': 1 })];
    expect(timeDomain(days, 'day', null, null)).toEqual([dayMs('2024-10-05'), dayMs('2024-10-10')]);
    expect(timeDomain(days, 'day', '2024-10-01', '2024-10-31')).toEqual([dayMs('2024-10-01'), dayMs('2024-11-01')]);
    expect(timeDomain([], 'day', null, null)).toBeNull();
    const hours = [b('2024-10-05T13:00Z', { '1': 1 })];
    expect(timeDomain(hours, 'hour', '2024-10-05', '2024-10-06')).toEqual([dayMs('2024-10-05'), dayMs('2024-10-07')]);
  });

  it('turns a brushed span into inclusive days, clamped to the plot', () => {
    const domain: [number, number] = [dayMs('2024-10-01'), dayMs('2024-11-01')];
    // 31 days over 310 px: 10 px a day.
    expect(brushToDates(domain, 95, 41, 310)).toEqual(['2024-10-05', '2024-10-10']);
    expect(brushToDates(domain, -50, 400, 310)).toEqual(['2024-10-01', '2024-10-31']);
    expect(bucketDates('2024-10-28', 'week')).toEqual(['2024-10-28', '2024-11-03']);
    expect(bucketDates('2024-02-01', 'month')).toEqual(['2024-02-01', '2024-02-29']);
    expect(bucketDates('2024-10-05T13:00Z', 'hour')).toEqual(['2024-10-05', '2024-10-05']);
  });

  it('spaces axis labels and aligns them to calendar units', () => {
    const ticks = axisTicks([dayMs('2024-01-01'), dayMs('2025-01-01')], 1000);
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.length).toBeLessThanOrEqual(12);
    expect(ticks.every((t) => t.label.endsWith('-01'))).toBe(true);
    for (let i = 1; i < ticks.length; i++) expect((ticks[i]?.x ?? 0) - (ticks[i - 1]?.x ?? 0)).toBeGreaterThan(60);
    const hourTicks = axisTicks([dayMs('2024-10-05'), dayMs('2024-10-06')], 1000);
    expect(hourTicks[0]?.label).toBe('10-05 00:00');
  });

  it('stacks conflict at the base', () => {
    expect(stackKeys('quadClass')[0]).toBe('4');
    expect(stackKeys('plover')[0]).toBe('ASSAULT');
    expect(stackKeys('plover').at(-1)).toBe('none');
  });
});
