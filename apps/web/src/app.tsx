import type { Actor, Place } from '@parallax/core';
import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventSummary, Page } from './api-client.ts';
import { getJson } from './api-client.ts';
import { EventDetail } from './events/event-detail.tsx';
import { EventList } from './events/event-list.tsx';
import { FilterBar } from './filters/filter-bar.tsx';
import {
  apiQuery,
  EDGE_LIMITS,
  type FilterState,
  filtersFromSearch,
  filtersToSearch,
  toggle,
  type WorkbenchView,
  withFilter,
} from './filters/filter-state.ts';
import { IngestView } from './ingest/ingest-view.tsx';
import { formatCount } from './labels.ts';
import { useLiveRevision } from './live/use-live-revision.ts';
import { MapPane } from './map/map-pane.tsx';
import type { NetworkData } from './network/network-model.ts';
import { NetworkPane } from './network/network-pane.tsx';
import { DocumentReader } from './reader/document-reader.tsx';
import { SearchView } from './search/search-view.tsx';
import { SourcesView } from './sources/sources-view.tsx';
import { requestInterval } from './timeline/timeline-model.ts';
import { type TimelineData, TimelinePane } from './timeline/timeline-pane.tsx';
import { useApi } from './use-api.ts';
import { useMediaQuery } from './use-media-query.ts';

const PAGE = 100;

const NAV: { view: WorkbenchView; label: string; key: string }[] = [
  { view: 'map', label: 'Map', key: 'm' },
  { view: 'network', label: 'Network', key: 'n' },
  { view: 'sources', label: 'Sources', key: 's' },
  { view: 'ingest', label: 'Ingest', key: 'i' },
];

