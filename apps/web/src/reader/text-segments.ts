/** A claim's span in a document's text: UTF-16 offsets, end exclusive. */
export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  /** Claims whose span covers this piece of text. */
  claims: string[];
  /** The piece belongs to the selected claim. */
  selected: boolean;
}

/**
 * Cuts a document's text at every claim boundary, so overlapping claims can all be marked and the
 * selected one stands out. Spans outside the text are clamped; empty spans are ignored.
 */
export function segmentText(text: string, spans: Span[], selected: string | null): Segment[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, Math.min(text.length, s.start)), end: Math.min(text.length, s.end) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    if (to <= from) continue;
    const claims = valid.filter((s) => s.start <= from && s.end >= to).map((s) => s.id);
    const prev = out.at(-1);
    const isSelected = selected !== null && claims.includes(selected);
    // Adjacent pieces with the same marks merge, keeping the DOM small for long documents.
    if (prev && prev.selected === isSelected && prev.claims.join() === claims.join()) prev.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), claims, selected: isSelected });
  }
  return out;
}
