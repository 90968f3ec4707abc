import { describe, expect, it } from 'vitest';
import { eventLabel, insertCitation, lineRange } from './draft-text.ts';

describe('brief editor text helpers', () => {
  it('finds a line to select', () => {
    expect(lineRange('a\nbc\nd', 2)).toEqual({ start: 2, end: 4 });
    expect(lineRange('a', 5)).toEqual({ start: 1, end: 1 });
  });

  it('inserts a key at the cursor, joining an adjacent cluster', () => {
    expect(insertCitation('The port closed.', 16, 'doc:doc_1')).toEqual({
      text: 'The port closed.[@doc:doc_1]',
      cursor: 28,
    });
    expect(insertCitation('The port closed', 15, 'doc:doc_1').text).toBe('The port closed [@doc:doc_1]');
    expect(insertCitation('Closed [@doc:a].', 15, 'event:evt_b').text).toBe('Closed [@doc:a; @event:evt_b].');
    expect(insertCitation('Closed [@doc:a].', 12, 'event:evt_b').text).toBe('Closed [@doc:a; @event:evt_b].');
  });

  it('labels events for the cite list', () => {
    expect(
      eventLabel({
        plover: 'MOBILIZE',
        cameo: '154',
        actors: [
          { name: 'North Korea military', role: 'source' },
          { name: 'Russia military', role: 'other' },
        ],
        place: { name: 'Kursk' },
        time: { start: '2024-10-01', end: '2024-10-28' },
      }),
    ).toBe('MOBILIZE · North Korea military → Russia military · Kursk · 2024-10-01…2024-10-28');
  });
});
