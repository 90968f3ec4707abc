import { InvalidInputError } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { sqlIdentifier, sqlInteger, sqlNumber, sqlString, sqlStringList } from './sql-literal.ts';

/** Reads a literal back the way ClickHouse's lexer does, to show the escaping is lossless and closed. */
function unquote(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    // An unescaped quote inside would end the literal early: that is the injection this guards against.
    expect(c).not.toBe("'");
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === 'x') {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += n;
  }
  return out;
}

describe('ClickHouse literals', () => {
  const nasty = [
    "O'Brien",
    "'); DROP DATABASE parallax; --",
    "back\\slash \\' mixed",
    'line\nbreak\r\ttab\u0000nul\u001b esc \u007f',
    'Kyïv — 東京 😀',
    '\\',
    "'",
    '',
  ];

  it.each(nasty)('quotes %j so it reads back unchanged', (value) => {
    expect(unquote(sqlString(value))).toBe(value);
  });

  it('writes lists and numbers, refusing what is not one', () => {
    expect(sqlStringList(['a', "b'"])).toBe("'a', 'b\\''");
    expect(sqlNumber(-12.5)).toBe('-12.5');
    expect(sqlNumber(1e-7)).toBe('1e-7');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1 OR 1=1' as unknown as number]) {
      expect(() => sqlNumber(bad, 'bbox')).toThrow(InvalidInputError);
    }
    expect(sqlInteger(42)).toBe('42');
    expect(() => sqlInteger(1.5, 'limit')).toThrow(/limit: expected an integer/);
    expect(() => sqlString(42 as unknown as string)).toThrow(InvalidInputError);
  });

  it('accepts only plain identifiers', () => {
    expect(sqlIdentifier('parallax_2024')).toBe('parallax_2024');
    for (const bad of ['', '1abc', 'a-b', 'a b', 'db;DROP', '`x`']) {
      expect(() => sqlIdentifier(bad, 'database')).toThrow(InvalidInputError);
    }
  });
});
