/** Offsets of a line in a text (1-based line), for selecting it in the editor. */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return { start: text.length, end: text.length };
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end < 0 ? text.length : end };
}

/**
 * Inserts a citation key at the cursor. Keys next to an existing cluster join it (`[@a; @b]`), and a
 * key is kept out of the middle of a word.
 */
export function insertCitation(text: string, at: number, key: string): { text: string; cursor: number } {
  const before = text.slice(0, at);
  const after = text.slice(at);
  const cluster = /\[@[^\]]*$/.exec(before);
  if (cluster && after.includes(']')) {
    const close = at + after.indexOf(']');
    const next = `${text.slice(0, close)}; @${key}${text.slice(close)}`;
    return { text: next, cursor: close + key.length + 3 };
  }
  if (/\]$/.test(before) && /\[@[^\]]*\]$/.test(before)) {
    const close = at - 1;
    const next = `${text.slice(0, close)}; @${key}${text.slice(close)}`;
    return { text: next, cursor: close + key.length + 4 };
  }
  const pad = before && !/\s$/.test(before) && !/[.,;:!?]$/.test(before) ? ' ' : '';
  const insert = `${pad}[@${key}]`;
  return { text: `${before}${insert}${after}`, cursor: at + insert.length };
}

/** A short label for an event in the cite list: type, actors, place, date. */
export function eventLabel(e: {
  plover: string | null;
  cameo: string | null;
  actors: { name: string; role: string }[];
  place: { name: string } | null;
  time: { start: string; end: string } | null;
}): string {
  const who = e.actors.map((a) => a.name).join(' → ');
  const when = e.time ? (e.time.start === e.time.end ? e.time.start : `${e.time.start}…${e.time.end}`) : 'undated';
  return [e.plover ?? (e.cameo ? `CAMEO ${e.cameo}` : 'event'), who, e.place?.name, when].filter(Boolean).join(' · ');
}
