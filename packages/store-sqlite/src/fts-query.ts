/**
 * Turns what an analyst types into an FTS5 query that cannot be a syntax error: every word becomes a
 * quoted term (all must match), text in double quotes stays a phrase. Operators typed by hand
 * (AND, OR, NEAR, `*`, `-`) are searched as words, which is what a search box should do.
 */
export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  const rest = input.replace(/"([^"]*)"/g, (_, phrase: string) => {
    const words = words_(phrase);
    if (words.length) parts.push(`"${words.join(' ')}"`);
    return ' ';
  });
  for (const w of words_(rest)) parts.push(`"${w}"`);
  return parts.length ? parts.join(' AND ') : null;
}

function words_(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
