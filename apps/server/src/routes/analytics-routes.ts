import { readFileSync } from 'node:fs';
import { eventTimeline } from '@parallax/app';
import type { Actor, ActorId } from '@parallax/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../api-error.ts';
import { eventFilterFrom, filterQuery, type RouteContext } from './route-context.ts';

const bucketSchema = z.object({ date: z.string(), counts: z.record(z.string(), z.number()), total: z.number() });

const timelineSchema = z.object({
  interval: z.enum(['hour', 'day', 'week', 'month']),
  stack: z.enum(['quadClass', 'plover', 'status']),
  basis: z.enum(['event', 'report']),
  buckets: z.array(bucketSchema).describe('Bucket starts: YYYY-MM-DD, or YYYY-MM-DDTHH:00Z for hours.'),
  dayOnly: z.array(bucketSchema).describe('With interval=hour: events known only to the day, per day.'),
  undated: z.number().describe('Events matching the filter that have no date on this basis.'),
  counted: z.number(),
  partial: z
    .boolean()
    .describe('Always false; kept for compatibility (every interval and basis is aggregated by the store).'),
});

const featureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      }),
    ),
  })
  .meta({ id: 'PointFeatureCollection' });

type Polygonal = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

const polygonCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.unknown() }),
        properties: z.object({ code: z.string(), name: z.string(), count: z.number() }),
      }),
    ),
  })
  .meta({ id: 'RegionFeatureCollection' });

