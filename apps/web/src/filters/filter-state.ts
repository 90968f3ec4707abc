/**
 * The workbench's state and its URL form. Every filter and every view choice lives in the query
 * string, so a view can be shared as a link and the back button undoes a change.
 */
export interface FilterState {
  from: string | null;
  to: string | null;
  /** Actor ids, CAMEO codes or names (the API resolves them). */
  actor: string[];
  type: string[];
  /** Quad classes 1–4, as strings. */
  quad: string[];
  minCredibility: number | null;
  status: string[];
  admin1: string[];
  country: string[];
  /** Only events with a claim from this document. */
  document: string | null;

  /** The selected event (detail pane): part of the shareable view, not a filter. */
  event: string | null;
  /** What the main pane shows. */
  view: WorkbenchView;
  /** Search text (view `search`). */
  q: string | null;
  /** Reader: a document, and the claim whose span is highlighted in it. */
  doc: string | null;
  claim: string | null;
  /** Timeline: what the bars are stacked by, and which date places an event. */
  stack: 'quadClass' | 'plover';
  basis: 'event' | 'report';
  /** Network: edge weight, and how many of the heaviest edges to draw. */
  weight: 'count' | 'goldstein';
  edges: number;
}

export const VIEWS = ['map', 'network', 'sources', 'search', 'ingest'] as const;
export type WorkbenchView = (typeof VIEWS)[number];
export const EDGE_LIMITS = [250, 1000, 5000, 20000] as const;
const DEFAULT_EDGES = 1000;

export const EMPTY_FILTERS: FilterState = {
  from: null,
  to: null,
  actor: [],
  type: [],
  quad: [],
  minCredibility: null,
  status: [],
  admin1: [],
  country: [],
  document: null,
  event: null,
  view: 'map',
  q: null,
  doc: null,
  claim: null,
  stack: 'quadClass',
  basis: 'event',
  weight: 'count',
  edges: DEFAULT_EDGES,
};

const LISTS = ['actor', 'type', 'quad', 'status', 'admin1', 'country'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: string): FilterState {
  const q = new URLSearchParams(search);
  const list = (k: string) => (q.get(k) ?? '').split(',').filter(Boolean);
  const cred = Number(q.get('minCredibility'));
  const date = (k: string) => {
    const v = q.get(k);
    return v && DATE.test(v) ? v : null;
  };
  const view = q.get('view');
  const edges = Number(q.get('edges'));
  return {
    from: date('from'),
    to: date('to'),
    actor: list('actor'),
    type: list('type'),
    quad: list('quad').filter((v) => /^[1-4]$/.test(v)),
    minCredibility: Number.isInteger(cred) && cred >= 1 && cred <= 6 ? cred : null,
    status: list('status'),
    admin1: list('admin1'),
    country: list('country'),
    document: q.get('document'),
    event: q.get('event'),
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as WorkbenchView) : 'map',
    q: q.get('q') || null,
    doc: q.get('doc'),
    claim: q.get('claim'),
    stack: q.get('stack') === 'plover' ? 'plover' : 'quadClass',
    basis: q.get('basis') === 'report' ? 'report' : 'event',
    weight: q.get('weight') === 'goldstein' ? 'goldstein' : 'count',
    edges: (EDGE_LIMITS as readonly number[]).includes(edges) ? edges : DEFAULT_EDGES,
  };
}

export function filtersToSearch(f: FilterState): string {
  const q = new URLSearchParams();
  if (f.view !== 'map') q.set('view', f.view);
  if (f.q) q.set('q', f.q);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const k of LISTS) if (f[k].length) q.set(k, f[k].join(','));
  if (f.minCredibility !== null) q.set('minCredibility', String(f.minCredibility));
  if (f.document) q.set('document', f.document);
  if (f.event) q.set('event', f.event);
  if (f.doc) q.set('doc', f.doc);
  if (f.claim) q.set('claim', f.claim);
  if (f.stack !== 'quadClass') q.set('stack', f.stack);
  if (f.basis !== 'event') q.set('basis', f.basis);
  if (f.weight !== 'count') q.set('weight', f.weight);
  if (f.edges !== DEFAULT_EDGES) q.set('edges', String(f.edges));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The event filter alone: what every pane's API query shares. */
export function filterOnly(f: FilterState): FilterState {
  return {
    ...EMPTY_FILTERS,
    from: f.from,
    to: f.to,
    actor: f.actor,
    type: f.type,
    quad: f.quad,
    minCredibility: f.minCredibility,
    status: f.status,
    admin1: f.admin1,
    country: f.country,
    document: f.document,
  };
}

/** The API query for a filter state: the same parameter names, without view-only state. */
export function apiQuery(f: FilterState, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams(filtersToSearch(filterOnly(f)).slice(1));
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  return q.toString();
}

export function hasFilters(f: FilterState): boolean {
  return apiQuery(f) !== '';
}

/** Adds a value to a list filter, or removes it when present. */
export function toggle(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** A filter change: the selected event and the reader are left behind, the view is kept. */
export function withFilter(f: FilterState, patch: Partial<FilterState>): FilterState {
  return { ...f, ...patch, event: null, doc: null, claim: null };
}
