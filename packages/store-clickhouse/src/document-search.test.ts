import { describe, expect, it } from 'vitest';
import { parseSearchQuery, searchSnippet, searchSql, searchTerms } from './document-search.ts';

describe('document word search', () => {
  it('normalises case and accents the same way for documents and queries', () => {
    expect(searchTerms('Kyïv Update', 'Troops REACHED the river.')).toBe(' kyiv update troops reached the river ');
    expect(parseSearchQuery('KYIV "the  River" troops troops')).toEqual({
      words: ['kyiv', 'troops'],
      phrases: [['the', 'river']],
    });
  });

  it('turns operators and stray quotes into words or nothing', () => {
    expect(parseSearchQuery('"unbalanced')).toEqual({ words: ['unbalanced'], phrases: [] });
    expect(parseSearchQuery("ministry's (statement) AND -")).toEqual({
      words: ['ministry', 's', 'statement', 'and'],
      phrases: [],
    });
    expect(parseSearchQuery('- * ""')).toEqual({ words: [], phrases: [] });
  });

  it('matches whole words only and escapes the needles', () => {
    const { where } = searchSql({ words: ['river'], phrases: [['o', 'brien']] });
    expect(where).toBe("position(terms, ' river ') > 0 AND position(terms, ' o brien ') > 0");
  });

  it('brackets matches in the original spelling', () => {
    const text = `${'Filler words here. '.repeat(10)}Heavy RAIN fell; the rain-soaked Kyïv streets flooded.`;
    const snippet = searchSnippet(text, { words: ['rain', 'kyiv'], phrases: [] });
    expect(snippet).toContain('Heavy [RAIN] fell; the [rain]-soaked [Kyïv] streets');
    expect(snippet.startsWith('…')).toBe(true);
    expect(searchSnippet('No match at all.', { words: ['x'], phrases: [] })).toBe('No match at all.');
  });
});
