import type { KeyboardEvent } from 'react';
import type { EventSummary } from '../api-client.ts';
import { formatCount, formatSpan, STATUS_LABELS } from '../labels.ts';

export interface EventListProps {
  events: EventSummary[];
  total: number;
  loading: boolean;
  selected: string | null;
  onSelect(id: string): void;
  onMore: (() => void) | null;
}

/** Arrow keys move between rows, Home/End jump; Enter (the button's own) opens the event. */
function moveFocus(e: KeyboardEvent<HTMLOListElement>) {
  const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  const step = keys[e.key];
  if (step === undefined) return;
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[data-testid=event-item]')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    step === -Infinity ? 0 : step === Infinity ? items.length - 1 : Math.max(0, Math.min(items.length - 1, at + step));
  items[next]?.focus();
  e.preventDefault();
}

/** The filtered events, newest first; each row says what, who, where, how sure. */
export function EventList({ events, total, loading, selected, onSelect, onMore }: EventListProps) {
  return (
    <section className="event-list" aria-labelledby="events-title">
      <header>
        <h2 id="events-title">Events</h2>
        <span className="count" aria-live="polite">
          {loading ? 'loading…' : `${formatCount(total)} match`}
        </span>
      </header>
      <ol onKeyDown={moveFocus} className={loading ? 'loading' : ''}>
        {events.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              data-testid="event-item"
              data-event={e.id}
              className={e.id === selected ? 'selected' : ''}
              aria-current={e.id === selected}
              onClick={() => onSelect(e.id)}
            >
              <span className="when">{formatSpan(e.time)}</span>
              <span className="what">
                <strong>{e.plover ?? (e.cameo ? `CAMEO ${e.cameo}` : 'Unclassified')}</strong>{' '}
                {e.actors
                  .filter((a) => a.role !== 'other')
                  .map((a) => `${a.role === 'target' ? '→ ' : ''}${a.name}`)
                  .join(' ')}
              </span>
              <span className="where">
                {e.place ? e.place.name : 'no place'}
                {e.claimCount > 1 ? ` · ${e.claimCount} claims` : ''}
                {e.contradictions.length ? ' · contradicted' : ''}
              </span>
              <span className={`badge cred-${e.credibility}`} title={`Credibility ${e.credibility}`}>
                {e.credibility}
              </span>
              <span className={`status status-${e.status}`}>{STATUS_LABELS[e.status]}</span>
            </button>
          </li>
        ))}
      </ol>
      {onMore && (
        <button type="button" className="more" onClick={onMore}>
          Show more
        </button>
      )}
      {!loading && events.length === 0 && <p className="empty">No events match these filters.</p>}
    </section>
  );
}
