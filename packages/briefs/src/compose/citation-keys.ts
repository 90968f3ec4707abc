/** One cited item inside a citation: `@doc:doc_…` or `@event:evt_…`, with an optional locator. */
export interface CitationRef {
  kind: 'doc' | 'event';
  id: string;
  locator: string | null;
  label: string | null;
}

/** A bracketed citation in a brief's Markdown: `[@doc:doc_1; @event:evt_2, p. 4]`. */
export interface CitationCluster {
  /** Offset of the opening bracket in the Markdown. */
  start: number;
  end: number;
  line: number;
  refs: CitationRef[];
}

const CLUSTER = /\[(\s*@(?:doc|event):[^\]]+)\]/g;
const LOCATOR_LABELS: Record<string, string> = {
  p: 'page',
  pp: 'page',
  page: 'page',
  para: 'paragraph',
  paras: 'paragraph',
  '¶': 'paragraph',
  sec: 'section',
  section: 'section',
  ch: 'chapter',
  fig: 'figure',
  n: 'note',
  line: 'line',
};

/** Finds the citation clusters in a brief's Markdown, in reading order. */
export function findCitations(markdown: string): CitationCluster[] {
  const out: CitationCluster[] = [];
  for (const m of markdown.matchAll(CLUSTER)) {
    const refs: CitationRef[] = [];
    for (const part of (m[1] ?? '').split(';')) {
      const r = /^\s*@(doc|event):([A-Za-z0-9_-]+)\s*(?:,\s*(.+?))?\s*$/.exec(part);
      if (!r) continue;
      let locator: string | null = r[3] ?? null;
      let label: string | null = null;
      if (locator) {
        const l = /^([a-z¶]+)\.?\s+(.+)$/i.exec(locator);
        const known = l?.[1] ? LOCATOR_LABELS[l[1].toLowerCase()] : undefined;
        if (l?.[2] && known) {
          label = known;
          locator = l[2];
        } else label = 'page';
      }
      refs.push({ kind: r[1] as 'doc' | 'event', id: r[2] as string, locator, label });
    }
    if (!refs.length) continue;
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, line: markdown.slice(0, start).split('\n').length, refs });
  }
  return out;
}

/** Every document and event a brief cites, each once. */
export function citedKeys(markdown: string): { documents: string[]; events: string[] } {
  const documents = new Set<string>();
  const events = new Set<string>();
  for (const c of findCitations(markdown)) for (const r of c.refs) (r.kind === 'doc' ? documents : events).add(r.id);
  return { documents: [...documents], events: [...events] };
}
