import { describe, expect, it } from 'vitest';
import { segmentText } from './text-segments.ts';

describe('segmentText', () => {
  const text = 'Troops crossed the river at dawn, officials said.';

  it('marks every claim and singles out the selected one', () => {
    const segs = segmentText(
      text,
      [
        { id: 'a', start: 0, end: 14 },
        { id: 'b', start: 7, end: 32 },
      ],
      'b',
    );
    expect(segs.map((s) => [s.text, s.claims.join('+'), s.selected])).toEqual([
      ['Troops ', 'a', false],
      ['crossed', 'a+b', true],
      [' the river at dawn', 'b', true],
      [', officials said.', '', false],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('clamps spans past the end and ignores empty ones', () => {
    const segs = segmentText(
      text,
      [
        { id: 'x', start: 40, end: 400 },
        { id: 'y', start: 5, end: 5 },
      ],
      null,
    );
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.at(-1)?.claims).toEqual(['x']);
    expect(segs.some((s) => s.claims.includes('y'))).toBe(false);
  });

  it('returns the whole text when there are no claims', () => {
    expect(segmentText(text, [], null)).toEqual([{ text, claims: [], selected: false }]);
  });
});
