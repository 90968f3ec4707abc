import type { IsoDate, IsoDateTime } from '@parallax/core';
import { createMemoryStore, testClaim, testDocument, testEvent } from '@parallax/testkit';
import { describe, expect, it } from 'vitest';
import { eventTimeline } from './event-timeline.ts';

async function storeWith(events: ReturnType<typeof testEvent>[]) {
  const store = createMemoryStore();
  for (const event of events) {
    // Every stored event needs a claim in a stored document.
    const doc = testDocument(`Report ${event.id}`);
    const claim = testClaim({ documentId: doc.id, start: 0, end: 6, quote: doc.text.slice(0, 6), frame: event.frame });
    await store.apply({ documents: [doc], claims: [claim], events: [{ ...event, claimIds: [claim.id] }] });
  }
  return store;
}

describe('eventTimeline', () => {
  it('answers days by event time from the store aggregate', async () => {
    const store = await storeWith([
      testEvent({ day: '2024-10-01' as IsoDate, plover: 'ASSAULT' }),
      testEvent({ day: '2024-10-01' as IsoDate, plover: 'CONSULT' }),
      testEvent({ day: '2024-10-03' as IsoDate, plover: 'ASSAULT' }),
    ]);
    const t = await eventTimeline(store, {}, { interval: 'day', stack: 'plover', basis: 'event' });
    expect(t.buckets.map((b) => [b.date, b.total])).toEqual([
      ['2024-10-01', 2],
      ['2024-10-03', 1],
    ]);
    expect(t.buckets[0]?.counts).toEqual({ ASSAULT: 1, CONSULT: 1 });
    expect(t.partial).toBe(false);
  });

  it('places events by first report when asked, and counts the never-reported apart', async () => {
    const store = await storeWith([
      testEvent({ day: '2024-10-01' as IsoDate, firstReported: '2024-10-04T08:30:00.000Z' as IsoDateTime }),
      testEvent({ day: '2024-10-02' as IsoDate, firstReported: '2024-10-04T23:10:00.000Z' as IsoDateTime }),
      testEvent({ day: '2024-10-02' as IsoDate, firstReported: null }),
    ]);
    const t = await eventTimeline(store, {}, { interval: 'day', stack: 'quadClass', basis: 'report' });
    expect(t.buckets.map((b) => [b.date, b.total])).toEqual([['2024-10-04', 2]]);
    expect(t.undated).toBe(1);
    expect(t.counted).toBe(2);
    const hours = await eventTimeline(store, {}, { interval: 'hour', stack: 'quadClass', basis: 'report' });
    expect(hours.buckets.map((b) => b.date)).toEqual(['2024-10-04T08:00Z', '2024-10-04T23:00Z']);
  });

  it('puts hour-precise events in their hour and day-precise ones in a separate per-day row', async () => {
    const hourly = testEvent({ day: '2024-10-01' as IsoDate });
    if (hourly.frame.time) hourly.frame.time = { ...hourly.frame.time, precision: 'hour', hour: 14 };
    const store = await storeWith([hourly, testEvent({ day: '2024-10-01' as IsoDate })]);
    const t = await eventTimeline(store, {}, { interval: 'hour', stack: 'quadClass', basis: 'event' });
    expect(t.buckets.map((b) => [b.date, b.total])).toEqual([['2024-10-01T14:00Z', 1]]);
    expect(t.dayOnly.map((b) => [b.date, b.total])).toEqual([['2024-10-01', 1]]);
  });

  it('answers from the store aggregate at every size, never partially', async () => {
    const store = await storeWith(
      Array.from({ length: 30 }, (_, i) =>
        testEvent({
          day: `2024-10-${String(1 + (i % 28)).padStart(2, '0')}` as IsoDate,
          firstReported: `2024-10-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z` as IsoDateTime,
        }),
      ),
    );
    const t = await eventTimeline(store, {}, { interval: 'week', stack: 'status', basis: 'report' });
    expect(t.partial).toBe(false);
    expect(t.counted).toBe(30);
    expect(t.buckets.reduce((n, b) => n + b.total, 0)).toBe(30);
  });
});
