import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount, QUAD_COLORS } from '../labels.ts';
import { legendStops, pointBounds, shadeRegions, topRegions } from './map-model.ts';
import { DARK, LIGHT, offlineStyle } from './map-style.ts';

// Vite bundles the worker separately; MapLibre must be told where it is or it fails to start.
maplibregl.setWorkerUrl(workerUrl);

export interface MapPaneProps {
  regions: FeatureCollection | null;
  events: FeatureCollection | null;
  loading: boolean;
  selectedRegions: string[];
  /** The event open in the detail pane, where it is on the map. */
  selectedEvent: { lon: number; lat: number } | null;
  onToggleRegion(code: string): void;
  onSelectEvent(id: string): void;
}

declare global {
  interface Window {
    /** Set once the map has drawn its data; browser tests wait for it. */
    __mapLoaded?: boolean;
    /** What the map last drew, and when it went idle after drawing it (benchmark). */
    __map?: { regions: number; points: number; idleAt: number };
    /** Where a place is on screen and which layer is on top there (browser tests click through it). */
    __mapProbe?: (lng: number, lat: number) => { x: number; y: number; layer: string | null };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The offline MapLibre map: countries, an admin-1 choropleth of the filtered events, clustered event
 * points coloured by quad class, disputed units outlined. Hover tells what is under the pointer;
 * clicking a region filters every pane to it, clicking a point opens the event.
 */
export function MapPane({
  regions,
  events,
  loading,
  selectedRegions,
  selectedEvent,
  onToggleRegion,
  onSelectEvent,
}: MapPaneProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const fitted = useRef(false);
  const handlers = useRef({ onToggleRegion, onSelectEvent });
  handlers.current = { onToggleRegion, onSelectEvent };
  const shaded = useMemo(() => shadeRegions(regions), [regions]);
  const palette = useMemo(
    () => ((window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false) ? DARK : LIGHT),
    [],
  );

  useEffect(() => {
    if (!container.current) return;
    const m = new maplibregl.Map({
      container: container.current,
      style: offlineStyle(new URL('/', window.location.href).href, palette),
      center: [30, 45],
      zoom: 2,
      attributionControl: false,
      renderWorldCopies: false,
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(
      new maplibregl.AttributionControl({
        compact: false,
        customAttribution:
          'Boundaries © Natural Earth (public domain) · admin-1 codes ISO 3166-2, cross-referenced to GeoNames (CC BY 4.0) · disputed units drawn with their de jure country, outlined dashed',
      }),
    );
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10, maxWidth: '260px' });
    let hoveredRegion: string | null = null;
    const setHover = (code: string | null) => {
      if (hoveredRegion) m.setFeatureState({ source: 'regions', id: hoveredRegion }, { hover: false });
      hoveredRegion = code;
      if (code) m.setFeatureState({ source: 'regions', id: code }, { hover: true });
    };

    m.on('load', () => setReady(true));
    m.on('mousemove', (e) => {
      const hits = m.queryRenderedFeatures(e.point, {
        layers: ['event-points', 'event-clusters', 'regions-fill', 'disputed-outline'],
      });
      const point = hits.find((f) => f.layer.id === 'event-points');
      const cluster = hits.find((f) => f.layer.id === 'event-clusters');
      const region = hits.find((f) => f.layer.id === 'regions-fill');
      const disputedHit = m.queryRenderedFeatures(
        [
          [e.point.x - 2, e.point.y - 2],
          [e.point.x + 2, e.point.y + 2],
        ],
        { layers: ['disputed-outline'] },
      )[0];
      setHover(!point && !cluster && typeof region?.properties?.code === 'string' ? region.properties.code : null);
      m.getCanvas().style.cursor = point || cluster || region ? 'pointer' : '';
      let html: string | null = null;
      if (point) {
        const p = point.properties ?? {};
        html = `<strong>${escapeHtml(String(p.plover ?? 'Event'))}</strong> · ${escapeHtml(String(p.date ?? 'undated'))}<br>${escapeHtml(String(p.place ?? ''))}<br><small>credibility ${escapeHtml(String(p.credibility))} · ${escapeHtml(String(p.status))} · click to open</small>`;
      } else if (cluster) {
        html = `<strong>${formatCount(Number(cluster.properties?.point_count ?? 0))} events</strong><br><small>click to zoom in</small>`;
      } else if (region) {
        const p = region.properties ?? {};
        html = `<strong>${escapeHtml(String(p.name ?? p.code))}</strong> <small>${escapeHtml(String(p.code))}</small><br>${formatCount(Number(p.count ?? 0))} events · click to filter`;
      }
      if (disputedHit) {
        const d = disputedHit.properties ?? {};
        html = `${html ? `${html}<hr>` : ''}<small><strong>${escapeHtml(String(d.name))}</strong> (${escapeHtml(String(d.code))}): shown with ${escapeHtml(String(d.dejure))} (ISO 3166-2, de jure); administered by ${escapeHtml(String(d.administeredBy))}. Events there are counted under ${escapeHtml(String(d.code))}.</small>`;
      }
      if (html) popup.setLngLat(e.lngLat).setHTML(html).addTo(m);
      else popup.remove();
    });
    m.on('mouseout', () => {
      setHover(null);
      popup.remove();
    });
    m.on('click', (e) => {
      const hits = m.queryRenderedFeatures(e.point, { layers: ['event-points', 'event-clusters', 'regions-fill'] });
      const point = hits.find((f) => f.layer.id === 'event-points');
      if (point) {
        const id = point.properties?.id;
        if (typeof id === 'string') handlers.current.onSelectEvent(id);
        return;
      }
      const cluster = hits.find((f) => f.layer.id === 'event-clusters');
      if (cluster?.geometry.type === 'Point') {
        m.easeTo({ center: cluster.geometry.coordinates as [number, number], zoom: m.getZoom() + 2 });
        return;
      }
      const code = hits.find((f) => f.layer.id === 'regions-fill')?.properties?.code;
      if (typeof code === 'string') handlers.current.onToggleRegion(code);
    });
    window.__mapProbe = (lng, lat) => {
      const p = m.project([lng, lat]);
      const top = m.queryRenderedFeatures(p, { layers: ['event-points', 'event-clusters', 'regions-fill'] })[0];
      return { x: p.x, y: p.y, layer: top?.layer.id ?? null };
    };
    map.current = m;
    return () => {
      popup.remove();
      m.remove();
      map.current = null;
      setReady(false);
    };
  }, [palette]);

  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    (m.getSource('regions') as maplibregl.GeoJSONSource | undefined)?.setData(shaded.collection);
    (m.getSource('events') as maplibregl.GeoJSONSource | undefined)?.setData(
      events ?? { type: 'FeatureCollection', features: [] },
    );
    for (const f of shaded.collection.features) {
      const code = f.properties?.code;
      if (typeof code === 'string')
        m.setFeatureState({ source: 'regions', id: code }, { selected: selectedRegions.includes(code) });
    }
    if (!fitted.current && events?.features.length) {
      const b = pointBounds(events);
      if (b)
        m.fitBounds(
          [
            [b[0], b[1]],
            [b[2], b[3]],
          ],
          { padding: 50, maxZoom: 5, duration: 0 },
        );
      fitted.current = true;
    }
    // Only a complete answer counts as drawn: with one request still out, the map is between states.
    if (regions && events && !loading) {
      const drawn = { regions: regions.features.length, points: events.features.length };
      m.once('idle', () => {
        window.__map = { ...drawn, idleAt: performance.now() };
        window.__mapLoaded = true;
      });
      m.triggerRepaint();
    }
  }, [ready, shaded, regions, events, selectedRegions, loading]);

  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    (m.getSource('selected') as maplibregl.GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: selectedEvent
        ? [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [selectedEvent.lon, selectedEvent.lat] },
              properties: {},
            },
          ]
        : [],
    });
    // Bring the event into view without changing the zoom the analyst chose.
    if (selectedEvent && !m.getBounds().contains([selectedEvent.lon, selectedEvent.lat]))
      m.easeTo({ center: [selectedEvent.lon, selectedEvent.lat], duration: 300 });
  }, [ready, selectedEvent]);

  const stops = legendStops(shaded.max);
  const top = useMemo(() => topRegions(regions, 6), [regions]);

  return (
    <section className="map-pane" aria-label="Map of events">
      <div className={`map${loading ? ' loading' : ''}`} data-testid="map" ref={container} />
      <div className="map-legend">
        <div className="ramp" aria-hidden="true">
          <span style={{ background: `linear-gradient(90deg, ${palette.regionLow}, ${palette.regionHigh})` }} />
        </div>
        <div className="ramp-labels">
          {stops.map((s) => (
            <span key={s}>{formatCount(s)}</span>
          ))}
        </div>
        <div className="muted">events per admin-1 region</div>
        <div className="points-key">
          {(['1', '2', '3', '4'] as const).map((k) => (
            <i key={k} style={{ background: QUAD_COLORS[k] }} />
          ))}{' '}
          events by quad class · <span className="dash" /> disputed
        </div>
        {top.length > 0 && (
          <ol className="top-regions" aria-label="Busiest regions (filter by region)">
            {top.map((r) => (
              <li key={r.code}>
                <button
                  type="button"
                  data-testid="region-button"
                  data-code={r.code}
                  aria-pressed={selectedRegions.includes(r.code)}
                  onClick={() => onToggleRegion(r.code)}
                >
                  {r.name} <small>{formatCount(r.count)}</small>
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
