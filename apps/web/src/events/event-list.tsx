import type { EventSummary } from '../api-client.ts';
import { formatSpan, STATUS_LABELS } from '../labels.ts';

export interface EventListProps {
  events: EventSummary[];
  total: number;
  loading: boolean;
  selected: string | null;
  onSelect(id: string): void;
  onMore: (() => void) | null;
}

/** The filtered events, newest first; each row says what, who, where, how sure. */
export function EventList({ events, total, loading, selected, onSelect, onMore }: EventListProps) {
  return (
    <section className="event-list" aria-label="Events">
      <header>
        <h2>Events</h2>
        <span className="count">{loading ? 'loading…' : `${total.toLocaleString('en-US')} match`}</span>
      </header>
      <ol>
        {events.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              data-testid="event-item"
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
              <span className="where">{e.place ? e.place.name : 'no place'}</span>
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
