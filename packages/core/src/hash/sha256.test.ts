import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentId } from './content-id.ts';
import { sha256Hex, utf8 } from './sha256.ts';

describe('sha256Hex', () => {
  it('matches node:crypto on ASCII, multi-byte text, lone surrogates and block boundaries', () => {
    const inputs = [
      '',
      'abc',
      'Пхеньян 평양 — “quotes”',
      '😀 emoji',
      'x'.repeat(55),
      'y'.repeat(56),
      'z'.repeat(64),
      'w'.repeat(1000),
    ];
    for (const text of inputs) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('encodes UTF-8 exactly like Buffer', () => {
    const text = 'a\u00e9\u4e2d\ud83d\ude00\ud800z';
    expect(Buffer.from(utf8(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('contentId', () => {
  it('is deterministic and separates parts unambiguously', () => {
    expect(contentId('doc', 'a', 'b')).toBe(contentId('doc', 'a', 'b'));
    expect(contentId('doc', 'ab', 'c')).not.toBe(contentId('doc', 'a', 'bc'));
    expect(contentId('evt', 'x')).toMatch(/^evt_[0-9a-f]{20}$/);
  });
});
