/**
 * Items whose names match every word of a query (case- and accent-insensitive), best first: exact
 * name or code, then prefix, then substring.
 */
export function matchNamed<T>(items: T[], query: string, names: (item: T) => string[]): T[] {
  const words = fold(query).replace(/"/g, ' ').split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const keys = names(item).filter(Boolean).map(fold);
    const joined = keys.join(' ');
    if (!words.every((w) => joined.includes(w))) continue;
    const whole = words.join(' ');
    const score = keys.some((k) => k === whole) ? 0 : keys.some((k) => k.startsWith(whole)) ? 1 : 2;
    scored.push({ item, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.item);
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A search snippet (matches wrapped in `[` `]` by the store) as plain and matched parts. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), match: false });
    parts.push({ text: m[1] ?? '', match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false });
  return parts;
}
