import { InvalidInputError } from '@parallax/core';

/**
 * Literals for ClickHouse SQL, escaped on the client. 18.16 has no query parameters (`param_x` is an
 * unknown setting there), so every value that reaches a query text passes through one of these.
 */

/**
 * A single-quoted string literal. Backslash and quote are escaped, and every control character is
 * written as `\xHH`, so no input can end the literal or smuggle a raw byte the parser treats specially.
 */
export function sqlString(value: string): string {
  if (typeof value !== 'string') throw new InvalidInputError(`expected text, got ${typeof value}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped here.
  const escaped = value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `'${escaped}'`;
}

/** A finite number literal; NaN and infinities are rejected rather than written as `nan`/`inf`. */
export function sqlNumber(value: number, what = 'number'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError(`${what}: expected a finite number, got ${String(value)}`);
  }
  // Exponent notation (1e-7) is valid ClickHouse syntax; String() never emits anything else.
  return String(value);
}

/** An integer literal within the safe range. */
export function sqlInteger(value: number, what = 'integer'): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidInputError(`${what}: expected an integer, got ${String(value)}`);
  }
  return String(value);
}

/** `'a', 'b'` for `IN (…)` and array literals; callers guard against an empty list. */
export function sqlStringList(values: readonly string[]): string {
  return values.map(sqlString).join(', ');
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isSqlIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && name.length <= 128;
}

/** A database, table or cluster name; only plain identifiers are accepted, so no quoting is needed. */
export function sqlIdentifier(name: string, what = 'name'): string {
  if (!isSqlIdentifier(name)) {
    throw new InvalidInputError(
      `${what} ${JSON.stringify(name)}: use letters, digits and underscores, starting with a letter`,
    );
  }
  return name;
}