export function App() {
  const [state, setState] = useState<FilterState>(() => filtersFromSearch(window.location.search));
  useEffect(() => {
    const onPop = () => setState(filtersFromSearch(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((next: FilterState) => {
    const search = filtersToSearch(next);
    if (search !== window.location.search) window.history.pushState(null, '', `${window.location.pathname}${search}`);
    setState(next);
  }, []);
  const stateRef = useRef(state);
  stateRef.current = state;

  const live = useLiveRevision();
  const rev = live.revision;
  // A bare URL opens on the workspace's own view (its case's span, say), once, without a history entry.
  const bareUrl = useRef(window.location.search === '');
  const defaultView = live.settings?.view ?? null;
  useEffect(() => {
    if (!bareUrl.current || !live.settings) return;
    bareUrl.current = false;
    if (!defaultView || window.location.search !== '') return;
    window.history.replaceState(null, '', `${window.location.pathname}?${defaultView}`);
    setState(filtersFromSearch(`?${defaultView}`));
  }, [live.settings, defaultView]);
  const wide = useMediaQuery('(min-width: 1700px)');
  const visual = state.view === 'map' || state.view === 'network';
  const showMap = visual && !state.doc && (wide || state.view === 'map');
  const showNetwork = visual && !state.doc && (wide || state.view === 'network');

  const query = apiQuery(state);
  const actors = useApi<Actor[]>('/api/actors', rev);
  const places = useApi<Place[]>(state.view === 'search' ? '/api/places' : null, rev);
  const timeline = useApi<TimelineData>(
    visual
      ? `/api/timeline?${apiQuery(state, { interval: requestInterval(state.from, state.to), stack: state.stack, basis: state.basis })}`
      : null,
    rev,
  );
  const regions = useApi<FeatureCollection>(
    showMap ? `/api/map/regions?${apiQuery(state, { level: 'admin1', geometry: 'polygon' })}` : null,
    rev,
  );
  const points = useApi<FeatureCollection>(showMap ? `/api/map/events?${apiQuery(state, { limit: 5000 })}` : null, rev);
  const network = useApi<NetworkData>(
    showNetwork ? `/api/network?${apiQuery(state, { limit: state.edges })}` : null,
    rev,
  );
  const firstPage = useApi<Page<EventSummary>>(`/api/events?${apiQuery(state, { limit: PAGE })}`, rev);

  // "Show more" appends pages to the first one; a filter change starts over.
  const [more, setMore] = useState<{ items: EventSummary[]; next: string | null; query: string } | null>(null);
  const events = useMemo(
    () => [...(firstPage.data?.items ?? []), ...(more?.query === query ? more.items : [])],
    [firstPage.data, more, query],
  );
  const next = more?.query === query ? more.next : (firstPage.data?.next ?? null);
  const loadMore = async () => {
    if (!next) return;
    const page = await getJson<Page<EventSummary>>(`/api/events?${apiQuery(state, { limit: PAGE, cursor: next })}`);
    setMore({ items: [...(more?.query === query ? more.items : []), ...page.items], next: page.next, query });
  };

  const actorOptions = useMemo(
    () =>
      (actors.data ?? [])
        .map((a) => ({ id: a.id, name: a.name, code: a.codes[0] ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [actors.data],
  );
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of regions.data?.features ?? []) {
      const code = f.properties?.code;
      if (typeof code === 'string' && typeof f.properties?.name === 'string') m.set(code, f.properties.name);
    }
    return m;
  }, [regions.data]);

  // Where the open event is: from the map's own points, else from the list (no extra request).
  const selectedPoint = useMemo(() => {
    if (!state.event) return null;
    const f = points.data?.features.find((p) => p.properties?.id === state.event);
    if (f?.geometry.type === 'Point') {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      return { lon, lat };
    }
    const place = events.find((e) => e.id === state.event)?.place;
    return place && place.lon !== null && place.lat !== null ? { lon: place.lon, lat: place.lat } : null;
  }, [state.event, points.data, events]);

  const set = (patch: Partial<FilterState>) => update({ ...stateRef.current, ...patch });
  const filter = (patch: Partial<FilterState>) => update(withFilter(stateRef.current, patch));
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
      const s = stateRef.current;
      if (e.key === 'Escape') {
        if (s.doc) update({ ...s, doc: null, claim: null });
        else if (s.event) update({ ...s, event: null });
        return;
      }
      if (typing || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        searchInput.current?.focus();
        return;
      }
      const nav = NAV.find((n) => n.key === e.key);
      if (nav) update({ ...s, view: nav.view, doc: null, claim: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [update]);

  const counts = live.counts;
  const changed = live.lastChange
    ? Object.entries(live.lastChange.added)
        .filter(([k]) => k === 'documents' || k === 'events' || k === 'claims')
        .map(([k, n]) => `${n > 0 ? '+' : ''}${formatCount(n)} ${k}`)
        .join(', ')
    : '';

  const stage = () => {
    if (state.doc)
      return (
        <DocumentReader
          documentId={state.doc}
          claimId={state.claim}
          onClose={() => set({ doc: null, claim: null })}
          onEventsFromDocument={(id) => filter({ document: id, view: state.view === 'search' ? 'map' : state.view })}
        />
      );
    if (state.view === 'sources') return <SourcesView revision={rev} onChanged={live.bump} />;
    if (state.view === 'ingest') return <IngestView revision={rev} onChanged={live.bump} />;
    if (state.view === 'search')
      return (
        <SearchView
          q={state.q ?? ''}
          revision={rev}
          actors={actors.data ?? []}
          places={places.data ?? []}
          onOpenDocument={(id) => set({ doc: id, claim: null })}
          onFilterActor={(id) => filter({ actor: toggle(state.actor, id), view: 'map', q: null })}
          onFilterPlace={(p) =>
            filter(
              p.admin1
                ? { admin1: toggle(state.admin1, p.admin1), view: 'map', q: null }
                : { country: toggle(state.country, p.country ?? ''), view: 'map', q: null },
            )
          }
        />
      );
    return (
      <div className={`visuals${showMap && showNetwork ? ' both' : ''}`}>
        {showMap && (
          <MapPane
            regions={regions.data}
            events={points.data}
            loading={regions.loading || points.loading}
            selectedRegions={state.admin1}
            selectedEvent={selectedPoint}
            onToggleRegion={(code) => filter({ admin1: toggle(state.admin1, code) })}
            onSelectEvent={(id) => set({ event: id })}
          />
        )}
        {showNetwork && (
          <NetworkPane
            data={network.data}
            loading={network.loading}
            weighting={state.weight}
            edgeLimit={state.edges}
            edgeLimits={EDGE_LIMITS}
            selectedActors={state.actor}
            onToggleActor={(id) => filter({ actor: toggle(state.actor, id) })}
            onWeighting={(weight) => set({ weight })}
            onEdgeLimit={(edges) => set({ edges })}
          />
        )}
      </div>
    );
  };

  return (
    <div className="app">
      <header className="top">
        <h1>
          Parallax{' '}
          <small title={live.settings?.title ? 'This workspace' : undefined}>
            {live.settings?.title ?? 'who did what to whom, where and when — and who says so'}
          </small>
        </h1>
        <nav className="views" aria-label="Views">
          {NAV.map((n) => (
            <button
              key={n.view}
              type="button"
              aria-current={state.view === n.view && !state.doc ? 'page' : undefined}
              className={n.view === 'map' || n.view === 'network' ? `visual-tab${wide ? ' merged' : ''}` : ''}
              onClick={() => update({ ...state, view: n.view, doc: null, claim: null })}
              title={`${n.label} (key ${n.key})`}
            >
              {n.label}
            </button>
          ))}
        </nav>
        <form
          className="search-form"
          aria-label="Search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = new FormData(e.currentTarget).get('q')?.toString().trim();
            if (q) update({ ...state, view: 'search', q, doc: null, claim: null });
          }}
        >
          <input
            ref={searchInput}
            name="q"
            type="search"
            key={state.q ?? ''}
            defaultValue={state.q ?? ''}
            placeholder="Search documents, actors, places  ( / )"
            aria-label="Search documents, actors and places"
          />
        </form>
        <p className="stats" aria-live="polite">
          {counts && (
            <>
              {formatCount(counts.documents ?? 0)} documents · {formatCount(counts.claims ?? 0)} claims ·{' '}
              {formatCount(counts.events ?? 0)} events
            </>
          )}
          {live.offline ? (
            <span className="live offline"> · server not answering</span>
          ) : (
            <span className="live" title="The workbench checks for new material every few seconds">
              {' '}
              · live{changed ? ` (${changed} at ${live.lastChange?.at.toLocaleTimeString('en-GB')})` : ''}
            </span>
          )}{' '}
          · <a href="/briefs">Briefs</a> · <a href="/api/docs">API</a>
        </p>
      </header>
      <FilterBar filters={state} actors={actorOptions} names={names} onChange={update} />
      {(firstPage.error ?? timeline.error ?? network.error) && (
        <p className="error" role="alert">
          {(firstPage.error ?? timeline.error ?? network.error)?.message}
        </p>
      )}
      <main className={`panes${visual && !state.doc ? ' with-timeline' : ''}`}>
        <section className="stage" aria-label="Main view">
          {stage()}
          {visual && !state.doc && (
            <TimelinePane
              data={timeline.data}
              loading={timeline.loading}
              from={state.from}
              to={state.to}
              stack={state.stack}
              basis={state.basis}
              onSelectRange={(from, to) => filter({ from, to })}
              onClearRange={() => filter({ from: null, to: null })}
              onStack={(stack) => set({ stack })}
              onBasis={(basis) => set({ basis })}
            />
          )}
        </section>
        <section className="side" aria-label="Evidence">
          {state.event ? (
            <EventDetail
              id={state.event}
              revision={rev}
              openClaim={state.claim}
              onClose={() => set({ event: null, doc: null, claim: null })}
              onReadClaim={(doc, claim) => set({ doc, claim })}
              onFilterActor={(id) => filter({ actor: toggle(state.actor, id) })}
            />
          ) : (
            <EventList
              events={events}
              total={firstPage.data?.total ?? 0}
              loading={firstPage.loading}
              selected={state.event}
              onSelect={(id) => set({ event: id })}
              onMore={next ? () => void loadMore() : null}
            />
          )}
        </section>
      </main>
    </div>
  );
}
