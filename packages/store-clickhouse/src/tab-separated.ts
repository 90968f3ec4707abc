import { InvalidInputError } from '@parallax/core';

/**
 * Rows as ClickHouse's TabSeparated input format, for inserts: the server parses it several times
 * faster than JSONEachRow (no key matching per field), and 18.16 reads it the same way as today's
 * servers. One line per row, fields in `columns` order; strings escaped as the format requires.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the bytes the format escapes.
const FIELD_SPECIAL = /[\\\t\n\r\u0000]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const FIELD_SPECIALS = /[\\\t\n\r\u0000]/g;
const FIELD_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '\\0' };

/** A string field: backslash, tab, newline, carriage return and NUL escaped, everything else as it is. */
export function tsvString(value: string): string {
  return FIELD_SPECIAL.test(value) ? value.replace(FIELD_SPECIALS, (c) => FIELD_ESCAPES[c] as string) : value;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, plus the quote that ends an element.
const QUOTED_SPECIALS = /[\\'\t\n\r\u0000]/g;

/** An array field, `['a','b']`: elements quoted as in SQL (the server parses the array structurally). */
function tsvArray(values: readonly unknown[], column: string): string {
  const items = values.map((v) => {
    if (typeof v === 'string')
      return `'${v.replace(QUOTED_SPECIALS, (c) => (c === "'" ? "\\'" : (FIELD_ESCAPES[c] as string)))}'`;
    return tsvNumber(v, column);
  });
  return `[${items.join(',')}]`;
}

function tsvNumber(value: unknown, column: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw new InvalidInputError(`insert column ${column}: cannot write ${String(value)} as TabSeparated`);
}

function tsvField(value: unknown, column: string): string {
  if (typeof value === 'string') return tsvString(value);
  if (value === null || value === undefined) return '\\N';
  if (Array.isArray(value)) return tsvArray(value, column);
  return tsvNumber(value, column);
}

/** The rows' fields in `columns` order, one line per row (every line ends in a newline). */
export function tabSeparated(rows: readonly object[], columns: readonly string[]): string {
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as string;
      if (c) line += '\t';
      line += tsvField(row[column], column);
    }
    lines[r] = line;
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
