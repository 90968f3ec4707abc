import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EventSummary, InfoResponse, Page, TimelineResponse } from './api-client.ts';
import { getJson } from './api-client.ts';
import { EventDetail } from './events/event-detail.tsx';
import { EventList } from './events/event-list.tsx';
import { FilterBar } from './filters/filter-bar.tsx';
import { apiQuery, type FilterState, filtersFromSearch, filtersToSearch } from './filters/filter-state.ts';
import { MapPane } from './map/map-pane.tsx';
import { TimelinePane } from './timeline/timeline-pane.tsx';
import { useApi } from './use-api.ts';

const PAGE = 100;

function chooseInterval(buckets: { date: string }[] | undefined): 'day' | 'week' | 'month' {
  if (!buckets?.length) return 'day';
  const first = Date.parse(buckets[0]?.date ?? '');
  const last = Date.parse(buckets[buckets.length - 1]?.date ?? '');
  const days = (last - first) / 86_400_000;
  return days > 3 * 365 ? 'month' : days > 240 ? 'week' : 'day';
}

export function App() {
  const [filters, setFilters] = useState<FilterState>(() => filtersFromSearch(window.location.search));
  useEffect(() => {
    const onPop = () => setFilters(filtersFromSearch(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((next: FilterState) => {
    const search = filtersToSearch(next);
    if (search !== window.location.search) window.history.pushState(null, '', `${window.location.pathname}${search}`);
    setFilters(next);
  }, []);

  const query = apiQuery(filters);
  const info = useApi<InfoResponse>('/api/info');
  const actors = useApi<{ id: string; name: string; codes: string[] }[]>('/api/actors');
  const overview = useApi<TimelineResponse>(`/api/timeline?${apiQuery(filters, { interval: 'month' })}`);
  const interval = chooseInterval(overview.data?.buckets);
  const timeline = useApi<TimelineResponse>(`/api/timeline?${apiQuery(filters, { interval })}`);
  const regions = useApi<FeatureCollection>(
    `/api/map/regions?${apiQuery(filters, { level: 'admin1', geometry: 'polygon' })}`,
  );
  const points = useApi<FeatureCollection>(`/api/map/events?${apiQuery(filters, { limit: 5000 })}`);
  const firstPage = useApi<Page<EventSummary>>(`/api/events?${apiQuery(filters, { limit: PAGE })}`);

  // "Show more" appends pages to the first one; a filter change starts over.
  const [more, setMore] = useState<{ items: EventSummary[]; next: string | null; query: string } | null>(null);
  const events = useMemo(
    () => [...(firstPage.data?.items ?? []), ...(more?.query === query ? more.items : [])],
    [firstPage.data, more, query],
  );
  const next = more?.query === query ? more.next : (firstPage.data?.next ?? null);
  const loadMore = async () => {
    if (!next) return;
    const page = await getJson<Page<EventSummary>>(`/api/events?${apiQuery(filters, { limit: PAGE, cursor: next })}`);
    setMore({ items: [...(more?.query === query ? more.items : []), ...page.items], next: page.next, query });
  };

  const actorOptions = useMemo(
    () => (actors.data ?? []).map((a) => ({ id: a.id, name: a.name, code: a.codes[0] ?? null })).slice(0, 2000),
    [actors.data],
  );
  const counts = info.data?.store.counts;

  return (
    <div className="app">
      <header className="top">
        <h1>
          Parallax <small>who did what to whom, where and when — and who says so</small>
        </h1>
        {counts && (
          <p className="stats">
            {counts.documents?.toLocaleString('en-US')} documents · {counts.claims?.toLocaleString('en-US')} claims ·{' '}
            {counts.events?.toLocaleString('en-US')} events · <a href="/api/docs">API</a>
          </p>
        )}
      </header>
      <FilterBar filters={filters} actors={actorOptions} onChange={update} />
      {(firstPage.error ?? timeline.error) && (
        <p className="error" role="alert">
          {(firstPage.error ?? timeline.error)?.message}
        </p>
      )}
      <main className="panes">
        <section className="left">
          <MapPane
            regions={regions.data}
            events={points.data}
            selectedRegions={filters.admin1}
            onToggleRegion={(code) =>
              update({
                ...filters,
                event: null,
                admin1: filters.admin1.includes(code)
                  ? filters.admin1.filter((c) => c !== code)
                  : [...filters.admin1, code],
              })
            }
            onSelectEvent={(id) => update({ ...filters, event: id })}
          />
          <TimelinePane
            buckets={timeline.data?.buckets ?? null}
            interval={timeline.data?.interval ?? interval}
            onSelectRange={(from, to) => update({ ...filters, from, to, event: null })}
          />
        </section>
        <section className="right">
          {filters.event ? (
            <EventDetail id={filters.event} onClose={() => update({ ...filters, event: null })} />
          ) : (
            <EventList
              events={events}
              total={firstPage.data?.total ?? 0}
              loading={firstPage.loading}
              selected={filters.event}
              onSelect={(id) => update({ ...filters, event: id })}
              onMore={next ? () => void loadMore() : null}
            />
          )}
        </section>
      </main>
    </div>
  );
}