export function registerAnalyticsRoutes(app: FastifyInstance, { workbench }: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/timeline',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Events per hour, day, week or month under a filter, stacked by quad class, PLOVER type or status, placed by event time or by first report',
        querystring: filterQuery({
          interval: z.enum(['hour', 'day', 'week', 'month']).default('day'),
          stack: z.enum(['quadClass', 'plover', 'status']).default('quadClass'),
          basis: z
            .enum(['event', 'report'])
            .default('event')
            .describe('event: when it happened; report: when the first document carrying it was published'),
        }),
        response: { 200: timelineSchema, 400: apiErrorSchema },
      },
    },
    async (req) => {
      const { interval, stack, basis, ...qs } = req.query;
      const filter = await eventFilterFrom(workbench, qs);
      return eventTimeline(workbench.store, filter, { interval, stack, basis });
    },
  );

  // Label points of admin-1 units and countries, read once: region aggregates come back as GeoJSON
  // points at each unit's label position, light enough to send on every filter change.
  let labels: Map<string, [number, number]> | null = null;
  const labelPoints = () => {
    if (!labels) {
      labels = new Map();
      for (const file of ['ne_admin1_label_points.geojson', 'ne_admin0_label_points.geojson']) {
        const geo = JSON.parse(readFileSync(`${workbench.reference.dir}geo/${file}`, 'utf8')) as {
          features: {
            properties: { iso_3166_2?: string; adm0_a3?: string };
            geometry: { coordinates: [number, number] };
          }[];
        };
        for (const f of geo.features) {
          const code = f.properties.iso_3166_2 ?? f.properties.adm0_a3;
          if (code && !labels.has(code)) labels.set(code, f.geometry.coordinates);
        }
      }
    }
    return labels;
  };

  // Polygons of the units that have events, so the map never has to load all 4,596 admin-1 shapes.
  const shapeCache = new Map<string, Map<string, { name: string; geometry: Polygonal }>>();
  const polygons = (level: 'admin1' | 'country') => {
    let shapes = shapeCache.get(level);
    if (!shapes) {
      shapes = new Map();
      const file = level === 'admin1' ? 'ne_admin1.geojson' : 'ne_admin0.geojson';
      const geo = JSON.parse(readFileSync(`${workbench.reference.dir}geo/${file}`, 'utf8')) as {
        features: { properties: Record<string, string | undefined>; geometry: Polygonal }[];
      };
      for (const f of geo.features) {
        const code = level === 'admin1' ? f.properties.iso_3166_2 : f.properties.adm0_a3;
        if (code && !shapes.has(code))
          shapes.set(code, { name: f.properties.name_en ?? f.properties.name ?? code, geometry: f.geometry });
      }
      shapeCache.set(level, shapes);
    }
    return shapes;
  };

  api.get(
    '/api/map/regions',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Event counts per admin-1 unit (ISO 3166-2) or country (ISO 3166-1 alpha-3) as GeoJSON label points',
        querystring: filterQuery({
          level: z.enum(['admin1', 'country']).default('admin1'),
          geometry: z.enum(['point', 'polygon']).default('point').describe("label points, or the units' polygons"),
        }),
        response: { 200: z.union([featureCollection, polygonCollection]), 400: apiErrorSchema },
      },
    },
    async (req) => {
      const { level, geometry, ...qs } = req.query;
      const filter = await eventFilterFrom(workbench, qs);
      const counts = await workbench.store.placeCounts(filter, level);
      if (geometry === 'polygon') {
        const shapes = polygons(level);
        return {
          type: 'FeatureCollection' as const,
          features: counts.flatMap((c) => {
            const shape = shapes.get(c.code);
            return shape
              ? [
                  {
                    type: 'Feature' as const,
                    geometry: shape.geometry,
                    properties: { code: c.code, name: shape.name, count: c.count },
                  },
                ]
              : [];
          }),
        };
      }
      const points = labelPoints();
      return {
        type: 'FeatureCollection' as const,
        features: counts.flatMap((c) => {
          const at = points.get(c.code);
          return at
            ? [
                {
                  type: 'Feature' as const,
                  geometry: { type: 'Point' as const, coordinates: at },
                  properties: { code: c.code, count: c.count },
                },
              ]
            : [];
        }),
      };
    },
  );

  let disputed: { type: 'FeatureCollection'; features: unknown[] } | null = null;
  api.get(
    '/api/map/disputed',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Admin-1 units whose de jure country (ISO 3166-2) differs from the country administering them (Natural Earth), for the map to mark',
        response: {
          200: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(
              z.object({
                type: z.literal('Feature'),
                geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.unknown() }),
                properties: z.object({
                  code: z.string().describe('ISO 3166-2 code, under which events there are counted'),
                  name: z.string(),
                  dejure: z.string().describe('ISO 3166-1 alpha-2 of the country the code belongs to'),
                  administeredBy: z.string().describe('ISO 3166-1 alpha-2 of the administering country'),
                }),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      if (!disputed) {
        const geo = JSON.parse(readFileSync(`${workbench.reference.dir}geo/ne_admin1.geojson`, 'utf8')) as {
          features: { properties: Record<string, string | undefined>; geometry: Polygonal }[];
        };
        disputed = {
          type: 'FeatureCollection',
          features: geo.features.flatMap((f) => {
            const { iso_3166_2: code, cc, iso_a2: admin } = f.properties;
            if (!code || !cc || !admin || admin === '-99' || cc === admin) return [];
            return [
              {
                type: 'Feature' as const,
                geometry: f.geometry,
                properties: {
                  code,
                  name: f.properties.name_en ?? f.properties.name ?? code,
                  dejure: cc,
                  administeredBy: admin,
                },
              },
            ];
          }),
        };
      }
      return disputed as never;
    },
  );

  api.get(
    '/api/map/events',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Located events under a filter as GeoJSON points, newest first',
        querystring: filterQuery({ limit: z.coerce.number().int().min(1).max(20_000).default(5000) }),
        response: { 200: featureCollection, 400: apiErrorSchema },
      },
    },
    async (req) => {
      const { limit, ...qs } = req.query;
      const filter = await eventFilterFrom(workbench, qs);
      // A whole-world box keeps only events that have coordinates.
      const page = await workbench.store.listEvents(
        { ...filter, bbox: filter.bbox ?? [-180, -90, 180, 90] },
        { limit },
      );
      return {
        type: 'FeatureCollection' as const,
        features: page.items.map((e) => ({
          type: 'Feature' as const,
          geometry: {
            type: 'Point' as const,
            coordinates: [e.frame.place?.lon ?? 0, e.frame.place?.lat ?? 0] as [number, number],
          },
          properties: {
            id: e.id,
            plover: e.frame.plover?.type ?? null,
            quadClass: e.frame.quadClass,
            credibility: e.credibility,
            status: e.status,
            place: e.frame.place?.name ?? null,
            date: e.frame.time?.start ?? null,
            claims: e.claimIds.length,
          },
        })),
      };
    },
  );

  api.get(
    '/api/network',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Actor network under a filter: the heaviest source→target edges and their actors',
        querystring: filterQuery({ limit: z.coerce.number().int().min(1).max(50_000).default(500) }),
        response: {
          200: z.object({
            nodes: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                code: z.string().nullable(),
                kind: z.string(),
                degree: z.number(),
              }),
            ),
            edges: z.array(
              z.object({
                source: z.string(),
                target: z.string(),
                count: z.number(),
                goldsteinSum: z.number(),
                quadCounts: z.tuple([z.number(), z.number(), z.number(), z.number()]),
              }),
            ),
          }),
          400: apiErrorSchema,
        },
      },
    },
    async (req) => {
      const { limit, ...qs } = req.query;
      const filter = await eventFilterFrom(workbench, qs);
      const edges = await workbench.store.actorEdges(filter, limit);
      const degree = new Map<ActorId, number>();
      for (const e of edges) {
        degree.set(e.source, (degree.get(e.source) ?? 0) + e.count);
        degree.set(e.target, (degree.get(e.target) ?? 0) + e.count);
      }
      const actors = new Map<string, Actor>((await workbench.store.listActors()).map((a) => [a.id, a]));
      const nodes = [...degree].map(([id, d]) => {
        const a = actors.get(id);
        return { id, name: a?.name ?? id, code: a?.codes[0] ?? null, kind: a?.kind ?? 'other', degree: d };
      });
      return { nodes, edges };
    },
  );
}
