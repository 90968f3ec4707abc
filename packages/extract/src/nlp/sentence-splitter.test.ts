import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentence-splitter.ts';
import { maskText } from './text-mask.ts';

const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not break after titles, months or U.S. before a lower-case word', () => {
    expect(
      texts('He met Pres. Zelensky at 10 a.m. U.S. officials said on Oct. 5 that they agreed. Then he left.'),
    ).toEqual(['He met Pres. Zelensky at 10 a.m. U.S. officials said on Oct. 5 that they agreed.', 'Then he left.']);
  });

  it('keeps exact offsets for every token, including after masked markup and emoji', () => {
    const text = '<p>NATO &amp; the EU</p> said 🚀 “troops” can\u0007t go.\n\nAl-Qaeda struck again.';
    for (const s of splitSentences(text)) {
      for (const t of s.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    }
  });

  it('rejoins hyphenated names split by the tagger and gives their dictionary words', () => {
    const [s] = splitSentences('Ban Ki-moon met Al-Qaeda envoys.');
    const words = s?.tokens.map((t) => t.text);
    expect(words).toContain('Ki-moon');
    expect(s?.tokens.find((t) => t.text === 'Al-Qaeda')?.words).toEqual(['AL', 'QAEDA']);
  });

  it('treats blank lines, headings and short title lines as boundaries', () => {
    expect(texts('Troops in Kursk\nSEOUL - The agency said so.\n\n# Notes\nMore text here.')).toEqual([
      'Troops in Kursk',
      'SEOUL - The agency said so.',
      '# Notes',
      'More text here.',
    ]);
  });

  it('cuts a run-on text into bounded windows', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const sentences = splitSentences(text);
    expect(sentences.length).toBeGreaterThan(5);
    for (const s of sentences) expect(s.tokens.length).toBeLessThanOrEqual(120);
  });
});

describe('maskText', () => {
  it('blanks markup and control characters without changing the length', () => {
    const raw = '<b>Kyiv</b> &amp; \u0000Kharkiv\u200b';
    const masked = maskText(raw);
    expect(masked).toHaveLength(raw.length);
    expect(masked).toBe('   Kyiv     &      Kharkiv ');
  });
});
