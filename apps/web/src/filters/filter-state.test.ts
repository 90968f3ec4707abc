import { describe, expect, it } from 'vitest';
import { apiQuery, EMPTY_FILTERS, filtersFromSearch, filtersToSearch, hasFilters } from './filter-state.ts';

describe('filter state in the URL', () => {
  it('round-trips every field', () => {
    const f = {
      ...EMPTY_FILTERS,
      from: '2024-10-01',
      to: '2024-11-30',
      actor: ['PRK', 'RUS'],
      type: ['MOBILIZE'],
      minCredibility: 2,
      status: ['confirmed', 'disputed'],
      admin1: ['RU-KRS'],
      event: 'evt_00000000000000000001',
    };
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
  });

  it('drops invalid credibility and keeps the event out of API queries', () => {
    expect(filtersFromSearch('?minCredibility=9').minCredibility).toBeNull();
    const f = { ...EMPTY_FILTERS, type: ['ASSAULT'], event: 'evt_1' };
    expect(apiQuery(f, { limit: 10 })).toBe('type=ASSAULT&limit=10');
    expect(hasFilters({ ...EMPTY_FILTERS, event: 'evt_1' })).toBe(false);
    expect(hasFilters(f)).toBe(true);
  });
});
