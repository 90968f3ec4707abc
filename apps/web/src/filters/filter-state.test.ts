import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  EMPTY_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  hasFilters,
  toggle,
  withFilter,
} from './filter-state.ts';

describe('filter state in the URL', () => {
  it('round-trips every field', () => {
    const f = {
      ...EMPTY_FILTERS,
      from: '2024-10-01',
      to: '2024-11-30',
      actor: ['PRK', 'RUS'],
      type: ['MOBILIZE'],
      quad: ['3', '4'],
      minCredibility: 2,
      status: ['confirmed', 'disputed'],
      admin1: ['RU-KRS'],
      country: ['UKR'],
      document: 'doc_00000000000000000001',
      event: 'evt_00000000000000000001',
      view: 'network' as const,
      q: 'troops "border crossing"',
      doc: 'doc_00000000000000000002',
      claim: 'clm_00000000000000000003',
      stack: 'plover' as const,
      basis: 'report' as const,
      weight: 'goldstein' as const,
      edges: 5000,
    };
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
  });

  it('leaves defaults out of the URL', () => {
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
    expect(filtersFromSearch('')).toEqual(EMPTY_FILTERS);
  });

  it('drops invalid values instead of passing them on', () => {
    const f = filtersFromSearch('?minCredibility=9&from=yesterday&quad=2,7&view=admin&edges=3&stack=colour');
    expect(f).toMatchObject({ minCredibility: null, from: null, quad: ['2'], view: 'map', edges: 1000 });
    expect(f.stack).toBe('quadClass');
  });

  it('keeps view-only state out of API queries', () => {
    const f = {
      ...EMPTY_FILTERS,
      type: ['ASSAULT'],
      event: 'evt_1',
      view: 'sources' as const,
      doc: 'doc_1',
      weight: 'goldstein' as const,
    };
    expect(apiQuery(f, { limit: 10 })).toBe('type=ASSAULT&limit=10');
    expect(hasFilters({ ...EMPTY_FILTERS, event: 'evt_1', view: 'network' })).toBe(false);
    expect(hasFilters(f)).toBe(true);
  });

  it('closes the selected event and the reader when a filter changes, keeping the view', () => {
    const f = { ...EMPTY_FILTERS, view: 'network' as const, event: 'evt_1', doc: 'doc_1', claim: 'clm_1' };
    expect(withFilter(f, { admin1: ['UA-43'] })).toMatchObject({
      view: 'network',
      event: null,
      doc: null,
      claim: null,
      admin1: ['UA-43'],
    });
  });

  it('toggles list values', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
