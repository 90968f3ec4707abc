import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef, useState } from 'react';
import { DARK, LIGHT, offlineStyle } from './map-style.ts';

// Vite bundles the worker separately; MapLibre must be told where it is or it fails to start.
maplibregl.setWorkerUrl(workerUrl);

type Collection = FeatureCollection;

export interface MapPaneProps {
  regions: Collection | null;
  events: Collection | null;
  selectedRegions: string[];
  onToggleRegion(code: string): void;
  onSelectEvent(id: string): void;
}

declare global {
  interface Window {
    /** Set once the map has drawn its data; browser tests wait for it. */
    __mapLoaded?: boolean;
  }
}

/** The offline MapLibre map: countries, an admin-1 choropleth of the filtered events, and event points. */
export function MapPane({ regions, events, selectedRegions, onToggleRegion, onSelectEvent }: MapPaneProps) {
  const container = useRef<HTMLElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const fitted = useRef(false);
  const handlers = useRef({ onToggleRegion, onSelectEvent });
  handlers.current = { onToggleRegion, onSelectEvent };

  useEffect(() => {
    if (!container.current) return;
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    const m = new maplibregl.Map({
      container: container.current,
      style: offlineStyle(new URL('/', window.location.href).href, dark ? DARK : LIGHT),
      center: [30, 45],
      zoom: 2,
      attributionControl: false,
      renderWorldCopies: false,
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(
      new maplibregl.AttributionControl({
        compact: true,
        customAttribution:
          'Boundaries: Natural Earth (public domain); Crimea shown as part of Ukraine (de jure). Events: Parallax workspace.',
      }),
    );
    m.on('load', () => setReady(true));
    m.on('click', 'event-points', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') handlers.current.onSelectEvent(id);
    });
    m.on('click', 'event-clusters', (e) => {
      const f = e.features?.[0];
      if (f?.geometry.type === 'Point')
        m.easeTo({ center: f.geometry.coordinates as [number, number], zoom: m.getZoom() + 2 });
    });
    m.on('click', 'regions-fill', (e) => {
      if (m.queryRenderedFeatures(e.point, { layers: ['event-points', 'event-clusters'] }).length) return;
      const code = e.features?.[0]?.properties?.code;
      if (typeof code === 'string') handlers.current.onToggleRegion(code);
    });
    for (const layer of ['event-points', 'event-clusters', 'regions-fill']) {
      m.on('mouseenter', layer, () => {
        m.getCanvas().style.cursor = 'pointer';
      });
      m.on('mouseleave', layer, () => {
        m.getCanvas().style.cursor = '';
      });
    }
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      setReady(false);
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    {
      const max = Math.max(1, ...(regions?.features ?? []).map((f) => Number(f.properties?.count ?? 0)));
      const shaded: Collection = {
        type: 'FeatureCollection',
        features: (regions?.features ?? []).map((f) => ({
          ...f,
          properties: { ...f.properties, share: Math.sqrt(Number(f.properties?.count ?? 0) / max) },
        })),
      };
      (m.getSource('regions') as maplibregl.GeoJSONSource | undefined)?.setData(shaded);
      (m.getSource('events') as maplibregl.GeoJSONSource | undefined)?.setData(
        events ?? { type: 'FeatureCollection', features: [] },
      );
      for (const f of regions?.features ?? []) {
        const code = f.properties?.code;
        if (typeof code === 'string')
          m.setFeatureState({ source: 'regions', id: code }, { selected: selectedRegions.includes(code) });
      }
      if (!fitted.current && events?.features.length) {
        const bounds = new maplibregl.LngLatBounds();
        for (const f of events.features)
          if (f.geometry.type === 'Point') bounds.extend(f.geometry.coordinates as [number, number]);
        m.fitBounds(bounds, { padding: 40, maxZoom: 5, duration: 0 });
        fitted.current = true;
      }
      if (regions && events) {
        m.once('idle', () => {
          window.__mapLoaded = true;
        });
      }
    }
  }, [ready, regions, events, selectedRegions]);

  return <section className="map" data-testid="map" ref={container} aria-label="Map of events" />;
}
