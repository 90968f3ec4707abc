import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../load-extractor.ts';
import { ploverOf } from './plover-of.ts';

describe('ploverOf', () => {
  const codebook = loadCodebook();

  it('reads the CAMEO→PLOVER table, and maps appeals (02x) to REQUEST', () => {
    expect(ploverOf(codebook, '1723')).toEqual({ type: 'COERCE', mode: 'curfew' });
    expect(ploverOf(codebook, '0234')?.type).toBe('REQUEST');
    expect(ploverOf(codebook, '010')).toBeNull();
  });

  it('gives a code the table lacks the type of its parent, without a mode', () => {
    expect(ploverOf(codebook, '176')).toEqual({ type: 'COERCE', mode: null });
  });
});
