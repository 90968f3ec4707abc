/**
 * The workbench's filter state and its URL form. Every filter lives in the query string, so a view
 * can be shared as a link and the back button undoes a filter change.
 */
export interface FilterState {
  from: string | null;
  to: string | null;
  actor: string[];
  type: string[];
  minCredibility: number | null;
  status: string[];
  admin1: string[];
  country: string[];
  /** The selected event (detail pane), not a filter but part of the shareable view. */
  event: string | null;
}

export const EMPTY_FILTERS: FilterState = {
  from: null,
  to: null,
  actor: [],
  type: [],
  minCredibility: null,
  status: [],
  admin1: [],
  country: [],
  event: null,
};

const LISTS = ['actor', 'type', 'status', 'admin1', 'country'] as const;

export function filtersFromSearch(search: string): FilterState {
  const q = new URLSearchParams(search);
  const list = (k: string) => (q.get(k) ?? '').split(',').filter(Boolean);
  const cred = Number(q.get('minCredibility'));
  return {
    from: q.get('from'),
    to: q.get('to'),
    actor: list('actor'),
    type: list('type'),
    minCredibility: Number.isInteger(cred) && cred >= 1 && cred <= 6 ? cred : null,
    status: list('status'),
    admin1: list('admin1'),
    country: list('country'),
    event: q.get('event'),
  };
}

export function filtersToSearch(f: FilterState): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const k of LISTS) if (f[k].length) q.set(k, f[k].join(','));
  if (f.minCredibility !== null) q.set('minCredibility', String(f.minCredibility));
  if (f.event) q.set('event', f.event);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The API query for a filter state: the same parameter names, without view-only state. */
export function apiQuery(f: FilterState, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams(filtersToSearch({ ...f, event: null }).slice(1));
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  return q.toString();
}

export function hasFilters(f: FilterState): boolean {
  return apiQuery(f) !== '';
}
