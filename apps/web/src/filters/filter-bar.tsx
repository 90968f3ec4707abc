import { memo, useState } from 'react';
import { PLOVER_TYPES, QUAD_LABELS, STATUS_LABELS } from '../labels.ts';
import { EMPTY_FILTERS, type FilterState, filterOnly, hasFilters, toggle, withFilter } from './filter-state.ts';

export interface ActorOption {
  id: string;
  name: string;
  code: string | null;
}

export interface FilterBarProps {
  filters: FilterState;
  actors: ActorOption[];
  /** Names for codes shown in chips (regions, documents). */
  names: ReadonlyMap<string, string>;
  onChange(next: FilterState): void;
}

const LIST_CHIPS = [
  ['actor', 'actor'],
  ['type', 'type'],
  ['quad', 'quad'],
  ['status', 'status'],
  ['admin1', 'region'],
  ['country', 'country'],
] as const;

/** Time, actor, event type, quad class, credibility, status and place: every pane follows these. */
export function FilterBar({ filters, actors, names, onChange }: FilterBarProps) {
  const set = (patch: Partial<FilterState>) => onChange(withFilter(filters, patch));
  const [actorText, setActorText] = useState('');
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const pickActor = (text: string) => {
    const t = text.trim().toLowerCase();
    const match = actors.find(
      (a) => `${a.name}${a.code ? ` (${a.code})` : ''}`.toLowerCase() === t || a.code?.toLowerCase() === t,
    );
    if (match) {
      set({ actor: filters.actor.includes(match.id) ? filters.actor : [...filters.actor, match.id] });
      setActorText('');
    } else setActorText(text);
  };
  const chipLabel = (key: (typeof LIST_CHIPS)[number][0], value: string) => {
    if (key === 'actor') return actorById.get(value)?.name ?? value;
    if (key === 'quad') return QUAD_LABELS[value] ?? value;
    if (key === 'status') return STATUS_LABELS[value] ?? value;
    if (key === 'type') return value.toLowerCase();
    return names.get(value) ? `${names.get(value)} (${value})` : value;
  };

  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        From
        <input
          type="date"
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(e) => set({ from: e.target.value || null })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(e) => set({ to: e.target.value || null })}
        />
      </label>
      <label>
        Actor
        <input
          type="search"
          list="actor-options"
          placeholder="name or CAMEO code"
          value={actorText}
          onChange={(e) => pickActor(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') pickActor(actorText);
          }}
        />
        <ActorOptions actors={actors} />
      </label>
      <label>
        Event type
        <select value="" onChange={(e) => e.target.value && set({ type: toggle(filters.type, e.target.value) })}>
          <option value="">{filters.type.length ? `${filters.type.length} chosen` : 'any type'}</option>
          {PLOVER_TYPES.map((t) => (
            <option key={t} value={t}>
              {filters.type.includes(t) ? '✓ ' : ''}
              {t.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Quad class
        <select value="" onChange={(e) => e.target.value && set({ quad: toggle(filters.quad, e.target.value) })}>
          <option value="">{filters.quad.length ? `${filters.quad.length} chosen` : 'any'}</option>
          {['1', '2', '3', '4'].map((q) => (
            <option key={q} value={q}>
              {filters.quad.includes(q) ? '✓ ' : ''}
              {q} {QUAD_LABELS[q]}
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
        <select value="" onChange={(e) => e.target.value && set({ status: toggle(filters.status, e.target.value) })}>
          <option value="">{filters.status.length ? `${filters.status.length} chosen` : 'any status'}</option>
          {Object.entries(STATUS_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {filters.status.includes(k) ? '✓ ' : ''}
              {v}
            </option>
          ))}
        </select>
      </label>
      <ul className="chips" aria-label="Active filters">
        {LIST_CHIPS.flatMap(([key, noun]) =>
          filters[key].map((value) => (
            <li key={`${key}:${value}`}>
              <button
                type="button"
                className="chip"
                data-testid="filter-chip"
                aria-label={`Remove ${noun} filter ${chipLabel(key, value)}`}
                onClick={() => set({ [key]: filters[key].filter((v) => v !== value) })}
              >
                <small>{noun}</small> {chipLabel(key, value)} ×
              </button>
            </li>
          )),
        )}
        {filters.document && (
          <li>
            <button
              type="button"
              className="chip"
              data-testid="filter-chip"
              onClick={() => set({ document: null })}
              aria-label="Remove document filter"
            >
              <small>document</small> {names.get(filters.document) ?? filters.document} ×
            </button>
          </li>
        )}
      </ul>
      {hasFilters(filters) && (
        <button
          type="button"
          className="clear"
          onClick={() => onChange({ ...withFilter(filters, filterOnly(EMPTY_FILTERS)) })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Thousands of options: rendered once per actor list, not on every filter change. */
const ActorOptions = memo(function ActorOptions({ actors }: { actors: ActorOption[] }) {
  return (
    <datalist id="actor-options">
      {actors.slice(0, 10_000).map((a) => (
        <option key={a.id} value={`${a.name}${a.code ? ` (${a.code})` : ''}`} />
      ))}
    </datalist>
  );
});
