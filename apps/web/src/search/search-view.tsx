import type { Actor, Place, SearchHit } from '@parallax/core';
import { useMemo } from 'react';
import type { Page } from '../api-client.ts';
import { formatCount } from '../labels.ts';
import { useApi } from '../use-api.ts';
import { matchNamed, snippetParts } from './search-model.ts';

export interface SearchViewProps {
  q: string;
  revision: number;
  actors: Actor[];
  places: Place[];
  onOpenDocument(id: string): void;
  onFilterActor(id: string): void;
  onFilterPlace(place: Place): void;
}

/** Full-text search over documents, plus the actors and places whose names or codes match. */
export function SearchView({
  q,
  revision,
  actors,
  places,
  onOpenDocument,
  onFilterActor,
  onFilterPlace,
}: SearchViewProps) {
  const hits = useApi<Page<SearchHit>>(q.trim() ? `/api/search?q=${encodeURIComponent(q)}&limit=50` : null, revision);
  const actorHits = useMemo(
    () => matchNamed(actors, q, (a) => [a.name, ...a.aliases, ...a.codes, a.qid ?? '']).slice(0, 20),
    [actors, q],
  );
  const placeHits = useMemo(
    () => matchNamed(places, q, (p) => [p.name, p.admin1 ?? '', p.country ?? '']).slice(0, 20),
    [places, q],
  );

  return (
    <section className="search-view" aria-labelledby="search-title" data-testid="search-view">
      <div className="pane-head">
        <h2 id="search-title">{q.trim() ? `Search: “${q}”` : 'Search: type words in the box above'}</h2>
        <span className="hint">all words must match; "quoted phrases" stay together</span>
      </div>
      <div className="search-body">
        <section aria-labelledby="doc-hits">
          <h3 id="doc-hits">Documents {hits.data ? <small>({formatCount(hits.data.total)})</small> : null}</h3>
          {hits.error && <p className="error">{hits.error.message}</p>}
          {hits.data && hits.data.items.length === 0 && <p className="empty">No document matches.</p>}
          <ol className="hits">
            {hits.data?.items.map((h) => (
              <li key={h.document.id}>
                <button type="button" data-testid="search-hit" onClick={() => onOpenDocument(h.document.id)}>
                  <strong>{h.document.title}</strong>
                  <small>
                    {h.document.publisher ?? ''}
                    {h.document.published ? ` · ${h.document.published.slice(0, 10)}` : ''}
                  </small>
                  <span className="snippet">
                    {snippetParts(h.snippet).map((p, i) =>
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string, never reordered.
                      p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="actor-hits">
          <h3 id="actor-hits">
            Actors <small>({actorHits.length})</small>
          </h3>
          {actorHits.length === 0 && <p className="empty">No actor matches.</p>}
          <ul className="chips">
            {actorHits.map((a) => (
              <li key={a.id}>
                <button type="button" onClick={() => onFilterActor(a.id)} title="Filter every pane to this actor">
                  {a.name} {a.codes[0] ? <code>{a.codes[0]}</code> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="place-hits">
          <h3 id="place-hits">
            Places <small>({placeHits.length})</small>
          </h3>
          {placeHits.length === 0 && <p className="empty">No place matches.</p>}
          <ul className="chips">
            {placeHits.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => onFilterPlace(p)}
                  disabled={!p.admin1 && !p.country}
                  title="Filter every pane to this place's region"
                >
                  {p.name} <code>{p.admin1 ?? p.country ?? p.level}</code>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
