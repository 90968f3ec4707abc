import { describe, expect, it } from 'vitest';
import { matchNamed, snippetParts } from './search-model.ts';

describe('search view model', () => {
  const actors = [
    { name: 'Ministry of Defence', codes: ['XYZGOV'] },
    { name: 'Défense Agency', codes: ['ABCMIL'] },
    { name: 'Defence', codes: ['DEF'] },
  ];
  const names = (a: (typeof actors)[number]) => [a.name, ...a.codes];

  it('matches every word, ignoring case and accents, exact names first', () => {
    expect(matchNamed(actors, 'defence', names).map((a) => a.name)).toEqual(['Defence', 'Ministry of Defence']);
    expect(matchNamed(actors, 'defense', names).map((a) => a.name)).toEqual(['Défense Agency']);
    expect(matchNamed(actors, 'abcmil', names).map((a) => a.name)).toEqual(['Défense Agency']);
    expect(matchNamed(actors, '  ', names)).toEqual([]);
  });

  it('splits a snippet into plain and matched parts', () => {
    expect(snippetParts('the [troops] crossed [at dawn]')).toEqual([
      { text: 'the ', match: false },
      { text: 'troops', match: true },
      { text: ' crossed ', match: false },
      { text: 'at dawn', match: true },
    ]);
    expect(snippetParts('no match')).toEqual([{ text: 'no match', match: false }]);
  });
});
