import { PLOVER_TYPES, STATUS_LABELS } from '../labels.ts';
import { EMPTY_FILTERS, type FilterState, hasFilters } from './filter-state.ts';

export interface FilterBarProps {
  filters: FilterState;
  actors: { id: string; name: string; code: string | null }[];
  onChange(next: FilterState): void;
}

/** Time, actor, event type, credibility and status: every pane follows these. */
export function FilterBar({ filters, actors, onChange }: FilterBarProps) {
  const set = (patch: Partial<FilterState>) => onChange({ ...filters, ...patch, event: null });
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        From
        <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
      </label>
      <label>
        To
        <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || null })} />
      </label>
      <label>
        Actor
        <select
          value={filters.actor[0] ?? ''}
          onChange={(e) => set({ actor: e.target.value ? [e.target.value] : [] })}
          aria-label="Actor"
        >
          <option value="">any actor</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.code ? ` (${a.code})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Event type
        <select value={filters.type[0] ?? ''} onChange={(e) => set({ type: e.target.value ? [e.target.value] : [] })}>
          <option value="">any type</option>
          {PLOVER_TYPES.map((t) => (
            <option key={t} value={t}>
              {t.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Credibility
        <select
          value={filters.minCredibility ?? ''}
          onChange={(e) => set({ minCredibility: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">any</option>
          <option value="1">1 confirmed</option>
          <option value="2">2 or better</option>
          <option value="3">3 or better</option>
          <option value="4">4 or better</option>
          <option value="5">5 or better</option>
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status[0] ?? ''}
          onChange={(e) => set({ status: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">any status</option>
          {Object.entries(STATUS_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {filters.admin1.map((code) => (
        <button
          key={code}
          type="button"
          className="chip"
          onClick={() => set({ admin1: filters.admin1.filter((c) => c !== code) })}
        >
          {code} ×
        </button>
      ))}
      {hasFilters(filters) && (
        <button type="button" className="clear" onClick={() => onChange(EMPTY_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
