import type { ActorId, DocumentId, EventFilter, IsoDate } from '@parallax/core';
import { InvalidInputError } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { eventFilterSql } from './event-filter-sql.ts';

describe('event filters in ClickHouse SQL', () => {
  it('is 1 for no filter', () => {
    expect(eventFilterSql({})).toBe('1');
  });

  it('bounds start_day from the longest span only when given one', () => {
    const from = { from: '2024-03-01' as IsoDate };
    expect(eventFilterSql(from)).toBe('(end_day >= 19783)');
    expect(eventFilterSql(from, { maxSpanSql: '(SELECT 5)' })).toBe(
      '(end_day >= 19783) AND (start_day >= 19783 - (SELECT 5))',
    );
  });

  it('never lets a value out of its literal', () => {
    const sql = eventFilterSql({
      actorIds: ["act_x']) OR 1=1 --" as ActorId],
      documentId: "doc_'; DROP TABLE events_local" as DocumentId,
    });
    expect(sql).toBe(
      "(hasAny(actor_ids, ['act_x\\']) OR 1=1 --'])) AND (has(doc_ids, 'doc_\\'; DROP TABLE events_local'))",
    );
  });

  it.each<[string, EventFilter, RegExp]>([
    ['a bad date', { from: '2024-02-30' as IsoDate }, /from: "2024-02-30" is not a YYYY-MM-DD date/],
    ['a non-number in a box', { bbox: [0, 0, Number.NaN, 1] }, /bbox: expected a finite number/],
    ['a short box', { bbox: [0, 0, 1] as unknown as [number, number, number, number] }, /bbox: expected \[west/],
    ['a fractional grade', { minCredibility: 2.5 as 2 }, /minCredibility: expected an integer/],
    ['a number where text belongs', { countries: [7 as unknown as string] }, /countries: 7 is not text/],
  ])('rejects %s', (_, filter, message) => {
    expect(() => eventFilterSql(filter)).toThrow(InvalidInputError);
    expect(() => eventFilterSql(filter)).toThrow(message);
  });
});
