import { describe, expect, it } from 'vitest';
import { countChanges } from './use-live-revision.ts';

describe('countChanges', () => {
  it('keeps only the kinds whose counts moved', () => {
    expect(countChanges({ documents: 20, events: 40, actors: 9 }, { documents: 23, events: 41, actors: 9 })).toEqual({
      documents: 3,
      events: 1,
    });
    expect(countChanges({ events: 5 }, { events: 5 })).toEqual({});
    expect(countChanges({}, { claims: 2 })).toEqual({ claims: 2 });
  });
});
